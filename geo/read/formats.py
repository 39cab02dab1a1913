"""Reading articles: text files, folders, JSON Lines and CSV corpora, stdin.

:func:`read_sources` turns the paths a user names into :class:`Article`
records, one at a time, so a corpus larger than memory streams through.
A source that cannot be read yields an :class:`InputError` in place of an
article, so the caller reports it and goes on with the rest.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from geo.errors import InputError
from geo.read.articles import make_article, parse_date, with_sentences
from geo.records import Article

__all__ = ["read_sources", "ARTICLE_SUFFIXES"]

ARTICLE_SUFFIXES = (".txt", ".jsonl", ".csv")
MANIFEST = "manifest.csv"
MAX_FIELD = 64 * 1024 * 1024


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
