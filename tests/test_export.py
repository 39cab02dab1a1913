"""Tests of geo.write.export: every file read back by GDAL (pyogrio), as a GIS user would."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pyogrio
import pytest
from test_render import BAD_DISTANCE_SENTENCE, D21, D22, HOSTILE, QAIM_SENTENCE, make_run

from geo.write.export import acled_codes, feature_collection, iter_event_features, ucdp_codes, write_exports
from geo.records import (
    Article,
    ArticleResult,
    ClaimKind,
    ControlEvent,
    ControlState,
    DateSpan,
    DistanceCheck,
    DistanceClaim,
    EventKind,
    Evidence,
    Incident,
    Place,
    Precision,
    RunResult,
    Status,
    Timeline,
    Verdict,
)

NAMES = [
    "control.geojson", "events.geojson", "events.csv", "distances.geojson", "distances.csv", "distances.md",
    "frontline.gpkg", "2014-06-20.geojson", "2014-06-21.geojson", "2014-06-22.geojson",
]  # fmt: skip


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("exports")
    assert [p.name for p in write_exports(make_run(), folder)] == NAMES
    return folder


def _read(path: Path, **kwargs):
    return pyogrio.read_dataframe(path, **kwargs)


def test_folder_holds_exactly_the_exports(out):
    assert sorted(p.name for p in out.iterdir()) == sorted(NAMES)  # no temporary files left behind


@pytest.mark.parametrize("name", [n for n in NAMES if n.endswith(".geojson")])
def test_geojson_is_rfc7946(out, name):
    doc = json.loads((out / name).read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    assert "crs" not in doc and "bbox" not in doc
    for feature in doc["features"]:
        for lon, lat in _positions(feature["geometry"]):
            assert -180 <= lon <= 180 and -90 <= lat <= 90
            assert round(lon, 6) == lon and round(lat, 6) == lat


def _positions(geometry):
    if geometry is None:
        return []
    coords = geometry["coordinates"]
    return [coords] if geometry["type"] == "Point" else coords


def test_control_intervals_for_the_temporal_controller(out):
    frame = _read(out / "control.geojson")
    assert len(frame) == 7 and set(frame.geom_type) == {"Point"}
    qaim = frame[frame["name"] == "Qaim"].sort_values("valid_from")
    assert list(qaim["controller"]) == ["Iraqi government", "ISIL"]
    # the government held it from the 20th until ISIL took it on the 21st, which is still open
    assert [str(v)[:10] for v in qaim["valid_from"]] == ["2014-06-20", "2014-06-21"]
    assert str(qaim["valid_to"].iloc[0])[:10] == "2014-06-21" and qaim["valid_to"].isna().iloc[1]
    assert QAIM_SENTENCE in qaim["evidence"].iloc[1]
    assert "a1" in qaim["sources"].iloc[1] and "a2" in qaim["sources"].iloc[1]
    baiji = frame[frame["name"] == "Baiji"].sort_values("valid_from")
    assert list(baiji["status"]) == ["held", "contested"]
    assert set(frame["attribution"]) == {"Place data: GeoNames, geonames.org, CC BY 4.0"}


def test_events_carry_acled_and_ucdp_codes(out):
    frame = _read(out / "events.geojson").set_index("place")
    assert len(frame) == 3
    qaim = frame.loc["Qaim"]
    assert (qaim["event_type"], qaim["sub_event_type"]) == ("Battles", "Non-state actor overtakes territory")
    assert (qaim["time_precision"], qaim["date_prec"], qaim["geo_precision"], qaim["where_prec"]) == (1, 1, 1, 1)
    assert qaim["reports"] == 2 and "2014-06-20" in qaim["disagreements"]
    baiji = frame.loc["Baiji"]
    assert (baiji["event_type"], baiji["sub_event_type"]) == ("Battles", "Armed clash")
    assert (baiji["time_precision"], baiji["date_prec"]) == (2, 3)  # a week: ACLED 2, UCDP 3
    evil = frame.loc["Evil <b>town</b>"]
    assert (evil["geo_precision"], evil["where_prec"]) == (2, 2)  # an approximate village position
    assert evil["evidence"] == HOSTILE  # data, kept verbatim outside HTML


def test_events_csv_has_a_row_per_incident(out):
    frame = _read(out / "events.csv")
    assert len(frame) == 3 and {"event_type", "date_start", "evidence", "sources"} <= set(frame.columns)


def test_distances_lines_run_reference_to_subject(out):
    frame = _read(out / "distances.geojson")
    assert len(frame) == 3 and set(frame.geom_type) == {"LineString"}  # the unlocated claim has no line
    line = frame[frame["subject"] == "Qaim"].geometry.iloc[0]
    assert list(line.coords) == [(44.401, 33.341), (41.094, 34.369)]  # Baghdad -> Qaim, [lon, lat]
    assert set(frame["verdict"]) == {"consistent", "inconsistent"}


def test_distances_csv_keeps_every_claim(out):
    frame = _read(out / "distances.csv")
    assert len(frame) == 4
    assert "Khazna" in set(frame["subject"])
    rank = {"inconsistent": 0, "consistent": 1, "circular": 2, "unverifiable": 3}
    verdicts = list(frame["verdict"])
    assert verdicts[0] == "inconsistent" and verdicts == sorted(verdicts, key=rank.__getitem__)


def test_distance_report_puts_inconsistent_first_and_escapes_pipes(out):
    text = (out / "distances.md").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert len(rows) == 4 and rows[0].startswith("| inconsistent | Baiji | Mosul | 50 km")
    assert BAD_DISTANCE_SENTENCE.replace("|", "\\|") in rows[0]
    assert all(row.count(" | ") == rows[0].count(" | ") for row in rows)  # no cell split by a stray |
    assert "GeoNames" in text


def test_geopackage_has_the_three_layers(out):
    layers = {name: kind for name, kind in pyogrio.list_layers(out / "frontline.gpkg")}
    assert layers == {"control": "Point", "events": "Point", "distances": "LineString"}
    assert len(_read(out / "frontline.gpkg", layer="control")) == 7
    assert len(_read(out / "frontline.gpkg", layer="events")) == 3
    assert len(_read(out / "frontline.gpkg", layer="distances")) == 3


def test_day_snapshot_holds_each_place_that_day(out):
    frame = _read(out / "2014-06-22.geojson").set_index("name")
    assert len(frame) == 5
    assert frame.loc["Baiji", "status"] == "contested" and bool(frame.loc["Baiji", "changed"])
    assert frame.loc["Erbil", "controller"] == "Kurdish forces"


def test_exports_are_deterministic(tmp_path):
    first = write_exports(make_run(), tmp_path / "one")
    second = write_exports(make_run(), tmp_path / "two")
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_coordinates_are_lon_lat(tmp_path):
    # latitude -45, longitude 170: swapped, the latitude would be impossible
    far = Place("local:far", "Far", -45.0, 170.0)
    article = Article("z", "Far is 10 km from Near.", published=date(2020, 1, 2))
    near = Place("local:near", "Near", -45.05, 170.1)
    claim = DistanceClaim("z", "Far", "Near", ClaimKind.DISTANCE, Evidence("z", article.text), far, near, 10, "km", 10.0)
    check = DistanceCheck(claim, 9.5, 300.0, 1.05, Verdict.CONSISTENT)
    state = ControlState(far, date(2020, 1, 2), "ISIL", Status.HELD, None)
    run = RunResult((ArticleResult(article, checks=(check,)),), Timeline((date(2020, 1, 2),), (), (state,)))
    write_exports(run, tmp_path)
    point = _read(tmp_path / "control.geojson").geometry.iloc[0]
    assert (point.x, point.y) == (170.0, -45.0)
    assert list(_read(tmp_path / "distances.geojson").geometry.iloc[0].coords) == [(170.1, -45.05), (170.0, -45.0)]
    raw = json.loads((tmp_path / "2020-01-02.geojson").read_text(encoding="utf-8"))
    assert raw["features"][0]["geometry"]["coordinates"] == [170.0, -45.0]


def test_feature_collection_of_events_is_geojson():
    collection = feature_collection(iter_event_features(make_run()))
    assert [f["properties"]["place"] for f in collection["features"]] == ["Qaim", "Baiji", "Evil <b>town</b>"]
    assert collection["features"][0]["geometry"] == {"type": "Point", "coordinates": [41.094, 34.369]}


def test_empty_run_writes_empty_layers(tmp_path):
    paths = write_exports(RunResult(), tmp_path)
    assert [p.name for p in paths] == NAMES[:7]
    assert len(_read(tmp_path / "control.geojson")) == 0
    assert D21 < D22  # the fixture's days are ordered


@pytest.mark.parametrize(
    ("actor", "kind", "expected"),
    [
        ("ISIL", EventKind.CAPTURED, ("Battles", "Non-state actor overtakes territory")),
        ("Iraqi government", EventKind.RECAPTURED, ("Battles", "Government regains territory")),
        ("Shia militias", EventKind.CAPTURED, ("Battles", "Government regains territory")),  # a state's ally
        ("Kurdish forces", EventKind.WITHDREW, ("Strategic developments", "Other")),
    ],
)
def test_acled_event_types_follow_who_acts(actor, kind, expected):
    place = Place("local:x", "X", 34.0, 43.0)
    event = ControlEvent(place, actor, kind, DateSpan(date(2014, 6, 1), date(2014, 6, 30), Precision.MONTH),
                         Evidence("a", "s"))  # fmt: skip
    codes = acled_codes(Incident(event, (event,)))
    assert (codes["event_type"], codes["sub_event_type"]) == expected
    assert codes["time_precision"] == 3 and ucdp_codes(Incident(event, (event,)))["date_prec"] == 4


def test_incidents_by_day_is_incidents_on_for_each_day(seed_run):
    from geo.write.export import incidents_by_day, incidents_on

    by_day = incidents_by_day(seed_run)
    assert list(by_day) == list(seed_run.timeline.days)
    assert sum(map(len, by_day.values())) > 0
    for day in seed_run.timeline.days:
        assert by_day[day] == incidents_on(seed_run, day), day
