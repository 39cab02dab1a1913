"""Corpora of records: JSON Lines (NDJSON), JSON and CSV, with the columns exports give them.

Each record is one article: its text, and optionally an id, a publication
date, a title and a URL, under any of the names listed in
``geo/lexicon/inputs.toml`` (compared without regard to case, spaces,
hyphens or camelCase) or named by the user (:class:`ReadOptions`). A bad
record is an :class:`InputError` naming the file and line, and the other
records are still read.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from geo.errors import InputError
from geo.lexicon import load as load_lexicon
from geo.read.articles import dated_article, decode
from geo.read.options import ReadOptions
from geo.records import Article

__all__ = ["Fields", "field_key", "read_csv", "read_json", "read_jsonl", "resolve_fields"]

MAX_FIELD = 64 * 1024 * 1024
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_SEPARATORS = re.compile(r"[\s\-.]+")


def field_key(name: str) -> str:
    """The form a column or key name is compared in.

    >>> [field_key(n) for n in ("Publish_Date", "publishedAt", "Full Text", " URL ")]
    ['publish_date', 'published_at', 'full_text', 'url']
    """
    return _SEPARATORS.sub("_", _CAMEL.sub("_", name.strip())).casefold()


@dataclass(frozen=True, slots=True)
class Fields:
    """The names, as the file spells them, of the fields that hold each part of an article."""

    text: str | None
    published: str | None = None
    id: str | None = None
    title: str | None = None
    url: str | None = None


@cache
def _aliases() -> dict[str, tuple[str, ...]]:
    return {role: tuple(names) for role, names in load_lexicon("inputs")["columns"].items()}


def resolve_fields(names: Sequence[str], options: ReadOptions = ReadOptions()) -> Fields:
    """Which of ``names`` holds the text, date, id, title and URL: the user's choice, else the first alias present.

    >>> resolve_fields(["Content", "Publish_Date", "Link"])
    Fields(text='Content', published='Publish_Date', id=None, title=None, url='Link')
    """
    by_key: dict[str, str] = {}
    for name in names:
        by_key.setdefault(field_key(name), name)
    chosen = {"text": options.text_column, "published": options.date_column, "id": options.id_column}
    found = {}
    for role, aliases in _aliases().items():
        wanted = chosen.get(role)
        if wanted is not None:
            found[role] = wanted if wanted in names else by_key.get(field_key(wanted))
        else:
            found[role] = next((by_key[a] for a in aliases if a in by_key), None)
    return Fields(**found)


def _no_text(names: Sequence[str], options: ReadOptions, noun: str = "field") -> str:
    shown = ", ".join(map(repr, names)) or "none"
    if options.text_column:
        return f"has no {noun} {options.text_column!r} (--text-column); its {noun}s are {shown}"
    known = ", ".join(map(repr, _aliases()["text"]))
    return f"has no text {noun} (looked for {known}); its {noun}s are {shown}: name one with --text-column"


def _missing_choices(fields: Fields, options: ReadOptions, names: Sequence[str]) -> list[str]:
    missing = [(flag, wanted) for flag, wanted, got in (
        ("--date-column", options.date_column, fields.published), ("--id-column", options.id_column, fields.id))
        if wanted and got is None]  # fmt: skip
    shown = ", ".join(map(repr, names))
    return [f"has no column {wanted!r} ({flag}); its columns are {shown}" for flag, wanted in missing]


def _from_record(record: dict, fields: Fields, where: str, fallback_id: str,
                 options: ReadOptions) -> Iterator[Article | InputError]:
    text = record.get(fields.text) if fields.text else None
    name = fields.text or "text"
    if text is None:
        yield InputError(where, f"has no {name!r} field")
    elif not isinstance(text, str):
        yield InputError(where, f"{name!r} must be a string, got {type(text).__name__}")
    elif not text.strip():
        yield InputError(where, f"{name!r} is empty")
    else:
        ident = record.get(fields.id) if fields.id else None
        given = record.get(fields.published) if fields.published else None
        yield from dated_article(
            text, str(ident) if ident not in (None, "") else fallback_id, source=where, given=given,
            where=f"{where}: {fields.published}", title=_string(record, fields.title),
            url=_string(record, fields.url), published=options.published, order=options.order,
        )  # fmt: skip


def _string(record: dict, key: str | None) -> str:
    value = record.get(key) if key else None
    return "" if value is None or isinstance(value, (dict, list)) else str(value)


def _from_object(record, where: str, fallback_id: str, options: ReadOptions,
                 seen: dict) -> Iterator[Article | InputError]:
    if not isinstance(record, dict):
        yield InputError(where, f"an article must be a JSON object, got {type(record).__name__}")
        return
    keys = tuple(record)
    if keys not in seen:
        seen[keys] = resolve_fields(keys, options)
        if seen[keys].text is not None:  # a column the user named and these records lack: said once
            yield from (InputError(where, problem) for problem in _missing_choices(seen[keys], options, keys))
    fields = seen[keys]
    if fields.text is None:
        yield InputError(where, _no_text(keys, options))
        return
    yield from _from_record(record, fields, where, fallback_id, options)


def read_jsonl(lines: Iterable[bytes | str], where: str, name: str,
               options: ReadOptions = ReadOptions()) -> Iterator[Article | InputError]:
    """One article per line of JSON Lines (NDJSON); a bad line is an error naming it."""
    seen: dict = {}
    for number, raw in enumerate(lines, 1):
        at = f"{where}:{number}"
        if not raw.strip():
            continue
        try:
            record = json.loads(decode(raw, at) if isinstance(raw, bytes) else raw)
        except json.JSONDecodeError as exc:
            yield InputError(at, f"not valid JSON ({exc.msg})")
            continue
        except InputError as exc:
            yield exc
            continue
        yield from _from_object(record, at, f"{name}:{number}", options, seen)


def read_json(text: str, where: str, name: str, options: ReadOptions = ReadOptions()) -> Iterator[Article | InputError]:
    """The articles of a JSON document: an array of objects, one object, or an object holding a list of them.

    A file of several JSON values, one a line, is read as JSON Lines.
    """
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            yield from read_jsonl(text.splitlines(), where, name, options)
            return
        raise InputError(f"{where}:{exc.lineno}", f"not valid JSON ({exc.msg}, column {exc.colno})") from None
    if isinstance(document, dict) and resolve_fields(tuple(document), options).text is None:
        containers = [k for k in load_lexicon("inputs")["json"]["containers"] if isinstance(document.get(k), list)]
        if not containers:
            raise InputError(where, _no_text(tuple(document), options) + " and no list of articles")
        document = document[containers[0]]
    items = document if isinstance(document, list) else [document]
    seen: dict = {}
    for number, item in enumerate(items, 1):
        yield from _from_object(item, f"{where}: item {number}", f"{name}:{number}", options, seen)


def read_csv(text: str, where: str, name: str, options: ReadOptions = ReadOptions()) -> Iterator[Article | InputError]:
    """One article per row of a CSV file; the delimiter (``,`` ``;`` tab ``|``) is sniffed from its header line."""
    csv.field_size_limit(MAX_FIELD)
    header_line = text.split("\n", 1)[0]
    try:
        delimiter = csv.Sniffer().sniff(header_line, delimiters=",;\t|").delimiter
    except csv.Error:  # one column, or nothing to tell the delimiter by
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, None)
    if not header or not any(h.strip() for h in header):
        raise InputError(where, "CSV has no header line")
    names = [h.strip() for h in header]
    fields = resolve_fields(names, options)
    if fields.text is None:
        raise InputError(where, "CSV " + _no_text(names, options, "column"))
    for problem in _missing_choices(fields, options, names):
        yield InputError(where, "CSV " + problem)
    line = reader.line_num
    for row in reader:
        at, line = f"{where}:{line + 1}", reader.line_num
        if not row or not any(cell.strip() for cell in row):
            continue
        if len(row) != len(names):
            yield InputError(at, f"row has {len(row)} fields, the header {len(names)}")
            continue
        yield from _from_record(dict(zip(names, row)), fields, at, f"{name}:{at.rsplit(':', 1)[1]}", options)
