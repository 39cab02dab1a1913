"""Places the text names and no gazetteer locates: kept as unlocated mentions, never given a point."""

import pytest

from geo.places.gazetteer import Gazetteer
from geo.places.mentions import find_mentions
from geo.read.articles import make_article
from geo.records import PlaceKind


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.default()


def unlocated(text: str, gazetteer) -> list[tuple[str, str, str]]:
    mentions = find_mentions(make_article(text + "\n", "t"), gazetteer)
    return [(m.surface, m.place.kind.value, m.hint) for m in mentions if m.place is not None and not m.place.located]


@pytest.mark.parametrize("text, expected", [
    # Sahel: a settlement noun and "of" before the name
    ("Jihadists overran the village of Tin Hamma Nord in northern Mali on Sunday.",
     [("Tin Hamma Nord", "village", "the village of")]),
    # Donbas: a noun after the name, and a verb of control
    ("Russian troops captured Zorianka Persha and entered Vilkhova Balka village.",
     [("Zorianka Persha", "town", "captured"), ("Vilkhova Balka", "village", "village")]),
    # Sudan, Central African Republic: a facility's own name, opened by "the" after a verb of control
    ("The fall of the Republican Palace marks another gain for the army.", [("Republican Palace", "facility", "fall of")]),
    ("Seleka fighters seized the Renaissance Palace in Bangui.", [("Renaissance Palace", "facility", "seized")]),
    # Congo, Ukraine: the place a side says it left
    ("The M23 said it had withdrawn from Nyamilima in Congo.", [("Nyamilima", "town", "withdrawn from")]),
    ("Russian troops abandoned Dolynka Druha in Ukraine.", [("Dolynka Druha", "town", "abandoned")]),
    # Sudan: an adjective between "the" and the noun
    ("The paramilitaries said they had seized the strategic town of Umm Qudayrah.",
     [("Umm Qudayrah", "town", "the strategic town of")]),
    # Yemen: a district
    ("Houthi fighters pushed into the district of Wadi Abidah Sharqi overnight.",
     [("Wadi Abidah Sharqi", "district", "the district of")]),
    # Myanmar: a list closed by "and", after a place the gazetteer knows; the plural noun says what they are
    ("Rebels took the towns of Lashio, Nam Hpak Kar and Kyu Kok Sharqi.",
     [("Nam Hpak Kar", "town", "the towns of"), ("Kyu Kok Sharqi", "town", "the towns of")]),
    ("Rebels took Lashio, Nam Hpak Kar and Kyu Kok Sharqi.",
     [("Nam Hpak Kar", "city", "listed with Lashio"), ("Kyu Kok Sharqi", "city", "listed with Lashio")]),
    # Lebanon, Burkina Faso: places a plural noun introduces
    ("Israeli troops pushed into several villages in southern Lebanon, including Maroun al-Ras and Odaisseh.",
     [("Maroun al-Ras", "village", "villages including"), ("Odaisseh", "village", "villages including")]),
    ("Jihadists attacked three towns on Sunday, among them Tin Akoff Nord, Gorom Sud and Oursi Nord.",
     [("Tin Akoff Nord", "town", "towns among them"), ("Gorom Sud", "town", "towns among them"),
      ("Oursi Nord", "town", "towns among them")]),
    # Syria, Jerusalem: a plural noun lists its names; a title opens a place name after a noun cue
    ("Troops seized the neighbourhoods of Sheikh Saeed and Salaheddine.",
     [("Sheikh Saeed", "district", "the neighbourhoods of"), ("Salaheddine", "district", "the neighbourhoods of")]),
    ("Police raided the neighbourhood of Sheikh Jarrah on Friday.",
     [("Sheikh Jarrah", "district", "the neighbourhood of")]),
    # Lebanon, Sudan: an apposition names what the name is
    ("Hezbollah fighters clashed with Israeli troops in Odaisseh, a village about 1 km from the border.",
     [("Odaisseh", "village", "a village")]),
    ("Shelling hit Umm Qudayrah, a small town in the desert, on Friday.", [("Umm Qudayrah", "town", "a small town")]),
    # Karabakh, Mali: a sentence's first word, placed by an apposition or "is a town" with a distance
    ("Hadrut, a town roughly 25 miles south of Stepanakert, fell on Friday.", [("Hadrut", "town", "a town")]),
    ("Anefis is a small town about 110 km south of Kidal.", [("Anefis", "town", "is a small town about 110 km")]),
    ("Tinzawaten is a village that sits 230 km north of Kidal.", [("Tinzawaten", "village", "is a village that sits 230 km")]),
    # ... or a verb of position
    ("Diabaly lies about 400 km (250 miles) north of Bamako.", [("Diabaly", "town", "lies about 400 km")]),
    ("Pravdyne sits 30 kilometres north-west of Kherson.", [("Pravdyne", "town", "sits 30 kilometres")]),
    # Ethiopia, Ukraine: past participles of control verbs
    ("Federal troops said they had retaken Debre Sina Kebele.", [("Debre Sina Kebele", "town", "retaken")]),
    ("Russian troops have taken over Novoselivka Persha, Moscow said.", [("Novoselivka Persha", "town", "taken over")]),
    # Sudan, Syria: a name the gazetteer holds only the first word of ("Wad", a town in Russia) is the whole name
    ("RSF fighters attacked the village of Wad al-Noura in Gezira state.", [("Wad al-Noura", "village", "the village of")]),
    ("Rebels seized the town of Tal al-Shamiya on Monday.", [("Tal al-Shamiya", "town", "the town of")]),
    # Ukraine, Congo: the name a stated distance is measured from
    ("Tokmak is about 20km south of Zorianka Persha.", [("Zorianka Persha", "town", "20km south of")]),
    ("The M23 seized the hill, 30 km (19 miles) from Nyamilima, on Monday.", [("Nyamilima", "town", "30 km (19 miles) from")]),
    # Congo, Karabakh: an object relative after the name says what was done to it
    ("The rebels pushed on towards Nyamilima, which they captured on Tuesday.", [("Nyamilima", "town", "captured")]),
    ("Troops reached Talish Yukhari, which the Armenians had abandoned.", [("Talish Yukhari", "town", "abandoned")]),
])
def test_a_name_the_text_presents_as_a_place_is_kept_unlocated(gazetteer, text, expected):
    assert unlocated(text, gazetteer) == expected


@pytest.mark.parametrize("text", [
    "Rebels captured Hamas fighters near the border.",  # an actor and its fighters
    "Troops seized NATO equipment in the raid.",  # an acronym
    "The army entered Ramadan with a ceasefire.",  # a month of the calendar
    "In Lashio, Sadou Kyaw said the market was shut.",  # a person after a comma: no list closes
    "Militants seized Tuesday's convoy.",  # a day
    "Forces took the city of Gao.",  # in the gazetteer: resolved, not unlocated
    "Rebels seized several villages, including one near Gao.",  # no name after the introducer
    "Troops cleared the towns, including Islamic State hideouts.",  # an actor
    "Aid reached several towns, including those near Gao, on Monday.",  # no name after the introducer
    "Troops seized the village of President Kagame's cousin.",  # a title that opens no place name
    "Rebels captured Sheikh Hassan near the border.",  # a title with no noun cue: a person
    "The talks have taken Geneva Convention experts by surprise.",  # a capitalised thing after "taken"
    "Mustafa Qassem, a village elder, said the road was cut.",  # a person described by what he is
    "Militants captured Saddam Hussein's birthplace.",  # a person: his family name is also a given name
    "Shelling hit the largest town of Nagorno-Karabakh on Sunday.",  # the region that holds the town
    "Yesterday, a town near the front was shelled.",  # no name before the comma
    "Yesterday, a town 20 km from the border was shelled.",  # ... an adverb opening the sentence
    "Separately, a village 5 km south of Kidal was hit.",
    "Saturday, a village 5 km south of Kidal was hit.",  # a weekday
    "Fighting is a short drive 20 km from the border.",  # no settlement noun
    "Hadrut is quiet, a town official said.",  # no distance
    "Fighting is 20 km north of Kidal.",  # a gerund
    "Smoke was seen 20 km north of Kidal.",  # a verb between "was" and the distance
    "Traffic was 20 km from Kidal.",
    "Makenga is only 30 km north of Goma, his aides said.",  # "is" may be said of a person
    "Rebels seized the palace and the Republican Guard's barracks.",  # no name of a facility's own
    "Sri Lankan troops capture Tamil Tiger capital",  # a side's name before its noun ("Tamil Tiger rebels")
    "The army seized Chechen separatist bases in the hills.",  # a people's adjective before a side's noun
    "Government troops overran Tuareg rebel camps near the border.",
    "The camp is 5 km from Lake Kivu.",  # water
    "The base is 40 km from Highway 7.",  # a road
    "Troops were 20 km north of Russian-held territory.",  # a people's adjective
    "Officials praised Commander Makenga, who they said captured the town.",  # a person, "who"
    "The rebels, which the army captured last week, were paraded.",  # no name before the relative
])
def test_look_alikes_give_no_unlocated_place(gazetteer, text):
    assert unlocated(text, gazetteer) == []


def test_the_record_of_an_unlocated_place_has_no_id_and_no_point(gazetteer):
    text = "Fighters overran the hamlet of Kafr Sajna Gharbi at dawn.\n"
    mention = next(m for m in find_mentions(make_article(text, "t"), gazetteer) if m.place and not m.place.located)
    record = mention.as_record()
    assert (record["place_id"], record["lat"], record["lon"]) == (None, None, None)
    assert record["name"] == "Kafr Sajna Gharbi" and record["hint"] == "the hamlet of"
    assert mention.place.kind is PlaceKind.VILLAGE and mention.place.id == "unlocated:kafr-sajna-gharbi"


def test_an_unlocated_place_takes_the_country_the_article_is_about(gazetteer):
    text = ("Ukrainian forces withdrew from Avdiivka and Pokrovsk districts. Russian troops then "
            "captured the village of Zorianka Druha east of Pokrovsk, near Kramatorsk and Sloviansk.\n")
    places = [m.place for m in find_mentions(make_article(text, "t"), gazetteer) if m.place and not m.place.located]
    assert [(p.name, p.country) for p in places] == [("Zorianka Druha", "UA")]


def test_a_name_presented_once_is_that_place_wherever_the_report_names_it_again(gazetteer):
    text = ("Jihadists overran the village of Tin Hamma Nord on Sunday. Tin Hamma Nord lies near the river. "
            "Residents said they fled Tin Hamma Nord at night.\n")
    found = [m for m in find_mentions(make_article(text, "t"), gazetteer) if m.place and not m.place.located]
    assert [(m.surface, m.place.id, m.hint) for m in found] == [("Tin Hamma Nord", "unlocated:tin-hamma-nord", "the village of")] * 3
    assert [text[m.start:m.end] for m in found] == ["Tin Hamma Nord"] * 3 and len({m.start for m in found}) == 3
