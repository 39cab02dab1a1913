"""Mentions: the seeds against the gold file, and sentences from other conflicts."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from geo.read.articles import make_article
from geo.places.gazetteer import Gazetteer, normalise
from geo.places.mentions import find_mentions
from geo.records import Article, Place, PlaceKind, Sentence

ROOT = Path(__file__).resolve().parents[1]
GOLD = Path(__file__).resolve().parent / "gold" / "seeds.json"
SEEDS = ROOT / "seeds"
# Places the seeds name that the gold file leaves out: the United States ("U.S.
# troops", "America's war", "neither the United States nor even Shi'ite Iran").
# They are countries named in the text, so they are reported; see the report.
NOT_IN_GOLD = {"country:US"}


def _article(text: str, id: str = "t") -> Article:
    return Article(id=id, text=text, sentences=(Sentence(0, len(text), text),))


def _km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.default()


def _gold_articles():
    if not GOLD.exists():
        pytest.skip("gold annotation not available")
    return json.loads(GOLD.read_text(encoding="utf-8"))["articles"]


def _gold_match(place: Place, gold: dict) -> bool:
    if gold.get("lat") is None and "near" not in gold:
        located = [e for a in _gold_articles() for e in a["places"]
                   if e["canonical"] == gold["canonical"] and e.get("lat") is not None]
        gold = {**gold, **located[0]} if located else gold
    kind = gold.get("kind")
    if kind == "country" and place.kind is PlaceKind.BORDER:
        # the gold files "the Syrian border" under Syria; Frontline names the line, Iraq–Syria, by both codes
        return bool(gold.get("country")) and gold["country"].lower() in place.id.partition(":")[2].split("-")
    if kind == "country":
        return place.kind is PlaceKind.COUNTRY and (not gold.get("country") or place.country == gold["country"])
    if kind == "river":
        return place.kind is PlaceKind.RIVER and gold["canonical"].lower() in place.name.lower()
    if place.kind is PlaceKind.COUNTRY or (gold.get("country") and place.country != gold["country"]):
        return False
    if gold.get("lat") is not None:
        return _km(place.lat, place.lon, gold["lat"], gold["lon"]) <= gold["tolerance_km"]
    if "near" in gold:
        near = gold["near"]
        return near["min_km"] <= _km(place.lat, place.lon, near["lat"], near["lon"]) <= near["max_km"]
    names = {normalise(n) for n in (place.name, *place.alternates)}
    return any(normalise(s) in names for s in gold["surface"])


@pytest.mark.parametrize("index", [0, 1])
def test_seed_places_match_the_gold_file(gazetteer, index):
    gold = _gold_articles()[index]
    text = (SEEDS / gold["article"]).read_text(encoding="utf-8")
    mentions = find_mentions(make_article(text, id=gold["article"]), gazetteer)
    found = {m.place.id: m.place for m in mentions if m.place}
    # recall: every gold place is found under one of its surfaces, within tolerance
    for entry in gold["places"]:
        hits = [m for m in mentions if m.place and _gold_match(m.place, entry)]
        assert hits, f"{entry['canonical']} not found"
        # a span may say more than the gold surface: "Beiji refinery" (the facility) holds "Beiji"
        assert any(g in m.surface for m in hits for g in entry["surface"]), (entry["canonical"], hits)
    # precision: every place found is a gold place (or a named, argued exception)
    extra = [p for pid, p in found.items() if pid not in NOT_IN_GOLD
             and not any(_gold_match(p, entry) for entry in gold["places"])]
    assert not extra, [(p.id, p.name) for p in extra]


def test_people_and_common_words_in_the_seeds_are_not_places(gazetteer):
    text = (SEEDS / "000_0c9bb0fd381daf89.txt").read_text(encoding="utf-8")
    surfaces = {m.surface for m in find_mentions(make_article(text, id="s"), gazetteer)}
    for word in ("Police", "Mayor", "Obama", "Ahmad", "Bayan", "State", "Levant", "Washington", "In", "Gen"):
        assert word not in surfaces


def test_possessive_and_offsets(gazetteer):
    text = "Officials acknowledged Qaim's fall and Baghdad's silence."
    mentions = find_mentions(_article(text), gazetteer)
    assert [(m.surface, text[m.start:m.end]) for m in mentions] == [("Qaim", "Qaim"), ("Baghdad", "Baghdad")]
    assert mentions[0].place.country == "IQ"


def test_only_text_inside_sentences_is_read(gazetteer):
    text = "Aleppo fell.\nAleppo fell."
    article = Article(id="r", text=text, sentences=(Sentence(0, 12, "Aleppo fell."),))
    assert [m.start for m in find_mentions(article, gazetteer)] == [0]


def test_lowercase_words_are_not_places(gazetteer):
    text = "the police showed no mercy along the road, many said."
    assert find_mentions(_article(text), gazetteer) == ()


def test_every_mention_has_score_and_runner_up(gazetteer):
    text = "Militias in Tripoli clashed for a third day."
    (mention,) = find_mentions(_article(text), gazetteer)
    assert 0.0 < mention.score <= 1.0
    assert mention.runner_up and mention.runner_up != mention.place.id


def test_tiny_gazetteer_from_records():
    gazetteer = Gazetteer([Place("local:xan", "Xanadu", 10.0, 20.0, PlaceKind.TOWN, "ZZ")])
    text = "Rebels entered al-Xanadu on Monday."
    (mention,) = find_mentions(_article(text), gazetteer)
    assert (mention.surface, mention.place.id) == ("al-Xanadu", "local:xan")


# Sentences written for these tests, from wars the rules were not written for:
# (sentence, surface, expected country, expected lat, expected lon) within 25 km.
OTHER_CONFLICTS = [
    ("Rebels shelled Tripoli, the Libyan capital, from positions near Misrata.", "Tripoli", "LY", 32.89, 13.19),
    ("Forces loyal to Haftar pushed west from Benghazi toward Sirte in Libya.", "Sirte", "LY", 31.21, 16.59),
    ("Clashes in Tripoli spilled over from Syria, Lebanese officials said in Beirut.", "Tripoli", "LB", 34.43, 35.84),
    ("Kurdish fighters held Kobani after a siege of four months.", "Kobani", "SY", 36.89, 38.35),
    ("The town of Ayn al-Arab, known to Kurds as Kobane, lies on the Turkish border.", "Ayn al-Arab", "SY", 36.89, 38.35),
    ("Airstrikes hit Deir ez-Zor overnight.", "Deir ez-Zor", "SY", 35.34, 40.14),
    ("Government troops were besieged in Dayr az Zawr for three years.", "Dayr az Zawr", "SY", 35.34, 40.14),
    ("Convoys reached Deir Ezzor on Tuesday.", "Deir Ezzor", "SY", 35.34, 40.14),
    ("The last pocket of fighters held out in Baghuz near the Iraqi border.", "Baghuz", "SY", 34.46, 40.95),
    ("SDF units advanced on Shaddadi from the north.", "Shaddadi", "SY", 36.06, 40.73),
    ("Rebels withdrew from Aleppo's eastern districts in December.", "Aleppo", "SY", 36.20, 37.16),
    ("Militants captured Raqqa and declared it their capital.", "Raqqa", "SY", 35.95, 39.01),
    ("Ukrainian troops withdrew from Bakhmut after months of fighting.", "Bakhmut", "UA", 48.59, 38.00),
    ("Russian forces shelled Kharkiv and Izium on Sunday.", "Kharkiv", "UA", 49.98, 36.25),
    ("The siege of Mariupol ended when the last defenders left the Azovstal plant.", "Mariupol", "UA", 47.10, 37.54),
    ("Explosions were heard in Kyiv and Odesa overnight.", "Odesa", "UA", 46.48, 30.73),
    ("Ukrainian forces retook Kherson in November.", "Kherson", "UA", 46.64, 32.61),
    ("The RSF seized El Fasher after a long siege.", "El Fasher", "SD", 13.63, 25.35),
    ("Fighting spread from Khartoum to Omdurman across the Nile.", "Omdurman", "SD", 15.64, 32.48),
    ("Refugees fled Geneina for Chad.", "Geneina", "SD", 13.45, 22.44),
    ("Paramilitaries entered Wad Madani, the capital of Gezira state.", "Wad Madani", "SD", 14.40, 33.52),
    ("Houthi fighters advanced on Marib from the west.", "Marib", "YE", 15.46, 45.33),
    ("The coalition bombed the port of Hodeidah again.", "Hodeidah", "YE", 14.80, 42.95),
    ("Separatists took control of Aden in August.", "Aden", "YE", 12.78, 45.04),
    ("Shelling continued around Taiz, Yemen's third city.", "Taiz", "YE", 13.58, 44.02),
    ("Troops from Misrata entered Sirte in 2016.", "Misrata", "LY", 32.38, 15.09),
    ("Iraqi forces retook Fallujah in June 2016.", "Fallujah", "IQ", 33.35, 43.78),
    ("Militants overran Tikrit and moved toward Samarra.", "Samarra", "IQ", 34.20, 43.87),
    ("Kurdish peshmerga entered Tal Afar's outskirts.", "Tal Afar", "IQ", 36.38, 42.45),
    ("Displaced families crowded into camps at Hammam al-Alil.", "Hammam al-Alil", "IQ", 36.16, 43.26),
    ("Police regained Hawija in 2017.", "Hawija", "IQ", 35.33, 43.77),
    ("Tanks rolled through Irbil after the referendum.", "Irbil", "IQ", 36.19, 44.01),
    ("Protesters gathered in Madinat as-Sadr, the vast Shia district of Baghdad.", "Madinat as-Sadr", "IQ", 33.39, 44.46),
    ("Fighting resumed near al-Qaim on the Syrian frontier.", "al-Qaim", "IQ", 34.39, 40.99),
    ("The army said it had secured Ramadi and the Anbar capital's suburbs.", "Ramadi", "IQ", 33.42, 43.31),
]


@pytest.mark.parametrize(("sentence", "surface", "country", "lat", "lon"), OTHER_CONFLICTS)
def test_sentences_from_other_conflicts(gazetteer, sentence, surface, country, lat, lon):
    mentions = find_mentions(_article(sentence), gazetteer)
    (mention,) = [m for m in mentions if m.surface == surface]
    assert mention.place.country == country
    assert _km(mention.place.lat, mention.place.lon, lat, lon) < 25


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        ("Foreign Minister Riyadh Yaseen met the envoy.", "Riyadh"),
        ("Striker Jordan Henderson scored twice.", "Jordan"),
        ("Mr Aden said the talks had failed.", "Aden"),
        ("Many families left. Police said so. Mercy Corps sent aid.", "Police"),
        ("Reporting from the front, she said the road was cut.", "Reporting"),
        ("President Barack Obama spoke. Obama said no troops would go.", "Obama"),
        ("The White House said the strikes were precise.", "White House"),
        ("Hassan Kamal, a village elder, said the road was cut.", "Kamal"),  # a given name opens the sentence
    ],
)
def test_people_and_words_are_not_places(gazetteer, sentence, absent):
    assert absent not in {m.surface for m in find_mentions(_article(sentence), gazetteer)}


def test_kobani_and_ayn_al_arab_are_one_place(gazetteer):
    text = "Kobani, also called Ayn al-Arab, was shelled."
    ids = {m.place.id for m in find_mentions(_article(text), gazetteer)}
    assert len(ids) == 1


def test_demonym_needs_a_territorial_head(gazetteer):
    text = "The Iranian-born cleric met French-educated economists near the Syrian border."
    mentions = find_mentions(_article(text), gazetteer)
    assert [(m.surface, m.place.id) for m in mentions] == [("Syrian border", "border:sy")]


@pytest.mark.parametrize("text, surface, country", [
    ("Kurdish fighters held the Syrian border town of Kobani.", "Syrian", "SY"),
    ("Iraqi border guards left their posts on Sunday.", "Iraqi", "IQ"),
    ("Jordanian border crossings were shut.", "Jordanian", "JO"),
])
def test_a_border_with_a_noun_of_its_own_is_no_border_but_the_country(gazetteer, text, surface, country):
    mentions = find_mentions(_article(text), gazetteer)
    assert [(m.surface, m.place.kind, m.place.country) for m in mentions if m.surface == surface] == \
        [(surface, PlaceKind.COUNTRY, country)]
    assert not any(m.place.kind is PlaceKind.BORDER for m in mentions)


def test_province_word_prefers_the_province(gazetteer):
    text = "Fighting spread across Nineveh province and into Baghdad."
    mentions = {m.surface: m.place for m in find_mentions(_article(text), gazetteer)}
    assert mentions["Nineveh province"].kind is PlaceKind.PROVINCE
    assert mentions["Baghdad"].kind is PlaceKind.CITY


def test_same_output_twice(gazetteer):
    text = (SEEDS / "002_01a986955927ca01.txt").read_text(encoding="utf-8")
    one = find_mentions(make_article(text, id="a"), gazetteer)
    two = find_mentions(make_article(text, id="a"), gazetteer)
    assert one == two


@pytest.mark.parametrize("text, place", [
    ("Shelling was reported overnight in Kharkiv. Izium was quiet, and residents of Izium queued for bread.", "Izium"),
    ("The convoy left Tripoli. Misrata reported no fighting.", "Misrata"),
    ("Aid arrived in Aden. Taiz is still besieged, officials in Taiz said.", "Taiz"),
])
def test_a_place_opening_a_sentence_is_not_a_name_after_the_last_word_of_the_one_before(gazetteer, text, place):
    found = [m.surface for m in find_mentions(make_article(text + "\n", "t"), gazetteer) if m.place is not None]
    assert found.count(place) == text.count(place)


def test_a_capitalised_word_before_a_name_in_the_same_sentence_still_makes_it_a_person(gazetteer):
    found = find_mentions(make_article("Reporters in Sanaa met Ahmed Marib on Sunday.\n", "t"), gazetteer)
    assert [m.surface for m in found if m.place is not None] == ["Sanaa"]
