"""A facility the text names by the settlement it serves: "Gao's airport", "the airport near the city of X".

The gazetteer is looked up by "<settlement> airport" and "<settlement> international airport"; the facility
must lie near the settlement. For events, places and facilities are our own test records; the places of a
report are found in the bundled gazetteer.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from geo.extract.events import extract_events
from geo.places.gazetteer import Gazetteer
from geo.places.mentions import find_mentions
from geo.read.articles import make_article
from geo.records import Mention, Place, PlaceKind

SETTLEMENTS = {
    "Gao": Place("t:gao", "Gao", 16.27, -0.04, PlaceKind.CITY, "ML"),
    "Hodeidah": Place("t:hodeidah", "Hodeidah", 14.80, 42.95, PlaceKind.CITY, "YE"),
    "Kandahar": Place("t:kandahar", "Kandahar", 31.61, 65.71, PlaceKind.CITY, "AF"),
    "Kherson": Place("t:kherson", "Kherson", 46.64, 32.61, PlaceKind.CITY, "UA"),
    "El Fasher": Place("t:el-fasher", "El Fasher", 13.63, 25.35, PlaceKind.CITY, "SD"),
    "Sirte": Place("t:sirte", "Sirte", 31.21, 16.59, PlaceKind.CITY, "LY"),
}
FACILITIES = {
    "gao airport": Place("t:gao-airport", "Gao Airport", 16.25, -0.01, PlaceKind.FACILITY, "ML"),
    "hodeidah international airport": Place("t:hdj", "Hodeidah International Airport", 14.75, 42.98, PlaceKind.FACILITY, "YE"),
    "kandahar international airport": Place("t:kdh", "Kandahar International Airport", 31.51, 65.85, PlaceKind.FACILITY, "AF"),
    "kherson international airport": Place("t:ks", "Kherson International Airport", 46.68, 32.51, PlaceKind.FACILITY, "UA"),
    "el fasher airport": Place("t:elf", "El Fasher Airport", 13.61, 25.32, PlaceKind.FACILITY, "SD"),
    # a facility of the same name far from the settlement is not its airport
    "sirte airport": Place("t:far", "Sirte Airport", 29.0, 19.0, PlaceKind.FACILITY, "LY"),
}


def named(name: str) -> list[Place]:
    return [FACILITIES[name.casefold()]] if name.casefold() in FACILITIES else []


def events_of(text: str) -> set[tuple[str, str, str]]:
    article = make_article(text, "report.txt", published=date(2023, 6, 17))
    mentions = [Mention(article.id, m.start(), m.end(), name, place, 1.0)
                for name, place in SETTLEMENTS.items() for m in re.finditer(re.escape(name), text)]
    mentions.sort(key=lambda m: m.start)
    return {(e.place.name, e.actor, e.kind.value) for e in extract_events(article, mentions, named=named)}


@pytest.mark.parametrize("text, expected", [
    ("French troops seized Gao's airport on Saturday.", ("Gao Airport", "French-led forces", "recaptured")),
    ("Government forces seized the southern runway of the international airport near the city of Hodeidah.",
     ("Hodeidah International Airport", "Yemeni government", "contested")),
    ("The Taliban entered Kandahar on Friday. By Saturday the Taliban had taken the airport.",
     ("Kandahar International Airport", "Taliban", "captured")),
    ("Ukrainian forces recaptured Kherson's international airport on Friday.",
     ("Kherson International Airport", "Ukrainian forces", "recaptured")),
    ("The RSF stormed the airport of El Fasher on Monday.", ("El Fasher Airport", "RSF", "captured")),
])
def test_the_airport_of_a_settlement_is_the_gazetteers_facility(text, expected):
    assert expected in events_of(text)


@pytest.mark.parametrize("text", [
    "The LNA seized Sirte's airport on Monday.",                    # the only 'Sirte Airport' lies far away
    "Militants attacked the airport road near Kandahar on Monday.",  # a road, and no change of control
    "Flights resumed at the airport of Gao on Sunday.",              # no event words
])
def test_no_facility_event_without_the_facility_or_the_event(text):
    assert not [e for e in events_of(text) if "Airport" in e[0]]


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.default()


def places_of(text: str, gazetteer: Gazetteer) -> list[tuple[int, int, str, str, str]]:
    article = make_article(text + "\n", "report.txt")
    return [(m.start, m.end, m.surface, m.place.name, m.place.kind.value) for m in find_mentions(article, gazetteer)]


@pytest.mark.parametrize("text, surface, name", [
    ("Taliban fighters surrounded Kandahar's airport on Sunday.", "Kandahar's airport", "Ahmad Shah Baba International Airport"),
    ("Ukrainian troops retook Kherson's international airport at dawn.", "Kherson's international airport",
     "Kherson International Airport"),
    ("RSF units overran the airport near the city of El Fasher.", "the airport near the city of El Fasher", "El Fasher Airport"),
    ("Haftar's forces bombed the airport outside the Libyan city of Misrata.",
     "the airport outside the Libyan city of Misrata", "Misrata International Airport"),  # "Misratah" in GeoNames
    ("Fighters stormed Goma's airport as M23 closed in.", "Goma's airport", "Goma International Airport"),
])
def test_the_places_of_a_report_hold_the_facility_a_settlement_owns(gazetteer, text, surface, name):
    found = places_of(text, gazetteer)
    start = text.index(surface)
    assert (start, start + len(surface), surface, name, "facility") in found
    assert not [f for f in found if f[2] != surface and start <= f[0] < start + len(surface)]  # "Libyan": inside it


@pytest.mark.parametrize("text, settlement", [
    ("Kandahar's governor fled on Sunday.", "Kandahar"),
    ("The airport road out of Goma was cut by M23.", "Goma"),
    ("Officials flew from the airport to Kherson on Friday.", "Kherson"),
])
def test_a_settlement_that_owns_no_facility_in_the_sentence_stays_the_settlement(gazetteer, text, settlement):
    found = places_of(text, gazetteer)
    assert [f for f in found if f[2] == settlement and f[4] != "facility"]
    assert not [f for f in found if f[4] == "facility"]
