"""The constructions real reports use for changes of control, in sentences of our own from many wars.

Each family of the events issue has sentences from several wars, each
with the events an analyst reads in it; then look-alikes that must give
no change of control (planned, failed, negated, hypothetical, threats,
states). Places are built here, located or not (``Place.unlocated``), so
these tests do not wait on the gazetteer.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from geo.extract.events import extract_events
from geo.read.articles import make_article
from geo.records import EventKind, Mention, Place, PlaceKind, Precision

# name -> (kind, country); names in UNLOCATED are places no gazetteer locates.
_PLACES = {
    # Ukraine 2022-2024 and the Donbas of 2014
    "Avdiivka": ("town", "UA"), "Vuhledar": ("town", "UA"), "Robotyne": ("village", "UA"), "Kherson": ("city", "UA"),
    "Svatove": ("town", "UA"), "Vovchansk": ("town", "UA"), "Chasiv Yar": ("town", "UA"), "Marinka": ("town", "UA"),
    "Snihurivka": ("town", "UA"), "Staromaiorske": ("village", "UA"), "Urozhaine": ("village", "UA"),
    "Debaltseve": ("town", "UA"), "Ilovaisk": ("town", "UA"), "Shchastia": ("town", "UA"), "Andriivka": ("village", "UA"),
    "Pokrovsk": ("city", "UA"), "Nova Kakhovka": ("city", "UA"), "Bakhmut": ("city", "UA"),
    "Kharkiv": ("city", "UA"), "Kupiansk": ("town", "UA"), "Donetsk": ("city", "UA"), "Mariupol": ("city", "UA"),
    # districts of a city
    "Sheikh Maqsoud": ("district", "SY"), "Karrada": ("district", "IQ"),
    # Sudan
    "Wad Madani": ("city", "SD"), "El Geneina": ("city", "SD"), "Nyala": ("city", "SD"), "Omdurman": ("city", "SD"),
    "Sinja": ("city", "SD"), "El Obeid": ("city", "SD"), "El Fasher": ("city", "SD"), "Gezira state": ("province", "SD"),
    "North Darfur state": ("province", "SD"),
    # DR Congo
    "Rubaya": ("town", "CD"), "Sake": ("town", "CD"), "Kitshanga": ("town", "CD"), "Kiwanja": ("town", "CD"),
    "Goma": ("city", "CD"), "Rutshuru": ("town", "CD"),
    # Syria
    "Aleppo": ("city", "SY"), "Manbij": ("town", "SY"), "Tal Abyad": ("town", "SY"), "Deir ez-Zor": ("city", "SY"),
    "Maarat al-Numan": ("town", "SY"), "Idlib": ("city", "SY"), "Raqqa": ("city", "SY"), "Hama": ("city", "SY"),
    "Srebrenica": ("town", "BA"), "Tripoli": ("city", "LY"), "Irpin": ("town", "UA"), "Bucha": ("town", "UA"), "Hostomel": ("town", "UA"), "Kyiv region": ("province", "UA"),
    "Saraqeb": ("town", "SY"), "Kurylivka": ("village", "UA"), "Petropavlivka": ("village", "UA"),
    "Shusha": ("town", "AZ"), "Stepanakert": ("city", "AZ"), "Kobani": ("town", "SY"), "Palmyra": ("town", "SY"), "Tal Hamis": ("village", "SY"),
    # Iraq
    "Ramadi": ("city", "IQ"), "Fallujah": ("city", "IQ"), "Tikrit": ("city", "IQ"), "Tal Afar": ("town", "IQ"),
    "Haditha": ("town", "IQ"),
    # Yemen
    "Aden": ("city", "YE"), "Taiz": ("city", "YE"), "Hazm": ("town", "YE"), "Mocha": ("town", "YE"),
    "Zinjibar": ("town", "YE"), "Hodeidah": ("city", "YE"),
    # Libya
    "Marawi": ("city", "PH"), "Sirte": ("city", "LY"), "Gharyan": ("city", "LY"), "Tarhuna": ("town", "LY"), "Misrata": ("city", "LY"),
    # Afghanistan
    "Kandahar": ("city", "AF"), "Kunduz": ("city", "AF"), "Herat": ("city", "AF"), "Ghazni": ("city", "AF"), "Faizabad": ("city", "AF"),
    "Mazar-i-Sharif": ("city", "AF"), "Qalat": ("town", "AF"), "Zabul province": ("province", "AF"), "Kabul": ("city", "AF"),
    "Khost": ("town", "AF"), "Asadabad": ("town", "AF"), "Jalalabad": ("city", "AF"),
    # Somalia
    "Kismayo": ("city", "SO"), "Baidoa": ("city", "SO"), "Beledweyne": ("city", "SO"), "Mogadishu": ("city", "SO"),
    # Mali
    "Timbuktu": ("city", "ML"), "Kidal": ("town", "ML"), "Menaka": ("town", "ML"), "Tessalit": ("town", "ML"),
    # Ethiopia
    "Tigray": ("province", "ET"), "Helmand": ("province", "AF"), "Lashkar Gah": ("city", "AF"), "Borno": ("province", "NG"),
    "Mekelle": ("city", "ET"), "Lalibela": ("town", "ET"), "Woldiya": ("town", "ET"),
    # Myanmar
    "Laukkai": ("town", "MM"), "Hsenwi": ("town", "MM"), "Kunlong": ("town", "MM"), "Kyauktaw": ("town", "MM"),
    "Sittwe": ("city", "MM"),
    # Nagorno-Karabakh
    "Hadrut": ("town", "AZ"), "Fuzuli": ("town", "AZ"), "Jabrayil": ("town", "AZ"), "Martuni": ("town", "AZ"),
    # Gaza
    "Khan Younis": ("city", "PS"), "Rafah": ("city", "PS"), "Beit Hanoun": ("town", "PS"), "Jabalia": ("town", "PS"),
    # Mozambique, Nigeria
    "Palma": ("town", "MZ"), "Macomia": ("town", "MZ"), "Mueda": ("town", "MZ"), "Monguno": ("town", "NG"),
    "Gwoza": ("town", "NG"), "Dikwa": ("town", "NG"),
    # South Sudan, Ituri
    "Bor": ("town", "SS"), "Malakal": ("city", "SS"), "Bunia": ("city", "CD"),
    "Amhara region": ("province", "ET"),
    "Qaraqosh": ("town", "IQ"), "Tel Keppe": ("town", "IQ"), "Bartella": ("town", "IQ"),
    "Mosul": ("city", "IQ"),
    # Burkina Faso
    "Djibo": ("town", "BF"), "Ouagadougou": ("city", "BF"),
    # Sri Lanka, Central African Republic
    "Grozny": ("city", "RU"), "Kilinochchi": ("town", "LK"), "Mullaitivu": ("town", "LK"), "Bambari": ("town", "CF"),
    # Kursk
    "Sudzha": ("town", "RU"), "Kursk region": ("province", "RU"), "Lysychansk": ("city", "UA"), "Luhansk": ("city", "UA"),
    "Luhansk region": ("province", "UA"), "al-Jawf": ("province", "YE"),
    # Croatia 1995, Lebanon 2006
    "Knin": ("town", "HR"), "Bint Jbeil": ("town", "LB"),
    # Croatia 1991, Kosovo, the Philippines, Uganda, Myanmar's east, Western Sahara, Sierra Leone, Cambodia
    "Vukovar": ("town", "HR"), "Malisevo": ("village", "XK"), "Pristina": ("city", "XK"), "Kauswagan": ("town", "PH"),
    "Kitgum": ("town", "UG"), "Myawaddy": ("town", "MM"), "Falam": ("town", "MM"), "Tifariti": ("village", "EH"), "Freetown": ("city", "SL"),
    "Phnom Penh": ("city", "KH"), "Damascus": ("city", "SY"), "Walikale": ("town", "CD"), "Bentiu": ("town", "SS"),
}
UNLOCATED = {"Staromaiorske", "Urozhaine", "Tal Hamis", "Snihurivka", "Andriivka", "Kyauktaw"}


def _place(name: str) -> Place:
    kind, country = _PLACES[name]
    if name in UNLOCATED:
        return Place.unlocated(name, kind=PlaceKind(kind), country=country)
    return Place(f"test:{name.casefold().replace(' ', '-')}", name, 10.0, 20.0, PlaceKind(kind), country)


PLACES = {name: _place(name) for name in _PLACES}


def mentions_of(article) -> list[Mention]:
    found, taken = [], []
    for name in sorted(PLACES, key=len, reverse=True):
        for match in re.finditer(rf"\b{re.escape(name)}\b", article.text):
            if any(match.start() < b and a < match.end() for a, b in taken):
                continue
            taken.append((match.start(), match.end()))
            hint = "the village of" if name in UNLOCATED else ""
            found.append(Mention(article.id, match.start(), match.end(), name, PLACES[name], 1.0, "", hint))
    return sorted(found, key=lambda m: m.start)


PUBLISHED = date(2023, 6, 17)  # a Saturday


def events_of(text: str, published: date | None = PUBLISHED):
    article = make_article(text, "report.txt", published=published)
    return extract_events(article, mentions_of(article))


def triples(events) -> set[tuple[str, str, str]]:
    return {(e.place.name, e.actor, e.kind.value) for e in events}


CAP, RECAP, LEFT, FIGHT, SIEGE, HELD = "captured", "recaptured", "withdrew", "contested", "besieged", "control"

# (war, text, events)
WITHDRAWALS = [
    ("Libya", "LNA fighters pulled back from Tarhuna on Friday, leaving the town to the GNA.", {("Tarhuna", "LNA", LEFT)}),
    ("Yemen", "Government troops withdrew from Hazm as Houthi forces advanced.", {("Hazm", "Yemeni government", LEFT)}),
    ("Congo", "The Congolese army lost control of Kitshanga on Sunday.", {("Kitshanga", "FARDC", LEFT)}),
    ("Karabakh", "Armenian troops had left Jabrayil before Azerbaijani units arrived.", {("Jabrayil", "Armenian forces", LEFT)}),
    ("Ukraine", "Ukrainian troops were leaving Avdiivka on Friday, a military spokesman said.", {("Avdiivka", "Ukrainian forces", LEFT)}),
    ("Sudan", "The army confirmed the withdrawal of government troops from Wad Madani.", {("Wad Madani", "SAF", LEFT)}),
    ("Congo", "Congolese troops abandoned Rubaya overnight as M23 fighters approached.", {("Rubaya", "FARDC", LEFT)}),
    ("Afghanistan", "Taliban fighters surrounded Ghazni on Thursday.\nGovernment troops had pulled back overnight.",
     {("Ghazni", "Taliban", SIEGE), ("Ghazni", "Afghan government", LEFT)}),
    ("Somalia", "Somali troops were driven out of Baidoa by al-Shabaab fighters.",
     {("Baidoa", "Somali government", LEFT), ("Baidoa", "al-Shabaab", CAP)}),
    ("Gaza", "Hamas fighters fled Beit Hanoun after a week of fighting.", {("Beit Hanoun", "Hamas", LEFT)}),
    ("Sudan", "The RSF pushed the army out of Nyala on Thursday.", {("Nyala", "RSF", CAP), ("Nyala", "SAF", LEFT)}),
    ("Iraq", "Iraqi forces drove Islamic State militants from Tikrit.",
     {("Tikrit", "Iraqi government", RECAP), ("Tikrit", "ISIL", LEFT)}),
    ("Ethiopia", "Tigrayan forces said they had retreated from Lalibela.", {("Lalibela", "TPLF", LEFT)}),
    ("Karabakh", "Azerbaijani troops forced Armenian forces out of Hadrut.",
     {("Hadrut", "Azerbaijani forces", RECAP), ("Hadrut", "Armenian forces", LEFT)}),
    ("Libya", "Haftar's forces retreated south of Gharyan after the city's defences collapsed.", {("Gharyan", "LNA", LEFT)}),
    ("Mali", "Malian soldiers and Wagner fighters left Tessalit, the base's commander said.",
     {("Tessalit", "Malian government", LEFT), ("Tessalit", "Russian forces", LEFT)}),
    ("Mali", "JNIM fighters withdrew from Menaka after holding it for a day.", {("Menaka", "JNIM", LEFT)}),
    ("Nigeria", "The army garrison in Monguno fled when Boko Haram attacked.", {("Monguno", "Nigerian government", LEFT)}),
    ("Myanmar", "Junta troops evacuated Sittwe's airport and then abandoned Sittwe.", {("Sittwe", "Myanmar military", LEFT)}),
    ("Ukraine 2014", "Separatist fighters pulled out of Debaltseve, the defence ministry said.",
     {("Debaltseve", "pro-Russian separatists", LEFT)}),
    ("Somalia", "Al-Shabaab seized Kismayo after routing a pro-government militia whose fighters fled their positions.",
     {("Kismayo", "al-Shabaab", CAP), ("Kismayo", "Somali government", LEFT)}),
    ("Syria", "Islamic State militants seized Palmyra on Wednesday and government troops fled.",
     {("Palmyra", "ISIL", CAP), ("Palmyra", "Syrian government", LEFT)}),
    # the army's own word for its withdrawal
    ("Syria", "The Syrian army said it had redeployed its troops outside Hama.", {("Hama", "Syrian government", LEFT)}),
    ("Ukraine", "Ukrainian units repositioned their forces outside Vuhledar on Friday.", {("Vuhledar", "Ukrainian forces", LEFT)}),
    ("Syria", "Rebels entered Hama on Thursday. The army said it had redeployed outside the city.",
     {("Hama", "Syrian rebels", FIGHT), ("Hama", "Syrian government", LEFT)}),
    # fled or withdrew into somewhere unnamed, or in a direction: a withdrawal from the place told
    ("Mali", "French troops entered Timbuktu on Monday after MNLA fighters fled into the desert.",
     {("Timbuktu", "French-led forces", FIGHT), ("Timbuktu", "Tuareg rebels", LEFT)}),
    ("Somalia", "Kenyan troops entered Kismayo at dawn. Al-Shabaab fighters had fled north overnight.",
     {("Kismayo", "Kenyan forces", FIGHT), ("Kismayo", "al-Shabaab", LEFT)}),
    # ground gained inside a place, or at its edge, is a fight for it
    ("Ukraine", "Russian forces recently advanced in northeastern Avdiivka on February 9.", {("Avdiivka", "Russian forces", FIGHT)}),
    ("Ukraine", "Footage shows that Russian forces advanced to the northern outskirts of Chasiv Yar.",
     {("Chasiv Yar", "Russian forces", FIGHT)}),
    ("Sudan", "RSF fighters reached the outskirts of El Obeid on Friday.", {("El Obeid", "RSF", FIGHT)}),
    # people who flee are no side withdrawing
    ("Mali", "JNIM fighters took control of Menaka on Sunday as hundreds of residents fled to the countryside.",
     {("Menaka", "JNIM", CAP)}),
    ("Mozambique", "Insurgents have taken control of Palma after a four-day assault, as hundreds of people, including "
                   "foreign workers, fled to a nearby hotel.", {("Palma", "unidentified militants", CAP)}),
    # "lost X to Y": Y takes it, and the side that lost it is never Y
    ("Syria", "The jihadists lost Raqqa to the SDF in October 2017.", {("Raqqa", "SDF", CAP)}),
    ("Afghanistan", "Government forces lost Kunduz to the Taliban on Sunday.",
     {("Kunduz", "Afghan government", LEFT), ("Kunduz", "Taliban", CAP)}),
    ("Afghanistan", "Rebels handed Khost to the Taliban.", {("Khost", "Taliban", CAP)}),
    # a side's allies named with it are its own side, not the article's other one
    ("Somalia", "Somali government forces and allied clan militias recaptured Beledweyne from al-Shabaab on Tuesday.",
     {("Beledweyne", "Somali government", RECAP)}),
    ("Yemen", "Houthi fighters and allied tribesmen seized Hazm from government troops on Sunday.", {("Hazm", "Houthis", CAP)}),
    # a siege named with no side is laid by the side the report says besieges the place
    ("Ukraine", "The siege of Mariupol began in March, when Russian troops encircled the city. Ukrainian troops retook "
                "Kherson in November.", {("Mariupol", "Russian forces", SIEGE), ("Kherson", "Ukrainian forces", RECAP)}),
    # "May" the month is no modal
    ("Burkina Faso", "In May, JNIM fighters seized Djibo, killing dozens.", {("Djibo", "JNIM", CAP)}),
    # a place told back in a side's control, with a date of its own
    ("Mali", "Kidal returned to the control of the army on Tuesday.", {("Kidal", "Malian government", RECAP)}),
    ("Yemen", "Hazm returned to Houthi control on Sunday.", {("Hazm", "Houthis", CAP)}),
    # "it" as the subject: the place named before it in the sentence
    ("Mozambique", "Government troops regained control of Mueda on Friday, a week after it fell to insurgents.",
     {("Mueda", "Mozambican government", RECAP), ("Mueda", "unidentified militants", CAP)}),
    ("Philippines", "The army entered Marawi in October, months after it was seized by the Maute group.",
     {("Marawi", "Philippine forces", FIGHT), ("Marawi", "Maute group", CAP)}),
    # a passive take names the side it was taken from, then the side that took it
    ("Iraq", "Tikrit was freed from Islamic State control by Shia militias on Friday.", {("Tikrit", "Shia militias", RECAP)}),
    ("Syria", "Aleppo was seized from government forces by HTS fighters on Saturday.", {("Aleppo", "HTS", CAP)}),
    # victory declared in a place is its retaking
    ("Iraq", "Iraqi Prime Minister Haider al-Abadi on Monday declared victory over the Islamic State group in Mosul.",
     {("Mosul", "Iraqi government", RECAP)}),
    ("Philippines", "Philippine troops declared victory in Marawi on Tuesday.", {("Marawi", "Philippine forces", RECAP)}),
    # in a war a foreign state's army fights, with no force of the country's own named, "the army" is that army
    ("Lebanon", "Israeli troops fought Hezbollah guerrillas for control of Bint Jbeil on Wednesday. The army withdrew "
                "from the town on Saturday.", {("Bint Jbeil", "Israeli forces", FIGHT), ("Bint Jbeil", "Israeli forces", LEFT)}),
    ("Gaza", "Israeli forces pushed into Khan Younis. The army later pulled out of Khan Younis.",
     {("Khan Younis", "Israeli forces", FIGHT), ("Khan Younis", "Israeli forces", LEFT)}),
    # a force loyal to a person no lexicon names is his faction, not the side that takes the city
    ("Afghanistan", "Mazar-i-Sharif fell to the Taliban on Saturday when militia forces loyal to Abdul Rashid Dostum "
                    "surrendered.", {("Mazar-i-Sharif", "Taliban", CAP),
                                     ("Mazar-i-Sharif", "militia forces loyal to Abdul Rashid Dostum", LEFT)}),
    # an object relative whose verb is a take, after a place the sentence moves towards
    ("Ukraine", "Russian forces advanced towards Marinka, which they captured in December.", {("Marinka", "Russian forces", CAP)}),
    ("Nigeria", "Nigerian troops retook Gwoza on Friday. Boko Haram fighters put up fierce resistance before abandoning "
                "their positions.", {("Gwoza", "Nigerian government", RECAP), ("Gwoza", "Boko Haram", LEFT)}),
    ("Sri Lanka", "Soldiers captured Kilinochchi on Friday after Tamil Tiger fighters withdrew eastwards.",
     {("Kilinochchi", "Sri Lankan forces", RECAP), ("Kilinochchi", "LTTE", LEFT)}),
]

PLACE_FIRST = [
    ("Afghanistan", "Kandahar, which the Taliban had captured in August, was quiet.", {("Kandahar", "Taliban", CAP)}),
    ("Gaza", "Rafah, entered by Israeli troops in May, lay in ruins.", {("Rafah", "Israeli forces", FIGHT)}),
    ("Ukraine 2014", "Debaltseve, taken by the separatists in February, was without water for weeks.", {("Debaltseve", "pro-Russian separatists", CAP)}),
    ("Mali", "Timbuktu, which MUJAO had held since 2012, was retaken by French troops on Monday.", {("Timbuktu", "French-led forces", RECAP)}),
    ("Ukraine", "Svatove, seized by Russian troops in the spring, was shelled again on Tuesday.", {("Svatove", "Russian forces", CAP)}),
    ("Somalia", "Kismayo, a port al-Shabaab had overrun in 2008, is now quiet.", {("Kismayo", "al-Shabaab", CAP)}),
    ("Syria", "Aleppo, which the rebels had taken in 2012, was shelled for years.", {("Aleppo", "Syrian rebels", CAP)}),
    ("Syria", "Manbij, a town the SDF had overrun in 2016, was calm on Friday.", {("Manbij", "SDF", CAP)}),
    ("Iraq", "Tal Afar, retaken by Iraqi troops in August, is rebuilding.", {("Tal Afar", "Iraqi government", RECAP)}),
    ("Ethiopia", "Mekelle, captured by federal forces in November, was calm.", {("Mekelle", "Ethiopian government", RECAP)}),
    ("Myanmar", "Laukkai, the town the MNDAA took in January, has a new administration.", {("Laukkai", "MNDAA", CAP)}),
    ("Ukraine", "Robotyne, liberated by Ukrainian forces in August, lies in ruins.", {("Robotyne", "Ukrainian forces", RECAP)}),
    ("Yemen", "Hazm, which the Houthis seized last year, was bombed on Friday.", {("Hazm", "Houthis", CAP)}),
    ("Karabakh", "Fuzuli, which Azerbaijani forces retook in October, is being rebuilt.", {("Fuzuli", "Azerbaijani forces", RECAP)}),
    ("Mozambique", "Palma, overrun by Islamist insurgents in March, is empty.", {("Palma", "Islamist insurgents", CAP)}),
    ("Sudan", "El Geneina, which has fallen to the RSF, lies near the border.", {("El Geneina", "RSF", CAP)}),
    ("Libya", "Sirte, which the GNA's forces cleared of Islamic State fighters in December, is calm.", {("Sirte", "GNA", RECAP)}),
    ("Congo", "Kitshanga, taken by M23 rebels in January, remains tense.", {("Kitshanga", "M23", CAP)}),
]

LISTS = [
    ("Sudan", "The army recaptured Omdurman and the nearby town of Sinja.", {("Omdurman", "SAF", RECAP), ("Sinja", "SAF", RECAP)}),
    ("Ukraine", "Russian forces captured Avdiivka, Marinka and Vuhledar over the winter.",
     {("Avdiivka", "Russian forces", CAP), ("Marinka", "Russian forces", CAP), ("Vuhledar", "Russian forces", CAP)}),
    ("Ethiopia", "Tigrayan forces seized Woldiya and Lalibela.", {("Woldiya", "TPLF", CAP), ("Lalibela", "TPLF", CAP)}),
    ("Ukraine", "Ukrainian troops recaptured the villages of Robotyne, Staromaiorske and Urozhaine.",
     {("Robotyne", "Ukrainian forces", RECAP), ("Staromaiorske", "Ukrainian forces", RECAP), ("Urozhaine", "Ukrainian forces", RECAP)}),
    ("Afghanistan", "The Taliban took three provincial capitals on Friday: Herat, Kandahar and Ghazni.",
     {("Herat", "Taliban", CAP), ("Kandahar", "Taliban", CAP), ("Ghazni", "Taliban", CAP)}),
    ("Sudan", "The RSF captured the state capital, Wad Madani, and the town of Sinja.",
     {("Wad Madani", "RSF", CAP), ("Sinja", "RSF", CAP)}),
    ("Congo", "M23 fighters seized Rubaya, Sake and Kitshanga.", {("Rubaya", "M23", CAP), ("Sake", "M23", CAP), ("Kitshanga", "M23", CAP)}),
    ("Libya", "Government forces retook six towns, including Tarhuna and Gharyan.", {("Tarhuna", "GNA", RECAP), ("Gharyan", "GNA", RECAP)}),
    ("Iraq", "Islamic State fighters overran Ramadi and the nearby city of Fallujah.", {("Ramadi", "ISIL", CAP), ("Fallujah", "ISIL", CAP)}),
    ("Mali", "The militants seized Timbuktu, the desert city, and Kidal.",
     {("Timbuktu", "unidentified militants", CAP), ("Kidal", "unidentified militants", CAP)}),
    ("Yemen", "Houthi rebels captured Hazm, the capital of al-Jawf province, and two nearby districts.", {("Hazm", "Houthis", CAP)}),
    ("Myanmar", "The junta lost Laukkai, Hsenwi and Kunlong within weeks.",
     {("Laukkai", "Myanmar military", LEFT), ("Hsenwi", "Myanmar military", LEFT), ("Kunlong", "Myanmar military", LEFT)}),
    ("Afghanistan", "The Taliban took two more capitals over the weekend — Faizabad, the capital of Badakhshan, and Mazar-i-Sharif.",
     {("Faizabad", "Taliban", CAP), ("Mazar-i-Sharif", "Taliban", CAP)}),
    # a place before the verb with an apposition naming its province: the place, not the province, changed hands
    ("Afghanistan", "Qalat, capital of Zabul province, fell to the Taliban on Friday.", {("Qalat", "Taliban", CAP)}),
    ("Sudan", "Wad Madani, the capital of Gezira state, was captured by the RSF in December.", {("Wad Madani", "RSF", CAP)}),
    # ... or a measure from another place: the place measured changed hands, not the one it is measured from
    ("Afghanistan", "Kandahar, about 460 kilometres (290 miles) south-west of Kabul, was taken overnight by the Taliban.",
     {("Kandahar", "Taliban", CAP)}),
    ("Ukraine", "Kupiansk, 120 km east of Kharkiv, fell to Russian forces in February 2022.", {("Kupiansk", "Russian forces", CAP)}),
    # ... and a chain of them: the first place of the chain
    ("Sudan", "Nyala, 180 km south of El Fasher, the capital of North Darfur state, was overrun by the RSF in October.",
     {("Nyala", "RSF", CAP)}),
    ("Sudan", "The RSF took control of Wad Madani, the capital of Gezira state and a refuge for the displaced, on Tuesday.",
     {("Wad Madani", "RSF", CAP)}),
    # a list goes on past a measure's apposition, whose reference is no part of it (Iraq 2014, Sudan)
    ("Iraq 2014", "Islamic State militants also captured Qaraqosh, Iraq's biggest Christian town, about 30 km south-east of "
     "Mosul, and the towns of Tel Keppe and Bartella.",
     {("Qaraqosh", "ISIL", CAP), ("Tel Keppe", "ISIL", CAP), ("Bartella", "ISIL", CAP)}),
    ("Sudan", "The RSF seized Nyala, 180 km south of El Fasher, and the cities of Sinja and El Obeid.",
     {("Nyala", "RSF", CAP), ("Sinja", "RSF", CAP), ("El Obeid", "RSF", CAP)}),
    ("Somalia", "Somali forces and AMISOM troops recaptured Baidoa and Beledweyne.",
     {("Baidoa", "Somali government", RECAP), ("Beledweyne", "Somali government", RECAP)}),
]

PARTIAL = [
    ("Karabakh", "Azerbaijani forces entered Hadrut on Friday.", {("Hadrut", "Azerbaijani forces", FIGHT)}),
    ("Yemen", "Houthi fighters seized Taiz's eastern districts.", {("Taiz", "Houthis", FIGHT)}),
    ("Ethiopia", "Federal troops captured the outskirts of Mekelle.", {("Mekelle", "Ethiopian government", FIGHT)}),
    ("Ukraine", "Russian forces pushed into some neighbourhoods of Vovchansk.", {("Vovchansk", "Russian forces", FIGHT)}),
    ("Libya", "Neither side fully held Sirte on Sunday.", {("Sirte", "GNA", FIGHT)}),
    ("Libya", "Haftar's forces seized parts of Gharyan on Thursday.", {("Gharyan", "LNA", FIGHT)}),
    ("Syria", "The SDF captured most of Raqqa.", {("Raqqa", "SDF", FIGHT)}),
    ("Gaza", "Israeli troops entered Khan Younis on Tuesday.", {("Khan Younis", "Israeli forces", FIGHT)}),
    ("Sudan", "Sudanese troops regained parts of Omdurman.", {("Omdurman", "SAF", FIGHT)}),
    ("Mozambique", "The army took control of several districts of Mueda.", {("Mueda", "Mozambican government", FIGHT)}),
    ("Myanmar", "Arakan Army fighters captured the outskirts of Sittwe.", {("Sittwe", "Arakan Army", FIGHT)}),
    ("Ukraine", "Ukrainian forces broke into Andriivka from the south.", {("Andriivka", "Ukrainian forces", FIGHT)}),
    ("Syria", "Rebels took control of eastern districts of Aleppo.", {("Aleppo", "Syrian rebels", FIGHT)}),
    ("Iraq", "Iraqi troops seized half of Ramadi.", {("Ramadi", "Iraqi government", FIGHT)}),
    ("Congo", "M23 rebels took Goma's eastern districts on Sunday.", {("Goma", "M23", FIGHT)}),
]

FIGHTS = [
    ("Somalia", "Heavy fighting broke out in Beledweyne between al-Shabaab and the army.", {("Beledweyne", "al-Shabaab", FIGHT)}),
    ("Iraq", "Iraqi forces launched an offensive on Ramadi on Tuesday.", {("Ramadi", "Iraqi government", FIGHT)}),
    ("Nigeria", "Clashes in Monguno between Boko Haram and soldiers killed dozens.", {("Monguno", "Boko Haram", FIGHT)}),
    ("Myanmar", "Kyauktaw was encircled by Arakan Army fighters.", {("Kyauktaw", "Arakan Army", SIEGE)}),
    ("Mali", "Clashes broke out in Kidal between Tuareg rebels and the army.", {("Kidal", "Tuareg rebels", FIGHT)}),
    ("Sudan", "Fighting raged around El Obeid for a third day as the RSF pressed its assault.", {("El Obeid", "RSF", FIGHT)}),
    ("Ukraine", "Fierce battles are raging in Marinka as Russian troops press their assault.", {("Marinka", "Russian forces", FIGHT)}),
    ("Ukraine", "Chasiv Yar had been surrounded by Russian troops.", {("Chasiv Yar", "Russian forces", SIEGE)}),
    ("Ukraine", "Russian forces have nearly encircled Avdiivka.", {("Avdiivka", "Russian forces", SIEGE)}),
    ("Sudan", "El Geneina was cut off by the RSF on Monday.", {("El Geneina", "RSF", SIEGE)}),
    ("Yemen", "Houthi fighters laid siege to Taiz in 2015.", {("Taiz", "Houthis", SIEGE)}),
    ("Mali", "The army launched an offensive on Kidal on Monday.", {("Kidal", "Malian government", FIGHT)}),
    ("Gaza", "Israeli forces began a ground assault on Rafah on Tuesday.", {("Rafah", "Israeli forces", FIGHT)}),
    ("Ukraine", "Ukrainian troops launched a counteroffensive in June to retake Robotyne.", {("Robotyne", "Ukrainian forces", FIGHT)}),
    ("Syria", "Kurdish-led forces led an attack on Friday to recapture Tal Abyad.", {("Tal Abyad", "SDF", FIGHT)}),
    ("Syria", "The battle for Deir ez-Zor entered its second week.", {("Deir ez-Zor", "Syrian government", FIGHT)}),
    ("Congo", 'M23 fighters captured Rubaya on Monday.\n"Fighting in Sake is continuing," a spokesman said.',
     {("Rubaya", "M23", CAP), ("Sake", "M23", FIGHT)}),
    ("Somalia", "Al-Shabaab fighters and government troops were locked in fighting for control of Baidoa.",
     {("Baidoa", "al-Shabaab", FIGHT)}),
    ("Afghanistan", "Taliban fighters stormed into Kandahar and street battles in Kandahar went on all night.",
     {("Kandahar", "Taliban", FIGHT)}),
    ("Nigeria", "Boko Haram fighters besieged Gwoza for a week.", {("Gwoza", "Boko Haram", SIEGE)}),
    ("Karabakh", "Azerbaijani troops are fighting to capture Martuni, officials said.", {("Martuni", "Azerbaijani forces", FIGHT)}),
    ("Myanmar", "Resistance forces have besieged Hsenwi since November.", {("Hsenwi", "People's Defence Force", SIEGE)}),
    ("Ethiopia", "Heavy fighting continued around Woldiya as Tigrayan forces advanced.", {("Woldiya", "TPLF", FIGHT)}),
    ("Sudan", "The army has acknowledged fighting around Sinja.\nThe RSF seized Sinja on Thursday, it said.",
     {("Sinja", "RSF", FIGHT), ("Sinja", "RSF", CAP)}),
    ("Somalia", "Two soldiers were killed in Baidoa on Sunday during a gun battle between insurgents and troops.\n"
     "Al-Shabaab later claimed the attack.", {("Baidoa", "al-Shabaab", FIGHT)}),
    ("Mali", "Clashes between JNIM fighters and the army in Menaka lasted until dawn.", {("Menaka", "JNIM", FIGHT)}),
    ("Iraq", "Islamic State militants seized Haditha on Monday.\nThe army began its counteroffensive on Wednesday.",
     {("Haditha", "ISIL", CAP), ("Haditha", "Iraqi government", FIGHT)}),
    ("Ukraine 2014", 'The defence minister said "the operation to liberate Debaltseve and Ilovaisk is over".',
     {("Debaltseve", "Ukrainian forces", RECAP), ("Ilovaisk", "Ukrainian forces", RECAP)}),
    ("Somalia", "The government controls only parts of Beledweyne after weeks of fighting.",
     {("Beledweyne", "Somali government", FIGHT)}),
]

SIGNS = [
    ("Ethiopia", "Federal troops raised the Ethiopian flag over Mekelle.", {("Mekelle", "Ethiopian government", RECAP)}),
    ("Gaza", "Israeli soldiers raised the Israeli flag in Beit Hanoun.", {("Beit Hanoun", "Israeli forces", CAP)}),
    ("Ukraine", "Ukrainian soldiers raised the national flag over Snihurivka on Saturday.", {("Snihurivka", "Ukrainian forces", RECAP)}),
    ("Ukraine", "The Ukrainian flag was hoisted over Vuhledar.", {("Vuhledar", "Ukrainian forces", RECAP)}),
    ("Ukraine", "Residents celebrated the end of Russian occupation in Kherson on Friday.", {("Kherson", "Ukrainian forces", RECAP)}),
    ("Karabakh", "Soldiers planted the Azerbaijani flag in Jabrayil.", {("Jabrayil", "Azerbaijani forces", RECAP)}),
    ("Congo", "M23 fighters hoisted their flag over Kiwanja.", {("Kiwanja", "M23", CAP)}),
    ("Syria", "Syrian troops raised the national flag above Maarat al-Numan.", {("Maarat al-Numan", "Syrian government", RECAP)}),
    ("Iraq", "Soldiers replaced the Islamic State banners with the Iraqi ones atop buildings in Haditha.",
     {("Haditha", "Iraqi government", RECAP)}),
    ("Sudan", "The Sudanese flag was raised over Wad Madani.",
     {("Wad Madani", "SAF", RECAP)}),
    # the owner named right before the flag
    ("Ukraine", "Ukraine's flag was raised over Kurylivka on Sunday.", {("Kurylivka", "Ukrainian forces", RECAP)}),
    ("Syria", "Syria's flag was hoisted over Palmyra on Thursday.", {("Palmyra", "Syrian government", RECAP)}),
    ("Karabakh", "Azerbaijani flags now fly over Shusha, the ministry said.", {("Shusha", "Azerbaijani forces", RECAP)}),
    ("Congo", "The M23 flag went up in Kiwanja on Monday.", {("Kiwanja", "M23", CAP)}),
]

LEADS = [
    ("Somalia", "Al-Shabaab captured a key town on Sunday.\nThe militants took Beledweyne after government troops withdrew.",
     {("Beledweyne", "al-Shabaab", CAP), ("Beledweyne", "Somali government", LEFT)}),
    ("Congo", "M23 rebels seized a strategic mining town on Tuesday.\nThe rebels took Rubaya, a local official said.", {("Rubaya", "M23", CAP)}),
    ("Afghanistan", "The Taliban captured a fourth provincial capital on Friday.\nThey took Faizabad after a week of fighting.",
     {("Faizabad", "Taliban", CAP)}),
    ("Myanmar", "A rebel army said on Thursday it had seized a major army base.\n"
     "The Arakan Army said it had taken the town of Kyauktaw after weeks of fighting.", {("Kyauktaw", "Arakan Army", CAP)}),
    ("Sudan", "Sudan's army said it had retaken a key bridge on Friday.\nThe fall of Sinja ended months of fighting.",
     {("Sinja", "SAF", RECAP)}),
    ("Libya", "Haftar's forces liberated western districts of Misrata, a military source said.\n"
     "The army had liberated two districts late on Friday.", {("Misrata", "LNA", FIGHT)}),
    ("Ukraine", "Ukraine's army chief said his country's forces had taken full control of Svatove.\n"
     "He also said on Tuesday that police were returning to the town.", {("Svatove", "Ukrainian forces", RECAP)}),
    ("Mozambique", "Jihadist insurgents seized a port town on Monday.\nThe insurgents overran Macomia, security sources said.",
     {("Macomia", "Jihadist insurgents", CAP)}),
]

OTHER_WARS = [
    # a list before the verb, when it opens the clause
    ("Afghanistan", "Herat and Kandahar fell to the Taliban on Friday.", {("Herat", "Taliban", CAP), ("Kandahar", "Taliban", CAP)}),
    ("Myanmar", "Laukkai, Kunlong and Hsenwi were overrun by the Three Brotherhood Alliance.",
     {("Laukkai", "Three Brotherhood Alliance", CAP), ("Kunlong", "Three Brotherhood Alliance", CAP),
      ("Hsenwi", "Three Brotherhood Alliance", CAP)}),
    ("Afghanistan", "Rebels shelled Herat, and Kandahar fell to the Taliban.", {("Kandahar", "Taliban", CAP)}),
    # a deed done under compulsion is done: "forced to retreat"
    ("Sudan", "The RSF was forced to retreat from Nyala on Monday.", {("Nyala", "RSF", LEFT)}),
    ("Somalia", "Al-Shabaab fighters had to withdraw from Baidoa.", {("Baidoa", "al-Shabaab", LEFT)}),
    ("Mali", "Malian troops managed to retake Kidal.", {("Kidal", "Malian government", RECAP)}),
    # a state's forces regain only in their own country
    ("Gaza", "Israeli troops captured Rafah on Tuesday.", {("Rafah", "Israeli forces", CAP)}),
    ("Kursk", "Ukrainian troops seized Sudzha in August.", {("Sudzha", "Ukrainian forces", CAP)}),
    ("Kursk", "Russian forces retook Sudzha on Saturday.", {("Sudzha", "Russian forces", RECAP)}),
    # "came under the control of"
    ("Mali", "Kidal came under the control of the army on Tuesday.", {("Kidal", "Malian government", RECAP)}),
    ("Afghanistan", "Ghazni came under Taliban control on Thursday.", {("Ghazni", "Taliban", CAP)}),
    ("Libya", "GNA forces regained Gharyan from the LNA.", {("Gharyan", "GNA", RECAP)}),
    ("Afghanistan", "Afghan commandos retook Faizabad.", {("Faizabad", "Afghan government", RECAP)}),
    ("Mozambique", "Rwandan troops recaptured Palma.", {("Palma", "Rwandan forces", CAP)}),
    ("Ukraine 2014", "Government troops recaptured Ilovaisk from pro-Russian rebels.", {("Ilovaisk", "Ukrainian forces", RECAP)}),
    # "<any force> loyal to <leader>": the leader's side, whatever the noun before "loyal"
    ("Yemen", "Tribal fighters loyal to President Abd-Rabbu Mansour Hadi retook Zinjibar from the Houthis.",
     {("Zinjibar", "Yemeni government", RECAP)}),
    ("Libya", "Militiamen loyal to Khalifa Haftar seized Tarhuna on Sunday.", {("Tarhuna", "LNA", CAP)}),
    ("Syria", "Militias loyal to Bashar al-Assad retook Palmyra.", {("Palmyra", "Syrian government", RECAP)}),
    # a list goes on past a place's own date, to a place with a date of its own
    ("Afghanistan", "The Taliban took Herat on Friday, Kandahar on Saturday and Kabul on Sunday.",
     {("Herat", "Taliban", CAP), ("Kandahar", "Taliban", CAP), ("Kabul", "Taliban", CAP)}),
    ("Sudan", "The RSF seized Nyala in October, and El Geneina, 300 km to the west, in November.",
     {("Nyala", "RSF", CAP), ("El Geneina", "RSF", CAP)}),
    ("Afghanistan", "The Taliban took Herat on Friday, Kandahar officials said.", {("Herat", "Taliban", CAP)}),
    ("Afghanistan", "The Taliban took Herat on Friday and shelled Kandahar on Saturday.", {("Herat", "Taliban", CAP)}),
    ("Afghanistan", "The Taliban took Herat on Friday, and Kandahar is next.", {("Herat", "Taliban", CAP)}),
    # a district named by its own noun is taken whole; parts of it are not
    ("Syria", "Kurdish fighters seized the neighbourhood of Sheikh Maqsoud on Friday.",
     {("Sheikh Maqsoud", "Kurdish forces", CAP)}),
    ("Iraq", "Militants stormed the district of Karrada overnight.", {("Karrada", "unidentified militants", CAP)}),
    ("Syria", "Kurdish fighters seized parts of the district of Sheikh Maqsoud.", {("Sheikh Maqsoud", "Kurdish forces", FIGHT)}),
    # "the fall of A on Friday and of B on Saturday": a nominal trigger's list past its dates
    ("Mali", "Tuareg rebels said the sweep began with the fall of Kidal on Friday and of Menaka on Saturday.",
     {("Kidal", "Tuareg rebels", CAP), ("Menaka", "Tuareg rebels", CAP)}),
    # a side claiming a place says it took it
    ("Ethiopia", "The TPLF claimed the town of Woldiya on Sunday.", {("Woldiya", "TPLF", CAP)}),
    ("Afghanistan", "The Taliban said they had taken Ghazni, a day after claiming Herat.",
     {("Ghazni", "Taliban", CAP), ("Herat", "Taliban", CAP)}),
    # ... but a siege begun after a breakthrough is one
    ("Syria", "The army broke through rebel lines and laid siege to Idlib.", {("Idlib", "Syrian government", SIEGE)}),
    # a subject's long apposition with a measure: the reference is not the subject
    ("Ukraine", "Kupiansk, a railway junction some 100 kilometres east of Kharkiv, was retaken on Saturday.",
     {("Kupiansk", "Ukrainian forces", RECAP)}),
    ("Sudan", "Nyala, the capital of South Darfur and some 180 km south of El Fasher, fell to the RSF.",
     {("Nyala", "RSF", CAP)}),
    # an object relative after a measure's reference is the measured place's
    ("Ukraine", "Russian troops advanced near Marinka, 20 km west of Donetsk, which they captured in December.",
     {("Marinka", "Russian forces", CAP)}),
    # a side withdrawing its own forces withdraws
    ("Ukraine", "The army said it was withdrawing its troops from the town of Avdiivka.", {("Avdiivka", "Ukrainian forces", LEFT)}),
    ("Somalia", "Al-Shabaab pulled its fighters out of Baidoa overnight.", {("Baidoa", "al-Shabaab", LEFT)}),
    # an actor inside a purpose phrase is not the subject
    ("CAR", "South African troops sent to help the army pulled back from Bambari.",
     {("Bambari", "South African forces", LEFT)}),
    # the armed groups of other wars, by their own names
    ("CAR", "Seleka fighters seized Bambari on Sunday.", {("Bambari", "Seleka", CAP)}),
    ("South Sudan", "Forces loyal to former vice president Riek Machar seized Bor.", {("Bor", "SPLA-IO", CAP)}),
    ("Ituri", "CODECO militiamen overran Bunia overnight.", {("Bunia", "CODECO", CAP)}),
    # "X and allied Y": Y fights on X's side, it is no second taker
    ("Yemen", "Houthi fighters and allied army units seized Taiz on Sunday.", {("Taiz", "Houthis", CAP)}),
    ("Ethiopia", "TPLF fighters and allied Oromo militiamen took Woldiya.", {("Woldiya", "TPLF", CAP)}),
    ("Ukraine 2014", "Ukrainian forces retook Shchastia from the rebels on Tuesday.", {("Shchastia", "Ukrainian forces", RECAP)}),
    ("Ukraine 2014", "Pro-Russian rebels seized Ilovaisk after encircling Ukrainian battalions.", {("Ilovaisk", "pro-Russian separatists", CAP)}),
    ("Yemen", "Forces of the Southern Transitional Council took control of Aden.", {("Aden", "STC", CAP)}),
    ("Yemen", "The Giants Brigades recaptured Mocha from the Houthis.", {("Mocha", "Yemeni government", RECAP)}),
    ("Yemen", "AQAP fighters overran Zinjibar.", {("Zinjibar", "AQAP", CAP)}),
    ("Somalia", "AMISOM troops liberated Kismayo from al-Shabaab.", {("Kismayo", "AMISOM", RECAP)}),
    ("Gaza", "Israeli forces took control of Jabalia, the army said.", {("Jabalia", "Israeli forces", CAP)}),
    ("Ethiopia", "Ethiopian troops regained control of Lalibela.", {("Lalibela", "Ethiopian government", RECAP)}),
    ("Myanmar", "The Three Brotherhood Alliance captured Kunlong.", {("Kunlong", "Three Brotherhood Alliance", CAP)}),
    ("Nigeria", "Boko Haram fighters overran Gwoza.", {("Gwoza", "Boko Haram", CAP)}),
    ("Syria", "HTS-led rebels captured Hama on Thursday.", {("Hama", "HTS", CAP)}),
    ("Syria", "Opposition fighters took Tal Hamis, a village near the border.", {("Tal Hamis", "Syrian rebels", CAP)}),
    ("Congo", "Congolese troops recaptured Rutshuru from the M23.", {("Rutshuru", "FARDC", RECAP)}),
    ("Mali", "French-led troops recaptured Timbuktu.", {("Timbuktu", "French-led forces", RECAP)}),
    ("Libya", "Misrata has fallen to forces loyal to Khalifa Haftar.", {("Misrata", "LNA", CAP)}),
    # every country the places lexicon has an adjective for has forces, in its own war or another's
    ("South Sudan", "South Sudan's army recaptured Bor from the rebels on Saturday.", {("Bor", "South Sudanese forces", RECAP)}),
    ("South Sudan", "Ugandan troops helped the army retake Malakal.", {("Malakal", "South Sudanese forces", RECAP)}),
    ("South Sudan", "Ugandan troops recaptured Malakal on Sunday.", {("Malakal", "Ugandan forces", CAP)}),
    ("Ituri", "Ugandan soldiers entered Bunia in 2003.", {("Bunia", "Ugandan forces", FIGHT)}),
    ("Sri Lanka", "Sri Lankan troops captured Kilinochchi after the Tamil Tigers abandoned the town.",
     {("Kilinochchi", "Sri Lankan forces", RECAP), ("Kilinochchi", "LTTE", LEFT)}),
    ("Central African Republic", "Central African soldiers retook Bambari from the rebels on Sunday.",
     {("Bambari", "Central African forces", RECAP)}),
    # an aside between commas after the subject names no subject
    ("Nigeria", "Chadian forces, fighting in a regional coalition, drove Boko Haram out of Dikwa.",
     {("Dikwa", "Chadian forces", CAP), ("Dikwa", "Boko Haram", LEFT)}),
    ("Nigeria", "Nigerian troops, the police and Chadian soldiers retook Dikwa.",
     {("Dikwa", "Nigerian government", RECAP), ("Dikwa", "Chadian forces", CAP)}),
    # a source between commas is no subject; a verb after "and" or a participle after "before" shares the clause's subject
    ("Burkina Faso", "Islamist militants overran an army outpost near the town of Djibo, killing 12 soldiers, the army said, and "
     "briefly occupied the town before withdrawing.",
     {("Djibo", "Islamist militants", CAP), ("Djibo", "Islamist militants", LEFT)}),
    # a measure whose reference is described ("the capital Ouagadougou") is still an apposition of the place before it
    ("Burkina Faso", "Djibo, about 200 km north of the capital Ouagadougou, fell to militants on Monday.",
     {("Djibo", "unidentified militants", CAP)}),
    # "forces from the Tigray region": the actor "Tigray forces" names
    ("Ethiopia", "Forces from Ethiopia's northern Tigray region said they had captured Lalibela.", {("Lalibela", "TPLF", CAP)}),
    ("Ethiopia", "Troops from the capital retook Lalibela.", {("Lalibela", "Ethiopian government", RECAP)}),
    # a generic force backed by a foreign power: the side that power backs in that war
    ("Syria", "U.S.-backed fighters took Manbij after a two-month battle.", {("Manbij", "SDF", CAP)}),
    ("Congo", "Rwanda-backed rebels seized Rutshuru.", {("Rutshuru", "M23", CAP)}),
    ("Ukraine 2014", "Russian-backed fighters seized Ilovaisk.", {("Ilovaisk", "pro-Russian separatists", CAP)}),
    # forces "loyal to" a man are a faction, not the state; foreign forces by their state's adjective
    ("Yemen", "Houthi fighters and army units loyal to Ali Abdullah Saleh seized Mocha.", {("Mocha", "Houthis", CAP)}),
    # a side's own forces pulled back, or positions abandoned, in a place
    ("Ukraine", "Kyiv pulled its troops back from the village of Urozhaine to better positions.",
     {("Urozhaine", "Ukrainian forces", LEFT)}),
    ("Afghanistan", "Afghan soldiers abandoned their positions in Qalat overnight.", {("Qalat", "Afghan government", LEFT)}),
    ("Mali", "French paratroopers entered Timbuktu on Saturday.", {("Timbuktu", "French-led forces", FIGHT)}),
    ("Yemen", "British troops entered Mocha.", {("Mocha", "British forces", FIGHT)}),
    # "its troops": the state whose name or adjective stands before
    ("Ukraine", "Russia's defence ministry said its troops had taken full control of Avdiivka.",
     {("Avdiivka", "Russian forces", CAP)}),
    ("Ukraine", "Ukraine's army said on Saturday that its units had left Avdiivka.", {("Avdiivka", "Ukrainian forces", LEFT)}),
    ("Kursk", "Ukraine's top commander said his troops had captured the Russian town of Sudzha.",
     {("Sudzha", "Ukrainian forces", CAP)}),
    # ... or the seat of its government, speaking for it; a verb in scare quotes is still the verb
    ("Ukraine", "Moscow said its forces had \"liberated\" Andriivka.", {("Andriivka", "Russian forces", CAP)}),
    ("Kursk", "Kyiv said its troops had captured Sudzha.", {("Sudzha", "Ukrainian forces", CAP)}),
    ("Karabakh", "Baku said on Sunday that its army had 'liberated' Jabrayil.", {("Jabrayil", "Azerbaijani forces", RECAP)}),
    # ... or, for "its" and "their", the group named nearer before
    ("Ethiopia", "Federal troops took Mekelle. The TPLF said its forces had withdrawn from the city.",
     {("Mekelle", "Ethiopian government", RECAP), ("Mekelle", "TPLF", LEFT)}),
    # a deed told as one of a row ("the first city to fall"), or as what came next ("went on to seize")
    ("Afghanistan", "Kunduz became the first provincial capital to fall to the Taliban.", {("Kunduz", "Taliban", CAP)}),
    ("Iraq", "Ramadi, 110 km (70 miles) west of Baghdad, was the last city to fall to Islamic State.", {("Ramadi", "ISIL", CAP)}),
    ("Nigeria", "Boko Haram fighters went on to seize Gwoza.", {("Gwoza", "Boko Haram", CAP)}),
    # a region named to say whose capital a town is: the town, named with it or elsewhere in the report
    ("Afghanistan", "The Taliban captured the Helmand provincial capital, Lashkar Gah, on Friday.",
     {("Lashkar Gah", "Taliban", CAP)}),
    ("Afghanistan", "The Taliban seized the capital of Helmand province, Lashkar Gah.", {("Lashkar Gah", "Taliban", CAP)}),
    ("Ethiopia", "Mekelle, the capital of Tigray, was calm. Federal troops took control of the Tigray capital on Saturday.",
     {("Mekelle", "Ethiopian government", RECAP)}),
    # a participle after the clause is its subject's deed, not its object's
    ("Syria", "Kurdish fighters drove Islamic State out of Kobani, retaking the town.",
     {("Kobani", "Kurdish forces", CAP), ("Kobani", "ISIL", LEFT)}),
    ("Ukraine", "Ukrainian troops pushed Russian forces back across the river, effectively retaking Kherson.",
     {("Kherson", "Ukrainian forces", RECAP)}),
    # "the town" is the place the text called a town, before one named after it
    ("Karabakh", "Azerbaijani troops captured Shusha, a town overlooking Stepanakert, the main city of the region. "
                 "Armenia said fighting for the town went on.",
     {("Shusha", "Azerbaijani forces", RECAP), ("Shusha", "Azerbaijani forces", FIGHT)}),
    # troops pulled out with no "its" (a headline's wording)
    ("Ukraine", "Ukraine pulled troops out of Avdiivka on Saturday.", {("Avdiivka", "Ukrainian forces", LEFT)}),
    ("Ukraine", "Russia pulls forces back from Kherson", {("Kherson", "Russian forces", LEFT)}),
    # a list joined after the object by "and" and a count
    ("Syria", "The rebels also seized Aleppo and dozens of towns and villages in Idlib province, including the strategic "
              "town of Saraqeb.", {("Aleppo", "Syrian rebels", CAP), ("Saraqeb", "Syrian rebels", CAP)}),
    ("Ukraine", "Russian troops took Kupiansk and several villages nearby, including Kurylivka and Petropavlivka.",
     {("Kupiansk", "Russian forces", CAP), ("Kurylivka", "Russian forces", CAP), ("Petropavlivka", "Russian forces", CAP)}),
    # a list that opens the clause a speaker reports, a verb in scare quotes, "and the whole region"
    ("Ukraine", 'Maliar said Irpin, Bucha, Hostomel and the whole Kyiv region had been "liberated from the invader".',
     {("Irpin", "Ukrainian forces", RECAP), ("Bucha", "Ukrainian forces", RECAP), ("Hostomel", "Ukrainian forces", RECAP),
      ("Kyiv region", "Ukrainian forces", RECAP)}),
    ("Ukraine", "Officials said on Friday that Irpin and Bucha were retaken.",
     {("Irpin", "Ukrainian forces", RECAP), ("Bucha", "Ukrainian forces", RECAP)}),
    ("Mali", "Timbuktu was 'liberated' on Monday, the army said.", {("Timbuktu", "Malian government", RECAP)}),
    # back in a place it had lost
    ("Ukraine", "Ukrainian troops re-entered Bucha on Saturday.", {("Bucha", "Ukrainian forces", RECAP)}),
    # the Bosnian Serbs' army is not Bosnia's; a swift entry ("raced into") takes the place, as "swept into" does
    ("Bosnia", "Bosnian Serb forces overran the U.N.-protected enclave of Srebrenica on Tuesday.",
     {("Srebrenica", "Bosnian Serb forces", CAP)}),
    ("Libya", "Libyan rebels raced into Tripoli on Sunday as Moammar Gadhafi's defenders melted away.",
     {("Tripoli", "Libyan rebels", CAP), ("Tripoli", "Gaddafi forces", LEFT)}),
    # "it" as the object: the place named last before it in the sentence
    ("Iraq", "Islamic State captured Ramadi in May 2015, and Iraqi forces retook it in December.",
     {("Ramadi", "ISIL", CAP), ("Ramadi", "Iraqi government", RECAP)}),
    ("Ukraine", "Russia captured Kherson in March but abandoned it in November.",
     {("Kherson", "Russian forces", CAP), ("Kherson", "Russian forces", LEFT)}),
    # a side's armour is the side; joined to a side it is that side's
    ("Gaza", "Israeli tanks rolled into Rafah on Tuesday.", {("Rafah", "Israeli forces", CAP)}),
    ("Iraq", "U.S. marines and tanks rolled into Mosul on Wednesday.", {("Mosul", "United States forces", CAP)}),
    ("Ukraine", "Russian armoured columns entered Kherson.", {("Kherson", "Russian forces", FIGHT)}),
    # control handed over is no state of the side that hands it over
    ("Mali", "Rebels handed over control of Kidal to the Malian army.",
     {("Kidal", "Malian government", RECAP), ("Kidal", "unidentified militants", LEFT)}),
    # "the army" a side's own commanders speak of is theirs
    ("Lebanon", "Israeli commanders said on Tuesday that the army had taken control of Bint Jbeil.",
     {("Bint Jbeil", "Israeli forces", CAP)}),
    # groups sworn to Islamic State are named for it
    ("Philippines", "Troops killed the leaders of a pro-Islamic State alliance that had held parts of Marawi since May 23.",
     {("Marawi", "ISIL", FIGHT)}),
    # a pronoun in a clause of time is the subject of the clause it explains
    ("Syria", "Rebels had held eastern Aleppo since 2012, when they swept into the city from the countryside.",
     {("Aleppo", "Syrian rebels", CAP)}),
    # "fought X for control of Y": a fight for Y
    ("Lebanon", "Israeli troops fought Hezbollah guerrillas on Wednesday for control of Bint Jbeil.",
     {("Bint Jbeil", "Israeli forces", FIGHT)}),
    ("Syria", "Kurdish fighters fought Islamic State in Kobani for months.", {("Kobani", "Kurdish forces", FIGHT)}),
    # a headline's present tense: "as government forces retreat"
    ("Syria", "Syrian rebels enter Aleppo as government forces retreat",
     {("Aleppo", "Syrian rebels", FIGHT), ("Aleppo", "Syrian government", LEFT)}),
    ("Ukraine", "Ukraine retakes Kherson as Russian troops retreat",
     {("Kherson", "Ukrainian forces", RECAP), ("Kherson", "Russian forces", LEFT)}),
    # falling back to a spot just outside a town is leaving the town
    ("Afghanistan", "Government forces retreated to an army base outside Kandahar.", {("Kandahar", "Afghan government", LEFT)}),
    ("Ukraine", "Russian troops pulled back to new positions on the outskirts of Kherson.", {("Kherson", "Russian forces", LEFT)}),
    # a passive take from a side: that side lost it, it is never the taker
    ("Iraq", "Ramadi was seized from Islamic State in December.", {("Ramadi", "Iraqi government", RECAP)}),
    ("Iraq", "Ramadi was wrested from Islamic State in December.", {("Ramadi", "Iraqi government", RECAP)}),
    ("Iraq", "Iraqi forces wrested Ramadi from Islamic State.", {("Ramadi", "Iraqi government", RECAP)}),
    # "the capital" is the city the text calls the country's capital, never a region's
    ("Somalia", "Islamist fighters seized the Somali capital Mogadishu in June.\n"
                "Ethiopian troops drove the Islamists out of the capital in December.",
     {("Mogadishu", "al-Shabaab", CAP), ("Mogadishu", "Ethiopian government", CAP), ("Mogadishu", "al-Shabaab", LEFT)}),
    ("Afghanistan", "Kabul, the Afghan capital, was quiet on Sunday.\nTaliban fighters entered the capital in the afternoon.",
     {("Kabul", "Taliban", FIGHT)}),
    # Somalia 2006: the Islamic Courts, not al-Shabaab that grew out of them
    ("Somalia", "Fighters of the Union of Islamic Courts seized Kismayo in September 2006.",
     {("Kismayo", "Islamic Courts Union", CAP)}),
    # a clause of time with a subject of its own that names no side: that subject's deed is no named side's
    ("Ukraine", "Ukrainian troops entered Kherson after the occupiers fled.", {("Kherson", "Ukrainian forces", FIGHT)}),
    ("Somalia", "Government troops entered Baidoa after the defenders fled.", {("Baidoa", "Somali government", FIGHT)}),
    ("Croatia", "Croatian forces entered Knin on Saturday after rebel Serb forces fled.",
     {("Knin", "Croatian forces", FIGHT), ("Knin", "rebel Serb forces", LEFT)}),
    # "as" after the place of an entry opens a clause of its own, or says how they came
    ("Iraq", "Iraqi forces entered Tal Afar as the militants withdrew.",
     {("Tal Afar", "Iraqi government", FIGHT), ("Tal Afar", "unidentified militants", LEFT)}),
    ("Mali", "French troops entered Timbuktu as liberators.", {("Timbuktu", "French-led forces", FIGHT)}),
    # ... never a reference point named after it
    ("Syria", "Rebels seized Saraqeb, south of Aleppo, in February, and government forces retook it in March.",
     {("Saraqeb", "Syrian rebels", CAP), ("Saraqeb", "Syrian government", RECAP)}),
    ("Somalia", "Al-Shabaab fighters captured Beledweyne, 30 km from Baidoa, in 2019 and Somali troops retook it in 2020.",
     {("Beledweyne", "al-Shabaab", CAP), ("Beledweyne", "Somali government", RECAP)}),
    # more words of the deed: "clawed back", "gained a foothold in"
    ("Mali", "The army clawed back Kidal from the rebels.", {("Kidal", "Malian government", RECAP)}),
    ("Mali", "The jihadists gained a foothold in Kidal.", {("Kidal", "unidentified militants", FIGHT)}),
    # "the regional capital" is the town just named ("the capital" alone is the country's); a noun beside a name
    # presents that name ("the regional capital Kidal")
    ("Ukraine", "Ukrainian troops entered Kherson on Friday. Russia had seized the regional capital in March.",
     {("Kherson", "Ukrainian forces", FIGHT), ("Kherson", "Russian forces", CAP)}),
    ("Mali", "Tuareg rebels entered Timbuktu on Sunday, completing a sweep that began with the fall of the regional "
             "capital Kidal on Friday.", {("Timbuktu", "Tuareg rebels", FIGHT), ("Kidal", "Tuareg rebels", CAP)}),
    # bare troops a state's own source reports are that state's
    ("Ukraine", "Ukrainian troops entered Kherson on Friday. The Russian defence ministry said 30,000 troops had been "
                "pulled back from the city.", {("Kherson", "Ukrainian forces", FIGHT), ("Kherson", "Russian forces", LEFT)}),
    # a place declared retaken
    ("Ukraine", "President Zelenskiy declared Kherson liberated on Friday.", {("Kherson", "Ukrainian forces", RECAP)}),
    ("Mali", "The army declared the town of Tessalit fully liberated.", {("Tessalit", "Malian government", RECAP)}),
    ("Philippines", 'President Duterte declared the southern city of Marawi "liberated" from militants on Tuesday.',
     {("Marawi", "Philippine forces", RECAP)}),
    ("Ukraine", "The Kremlin declared Avdiivka 'fully liberated'.", {("Avdiivka", "Russian forces", CAP)}),
    # a place given up, to the side after "to" when one is named
    ("Afghanistan", "Afghan troops handed Khost to the Taliban on Saturday.",
     {("Khost", "Afghan government", LEFT), ("Khost", "Taliban", CAP)}),
    ("Afghanistan", "Asadabad was ceded to the Taliban after talks with elders.", {("Asadabad", "Taliban", CAP)}),
    ("Mali", "Malian soldiers surrendered Menaka to the rebels.",
     {("Menaka", "Malian government", LEFT), ("Menaka", "unidentified militants", CAP)}),
    # what a deed leaves behind is no departure
    ("Afghanistan", "The Taliban seized Jalalabad, leaving Kabul as the only city still in government hands.",
     {("Jalalabad", "Taliban", CAP)}),
    # a bare "fell" is said of the place before it, even when another place follows with a date of its own
    ("Somalia", "Al-Shabaab advanced in the south. Baidoa fell on Monday and Beledweyne on Wednesday.",
     {("Baidoa", "al-Shabaab", CAP), ("Beledweyne", "al-Shabaab", CAP)}),
    ("Nigeria", "Boko Haram fighters pressed on. Gwoza fell in August, and Dikwa in September.",
     {("Gwoza", "Boko Haram", CAP), ("Dikwa", "Boko Haram", CAP)}),
    # heights, villages or positions named after a place are part of what is around it
    ("Karabakh", "Azerbaijani forces seized control of Martuni heights after a day of fighting.",
     {("Martuni", "Azerbaijani forces", FIGHT)}),
    ("Ukraine", "Russian troops took several Avdiivka positions overnight.", {("Avdiivka", "Russian forces", FIGHT)}),
    # a flag of the side's own, whatever its colour
    ("Syria", "SDF fighters raised their yellow flag over Tal Abyad on Tuesday.", {("Tal Abyad", "SDF", CAP)}),
    ("Ukraine", "Soldiers of the 93rd brigade hoisted their blue-and-yellow flag over Andriivka.",
     {("Andriivka", "Ukrainian forces", RECAP)}),
    # an object relative after a place's description, or after a list of places with a count
    ("Ukraine", "Crowds gathered in Snihurivka, a town some 60 km east of Mykolaiv that Ukraine retook on Thursday.",
     {("Snihurivka", "Ukrainian forces", RECAP)}),
    ("Ethiopia", "Troops advanced on Woldiya and Lalibela, two towns the TPLF captured in August.",
     {("Woldiya", "TPLF", CAP), ("Lalibela", "TPLF", CAP)}),
    # a list a plural noun announces, past the place that locates the noun, with or without a count
    ("Ukraine", "Russian troops withdrew from villages east of Kharkiv, including Svatove and Kupiansk.",
     {("Svatove", "Russian forces", LEFT), ("Kupiansk", "Russian forces", LEFT)}),
    ("Afghanistan", "The Taliban took provincial capitals, including Ghazni and Qalat.",
     {("Ghazni", "Taliban", CAP), ("Qalat", "Taliban", CAP)}),
    # "the trade hub", "the rebel stronghold": the place just named
    ("Myanmar", "Fighting spread to Laukkai on Thursday.\nThe MNDAA overran the trade hub on Friday.",
     {("Laukkai", "MNDAA", CAP)}),
    ("Syria", "The SDF advanced on Raqqa in June.\nIn October its fighters stormed the jihadist stronghold.",
     {("Raqqa", "SDF", CAP)}),
    # "no sign of" something else is no denial of the deed
    ("Mali", "There was no sign of resistance as the rebels seized Menaka.", {("Menaka", "unidentified militants", CAP)}),
    # "was lost to": the side after "to" took it
    ("Afghanistan", "Kunduz was lost to the Taliban on Sunday, officials said.", {("Kunduz", "Taliban", CAP)}),
    # one armed side fighting another in a place
    ("Somalia", "Al-Shabaab militants exchanged fire with Somali soldiers in Baidoa on Monday.",
     {("Baidoa", "al-Shabaab", FIGHT)}),
    ("Gaza", "Hamas fighters clashed with Israeli troops in Jabalia overnight.", {("Jabalia", "Hamas", FIGHT)}),
    # the sides of other wars by their own names
    ("Libya", "Forces loyal to Muammar Gaddafi retook Misrata on Sunday.", {("Misrata", "Gaddafi forces", RECAP)}),
    ("Libya", "NTC fighters captured Sirte after a two-month siege.", {("Sirte", "Libyan rebels", CAP)}),
    ("Chechnya", "Chechen fighters abandoned Grozny after weeks of fighting.", {("Grozny", "Chechen rebels", LEFT)}),
    # a retreat to somewhere is from the place just told, never from where they went
    ("Congo", "M23 rebels seized Goma on Tuesday.\nCongolese soldiers retreated to Sake, about 25 km to the west.",
     {("Goma", "M23", CAP), ("Goma", "FARDC", LEFT)}),
    ("Sri Lanka", "Sri Lankan troops captured Kilinochchi. The rebels retreated north-east towards Mullaitivu.",
     {("Kilinochchi", "Sri Lankan forces", RECAP), ("Kilinochchi", "LTTE", LEFT)}),
    ("Congo", "M23 fighters took Rutshuru after the army fled and peacekeepers stood aside.",
     {("Rutshuru", "M23", CAP), ("Rutshuru", "FARDC", LEFT)}),
    # a list whose places repeat the preposition
    ("Mali", "The army withdrew from Kidal and from Menaka on Monday.",
     {("Kidal", "Malian government", LEFT), ("Menaka", "Malian government", LEFT)}),
    ("Afghanistan", "Taliban fighters were driven out of Kandahar and out of Qalat.",
     {("Kandahar", "Taliban", LEFT), ("Qalat", "Taliban", LEFT)}),
    # "Russia said its troops": the country whose name stands before
    ("Ukraine", "Russia said on Friday its troops had left Kherson.", {("Kherson", "Russian forces", LEFT)}),
    # "drove them out": of the place its sentence (or the one before) says they held or took
    ("Ethiopia", "TPLF fighters briefly held Woldiya before federal troops drove them out.",
     {("Woldiya", "Ethiopian government", RECAP)}),
    ("Somalia", "Al-Shabaab seized Beledweyne on Monday.\nTwo days later Somali troops drove them out.",
     {("Beledweyne", "al-Shabaab", CAP), ("Beledweyne", "Somali government", RECAP)}),
    # a military site in a place is part of it; "the district centre of X" is X itself
    ("Sudan", "The RSF said it had overrun the army's headquarters in El Geneina.", {("El Geneina", "RSF", FIGHT)}),
    ("Burkina Faso", "Jihadists stormed a military base in Djibo on Sunday.", {("Djibo", "unidentified militants", FIGHT)}),
    ("Ukraine", "Russian troops captured the district centre of Vovchansk.", {("Vovchansk", "Russian forces", CAP)}),
    ("Myanmar", "The Arakan Army took the administrative center of Kyauktaw.", {("Kyauktaw", "Arakan Army", CAP)}),
    # militias a foreign power backs are the side it backs in that war
    ("Syria", "Kurdish-led forces entered Deir ez-Zor after government troops and Iranian-backed militias pulled out.",
     {("Deir ez-Zor", "SDF", FIGHT), ("Deir ez-Zor", "Syrian government", LEFT)}),
]

# A withdrawal the side's own command orders, decides or announces is news of it.
ORDERS = [
    ("Ukraine", "Russia's defence minister on Wednesday ordered his troops to withdraw from Kherson.",
     {("Kherson", "Russian forces", LEFT)}),
    ("Ethiopia", "The Ethiopian government said on Tuesday it had decided to withdraw its forces from Mekelle.",
     {("Mekelle", "Ethiopian government", LEFT)}),
    ("Afghanistan", "The Afghan army command ordered its troops to pull out of Lashkar Gah on Thursday.",
     {("Lashkar Gah", "Afghan government", LEFT)}),
    ("Karabakh", "Armenia's defence ministry said its forces would be pulled back from Martuni.",
     {("Martuni", "Armenian forces", LEFT)}),
    ("Sudan", "Sudan's army command ordered troops to leave Wad Madani on Monday.", {("Wad Madani", "SAF", LEFT)}),
    # a body named with no state speaks for the state that named it before
    ("Ukraine", "The Ukrainian General Staff reported heavy shelling near Bakhmut.\n"
                "On Friday a General Staff spokesman said the troops would be withdrawn from Avdiivka.",
     {("Avdiivka", "Ukrainian forces", LEFT)}),
]

# A place after another verb is that verb's, never listed with the area the first verb went into.
NEXT_VERB = [
    ("Kursk", "Ukrainian forces pushed into the Kursk region, capturing the town of Sudzha.",
     {("Sudzha", "Ukrainian forces", CAP)}),
    ("Sudan", "RSF fighters pushed into Gezira state, seizing the city of Wad Madani on Monday.",
     {("Wad Madani", "RSF", CAP)}),
]

# A place's apposition that says what it is and where ("the last stronghold in X") names no place that fell.
APPOSED_WHERE = [
    ("Ukraine", "Lysychansk, the last Ukrainian stronghold in Luhansk, fell to Russian forces on Sunday.",
     {("Lysychansk", "Russian forces", CAP)}),
    ("Ukraine", "Lysychansk, a city in the Luhansk region, fell to Russian forces on Sunday.",
     {("Lysychansk", "Russian forces", CAP)}),
    ("Yemen", "Hazm, the provincial capital in al-Jawf, fell to the Houthis.", {("Hazm", "Houthis", CAP)}),
]

# A side that declares full control of a place announces its capture; a place fallen "out of government control"
# is no state of the government's.
DECLARED = [
    ("Syria", "The SDF declared full control of Raqqa on Tuesday.", {("Raqqa", "SDF", CAP)}),
    ("Mali", "The army announced complete control of Kidal on Thursday.", {("Kidal", "Malian government", RECAP)}),
    ("Syria", "Rebels captured Idlib, the second provincial capital to fall out of government control.",
     {("Idlib", "Syrian rebels", CAP)}),
    ("Syria", "Rebels captured Raqqa, which fell out of government control.", {("Raqqa", "Syrian rebels", CAP)}),
    ("Gaza", "Israeli ground forces expanded operations in the north, moving into Beit Hanoun.",
     {("Beit Hanoun", "Israeli forces", CAP)}),
    # a passive of declaration: "was declared liberated", "has been officially pronounced retaken"
    ("Philippines", "Marawi was declared liberated from militants on Tuesday.", {("Marawi", "Philippine forces", RECAP)}),
    ("Ukraine", "Kherson has been declared liberated, Zelenskiy said.", {("Kherson", "Ukrainian forces", RECAP)}),
    ("Iraq", "Mosul was officially declared fully liberated by Iraqi forces on Sunday.", {("Mosul", "Iraqi government", RECAP)}),
]

# A take whose words name no taker is the side that tells it: a side reports its own gains.
SPEAKERS = [
    ("Sudan", "“Nyala is now liberated,” the RSF said in a statement.", {("Nyala", "RSF", CAP)}),
    ("Somalia", "Al-Shabaab said in a statement that Beledweyne had been liberated.", {("Beledweyne", "al-Shabaab", CAP)}),
    ("Mali", "Tuareg rebels said they had taken Tessalit. “The town is now completely liberated,” they said.",
     {("Tessalit", "Tuareg rebels", CAP)}),
    ("Yemen", "The Houthis said Hazm had been liberated from the aggressors.", {("Hazm", "Houthis", CAP)}),
]

# "The fall of X" names the side that took it after "to" or "by", never as the object of the next verb.
FALL_OF = [
    ("Afghanistan", "Taliban fighters captured Kunduz on Sunday. The fall of Kunduz leaves the government with little "
     "more than Kabul.", {("Kunduz", "Taliban", CAP)}),
    ("Somalia", "The fall of Kismayo to Kenyan troops left al-Shabaab without a port.", {("Kismayo", "Kenyan forces", CAP)}),
]

# The side a place is taken from is never one of its takers; sides joined by their adjectives are each a side.
JOINED_SIDES = [
    ("Somalia", "Somali forces and clan militias retook Baidoa from al-Shabaab on Monday.",
     {("Baidoa", "Somali government", RECAP)}),
    ("Iraq", "US and Iraqi forces retook Fallujah on Monday.",
     {("Fallujah", "United States forces", CAP), ("Fallujah", "Iraqi government", RECAP)}),
    ("Somalia", "Al-Shabaab militants were pushed out of Baidoa on Sunday by Somali and AU troops.",
     {("Baidoa", "al-Shabaab", LEFT), ("Baidoa", "Somali government", RECAP)}),
]

# A site named after its town is a fight for a site there.
SITES_AND_CLAUSES = [
    ("Sudan", "The army said it had retaken Omdurman radio station from the RSF.", {("Omdurman", "SAF", FIGHT)}),
    ("Libya", "Militias stormed Misrata prison on Friday.", {("Misrata", "unidentified militants", FIGHT)}),
    ("Gaza", "Israeli forces took operational control of the Rafah crossing on Tuesday.", {("Rafah", "Israeli forces", FIGHT)}),
    ("Ukraine", "Russian troops seized the Sudzha checkpoint overnight.", {("Sudzha", "Russian forces", FIGHT)}),
]

# A side that walks into a town unopposed takes it; a seat of government a side flees to is a place, no side.
WALKED_IN = [
    ("DR Congo", "M23 fighters walked into Goma unopposed on Monday.", {("Goma", "M23", CAP)}),
    ("Somalia", "Al-Shabaab militants walked into Beledweyne after the troops left.",
     {("Beledweyne", "al-Shabaab", CAP), ("Beledweyne", "Somali government", LEFT)}),
    ("Syria", "Rebels took Damascus as Assad fled to Moscow.", {("Damascus", "Syrian rebels", CAP)}),
    # a person by title who flees is no side withdrawing; the side whose clause it is still is
    ("Syria", "Rebels said they had taken Aleppo and that President Bashar al-Assad had fled.",
     {("Aleppo", "Syrian rebels", CAP)}),
    ("Libya", "Rebels overran Tripoli as Muammar Gaddafi, the deposed leader, fled south.",
     {("Tripoli", "unidentified militants", CAP)}),
    ("Iraq", "Iraqi troops fled Mosul as the governor appealed for help.", {("Mosul", "Iraqi government", LEFT)}),
    # those a generic form of their own says fled are not the side that takes the place
    ("Afghanistan", "Herat fell to the Taliban on Friday after militia commanders fled.", {("Herat", "Taliban", CAP)}),
    ("Somalia", "Al-Shabaab seized Baidoa after the militias fled.", {("Baidoa", "al-Shabaab", CAP)}),
    ("Somalia", "After the militias fled, al-Shabaab seized Baidoa.", {("Baidoa", "al-Shabaab", CAP)}),
    # ... but one subject for both verbs took and left
    ("Mozambique", "Insurgents stormed Palma and then fled.",
     {("Palma", "unidentified militants", CAP), ("Palma", "unidentified militants", LEFT)}),
]

# A side no lexicon lists is named as armed groups name themselves, not an unidentified militant nor the state
# of the country the place lies in.
NAMED_SIDES = [
    ("Kosovo", "Fighters of the Kosovo Liberation Army overran Malisevo on Sunday.",
     {("Malisevo", "Kosovo Liberation Army", CAP)}),
    ("Philippines", "The Moro Islamic Liberation Front seized Kauswagan on Monday.",
     {("Kauswagan", "Moro Islamic Liberation Front", CAP)}),
    ("Uganda", "The Lord's Resistance Army briefly held Kitgum before troops drove them out.",
     {("Kitgum", "Ugandan forces", RECAP)}),
    ("Myanmar", "Chin National Front fighters took control of Falam.", {("Falam", "Chin National Front", CAP)}),
    ("Myanmar", "Karen National Liberation Army troops took control of Myawaddy.",  # the lexicon's own side
     {("Myawaddy", "People's Defence Force", CAP)}),
    ("Western Sahara", "Polisario Front guerrillas entered Tifariti at dawn.", {("Tifariti", "Polisario Front", FIGHT)}),
    ("Sierra Leone", "RUF rebels overran Freetown on Wednesday.", {("Freetown", "RUF", CAP)}),
    ("DR Congo", "Rebels of the FDLR withdrew from Walikale.", {("Walikale", "FDLR", LEFT)}),
    ("DR Congo", "The Democratic Forces for the Liberation of Rwanda (FDLR) said its fighters had left Walikale.\n"
                 "FDLR fighters withdrew from Walikale on Friday.",
     {("Walikale", "Democratic Forces for the Liberation of Rwanda", LEFT)}),
    ("South Sudan", "SPLM-IO fighters seized Bentiu on Tuesday.", {("Bentiu", "SPLA-IO", CAP)}),
    # the armies of states that are no more, and movements named with a country's adjective
    ("Croatia", "Vukovar fell to the Yugoslav army on Monday after an 87-day siege.", {("Vukovar", "Yugoslav army", RECAP)}),
    ("Kosovo", "Yugoslav troops began withdrawing from Pristina as NATO forces moved in.", {("Pristina", "Yugoslav army", LEFT)}),
    ("Cambodia", "Khmer Rouge forces captured Phnom Penh on Thursday.", {("Phnom Penh", "Khmer Rouge", CAP)}),
    ("Iraq", "Kataib Hezbollah fighters retook Tikrit alongside Iraqi troops.",
     {("Tikrit", "Shia militias", RECAP)}),
]

EVENT_SENTENCES = WITHDRAWALS + PLACE_FIRST + LISTS + PARTIAL + FIGHTS + SIGNS + LEADS + OTHER_WARS + ORDERS + NAMED_SIDES + WALKED_IN + NEXT_VERB + APPOSED_WHERE + DECLARED + SITES_AND_CLAUSES + JOINED_SIDES + SPEAKERS + FALL_OF


@pytest.mark.parametrize("war, text, expected", EVENT_SENTENCES, ids=[f"{w}: {t[:45]}" for w, t, _ in EVENT_SENTENCES])
def test_constructions(war, text, expected):
    assert triples(e for e in events_of(text) if e.kind not in (EventKind.CONTROL, EventKind.PRESENCE)) == expected


def test_the_sentences_cover_many_wars():
    assert len(EVENT_SENTENCES) >= 120
    assert len({war for war, _, _ in EVENT_SENTENCES}) >= 12


# --- look-alikes: no change of control ------------------------------------------------

LOOK_ALIKES = [
    ("Afghanistan", "A suicide bomber walked into a mosque in Kandahar on Friday."),
    # a verb of the subject's own ends the first verb's object
    ("Libya", "Rebels said they had taken the oil port and were advancing on Sirte."),
    ("Ukraine", "Russian troops took the heights and were shelling Pokrovsk."),
    ("Afghanistan", "President Ashraf Ghani fled Kabul on Sunday."),
    ("Afghanistan", "The government declared control of prices a priority in Kabul."),
    ("Libya", "Sirte was declared a military zone on Friday."),
    ("Syria", "Idlib was declared a de-escalation zone in May."),
    ("Afghanistan", "Officials are moving into new offices in Kabul."),
    ("Syria", "Areas outside government control include Idlib."),
    ("Mali", "The governor fled Timbuktu as the rebels approached."),
    ("Afghanistan", "The minister walked into the talks in Kabul on Monday."),
    ("Syria", "The army redeployed troops outside Hama to guard the road."),
    ("Somalia", "Police in Kismayo forced them out of their homes."),
    ("Mali", "Police clashed with protesters in Gao on Monday."),
    # a report shown false, or no sign of the deed
    ("Afghanistan", "Reports that the Taliban had seized Ghazni proved false."),
    ("Sudan", "Claims that the army had retaken Wad Madani turned out to be untrue."),
    ("Ukraine", "There was no sign that Russian troops had entered Kupiansk."),
    ("Somalia", "There was no evidence that the militants had taken Baidoa, officials said."),
    ("Mali", "Gao lost to Timbuktu in the football final on Sunday."),
    ("Libya", "The minister clashed with his rivals in Misrata over the budget."),
    ("Libya", 'Officials declared Sirte a "military zone" on Monday.'),
    ("Afghanistan", "Kandahar could be the next city to fall to the Taliban."),
    ("Afghanistan", "Kunduz may become the first city to fall to the Taliban."),
    ("Afghanistan", "Kunduz was the first city to hold elections."),
    # "the besieged town": a description of the town, not a siege laid by the sentence's subject
    ("Ukraine", "Aid convoys reached the besieged town of Avdiivka on Friday."),
    ("Syria", "The rebels shelled several villages in Idlib province, including Saraqeb."),
    ("Congo", "Thousands of refugees poured into Goma as the fighting neared."),
    ("Mali", "The army took journalists on a tour of Kidal on Monday."),
    ("Mali", "Rebels took 30 soldiers prisoner in the town of Gao."),
    ("Ukraine", "Ukrainian troops held out in the besieged town of Avdiivka."),
    ("Nigeria", "Boko Haram went on to threaten Gwoza."),
    ("Nigeria", "Boko Haram fighters overran the Borno state capital on Sunday."),  # which town, the report does not say
    ("Ethiopia", "Federal troops took control of the capital of the Tigray region."),
    ("Mali", "The convoy left Bamako and from there drove north to Gao."),
    ("Ethiopia", "Federal troops drove them out of the market in Woldiya, witnesses said, and then left."),
    # planned
    ("Ukraine", "Ukrainian commanders plan to retake Robotyne before winter."),
    ("Mali", "The army is preparing an offensive on Kidal."),
    ("Sudan", "The RSF could seize El Obeid within weeks."),
    ("Congo", "M23 has no plans to take Goma, its leader said."),
    ("Syria", "The SDF was seeking to clear Deir ez-Zor of Islamic State cells."),
    ("Mali", "An offensive on Kidal is expected next month."),
    # failed
    ("Ukraine", "Russian troops failed to take Vuhledar."),
    ("Yemen", "An attempt by Houthi fighters to seize Taiz collapsed."),
    ("Somalia", "The militants were unable to take Beledweyne."),
    ("Somalia", "Government forces are yet to recapture Baidoa."),
    ("Ukraine", "Russian forces are trying to encircle Pokrovsk."),
    # negated
    ("Sudan", "Sudanese troops have not retaken Wad Madani."),
    ("Congo", "M23 denied that it had entered Goma."),
    ("Mali", "Kidal did not fall."),
    ("Gaza", "Israeli troops have not entered Rafah."),
    ("Afghanistan", "Officials denied reports that Herat had fallen to the Taliban."),
    # hypothetical
    ("Yemen", "Should Taiz fall, the road to Aden would open."),
    ("Somalia", "A capture of Kismayo would be a blow to al-Shabaab."),
    ("Ethiopia", "The fall of Woldiya, a Tigrayan official said, would open the road south."),
    ("Ukraine", "Any offensive on Kherson would be costly."),
    # quoted threats
    ("Ukraine", '"We will take Pokrovsk in a week," the commander boasted.'),
    ("Syria", '"We are going to liberate Aleppo," the president vowed.'),
    ("Karabakh", "The Azerbaijani army threatened to storm Martuni."),
    ("Ethiopia", "Ethiopian troops vowed to retake Woldiya."),
    # idioms and other verbs
    ("Afghanistan", "Taliban officials took part in talks in Herat."),
    ("Congo", "Elections took place in Goma on Sunday."),
    ("Afghanistan", "The army cleared the road to Ghazni."),
    ("Mozambique", "Insurgents attacked the outskirts of Palma."),
    ("Ukraine", "Russian missiles struck Kherson overnight."),
    ("Gaza", "The strikes left dozens dead in Beit Hanoun."),
    ("Afghanistan", "The Taliban held talks with elders in Kandahar."),
    ("Syria", "Rebels seized a village near Hama."),
    ("Ukraine", "Children played in the liberated village of Robotyne."),
    ("Somalia", "Militants took a base outside Kismayo."),
    ("Ukraine", "The commander said troops would be regrouped soon."),
    # states: control records at most
    ("Syria", "Idlib has been held by opposition forces since 2015."),
    ("Yemen", "The Houthi-held port of Hodeidah was shelled on Friday."),
    ("Ukraine", "Russian forces still hold Nova Kakhovka."),
    ("Syria", "Raqqa was previously held by the Islamic State group."),
    ("Iraq", '"We control all parts of the town," the Iraqi commander in Tikrit said.'),
    ("Sudan", "El Fasher, which remains held by the Sudanese army, was shelled."),
    ("Libya", "Misrata came under heavy fire on Monday."),
    ("Mali", "The army may be forced to withdraw from Kidal."),
    ("Mali", "Troops were ordered to withdraw from Tessalit."),
    ("Mali", "Thousands of residents fled into Timbuktu on Monday."),
    ("Mali", "Residents returned to Kidal on Tuesday."),

    ("Burkina Faso", "JNIM fighters may seize Djibo in May."),
    # moving towards a place is no fight for it yet
    ("Congo", "M23 rebels were advancing on Goma on Sunday."),
    ("Sudan", "The RSF closed in on El Fasher."),
    ("Ukraine", "Zelensky declared victory over Russia in the war, his office in Kyiv said."),
    ("Ukraine", "Russian forces advanced in the direction of Kupiansk."),
    ("Ukraine", "The economy advanced in Kharkiv last year."),
    ("Libya", "The coach declared victory in the match in Misrata."),
    ("Sudan", "The army redeployed troops to El Fasher on Thursday."),
    ("Congo", "M23 moved towards Goma, which they failed to capture."),
    # a flag with no side named, or raised by people, not a side
    ("Ukraine", "A flag was raised over the school in Kherson on Friday."),
    ("Ukraine", "Protesters raised the Ukrainian flag in Kherson on Sunday."),
    ("Gaza", "Hamas's flag was raised in Khan Younis by supporters."),
    ("Lebanon", "Supporters of Hezbollah raised its flag over Bint Jbeil on Sunday."),
    # an order to take is an aim; a withdrawal told with a condition, a hedge or a deal is none yet
    ("Ukraine", "Putin on Monday ordered his troops to seize Kharkiv."),
    ("Ukraine", "The army said on Monday it would withdraw from Bakhmut if needed."),
    ("Syria", "Under the agreement, the rebels said they would withdraw from Aleppo on Monday."),
    ("Sudan", "Commanders did not order troops to withdraw from El Fasher."),
    ("Lebanon", "Israel said its troops would withdraw from Bint Jbeil once the ceasefire took hold."),
    ("Ukraine", "Zelensky said Russian troops would leave Kherson only when they were beaten."),
    ("Libya", "Haftar's forces were not forced to retreat from Tarhuna."),
    ("Yemen", "Hazm could come under Houthi control within days."),
    # a report denied after it is told
    ("Afghanistan", "Reports that Kabul had fallen to the Taliban were false, the ministry said."),
    ("Mali", "Claims that the rebels had captured Kidal are untrue, the army said."),
    # a thing handed to a place, and a place left in a state
    ("Afghanistan", "The rout handed Kabul its worst defeat in years."),
    ("Libya", "Heavy shelling left Gharyan isolated and without power."),
    # declared, but not retaken
    ("Libya", "The GNA declared Sirte a closed military zone."),
    # a siege told as a lasting state is the report's background
    ("Burkina Faso", "Djibo has been cut off by militants since 2017, residents said."),
    ("Libya", "Haftar's forces pressed on towards Sirte, which has been under siege by jihadists since 2016."),
    # a fight across a whole region is no place's event
    ("Ethiopia", "Tigrayan forces pushed into Amhara region in July."),
    # claims that are no claim to a place
    ("Mali", "The army claims Kidal is calm."),
    ("Somalia", "Al-Shabaab claimed responsibility for an attack on Kismayo."),
    ("Afghanistan", "The blast claimed the lives of ten people in Kandahar."),
    ("Ukraine", "Moscow claimed Kherson was a Russian city."),
    # a siege that ends is no siege
    ("Syria", "Rebels broke the siege of Aleppo on Saturday."),
    ("Syria", "Government forces lifted the siege of Deir ez-Zor."),
    ("Syria", "Rebels put an end to the two-year siege of Homs."),
    ("Mali", "The MNLA claimed Kidal as the capital of Azawad."),
    ("Ethiopia", "Rebels shelled the Tigray capital Mekelle.\nTroops later retook the capital."),
    ("Mali", "The minister wrested concessions from Kidal's leaders."),
    # one side of a crossing or a river is not the place it is named after
    ("Gaza", "Israeli troops took control of the Rafah side of the crossing with Egypt."),
    ("Afghanistan", "Reinforcements were flown to an army base outside Kandahar."),
    # "it" is the unnamed place a town locates
    ("Libya", "Rebels took control of a checkpoint near the town of Gharyan, south of Tripoli, but government forces "
              "said they had retaken it within hours."),
]


@pytest.mark.parametrize("war, text", LOOK_ALIKES, ids=[f"{w}: {t[:45]}" for w, t in LOOK_ALIKES])
def test_look_alikes_give_no_change_of_control(war, text):
    assert not [e for e in events_of(text) if e.kind not in (EventKind.CONTROL, EventKind.PRESENCE)]


def test_there_are_enough_look_alikes():
    assert len(LOOK_ALIKES) >= 30


# --- states --------------------------------------------------------------------------------


def test_a_state_since_a_year_is_control_from_that_year_never_a_change():
    (state,) = events_of("Idlib has been held by opposition forces since 2015.", date(2024, 3, 1))
    assert (state.place.name, state.actor, state.kind) == ("Idlib", "Syrian rebels", EventKind.CONTROL)
    assert (state.when.start, state.when.end, state.when.precision) == (date(2015, 1, 1), date(2015, 12, 31), Precision.YEAR)


def test_an_undated_state_is_on_or_before_publication_and_takes_no_other_verbs_date():
    (state,) = events_of("The Houthi-held port of Hodeidah was shelled on Friday.")
    assert (state.actor, state.kind, state.when.start, state.when.end) == ("Houthis", EventKind.CONTROL, None, PUBLISHED)


def test_control_of_all_parts_is_whole_control():
    (state,) = events_of('"Our forces control all parts of Tikrit," the Iraqi commander said.')
    assert (state.place.name, state.kind) == ("Tikrit", EventKind.CONTROL)


def test_a_withdrawal_in_a_when_clause_takes_the_place_and_date_of_its_sentence():
    found = events_of("Al-Qaeda fighters moved into Zinjibar in March 2015, when government forces withdrew to the front.",
                      date(2016, 5, 1))
    left = [e for e in found if e.kind is EventKind.WITHDREW]
    assert [(e.place.name, e.actor, e.when.start) for e in left] == [("Zinjibar", "Yemeni government", date(2015, 3, 1))]


def test_a_past_state_is_no_state():
    assert events_of("Raqqa was previously held by the Islamic State group.") == ()


@pytest.mark.parametrize("text, place, actor", [
    ("Rebels swept into Aleppo on Friday, the first time they had held the city since 2016.", "Aleppo", "Syrian rebels"),
    ("Somali troops entered Kismayo, the first time the government had controlled the port since 2008.", "Kismayo",
     "Somali government"),
])
def test_the_first_time_a_side_held_a_place_since_a_year_is_no_state_since_that_year(text, place, actor):
    assert not [e for e in events_of(text) if e.kind is EventKind.CONTROL]
    assert [(e.place.name, e.actor) for e in events_of(text)] == [(place, actor)]


@pytest.mark.parametrize("text", [
    "Rebels captured Raqqa, which fell out of government control.",
    "Rebels captured Idlib, the second provincial capital to fall out of government control.",
    "Beit Hanoun slipped out of Israeli control on Friday.",
])
def test_a_place_fallen_out_of_a_sides_control_is_no_state_of_its_control(text):
    assert not [e for e in events_of(text) if e.kind is EventKind.CONTROL]


def test_a_state_in_a_relative_clause_takes_no_date_beyond_its_comma():
    held = {e.place.name: (e.when.start, e.when.end) for e in events_of("The Houthis, who control Taiz, have held Hazm since 2015.")
            if e.kind is EventKind.CONTROL}
    assert held == {"Taiz": (None, PUBLISHED), "Hazm": (date(2015, 1, 1), date(2015, 12, 31))}


@pytest.mark.parametrize("text, place, actor", [
    ("Mosul is back in government hands, officials said.", "Mosul", "Iraqi government"),
    ("Sirte is in Haftar's hands.", "Sirte", "LNA"),
])
def test_a_place_in_a_sides_hands_is_its_state_of_control(text, place, actor):
    (state,) = events_of(text)
    assert (state.place.name, state.actor, state.kind) == (place, actor, EventKind.CONTROL)


def test_a_withdrawal_days_before_an_entry_takes_not_its_date():
    """ "The army entered Kidal on Monday, days after the rebels withdrew": the withdrawal is not on Monday."""
    events = events_of("The army entered Kidal on Monday, days after the rebels withdrew.", date(2023, 6, 17))
    (left,) = [e for e in events if e.kind is EventKind.WITHDREW]
    (entered,) = [e for e in events if e.kind is EventKind.CONTESTED]
    assert entered.when.start == date(2023, 6, 12) and left.when.start is None and left.when.end == date(2023, 6, 17)


def test_the_town_is_a_town_before_a_city_named_after_it():
    """ "entered Tarhuna after capturing Misrata's airport ... in full control of the town": Tarhuna, not Misrata."""
    text = ("GNA forces said they had entered Tarhuna after capturing Misrata's airport. The GNA said its forces were in "
            "full control of the town on Friday.")
    assert {(e.place.name, e.kind) for e in events_of(text) if e.kind is EventKind.CONTROL} == {("Tarhuna", EventKind.CONTROL)}


def test_the_city_is_the_city_the_report_is_about_before_a_town_named_last():
    """ "... had captured Minova, a key supply hub, on Tuesday. Congo's government said its troops still held positions
    in parts of the city": Goma, the city the report is about, not the town named last (which no gazetteer locates)."""
    from geo.pipeline import analyse, load_gazetteer

    text = ("GOMA, Congo, Jan 27 - M23 rebels said on Monday they had captured Goma, the largest city in eastern Congo.\n\n"
            "Gunfire rang out near the airport and in the city centre, residents said.\n\n"
            "The rebels took Sake, about 25 km (15 miles) west of Goma, last week. They had captured Minova, a key "
            "supply hub on the shores of Lake Kivu, on Tuesday.\n\n"
            "Congo's government said its troops still held positions in parts of the city.\n")
    result = analyse(make_article(text, "report.txt", published=date(2025, 1, 28)), load_gazetteer())
    assert {e.place.name for e in result.events if e.actor == "FARDC"} == {"Goma"}


def test_a_former_state_is_no_state():
    assert events_of("Shells fell on the former rebel-held town of Maarat al-Numan.") == ()


def test_the_rebels_of_a_war_are_not_the_jihadist_group_named_beside_them():
    text = "Islamic State fighters retook Palmyra on Sunday. Rebels still held Idlib and Maarat al-Numan."
    held = {e.place.name: e.actor for e in events_of(text) if e.kind is EventKind.CONTROL}
    assert held == {"Idlib": "Syrian rebels", "Maarat al-Numan": "Syrian rebels"}


def test_a_state_force_and_its_named_allies_are_one_side_and_the_sdf_are_no_rebels():
    text = ("Turkish troops and their Syrian rebel allies captured Tal Abyad on Sunday.\n"
            "The SDF said it had lost control of a stretch of the highway. Rebels also entered Manbij.")
    assert triples(e for e in events_of(text) if e.kind is not EventKind.CONTROL) == {
        ("Tal Abyad", "Turkish forces", CAP), ("Manbij", "Syrian rebels", FIGHT)}


def test_districts_a_list_names_are_held_whole():
    found = events_of("Rebels still held a handful of districts including Manbij and Tal Abyad.")
    assert {(e.place.name, e.kind) for e in found} == {("Manbij", EventKind.CONTROL), ("Tal Abyad", EventKind.CONTROL)}


def test_a_state_force_and_its_allies_are_one_side():
    found = events_of("The Syrian army and its allies took Palmyra on Tuesday, as Islamic State fighters fled Raqqa.")
    assert {(e.place.name, e.actor) for e in found if e.place.name == "Palmyra"} == {("Palmyra", "Syrian government")}


# --- dates from the event's own clause --------------------------------------------------------


@pytest.mark.parametrize(
    "text, published, place, start, end",
    [
        ("Russian forces have made few gains since the fall of Bakhmut last May, Ukrainian officials said on Saturday.",
         date(2024, 1, 20), "Bakhmut", date(2023, 5, 1), date(2023, 5, 31)),
        ("The Taliban took three provincial capitals over the weekend: Herat, Kandahar and Ghazni.",
         date(2021, 8, 9), "Kandahar", date(2021, 8, 7), date(2021, 8, 8)),
        ("Islamist insurgents overran Palma in late March.", date(2021, 4, 20), "Palma", date(2021, 3, 21), date(2021, 3, 31)),
        ("Haftar's forces seized Gharyan on 2 April, a spokesman said.", date(2019, 4, 10), "Gharyan", date(2019, 4, 2), date(2019, 4, 2)),
        ("Sudanese troops entered Sinja on Tuesday.\nTwo days later they retook Sinja.", date(2024, 11, 30), "Sinja",
         date(2024, 11, 28), date(2024, 11, 28)),
        ("It means the RSF have been expelled from Omdurman after the war began in April 2023.", date(2025, 3, 21), "Omdurman",
         None, date(2025, 3, 21)),
        ("The military said on Friday that its troops had entered Vovchansk, while fighting continued outside Marinka.",
         date(2024, 5, 18), "Marinka", date(2024, 5, 17), date(2024, 5, 17)),
        ("Azerbaijani forces took Hadrut on Friday.\nIts president spoke of victory.\n"
         "But fighting in Hadrut was continuing, Armenian officials said.", date(2020, 10, 10), "Hadrut",
         date(2020, 10, 9), date(2020, 10, 9)),
        # "N units after": the event that long before the date of the clause
        ("Kyiv declared Kherson liberated on Friday, eight months after Russian forces seized the city.", date(2022, 11, 12),
         "Kherson", date(2022, 3, 1), date(2022, 3, 31)),
        ("Ethiopian troops entered Mekelle on Saturday, two years after the TPLF took the city.", date(2022, 10, 24),
         "Mekelle", date(2020, 1, 1), date(2020, 12, 31)),
        ("The army lost Kidal last year, officials said.", date(2013, 3, 8), "Kidal", date(2012, 1, 1), date(2012, 12, 31)),
        # a date of another verb's -ing form is not the event's
        ("The Three Brotherhood Alliance has seized Hsenwi and Kunlong since launching an offensive in late October.",
         date(2024, 1, 8),
         "Kunlong", None, date(2024, 1, 8)),
        # a date inside a relative clause between commas is that clause's, not the main verb's
        ("Haftar's forces, who seized Gharyan in April, withdrew from Tarhuna.", date(2020, 6, 6), "Tarhuna",
         None, date(2020, 6, 6)),
        # "a day after" counts from the nearest date before it, not from the dateline's
        ("ADDIS ABABA, Nov 2 - The rebels said on Monday they had taken Woldiya, a day after claiming Lalibela.",
         date(2021, 11, 2), "Lalibela", date(2021, 10, 31), date(2021, 10, 31)),
        # the dateline's date is the day of filing, not the event's
        ("KHARKIV, Sept 12 - Ukrainian forces recaptured the eastern city of Kupiansk, a railway junction some "
         "100 km east of Kharkiv, on Saturday.", date(2022, 9, 12), "Kupiansk", date(2022, 9, 10), date(2022, 9, 10)),
        # a place-less idiom dates nothing ("took up arms in December"); "earlier in the week" is this week
        ("The Seleka coalition, which took up arms in December, said it had seized Bambari earlier in the week.",
         date(2013, 3, 24), "Bambari", date(2013, 3, 18), date(2013, 3, 24)),
        # a date inside a restrictive relative clause is that clause's, not the main verb's
        ("Rebels who took Raqqa last year have pulled out of Tal Abyad.", date(2023, 6, 17), "Tal Abyad",
         None, date(2023, 6, 17)),
        ("Insurgents who seized Palma in March have withdrawn.", date(2021, 5, 20), "Palma",
         None, date(2021, 5, 20)),
        # a list whose places each have a date of their own: each takes its own
        ("The Taliban took Herat on Friday, Kandahar on Saturday and Kabul on Sunday.", date(2021, 8, 16), "Kandahar",
         date(2021, 8, 14), date(2021, 8, 14)),
        ("The Taliban took Herat on Friday, Kandahar on Saturday and Kabul on Sunday.", date(2021, 8, 16), "Kabul",
         date(2021, 8, 15), date(2021, 8, 15)),
        ("M23 seized Rubaya in April and Sake, 25 km from Goma, on Thursday.", date(2024, 6, 15), "Rubaya",
         date(2024, 4, 1), date(2024, 4, 30)),
        ("M23 seized Rubaya in April and Sake, 25 km from Goma, on Thursday.", date(2024, 6, 15), "Sake",
         date(2024, 6, 13), date(2024, 6, 13)),
        ("Sudanese troops retook Sinja last week, and Wad Madani on Saturday.", date(2025, 1, 13), "Wad Madani",
         date(2025, 1, 11), date(2025, 1, 11)),
        # "earlier in the day": the day the text last spoke of
        ("The Taliban entered Ghazni on Thursday.\nEarlier in the day they took Qalat without a fight.", date(2021, 8, 14),
         "Qalat", date(2021, 8, 12), date(2021, 8, 12)),
        # ... and so do the subjects of one verb: "X fell on Friday and Y on Saturday"
        ("Boko Haram fighters pressed on. Gwoza fell in August, and Dikwa in September.", date(2014, 10, 2), "Gwoza",
         date(2014, 8, 1), date(2014, 8, 31)),
        ("Boko Haram fighters pressed on. Gwoza fell in August, and Dikwa in September.", date(2014, 10, 2), "Dikwa",
         date(2014, 9, 1), date(2014, 9, 30)),
        ("Kismayo was taken by Kenyan troops on Monday, and Baidoa on Friday.", date(2012, 10, 1), "Baidoa",
         date(2012, 9, 28), date(2012, 9, 28)),
        # an event's own date beats one shifted from the main clause ("N days after")
        ("The rebels seized Menaka on Sunday, completing their sweep in four days after Kidal fell on Thursday.",
         date(2012, 4, 3), "Kidal", date(2012, 3, 29), date(2012, 3, 29)),
        # a date in an apposition with a clause of its own is that clause's: the year they lost the town
        ("Rebels said they had entered Hama, a city they lost to the army in 2016.", date(2024, 12, 4), "Hama",
         None, date(2024, 12, 4)),
        ("Kurdish fighters entered Manbij, a town the army had held since 2018.", date(2024, 12, 4), "Manbij",
         None, date(2024, 12, 4)),
        ("Russian troops took Kherson. On Friday the last Russian troops crossed the river, leaving the city they had held "
         "since March.", date(2022, 11, 12), "Kherson", date(2022, 11, 11), date(2022, 11, 11)),
        # a deed told "since" a date happened between that date and the report's day ...
        ("Since launching their offensive in late October, the rebels have seized Kunlong.", date(2024, 1, 5), "Kunlong",
         date(2023, 10, 21), date(2024, 1, 5)),
        ("Since the war began in April, the RSF has captured Nyala.", date(2023, 11, 2), "Nyala",
         date(2023, 4, 1), date(2023, 11, 2)),
        # ... but "since" after the deed is a comparison's date
        ("The Taliban overran Kunduz on Monday, the first provincial capital to fall to them since 2001.", date(2015, 9, 29),
         "Kunduz", date(2015, 9, 28), date(2015, 9, 28)),
        ("Rebels seized Raqqa, the biggest city lost by the government since 2011.", date(2013, 3, 6), "Raqqa",
         None, date(2013, 3, 6)),
        ("The Taliban captured Kunduz, the worst blow since NATO troops withdrew from the country in late 2014.",
         date(2015, 9, 29), "Kunduz", None, date(2015, 9, 29)),
        # "also" after the same side's dated deed of the same sort: its date; another side's: none
        ("Tigrayan forces said on Sunday they had captured Woldiya.\nThe fighters had also taken Lalibela.",
         date(2021, 11, 1), "Lalibela", date(2021, 10, 31), date(2021, 10, 31)),
        ("Rebels seized Kidal on Friday.\nThe army also retook Menaka.", date(2021, 11, 1), "Menaka", None, date(2021, 11, 1)),
        # a "when" clause takes the date it explains
        ("In June 2014, when Islamic State seized Mosul, the army fled.", date(2017, 10, 16), "Mosul",
         date(2014, 6, 1), date(2014, 6, 30)),
        ("Kurdish forces have held Tal Afar since 2014, when Islamic State seized Mosul.", date(2017, 10, 16), "Mosul",
         date(2014, 1, 1), date(2014, 12, 31)),
        # ... and "since" before the deed's own clause dates the deed
        ("Russia has made no gain as big since it took Bakhmut in May 2023.", date(2024, 2, 17), "Bakhmut",
         date(2023, 5, 1), date(2023, 5, 31)),
        ("The militants have killed 1,500 people since taking control of Mosul on June 12.", date(2014, 6, 21), "Mosul",
         date(2014, 6, 12), date(2014, 6, 12)),
        # a deed told "after" or "months after" against the main verb's date is not of that date
        ("Troops shelled Kismayo on Monday after Baidoa fell to al-Shabaab on Sunday.", date(2023, 6, 17), "Baidoa",
         date(2023, 6, 11), date(2023, 6, 11)),
        ("The army entered Kidal in October, months after Menaka was seized by militants.", date(2023, 11, 20), "Menaka",
         None, date(2023, 11, 20)),
        ("Rebels took Hama on Monday before they seized Idlib.", date(2023, 6, 17), "Idlib", None, date(2023, 6, 17)),
        # "days after" with no count, past other words, still leaves the date before to its own verb
        ("Armenia agreed on Tuesday to withdraw its troops under a deal that ended the fighting, days after Azerbaijani "
         "forces captured Shusha.", date(2020, 11, 10), "Shusha", None, date(2020, 11, 10)),
        # a date that opens the next coordinated clause is its verb's
        ("In July 1995 Bosnian Serb forces overran Srebrenica, and in August 1995 Croatian forces recaptured Knin.",
         date(1995, 12, 1), "Srebrenica", date(1995, 7, 1), date(1995, 7, 31)),
        ("Rebels took Hama on Friday, and on Saturday troops retook Idlib.", date(2023, 6, 17), "Hama",
         date(2023, 6, 16), date(2023, 6, 16)),
        # ... but a date before an aside of "after" is the deed's
        ("On Monday, after heavy fighting, the army retook Tikrit.", date(2023, 6, 17), "Tikrit",
         date(2023, 6, 12), date(2023, 6, 12)),
    ],
)
def test_dates_from_the_events_own_clause(text, published, place, start, end):
    found = [e for e in events_of(text, published) if e.place.name == place and e.kind is not EventKind.CONTROL]
    assert found and (found[-1].when.start, found[-1].when.end) == (start, end)


def test_the_dateline_is_not_the_town_and_the_town_named_so_is():
    text = "OUAGADOUGOU (Reuters) - Militants overran an outpost near the town of Djibo and briefly occupied the town."
    assert {(e.place.name, e.kind) for e in events_of(text)} == {("Djibo", EventKind.CAPTURED)}


def test_what_happened_later_does_not_inherit_the_date_before():
    text = "Militants occupied Kidal on Monday.\nThe army later regained control of Kidal."
    when = {e.kind: (e.when.start, e.when.end) for e in events_of(text, date(2013, 3, 8))}
    assert when[EventKind.RECAPTURED] == (None, date(2013, 3, 8))


def test_a_take_after_a_siege_does_not_inherit_the_siege_s_date():
    text = "Malian troops encircled Kidal in January.\nThe army captured Kidal."
    when = {e.kind: (e.when.start, e.when.end) for e in events_of(text, date(2013, 3, 8))}
    assert when[EventKind.RECAPTURED] == (None, date(2013, 3, 8))


def test_a_retake_by_the_other_side_does_not_inherit_the_take_s_date():
    text = "Rebels seized Kidal on Monday.\nThe army has since retaken Kidal."
    when = {e.kind: (e.when.start, e.when.end) for e in events_of(text, date(2013, 3, 8))}
    assert when[EventKind.CAPTURED] == (date(2013, 3, 4), date(2013, 3, 4))
    assert when[EventKind.RECAPTURED] == (None, date(2013, 3, 8))


@pytest.mark.parametrize("text, published", [
    ("Tigrayan forces said they had taken Lalibela.\nThe federal army said on December 6 it had retaken Woldiya and Lalibela.",
     date(2021, 12, 8)),
    ("The M23 had also seized Rubaya.\nCongolese troops said on Monday they had driven the rebels out of Rubaya.",
     date(2024, 5, 2)),
])
def test_a_take_does_not_take_the_date_of_the_other_side_s_retake_told_next(text, published):
    takes = [e for e in events_of(text, published) if e.kind is EventKind.CAPTURED]
    assert takes and all(e.when.start is None for e in takes)


def test_a_side_s_withdrawal_does_not_inherit_the_date_of_its_own_take():
    text = ("Ukrainian troops entered Kherson on Friday. Russia had seized the regional capital in March. The Russian "
            "defence ministry said more than 30,000 troops had been pulled back across the river.")
    when = {e.kind: (e.when.start, e.when.end) for e in events_of(text, date(2022, 11, 11))}
    assert when[EventKind.CAPTURED] == (date(2022, 3, 1), date(2022, 3, 31))
    assert when[EventKind.WITHDREW] == (None, date(2022, 11, 11))


def test_a_span_before_a_verb_counts_from_no_date_of_the_text():
    text = "Rebels seized Kidal on Monday.\nThey had shelled the town for five days before entering it."
    assert all(e.when.start in (None, date(2013, 3, 4)) for e in events_of(text, date(2013, 3, 8)))


def test_a_bare_withdrawal_after_a_relative_clause_takes_its_place_not_its_date():
    text = "The rebels, who seized Kidal in January, pulled back towards the desert."
    when = {e.kind: (e.place.name, e.when.start, e.when.end) for e in events_of(text, date(2013, 3, 2))}
    assert when[EventKind.CAPTURED] == ("Kidal", date(2013, 1, 1), date(2013, 1, 31))
    assert when[EventKind.WITHDREW] == ("Kidal", None, date(2013, 3, 2))


# --- unlocated places ---------------------------------------------------------------------


def test_events_on_unlocated_places_are_kept_with_null_coordinates():
    events = events_of("Ukrainian troops recaptured the villages of Robotyne, Staromaiorske and Urozhaine.")
    records = {e.place.name: e.as_record() for e in events}
    assert records["Staromaiorske"]["lat"] is None and records["Staromaiorske"]["lon"] is None
    assert records["Staromaiorske"]["place_id"].startswith("unlocated:")
    assert records["Robotyne"]["lat"] is not None


# --- layout quirks ---------------------------------------------------------------------------


def test_a_hard_wrapped_sentence_is_read_whole():
    text = ("Sudanese troops said on Friday that they had retaken the city of\nOmdurman after months of\n"
            "fighting with the paramilitary RSF.\n\nThe army said more towns would follow.")
    (event,) = events_of(text)
    assert (event.place.name, event.actor, event.kind.value, event.when.start) == ("Omdurman", "SAF", RECAP, date(2023, 6, 16))


def test_a_repeated_lead_and_a_photo_caption_give_the_event_once():
    lead = "Houthi rebels seized Hazm on Friday, tribal sources said."
    text = f"{lead}\nPhoto: Fighters in the captured town of Hazm (Reuters)\n{lead}\nThe town lies east of Sanaa."
    assert [(e.place.name, e.actor, e.kind.value) for e in events_of(text)] == [("Hazm", "Houthis", CAP)]


def _placed_once(text: str, name: str, kind: PlaceKind, country: str, cue: str):
    """The article and its one mention of ``name``, an unlocated place, at its first occurrence."""
    article = make_article(text, "report.txt", published=PUBLISHED)
    first = text.index(name)
    place = Place.unlocated(name, kind=kind, country=country)
    return article, [Mention(article.id, first, first + len(name), name, place, 0.5, "", cue)]


def test_a_name_the_article_placed_once_is_that_place_where_it_recurs():
    text = ("Late on Thursday the RSF seized the village of Um Kadada, a market town.\n"
            "The army said fighting around Um Kadada went on. Troops left Um Kadada Friday, residents said.")
    article, only_once = _placed_once(text, "Um Kadada", PlaceKind.VILLAGE, "SD", "the village of")
    found = {(e.place.name, e.actor, e.kind.value, e.when.start) for e in extract_events(article, only_once)}
    assert found == {("Um Kadada", "RSF", CAP, date(2023, 6, 15)), ("Um Kadada", "RSF", FIGHT, date(2023, 6, 15)),
                     ("Um Kadada", "SAF", LEFT, date(2023, 6, 16))}
    assert all(e.place.lat is None for e in extract_events(article, only_once))


@pytest.mark.parametrize("later", [
    "Rebels later shelled Kamenka Heights, residents said.",   # part of a longer name
    "Fighting went on near North Kamenka on Tuesday.",         # a name before it
    "Fighting went on near kamenka on Tuesday.",               # not written as a name
])
def test_a_recurring_name_inside_another_name_is_not_that_place(later):
    text = f"Late on Monday Russian forces seized the village of Kamenka. {later}"
    article, only_once = _placed_once(text, "Kamenka", PlaceKind.VILLAGE, "UA", "the village of")
    assert [(e.place.name, e.kind.value) for e in extract_events(article, only_once)] == [("Kamenka", CAP)]


def test_a_recurring_name_may_open_with_a_lower_case_particle():
    text = ("Houthi fighters overran the town of al-Abdiya on Monday, tribal sources said. "
            "The government has acknowledged fighting around al-Abdiya, but has not said it lost the town.")
    article, only_once = _placed_once(text, "al-Abdiya", PlaceKind.TOWN, "YE", "the town of")
    assert {(e.place.name, e.actor, e.kind.value) for e in extract_events(article, only_once)} == {
        ("al-Abdiya", "Houthis", CAP), ("al-Abdiya", "Houthis", FIGHT)}


@pytest.mark.parametrize("aside, place", [
    ("The raid followed a split in al-Shabaab, which had lost Baidoa in 2022.", "Kismayo"),  # a relative clause: an aside
    ("The raid followed a split in al-Shabaab after it lost Baidoa in 2022.", "Baidoa"),    # the main clause's place
    ("It was the group's worst blow since it lost Baidoa in 2022.", "Kismayo"),  # "the worst since ...": an aside
])
def test_the_city_is_not_a_place_named_in_an_aside_when_the_article_has_its_own(aside, place):
    text = (f"Kismayo was calm on Monday. Residents of Kismayo said the port was shut. {aside} "
            "Militants moved into the city on Tuesday, residents said.")
    taken = {e.place.name for e in events_of(text) if e.kind is EventKind.CAPTURED and e.when.start == date(2023, 6, 13)}
    assert taken == {place}


@pytest.mark.parametrize("text", ["Tal Afar is still held by ISIL.", "Raqqa was already controlled by ISIL."])
def test_a_passive_state_after_an_adverb_is_the_holders(text):
    place = text.split(" is ")[0].split(" was ")[0]
    assert triples(events_of(text)) == {(place, "ISIL", HELD)}


def test_a_held_place_described_so_is_dated_by_no_verb_of_its_sentence():
    # "Russian-held Donetsk" is a description: the attack's "since October" does not start the hold
    events = events_of("Russian forces have attacked Avdiivka, near Russian-held Donetsk, since October.", date(2024, 2, 17))
    held = [e for e in events if e.place.name == "Donetsk"]
    assert [(e.kind, e.when.start) for e in held] == [(EventKind.CONTROL, None)]


@pytest.mark.parametrize("text, place, actor", [
    ("Ukrainian troops entered Kherson on Friday.\nColumns of tanks rolled into the city on Saturday.\n"
     "Russian forces had seized Donetsk in 2014.", "Kherson", "Ukrainian forces"),
    ("British troops pushed into Mosul on Monday.\nColumns of tanks rolled into the city from three directions.",
     "Mosul", "British forces"),  # tanks alone are no side, not the country's government
    ("M23 fighters entered Goma on Monday.\nConvoys of trucks rolled into the city a day later.\n"
     "Congolese troops retook Rutshuru in 2013.", "Goma", "M23"),
    # a retake is never the side that entered before, unless it took the place in the report's last days
    ("Russian troops entered Bucha in February.\nBucha was liberated on Saturday.", "Bucha", "Ukrainian forces"),
    ("The SDF captured Raqqa on Wednesday.\n\"Raqqa has been liberated,\" an SDF spokesman said.", "Raqqa", "SDF"),
])
def test_a_move_that_names_no_side_is_the_side_told_moving_on_the_place_just_before(text, place, actor):
    moves = [e for e in events_of(text, date(2025, 1, 30)) if e.place.name == place and e.kind in (
        EventKind.CAPTURED, EventKind.RECAPTURED) and e.trigger != "entered"]
    assert moves and {e.actor for e in moves} == {actor}


@pytest.mark.parametrize("text", [
    "Rebels handed over control of Kidal to the Malian army.",
    "The Taliban said local elders had surrendered control of Kandahar to them.",
    # ... nor is control fought for
    "Israeli troops fought Hezbollah guerrillas for control of Bint Jbeil.",
])
def test_control_handed_over_or_fought_for_is_no_state(text):
    assert not [e for e in events_of(text) if e.kind is EventKind.CONTROL]
