"""The HTML maps in headless Chromium with the network blocked.

Every request that is not a ``file://`` URL is aborted and counted as a
failure; console errors, page errors and dialogs are recorded. Needs Debian's
``chromium`` package and the ``playwright`` Python package.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from test_render import BOUNDARIES, DISTANCE_SENTENCE, EXPECTED, HOSTILE, QAIM_SENTENCE, make_run

from geo.write.render import render_maps

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
DOCS_PNG = Path(__file__).parents[1] / "docs" / "map.png"


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
    return {p.stem: p for p in render_maps(make_run(), out, boundaries=BOUNDARIES)}


class Visit:
    """A page opened offline, with everything that went wrong on it."""

    def __init__(self, browser, path: Path) -> None:
        self.context = browser.new_context(viewport={"width": 1100, "height": 800})
        self.page = self.context.new_page()
        self.blocked, self.errors, self.dialogs, self.console = [], [], [], []
        self.page.route("**/*", self._route)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("requestfailed", lambda request: self.errors.append(f"failed: {request.url}"))
        self.page.on("dialog", self._dialog)
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")

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

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser):
    opened = []

    def open_(path: Path) -> Visit:
        opened.append(Visit(browser, path))
        return opened[-1]

    yield open_
    for v in opened:
        v.close()


@pytest.mark.parametrize("name", ["2014-06-20", "2014-06-21", "2014-06-22", "index"])
def test_page_loads_offline_without_errors(visit, maps, name):
    v = visit(maps[name])
    v.page.wait_for_selector(".leaflet-container")
    assert v.blocked == [] and v.errors == [] and v.dialogs == []
    assert v.count(".leaflet-control-attribution:has-text('GeoNames')") == 1


@pytest.mark.parametrize("day", sorted(EXPECTED))
def test_markers_per_layer(visit, maps, day):
    v = visit(maps[day.isoformat()])
    v.page.wait_for_selector(".leaflet-overlay-pane svg")
    expected = EXPECTED[day]
    assert {layer: v.count(f"path.fl-{layer}") for layer in expected} == expected
    assert v.count("path.fl-changed") == sum(s.changed for s in make_run().timeline.on(day))


def test_clicking_a_place_shows_controller_and_evidence(visit, maps):
    from playwright.sync_api import expect

    v = visit(maps["2014-06-21"])
    v.page.locator("path.fl-control.fl-changed").first.wait_for()
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
        expect(popup).to_have_count(1)  # the previous popup may still be fading out
        texts.append(popup.inner_text())
    qaim = [t for t in texts if t.startswith("Qaim")]
    assert len(qaim) == 1 and "Controller: ISIL" in qaim[0] and QAIM_SENTENCE in qaim[0]
    assert v.errors == [] and v.blocked == []


def test_clicking_a_distance_line_shows_the_check_and_its_sentence(visit, maps):
    v = visit(maps["2014-06-21"])
    v.page.locator("path.fl-distances").first.wait_for()
    v.page.locator("path.fl-distances").first.click()
    popup = v.page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert "Verdict: consistent" in text and DISTANCE_SENTENCE in text
    assert v.errors == [] and v.blocked == []


def test_layer_control_hides_and_shows_a_layer(visit, maps):
    v = visit(maps["2014-06-21"])
    v.page.wait_for_selector("path.fl-events")
    checkbox = v.page.locator(".leaflet-control-layers-overlays label", has_text="Events").locator("input")
    checkbox.uncheck()
    assert v.count("path.fl-events") == 0 and v.count("path.fl-control") == 4
    checkbox.check()
    assert v.count("path.fl-events") == 3


def test_hostile_article_text_shows_as_text_and_never_runs(visit, maps):
    v = visit(maps["2014-06-21"])
    v.page.wait_for_selector("path.fl-control")
    label = v.page.get_by_text("Evil <b>town</b>", exact=True)
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


def test_index_time_slider_and_day_links(visit, maps):
    v = visit(maps["index"])
    v.page.wait_for_selector(".timecontrol-date")
    assert [a.get_attribute("href") for a in v.page.locator(".fl-days a").all()] == [
        "2014-06-20.html", "2014-06-21.html", "2014-06-22.html",
    ]  # fmt: skip
    assert "2014-06-20" in v.page.locator(".timecontrol-date").inner_text()
    assert v.count("path.fl-control") == 3  # the first day's places
    v.page.locator(".timecontrol-forward").click()
    v.page.wait_for_function("document.querySelector('.timecontrol-date').innerText.includes('2014-06-21')")
    v.page.wait_for_function("document.querySelectorAll('path.fl-control').length === 4")
    assert v.errors == [] and v.blocked == []


def test_nav_walks_to_the_next_day(visit, maps):
    v = visit(maps["2014-06-20"])
    v.page.locator(".fl-nav a", has_text="next").click()
    v.page.wait_for_url("**/2014-06-21.html")
    assert v.blocked == [] and v.errors == []


def test_screenshot_for_the_readme(visit, maps):
    v = visit(maps["2014-06-21"])
    v.page.wait_for_selector("path.fl-control")
    v.page.wait_for_timeout(300)
    shot = maps["2014-06-21"].with_suffix(".png")
    v.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    if os.environ.get("FRONTLINE_DOCS_SCREENSHOT"):  # refresh the README's picture on request
        shutil.copyfile(shot, DOCS_PNG)


def test_a_hostile_article_run_through_the_pipeline_never_runs_in_the_page(browser, tmp_path):
    """A real article, not a fixture: its markup reaches every popup as text and runs nowhere."""
    import json

    from geo.write.outputs import write_outputs
    from geo.pipeline import run

    sentence = ('Rebels seized Ma\'arrat al-Nu\'man on Friday <script>alert("s")</script> '
                '<img src=x onerror=alert("i")> "quoted" </script><b>bold</b> {{ 1234*1000 }} {% raw %}.')
    corpus = tmp_path / "feed.jsonl"
    corpus.write_text(json.dumps({"id": "evil</script>", "title": "<script>alert('t')</script>",
                                  "url": "javascript:alert('u')", "published": "2019-08-31",
                                  "text": sentence}) + "\n", encoding="utf-8")
    out = tmp_path / "maps"
    result = run([corpus], engine="serial")
    assert [e.place.name for r in result.results for e in r.events], "the article gives an event"
    write_outputs(result, out)
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
