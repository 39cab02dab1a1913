"""Reading articles: text files, folders, JSON Lines and CSV corpora, stdin.

:func:`read_sources` turns the paths a user names into :class:`Article`
records, one at a time, so a corpus larger than memory streams through.
A source that cannot be read yields an :class:`InputError` in place of an
article, so the caller reports it and goes on with the rest.

:func:`make_article` does the text work shared by every format: the
optional date header line, the dateline, paragraphs kept once each and
sentences with offsets.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path

from geo.errors import InputError
from geo.lexicon import load as load_lexicon
from geo.records import Article, Sentence

__all__ = ["by_sentence", "make_article", "parse_date", "read_sources", "split_sentences", "with_sentences", "ARTICLE_SUFFIXES"]

ARTICLE_SUFFIXES = (".txt", ".jsonl", ".csv")
MANIFEST = "manifest.csv"
MAX_FIELD = 64 * 1024 * 1024

# "06/21/2014 08:53 EDT | Updated 08/21/2014 05:59 EDT": the first date is the
# publication date; an "Updated" date never is.
_HEADER = re.compile(
    r"^\s*(?P<date>\d{1,2}/\d{1,2}/\d{3,}|\d{3,}-\d{1,2}-\d{1,2})\b[^\n|]*(?:\|[^\n]*)?$"
)
# "KHAZNA, IRAQ —" or "BAGHDAD (AP) --": capitals, then a dash.
_DATELINE = re.compile(r"^\s*(?P<place>[A-Z][A-Z'’.\- ]+?)(?:,\s*[A-Z][A-Z'’.\- ]+)?\s*(?:\([^)]*\))?\s*(?:—|–|--|-)")
_BOUNDARY = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘(]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"(\S+)$")
_INITIALS = re.compile(r"^(?:[A-Za-z]\.)*[A-Za-z]$")


def parse_date(text: str, *, source: str = "date") -> date:
    """A calendar date from ``YYYY-MM-DD`` or ``MM/DD/YYYY``; :class:`InputError` otherwise.

    >>> parse_date("06/21/2014")
    datetime.date(2014, 6, 21)
    """
    text = text.strip()
    match = re.fullmatch(r"(\d{3,})-(\d{1,2})-(\d{1,2})", text) or re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{3,})", text)
    if not match:
        raise InputError(source, f"{text!r} is not a date (expected YYYY-MM-DD)")
    a, b, c = (int(g) for g in match.groups())
    year, month, day = (a, b, c) if len(match.group(1)) >= 3 else (c, a, b)
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise InputError(source, f"{text!r} is not a valid date ({exc})") from None


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of the sentences of ``text[start:end]``, stripped of spaces.

    >>> s = "Gen. Ali spoke. Troops left the U.S. base. Then rain."
    >>> [s[a:b] for a, b in split_sentences(s)]
    ['Gen. Ali spoke.', 'Troops left the U.S. base.', 'Then rain.']
    """
    end = len(text) if end is None else end
    abbreviations = _abbreviations()
    spans, begin = [], start
    for match in _BOUNDARY.finditer(text, start, end):
        if text[match.start()] == ".":
            word = _WORD_BEFORE.search(text, begin, match.start())
            token = word.group(1).lstrip("\"“‘(").casefold() if word else ""
            if token in abbreviations or _INITIALS.match(token):
                continue
        spans.append((begin, match.start() + len(match.group().rstrip())))
        begin = match.end()
    spans.append((begin, end))
    return [(a, b) for a, b in (_strip(text, a, b) for a, b in spans) if b > a]


def by_sentence(article: Article, items: Iterable) -> list[list]:
    """``items`` (anything with ``start``/``end``, in sentence order) grouped by the sentence holding them.

    One linear sweep, so per-sentence work stays linear in the article's length.
    Items outside every sentence (in a repeated paragraph) are dropped.

    >>> from geo.records import Mention
    >>> a = make_article("Rebels took Idlib. Troops held Hama.", "x")
    >>> [[m.surface for m in group] for group in by_sentence(a, [Mention("x", 12, 17, "Idlib"), Mention("x", 31, 35, "Hama")])]
    [['Idlib'], ['Hama']]
    """
    sentences = article.sentences
    groups: list[list] = [[] for _ in sentences]
    index = 0
    for item in items:
        while index < len(sentences) and item.start >= sentences[index].end:
            index += 1
        if index == len(sentences):
            break
        if sentences[index].start <= item.start and item.end <= sentences[index].end:
            groups[index].append(item)
    return groups


def make_article(
    text: str,
    id: str,
    *,
    source: str = "",
    title: str = "",
    url: str = "",
    published: date | None = None,
    published_from: str = "",
    strict_header: bool = True,
    split: bool = True,
) -> Article:
    """An :class:`Article` from raw text, with header date, dateline, paragraphs and sentences.

    A date header on the first line gives ``published`` unless one is passed
    in; an impossible header date raises :class:`InputError`, or with
    ``strict_header=False`` leaves the article undated. Each line is a
    paragraph; a paragraph whose text was seen before in the article is
    skipped, and counted in ``repeated_paragraphs``. With ``split=False`` the
    sentences are left for :func:`with_sentences` (e.g. in a worker process).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = _lines(text)
    body = lines
    if lines and (header := _HEADER.match(text, lines[0][0], lines[0][1])):
        body = lines[1:]
        if published is None:
            try:
                published = parse_date(header.group("date"), source=f"{source or id}: header")
                published_from = "header"
            except InputError:
                if strict_header:
                    raise
    dateline = ""
    if body and (match := _DATELINE.match(text, body[0][0], body[0][1])):
        dateline = match.group("place").strip().title()
    paragraphs, seen, repeats = [], set(), 0
    for start, end in body:
        key = " ".join(text[start:end].split()).casefold()
        if key in seen:
            repeats += 1
            continue
        seen.add(key)
        paragraphs.append((start, end))
    if not title and body and _looks_like_title(text[body[0][0] : body[0][1]]) and not dateline:
        title = text[body[0][0] : body[0][1]].strip()
    article = Article(
        id=id,
        text=text,
        source=source,
        title=title,
        url=url,
        published=published,
        published_from=published_from if published else "",
        dateline=dateline,
        paragraphs=tuple(paragraphs),
        repeated_paragraphs=repeats,
    )
    return with_sentences(article) if split else article


def with_sentences(article: Article) -> Article:
    """``article`` with its sentences, split from its paragraphs if it has none yet.

    >>> a = make_article("Rebels took Idlib. Troops held Hama.", "x", split=False)
    >>> len(a.sentences), len(with_sentences(a).sentences)
    (0, 2)
    """
    if article.sentences or not article.paragraphs:
        return article
    text = article.text
    sentences = tuple(
        Sentence(a, b, text[a:b], index)
        for index, (start, end) in enumerate(article.paragraphs)
        for a, b in split_sentences(text, start, end)
    )
    return replace(article, sentences=sentences)


def read_sources(
    sources: Iterable[str | Path],
    *,
    published: date | None = None,
    stdin: io.TextIOBase | None = None,
    split: bool = True,
) -> Iterator[Article | InputError]:
    """Every article in ``sources``, in a stable order, or an error for each bad input.

    A source is a text, ``.jsonl`` or ``.csv`` file, a folder (every such
    file inside, sorted, recursively), or ``-`` for standard input. A
    ``manifest.csv`` beside text files supplies their metadata. ``published``
    dates the articles that carry no date of their own. ``split=False``
    leaves sentence splitting to :func:`with_sentences`.
    """
    for item in _read_sources(sources, published, stdin):
        yield with_sentences(item) if split and isinstance(item, Article) else item


def _read_sources(sources, published: date | None, stdin) -> Iterator[Article | InputError]:
    for source in sources:
        if str(source) == "-":
            stream = stdin if stdin is not None else sys.stdin
            yield from _guard("<stdin>", _from_text(stream.read(), "stdin", "<stdin>", {}, published))
            continue
        path = Path(source)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES and p.name != MANIFEST)
            if not files:
                yield InputError(str(path), "folder holds no .txt, .jsonl or .csv articles")
            for file in files:
                yield from _read_file(file, published)
        elif path.is_file():
            yield from _read_file(path, published)
        else:
            yield InputError(str(path), "no such file or folder")


def _read_file(path: Path, published: date | None) -> Iterator[Article | InputError]:
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _guard(str(path), _from_jsonl(path, published))
    elif suffix == ".csv":
        yield from _guard(str(path), _from_csv(path, published))
    else:
        try:
            text = _decode(path.read_bytes(), str(path))
            meta = _manifest(path.parent).get(path.name, {})
            yield from _from_text(text, path.name, str(path), meta, published)
        except InputError as exc:
            yield exc
        except OSError as exc:
            yield InputError(str(path), f"cannot be read ({exc.strerror or exc})")


def _guard(source: str, articles: Iterator[Article | InputError]) -> Iterator[Article | InputError]:
    """Turn an unexpected read failure part way through a corpus into an error item."""
    try:
        yield from articles
    except InputError as exc:
        yield exc
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        yield InputError(source, f"cannot be read ({exc})")


def _from_text(text: str, id: str, source: str, meta: dict, published: date | None) -> Iterator[Article | InputError]:
    if not text.strip():
        raise InputError(source, "file is empty")
    yield from _article(text, id, source, meta.get("published"), "manifest", meta.get("title", ""),
                        meta.get("url", ""), published)


def _article(text: str, id: str, source: str, given: str | None, given_from: str, title: str, url: str,
             published: date | None) -> Iterator[Article | InputError]:
    """The article, preceded by an error where a date it carries is bad: the text is never lost."""
    when = None
    if given:
        try:
            when = parse_date(str(given), source=f"{source}: {given_from} published")
        except InputError as exc:
            yield exc
    try:
        article = make_article(text, id, source=source, title=title, url=url, published=when,
                               published_from=given_from if when else "", split=False)
    except InputError as exc:
        yield exc
        article = make_article(text, id, source=source, title=title, url=url, strict_header=False, split=False)
    yield _with_default_date(article, published)


def _from_jsonl(path: Path, published: date | None) -> Iterator[Article | InputError]:
    with path.open("rb") as stream:
        for number, raw in enumerate(stream, 1):
            where = f"{path}:{number}"
            if not raw.strip():
                continue
            try:
                record = json.loads(_decode(raw, where))
            except json.JSONDecodeError as exc:
                yield InputError(where, f"not valid JSON ({exc.msg})")
                continue
            except InputError as exc:
                yield exc
                continue
            if not isinstance(record, dict):
                yield InputError(where, "a JSON Lines article must be an object")
                continue
            yield from _from_record(record, where, f"{path.name}:{number}", published)


def _from_csv(path: Path, published: date | None) -> Iterator[Article | InputError]:
    csv.field_size_limit(MAX_FIELD)
    text = _decode(path.read_bytes(), str(path))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames or "text" not in reader.fieldnames:
        raise InputError(str(path), f"CSV needs a 'text' column, has {reader.fieldnames!r}")
    for number, row in enumerate(reader, 2):
        where = f"{path}:{number}"
        if None in row or any(value is None for value in row.values()):
            yield InputError(where, "row has a different number of fields than the header")
            continue
        yield from _from_record(row, where, f"{path.name}:{number}", published)


def _from_record(record: dict, where: str, fallback_id: str, published: date | None) -> Iterator[Article | InputError]:
    text = record.get("text")
    if text is None:
        yield InputError(where, "has no 'text' field")
    elif not isinstance(text, str):
        yield InputError(where, f"'text' must be a string, got {type(text).__name__}")
    elif not text.strip():
        yield InputError(where, "'text' is empty")
    else:
        yield from _article(text, str(record.get("id") or fallback_id), where, record.get("published"), "field",
                            str(record.get("title") or ""), str(record.get("url") or ""), published)


def _with_default_date(article: Article, published: date | None) -> Article:
    if article.published is not None or published is None:
        return article
    return make_article(article.text, article.id, source=article.source, title=article.title,
                        url=article.url, published=published, published_from="option", split=False)


def _decode(data: bytes, source: str) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if b"\x00" in data:
        raise InputError(source, "holds NUL bytes: a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    if text.count("\ufffd") > max(8, len(text) // 100):
        raise InputError(source, "is neither UTF-8 nor Windows-1252 text")
    return text


def _manifest(folder: Path) -> dict[str, dict]:
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    rows = csv.DictReader(io.StringIO(_decode(path.read_bytes(), str(path)), newline=""))
    return {row["file"]: row for row in rows if row.get("file")}


def _lines(text: str) -> list[tuple[int, int]]:
    spans, offset = [], 0
    for line in text.split("\n"):
        a, b = _strip(text, offset, offset + len(line))
        if b > a:
            spans.append((a, b))
        offset += len(line) + 1
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _looks_like_title(line: str) -> bool:
    return len(line) <= 120 and not line.rstrip().endswith((".", "?", "!", '"', "”"))


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(load_lexicon("abbreviations")["abbreviations"])
