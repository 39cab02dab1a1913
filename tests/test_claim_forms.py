"""Every form a report states a distance in, from many wars; and look-alikes that are no claim.

The sentences are written for these tests; the places carry real (atlas-rounded) coordinates.
"""

from __future__ import annotations

import re

import pytest

from geo.extract.distances import check_claim, find_claims
from geo.read.articles import make_article
from geo.records import ClaimKind, Mention, Place, PlaceKind, Verdict


def place(name, lat, lon, kind="city", country="", *alternates, precision=1.0):
    return Place(f"t:{name.lower().replace(' ', '-')}", name, lat, lon, kind, country, alternates=alternates,
                 precision_km=precision)


PLACES = [
    # Mali, Niger
    place("Bamako", 12.65, -8.0, "city", "ML", "BAMAKO"), place("Kidal", 18.44, 1.41, "town", "ML"),
    place("Gao", 16.27, -0.04, "city", "ML"), place("Menaka", 15.92, 2.40, "town", "ML"),
    # Ethiopia
    place("Addis Ababa", 9.03, 38.74, "city", "ET"), place("Mekelle", 13.50, 39.47, "city", "ET"),
    place("Shire", 14.10, 38.28, "town", "ET"),
    # Somalia
    place("Mogadishu", 2.04, 45.34, "city", "SO"), place("Kismayo", -0.36, 42.55, "city", "SO"),
    place("Afgooye", 2.14, 45.12, "town", "SO"),
    place("Aden Adde International Airport", 2.01, 45.30, "facility", "SO", "Aden Adde airport"),
    # Nigeria
    place("Maiduguri", 11.85, 13.16, "city", "NG"), place("Bama", 11.52, 13.69, "town", "NG"),
    place("Damboa", 11.16, 12.76, "town", "NG"),
    # Ukraine, Russia
    place("Kyiv", 50.45, 30.52, "city", "UA"), place("Irpin", 50.52, 30.25, "town", "UA"),
    place("Kharkiv", 49.99, 36.23, "city", "UA"), place("Chuhuiv", 49.84, 36.69, "town", "UA"),
    place("Kupiansk", 49.71, 37.62, "town", "UA"), place("Vovchansk", 50.29, 36.94, "town", "UA"),
    place("Poltava", 49.59, 34.55, "city", "UA"), place("Kramatorsk", 48.72, 37.56, "city", "UA"),
    place("Sloviansk", 48.85, 37.60, "city", "UA"), place("Donetsk", 48.00, 37.80, "city", "UA"),
    place("Avdiivka", 48.14, 37.75, "town", "UA"), place("Kherson", 46.64, 32.61, "city", "UA"),
    place("Mykolaiv", 46.97, 32.00, "city", "UA"), place("Bakhmut", 48.60, 38.00, "town", "UA"),
    place("Belgorod", 50.60, 36.59, "city", "RU"), place("Sudzha", 51.19, 35.27, "town", "RU"),
    place("Belgorod region", 50.7, 37.4, "province", "RU"),
    # Syria, Turkey
    place("Aleppo", 36.20, 37.16, "city", "SY"), place("Azaz", 36.59, 37.05, "town", "SY"),
    place("Kobani", 36.89, 38.35, "town", "SY"), place("Raqqa", 35.95, 39.01, "city", "SY"),
    place("Manbij", 36.53, 37.95, "city", "SY"), place("Tabqa", 35.84, 38.55, "town", "SY"),
    place("Kilis", 36.72, 37.12, "town", "TR"),
    # Yemen, Libya, Sudan
    place("Sanaa", 15.35, 44.21, "city", "YE"), place("Marib", 15.46, 45.32, "city", "YE"),
    place("Tripoli", 32.89, 13.19, "city", "LY"), place("Sirte", 31.21, 16.59, "city", "LY"),
    place("Sabratha", 32.79, 12.48, "town", "LY"), place("Tobruk", 32.08, 23.96, "city", "LY"),
    place("Khartoum", 15.50, 32.56, "city", "SD"), place("Omdurman", 15.64, 32.48, "city", "SD"),
    place("Port Sudan", 19.62, 37.22, "city", "SD"), place("Kassala", 15.45, 36.40, "city", "SD"),
    # DR Congo, Rwanda; Central African Republic
    place("Goma", -1.68, 29.23, "city", "CD"), place("Ruhengeri", -1.50, 29.63, "town", "RW", "Musanze"),
    place("Bangui", 4.36, 18.56, "city", "CF"), place("Ndele", 8.41, 20.65, "town", "CF"),
    place("Bor", 6.21, 31.56, "town", "SS"), place("Juba", 4.85, 31.58, "city", "SS"),
    place("Kherson", 46.64, 32.61, "city", "UA"), place("Snihurivka", 47.08, 32.80, "town", "UA"),
    place("Gori", 41.98, 44.11, "town", "GE"), place("Tskhinvali", 42.23, 43.97, "town", "GE"),
    place("Wad Madani", 14.40, 33.52, "city", "SD"), place("Sennar", 13.55, 33.63, "city", "SD"),
    place("Tal Abyad", 36.70, 38.95, "town", "SY"),
    place("Saraqib", 35.86, 36.80, "town", "SY"),
    place("Jonglei state", 7.66, 32.10, "province", "SS"),
    # Myanmar; Armenia and Azerbaijan; Israel, Gaza, Lebanon; Afghanistan
    place("Laukkai", 23.69, 98.76, "town", "MM"), place("Shan State", 22.0, 98.0, "province", "MM"), place("Jermuk", 39.84, 45.67, "town", "AM"),
    place("Khan Younis", 31.35, 34.30, "city", "PS"), place("Metula", 33.28, 35.58, "village", "IL"),
    place("Kabul", 34.53, 69.17, "city", "AF"), place("Bagram", 34.97, 69.26, "town", "AF"),
    place("Ghazni", 33.55, 68.42, "city", "AF"), place("Lachin", 39.64, 46.55, "town", "AZ"),
    place("Stepanakert", 39.82, 46.75, "city", "AZ", "Khankendi"),
    place("Palma", -10.77, 40.47, "town", "MZ"), place("Mocimboa da Praia", -11.35, 40.35, "town", "MZ"),
    place("Zaporizhzhia", 47.84, 35.14, "city", "UA"), place("Robotyne", 47.45, 35.84, "village", "UA"),
    # Iraq
    place("Baghdad", 33.34, 44.40, "city", "IQ"), place("Ain al-Asad Air Base", 33.80, 42.44, "facility", "IQ", "Asad base"),
    # Countries (areas: never a point)
    place("Ethiopia", 9.0, 39.0, "country", "ET", "Ethiopian"), place("Ukraine", 49.0, 32.0, "country", "UA"),
    Place.unlocated("Tal Hamis", kind=PlaceKind.VILLAGE, country="SY"),
]
BY_NAME = {p.name: p for p in PLACES}
CAPITALS = {"ML": "Bamako", "ET": "Addis Ababa", "SO": "Mogadishu", "UA": "Kyiv", "SY": "Damascus",
            "YE": "Sanaa", "LY": "Tripoli", "SD": "Khartoum", "CF": "Bangui", "AF": "Kabul"}


def capital(code):
    return BY_NAME.get(CAPITALS.get(code, ""))


def mentions_in(article) -> list[Mention]:
    names = sorted(((n, p) for p in PLACES for n in (p.name, *p.alternates)), key=lambda np: -len(np[0]))
    found, taken = [], []
    for name, p in names:
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", article.text):
            if article.sentence_at(m.start()) and not any(a < m.end() and m.start() < b for a, b in taken):
                taken.append(m.span())
                found.append(Mention(article.id, m.start(), m.end(), m.group(), p))
    return sorted(found, key=lambda m: m.start)


def claims_of(text: str):
    article = make_article(text, "t")
    return find_claims(article, mentions_in(article), capital)


def summary(c) -> tuple:
    return (c.subject, c.reference, c.value, c.unit, c.direction, c.hedge)


# (sentence, expected claims as (subject, reference, value, unit, direction, hedge))
CLAIMS = [
    # thousands separators, conversions in brackets and after ", or" (Mali, Ethiopia, Somalia, Ukraine)
    ("Rebels took Kidal, 1,500 km (930 miles) north-east of the capital, on Sunday.",
     [("Kidal", "Bamako", 1500.0, "km", "NE", None)]),
    ("Mekelle, about 780 km (485 miles) north of Addis Ababa, was retaken.",
     [("Mekelle", "Addis Ababa", 780.0, "km", "N", "about")]),
    ("Militants shelled Kismayo, about 500 kilometres, or 310 miles, south-west of Mogadishu.",
     [("Kismayo", "Mogadishu", 500.0, "km", "SW", "about")]),
    ("Fighting raged in Irpin, 20 kilometres (about 12 miles) north-west of Kyiv.",
     [("Irpin", "Kyiv", 20.0, "km", "NW", None)]),
    ("Menaka lies 1,200 kilometers (745 mi) from Bamako.", [("Menaka", "Bamako", 1200.0, "km", None, None)]),
    ("Tobruk lies 1,300 kilometres east from the capital.", [("Tobruk", "Tripoli", 1300.0, "km", "E", None)]),
    # numbers as words (Nigeria, Ukraine, Libya)
    ("Bama lies about seventy kilometres south-east of Maiduguri.",
     [("Bama", "Maiduguri", 70.0, "km", "SE", "about")]),
    # what the town lies on is no subject, named in the gazetteer or not
    ("Bama lies on the edge of Sambisa Forest, about seventy kilometres south-east of Maiduguri.",
     [("Bama", "Maiduguri", 70.0, "km", "SE", "about")]),
    ("Kherson sits on the bank of the Dnipro, about 60 km south-east of Mykolaiv.",
     [("Kherson", "Mykolaiv", 60.0, "km", "SE", "about")]),
    ("Damboa, some eighty-five kilometres south of Maiduguri, was attacked at dawn.",
     [("Damboa", "Maiduguri", 85.0, "km", "S", "some")]),
    ("Belgorod, about forty miles north of Kharkiv, was shelled.",
     [("Belgorod", "Kharkiv", 40.0, "mi", "N", "about")]),
    ("Sirte lies four hundred and fifty kilometres east of Tripoli.",
     [("Sirte", "Tripoli", 450.0, "km", "E", None)]),
    ("Sabratha is a two-hour drive from Tripoli.", [("Sabratha", "Tripoli", 2.0, "h_drive", None, None)]),
    # bounds
    ("Goma lies less than 3 km from the Rwandan border.", [("Goma", "the Rwandan border", 3.0, "km", None, "less than")]),
    ("Avdiivka is more than 10 km north of Donetsk.", [("Avdiivka", "Donetsk", 10.0, "km", "N", "more than")]),
    ("RSF fighters shelled Omdurman, nearly 20 km north-west of Khartoum.",
     [("Omdurman", "Khartoum", 20.0, "km", "NW", "nearly")]),
    ("Shells hit Kupiansk, up to 10 km from the front line.", [("Kupiansk", "the front line", 10.0, "km", None, "up to")]),
    ("Chuhuiv is just over 30 km from Kharkiv.", [("Chuhuiv", "Kharkiv", 30.0, "km", None, "just over")]),
    ("Afgooye is close to 30 km from Mogadishu.", [("Afgooye", "Mogadishu", 30.0, "km", None, "close to")]),
    ("Bagram lies at least 40 km north of Kabul.", [("Bagram", "Kabul", 40.0, "km", "N", "at least")]),
    # indirect references
    ("Rebels seized Ndele, 650 km north-east of the capital.", [("Ndele", "Bangui", 650.0, "km", "NE", None)]),
    ("Shelling hit Chuhuiv, 40 km south-east of the provincial capital Kharkiv.",
     [("Chuhuiv", "Kharkiv", 40.0, "km", "SE", None)]),
    ("Russian troops pressed on Kharkiv and entered Kupiansk. Vovchansk lies about 70 km north-east of the regional centre.",
     [("Vovchansk", "Kharkiv", 70.0, "km", "NE", "about")]),
    ("Gunmen attacked Aden Adde airport on Monday. Afgooye lies 30 km north-west of the airport.",
     [("Afgooye", "Aden Adde airport", 30.0, "km", "NW", None)]),
    ("Fighting raged in Bagram, 5 km north of the airport.", [("Bagram", "the airport", 5.0, "km", "N", None)]),
    ("Drones struck Kherson, 60 km south-east of the city of Mykolaiv.",
     [("Kherson", "Mykolaiv", 60.0, "km", "SE", None)]),
    ("Troops entered Shire, about 570 km from the capital of Ethiopia.",
     [("Shire", "Addis Ababa", 570.0, "km", None, "about")]),
    ("Fighters reached Ndele, some 650 km from the capital, Bangui.", [("Ndele", "Bangui", 650.0, "km", None, "some")]),
    ("Clashes erupted in Ndele, 650 km north-east of the capital city of Bangui.",
     [("Ndele", "Bangui", 650.0, "km", "NE", None)]),
    ("Kidal is 1,500 km from the country's capital Bamako.", [("Kidal", "Bamako", 1500.0, "km", None, None)]),
    ("Chuhuiv sits 35 km from the larger industrial city of Kharkiv.", [("Chuhuiv", "Kharkiv", 35.0, "km", None, None)]),
    # coreference and pronouns as subjects
    ("Ukrainian forces retook Kherson in November. The strategic city lies about 60 km south-east of Mykolaiv.",
     [("Kherson", "Mykolaiv", 60.0, "km", "SE", "about")]),
    ("Fighters entered Sirte, which lies 450 km east of Tripoli.", [("Sirte", "Tripoli", 450.0, "km", "E", None)]),
    ("Bakhmut matters because it lies 60 km from Kramatorsk.", [("Bakhmut", "Kramatorsk", 60.0, "km", None, None)]),
    # a noun in apposition is the place it follows, not the place the article names most (Syria, Sudan)
    ("Aleppo was calm. Aleppo's markets reopened. IS fighters retook Tabqa, the dusty town 50 km west of Raqqa.",
     [("Tabqa", "Raqqa", 50.0, "km", "W", None)]),
    ("Khartoum was shelled and Khartoum burned. The RSF took Kassala, the eastern city 400 km from Omdurman.",
     [("Kassala", "Omdurman", 400.0, "km", None, None)]),
    # "the town" just after "the town of X" is X, however often the report names another
    ("Gao was calm and Gao's market opened. French troops entered the town of Menaka. The town lies 300 km "
     "south-east of Kidal.", [("Menaka", "Kidal", 300.0, "km", "SE", None)]),
    ("Kharkiv was shelled and Kharkiv burned. Troops retook the ancient city of Poltava on Monday. The city lies "
     "about 140 km west of Kupiansk.", [("Poltava", "Kupiansk", 140.0, "km", "W", "about")]),
    ("Government troops recaptured Damboa. The town is about 85 km south of Maiduguri.",
     [("Damboa", "Maiduguri", 85.0, "km", "S", "about")]),
    ("Marib sits on a plateau at the edge of the desert about 120 km east of Sanaa.",
     [("Marib", "Sanaa", 120.0, "km", "E", "about")]),
    ("The rebels took Laukkai in the north of Shan State, about 10 km from the Chinese border.",
     [("Laukkai", "the Chinese border", 10.0, "km", None, "about")]),
    # unnamed subjects
    ("Islamic State fighters dug in on a hill 12 km south of Tabqa.", [("hill", "Tabqa", 12.0, "km", "S", None)]),
    ("Russian troops overran a checkpoint 3 km from Bakhmut.", [("checkpoint", "Bakhmut", 3.0, "km", None, None)]),
    ("The army said a camp 5 miles outside Goma was shelled.", [("camp", "Goma", 5.0, "mi", None, None)]),
    ("Shells fell on the displacement camp outside Kismayo, 10 km west of the airport.",
     [("displacement camp", "the airport", 10.0, "km", "W", None)]),
    # borders
    ("The camp at Azaz, 5 km from the Turkish border, is full.", [("Azaz", "the Turkish border", 5.0, "km", None, None)]),
    ("Israeli tanks reached Khan Younis, 10 km from the border with Egypt.",
     [("Khan Younis", "the border with Egypt", 10.0, "km", None, None)]),
    ("Rockets hit Kilis, 8 km from the Syrian-Turkish border.", [("Kilis", "the Syrian-Turkish border", 8.0, "km", None, None)]),
    ("Metula sits barely 1 km from Lebanon's border.", [("Metula", "Lebanon's border", 1.0, "km", None, "barely")]),
    ("Sudzha lies about 10 km from the frontier with Ukraine.",
     [("Sudzha", "the frontier with Ukraine", 10.0, "km", None, "about")]),
    ("Ruhengeri lies 25 miles from the Congolese border.", [("Ruhengeri", "the Congolese border", 25.0, "mi", None, None)]),
    ("Shells fell on Jermuk, 20 km from the border between Armenia and Azerbaijan.",
     [("Jermuk", "the border between Armenia and Azerbaijan", 20.0, "km", None, None)]),
    ("Russian forces shelled Sudzha. The town is 10 km from the border.",
     [("Sudzha", "the border", 10.0, "km", None, None)]),
    # lists, implicit references
    ("Kobani lies 140 km from Aleppo, 90 km from Raqqa and 40 km from Manbij.",
     [("Kobani", "Aleppo", 140.0, "km", None, None), ("Kobani", "Raqqa", 90.0, "km", None, None),
      ("Kobani", "Manbij", 40.0, "km", None, None)]),
    ("Families fled Kharkiv for Poltava, 140 km to the west.", [("Poltava", "Kharkiv", 140.0, "km", "W", None)]),
    ("Aid left Port Sudan for Kassala, 400 km away.", [("Kassala", "Port Sudan", 400.0, "km", None, None)]),
    # other relations and spellings
    ("Sabratha is located 70 km far from Tripoli.", [("Sabratha", "Tripoli", 70.0, "km", None, None)]),
    ("Kismayo lies 500km south-west of Mogadishu.", [("Kismayo", "Mogadishu", 500.0, "km", "SW", None)]),
    ("Irpin, 20 km to the north-west of Kyiv, was retaken.", [("Irpin", "Kyiv", 20.0, "km", "NW", None)]),
    ("Troops evacuated the Belgorod region, about 40 km north of Kharkiv.",
     [("Belgorod region", "Kharkiv", 40.0, "km", "N", "about")]),
    ("Kharkiv fell quiet. The city is in the east, in the Belgorod region, about 40 km south of Belgorod.",
     [("Kharkiv", "Belgorod", 40.0, "km", "S", "about")]),
    ("Fighting reached Tal Hamis, 30 km east of Raqqa.", [("Tal Hamis", "Raqqa", 30.0, "km", "E", None)]),
    ("Omdurman lies a mere 5 km from Khartoum.", [("Omdurman", "Khartoum", 5.0, "km", None, "a mere")]),
    ("Bagram, roughly 60 kilometres north of Kabul, was handed over.",
     [("Bagram", "Kabul", 60.0, "km", "N", "roughly")]),
    ("Gao lies some 320 km (200 mi) east of Menaka.", [("Gao", "Menaka", 320.0, "km", "E", "some")]),
    ("Taliban fighters took Ghazni, about 150 km south-west of Kabul.",
     [("Ghazni", "Kabul", 150.0, "km", "SW", "about")]),
    ("Insurgents overran Palma, some 60 km north of Mocimboa da Praia.",
     [("Palma", "Mocimboa da Praia", 60.0, "km", "N", "some")]),
    ("Azerbaijani troops entered Lachin, 25 km (16 miles) south-west of Stepanakert.",
     [("Lachin", "Stepanakert", 25.0, "km", "SW", None)]),
    ("The village of Robotyne, roughly 75 km south-east of Zaporizhzhia, was retaken.",
     [("Robotyne", "Zaporizhzhia", 75.0, "km", "SE", "roughly")]),
    # a named facility right before the measure; an apposition describes the place before it
    ("Rockets struck Asad base about 180 km west of Baghdad.", [("Asad base", "Baghdad", 180.0, "km", "W", "about")]),
    ("Drones hit Belgorod, the capital of the Belgorod region, about 70 km north of Kharkiv.",
     [("Belgorod", "Kharkiv", 70.0, "km", "N", "about")]),
    ("Fighters seized Afgooye, a town in the Lower Shabelle region, 30 km north-west of Mogadishu.",
     [("Afgooye", "Mogadishu", 30.0, "km", "NW", None)]),
    ("Troops entered Bor, capital of Jonglei state about 190 km (120 miles) north of Juba, on Saturday.",
     [("Bor", "Juba", 190.0, "km", "N", "about")]),
    ("Rebels attacked Juba, and later parts of Bor, 150 km north of the capital.",
     [("Bor", "the capital", 150.0, "km", "N", None)]),
    # "to the south-east" with no place before it in the sentence: from the place the sentence before is about
    ("Kurdish fighters drove the militants out of Kobani. The group still holds Raqqa, some 140 km to the south-east.",
     [("Raqqa", "Kobani", 140.0, "km", "SE", "some")]),
    ("BAMAKO (Reuters) - French troops entered Gao on Monday.\nThe Islamists withdrew towards Kidal, about 300 km to "
     "the north.", [("Kidal", "Gao", 300.0, "km", "N", "about")]),
    # an apposition between commas, however long, does not part a place from its measure
    ("Rebels seized Saraqib, a town at the junction of the M4 and M5 highways, 50 km south-west of Aleppo.",
     [("Saraqib", "Aleppo", 50.0, "km", "SW", None)]),
    # a name no gazetteer holds right before the measure is what the measure is said of
    ("Turkish troops captured Tal Abyad and pressed on towards Ras al-Ain, 100 km to the east.",
     [("Ras al-Ain", "Tal Abyad", 100.0, "km", "E", None)]),
    ("U.S. troops were pulling out of Ain Issa, some 35 km south of Tal Abyad.",
     [("Ain Issa", "Tal Abyad", 35.0, "km", "S", "some")]),
    # "the city" before a closed relative clause is the subject, not a noun inside the clause
    ("The RSF took Wad Madani on Tuesday. The city, which sheltered people who had fled the capital, is about 85 km "
     "north of Sennar.", [("Wad Madani", "Sennar", 85.0, "km", "N", "about")]),
    # a reference described with a proper adjective of two words
    ("Georgian forces abandoned Gori, which lies 25 km south of the South Ossetian capital Tskhinvali.",
     [("Gori", "Tskhinvali", 25.0, "km", "S", None)]),
    ("Gori lies 25 km (15 miles) south of the South Ossetian capital, Tskhinvali.",
     [("Gori", "Tskhinvali", 25.0, "km", "S", None)]),
    # "the city" after a place's own measure is another place, never the one measured
    ("Ukrainian troops entered Kherson. The army said it had also freed the village of Snihurivka, some 60 km (37.3 miles) "
     "north-east of the city.", [("Snihurivka", "Kherson", 60.0, "km", "NE", "some")]),
    # "a" or "an" as one, right before a unit (Israel and Lebanon, Syria and Turkey)
    ("Shells landed in Metula, less than a mile from the Lebanese border.",
     [("Metula", "the Lebanese border", 1.0, "mi", None, "less than")]),
    ("Rockets fell on Kilis, a kilometre from the Syrian border, at dawn.",
     [("Kilis", "the Syrian border", 1.0, "km", None, None)]),
    # a reference named with who holds it (Ukraine, Syria, Yemen)
    ("Avdiivka, a town 15 km north of Russian-held Donetsk, fell in February.",
     [("Avdiivka", "Donetsk", 15.0, "km", "N", None)]),
    ("Shells hit Mykolaiv, some 60 km from Russian-occupied Kherson.",
     [("Mykolaiv", "Kherson", 60.0, "km", None, "some")]),
    ("Azaz lies 48 km north of the rebel-held city of Aleppo.", [("Azaz", "Aleppo", 48.0, "km", "N", None)]),
    ("Marib lies 120 km east of Houthi-controlled Sanaa.", [("Marib", "Sanaa", 120.0, "km", "E", None)]),
    # words between the measure and its relation that change nothing; times in halves and by road (Nigeria, Ukraine)
    ("Bama lies 70 km as the crow flies from Maiduguri.", [("Bama", "Maiduguri", 70.0, "km", None, None)]),
    ("Damboa lies 85 km, in a straight line, south of Maiduguri.",
     [("Damboa", "Maiduguri", 85.0, "km", "S", None)]),
    ("Chuhuiv is a half-hour drive from Kharkiv.", [("Chuhuiv", "Kharkiv", 0.5, "h_drive", None, None)]),
    ("Chuhuiv is about an hour by road from Kharkiv.", [("Chuhuiv", "Kharkiv", 1.0, "h_drive", None, "about")]),
    # a measure in brackets; a relative clause between the place and its measure (Mali, Azerbaijan, Sudan)
    ("Rebels took Kidal (about 300 km north-east of Gao) on Sunday.", [("Kidal", "Gao", 300.0, "km", "NE", "about")]),
    ("Lachin, which lies between Jermuk and Stepanakert, is 25 km from the Armenian border.",
     [("Lachin", "the Armenian border", 25.0, "km", None, None)]),
    ("Omdurman, where the army regrouped after Kassala fell, lies 5 km north-west of Khartoum.",
     [("Omdurman", "Khartoum", 5.0, "km", "NW", None)]),
    # a relative clause is the place's own, however long; a place naming a road is no subject (Libya, Ukraine)
    ("Troops entered Sabratha, which straddles the old coastal road to the Tunisian border some 70 km west of Tripoli.",
     [("Sabratha", "Tripoli", 70.0, "km", "W", "some")]),
    ("Shelling hit Chuhuiv, which lies on the Kupiansk highway about 40 km south-east of Kharkiv.",
     [("Chuhuiv", "Kharkiv", 40.0, "km", "SE", "about")]),
    # a relative clause holding a number with a thousands separator
    ("Kupiansk, which had a population of about 27,000, lies 110 km east of Kharkiv.",
     [("Kupiansk", "Kharkiv", 110.0, "km", "E", None)]),
    # "the distance between A and B", "A and B lie N km apart": A measured from B
    ("The distance between Kharkiv and Kupiansk is about 120 km.", [("Kharkiv", "Kupiansk", 120.0, "km", None, "about")]),
    ("The towns of Kidal and Menaka lie 300 km apart.", [("Kidal", "Menaka", 300.0, "km", None, None)]),
    # ... and "N km separate A from B"
    ("About 120 km separate Kharkiv from Kupiansk.", [("Kharkiv", "Kupiansk", 120.0, "km", None, "about")]),
    ("Only 300 km separates the towns of Kidal and Menaka.", [("Kidal", "Menaka", 300.0, "km", None, "only")]),
    # "a further N km": on from the place measured before it
    ("Fighting reached Gao, 1,000 km north-east of Bamako, and Kidal, a further 300 km to the north-east.",
     [("Gao", "Bamako", 1000.0, "km", "NE", None), ("Kidal", "Gao", 300.0, "km", "NE", None)]),
    # ... "N km further north", in the same sentence or the next
    ("Fighting reached Gao, 1,000 km north-east of Bamako.\nThe rebels also hold Kidal, some 300 km further north-east.",
     [("Gao", "Bamako", 1000.0, "km", "NE", None), ("Kidal", "Gao", 300.0, "km", "NE", "some")]),
    ("Tigrayan forces took Mekelle, about 780 km north of Addis Ababa, and Shire, about 200 km farther to the west.",
     [("Mekelle", "Addis Ababa", 780.0, "km", "N", "about"), ("Shire", "Mekelle", 200.0, "km", "W", "about")]),
    # an event near a place is no thing with a place: the measure is the place's
    ("The attack happened near Kidal, some 1,500 km from Bamako.", [("Kidal", "Bamako", 1500.0, "km", None, "some")]),
    ("Shelling was reported near Gao, 300 km from Kidal.", [("Gao", "Kidal", 300.0, "km", None, None)]),
    # "the distance from A to B", "N km from A to B": a measure between the two
    ("The distance from Kherson to Mykolaiv is about 60 km.", [("Kherson", "Mykolaiv", 60.0, "km", None, "about")]),
    ("It is 25 km from Sloviansk to Kramatorsk.", [("Sloviansk", "Kramatorsk", 25.0, "km", None, None)]),
    # "X lies north-west of Y, some 25 km away": said of X, from Y
    ("Irpin lies north-west of Kyiv, some 25 km away.", [("Irpin", "Kyiv", 25.0, "km", "NW", "some")]),
    ("Azaz lies north of Aleppo, about 45 km away, near the Turkish border.", [("Azaz", "Aleppo", 45.0, "km", "N", "about")]),
    # "the base" is the facility named before whose name ends so
    ("Militants shelled Ain al-Asad Air Base on Sunday.\nThe base lies about 180 km west of Baghdad.",
     [("Ain al-Asad Air Base", "Baghdad", 180.0, "km", "W", "about")]),
    # two places, two measures, one reference: each measure is said of its place
    ("Kidal and Gao lie 1,500 km and 1,200 km from Bamako.",
     [("Kidal", "Bamako", 1500.0, "km", None, None), ("Gao", "Bamako", 1200.0, "km", None, None)]),
    ("Tigrayan forces took Shire and Mekelle, about 870 km and 780 km north of Addis Ababa respectively.",
     [("Shire", "Addis Ababa", 870.0, "km", "N", "about"), ("Mekelle", "Addis Ababa", 780.0, "km", "N", None)]),
    # a place that lies between two others: the measure after them is said of it
    ("Bakhmut lies between Kramatorsk and Donetsk, some 70 km northeast of Donetsk.",
     [("Bakhmut", "Donetsk", 70.0, "km", "NE", "some")]),
    ("Sirte lies roughly halfway between Tripoli and Tobruk, about 450 km east of the capital.",
     [("Sirte", "Tripoli", 450.0, "km", "E", "about")]),
    # a long apposition that opens with a preposition counts as none
    ("Afgooye, on the main road at the edge of the farmland of Somalia, is 30 km from Mogadishu.",
     [("Afgooye", "Mogadishu", 30.0, "km", None, None)]),
    # a measure with no reference is from the last place named, past a sentence that names none
    ('Russian troops took Kherson. "The city is quiet now," a resident said.\nMykolaiv, 60 km to the north-west, held out.',
     [("Mykolaiv", "Kherson", 60.0, "km", "NW", None)]),
]

# Numbers with no unit: the unit comes from the article's other claims, else its text.
NO_UNIT = [
    ("Kramatorsk lies 100 km north of Donetsk. Sloviansk lies 12 north of Kramatorsk.", "Sloviansk", "km", "other distances"),
    ("The 30-km stretch of road was mined. Avdiivka lies 15 north of Donetsk.", "Avdiivka", "km", "text uses elsewhere"),
    ("Goma was calm. Ruhengeri, 30 north-east of Goma, was not.", "Ruhengeri", None, "uses none elsewhere"),
]

NOT_CLAIMS = [
    "Convoys of 75 km and 185 km left Gao.",  # two measures and no place they are said of
    "The distance between the two armies near Kupiansk is 10 km.",
    "The RSF is 5 km from the centre of Omdurman.",  # a side, not a thing with a place: no unnamed subject
    "The SDF are now 10 km from Raqqa.",
    "Fighters from Kidal and Menaka walked 300 km.",
    'Russian troops took Kherson. "Nobody came from Kyiv," a resident said.\nHe walked 60 km to the north-west.',
    "Troops moved west of the capital on Monday.",
    "Russia holds a 100 km front near Kupiansk.",
    "Engineers repaired 30 km of road near Marib.",
    "Shelling began at 10 o'clock near Kherson.",
    "At 5 a.m. shells fell north of Donetsk.",
    "The curfew in Goma runs from 10 to 5.",
    "The 155mm shells hit Avdiivka overnight.",
    "A 40-mile convoy stalled north of Kyiv.",
    "Rebels control 80 per cent of Mogadishu.",
    "Drones flew 1,000 km from Ukraine to strike Belgorod.",
    "The brigade advanced 5 km south of Bakhmut.",
    "Wagner fighters drove 200 km towards Belgorod.",
    "The road from Kabul to Bagram is 60 km long.",
    "The 3 km-long tunnel under Khan Younis was destroyed.",
    "A 20-km buffer zone along the Turkish border was agreed.",
    "He lived for 10 years in Aleppo.",
    "Prices rose 30 per cent in Sanaa this week.",
    "A 50-mile radius around Kyiv was closed to flights.",
    "Convoys moved at 80 km per hour from Port Sudan.",
    "The troops withdrew 10 km from the border.",
    "Only 2 km of the border with Egypt near Khan Younis is fenced.",
    "The ceasefire began at 6 in the morning in Raqqa.",
    "Two hours after leaving Kharkiv, the bus was hit.",
    "The army lies north of Kharkiv in strength.",
    "Mekelle received 300 tonnes of aid from Addis Ababa.",
    "Bama lies one two kilometres from Maiduguri.",
    "A mile-long convoy stalled north of Kyiv.",
    "Engineers cleared a kilometre of road near Bakhmut.",
    "Sappers cleared a mile of the road to Kherson.",
    "The rebels were within 30 km of Kabul.",
    "Government troops were 20 km from Aleppo on Friday.",
    "A convoy was ambushed 15 km north of Gao.",
    "The 20 km that separated the two armies near Kupiansk narrowed.",
]


@pytest.mark.parametrize("text, expected", CLAIMS)
def test_reads_the_claim(text, expected):
    assert [summary(c) for c in claims_of(text)] == expected


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_a_look_alike_is_no_claim(text):
    assert [summary(c) for c in claims_of(text) if c.kind is not ClaimKind.DIRECTION] == []


def test_there_are_enough_sentences_from_enough_wars():
    countries = {BY_NAME[c[0]].country for _, claims in CLAIMS for c in claims if c[0] in BY_NAME}
    assert len(CLAIMS) + len(NO_UNIT) >= 60 and len(NOT_CLAIMS) >= 20 and len(countries) >= 10


@pytest.mark.parametrize("text, subject, unit, why", NO_UNIT)
def test_a_number_with_no_unit_says_where_its_unit_came_from(text, subject, unit, why):
    claim = next(c for c in claims_of(text) if c.subject == subject)
    assert claim.unit == unit and why in claim.note and "no unit given" in claim.note


def test_a_conversion_keeps_both_figures_and_is_checked():
    (claim,) = claims_of("Militants shelled Kismayo, about 500 kilometres, or 310 miles, south-west of Mogadishu.")
    assert (claim.value, claim.unit, claim.alt_value, claim.alt_unit) == (500.0, "km", 310.0, "mi")
    check = check_claim(claim)
    assert check.conversion == "agrees" and check.verdict is Verdict.CONSISTENT


def test_a_wrong_conversion_is_said():
    (claim,) = claims_of("Rebels took Kidal, 1,500 km (530 miles) north-east of the capital, on Sunday.")
    assert check_claim(claim).conversion == "wrong" and "is wrong" in check_claim(claim).note


@pytest.mark.parametrize("text, verdict, why", [
    ("Islamic State fighters dug in on a hill 12 km south of Tabqa.", Verdict.UNVERIFIABLE, "not a gazetteer place"),
    ("Fighting reached Tal Hamis, 30 km east of Raqqa.", Verdict.UNVERIFIABLE, "no coordinates"),
    ("Troops evacuated the Belgorod region, about 40 km north of Kharkiv.", Verdict.UNVERIFIABLE, "not a point"),
    ("Shells hit Kupiansk, up to 10 km from the front line.", Verdict.UNVERIFIABLE, "not a gazetteer place"),
    ("Fighting raged in Bagram, 5 km north of the airport.", Verdict.UNVERIFIABLE, "the reference (the airport)"),
    ("Bama lies about seventy kilometres south-east of Maiduguri.", Verdict.CONSISTENT, ""),
    ("Kidal is 500 km from the country's capital Bamako.", Verdict.INCONSISTENT, "lies outside"),
    ("Rockets hit Kilis, 8 km from the Syrian-Turkish border.", Verdict.CONSISTENT, "Syria–Turkey border"),
    ("Ruhengeri lies 25 miles from the Congolese border.", Verdict.INCONSISTENT, "Democratic Republic of the Congo"),
    ("Goma lies less than 10 km from the Rwandan border.", Verdict.CONSISTENT, "Rwanda"),
    ("Goma lies less than 3 km from the Rwandan border.", Verdict.UNVERIFIABLE, "uncertain by up to 2 km"),
])
def test_verdicts_with_their_reasons(text, verdict, why):
    (claim,) = claims_of(text)
    check = check_claim(claim)
    assert check.verdict is verdict, check.note
    assert why in check.note


def test_the_airport_no_earlier_name_fits_is_the_named_citys_airport_in_the_gazetteer():
    from geo.places.gazetteer import Gazetteer

    hodeidah = place("Hodeidah", 14.80, 42.95, "city", "YE")
    airport = place("Hodeidah International Airport", 14.75, 42.98, "facility", "YE")
    elsewhere = place("Sanaa International Airport", 15.48, 44.22, "facility", "YE")
    gazetteer = Gazetteer([hodeidah, airport, elsewhere])
    text = "Troops pushed into Hodeidah on Monday. They fought in a village 10 km south of the airport."
    article = make_article(text, "t")
    start = text.index("Hodeidah")
    mentions = [Mention("t", start, start + 8, "Hodeidah", hodeidah)]
    (claim,) = find_claims(article, mentions, gazetteer)
    assert (claim.subject, claim.reference_place, claim.value, claim.direction) == ("village", airport, 10.0, "S")
    # Without a gazetteer to ask, it stays unresolved, and the claim is kept.
    (kept,) = find_claims(article, mentions)
    assert kept.reference == "the airport" and kept.reference_place is None


def test_a_user_place_placed_from_the_claim_itself_is_circular_end_to_end(tmp_path):
    from geo.places.gazetteer import Gazetteer
    from geo.places.mentions import find_mentions

    extra = tmp_path / "placed.csv"
    extra.write_text("id,name,lat,lon,kind,country,precision_km,placed_from,source\n"
                     "user:tel-rifaat,Tel Rifaat,36.47,37.10,village,SY,3,geonames:170063,"
                     "placed 30 km north of Aleppo from a report\n", encoding="utf-8")
    gazetteer = Gazetteer.default().merged(Gazetteer.from_file(extra))
    article = make_article("Kurdish fighters held Tel Rifaat, some 30 km north of Aleppo.", "t")
    (claim,) = find_claims(article, find_mentions(article, gazetteer), gazetteer)
    assert claim.subject_place.placed_from == "geonames:170063" and claim.reference_place.id == "geonames:170063"
    check = check_claim(claim)
    assert check.verdict is Verdict.CIRCULAR and "placed in the gazetteer from a stated distance" in check.note


# References only, as cities of their size: the subjects must be names no gazetteer holds, whatever the bundled
# one comes to hold.
NAMED_ONLY_HERE = [Place(f"t:{name.lower()}", name, lat, lon, "city", country, population=500_000)
                   for name, lat, lon, country in [
                       ("Tripoli", 32.89, 13.19, "LY"), ("Raqqa", 35.95, 39.01, "SY"), ("Goma", -1.68, 29.23, "CD"),
                       ("Sirte", 31.21, 16.59, "LY"), ("Latakia", 35.52, 35.78, "SY"), ("Kandahar", 31.61, 65.71, "AF"),
                       ("Marib", 15.46, 45.32, "YE"), ("Pemba", -12.97, 40.52, "MZ")]]


@pytest.mark.parametrize("text, subject, kind", [
    ("Rebels said Bir Ghanam lies about 25 km south of Tripoli, and that it had fallen.", None, None),
    ("Rebels took the town. Bir Ghanam lies about 25 km south of Tripoli.", "Bir Ghanam", PlaceKind.TOWN),
    ("The army said that, Tal Burak lies 30 km from Raqqa.", "Tal Burak", PlaceKind.TOWN),
    ("Fighting is 20 km from Raqqa.", None, None),
    # One word opening a sentence: a name when the article writes it so inside a sentence, never in lower case.
    ("Rebels said Nyamilima had fallen. Nyamilima is only 60 kilometres (37 miles) north of Goma.",
     "Nyamilima", PlaceKind.TOWN),
    ("Nyamilima is only 60 kilometres north of Goma.", None, None),
    ("Heavy shelling hit Goma. Shelling is 20 km from Goma, residents said.", None, None),
    ("Taliban fighters entered Maruf overnight. Maruf lies some ninety miles east of Kandahar.",
     "Maruf", PlaceKind.TOWN),
    # A name and a facility noun right before a distance: a named facility, wherever it stands.
    ("Militias said they had taken Qasr Bu Hadi base about 20 km south of Sirte.", "Qasr Bu Hadi base",
     PlaceKind.FACILITY),
    ("Drones hit the Kwayris air base, 25 km south of Latakia, overnight.", "Kwayris air base", PlaceKind.FACILITY),
    ("Houthi fighters shelled Sirwah camp, 60 kilometres west of Marib.", "Sirwah camp", PlaceKind.FACILITY),
    ("Insurgents overran Mbau airstrip, some forty kilometres north of Pemba.", "Mbau airstrip", PlaceKind.FACILITY),
    ("Militias said they had taken Qasr Bu Hadi base after a week of fighting.", None, None),
])
def test_a_name_a_distance_places_is_an_unlocated_place_and_its_claim_unverifiable(text, subject, kind):
    from geo.places.gazetteer import Gazetteer
    from geo.places.mentions import find_mentions

    gazetteer = Gazetteer(NAMED_ONLY_HERE)
    article = make_article(text + "\n", "t")
    mentions = find_mentions(article, gazetteer)
    unlocated = [m for m in mentions if m.place is not None and not m.place.located]
    claims = [c for c in find_claims(article, mentions, gazetteer) if c.subject_place is not None]
    if subject is None:
        assert unlocated == [] and all(c.subject_place.located for c in claims)
        return
    mention = [m for m in unlocated if m.surface == subject][-1]  # "entered Maruf ... Maruf lies": the second
    assert mention.place.kind is kind and mention.place.id.startswith("unlocated:")
    (claim,) = [c for c in claims if not c.subject_place.located]
    assert claim.subject == subject and claim.subject_place == mention.place and claim.reference_place.located
    check = check_claim(claim)
    assert check.verdict is Verdict.UNVERIFIABLE and "has no coordinates" in check.note
