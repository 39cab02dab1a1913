"""Dates of publication as sources write them.

:func:`parse_published` reads a publication date from a header line, a
JSON/CSV field, a feed entry, a manifest or ``--published``: ISO 8601 dates
and timestamps with or without an offset, RFC 2822 (``Sat, 30 Nov 2024
20:10:00 GMT``), worded dates (``Dec 19, 2023``, ``19 December 2023``), Unix
times. The date of a timestamp is its calendar date in its own offset: the
date it was written with, never converted. python-dateutil does the parsing;
this module only decides what may be read without guessing. A numeric date
whose day and month could be swapped (``03/04/2024``) is read only with a
:class:`DayOrder`; otherwise it is an :class:`InputError`.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from enum import Enum
from functools import cache

from dateutil import parser as dateutil

from geo.errors import InputError
from geo.lexicon import load as load_lexicon

__all__ = ["DayOrder", "parse_published"]

EXPECTED = "expected e.g. 2024-02-17, 2024-02-17T09:30:00Z, 17 February 2024 or Sat, 17 Feb 2024 09:30:00 GMT"
# day/month/year or month/day/year, with / . or - between, then anything (a time, a zone).
_NUMERIC = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{2,})(?=$|[\sT,])")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:$|T|\s)")
_YEAR_FIRST = re.compile(r"(\d{4})([/.])(\d{1,2})\2(\d{1,2})(?=$|[\sT,])")  # 2024/03/04: year, month, day
_UNIX = re.compile(r"\d{9,10}|\d{12,13}")
_WORD = re.compile(r"[^\W\d_]+")
_FIRST, _SECOND = datetime(1, 1, 1), datetime(2, 2, 2)


class DayOrder(str, Enum):
    """How to read a numeric date whose first two numbers could each be the day."""

    DAY_FIRST = "dayfirst"
    MONTH_FIRST = "monthfirst"


def parse_published(value, *, source: str = "date", order: DayOrder | None = None) -> date:
    """The calendar date ``value`` gives, in its own offset; :class:`InputError` if it gives none.

    >>> parse_published("2024-02-17T23:30:00-05:00")  # 04:30 UTC on the 18th, but the 17th where it was written
    datetime.date(2024, 2, 17)
    >>> parse_published("Sat, 30 Nov 2024 20:10:00 GMT"), parse_published("Dec 19, 2023")
    (datetime.date(2024, 11, 30), datetime.date(2023, 12, 19))
    >>> parse_published("06/21/2014 08:53 EDT")  # only one reading is a date
    datetime.date(2014, 6, 21)
    >>> parse_published("03/04/2024", order=DayOrder.DAY_FIRST)
    datetime.date(2024, 4, 3)
    >>> parse_published("03/04/2024", source="a.csv:7 published")
    Traceback (most recent call last):
    geo.errors.InputError: a.csv:7 published: '03/04/2024' could be 3 April or 4 March: pass --dayfirst or --monthfirst
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _unix(value, value, source)
    if not isinstance(value, str):
        raise InputError(source, f"{value!r} is not a date ({EXPECTED})")
    text = value.strip()
    try:
        return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text).date()
    except ValueError:
        pass
    if _ISO_DATE.match(text):  # an ISO date, then a time in some other style: "2024-02-17 9:30 AM GMT"
        return _iso_then(text, source)
    if _UNIX.fullmatch(text):
        return _unix(int(text), text, source)
    if match := _YEAR_FIRST.match(text):
        year, month, day = int(match.group(1)), int(match.group(3)), int(match.group(4))
        if not _valid(year, month, day):
            raise InputError(source, f"{text!r} is not a valid date (year, month, day)")
        return _iso_then(f"{year:04d}-{month:02d}-{day:02d}{text[match.end():]}", source, shown=text)
    if match := _NUMERIC.match(text):
        return _numeric(text, match, source, order)
    words = [w.casefold() for w in _WORD.findall(text)]
    if not any(w in _months() for w in words):  # "Friday", "3 4 2024", "yesterday": no month named, no date read
        raise InputError(source, f"{text!r} is not a date ({EXPECTED})")
    return _worded(text, source)


def _iso_then(text: str, source: str, shown: str | None = None) -> date:
    """The date of ``YYYY-MM-DD`` and whatever follows, once dateutil agrees the rest is a time."""
    shown = text if shown is None else shown
    try:
        day = date.fromisoformat(text[:10])
    except ValueError as exc:
        raise InputError(source, f"{shown!r} is not a valid date ({exc})") from None
    if text[10:].strip():
        try:
            dateutil.parse(text, ignoretz=True)
        except (ValueError, OverflowError):
            raise InputError(source, f"{shown!r} is not a valid date and time ({EXPECTED})") from None
    return day


def _unix(number: float, shown, source: str) -> date:
    seconds = number / 1000 if abs(number) >= 1e11 else number
    try:
        return datetime.fromtimestamp(seconds, tz=UTC).date()
    except (OverflowError, OSError, ValueError):
        raise InputError(source, f"{shown!r} is not a date (a Unix time out of range)") from None


def _numeric(text: str, match: re.Match, source: str, order: DayOrder | None) -> date:
    first, second, year = int(match.group(1)), int(match.group(3)), match.group(4)
    if len(year) == 2:
        raise InputError(source, f"{text!r} has a two-digit year: write the year in full")
    readings = {(first, second), (second, first)}  # (month, day) candidates
    valid = [(m, d) for m, d in readings if _valid(int(year), m, d)]
    if not valid:
        raise InputError(source, f"{text!r} is not a valid date (no month {first} or {second} with that day)")
    if len(valid) == 2:
        if order is None:
            a, b = (f"{d} {date(int(year), m, d):%B}" for m, d in ((second, first), (first, second)))
            raise InputError(source, f"{text!r} could be {a} or {b}: pass --dayfirst or --monthfirst")
        valid = [(second, first) if order is DayOrder.DAY_FIRST else (first, second)]
    (month, day), rest = valid[0], text[match.end():]
    if rest.strip():  # a time and zone may follow; dateutil checks they are one
        try:
            dateutil.parse(f"{year}-{month:02d}-{day:02d}{rest}", ignoretz=True)
        except (ValueError, OverflowError):
            raise InputError(source, f"{text!r} is not a date ({EXPECTED})") from None
    return date(int(year), month, day)


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _worded(text: str, source: str) -> date:
    try:
        # Two different defaults: a field the text leaves out shows up as a difference.
        one = dateutil.parse(text, default=_FIRST, ignoretz=True)
        two = dateutil.parse(text, default=_SECOND, ignoretz=True)
    except (ValueError, OverflowError) as exc:
        problem = "is not a valid date" if "out of range" in str(exc) or "must be in" in str(exc) else "is not a date"
        raise InputError(source, f"{text!r} {problem} ({EXPECTED})") from None
    if one.date() != two.date():
        raise InputError(source, f"{text!r} is not a whole date: it needs a day, a month and a year")
    return one.date()


@cache
def _months() -> frozenset[str]:
    return frozenset(load_lexicon("dates")["months"])
