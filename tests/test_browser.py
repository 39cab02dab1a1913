"""The HTML maps in headless Chromium with the network blocked.

Every request that is not a ``file://`` URL is aborted and counted as a
failure; console errors, page errors and dialogs are recorded. Needs Debian's
``chromium`` package and the ``playwright`` Python package.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from test_render import BOUNDARIES, DISTANCE_SENTENCE, EXPECTED, HOSTILE, QAIM_SENTENCE, make_run, page_data, several_sides_at_one_town

from geo.write.render import render_maps

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
DOCS = Path(__file__).parents[1] / "docs"
FOUR_WARS = Path(__file__).parent / "data" / "four_wars.jsonl"
LAND = [244, 241, 234, 255]  # style.toml [basemap] land


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        if os.environ.get("FRONTLINE_REQUIRE_BROWSER"):
            pytest.fail("Debian's chromium is required here: apt-get install chromium")
        pytest.skip("Debian's chromium is not installed")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def maps(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("browser")
    return {p.stem: p for p in render_maps(make_run(), out, boundaries=BOUNDARIES, days="all")}


@pytest.fixture(scope="module")
def four_wars(tmp_path_factory) -> Path:
    """``frontline run`` over four invented reports of four wars, all of one day."""
    from geo.pipeline import run
    from geo.write.outputs import write_outputs

    out = tmp_path_factory.mktemp("four")
    write_outputs(run([FOUR_WARS], engine="serial"), out)
    return out


class Visit:
    """A page opened offline, with everything that went wrong on it."""

    def __init__(self, browser, path: Path, size=(1100, 800)) -> None:
        self.context = browser.new_context(viewport={"width": size[0], "height": size[1]})
        self.page = self.context.new_page()
        self.blocked, self.errors, self.dialogs, self.console = [], [], [], []
        self.page.route("**/*", self._route)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("requestfailed", lambda request: self.errors.append(f"failed: {request.url}"))
        self.page.on("dialog", self._dialog)
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")
        self.page.wait_for_selector("body[data-ready='1']")

    def _route(self, route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def _console(self, message) -> None:
        self.console.append(message.text)
        if message.type == "error":
            self.errors.append(message.text)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def count(self, selector: str) -> int:
        return self.page.locator(selector).count()

    def eval(self, script: str, arg=None):
        return self.page.evaluate(script, arg)

    def view(self, lat: float, lon: float, zoom: int) -> None:
        self.eval("([lat, lon, z]) => { Frontline.map.setView([lat, lon], z, {animate: false}); }", [lat, lon, zoom])
        self.page.wait_for_timeout(150)

    def pixel(self, lat: float, lon: float, pane: str = "flLand") -> list[int]:
        """RGBA of the basemap's canvas in ``pane`` at a place."""
        return self.eval(
            """([lat, lon, pane]) => {
                const map = Frontline.map, canvas = map.getPane(pane).querySelector('canvas');
                const box = canvas.getBoundingClientRect(), frame = map.getContainer().getBoundingClientRect();
                const p = map.latLngToContainerPoint([lat, lon]);
                const x = Math.round((p.x + frame.left - box.left) * canvas.width / box.width);
                const y = Math.round((p.y + frame.top - box.top) * canvas.height / box.height);
                return Array.from(canvas.getContext('2d').getImageData(x, y, 1, 1).data);
            }""",
            [lat, lon, pane],
        )

    def label_boxes(self) -> list[dict]:
        return self.eval("""() => Array.from(document.querySelectorAll('.fl-name')).map(e => {
            const r = e.getBoundingClientRect(); return {text: e.textContent, x1: r.left, y1: r.top, x2: r.right, y2: r.bottom}; })""")

    def visible_point(self, selector: str) -> tuple[float, float]:
        """A point of the first SVG path matching ``selector`` that is on top, where a user can click it.

        The centre of a line's box may lie under a label or another symbol; a user clicks where the
        line shows, so walk along the line to the first point where it is the top element.
        """
        point = self.eval(
            """(selector) => {
                const path = document.querySelector(selector), length = path.getTotalLength(), m = path.getScreenCTM();
                for (let i = 1; i < 40; i++) {
                    const p = path.getPointAtLength(length * i / 40);
                    const x = p.x * m.a + p.y * m.c + m.e, y = p.x * m.b + p.y * m.d + m.f;
                    if (x > 0 && y > 0 && x < innerWidth && y < innerHeight && document.elementFromPoint(x, y) === path) return [x, y];
                }
                return null;
            }""",
            selector,
        )
        assert point, f"no point of {selector} is visible and on top"
        return point[0], point[1]

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser):
    opened = []

    def open_(path: Path, size=(1100, 800)) -> Visit:
        opened.append(Visit(browser, path, size))
        return opened[-1]

    yield open_
    for v in opened:
        v.close()


def layer_box(v: Visit, name: str):
    """The layer control's checkbox of layer ``name`` (exactly that name)."""
    return v.page.locator(".leaflet-control-layers-overlays label", has_text=re.compile(rf"^\s*{re.escape(name)}\s*$")).locator("input")


def overlaps(boxes: list[dict]) -> list[tuple[str, str]]:
    """Pairs of label boxes that overlap (by more than half a pixel)."""
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if min(a["x2"], b["x2"]) - max(a["x1"], b["x1"]) > 0.5 and min(a["y2"], b["y2"]) - max(a["y1"], b["y1"]) > 0.5:
                found.append((a["text"], b["text"]))
    return found


@pytest.mark.parametrize("name", ["2014-06-20", "2014-06-21", "2014-06-22", "index"])
def test_page_loads_offline_without_errors(visit, maps, name):
    v = visit(maps[name])
    assert v.blocked == [] and v.errors == [] and v.dialogs == []
    assert v.count(".leaflet-control-attribution:has-text('GeoNames')") == 1
    assert v.count(".leaflet-control-attribution:has-text('Natural Earth')") == 1


@pytest.mark.parametrize("name", ["2014-06-20", "2014-06-21", "2014-06-22"])
def test_the_day_summary_counts_in_words_that_agree(visit, maps, name):
    text = visit(maps[name]).page.locator(".fl-summary").inner_text()
    counted = re.findall(r"(\d+) ([a-z]+)", text)
    assert [noun.rstrip("s") for _, noun in counted] == ["change", "event", "article"], text
    assert all((n == "1") == (not noun.endswith("s")) for n, noun in counted), text  # "1 change", "2 events"


@pytest.mark.parametrize("day", sorted(EXPECTED))
def test_each_layer_is_drawn_and_matches_the_legend(visit, maps, day):
    v = visit(maps[day.isoformat()])
    expected = EXPECTED[day]
    drawn = {"control": v.count("path.fl-control"), "event": v.count(".fl-event"), "distances": v.count("path.fl-distances"),
             "other": v.count("path.fl-other"), "zone": v.count("path.fl-zone")}  # fmt: skip
    assert drawn == expected
    assert v.count("path.fl-changed") == sum(s.changed for s in make_run().timeline.on(day))
    legend = dict(v.eval("""() => Array.from(document.querySelectorAll('.fl-legend-actor')).map(
        row => [row.textContent, row.querySelector('circle').getAttribute('fill')])"""))
    fills = set(v.eval("() => Array.from(document.querySelectorAll('path.fl-control, path.fl-zone')).map(p => p.getAttribute('fill'))"))
    fills.discard(None)
    assert {f for f in fills if not f.startswith("url(")} <= set(legend.values())  # every colour drawn is in the legend
    data = page_data(maps[day.isoformat()])
    assert legend == dict(data["actors"])  # and the legend holds only this map's actors
    groups = {g for g in ("change", "fight", "statement") if v.count(f".fl-event-{g}")}
    assert groups <= {g for g in ("change", "fight", "statement") if v.count(f".fl-legend-event:has-text('{g[:4]}')")}
    assert v.errors == []


def test_the_basemap_draws_land_water_and_names_offline(visit, seed_outputs):
    v = visit(seed_outputs / "2014-06-21.html")
    v.view(33.3, 44.4, 7)
    assert v.pixel(33.34, 44.40) == LAND  # Baghdad is on land
    v.view(29.6, 49.2, 7)
    assert v.pixel(29.4, 49.8)[3] == 0  # the Gulf is sea: the page's water shows through
    minor = "() => Array.from(document.querySelectorAll('.fl-base-place')).map(e => +e.dataset.minZoom)"
    v.view(36.34, 43.13, 6)
    assert v.eval(minor) and max(v.eval(minor)) <= 6
    v.view(36.34, 43.13, 10)
    assert max(v.eval(minor)) >= 9  # the names of small places appear as you zoom in
    v.view(33.3, 43.5, 6)
    assert v.count(".fl-base-country") >= 2 and v.count(".fl-base-admin1") >= 3  # countries and provinces by name
    assert v.errors == [] and v.blocked == []


def test_no_two_names_overlap_on_the_seeds_map(visit, seed_outputs):
    v = visit(seed_outputs / "2014-06-21.html")
    boxes = v.label_boxes()
    assert len(boxes) > 10 and overlaps(boxes) == []
    for zoom in (8, 10, 6):
        v.eval("(z) => { Frontline.map.setZoom(z, {animate: false}); }", zoom)
        v.page.wait_for_timeout(150)
        assert overlaps(v.label_boxes()) == [], zoom


def test_countries_and_provinces_are_never_point_markers(visit, seed_outputs):
    v = visit(seed_outputs / "2014-06-21.html")
    names = v.eval("() => Array.from(document.querySelectorAll('.fl-label')).map(e => e.textContent)")
    assert not {"Iraq", "Syria"} & set(names)
    data = page_data(seed_outputs / "2014-06-21.html")
    assert all(c["kind"] not in ("country", "province", "region") for c in data["control"] + data["other"])
    assert v.count("path.fl-zone-area") == sum(1 for z in data["zones"] if z["area"]) >= 1  # Anbar, as its area


def test_a_facility_is_drawn_beside_its_town_and_each_opens_its_own_popup(visit, seed_outputs):
    v = visit(seed_outputs / "2014-06-21.html")
    circles = v.eval("""() => Array.from(document.querySelectorAll('path.fl-control, path.fl-other')).map(p => {
        const r = p.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2, r.width / 2]; })""")
    for i, (x1, y1, r1) in enumerate(circles):
        for x2, y2, r2 in circles[i + 1:]:
            assert ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 >= r1 + r2 - 1  # no symbol hides another
    from playwright.sync_api import expect

    popup = v.page.locator(".leaflet-popup-content")
    for name in ("Baiji refinery", "Bayjī"):
        v.page.keyboard.press("Escape")
        expect(popup).to_have_count(0)
        v.page.locator(".fl-label", has_text=re.compile(rf"^{name}$")).click()
        expect(popup).to_have_count(1)
        assert popup.locator("h4").inner_text() == name


def test_several_sides_fighting_at_one_town_are_one_striped_symbol_that_lists_them(visit, tmp_path):
    path = several_sides_at_one_town(tmp_path)
    colours = dict(page_data(path)["actors"])
    v = visit(path)
    assert v.count(".fl-event") == 2 and v.count(".fl-event-fight") == 1
    strokes = v.eval("() => Array.from(document.querySelectorAll('.fl-event-fight .fl-event-stroke')).map(p => p.getAttribute('stroke'))")
    assert strokes == [colours["Houthis"], colours["Yemeni government"]]  # the colours of both sides, in turn
    assert v.page.locator(".fl-event-fight .fl-event-count").text_content() == "2"
    point = v.eval("""() => { const p = document.querySelector('.fl-event-fight .fl-event-stroke');
        const q = p.getPointAtLength(0), m = p.getScreenCTM(); return [q.x * m.a + m.e, q.y * m.d + m.f]; }""")
    v.page.mouse.click(point[0], point[1] + 1)  # on the symbol's own outline
    popup = v.page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert "Houthi fighters shelled Taiz." in text and "Government troops shelled Taiz in return." in text
    assert "The Houthis took Taiz." not in text  # the change of hands is its own symbol
    assert v.errors == [] and v.blocked == []


def test_clicking_a_place_shows_controller_and_evidence(visit, maps):
    from playwright.sync_api import expect

    v = visit(maps["2014-06-21"])
    v.page.locator(".fl-label", has_text="Qaim").click()  # a place's label opens its popup
    popup = v.page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert "Controller: ISIL" in text and QAIM_SENTENCE in text
    assert "Corroborated by 2 reports" in text
    texts = []
    for marker in v.page.locator("path.fl-control.fl-changed").all():  # the circles themselves, too
        v.page.keyboard.press("Escape")
        marker.click()
        expect(popup).to_have_count(1)
        texts.append(popup.inner_text())
    qaim = [t for t in texts if t.startswith("Qaim")]
    assert len(qaim) == 1 and "Controller: ISIL" in qaim[0] and QAIM_SENTENCE in qaim[0]
    assert v.errors == [] and v.blocked == []


def test_a_control_area_popup_gives_controller_since_and_evidence(visit, maps):
    v = visit(maps["2014-06-21"])
    for name in ("Control", "Events", "Distance checks", "Other places"):
        layer_box(v, name).uncheck()
    v.view(34.369, 41.094, 11)  # Qaim's area fills the middle of the view
    v.page.mouse.click(550, 400)
    popup = v.page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert text.startswith("Qaim") and "Controller: ISIL" in text and "Since: 2014-06-21" in text
    assert QAIM_SENTENCE in text and "Militants take border town" in text  # the sentence and its article
    assert v.errors == []


def test_clicking_a_distance_line_shows_the_check_and_its_sentence(visit, maps):
    v = visit(maps["2014-06-21"])
    v.page.mouse.click(*v.visible_point("path.fl-distances"))
    popup = v.page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert "Verdict: consistent" in text and DISTANCE_SENTENCE in text
    assert v.errors == [] and v.blocked == []


def test_layer_control_hides_and_shows_a_layer(visit, maps):
    v = visit(maps["2014-06-21"])
    checkbox = layer_box(v, "Events")
    checkbox.uncheck()
    assert v.count(".fl-event") == 0 and v.count("path.fl-control") == 4
    checkbox.check()
    assert v.count(".fl-event") == 3
    areas = layer_box(v, "Areas of control (estimate)")
    areas.uncheck()
    assert v.count("path.fl-zone") == 0
    areas.check()
    assert v.count("path.fl-zone") == 4


def test_hostile_article_text_shows_as_text_and_never_runs(visit, maps):
    v = visit(maps["2014-06-21"])
    label = v.page.locator(".fl-label").get_by_text("Evil <b>town</b>", exact=True)
    assert label.count() == 1  # the place name's markup shows literally
    label.click()
    popup = v.page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert HOSTILE.strip() in popup.inner_text()
    assert popup.locator("script, img").count() == 0
    assert popup.locator("a[href^='javascript']").count() == 0
    v.page.wait_for_timeout(200)
    assert v.dialogs == [] and v.errors == [] and v.blocked == []
    assert not any("alert" in message or "1" == message for message in v.console)


def test_index_chart_slider_days_and_changes(visit, maps):
    v = visit(maps["index"], size=(1300, 800))
    assert [a.get_attribute("href") for a in v.page.locator(".fl-theatre-section a").all()] == [
        "2014-06-20.html", "2014-06-21.html", "2014-06-22.html",
    ]  # fmt: skip
    assert v.count(".fl-month summary:has-text('2014-06')") == 1  # the days grouped by month
    assert v.count(".fl-changes tbody tr") == 3 and v.count(".fl-mini .leaflet-container, .fl-mini.leaflet-container") == 1
    assert v.page.locator(".fl-slider-day").inner_text() == "2014-06-22"  # the slider opens on the last day
    assert v.count("path.fl-control") == 5
    v.page.locator(".fl-back").click()
    v.page.wait_for_function("document.querySelector('.fl-slider-day').textContent === '2014-06-21'")
    assert v.count("path.fl-control") == 4 and v.count(".fl-label:has-text('Qaim')") == 1
    v.page.locator(".fl-bar[data-day='2014-06-21']").click()  # the chart opens the day's map
    v.page.wait_for_url("**/2014-06-21.html")
    assert v.errors == [] and v.blocked == []


def test_nav_walks_to_the_next_day(visit, maps):
    v = visit(maps["2014-06-20"])
    v.page.locator(".fl-nav a", has_text="next").click()
    v.page.wait_for_url("**/2014-06-21.html")
    assert v.blocked == [] and v.errors == []


def test_four_wars_on_one_day_show_four_theatres_framed_and_coloured(visit, four_wars):
    path = four_wars / "2024-02-17.html"
    data = page_data(path)
    v = visit(path)
    assert sorted(t["name"] for t in data["theatres"]) == [
        "Democratic Republic of the Congo", "Myanmar", "Sudan", "Ukraine"]  # fmt: skip
    colours = dict(data["actors"])
    assert colours["RSF"] != colours["SAF"] and colours["Russian forces"] != colours["Ukrainian forces"]
    assert len(set(colours.values())) == len(colours)  # every actor on the map its own colour
    changed = {c["name"]: (c["lat"], c["lon"]) for c in data["control"] if c["changed"]}
    where = {"Ukraine": "Avdiyivka", "Sudan": "Wad Medani", "Democratic Republic of the Congo": "Sake", "Myanmar": "Myawaddy"}
    for theatre in data["theatres"]:
        v.page.locator(f".fl-theatre[data-theatre='{theatre['id']}']").click()
        v.page.wait_for_timeout(150)
        lat, lon = changed[where[theatre["name"]]]
        inside = v.eval("([lat, lon]) => Frontline.map.getBounds().pad(-0.05).contains([lat, lon])", [lat, lon])
        zoom = v.eval("() => Frontline.map.getZoom()")
        assert inside and zoom >= 7, theatre["name"]  # framed on that war's change, not on the world
        assert v.pixel(lat, lon) == LAND, theatre["name"]  # with the detailed basemap under it
        label = v.page.locator(".fl-label", has_text=where[theatre["name"]])
        assert label.count() == 1, theatre["name"]
    fills = v.eval("() => Array.from(document.querySelectorAll('path.fl-control')).map(p => p.getAttribute('fill'))")
    assert {colours[c["popup"]["controller"]] for c in data["control"]} == set(fills)
    assert v.errors == [] and v.blocked == []


def test_the_index_of_four_wars_has_a_section_and_a_small_map_per_theatre(visit, four_wars):
    v = visit(four_wars / "index.html", size=(1300, 800))
    sections = v.page.locator(".fl-theatre-section")
    names = sorted(s.locator("h3").inner_text() for s in sections.all())
    assert names == ["Democratic Republic of the Congo", "Myanmar", "Sudan", "Ukraine"]
    for section in sections.all():
        assert section.locator(".fl-mini.leaflet-container").count() == 1  # each war its own small map
        assert [a.get_attribute("href") for a in section.locator(".fl-month a").all()] == ["2024-02-17.html"]
        mini = section.locator(".fl-mini")
        assert mini.locator("path.leaflet-interactive, path").count() > 0  # its land and its places drawn
    changes = v.page.locator(".fl-changes tbody tr td:nth-child(3)").all_inner_texts()
    assert sorted(set(changes)) == names  # each change of hands named by its war
    layer_box(v, "Control").uncheck()  # the slider map's layer control
    assert v.count("path.fl-control") == 0
    layer_box(v, "Control").check()
    assert v.count("path.fl-control") > 0 and v.count(".fl-label") > 0
    v.page.locator(".fl-theatre-section", has_text="Myanmar").locator(".fl-mini").click()  # a small map opens its war's day
    v.page.wait_for_url("**/2024-02-17.html")
    assert v.errors == [] and v.blocked == []


def test_screenshots_for_the_readme(visit, seed_outputs, four_wars, tmp_path):
    shots = []
    v = visit(seed_outputs / "2014-06-21.html")
    v.page.wait_for_timeout(300)
    shots.append((tmp_path / "map.png", DOCS / "map.png"))
    v.page.screenshot(path=str(shots[-1][0]))
    w = visit(four_wars / "2024-02-17.html")
    w.page.locator(".fl-theatre", has_text="Sudan").click()
    w.page.wait_for_timeout(300)
    shots.append((tmp_path / "sudan.png", DOCS / "map-sudan.png"))
    w.page.screenshot(path=str(shots[-1][0]))
    i = visit(seed_outputs / "index.html", size=(1300, 800))
    i.page.wait_for_timeout(300)
    shots.append((tmp_path / "index.png", DOCS / "index.png"))
    i.page.screenshot(path=str(shots[-1][0]))
    for shot, _ in shots:
        assert shot.stat().st_size > 20_000
    if os.environ.get("FRONTLINE_DOCS_SCREENSHOT"):  # refresh the README's pictures on request
        for shot, doc in shots:
            shutil.copyfile(shot, doc)


def test_a_hostile_article_run_through_the_pipeline_never_runs_in_the_page(browser, tmp_path):
    """A real article, not a fixture: its markup reaches every popup as text and runs nowhere."""
    import json

    from geo.pipeline import run
    from geo.write.outputs import write_outputs

    sentence = ('Rebels seized Ma\'arrat al-Nu\'man on Friday <script>alert("s")</script> '
                '<img src=x onerror=alert("i")> "quoted" </script><b>bold</b> {{ 1234*1000 }} {% raw %}.')
    corpus = tmp_path / "feed.jsonl"
    corpus.write_text(json.dumps({"id": "evil</script>", "title": "<script>alert('t')</script>",
                                  "url": "javascript:alert('u')", "published": "2019-08-31",
                                  "text": sentence}) + "\n", encoding="utf-8")
    out = tmp_path / "maps"
    result = run([corpus], engine="serial")
    assert [e.place.name for r in result.results for e in r.events], "the article gives an event"
    write_outputs(result, out, days="all")
    v = Visit(browser, out / "2019-08-30.html")
    v.page.locator("path.fl-control").first.click()
    popup = v.page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert '<script>alert("s")</script>' in text and "<b>bold</b>" in text and "Nu" in text
    assert "{{ 1234*1000 }} {% raw %}" in text, "template syntax in an article stays text"
    assert popup.locator("script, img").count() == 0
    assert popup.locator("b", has_text="bold").count() == 0, "the article's <b> stays text"
    assert popup.locator("a[href^='javascript']").count() == 0
    v.page.wait_for_timeout(300)
    assert v.dialogs == [] and v.errors == [] and v.blocked == []
    assert not [m for m in v.console if "alert" in m]
    v.close()
