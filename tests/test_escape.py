"""Article text through the formats that interpret it: CSV, Markdown, HTML; a hostile article end to end."""

from __future__ import annotations

import csv
import html
import json
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from geo.cli import main
from geo.write.escape import csv_cell, html_text, markdown_text

TRICKY = st.text(alphabet=st.sampled_from(list("<>&\"'`*_[]()!|\\~#=:-+@ \tjavascriptonerrimg{}") + ["\n", "é"]),
                 max_size=60)


@pytest.mark.parametrize("cell", ["=1+2", "=HYPERLINK(\"http://x\")", "+7 495 000", "-x", "-", "-2+3", "@SUM(A1)",
                                  "\t=1", "\r=1", "+5"])
def test_formula_like_cells_are_neutralised(cell):
    assert csv_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["-12.5", "-3", "0.25", "-.5", "1e-4", "-2E+3", "Qaim", "13 mi", "", " =x"])
def test_numbers_and_plain_text_stay_as_they_are(cell):
    assert csv_cell(cell) == cell


def _cell_of_table(text: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(f"| a |\n|---|\n| {markdown_text(text)} |\n")


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def _parse(page: str) -> _Elements:
    parser = _Elements()
    parser.feed(page)
    parser.close()
    return parser


@settings(max_examples=300, deadline=None)
@given(TRICKY)
def test_a_markdown_viewer_shows_the_text_as_written_and_builds_nothing_from_it(text):
    rendered = _parse(_cell_of_table(text))
    assert rendered.tags == ["table", "thead", "tr", "th", "tbody", "tr", "td"]
    shown = "".join(rendered.text).split("a", 1)[1].strip()
    assert shown == " ".join(text.split())


@settings(max_examples=300, deadline=None)
@given(TRICKY)
def test_html_text_is_text_and_reads_back_exactly(text):
    parsed = _parse(f"<div title=\"{html_text(text)}\">{html_text(text)}</div>")
    assert parsed.tags == ["div"]
    assert html.unescape(html_text(text)) == text
    assert "".join(parsed.text) == text


# -- a hostile article through `frontline run` ---------------------------------------------------

HOSTILE = ('Rebels took Idlib, 60 km south of Aleppo, on Friday <img src=x onerror=alert(1)> <script>alert(2)</script> '
           '[go](javascript:alert(4)) =HYPERLINK("javascript:alert(3)").')
MALI = "Islamist fighters seized Timbuktu on Sunday, about 320 km west of Gao."
RAW = ("<img", "<script>alert", "javascript:alert", "onerror=alert", "onerror=")


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    rows = [
        {"id": "@SUM(1+1)*cmd", "title": "=cmd|' /C calc'!A0 <script>alert(0)</script>", "url": "javascript:alert(9)",
         "published": "2019-04-07", "text": HOSTILE},
        {"id": "-mali", "title": "+Timbuktu", "published": "2019-04-09", "text": MALI},
    ]
    corpus = folder / "hostile.jsonl"
    corpus.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    out = folder / "out"
    assert main(["run", str(corpus), "--out", str(out), "--engine", "serial", "-q"]) == 0
    return out


def test_no_markup_from_the_article_survives_in_markdown_or_html(hostile_run):
    pages = sorted(hostile_run.glob("*.html"))
    report = hostile_run / "distances.md"
    assert pages and "Idlib" in report.read_text(encoding="utf-8")
    for path in [report, *pages]:
        text = path.read_text(encoding="utf-8")
        leaflet = text.count("onerror=a(") + text.count("onerror=u")  # the embedded Leaflet's own handlers
        assert text.count("onerror=") == leaflet, path.name
        for raw in RAW[:-1]:
            assert raw not in text, (path.name, raw)
    rendered = _parse(MarkdownIt("commonmark").enable("table").render(report.read_text(encoding="utf-8")))
    assert not {"img", "script", "a"} & set(rendered.tags)
    assert "onerror=alert(1)" in "".join(rendered.text), "the viewer still shows what the article said"


def test_no_csv_cell_can_run_as_a_formula_and_numbers_stay_numbers(hostile_run):
    cells = []
    for name in ("events.csv", "distances.csv"):
        with (hostile_run / name).open(encoding="utf-8", newline="") as stream:
            cells += [cell for row in csv.reader(stream) for cell in row]
    assert "'@SUM(1+1)*cmd" in cells and "'-mali" in cells
    for cell in cells:
        assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
        assert not cell.startswith("-") or cell[1:2].isdigit() and float(cell) < 0, cell
    assert any(cell.startswith("-") and float(cell) < 0 for cell in cells), "Timbuktu's longitude is a negative number"


def test_json_outputs_keep_the_sentence_exactly(hostile_run, capsys, tmp_path):
    events = json.loads((hostile_run / "events.geojson").read_text(encoding="utf-8"))
    assert HOSTILE in {f["properties"]["evidence"] for f in events["features"]}
    distances = json.loads((hostile_run / "distances.geojson").read_text(encoding="utf-8"))
    assert HOSTILE in {f["properties"]["evidence"] for f in distances["features"]}


def test_cli_csv_is_neutralised_and_json_is_exact(capsys, tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "=x", "text": HOSTILE, "published": "2019-04-07"}) + "\n", encoding="utf-8")
    assert main(["events", str(corpus), "--format", "csv", "--engine", "serial"]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert rows and {row["article"] for row in rows} == {"'=x"}
    assert main(["events", str(corpus), "--format", "json", "--engine", "serial"]) == 0
    assert {e["evidence"] for e in json.loads(capsys.readouterr().out)} == {HOSTILE}
