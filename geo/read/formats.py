"""Reading articles from the sources a user names: files, folders, standard input.

:func:`read_sources` turns the paths a user names into :class:`Article`
records, one at a time, so a corpus larger than memory streams through.
A file is read by its suffix: ``.txt`` (one article, with a ``manifest.csv``
beside it for metadata), ``.jsonl``/``.ndjson``, ``.json`` and ``.csv``
(:mod:`geo.read.corpora`), ``.xml``/``.rss``/``.atom`` feeds and
``.html``/``.htm`` saved pages (:mod:`geo.read.web`). Standard input is
sniffed. A source that cannot be read yields an :class:`InputError` in place
of an article, so the caller reports it and goes on with the rest.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

from geo.errors import InputError
from geo.read.articles import dated_article, decode, with_sentences
from geo.read.corpora import read_csv, read_json, read_jsonl
from geo.read.options import InputFormat, ReadOptions
from geo.read.web import read_feed, read_page
from geo.records import Article

__all__ = ["ARTICLE_SUFFIXES", "read_sources", "sniff"]

ARTICLE_SUFFIXES = {
    ".txt": InputFormat.TEXT, ".jsonl": InputFormat.JSONL, ".ndjson": InputFormat.JSONL,
    ".json": InputFormat.JSON, ".csv": InputFormat.CSV, ".xml": InputFormat.FEED, ".rss": InputFormat.FEED,
    ".atom": InputFormat.FEED, ".html": InputFormat.HTML, ".htm": InputFormat.HTML,
}  # fmt: skip
MANIFEST = "manifest.csv"
# The list of files Frontline keeps in each folder it writes (geo.write.outputs): its own
# maps and tables are never read back as articles.
OUTPUT_MARKER = ".frontline"
_FEED_START = re.compile(r"(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.S | re.I)
_PAGE_START = re.compile(r"<(?:!doctype\s+html|html|head|body)\b", re.I)


def read_sources(
    sources: Iterable[str | Path],
    *,
    published: date | None = None,
    options: ReadOptions | None = None,
    stdin: io.TextIOBase | None = None,
    split: bool = True,
) -> Iterator[Article | InputError]:
    """Every article in ``sources``, in a stable order, or an error for each bad input.

    A source is a file, a folder (every article file inside, sorted,
    recursively; hidden files and folders, and Frontline's own output
    folders, left out), or ``-`` for standard input. ``published`` (or
    ``options.published``) dates the articles that carry no date of their
    own. ``split=False`` leaves sentence splitting to :func:`with_sentences`.
    """
    options = options or ReadOptions()
    if published is not None:
        options = replace(options, published=published)
    for item in _read_sources(sources, options, stdin):
        yield with_sentences(item) if split and isinstance(item, Article) else item


def _read_sources(sources, options: ReadOptions, stdin) -> Iterator[Article | InputError]:
    for source in sources:
        if str(source) == "-":
            stream = stdin if stdin is not None else sys.stdin
            yield from _guard("<stdin>", _read_stdin(stream.read(), options))
            continue
        path = Path(source)
        if path.is_dir():
            files = _folder_files(path)
            if not files:
                yield InputError(str(path), f"folder holds no articles ({', '.join(ARTICLE_SUFFIXES)})")
            for file in files:
                yield from _read_file(file, options, ARTICLE_SUFFIXES[file.suffix.lower()])
        elif path.is_file():
            kind = options.input_format
            if kind is InputFormat.AUTO:
                kind = ARTICLE_SUFFIXES.get(path.suffix.lower(), InputFormat.TEXT)
            yield from _read_file(path, options, kind)
        else:
            yield InputError(str(path), "no such file or folder")


def _folder_files(folder: Path) -> list[Path]:
    found = []
    for path in folder.rglob("*"):
        parts = path.relative_to(folder).parts
        if any(part.startswith(".") for part in parts) or not path.is_file():
            continue
        if path.suffix.lower() not in ARTICLE_SUFFIXES or path.name == MANIFEST:
            continue
        if any((parent / OUTPUT_MARKER).is_file() for parent in path.parents[: len(parts)]):
            continue
        found.append(path)
    return sorted(found)


def _read_file(path: Path, options: ReadOptions, kind: InputFormat) -> Iterator[Article | InputError]:
    where, name = str(path), path.name
    if kind is InputFormat.JSONL:
        yield from _guard(where, _jsonl_file(path, options))
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(where, f"cannot be read ({exc.strerror or exc})")
        return
    if kind is InputFormat.FEED:
        yield from _guard(where, _web(read_feed(data, where, name, options), where, "feed"))
    elif kind is InputFormat.HTML:
        yield from _guard(where, _web(read_page(data, where, name, options), where, "web page"))
    elif kind is InputFormat.JSON:
        yield from _guard(where, _decoded(data, where, name, options, read_json))
    elif kind is InputFormat.CSV:
        yield from _guard(where, _decoded(data, where, name, options, read_csv))
    else:
        yield from _guard(where, _text_file(path, data, options))


def _decoded(data: bytes, where: str, name: str, options: ReadOptions, reader) -> Iterator[Article | InputError]:
    text = decode(data, where)
    if not text.strip():
        raise InputError(where, "file is empty")
    yield from reader(text, where, name, options)


def _jsonl_file(path: Path, options: ReadOptions) -> Iterator[Article | InputError]:
    with path.open("rb") as stream:
        yield from read_jsonl(stream, str(path), path.name, options)


def _text_file(path: Path, data: bytes, options: ReadOptions) -> Iterator[Article | InputError]:
    text = decode(data, str(path))
    line, meta = _manifest(path.parent).get(path.name, (0, {}))
    yield from _from_text(text, path.name, str(path), options, meta,
                          where=f"{path.parent / MANIFEST}:{line}: {path.name}: published")


def _from_text(text: str, id: str, source: str, options: ReadOptions, meta: dict | None = None,
               where: str | None = None) -> Iterator[Article | InputError]:
    if not text.strip():
        raise InputError(source, "file is empty")
    meta = meta or {}
    yield from dated_article(text, id, source=source, given=meta.get("published"), given_from="manifest",
                             where=where, title=meta.get("title") or "", url=meta.get("url") or "",
                             published=options.published, order=options.order)


def sniff(text: str) -> InputFormat:
    """What standard input holds: JSON Lines, JSON, a feed, a web page, or plain text.

    >>> [sniff(t).value for t in ['{"text": "a"}\\n{"text": "b"}', '[{"text": "a"}]', "<rss>", "Rebels took Gao."]]
    ['jsonl', 'json', 'feed', 'text']
    """
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith("{"):  # one object a line, or one object (over one line or many)
        first, _, rest = head.partition("\n")
        if not rest.strip():
            return InputFormat.JSON
        try:
            json.loads(first)
        except ValueError:
            return InputFormat.JSON
        return InputFormat.JSONL
    if re.match(r"\[\s*[{\]]", head):
        return InputFormat.JSON
    if head.startswith("<") and _FEED_START.match(head[:4096]):
        return InputFormat.FEED
    if head.startswith("<") and _PAGE_START.search(head[:4096]):
        return InputFormat.HTML
    return InputFormat.TEXT


def _read_stdin(text: str, options: ReadOptions) -> Iterator[Article | InputError]:
    kind = options.input_format if options.input_format is not InputFormat.AUTO else sniff(text)
    where, name = "<stdin>", "stdin"
    if kind is InputFormat.JSONL:
        yield from read_jsonl(text.splitlines(), where, name, options)
    elif kind is InputFormat.JSON:
        yield from read_json(text, where, name, options)
    elif kind is InputFormat.CSV:
        yield from read_csv(text, where, name, options)
    elif kind is InputFormat.FEED:
        yield from _web(read_feed(text.encode("utf-8"), where, name, options), where, "feed")
    elif kind is InputFormat.HTML:
        yield from _web(read_page(text.encode("utf-8"), where, name, options), where, "web page")
    else:
        yield from _from_text(text, name, where, options)


def _guard(source: str, articles: Iterator[Article | InputError]) -> Iterator[Article | InputError]:
    """Turn an unexpected read failure part way through a source into an error item."""
    try:
        yield from articles
    except InputError as exc:
        yield exc
    except (OSError, UnicodeDecodeError, csv.Error, RecursionError) as exc:
        yield InputError(source, f"cannot be read ({exc.__class__.__name__}: {exc})")


def _web(articles: Iterator[Article | InputError], where: str, kind: str) -> Iterator[Article | InputError]:
    """A feed or page that its parsers (feedparser, trafilatura, lxml) fail on is an error item.

    They read markup from anywhere, and may fail in ways of their own: one
    such file must not end the run.
    """
    try:
        yield from articles
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - any parser failure on one file is that file's error
        yield InputError(where, f"cannot be read as a {kind} ({exc.__class__.__name__}: {exc})")


def _manifest(folder: Path) -> dict[str, tuple[int, dict]]:
    """``manifest.csv`` beside text files: file name -> (line, row)."""
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    reader = csv.DictReader(io.StringIO(decode(path.read_bytes(), str(path)), newline=""))
    rows, line = {}, 1
    for row in reader:
        if row.get("file"):
            rows[row["file"]] = (line + 1, row)
        line = reader.line_num
    return rows
