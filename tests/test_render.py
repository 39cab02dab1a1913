"""Tests of geo.write.render and its parts: the day maps, the index, days, theatres, areas, colours.

``make_run()`` builds a small RunResult from records directly; the export and
browser tests import it too. Browser checks live in test_browser.py.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from geo.errors import FrontlineError
from geo.records import (
    Article,
    ArticleResult,
    ClaimKind,
    ControlEvent,
    ControlState,
    DateSpan,
    DirectionVerdict,
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
from geo.write.days import select_days
from geo.write.render import render_maps
from geo.write.style import actor_colours
from geo.write.theatres import group
from geo.write.zones import areas_of_control, opacity, radius_km

D20, D21, D22 = date(2014, 6, 20), date(2014, 6, 21), date(2014, 6, 22)
HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(2)> ${alert(3)} `x` \\u0041 </div>"

QAIM = Place("geonames:1", "Qaim", 34.369, 41.094, PlaceKind.TOWN, "IQ", "Anbar", source="GeoNames")
BAIJI = Place("geonames:2", "Baiji", 34.931, 43.487, PlaceKind.TOWN, "IQ")
MOSUL = Place("geonames:3", "Mosul", 36.335, 43.119, PlaceKind.CITY, "IQ")
BAGHDAD = Place("geonames:4", "Baghdad", 33.341, 44.401, PlaceKind.CITY, "IQ")
RAWAH = Place("geonames:5", "Rawah", 34.48, 41.909, PlaceKind.TOWN, "IQ")
ERBIL = Place("geonames:6", "Erbil", 36.191, 44.009, PlaceKind.CITY, "IQ")
AMARAH = Place("geonames:7", "Amarah", 31.836, 47.145, PlaceKind.CITY, "IQ")
EVIL = Place("local:evil", "Evil <b>town</b>", 35.5, 42.5, PlaceKind.VILLAGE, "IQ", precision_km=8.0)

QAIM_SENTENCE = "Militants seized Qaim on Friday, officials said."
BAIJI_SENTENCE = "Troops battled militants for Baiji all week."
DISTANCE_SENTENCE = "Qaim lies about 320 kilometres west of Baghdad."
BAD_DISTANCE_SENTENCE = "Baiji is 50 km | north of Mosul."


def _article(aid, published, title, sentences, url=""):
    text = " ".join(sentences)
    return Article(aid, text, source=f"{aid}.txt", title=title, url=url, published=published)


def _ev(article: Article, sentence: str) -> Evidence:
    start = article.text.index(sentence)
    return Evidence(article.id, sentence, start, start + len(sentence), article.title, article.source, article.url)


def make_run() -> RunResult:
    """Three days, four articles (one hostile, one undated), all layers used."""
    a1 = _article("a1", D21, "Militants take border town", [QAIM_SENTENCE, DISTANCE_SENTENCE],
                  url="https://example.org/a1")  # fmt: skip
    a2 = _article("a2", D22, "Fighting for Baiji", [BAIJI_SENTENCE, BAD_DISTANCE_SENTENCE, "Qaim fell on Thursday."])
    a3 = _article("a3", None, "Undated", ["Khazna is 10 km from Mosul.", "Erbil is 350 km north of Baghdad."])
    a4 = _article("a4", D21, HOSTILE, [HOSTILE], url="javascript:alert(4)")
    qaim1 = ControlEvent(QAIM, "ISIL", EventKind.CAPTURED, DateSpan.day(D21, "Friday"), _ev(a1, QAIM_SENTENCE))
    qaim2 = ControlEvent(QAIM, "ISIL", EventKind.CAPTURED, DateSpan.day(D20, "Thursday"),
                         _ev(a2, "Qaim fell on Thursday."))  # fmt: skip
    baiji = ControlEvent(BAIJI, "Iraqi government", EventKind.CONTESTED,
                         DateSpan(date(2014, 6, 16), D22, Precision.WEEK, "all week"), _ev(a2, BAIJI_SENTENCE))  # fmt: skip
    evil = ControlEvent(EVIL, "ISIL", EventKind.CAPTURED, DateSpan.day(D21, HOSTILE), _ev(a4, HOSTILE))
    i_qaim = Incident(qaim1, (qaim1, qaim2), ("a2 dates it 2014-06-20, a1 2014-06-21",))
    i_baiji, i_evil = Incident(baiji, (baiji,)), Incident(evil, (evil,), (HOSTILE,))

    def st(place, day, who, since=None, status=Status.HELD, incidents=(), changed=False, disagreements=()):
        return ControlState(place, day, who, status, since, incidents, disagreements, changed)

    states = (
        st(QAIM, D20, "Iraqi government"), st(BAIJI, D20, "Iraqi government"), st(MOSUL, D20, "ISIL", date(2014, 6, 10)),
        st(QAIM, D21, "ISIL", D21, incidents=(i_qaim,), changed=True), st(BAIJI, D21, "Iraqi government"),
        st(MOSUL, D21, "ISIL", date(2014, 6, 10)), st(EVIL, D21, "ISIL", D21, incidents=(i_evil,), changed=True,
                                                      disagreements=(HOSTILE,)),
        st(QAIM, D22, "ISIL", D21, incidents=(i_qaim,)),
        st(BAIJI, D22, "Iraqi government", status=Status.CONTESTED, incidents=(i_baiji,), changed=True),
        st(MOSUL, D22, "ISIL", date(2014, 6, 10)), st(EVIL, D22, "ISIL", D21), st(ERBIL, D22, "Kurdish forces"),
    )  # fmt: skip
    claim = DistanceClaim("a1", "Qaim", "Baghdad", ClaimKind.DISTANCE, _ev(a1, DISTANCE_SENTENCE), QAIM, BAGHDAD,
                          320, "km", 320.0, (300.0, 340.0), "west", "about")  # fmt: skip
    bad = DistanceClaim("a2", "Baiji", "Mosul", ClaimKind.DISTANCE, _ev(a2, BAD_DISTANCE_SENTENCE), BAIJI, MOSUL,
                        50, "km", 50.0, (50.0, 50.0), "north")  # fmt: skip
    lost = DistanceClaim("a3", "Khazna", "Mosul", ClaimKind.DISTANCE, _ev(a3, "Khazna is 10 km from Mosul."),
                         None, MOSUL, 10, "km", 10.0)  # fmt: skip
    far = DistanceClaim("a3", "Erbil", "Baghdad", ClaimKind.DISTANCE, _ev(a3, "Erbil is 350 km north of Baghdad."),
                        ERBIL, BAGHDAD, 350, "km", 350.0, None, "north")  # fmt: skip
    checks1 = (DistanceCheck(claim, 305.2, 271.0, 0.954, Verdict.CONSISTENT, DirectionVerdict.EXACT, (0.8, 1.25)),)
    checks2 = (DistanceCheck(bad, 180.4, 190.0, 0.277, Verdict.INCONSISTENT, DirectionVerdict.WRONG,
                             note="stated | measured differ"),)  # fmt: skip
    checks3 = (DistanceCheck(lost, note="Khazna is not in the gazetteer"),
               DistanceCheck(far, 325.0, 350.0, 1.077, Verdict.CONSISTENT, DirectionVerdict.NEAR))  # fmt: skip

    def mentions(article, places):
        return tuple(Mention(article.id, 0, 1, p.name, p, 0.9) for p in places)

    results = (
        ArticleResult(a1, mentions(a1, [QAIM, BAGHDAD, RAWAH]), (qaim1,), checks1),
        ArticleResult(a2, mentions(a2, [BAIJI, MOSUL, AMARAH, QAIM]), (baiji, qaim2), checks2),
        ArticleResult(a3, mentions(a3, [MOSUL, ERBIL, BAGHDAD]), (), checks3),
        ArticleResult(a4, mentions(a4, [EVIL]), (evil,), ()),
    )
    timeline = Timeline((D20, D21, D22), (i_qaim, i_baiji, i_evil), states)
    return RunResult(results, timeline)


#: What a user sees on each day map of make_run() (drawn with days="all"): symbols per layer.
EXPECTED = {
    D20: {"control": 3, "event": 1, "distances": 0, "other": 0, "zone": 3},  # Baiji's week-long fight
    D21: {"control": 4, "event": 3, "distances": 1, "other": 2, "zone": 4},  # other: Baghdad, Rawah
    D22: {"control": 5, "event": 1, "distances": 1, "other": 1, "zone": 5},  # other: Amarah
}

BOUNDARIES = {
    "type": "FeatureCollection",
    "features": [
        {"type": "Feature", "properties": {"name": "Iraq", "level": "country"},
         "geometry": {"type": "Polygon", "coordinates": [[[39, 29], [48.5, 29], [48.5, 37.4], [39, 37.4], [39, 29]]]}},
    ],
}  # fmt: skip


def page_data(path: Path) -> dict:
    """The JSON a page draws (the ``fl-data`` element)."""
    html = path.read_text(encoding="utf-8")
    start = html.index('<script type="application/json" id="fl-data">') + len('<script type="application/json" id="fl-data">')
    return json.loads(html[start:html.index("</script>", start)])


@pytest.fixture(scope="module")
def maps(tmp_path_factory) -> tuple[list[Path], Path]:
    out = tmp_path_factory.mktemp("maps")
    return render_maps(make_run(), out, boundaries=BOUNDARIES, days="all"), out


def test_one_map_per_day_and_an_index(maps):
    paths, out = maps
    assert [p.name for p in paths] == ["2014-06-20.html", "2014-06-21.html", "2014-06-22.html", "index.html"]
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in paths)  # no temp files left


def test_by_default_only_days_with_news_get_a_map(tmp_path):
    # D20 has no article, no change of hands and no event dated to it: the index still steps through it.
    paths = render_maps(make_run(), tmp_path)
    assert [p.name for p in paths] == ["2014-06-21.html", "2014-06-22.html", "index.html"]
    assert select_days(make_run(), "all") == (D20, D21, D22)
    index = page_data(tmp_path / "index.html")
    assert index["days"] == ["2014-06-20", "2014-06-21", "2014-06-22"] and index["maps"] == ["2014-06-21", "2014-06-22"]
    with pytest.raises(FrontlineError, match="--days"):
        select_days(make_run(), "weekly")


@pytest.mark.parametrize("day", sorted(EXPECTED))
def test_each_layer_holds_what_the_day_reports(maps, day):
    data = page_data(maps[1] / f"{day.isoformat()}.html")
    counts = {"control": len(data["control"]), "event": len(data["events"]), "distances": len(data["distances"]),
              "other": len(data["other"]), "zone": len(data["zones"])}  # fmt: skip
    assert counts == EXPECTED[day]
    drawn = {c["popup"]["controller"] for c in data["control"]} | {e["popup"]["incidents"][0]["actor"] for e in data["events"]}
    assert {a for a, _ in data["actors"]} == drawn  # the legend lists only the actors on this map


def test_maps_link_nothing_outside_the_page(maps):
    for path in maps[0]:
        html = path.read_text(encoding="utf-8")
        assert not re.search(r"<(script|link)[^>]+(src|href)=\"(https?:)?//", html), path.name
        assert "L.map(" in html and "Leaflet" in html and "Frontline.start(" in html


def test_hostile_text_appears_only_as_json_data(maps):
    html = maps[0][1].read_text(encoding="utf-8")  # 2014-06-21 has the hostile article
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "\\u003cscript\\u003ealert(1)" in html  # inside the JSON, where the page writes it as text
    data = page_data(maps[0][1])
    urls = [r["url"] for e in data["events"] for i in e["popup"]["incidents"] for r in i["reports"]]
    assert "javascript:alert(4)" not in urls and "https://example.org/a1" in urls  # a non-http URL never becomes a link


def test_day_map_within_size_budget(maps):
    for path in maps[0]:
        assert path.stat().st_size < 1_500_000, path.name


def test_shared_parts_do_not_grow_with_places(tmp_path):
    small = render_maps(make_run(), tmp_path / "a")[0].stat().st_size
    run = make_run()
    many = tuple(
        ControlState(Place(f"local:p{i}", f"P{i}", 33 + i / 100, 42 + i / 100), D21, "ISIL", Status.HELD, None)
        for i in range(200)
    )
    bigger = RunResult(run.results, Timeline(run.timeline.days, run.timeline.incidents, run.timeline.states + many))
    large = render_maps(bigger, tmp_path / "b")[0].stat().st_size
    assert (large - small) / 200 < 4_000  # each place costs its marker and area, not another copy of the page


def test_render_is_deterministic(tmp_path):
    first = render_maps(make_run(), tmp_path / "one", boundaries=BOUNDARIES, days="all")
    second = render_maps(make_run(), tmp_path / "two", boundaries=BOUNDARIES, days="all")
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_maps_drawn_by_several_workers_are_the_same_files(tmp_path):
    alone = render_maps(make_run(), tmp_path / "one", boundaries=BOUNDARIES, days="all")
    shared = render_maps(make_run(), tmp_path / "three", boundaries=BOUNDARIES, days="all", workers=3)
    assert [p.name for p in shared] == [p.name for p in alone]
    assert sorted(p.name for p in (tmp_path / "three").iterdir()) == [p.name for p in alone]  # no temp files left
    for a, b in zip(alone, shared, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_forked_workers_leave_the_collector_as_they_found_it(tmp_path):
    """A program that draws maps in workers keeps collecting its garbage after, and keeps its own freeze."""
    import gc

    render_maps(make_run(), tmp_path / "one", workers=2)
    assert gc.get_freeze_count() == 0  # else the caller's objects would never be collected again
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        render_maps(make_run(), tmp_path / "two", workers=2)
        assert gc.get_freeze_count() >= frozen > 0
    finally:
        gc.unfreeze()


def test_nav_links_the_previous_and_next_maps(tmp_path):
    paths = render_maps(make_run(), tmp_path)  # D20 has no map: D21's previous is none
    assert page_data(paths[0])["nav"] == {"prev": None, "next": "2014-06-22"}
    assert page_data(paths[1])["nav"] == {"prev": "2014-06-21", "next": None}


def test_index_charts_events_by_actor_and_tables_changes_of_hands(maps):
    data = page_data(maps[1] / "index.html")
    actors = [a for a, _ in data["actors"]]
    per_day = {}
    for day, actor, n in data["chart"]:
        per_day.setdefault(data["days"][day], {})[actors[actor]] = n
    assert per_day["2014-06-21"] == {"ISIL": 2, "Iraqi government": 1}
    assert [(c["day"], c["place"], c["from"], c["to"]) for c in data["changes"]] == [
        ("2014-06-21", "Qaim", "Iraqi government", "ISIL"),
        ("2014-06-21", "Evil <b>town</b>", "not reported", "ISIL"),
        ("2014-06-22", "Baiji", "Iraqi government", "Iraqi government"),
    ]
    assert [t["name"] for t in data["theatres"]] == ["Iraq"]
    assert [d["day"] for d in data["theatres"][0]["days"]] == ["2014-06-20", "2014-06-21", "2014-06-22"]


def test_geonames_and_natural_earth_credited_on_the_map(maps):
    html = maps[0][0].read_text(encoding="utf-8")
    assert "GeoNames, geonames.org, CC BY 4.0" in html and "Natural Earth (public domain)" in html


def test_run_without_days_gives_only_an_index(tmp_path):
    paths = render_maps(RunResult(), tmp_path)
    assert [p.name for p in paths] == ["index.html"]
    assert page_data(paths[0])["days"] == []


def test_unknown_tiles_are_refused(tmp_path):
    with pytest.raises(FrontlineError, match="tiles"):
        render_maps(make_run(), tmp_path, tiles="mapbox")


def test_the_basemap_covers_the_theatre_with_real_land_and_names(maps):
    html = maps[0][1].read_text(encoding="utf-8")
    start = html.index('id="fl-basemap">') + len('id="fl-basemap">')
    base = json.loads(html[start:html.index("</script>", start)])
    (area,) = base["areas"]
    west, south, east, north = area["box"]
    assert west < 41.0 and east > 44.5 and south < 33.3 and north > 36.4  # every place of the run, and a margin
    assert area["land"] and area["borders"] and area["admin1"] and area["rivers"]
    names = {label[2] for label in area["labels"]}
    assert {"Iraq", "Syria", "Al Anbar"} <= names  # countries and provinces by name
    assert base["world"]["land"]  # and the rest of the world, coarse


# ---------------------------------------------------------------- the parts


def test_colours_of_actors_from_other_wars_are_distinct_and_stable():
    pairs = [("RSF", "SAF"), ("Russian forces", "Ukrainian forces"), ("M23", "Myanmar military")]
    for a, b in pairs:
        colours = actor_colours([a, b])
        assert colours[a] != colours[b], (a, b)
    run = actor_colours(["Arakan Army", "Fano", "RSF", "SAF"])
    assert run["Arakan Army"] != run["Fano"] and len(set(run.values())) == 4
    assert actor_colours(["Fano", "Arakan Army", "SAF", "RSF"]) == run  # the order actors come in changes nothing


def test_theatres_of_a_corpus_on_four_wars_are_four():
    places = [Place("a", "Avdiivka", 48.14, 37.75, country="UA"), Place("b", "Donetsk", 48.0, 37.8, country="UA"),
              Place("c", "Wad Madani", 14.4, 33.52, country="SD"), Place("d", "Sake", -1.57, 29.04, country="CD"),
              Place("e", "Goma", -1.68, 29.22, country="CD"), Place("f", "Myawaddy", 16.69, 98.51, country="MM"),
              Place("g", "Iraq", 33.0, 43.0, PlaceKind.COUNTRY, "IQ")]  # fmt: skip
    theatres = group(places, {"UA": "Ukraine", "SD": "Sudan", "CD": "DR Congo", "MM": "Myanmar"})
    assert sorted((t.name, len(t.places)) for t in theatres) == [("DR Congo", 2), ("Myanmar", 1), ("Sudan", 1),
                                                                  ("Ukraine", 2)]  # fmt: skip


def test_areas_of_control_split_the_ground_between_neighbours_and_stay_on_land():
    from geo.write.basemap import world

    near = Place("x", "Faw", 29.976, 48.472, PlaceKind.TOWN, "IQ", population=100_000)  # on the coast
    far = Place("y", "Basra", 30.508, 47.783, PlaceKind.CITY, "IQ", population=1_000_000)
    states = [ControlState(near, D21, "ISIL", Status.HELD, None), ControlState(far, D21, "Iraqi government", Status.HELD, None)]
    (s1, a1), (s2, a2) = areas_of_control(states, land=world().countries)
    assert a1.intersection(a2).area < 1e-9  # neighbours do not overlap
    assert a1.within(world().countries["IQ"].buffer(1e-6))  # no area at sea or abroad
    assert radius_km(far) > radius_km(near) >= 3.0
    assert a1.contains(a1.representative_point()) and a2.area > a1.area


def test_a_held_province_is_shaded_as_its_area_and_never_a_point(tmp_path):
    anbar = Place("ne:IQ-AN", "Anbar", 33.0, 42.0, PlaceKind.PROVINCE, "IQ")
    iraq = Place("country:IQ", "Iraq", 33.2, 42.5, PlaceKind.COUNTRY, "IQ")
    area = {"type": "Polygon", "coordinates": [[[39, 31], [44, 31], [44, 35], [39, 35], [39, 31]]]}
    boundaries = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"id": anbar.id}, "geometry": area}]}
    article = _article("p", D21, "Province", ["Militants hold Anbar."])
    event = ControlEvent(anbar, "ISIL", EventKind.CONTROL, DateSpan.day(D21), _ev(article, "Militants hold Anbar."))
    states = (ControlState(anbar, D21, "ISIL", Status.HELD, D21, (Incident(event, (event,)),), changed=True),
              ControlState(iraq, D21, "ISIL", Status.HELD, D21))  # fmt: skip
    run = RunResult((ArticleResult(article, (), (event,), ()),), Timeline((D21,), (Incident(event, (event,)),), states))
    data = page_data(render_maps(run, tmp_path, boundaries=boundaries)[0])
    assert data["control"] == [] and data["events"] == []  # no point for a province or a country
    assert [(z["name"], z["area"]) for z in data["zones"]] == [("Anbar", True)] and len(data["event_areas"]) == 1
    assert data["listed"]["regions"] == ["Iraq (country): ISIL (held)"]


def test_an_unlocated_place_is_listed_never_drawn(tmp_path):
    lost = Place.unlocated("Tal Hamis", kind=PlaceKind.VILLAGE, country="SY")
    article = _article("u", D21, "Lost", ["Rebels seized Tal Hamis."])
    event = ControlEvent(lost, "Syrian opposition", EventKind.CAPTURED, DateSpan.day(D21), _ev(article, "Rebels seized Tal Hamis."))
    incident = Incident(event, (event,))
    states = (ControlState(lost, D21, "Syrian opposition", Status.HELD, D21, (incident,), changed=True),)
    run = RunResult((ArticleResult(article, (Mention("u", 0, 1, "Tal Hamis", lost, 0.5),), (event,), ()),),
                    Timeline((D21,), (incident,), states))  # fmt: skip
    data = page_data(render_maps(run, tmp_path)[0])
    assert data["control"] == data["events"] == data["zones"] == []
    assert data["listed"]["unlocated"] == ["Tal Hamis: Syrian opposition (held), no position known"]


def test_areas_fade_with_the_age_of_their_last_report():
    assert opacity(D21, D21) > opacity(D21, date(2014, 5, 21)) > opacity(D21, date(2013, 6, 21))
    assert opacity(D21, None) == opacity(D21, date(2010, 1, 1))


def several_sides_at_one_town(out: Path) -> Path:
    """A day on which two sides fight for one town and one of them takes it: three events, two kinds."""
    taiz = Place("geonames:70225", "Taiz", 13.579, 44.021, PlaceKind.CITY, "YE")
    lines = ["Houthi fighters shelled Taiz.", "Government troops shelled Taiz in return.", "The Houthis took Taiz."]
    article = _article("t", D21, "Taiz", lines)
    events = (ControlEvent(taiz, "Houthis", EventKind.CONTESTED, DateSpan.day(D21), _ev(article, lines[0])),
              ControlEvent(taiz, "Yemeni government", EventKind.CONTESTED, DateSpan.day(D21), _ev(article, lines[1])),
              ControlEvent(taiz, "Houthis", EventKind.CAPTURED, DateSpan.day(D21), _ev(article, lines[2])))  # fmt: skip
    incidents = tuple(Incident(e, (e,)) for e in events)
    states = (ControlState(taiz, D21, "Houthis", Status.HELD, D21, incidents, changed=True),)
    run = RunResult((ArticleResult(article, (), events, ()),), Timeline((D21,), incidents, states))
    return render_maps(run, out)[0]


def test_events_of_one_kind_at_one_place_are_one_symbol_in_the_colours_of_their_sides(tmp_path):
    data = page_data(several_sides_at_one_town(tmp_path))
    colours = dict(data["actors"])
    by_group = {e["group"]: e for e in data["events"]}
    assert sorted(by_group) == ["change", "fight"]  # two symbols, not one ring per event
    fight = by_group["fight"]
    assert fight["colours"] == [colours["Houthis"], colours["Yemeni government"]] and fight["count"] == 2
    assert [i["actor"] for i in fight["popup"]["incidents"]] == ["Houthis", "Yemeni government"]  # both in its popup
    assert "Houthis, Yemeni government" in fight["tooltip"] and "(2 events)" in fight["tooltip"]
    assert by_group["change"]["colours"] == [colours["Houthis"]] and by_group["change"]["count"] == 1
