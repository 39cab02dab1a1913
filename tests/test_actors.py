"""The actor lexicon: surface forms, roles, context and user files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.extract.actors import Actors
from geo.errors import InputError

GOLD = json.loads((Path(__file__).resolve().parent / "gold" / "seeds.json").read_text(encoding="utf-8"))
GOLD_FORMS = [(form, actor) for actor, forms in GOLD["actors"].items() for form in forms]


def actors_in(text: str, *, dominant: str = "", country: str = "") -> list[str]:
    actors = Actors.default()
    return [m.actor for m in actors.in_context(actors.find(text), dominant=dominant, country=country)]


@pytest.mark.parametrize("form, actor", GOLD_FORMS, ids=[f for f, _ in GOLD_FORMS])
def test_gold_surface_forms_in_an_iraqi_article_about_isil(form, actor):
    assert set(actors_in(f"Witnesses said {form} moved in.", dominant="ISIL", country="IQ")) == {actor}


@pytest.mark.parametrize(
    "text, country, expected",
    [
        ("Russian troops and Ukrainian forces clashed", "UA", ["Russian forces", "Ukrainian forces"]),
        ("the paramilitary Rapid Support Forces fought the Sudanese army", "SD", ["RSF", "SAF"]),
        ("Houthi fighters attacked government troops", "YE", ["Houthis", "Yemeni government"]),
        ("GNA forces pushed back the Libyan National Army", "LY", ["GNA", "LNA"]),
        ("Tuareg separatist rebels and the army clashed", "ML", ["Tuareg rebels", "Malian government"]),
        ("HTS fighters overran Syrian army positions", "SY", ["HTS", "Syrian government"]),
        ("the Syrian Democratic Forces, backed by U.S. troops", "SY", ["SDF", "United States forces"]),
        ("soldiers entered the city", "UA", ["Ukrainian forces"]),
        # a kind of troops between the adjective and the noun (Lebanon, Ukraine, Armenia and Azerbaijan)
        ("Israeli ground forces pushed into villages held by Hezbollah", "LB", ["Israeli forces", "Hezbollah"]),
        ("Russian paratroopers landed at the airport", "UA", ["Russian forces"]),
        ("Azerbaijani border guards fired on Armenian positions", "AM", ["Azerbaijani forces"]),
    ],
)
def test_other_wars(text, country, expected):
    assert actors_in(text, country=country) == expected


# The sides of today's and recent wars, as reports name them (sentences of our own).
@pytest.mark.parametrize(
    "text, country, expected",
    [
        ("Russian airborne troops and Ukraine's armed forces fought", "UA", ["Russian forces", "Ukrainian forces"]),
        ("pro-Russian rebels and the Security Service of Ukraine", "UA", ["pro-Russian separatists", "Ukrainian forces"]),
        ("RSF paramilitaries attacked Sudan's armed forces", "SD", ["RSF", "SAF"]),
        ("M23 rebels clashed with the Congolese army", "CD", ["M23", "FARDC"]),
        ("AFC/M23 fighters and Congolese troops", "CD", ["M23", "FARDC"]),
        ("Hayat Tahrir al-Sham and the Syrian National Army advanced on regime troops", "SY",
         ["HTS", "Syrian rebels", "Syrian government"]),
        ("the Kurdish-led Syrian Democratic Forces and Turkish troops", "SY", ["SDF", "Turkish forces"]),
        ("the Houthi movement and the Saudi-led coalition", "YE", ["Houthis", "Saudi-led coalition"]),
        ("Giants Brigades and Southern Transitional Council fighters", "YE", ["Yemeni government", "STC"]),
        ("Ansar al-Sharia, the local wing of al-Qaeda in the Arabian Peninsula", "YE", ["AQAP", "AQAP"]),
        ("Haftar's Libyan National Army and the Government of National Unity", "LY", ["LNA", "GNA"]),
        ("Taliban insurgents routed Afghan commandos", "AF", ["Taliban", "Afghan government"]),
        ("al-Shabaab fighters ambushed AMISOM troops and the Somali National Army", "SO",
         ["al-Shabaab", "AMISOM", "Somali government"]),
        ("JNIM fighters attacked FAMa soldiers and Wagner mercenaries", "ML", ["JNIM", "Malian government", "Russian forces"]),
        ("Tigray Defense Forces pushed back the ENDF and Eritrean troops", "ET", ["TPLF", "Ethiopian government", "Eritrean forces"]),
        ("the junta lost ground to the Three Brotherhood Alliance, the Arakan Army and the TNLA", "MM",
         ["Myanmar military", "Three Brotherhood Alliance", "Arakan Army", "TNLA"]),
        ("Azeri troops and ethnic Armenian forces", "AZ", ["Azerbaijani forces", "Armenian forces"]),
        ("Israel Defence Forces fought Hamas militants and Hezbollah fighters", "IL", ["Israeli forces", "Hamas", "Hezbollah"]),
        ("Islamic State jihadists", "IQ", ["ISIL"]),
        ("Kachin rebels and People's Defence Force units", "MM", ["Kachin Independence Army", "People's Defence Force"]),
        # Myanmar's ethnic armed groups named by their people
        ("Karen rebels, Kokang fighters and Ta'ang rebels", "MM", ["People's Defence Force", "MNDAA", "TNLA"]),
        # adjectives joined before one force's noun: each its own side
        ("Ethiopian and Eritrean troops", "ET", ["Ethiopian government", "Eritrean forces"]),
        ("US and Iraqi forces", "IQ", ["United States forces", "Iraqi government"]),
        ("Iraqi, Syrian and Russian forces", "SY", ["Iraqi government", "Syrian government", "Russian forces"]),
        ("Houthi and Saudi forces", "YE", ["Houthis", "Saudi-led coalition"]),
        ("Kandahar and Afghan forces", "AF", ["Afghan government"]),  # a place is no adjective
    ],
)
def test_the_sides_of_many_wars(text, country, expected):
    assert actors_in(text, country=country) == expected


@pytest.mark.parametrize(
    "text, country, dominant, expected",
    [
        # generic forms resolve to the article's named side, or to the state of its country
        ("the militants and the army", "ML", "JNIM", ["JNIM", "Malian government"]),
        ("security forces and pro-government fighters", "SO", "", ["Somali government", "Somali government"]),
        ("government troops and the insurgents", "AF", "Taliban", ["Afghan government", "Taliban"]),
        ("the militia entered the city as soldiers left", "ET", "Fano", ["Fano", "Ethiopian government"]),
        # a rebel side's forces are no government's: "rebel Serb forces", "rebel Tuareg fighters"
        ("Croatian troops shelled rebel Serb forces", "HR", "", ["Croatian forces", "unidentified militants"]),
        ("the army and rebel Songhai fighters", "ML", "MNLA", ["Malian government", "MNLA"]),
        ("the army and rebel Tuareg fighters", "ML", "", ["Malian government", "Tuareg rebels"]),
        ("pro-government militias and the militias of the north", "LY", "LNA", ["GNA", "LNA"]),
        # with no side named, a bare "rebels" is the side reports of that war mean by it
        ("rebels and extremists", "SY", "", ["Syrian rebels", "Syrian rebels"]),
        ("the separatists", "UA", "", ["pro-Russian separatists"]),
        # al-Qaeda in Yemen is its local branch
        ("al-Qaeda fighters", "YE", "", ["AQAP"]),
        ("al-Qaeda", "YE", "al-Qaeda", ["AQAP"]),
        # "the coalition" is the one the country's war has
        ("the coalition", "YE", "", ["Saudi-led coalition"]),
        ("coalition forces", "IQ", "", ["United States forces"]),
    ],
)
def test_generic_forms_in_context(text, country, dominant, expected):
    assert actors_in(text, country=country, dominant=dominant) == expected


@pytest.mark.parametrize("text, country, dominant, expected", [
    ("Hezbollah fighters and the army took the town; the rebels withdrew", "SY", "Hezbollah",
     ["Hezbollah", "Syrian government", "Syrian rebels"]),
    ("Islamic State fighters attacked; the rebels withdrew", "SY", "ISIL", ["ISIL", "Syrian rebels"]),
    # a generic form a place or a tribe qualifies is a side of its own, not the article's named group
    ("Houthi fighters attacked; southern fighters took the port", "YE", "Houthis", ["Houthis", "southern fighters"]),
    ("Islamic State fighters fled as local militiamen moved in", "IQ", "ISIL", ["ISIL", "local militiamen"]),
    # forces a party or a group owns are not the state's
    ("the army took the city after the regional ruling party's forces pulled out", "ET", "TPLF", ["Ethiopian government", "TPLF"]),
    ("troops moved in as the movement's fighters withdrew", "ML", "MNLA", ["Malian government", "MNLA"]),
    # the allies named with a side are its own
    ("Somali troops and allied clan militias took the town from al-Shabaab", "SO", "al-Shabaab",
     ["Somali government", "Somali government", "al-Shabaab"]),
    # a force loyal to a person the lexicon does not know is that person's faction, not the article's named group
    ("the Taliban took the city when militia forces loyal to Abdul Rashid Dostum surrendered", "AF", "Taliban",
     ["Taliban", "militia forces loyal to Abdul Rashid Dostum"]),
    ("al-Shabaab fled as clan fighters loyal to warlord Barre Hiiraale moved in", "SO", "al-Shabaab",
     ["al-Shabaab", "fighters loyal to Barre Hiiraale"]),
])
def test_generic_forms_that_are_no_named_group(text, country, dominant, expected):
    actors = Actors.default()
    assert [m.actor for m in actors.in_context(actors.find(text), dominant=dominant, country=country, text=text)] == expected


@pytest.mark.parametrize("text, country, expected", [
    # a foreign state's army fighting in the country's war, the country's own unnamed: "the army" is that army
    ("Israeli troops entered the town; the army withdrew", "LB", ["Israeli forces", "Israeli forces"]),
    # ... but where the country's own army is named, "the army" is its own
    ("Lebanese troops deployed as Israeli troops withdrew; the army said", "LB", ["Lebanese army", "Israeli forces", "Lebanese army"]),
    # ... and a foreign force that fights in no war of that country's lexicon changes nothing
    ("Russian troops guarded the base as the army advanced", "SY", ["Russian forces", "Syrian government"]),
])
def test_the_army_of_a_foreign_state_fighting_the_war(text, country, expected):
    actors = Actors.default()
    assert [m.actor for m in actors.in_context(actors.find(text), country=country, text=text)] == expected


def test_his_countrys_forces_are_the_speakers_side():
    text = "Ukrainian President Volodymyr Zelenskyy said his country's forces had taken the town"
    assert [m.actor for m in Actors.default().find(text)] == ["Ukrainian forces"]


@pytest.mark.parametrize(("text", "expected"), [
    ("The Russian defence ministry said more than 30,000 troops had been pulled back", ["Russian forces"]),
    ("Ukraine's military said troops had left the town", ["Ukrainian forces"] * 2),
    ("The TPLF said its forces had withdrawn from the city", ["TPLF", "TPLF"]),
    ("Residents said troops had left the town", ["government forces"]),  # no state speaks: the article decides
    # no state speaks, a person of a named side does: his forces are that side's
    ("Prigozhin, the head of the Wagner group, said his forces had taken the city", ["Russian forces"] * 2),
    ("The Ukrainian commander Syrskyi said his troops had pulled back", ["Ukrainian forces"]),
    # ordered: the bare troops a side's own command orders are its own; a body named with no state speaks for the
    # state that named it before
    ("Russia's defence minister ordered troops to withdraw", ["Russian forces"] * 2),
    ("The Russian Defense Ministry spoke first. A Defense Ministry spokesman said the troops would be regrouped",
     ["Russian forces"]),
])
def test_troops_a_side_reports_are_its_own(text, expected):
    assert [m.actor for m in Actors.default().find(text)] == expected


def test_an_unnamed_side_keeps_the_articles_own_words():
    actors = Actors.default()
    text = "Jihadist militants overran the port. The militants raised their flag."
    assert [m.actor for m in actors.in_context(actors.find(text), country="MZ", text=text)] == ["Jihadist militants"] * 2


@pytest.mark.parametrize(
    "actor, role",
    [("ISIL", "non-state"), ("Iraqi government", "state"), ("Russian forces", "foreign"), ("SAF", "state"),
     ("RSF", "non-state"), ("Houthis", "non-state"), ("GNA", "state"), ("LNA", "non-state"), ("SDF", "non-state")],
)
def test_roles(actor, role):
    assert Actors.default().role(actor) == role


def test_a_capital_standing_for_its_government():
    assert actors_in("Kabul's government and Haftar's forces", country="AF") == ["Afghan government", "LNA"]


def test_generic_forms_stay_generic_without_a_named_actor():
    assert actors_in("Unidentified gunmen and militants attacked", country="") == ["unidentified militants"] * 2


def test_acronyms_match_only_in_capitals():
    assert actors_in("this has its own sdf and hts files") == []
    assert actors_in("HTS and SDF") == ["HTS", "SDF"]


def test_sources_of_news_are_not_parties():
    assert actors_in("Police and army officials said militants attacked", dominant="ISIL") == ["ISIL"]


def test_dominant_skips_forces_allied_with_the_state():
    actors = Actors.default()
    matches = actors.find("Shia militiamen paraded. Shia fighters marched. ISIS advanced.")
    assert actors.dominant(matches) == "ISIL"


def test_users_add_actors_from_toml(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('[[actor]]\nname = "Azawad rebels"\nrole = "non-state"\nforms = ["CMA", "Tuareg rebels"]\n', encoding="utf-8")
    actors = Actors.default().merged(Actors.from_file(path))
    assert [m.actor for m in actors.find("Tuareg rebels took Kidal from the CMA")] == ["Azawad rebels", "Azawad rebels"]
    assert actors.role("Azawad rebels") == "non-state"
    assert [m.actor for m in actors.find("ISIS attacked")] == ["ISIL"]


def test_users_add_actors_from_csv(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("form,actor,role\nFANT,Chadian government,state\n", encoding="utf-8")
    actors = Actors.default().merged(Actors.from_file(path))
    assert [(m.actor, m.role) for m in actors.find("FANT units")] == [("Chadian government", "state")]


@pytest.mark.parametrize(
    "content, suffix",
    [('[[actor]]\nname = "X"\nrole = "rebel"\nforms = ["x"]\n', ".toml"), ("name,role\nX,state\n", ".csv"), ("[[actor", ".toml")],
)
def test_bad_actor_files_are_input_errors(tmp_path, content, suffix):
    path = tmp_path / f"bad{suffix}"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError):
        Actors.from_file(path)


def test_a_foreign_force_fighting_for_the_state_is_not_who_the_rebels_are():
    actors = Actors.default()
    text = "French troops and Malian soldiers pushed back Islamist fighters. Islamists seized the town. The rebels fled."
    matches = actors.find(text)
    assert actors.dominant(matches) == ""
    resolved = actors.in_context(matches, dominant="", country="ML", text=text)
    assert [m.actor for m in resolved] == ["French-led forces", "Malian government"] + ["Islamist fighters"] * 3
    # a foreign force fighting for no state there is the state's opponent
    assert actors.dominant(actors.find("Russian forces shelled the town. Ukrainian troops held it.")) == "Russian forces"


def sides_in(text: str, country: str) -> list[str]:
    actors = Actors.default()
    found = actors.find(text)
    return [m.actor for m in actors.in_context(found, dominant=actors.dominant(found), country=country, text=text)]


@pytest.mark.parametrize("text, country, expected", [
    # a side no lexicon lists, by the name it gives itself, with its acronym wherever the text defines one
    ("Fighters of the Kosovo Liberation Army (KLA) clashed with Serbian police; the KLA later withdrew", "XK",
     ["Kosovo Liberation Army", "Kosovo Liberation Army", "Kosovo Liberation Army", "Serbian forces", "Kosovo Liberation Army"]),
    ("the Justice and Equality Movement and government troops", "SD", ["Justice and Equality Movement", "SAF"]),
    ("the Democratic Forces for the Liberation of Rwanda left the hills", "CD",
     ["Democratic Forces for the Liberation of Rwanda"]),
    ("On Sunday Moro Islamic Liberation Front guerrillas attacked", "PH", ["Moro Islamic Liberation Front"]),
    ("CNDP rebels and government troops", "CD", ["CNDP", "FARDC"]),
    ("rebels of the SPLM-N", "SD", ["SPLM-N", "SPLM-N"]),
    # ... a name in apposition to a side the lexicon knows is that side; in a list, a side of its own
    ("Hamas, the Islamic Resistance Movement, said its fighters held the camp", "PS", ["Hamas", "Hamas", "Hamas"]),
    ("the Taliban, the Islamic Movement of Uzbekistan, and al-Qaeda", "AF",
     ["Taliban", "Islamic Movement of Uzbekistan", "al-Qaeda"]),
    # ... never a state's own army, a council, a party or an acronym that is no side
    ("the Iraqi Army and the Syrian Arab Army", "SY", ["Iraqi government", "Syrian government"]),
    ("Israel Defense Forces and the Armed Forces of Ukraine", "UA", ["Israeli forces", "Ukrainian forces"]),
    ("UN peacekeepers and NATO fighters watched the UN Security Council vote", "XK", ["unidentified militants"]),
    ("the Democratic Party and the Labour Party", "US", []),
    ("Rebel Forces Capture Airport As Army Retreats", "LY", ["Rebel Forces", "GNA"]),  # a generic form's own words
])
def test_sides_named_as_armed_groups_name_themselves(text, country, expected):
    assert sides_in(text, country) == expected


@pytest.mark.parametrize("text, country, expected", [
    # a seat of government or a country where a preposition makes it the place is no side there
    ("Rebels took the city as Assad fled to Moscow", "SY", ["Syrian rebels"]),
    ("Troops withdrew from areas around Kyiv", "UA", ["Ukrainian forces"]),
    ("Ukrainian forces pushed into Russia on Tuesday", "UA", ["Ukrainian forces"]),
    # ... but the side a place fell to, and a seat or country that speaks or acts, are sides
    ("Crimea fell to Russia in 2014", "UA", ["Russian forces"]),
    ("Moscow said its troops took Avdiivka", "UA", ["Russian forces", "Russian forces"]),
    ("Russia captured Avdiivka", "UA", ["Russian forces"]),
])
def test_a_seat_or_country_that_is_a_place_is_no_side(text, country, expected):
    assert sides_in(text, country) == expected
