"""Tests of geo.write.export: every file read back by GDAL (pyogrio), as a GIS user would.

``make_export_run()`` is the renderer's ``make_run()`` with what only the
exports show: an article known by its URL alone, one known by nothing but
its id and a local path, a place no gazetteer locates, a mention of no place.
The types of every layer in every format are checked in test_gis.py.
"""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pyogrio
import pytest
from test_render import BAD_DISTANCE_SENTENCE, D22, HOSTILE, MOSUL, QAIM_SENTENCE, make_run

from geo.read.articles import with_sentences
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
    Mention,
    Place,
    PlaceKind,
    Precision,
    RunResult,
    Status,
    Timeline,
    Verdict,
)
from geo.write.export import acled_codes, feature_collection, iter_event_features, ucdp_codes, write_exports
from geo.write.schema import ACLED, UCDP

LAYERS = ("control", "events", "distances", "places")
NAMES = [
    *(f"{name}.{ext}" for name in LAYERS for ext in ("geojson", "csv", "csvt")),
    "events_acled.csv", "events_acled.csvt", "events_ucdp.csv", "events_ucdp.csvt", "distances.md", "frontline.gpkg",
    "2014-06-20.geojson", "2014-06-21.geojson", "2014-06-22.geojson",
]  # fmt: skip
TAL_HAMIS = Place.unlocated("Tal Hamis", kind=PlaceKind.VILLAGE, country="sy")
TAL_SENTENCE = "Kurdish forces took the village of Tal Hamis on Sunday."
AWAY_SENTENCE = "Tal Hamis lies 40 km from Mosul, a checkpoint 2 km from it."
URL_ONLY = "https://www.example.net/syria/tal-hamis"


def _ev(article: Article, sentence: str) -> Evidence:
    start = article.text.index(sentence)
    return Evidence(article.id, sentence, start, start + len(sentence), article.title, article.source, article.url)


def _split(article: Article) -> Article:
    return with_sentences(replace(article, paragraphs=((0, len(article.text)),)))


def make_export_run() -> RunResult:
    base = make_run()
    a5 = _split(Article("a5", TAL_SENTENCE, source="/home/analyst/feeds/a5.txt", url=URL_ONLY, published=D22,
                        published_from="field"))  # fmt: skip
    a6 = _split(Article("a6", AWAY_SENTENCE, source="/home/analyst/a6.txt"))
    taken = ControlEvent(TAL_HAMIS, "Kurdish forces", EventKind.CAPTURED, DateSpan.day(D22, "Sunday"),
                         _ev(a5, TAL_SENTENCE), "took")  # fmt: skip
    incident = Incident(taken, (taken,))
    claim = DistanceClaim("a6", "Tal Hamis", "Mosul", ClaimKind.DISTANCE, _ev(a6, AWAY_SENTENCE), TAL_HAMIS, MOSUL,
                          40, "km", 40.0)  # fmt: skip
    mentions5 = (Mention("a5", TAL_SENTENCE.index("Tal"), TAL_SENTENCE.index(" on"), "Tal Hamis", TAL_HAMIS, 0.5,
                         hint="the village of"),)  # fmt: skip
    mentions6 = (Mention("a6", 0, 9, "Tal Hamis", TAL_HAMIS, 0.5), Mention("a6", 39, 51, "a checkpoint", None))
    results = (*(replace(r, article=_split(r.article)) for r in base.results), ArticleResult(a5, mentions5, (taken,), ()),
               ArticleResult(a6, mentions6, (), (DistanceCheck(claim, note="Tal Hamis is not located"),)))  # fmt: skip
    state = ControlState(TAL_HAMIS, D22, "Kurdish forces", Status.HELD, D22, (incident,), (), True)
    timeline = base.timeline
    states = tuple(sorted((*timeline.states, state), key=lambda s: (s.day, s.place.id)))
    return RunResult(results, Timeline(timeline.days, (*timeline.incidents, incident), states))


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("exports")
    assert [p.name for p in write_exports(make_export_run(), folder)] == NAMES
    return folder


def _read(path: Path, **kwargs):
    return pyogrio.read_dataframe(path, **kwargs)


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


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
    assert len(frame) == 8
    qaim = frame[frame["name"] == "Qaim"].sort_values("valid_from")
    assert list(qaim["controller"]) == ["Iraqi government", "ISIL"]
    # the government held it from the 20th until ISIL took it on the 21st, which is still open
    assert [str(v)[:10] for v in qaim["valid_from"]] == ["2014-06-20", "2014-06-21"]
    assert str(qaim["valid_to"].iloc[0])[:10] == "2014-06-21" and qaim["valid_to"].isna().iloc[1]
    assert list(qaim["days"]) == [1, 2]
    taken = qaim.iloc[1]
    assert taken["evidence"] == QAIM_SENTENCE and taken["article"] == "a1" and taken["url"] == "https://example.org/a1"
    assert (taken["reports"], taken["outlets"], taken["sources"]) == (2, 2, "a1; a2")
    baiji = frame[frame["name"] == "Baiji"].sort_values("valid_from")
    assert list(baiji["status"]) == ["held", "contested"]
    assert set(frame["attribution"]) == {"Place data: GeoNames, geonames.org, CC BY 4.0"}


def test_control_csv_is_the_control_layer(out):
    rows = _rows(out / "control.csv")
    features = json.loads((out / "control.geojson").read_text(encoding="utf-8"))["features"]
    assert [r["place_id"] for r in rows] == [f["properties"]["place_id"] for f in features]
    qaim = [r for r in rows if r["name"] == "Qaim"][-1]
    assert (qaim["lat"], qaim["lon"], qaim["valid_from"], qaim["valid_to"]) == ("34.369", "41.094", "2014-06-21", "")


def test_events_carry_acled_and_ucdp_codes(out):
    frame = _read(out / "events.geojson").set_index("place")
    assert len(frame) == 4
    qaim = frame.loc["Qaim"]
    assert (qaim["event_type"], qaim["sub_event_type"]) == ("Battles", "Non-state actor overtakes territory")
    assert (qaim["time_precision"], qaim["date_prec"], qaim["geo_precision"], qaim["where_prec"]) == (1, 1, 1, 1)
    assert qaim["reports"] == 2 and "2014-06-20" in qaim["disagreements"]
    assert qaim["previous_controller"] == "Iraqi government"  # who held Qaim the day before
    baiji = frame.loc["Baiji"]
    assert (baiji["event_type"], baiji["sub_event_type"]) == ("Battles", "Armed clash")
    assert (baiji["time_precision"], baiji["date_prec"]) == (2, 3)  # a week: ACLED 2, UCDP 3
    evil = frame.loc["Evil <b>town</b>"]
    assert (evil["geo_precision"], evil["where_prec"]) == (2, 2)  # an approximate village position
    assert evil["evidence"] == HOSTILE  # data, kept verbatim outside HTML


def test_events_csv_has_coordinates_url_and_publication(out):
    rows = {r["place"]: r for r in _rows(out / "events.csv")}
    assert len(rows) == 4
    qaim = rows["Qaim"]
    assert (qaim["lat"], qaim["lon"], qaim["url"], qaim["published"]) == ("34.369", "41.094", "https://example.org/a1", "2014-06-21")
    assert qaim["source_titles"] == "Militants take border town; Fighting for Baiji"
    tal = rows["Tal Hamis"]
    assert (tal["published_from"], tal["title"], tal["url"]) == ("field", URL_ONLY, URL_ONLY)


def test_every_row_carries_its_provenance(out):
    texts = {r.article.id: r.article for r in make_export_run().results}
    for name in [*(f"{layer}.csv" for layer in LAYERS), "events_acled.csv", "events_ucdp.csv"]:
        for row in _rows(out / name):
            if name == "control.csv" and not row["article"]:
                continue  # the fixture's hand-made states that no incident supports
            article = texts[row["article"]]
            assert row["title"] == (article.title or article.url or article.id), name  # the URL, else the id
            assert not row["title"].startswith("/") and "analyst" not in row["title"], name  # never a local path
            assert row["url"] == article.url and row["published"] == (article.published.isoformat() if article.published else "")
            start, end = int(row["evidence_start"]), int(row["evidence_end"])
            assert article.text[start:end] == row["evidence"], name


def test_every_row_of_a_real_run_has_an_article_and_a_sentence(seed_outputs):
    names = [p for p in sorted(seed_outputs.iterdir()) if p.suffix in (".csv", ".geojson")]
    assert len(names) > 10
    empty = []
    for path in names:
        if path.suffix == ".csv":
            rows = _rows(path)
        else:
            rows = [f["properties"] for f in json.loads(path.read_text(encoding="utf-8"))["features"]]
        if not rows:
            empty.append(path.name)
        for row in rows:
            assert row["article"] and row["title"] and row["published"], (path.name, row)
            assert row["evidence"] and row["evidence_end"], (path.name, row)
            assert row["published_from"] in ("manifest", "inferred:000_0c9bb0fd381daf89.txt"), path.name
            assert "seeds/" not in row["title"], path.name
    # Only the first days may be empty: nothing is known yet, and nothing is drawn before its evidence.
    days = sorted(p.name for p in names if p.name[:4].isdigit())
    assert empty == days[:len(empty)] and len(empty) < len(days), empty


def test_acled_table_has_acleds_columns_filled_from_the_events(out):
    rows = _rows(out / "events_acled.csv")
    assert list(rows[0])[:15] == ["event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1",
                                  "actor2", "country", "admin1", "location", "latitude", "longitude",
                                  "geo_precision", "source", "notes"]  # fmt: skip
    assert list(rows[0]) == list(ACLED.names)
    qaim, baiji = rows[0], rows[1]
    assert (qaim["event_date"], qaim["year"], qaim["actor1"], qaim["actor2"]) == ("2014-06-21", "2014", "ISIL", "Iraqi government")
    assert (qaim["country"], qaim["location"], qaim["latitude"], qaim["notes"]) == ("Iraq", "Qaim", "34.369", QAIM_SENTENCE)
    assert qaim["source"] == "example.org; Fighting for Baiji"  # an outlet where the URL shows one, else the title
    assert (baiji["event_date"], baiji["time_precision"]) == ("2014-06-19", "2")  # the middle of "all week"
    tal = rows[3]
    assert (tal["location"], tal["latitude"], tal["longitude"], tal["country"]) == ("Tal Hamis", "", "", "Syria")


def test_ucdp_table_has_ucdps_columns_filled_from_the_events(out):
    rows = _rows(out / "events_ucdp.csv")
    assert list(rows[0])[:13] == ["side_a", "side_b", "date_start", "date_end", "date_prec", "where_prec",
                                  "where_coordinates", "latitude", "longitude", "adm_1", "country",
                                  "source_article", "source_headline"]  # fmt: skip
    assert list(rows[0]) == list(UCDP.names)
    qaim = rows[0]
    assert (qaim["side_a"], qaim["side_b"]) == ("Iraqi government", "ISIL")  # the government's side first
    assert (qaim["date_start"], qaim["date_prec"], qaim["where_coordinates"]) == ("2014-06-21", "1", "Qaim, Anbar, Iraq")
    assert qaim["source_article"] == "https://example.org/a1; a2"
    assert qaim["source_headline"] == "Militants take border town; Fighting for Baiji"


def test_unlocated_places_are_rows_with_a_null_geometry_never_a_point(out):
    for name in ("control", "events", "places"):
        doc = json.loads((out / f"{name}.geojson").read_text(encoding="utf-8"))
        tal = [f for f in doc["features"] if f["properties"]["place_id"] == TAL_HAMIS.id]
        assert tal, name
        for feature in tal:
            assert feature["geometry"] is None, name
            p = feature["properties"]
            assert (p["lat"], p["lon"], p["located"]) == (None, None, False), name
    for name in ("control", "events", "places", "distances"):
        frame = _read(out / "frontline.gpkg", layer=name)
        assert frame.geometry.isna().any(), name
        assert not any(g is not None and (0.0, 0.0) in list(g.coords) for g in frame.geometry), name
    day = json.loads((out / "2014-06-22.geojson").read_text(encoding="utf-8"))["features"]
    assert [f["geometry"] for f in day if f["properties"]["place_id"] == TAL_HAMIS.id] == [None]


def test_places_layer_has_each_place_named_with_its_first_mention(out):
    rows = {r["place_id"]: r for r in _rows(out / "places.csv")}
    tal = rows[TAL_HAMIS.id]
    assert (tal["mentions"], tal["articles"], tal["hint"], tal["located"], tal["lat"]) == ("2", "2", "the village of", "false", "")
    assert (tal["article"], tal["surface"], tal["evidence"]) == ("a5", "Tal Hamis", TAL_SENTENCE)  # a5 is dated, a6 not
    assert TAL_SENTENCE[int(tal["surface_start"]):int(tal["surface_end"])] == "Tal Hamis"
    mosul = rows["geonames:3"]
    assert (mosul["mentions"], mosul["articles"], mosul["article"]) == ("2", "2", "a2")  # a2 of the 22nd, a3 undated
    assert all("checkpoint" not in r["surfaces"] for r in rows.values())  # a mention of no place is no place


def test_distances_lines_run_reference_to_subject(out):
    frame = _read(out / "distances.geojson")
    assert len(frame) == 5 and frame.geometry.isna().sum() == 2  # the unlocated ends have no line
    line = frame[frame["subject"] == "Qaim"].geometry.iloc[0]
    assert list(line.coords) == [(44.401, 33.341), (41.094, 34.369)]  # Baghdad -> Qaim, [lon, lat]
    assert set(frame["verdict"]) == {"consistent", "inconsistent", "unverifiable"}


def test_distances_csv_keeps_every_claim(out):
    frame = _read(out / "distances.csv")
    assert len(frame) == 5
    assert {"Khazna", "Tal Hamis"} <= set(frame["subject"])
    rank = {"inconsistent": 0, "consistent": 1, "circular": 2, "unverifiable": 3}
    verdicts = list(frame["verdict"])
    assert verdicts[0] == "inconsistent" and verdicts == sorted(verdicts, key=rank.__getitem__)


def test_distance_report_puts_inconsistent_first_and_escapes_pipes(out):
    text = (out / "distances.md").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert len(rows) == 5 and rows[0].startswith("| inconsistent | Baiji | Mosul | 50 km")
    assert BAD_DISTANCE_SENTENCE.replace("|", "\\|") in rows[0]
    assert all(row.count(" | ") == rows[0].count(" | ") for row in rows)  # no cell split by a stray |
    assert "GeoNames" in text


def test_day_snapshot_holds_each_place_that_day(out):
    frame = _read(out / "2014-06-22.geojson").set_index("name")
    assert len(frame) == 6
    assert frame.loc["Baiji", "status"] == "contested" and bool(frame.loc["Baiji", "changed"])
    assert frame.loc["Erbil", "controller"] == "Kurdish forces"
    assert frame.loc["Baiji", "evidence"] == "Troops battled militants for Baiji all week."


def test_exports_are_deterministic(tmp_path):
    first = write_exports(make_export_run(), tmp_path / "one")
    second = write_exports(make_export_run(), tmp_path / "two")
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
    assert (raw["features"][0]["properties"]["lon"], raw["features"][0]["properties"]["lat"]) == (170.0, -45.0)


def test_feature_collection_of_events_is_geojson():
    collection = feature_collection(iter_event_features(make_run()))
    assert [f["properties"]["place"] for f in collection["features"]] == ["Qaim", "Baiji", "Evil <b>town</b>"]
    assert collection["features"][0]["geometry"] == {"type": "Point", "coordinates": [41.094, 34.369]}
    json.dumps(collection)  # plain JSON values throughout


def test_empty_run_writes_empty_layers(tmp_path):
    paths = write_exports(RunResult(), tmp_path)
    assert [p.name for p in paths] == NAMES[:-3]
    assert len(_read(tmp_path / "control.geojson")) == 0
    assert (tmp_path / "events_acled.csv").read_text(encoding="utf-8") == ",".join(ACLED.names) + "\n"


def test_a_csv_cell_a_spreadsheet_would_run_is_neutralised(tmp_path):
    formula = "=HYPERLINK(\"http://x\",\"y\")"
    article = Article("f", formula, title="@SUM(A1)", published=date(2020, 1, 2))
    place = Place("local:p", "P", 1.0, 2.0)
    event = ControlEvent(place, "ISIL", EventKind.CAPTURED, DateSpan.day(date(2020, 1, 2)), Evidence("f", formula, 0, len(formula)))
    run = RunResult((ArticleResult(article, events=(event,)),), Timeline((date(2020, 1, 2),), (Incident(event, (event,)),), ()))
    write_exports(run, tmp_path)
    for name in ("events.csv", "events_acled.csv", "events_ucdp.csv"):
        row = _rows(tmp_path / name)[0]
        assert row["evidence"] == "'" + formula and row["title"] == "'@SUM(A1)", name
    assert json.loads((tmp_path / "events.geojson").read_text(encoding="utf-8"))["features"][0]["properties"]["evidence"] == formula


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


# --- corroboration by article, from text to the files ----------------------------------------


CORPUS = [
    {"id": "wire-1", "title": "Rebels take Kidal", "url": "https://www.wire.example/africa/kidal",
     "published": "2012-03-31", "text": "Tuareg rebels seized Kidal on Friday, residents said."},
    {"id": "wire-2", "title": "Kidal falls", "url": "https://wire.example/africa/kidal-update",
     "published": "2012-03-31", "text": "Tuareg rebels seized Kidal on Tuesday, a spokesman said."},
    {"id": "daily-1", "title": "Troops retake Gao", "url": "https://daily.example/gao", "published": "2012-03-31",
     "text": "Malian troops recaptured Gao on Thursday.\nOfficials spoke in Bamako.\n"
             "The town was quiet. Malian troops recaptured Gao on Thursday."},
]  # fmt: skip


def test_reports_and_disagreements_count_articles_and_outlets(tmp_path):
    from geo.pipeline import run

    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(row) + "\n" for row in CORPUS), encoding="utf-8")
    write_exports(run([corpus], engine="serial"), tmp_path / "out")
    rows = {r["place"]: r for r in _rows(tmp_path / "out" / "events.csv")}
    kidal, gao = rows["Kidal"], rows["Gao"]
    # two articles of one outlet dating one capture two ways: two reports, one outlet, one disagreement
    assert (kidal["reports"], kidal["outlets"], kidal["disagreeing_articles"]) == ("2", "1", "1")
    assert kidal["sources"] == "wire-2; wire-1" and kidal["disagreements"].count(" says ") == 2
    # one article saying the same sentence twice: one report, no disagreement with itself
    assert (gao["reports"], gao["outlets"], gao["disagreeing_articles"], gao["disagreements"]) == ("1", "1", "0", "")
    assert kidal["published_from"] == "field" and gao["url"] == "https://daily.example/gao"
