"""Reading the corpora users have: JSON Lines, CSV exports, JSON, feeds, saved pages, stdin; and their bad variants."""

from __future__ import annotations

import io
import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from geo.cli import main
from geo.errors import InputError
from geo.read.formats import read_sources
from geo.read.options import InputFormat, ReadOptions
from geo.read.published import DayOrder
from geo.records import Article

INPUTS = Path(__file__).resolve().parent / "inputs"
GOOD, BAD = INPUTS / "good", INPUTS / "bad"


def _read(*sources, **options) -> tuple[dict[str, Article], list[str]]:
    items = list(read_sources(sources, options=ReadOptions(**options)))
    articles = {item.id: item for item in items if isinstance(item, Article)}
    assert len(articles) == sum(isinstance(item, Article) for item in items), "ids are unique"
    return articles, [str(item) for item in items if isinstance(item, InputError)]


def _dates(articles: dict[str, Article]) -> dict[str, date | None]:
    return {id: a.published for id, a in articles.items()}


def test_news_api_jsonl_with_timestamps_in_three_offsets():
    articles, errors = _read(GOOD / "news_api.jsonl")
    assert errors == []
    # 23:30 at -05:00 is the 18th in UTC, 01:15 at +03:00 the 17th: each keeps the date it was written with
    assert _dates(articles) == {"na-0001": date(2024, 2, 17), "na-0002": date(2024, 2, 17), "na-0003": date(2024, 2, 18)}
    first = articles["na-0001"]
    assert first.published_from == "field" and first.title == "Rebels claim Goma airport after overnight push"
    assert first.url == "https://frontier-wire.example/goma-airport" and first.dateline == "Goma"
    assert first.text.startswith("GOMA, Congo —\nRebel fighters said on Saturday")


def test_semicolon_csv_with_content_publish_date_link():
    articles, errors = _read(GOOD / "sahel_export.csv")
    assert errors == []
    # the first row's quoted text spans two lines: the next row starts on line 4
    assert _dates(articles) == {"sahel_export.csv:2": date(2023, 11, 14), "sahel_export.csv:4": date(2023, 12, 19),
                                "sahel_export.csv:5": date(2025, 1, 27)}
    kidal = articles["sahel_export.csv:2"]
    assert kidal.url == "https://sahel-notes.example/kidal"
    assert "withdrew from Kidal on Tuesday; the army entered" in kidal.text, "a ';' inside a quoted cell is text"


def test_json_array_and_ndjson():
    articles, errors = _read(GOOD / "array.json", GOOD / "wire.ndjson")
    assert errors == []
    assert _dates(articles) == {"array.json:1": date(2021, 10, 14), "array.json:2": date(2021, 10, 16),
                                "array.json:3": date(2021, 10, 17), "w1": date(2022, 9, 10), "w2": date(2022, 9, 11)}
    assert articles["array.json:1"].title == "Houthis seize district in Marib"
    assert articles["array.json:2"].url == "https://gulf-desk.example/hodeidah"
    assert articles["w1"].text.startswith("Ukrainian forces said") and articles["w1"].title == "Izium retaken"


def test_rss_feed_entries_with_content_summary_and_their_own_dates():
    articles, errors = _read(GOOD / "sahel.rss")
    assert errors == []
    assert _dates(articles) == {
        "https://sahel-notes.example/kidal-entered": date(2023, 11, 14),
        "https://sahel-notes.example/menaka-convoy": date(2023, 12, 19),
        "sahel-notes-3": date(2025, 1, 27),  # 18:45 at -05:00: already the 28th in UTC
    }
    kidal = articles["https://sahel-notes.example/kidal-entered"]
    assert kidal.text == ("KIDAL, Mali —\nThe army entered Kidal on Tuesday after separatist fighters withdrew, "
                          "officials said.\nResidents said the streets were quiet by evening.")
    assert "Short summary" not in kidal.text, "the full content is read, not the summary it replaces"
    assert kidal.title == "Army enters Kidal" and kidal.url == "https://sahel-notes.example/kidal-entered"
    menaka = articles["https://sahel-notes.example/menaka-convoy"]
    assert menaka.text == "Insurgents attacked a supply convoy near Menaka on Monday, a security source said."


def test_atom_feed_entries():
    articles, errors = _read(GOOD / "lakes.atom")
    assert errors == []
    assert _dates(articles) == {"urn:lakes:1": date(2024, 2, 16), "urn:lakes:2": date(2024, 2, 17),
                                "urn:lakes:3": date(2024, 2, 18)}  # the third has only <updated>
    assert articles["urn:lakes:1"].text == ("Rebel fighters reached the outskirts of Sake on Friday, residents said.\n"
                                            "The road to Goma was closed.")
    assert articles["urn:lakes:3"].text.startswith("Aid convoys waited at Goma on Sunday")
    assert articles["urn:lakes:2"].url == "https://lakes-courier.example/sake-retaken"


FURNITURE = ["cookies", "Accept all", "Subscribe", "Breaking", "Sponsored", "Advertisement", "Win a new car",
             "Related stories", "Grain ships", "Comments", "Kupiansk last night", "Wait for confirmation", "First!",
             "Privacy policy", "All rights reserved", "Sign in", "Most read", "recipes", "Advertise",
             "mark my words", "Pray for", "Share this", "Leave a reply", "dataLayer", "4 min read"]


@pytest.mark.parametrize(
    "page, title, day, url, sentences",
    [
        ("saved_page_kharkiv.html", "Ukrainian troops push into Balakliia", date(2022, 9, 8),
         "https://eastern-ledger.example/2022/09/08/balakliia",
         ["KHARKIV, Ukraine — Ukrainian troops pushed into the town of Balakliia on Thursday",
          "The town lies about 90 km southeast of Kharkiv", "emergency crews began clearing debris"]),
        ("saved_page_sudan.html", "RSF fighters enter Wad Madani", date(2023, 12, 18), "",
         ["Fighters of the paramilitary Rapid Support Forces entered Wad Madani on Monday",
          "about 140 km southeast of Khartoum", "moving staff south towards Sennar."]),
    ],
)
def test_saved_page_gives_the_article_and_none_of_the_furniture(page, title, day, url, sentences):
    articles, errors = _read(GOOD / page)
    assert errors == []
    (article,) = articles.values()
    assert (article.id, article.title, article.published, article.published_from, article.url) == (
        page, title, day, "page", url)
    for sentence in sentences:
        assert sentence in article.text
    for furniture in FURNITURE:
        assert furniture not in article.text, furniture


def test_jsonl_on_stdin_is_read_as_records_not_prose(capsys, monkeypatch):
    lines = [{"id": "s1", "text": "Rebels seized Kidal on Friday.", "published": "2023-11-17T08:00:00+00:00"},
             {"id": "s2", "content": "Troops took Gao on Monday.", "date": "Mon, 27 Jan 2025 18:45:00 -0500"}]
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(json.dumps(line) + "\n" for line in lines)))
    assert main(["events", "-", "--format", "json", "--engine", "serial"]) == 0
    events = json.loads(capsys.readouterr().out)
    assert {(e["article"], e["published"], e["published_from"]) for e in events} == {
        ("s1", "2023-11-17", "field"), ("s2", "2025-01-27", "field")}
    assert all(not e["evidence"].startswith("{") for e in events), "evidence is the sentence, never raw JSON"


@pytest.mark.parametrize(
    "stdin, fmt, ids",
    [
        ('[{"text": "Rebels took Gao."}, {"text": "Troops held Kidal."}]', None, ["stdin:1", "stdin:2"]),
        ('{"status": "ok", "articles": [{"content": "Rebels took Gao.", "publishedAt": "2024-01-02T10:00:00Z"}]}',
         None, ["stdin:1"]),
        ("Rebels took Gao on Friday.\nTroops held Kidal.", None, ["stdin"]),
        ('{"text": "a record read as prose"}', InputFormat.TEXT, ["stdin"]),
        ("text,date\nRebels took Gao.,2024-01-02\n", InputFormat.CSV, ["stdin:2"]),
        ((GOOD / "sahel.rss").read_text(encoding="utf-8"), None,
         ["https://sahel-notes.example/kidal-entered", "https://sahel-notes.example/menaka-convoy", "sahel-notes-3"]),
        ((GOOD / "saved_page_sudan.html").read_text(encoding="utf-8"), None, ["stdin"]),
    ],
    ids=["json-array", "api-response", "text", "forced-text", "forced-csv", "feed", "page"],
)
def test_stdin_is_sniffed_or_read_as_forced(stdin, fmt, ids):
    options = ReadOptions(input_format=fmt) if fmt else ReadOptions()
    items = list(read_sources(["-"], options=options, stdin=io.StringIO(stdin)))
    assert [item.id for item in items if isinstance(item, Article)] == ids, items


def test_each_bad_input_is_one_line_and_the_good_ones_are_processed(capsys):
    code = main(["places", str(BAD), str(GOOD / "wire.ndjson"), "--format", "json", "--engine", "serial"])
    captured = capsys.readouterr()
    assert code == 1
    lines = captured.err.strip().splitlines()
    assert len(lines) == 4, lines
    by_file = {name: [line for line in lines if name in line] for name in
               ("ambiguous_dates.csv", "unknown_columns.csv", "broken.rss", "broken.html")}
    assert all(len(found) == 1 for found in by_file.values()), by_file
    (ambiguous,) = by_file["ambiguous_dates.csv"]
    assert "ambiguous_dates.csv:2" in ambiguous and "'03/04/2024'" in ambiguous and "--dayfirst" in ambiguous
    (unknown,) = by_file["unknown_columns.csv"]
    assert "no text column" in unknown and "'Notes', 'When', 'Region'" in unknown and "--text-column" in unknown
    assert "malformed" in by_file["broken.rss"][0] and "line 20" in by_file["broken.rss"][0]
    assert "no article text" in by_file["broken.html"][0]
    read = {record["article"] for record in json.loads(captured.out)}
    assert {"w1", "w2", "ambiguous_dates.csv:2", "ambiguous_dates.csv:3",
            "https://sahel-notes.example/kidal-entered"} <= read, "the good inputs, and the text behind a bad date"


def test_the_user_settles_the_day_order_and_names_the_columns(capsys, tmp_path):
    articles, errors = _read(BAD / "ambiguous_dates.csv", order=DayOrder.DAY_FIRST)
    assert errors == [] and articles["ambiguous_dates.csv:2"].published == date(2024, 4, 3)
    articles, errors = _read(BAD / "unknown_columns.csv", text_column="Notes", date_column="When", id_column="Region")
    assert errors == [] and _dates(articles) == {"south": date(2023, 6, 6)}
    articles, errors = _read(BAD / "unknown_columns.csv", text_column="Story")
    assert articles == {} and errors == [f"{BAD / 'unknown_columns.csv'}: CSV has no column 'Story' (--text-column); "
                                         "its columns are 'Notes', 'When', 'Region'"]
    code = main(["places", str(BAD / "unknown_columns.csv"), "--text-column", "notes", "--date-column", "WHEN",
                 "--engine", "serial", "--format", "json"])
    assert code == 0 and {r["article"] for r in json.loads(capsys.readouterr().out)} == {"unknown_columns.csv:2"}


@pytest.mark.parametrize(
    "argv, code, expected",
    [
        (["--published", "2024-02-17T09:30:00Z"], 0, ("2024-02-17", "option")),
        (["--published", "17 February 2024"], 0, ("2024-02-17", "option")),
        (["--published", "03/04/2024", "--dayfirst"], 0, ("2024-04-03", "option")),
        (["--published", "03/04/2024"], 2, "argument --published: '03/04/2024' could be 3 April or 4 March"),
        (["--published", "2024-02-30"], 2, "argument --published: '2024-02-30' is not a valid date"),
    ],
)
def test_published_option_reads_the_same_dates(capsys, tmp_path, argv, code, expected):
    (tmp_path / "a.txt").write_text("Rebels seized Kidal on Friday.", encoding="utf-8")
    command = ["events", str(tmp_path / "a.txt"), "--format", "json", "--engine", "serial", *argv]
    if code == 2:
        with pytest.raises(SystemExit) as exit_info:
            main(command)
        err = capsys.readouterr().err
        assert exit_info.value.code == 2 and expected in err and "--published: --published" not in err
        return
    assert main(command) == 0
    events = json.loads(capsys.readouterr().out)
    assert events and {(e["published"], e["published_from"]) for e in events} == {expected}


def test_manifest_dates_in_any_form_and_an_ambiguous_one_named_by_its_line(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Rebels seized Kidal on Friday.", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,published\na.txt,19 December 2023\nb.txt,03/04/2024\n",
                                           encoding="utf-8")
    articles, errors = _read(tmp_path)
    assert _dates(articles) == {"a.txt": date(2023, 12, 19), "b.txt": None}
    assert articles["a.txt"].published_from == "manifest"
    assert errors == [f"{tmp_path / 'manifest.csv'}:3: b.txt: published: '03/04/2024' could be 3 April or 4 March: "
                      "pass --dayfirst or --monthfirst"]


def test_json_objects_api_responses_and_json_lines_in_a_json_file(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps({"body": "Rebels took Gao.", "pubDate": "2024-01-02"}),
                                       encoding="utf-8")
    response = {"status": "ok", "totalResults": 2, "articles": [
        {"title": "A", "content": "Rebels took Gao.", "publishedAt": "2024-01-02T23:00:00-03:00"},
        {"title": "B", "description": "no text here"}]}
    (tmp_path / "response.json").write_text(json.dumps(response), encoding="utf-8")
    (tmp_path / "lines.json").write_text('{"text": "a"}\n{"text": "b"}\n', encoding="utf-8")
    (tmp_path / "broken.json").write_text('[{"text": "a"},\n {"text": ]', encoding="utf-8")
    articles, errors = _read(tmp_path)
    assert _dates(articles) == {"one.json:1": date(2024, 1, 2), "response.json:1": date(2024, 1, 2),
                                "lines.json:1": None, "lines.json:2": None}
    assert len(errors) == 2
    assert errors[0].startswith(f"{tmp_path / 'broken.json'}:2: not valid JSON")
    assert errors[1].startswith(f"{tmp_path / 'response.json'}: item 2: has no text field")


def test_a_folder_leaves_out_frontline_outputs_and_hidden_files(tmp_path, seeds_dir):
    shutil.copy(seeds_dir / "000_0c9bb0fd381daf89.txt", tmp_path / "a.txt")
    maps = tmp_path / "maps"
    assert main(["run", str(tmp_path / "a.txt"), "--out", str(maps), "--engine", "serial", "-q"]) == 0
    assert list(maps.glob("*.html")), "the run wrote pages that a folder read would otherwise take for articles"
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "notes.txt").write_text("Rebels seized Kidal.", encoding="utf-8")
    articles, errors = _read(tmp_path)
    assert list(articles) == ["a.txt"] and errors == []


@pytest.mark.parametrize(
    "record, expected",
    [
        ({"Full Text": "Rebels took Gao.", "Publish Date": "2024-01-02"}, date(2024, 1, 2)),
        ({"maintext": "Rebels took Gao.", "date_publish": "2024-01-02 10:00:00"}, date(2024, 1, 2)),
        ({"TEXT": "Rebels took Gao.", "seendate": "20240102T100000Z"}, date(2024, 1, 2)),
        ({"article": "Rebels took Gao.", "timestamp": 1704189600}, date(2024, 1, 2)),
    ],
)
def test_fields_as_exports_name_them(tmp_path, record, expected):
    (tmp_path / "c.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    articles, errors = _read(tmp_path / "c.jsonl")
    assert errors == [] and _dates(articles) == {"c.jsonl:1": expected}
