"""Reading articles: formats, headers, datelines, repeats, sentences, bad input."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest

from geo.read.articles import make_article, split_sentences
from geo.read.formats import read_sources
from geo.read.published import parse_published
from geo.errors import InputError
from geo.records import Article


def _articles(items):
    return [item for item in items if isinstance(item, Article)]


def _errors(items):
    return [str(item) for item in items if isinstance(item, InputError)]


def test_header_gives_publication_date_not_update_date():
    article = make_article("03/22/2016 10:00 EST | Updated 05/09/2016 11:00 EDT\n\nTroops entered Ramadi.", "a")
    assert article.published == date(2016, 3, 22)
    assert article.published_from == "header"
    assert [s.text for s in article.sentences] == ["Troops entered Ramadi."]


def test_dateline_is_recorded_and_its_text_kept_for_mentions():
    article = make_article("SIRTE, LIBYA —\nGovernment forces pushed into the port on Sunday.", "b")
    assert article.dateline == "Sirte"
    assert article.published is None
    assert article.sentences[0].text == "SIRTE, LIBYA —"


@pytest.mark.parametrize(
    "text, dateline",
    [
        ("GOMA, Congo —\nRebels advanced.", "Goma"),
        ("KYIV, Ukraine (Reuters) - Troops advanced.", "Kyiv"),
        ("2022-09-10\nKHARKIV, Ukraine — Troops advanced.", "Kharkiv"),
        ("\n\nADEN, Yemen -- Troops advanced.", "Aden"),
        ("Rebels said - on Friday - they advanced.", ""),
        ("GAO, Mali said on Friday that - troops advanced.", ""),
        # below a title and the article's address
        ("2023-08-08\nFano fighters seize Lalibela\nhttps://example.org/lalibela\n\nADDIS ABABA (Reuters) - Fano took it.",
         "Addis Ababa"),
        ("Rebels take Kidal\n\nBAMAKO, Mali (AFP) - Rebels took Kidal.", "Bamako"),
        ("Rebels take Kidal\nRebels took Kidal.\nBAMAKO - a line that is no dateline.", ""),
    ],
)
def test_datelines_as_wires_write_them(text, dateline):
    assert make_article(text, "d").dateline == dateline


def test_a_text_files_title_and_address_lines_are_its_title_and_url_not_its_text():
    text = ("unknown\nTaliban take Kunduz after long siege\nhttps://example.org/2015/09/taliban-take-kunduz\n\n"
            "KUNDUZ, Afghanistan (AP) - Taliban fighters overran the city.")
    article = make_article(text, "k.txt")
    assert article.published is None
    assert (article.title, article.url, article.dateline) == (
        "Taliban take Kunduz after long siege", "https://example.org/2015/09/taliban-take-kunduz", "Kunduz")
    assert [s.text for s in article.sentences] == [
        "Taliban take Kunduz after long siege", "KUNDUZ, Afghanistan (AP) - Taliban fighters overran the city."]
    given = make_article("Headline here\nhttps://a.org/x\n\nText.", "g.txt", url="https://b.org/y")
    assert given.url == "https://b.org/y"


def test_repeated_paragraphs_are_read_once():
    text = "Rebels held Idlib.\nShelling went on.\nRebels held Idlib.\nShelling  went on.\nA new line."
    article = make_article(text, "c")
    assert [s.text for s in article.sentences] == ["Rebels held Idlib.", "Shelling went on.", "A new line."]
    assert article.repeated_paragraphs == 2
    for sentence in article.sentences:
        assert article.text[sentence.start : sentence.end] == sentence.text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Maj. Gen. Saleh spoke in Aden. Houthis withdrew.", ["Maj. Gen. Saleh spoke in Aden.", "Houthis withdrew."]),
        ("The U.N. envoy left. Talks ended.", ["The U.N. envoy left.", "Talks ended."]),
        ('He said "the city fell." Then he left.', ['He said "the city fell."', "Then he left."]),
        ("Fighting since Jan. 3 in Kharkiv. It eased.", ["Fighting since Jan. 3 in Kharkiv.", "It eased."]),
        ("Troops moved 30 km. west of the town.", ["Troops moved 30 km. west of the town."]),
    ],
)
def test_sentence_splitting(text, expected):
    assert [text[a:b] for a, b in split_sentences(text)] == expected


@pytest.mark.parametrize("text", ["2014-02-30", "20140-01-01", "13/45/2014", "yesterday", ""])
def test_bad_dates_are_input_errors(text):
    with pytest.raises(InputError, match="date"):
        parse_published(text, source="--published")


def test_folder_with_manifest_jsonl_csv_and_bad_neighbours(tmp_path):
    (tmp_path / "a.txt").write_text("Fighters stormed Marib on Monday.", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,published,title\na.txt,2021-02-08,Marib\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02abc")
    lines = [
        json.dumps({"id": "j1", "text": "RSF fighters entered Wad Madani.", "published": "2023-12-18"}),
        "{not json",
        json.dumps({"id": "j3", "title": "no text"}),
        json.dumps({"id": "j4", "text": 42}),
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "feed.csv").write_text('id,text,published\nc1,"Troops retook Sirte.",2016-12-06\nc2,"ragged"\n',
                                       encoding="utf-8")
    items = list(read_sources([tmp_path]))
    articles = {a.id: a for a in _articles(items)}
    assert set(articles) == {"a.txt", "j1", "c1"}
    assert articles["a.txt"].published == date(2021, 2, 8) and articles["a.txt"].published_from == "manifest"
    assert articles["a.txt"].title == "Marib"
    assert articles["j1"].published == date(2023, 12, 18) and articles["j1"].published_from == "field"
    errors = _errors(items)
    assert any("empty.txt" in e and "empty" in e for e in errors)
    assert any("binary.txt" in e and "NUL" in e for e in errors)
    assert any("feed.jsonl:2" in e and "JSON" in e for e in errors)
    assert any("feed.jsonl:3" in e and "'text'" in e for e in errors)
    assert any("feed.jsonl:4" in e and "string" in e for e in errors)
    assert any("feed.csv:3" in e for e in errors)


def test_published_option_dates_only_undated_articles(tmp_path):
    (tmp_path / "dated.txt").write_text("2022-03-01\nShelling hit Kharkiv.", encoding="utf-8")
    (tmp_path / "undated.txt").write_text("Shelling hit Kharkiv.", encoding="utf-8")
    articles = {a.id: a for a in _articles(read_sources([tmp_path], published=date(2022, 3, 5)))}
    assert articles["dated.txt"].published == date(2022, 3, 1)
    assert articles["undated.txt"].published == date(2022, 3, 5)
    assert articles["undated.txt"].published_from == "option"


def test_published_option_never_stands_in_for_a_date_that_could_not_be_read(tmp_path):
    (tmp_path / "header.txt").write_text("03/04/2024 10:00 GMT\nShelling hit Kharkiv.", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text('{"id": "f", "text": "Shelling hit Kharkiv.", "date": "2024-13-01"}\n',
                                      encoding="utf-8")
    items = list(read_sources([tmp_path], published=date(2022, 3, 5)))
    assert {a.id: a.published for a in _articles(items)} == {"f": None, "header.txt": None}
    assert len(_errors(items)) == 2


def test_undated_article_stays_undated(tmp_path):
    (tmp_path / "x.txt").write_text("Shelling hit Kharkiv on Friday.", encoding="utf-8")
    (article,) = _articles(read_sources([tmp_path]))
    assert article.published is None and article.published_from == ""


@pytest.mark.parametrize(
    "data",
    [
        "Houthis took Hodeidah’s port.".encode("utf-8-sig"),
        "Houthis took Hodeidah’s port.".encode("utf-16"),
        "Houthis took Hodeidah’s port.".encode("cp1252"),
    ],
    ids=["utf8-bom", "utf16", "cp1252"],
)
def test_encodings_are_decoded_not_mangled(tmp_path, data):
    (tmp_path / "x.txt").write_bytes(data)
    (article,) = _articles(read_sources([tmp_path / "x.txt"]))
    assert article.text == "Houthis took Hodeidah’s port."


def test_mixed_line_endings_and_stdin():
    items = list(read_sources(["-"], stdin=io.StringIO("Kobani held.\r\nRaqqa fell.\rDeir ez-Zor next.\n")))
    (article,) = _articles(items)
    assert [s.text for s in article.sentences] == ["Kobani held.", "Raqqa fell.", "Deir ez-Zor next."]
    assert article.id == "stdin"


def test_missing_path_and_empty_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    errors = _errors(read_sources([tmp_path / "nope.txt", tmp_path / "empty"]))
    assert errors == [f"{tmp_path / 'nope.txt'}: no such file or folder",
                      f"{tmp_path / 'empty'}: folder holds no articles (.txt, .jsonl, .ndjson, .json, .csv, .xml, "
                      ".rss, .atom, .html, .htm)"]


def test_articles_read_unsplit_are_the_same_once_split(tmp_path, seeds_dir):
    """The process engine splits sentences in its workers: the articles must not differ for it."""
    from geo.read.articles import with_sentences

    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "a", "text": "Rebels took Idlib. Troops held Hama.\\nRebels took Idlib.", "published": "2018-06-01"}\n'
                      '{"id": "b", "text": ""}\n', encoding="utf-8")
    split = list(read_sources([seeds_dir, corpus]))
    unsplit = list(read_sources([seeds_dir, corpus], split=False))
    assert [type(item) for item in unsplit] == [type(item) for item in split]
    assert all(not item.sentences for item in unsplit if not isinstance(item, Exception))
    assert [with_sentences(item) if not isinstance(item, Exception) else str(item) for item in unsplit] == [
        item if not isinstance(item, Exception) else str(item) for item in split]


def test_hard_wrapped_lines_are_one_paragraph_but_a_title_line_is_not():
    text = "Rebels retreat after seizing a town\n\nRebels seized the centre of the\ntown on Saturday, then left.\nA new line."
    article = make_article(text, "wrap.txt")
    assert [s.text for s in article.sentences] == [
        "Rebels retreat after seizing a town", "Rebels seized the centre of the\ntown on Saturday, then left.", "A new line."]
