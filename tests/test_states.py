"""States are not events: a statement of control is never drawn before its own date or its article.

The whole run, as a user makes it (``frontline run``), over articles of our
own; the day GeoJSON files are what a user opens, so the test reads them.
"""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from geo.cli import main

ARTICLES = [
    # the earliest article starts the maps on 1 March
    {"id": "a", "published": "2024-03-01", "title": "Rebels take a village", "text": "Rebels seized Tal Hamis on Friday."},
    # an undated statement of control, published on 10 March
    {"id": "b", "published": "2024-03-10", "title": "Shelling", "text": "The rebel-held town of Harim was shelled by government aircraft."},
    # a statement of control since a day before its publication
    {"id": "c", "published": "2024-03-10", "title": "Holding on", "text": "Saraqib has been held by the rebels since March 7."},
    # a statement of control since a year long before the maps begin
    {"id": "d", "published": "2024-03-05", "title": "Years of rule", "text": "Idlib has been held by opposition forces since 2015."},
]
PLACES = [("Tal Hamis", 36.85, 41.6, "village"), ("Harim", 36.2, 36.52, "town"), ("Saraqib", 35.86, 36.8, "town"),
          ("Idlib", 35.93, 36.63, "city")]


@pytest.fixture(scope="module")
def maps(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("states")
    corpus = folder / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    places = folder / "places.csv"
    with places.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "lat", "lon", "kind", "country"])
        writer.writerows([(name, lat, lon, kind, "SY") for name, lat, lon, kind in PLACES])
    out = folder / "maps"
    assert main(["run", str(corpus), "--out", str(out), "--gazetteer", str(places), "--engine", "serial", "-q"]) == 0
    return out


def _drawn(maps: Path, day: date) -> dict[str, dict]:
    """name -> properties of each place drawn on ``day``'s GeoJSON."""
    path = maps / f"{day.isoformat()}.geojson"
    features = json.loads(path.read_text(encoding="utf-8"))["features"] if path.exists() else []
    return {f["properties"]["name"]: f["properties"] for f in features}


def _days(first: date, last: date):
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def test_the_maps_cover_the_articles_days_only(maps):
    days = sorted(p.stem for p in maps.glob("2*.geojson"))
    assert days[0] == "2024-03-01" and days[-1] == "2024-03-10"  # no state stretches them back to 2015


def test_an_undated_state_is_drawn_only_from_its_articles_publication(maps):
    assert all("Harim" not in _drawn(maps, day) for day in _days(date(2024, 3, 1), date(2024, 3, 9)))
    harim = _drawn(maps, date(2024, 3, 10))["Harim"]
    assert (harim["controller"], harim["changed"]) == ("Syrian rebels", False)


def test_a_state_since_a_day_is_drawn_only_from_that_day(maps):
    assert all("Saraqib" not in _drawn(maps, day) for day in _days(date(2024, 3, 1), date(2024, 3, 6)))
    for day in _days(date(2024, 3, 7), date(2024, 3, 10)):
        saraqib = _drawn(maps, day)["Saraqib"]
        assert (saraqib["controller"], saraqib["changed"]) == ("Syrian rebels", False)


def test_a_state_since_a_year_holds_from_the_first_day_and_is_no_change(maps):
    for day in _days(date(2024, 3, 1), date(2024, 3, 10)):
        idlib = _drawn(maps, day)["Idlib"]
        assert (idlib["controller"], idlib["changed"], idlib["since"]) == ("Syrian rebels", False, "2015-01-01")


def test_the_capture_is_a_change_on_its_day(maps):
    assert _drawn(maps, date(2024, 3, 1))["Tal Hamis"]["changed"] is True
