"""Tests of geo.write.render: the per-day HTML maps and the index.

``make_run()`` builds a small RunResult from records directly; the export and
browser tests import it too. Browser checks live in test_browser.py.
"""

from __future__ import annotations

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
from geo.write.render import render_maps

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


#: What a user sees on each day map of make_run(): markers per layer.
EXPECTED = {
    D20: {"control": 3, "events": 1, "distances": 0, "other": 0},  # Baiji's week-long fight
    D21: {"control": 4, "events": 3, "distances": 1, "other": 2},  # other: Baghdad, Rawah
    D22: {"control": 5, "events": 1, "distances": 1, "other": 1},  # other: Amarah
}

BOUNDARIES = {
    "type": "FeatureCollection",
    "features": [
        {"type": "Feature", "properties": {"name": "Iraq", "level": "country"},
         "geometry": {"type": "Polygon", "coordinates": [[[39, 29], [48.5, 29], [48.5, 37.4], [39, 37.4], [39, 29]]]}},
    ],
}  # fmt: skip


@pytest.fixture(scope="module")
def maps(tmp_path_factory) -> tuple[list[Path], Path]:
    out = tmp_path_factory.mktemp("maps")
    return render_maps(make_run(), out, boundaries=BOUNDARIES), out


def test_one_map_per_day_and_an_index(maps):
    paths, out = maps
    assert [p.name for p in paths] == ["2014-06-20.html", "2014-06-21.html", "2014-06-22.html", "index.html"]
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in paths)  # no temp files left


def test_maps_link_nothing_outside_the_page(maps):
    for path in maps[0]:
        html = path.read_text(encoding="utf-8")
        assert not re.search(r"<(script|link)[^>]+(src|href)=\"(https?:)?//", html), path.name
        assert "cdn" not in html.casefold().replace("cdnjs", "").split("<script>")[0]  # head links no CDN
        assert "L.map(" in html and "Leaflet" in html


def test_hostile_text_appears_only_escaped(maps):
    html = maps[0][1].read_text(encoding="utf-8")  # 2014-06-21 has the hostile article
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert "javascript:alert(4)" not in html  # a non-http URL never becomes a link
    assert "&lt;script&gt;alert(1)" in html or "\\u0026lt;script\\u0026gt;alert(1)" in html


def test_day_map_within_size_budget(maps):
    for path in maps[0]:
        assert path.stat().st_size < 1_500_000, path.name


def test_shared_assets_do_not_grow_with_places(tmp_path):
    small = render_maps(make_run(), tmp_path / "a")[1].stat().st_size
    run = make_run()
    many = tuple(
        ControlState(Place(f"local:p{i}", f"P{i}", 30 + i / 100, 40 + i / 100), D21, "ISIL", Status.HELD, None)
        for i in range(200)
    )
    bigger = RunResult(run.results, Timeline(run.timeline.days, run.timeline.incidents, run.timeline.states + many))
    large = render_maps(bigger, tmp_path / "b")[1].stat().st_size
    leaflet = (Path(__file__).parents[1] / "geo" / "write" / "assets" / "leaflet.js").stat().st_size
    per_place = (large - small) / 200
    assert per_place < 3_000  # each place costs its marker, not another copy of the assets
    assert large < small + 200 * 3_000 < small + leaflet * 5


def test_render_is_deterministic(tmp_path):
    first = render_maps(make_run(), tmp_path / "one", boundaries=BOUNDARIES)
    second = render_maps(make_run(), tmp_path / "two", boundaries=BOUNDARIES)
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_maps_drawn_by_several_workers_are_the_same_files(tmp_path):
    alone = render_maps(make_run(), tmp_path / "one", boundaries=BOUNDARIES)
    shared = render_maps(make_run(), tmp_path / "three", boundaries=BOUNDARIES, workers=3)
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


def test_nav_links_previous_next_and_index(maps):
    html = maps[0][1].read_text(encoding="utf-8")
    assert 'href="2014-06-20.html"' in html and 'href="2014-06-22.html"' in html and 'href="index.html"' in html


def test_index_lists_days_with_counts(maps):
    html = maps[0][-1].read_text(encoding="utf-8")
    assert html.index("2014-06-20.html") < html.index("2014-06-21.html") < html.index("2014-06-22.html")
    assert "2014-06-21</a>: 3 events, 2 changes" in html
    assert "timeDimension" in html


def test_geonames_credited_on_the_map(maps):
    assert "GeoNames, geonames.org, CC BY 4.0" in maps[0][0].read_text(encoding="utf-8")


def test_run_without_days_gives_only_an_index(tmp_path):
    paths = render_maps(RunResult(), tmp_path)
    assert [p.name for p in paths] == ["index.html"]
    assert "Nothing dated" in paths[0].read_text(encoding="utf-8")


def test_unknown_tiles_are_refused(tmp_path):
    with pytest.raises(FrontlineError, match="tiles"):
        render_maps(make_run(), tmp_path, tiles="mapbox")
