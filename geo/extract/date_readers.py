"""The readers of date expressions: one per pattern of :mod:`geo.extract.dates`, each ``(match, published)``
(or, counted from the date last spoken of, ``(match, anchor)``) to a :class:`DateSpan`, or None for no date.

The words live in ``geo/lexicon/dates.toml``.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import cache

from geo.lexicon import load as load_lexicon
from geo.records import DateSpan, Precision

_DAY = timedelta(days=1)


def _unknown() -> DateSpan:
    return DateSpan(None, None, Precision.UNKNOWN)


def _weekday_on_or_before(anchor: date, weekday: int, strictly: bool = False) -> date:
    back = (anchor.weekday() - weekday) % 7
    if strictly and back == 0:
        back = 7
    return anchor - timedelta(days=back)


def read_weekday(match: re.Match, published: date | None) -> DateSpan | None:
    if published is None:
        return _unknown()
    weekday = date_words()["weekdays"].index(match.group("weekday").casefold())
    if match.group("lastweek"):  # "on Wednesday last week": that day of the calendar week before this one
        return DateSpan.day(published - timedelta(days=published.weekday() + 7 - weekday))
    strictly = bool(match.group("last"))
    return DateSpan.day(_weekday_on_or_before(published, weekday, strictly))


def read_since(match: re.Match, published: date | None) -> DateSpan | None:
    if published is None:
        return _unknown()
    weekday = date_words()["weekdays"].index(match.group("weekday").casefold())
    return DateSpan(_weekday_on_or_before(published, weekday), published, Precision.DAY)


def read_month_day(match: re.Match, published: date | None) -> DateSpan | None:
    month = date_words()["months"].get(match.group("month").casefold())
    day = int(match.group("day"))
    if month is None:
        return None
    year = match.group("year")
    if year is None and published is None:
        return _unknown()
    when = _safe_date(int(year) if year else published.year, month, day)
    if when is None:
        return None
    if year is None and when > published:
        when = _safe_date(published.year - 1, month, day)
        if when is None:
            return _unknown()  # the year before year 1, or no 29 February that year
    last = match.group("day2") and _safe_date(when.year, month, int(match.group("day2")))
    if last and when < last <= when + 6 * _DAY and (published is None or last <= published):
        return DateSpan(when, last, Precision.DAY if last - when <= _DAY else Precision.WEEK)  # "5-6 December"
    return DateSpan.day(when)


def read_month(match: re.Match, published: date | None) -> DateSpan | None:
    month = date_words()["months"][match.group("month").casefold().rstrip(".")]
    year = match.group("year")
    if year is None:
        if published is None:
            return _unknown()
        year = published.year if month <= published.month else published.year - 1
    year = int(year)
    if year < 1:
        return _unknown()
    last = calendar.monthrange(year, month)[1]
    return DateSpan(date(year, month, 1), date(year, month, last), Precision.MONTH)


def read_iso(match: re.Match, published: date | None) -> DateSpan | None:
    when = _safe_date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    return DateSpan.day(when) if when else None


def read_days_before(match: re.Match, published: date | None) -> DateSpan | None:
    if published is None:
        return _unknown()
    back = date_words()["days_before"][" ".join(match.group(0).casefold().split())]
    return DateSpan.day(published - timedelta(days=back))


def read_overnight(match: re.Match, published: date | None) -> DateSpan | None:
    if published is None:
        return _unknown()
    if match.group("weekday"):  # "in the early hours of Sunday"; "overnight into Wednesday": the night before it
        day = _weekday_on_or_before(published, date_words()["weekdays"].index(match.group("weekday").casefold()))
        return DateSpan(day - _DAY, day, Precision.DAY) if match.group("way").casefold() in ("into", "to") else DateSpan.day(day)
    return DateSpan(published - _DAY, published, Precision.DAY)


def read_ago(match: re.Match, published: date | None) -> DateSpan | None:
    if published is None:
        return _unknown()
    count = _count(match.group("count"))
    unit = match.group("unit").casefold()
    if unit == "day":
        return DateSpan.day(published - timedelta(days=count))
    if unit == "week":
        middle = published - timedelta(weeks=count)
        return DateSpan(middle - 3 * _DAY, min(middle + 3 * _DAY, published), Precision.WEEK)
    month_index = published.year * 12 + published.month - 1 - count
    year, month = divmod(month_index, 12)
    return _whole_month(year, month + 1, published)


def read_continuing(match: re.Match, published: date | None) -> DateSpan | None:
    if published is None:
        return _unknown()
    count = date_words()["ordinals"].get(match.group("nth").casefold()) or int(re.sub(r"\D", "", match.group("nth")))
    return DateSpan(published - timedelta(days=count - 1), published, Precision.DAY)


def read_relative_period(match: re.Match, published: date | None) -> DateSpan | None:
    if published is None:
        return _unknown()
    which = " ".join(match.group("which").casefold().split())
    which = "earlier this" if which == "earlier in the" else which  # "earlier in the week"
    unit = match.group("unit").casefold()
    part = " ".join((match.group("part") or "").casefold().split())
    if unit == "week":
        monday = published - timedelta(days=published.weekday())
        if which in ("last", "previous"):
            monday -= timedelta(weeks=1)
        first, last = date_words()["week_parts"].get(part, [0, 6])
        start, end = monday + timedelta(days=first), min(monday + timedelta(days=last), published)
        if which == "earlier this":
            end = published
        return DateSpan(start, max(start, end), Precision.WEEK) if start <= published else None
    if unit == "year":  # "last year": the whole year before; "this year": from 1 January to publication
        year = published.year - 1 if which in ("last", "previous") else published.year
        return DateSpan(date(year, 1, 1), min(date(year, 12, 31), published), Precision.YEAR)
    last_month = which in ("last", "previous")
    year, month = (published.year, published.month) if not last_month else \
        (published.year, published.month - 1) if published.month > 1 else (published.year - 1, 12)
    if part in date_words()["month_parts"]:  # "late last month": its last third
        first, last = date_words()["month_parts"][part]
        start, end = date(year, month, first), date(year, month, min(last, calendar.monthrange(year, month)[1]))
        return DateSpan(start, min(end, published), Precision.MONTH) if start <= published else None
    if last_month:
        return _whole_month(year, month, published)
    return DateSpan(published.replace(day=1), published, Precision.MONTH)


def read_month_part(match: re.Match, published: date | None) -> DateSpan | None:
    """ "early April", "mid-March 2022", "late May": a third of the month."""
    month = date_words()["months"].get(match.group("month").casefold())
    if month is None or len(match.group("month")) < 3:
        return None
    year = _year_of(month, match.group("year"), published)
    if year is None or year < 1:
        return _unknown()
    first, last = date_words()["month_parts"][" ".join(match.group("part").casefold().split())]
    last = min(last, calendar.monthrange(year, month)[1])
    return DateSpan(date(year, month, first), date(year, month, last), Precision.MONTH)


def read_last_month_name(match: re.Match, published: date | None) -> DateSpan | None:
    """ "last May", "May last year": that month of the year before publication."""
    name = match.group("month") or match.group("month2")
    month = date_words()["months"].get(name.casefold())
    if month is None or len(name) < 3:
        return None
    if published is None or published.year < 2:
        return _unknown()
    year = published.year - 1
    return DateSpan(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), Precision.MONTH)


def read_year_part(match: re.Match, published: date | None) -> DateSpan | None:
    """ "early 2015", "mid-2016", "the summer of 2014": those months of the year, up to publication."""
    year = int(match.group("year"))
    first, last = date_words()["year_parts"][" ".join(match.group("part").casefold().split())]
    start, end = date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])
    if published is not None:
        if start > published:
            return None
        end = min(end, published)
    return DateSpan(start, end, Precision.YEAR)


def read_year(match: re.Match, published: date | None) -> DateSpan | None:
    year = int(match.group("year"))
    if published is not None and year > published.year:
        return None
    return DateSpan(date(year, 1, 1), date(year, 12, 31), Precision.YEAR)


def read_weekend(match: re.Match, published: date | None) -> DateSpan | None:
    """ "over the weekend": the Saturday and Sunday on or before publication ("last weekend": the one before)."""
    if published is None:
        return _unknown()
    saturday = _weekday_on_or_before(published, 5)
    if match.group("last") and published - saturday < timedelta(days=2):
        saturday -= timedelta(weeks=1)
    return DateSpan(saturday, min(saturday + _DAY, published), Precision.WEEK)


def read_offset(match: re.Match, anchor: DateSpan | None) -> DateSpan | None:
    """ "two days later", "the next day", "a week earlier": counted from the date the text last spoke of."""
    if anchor is None or anchor.start is None or anchor.end is None:
        return None
    words = " ".join(match.group(0).casefold().split())
    if words in date_words()["same_day"]:
        days, later = 0, True
    elif words in date_words()["next_day"]:
        days, later = 1, True
    else:
        count = _count(match.group("count")) if match.group("count") else 1
        days = count * (7 if match.group("unit").casefold() == "week" else 1)
        later = match.group("way").casefold() in ("later", "after")
    shift = timedelta(days=days if later else -days)
    precision = Precision.WEEK if "week" in words else anchor.precision
    return DateSpan(anchor.start + shift, anchor.end + shift, precision)


def read_anchored_year(match: re.Match, anchor: DateSpan | None) -> DateSpan | None:
    """ "in June of that year", "later that year", "in March the following year": the year of the date last spoken of."""
    if anchor is None or anchor.start is None or anchor.end is None:
        return None
    words = " ".join(match.group("year").casefold().split())
    year = anchor.start.year + (1 if words in date_words()["following_year"] else -1 if words in date_words()["previous_year"] else 0)
    if year < 1 or year > 9998:
        return _unknown()
    if match.group("month"):
        month = date_words()["months"].get(match.group("month").casefold())
        if month is None or len(match.group("month")) < 3:
            return None
        return DateSpan(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), Precision.MONTH)
    start, end = date(year, 1, 1), date(year, 12, 31)
    if match.group("way") and year == anchor.start.year:  # "later that year": after the date last spoken of
        start, end = (anchor.end, end) if match.group("way").casefold() == "later" else (start, anchor.start)
    return DateSpan(start, end, Precision.YEAR)


def _year_of(month: int, written: str | None, published: date | None) -> int | None:
    """The year a month belongs to: the one written, else the latest not after publication."""
    if written:
        return int(written)
    if published is None:
        return None
    return published.year if month <= published.month else published.year - 1


def _whole_month(year: int, month: int, published: date) -> DateSpan:
    if year < 1:
        return _unknown()
    last = calendar.monthrange(year, month)[1]
    return DateSpan(date(year, month, 1), min(date(year, month, last), published), Precision.MONTH)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def apart(span: DateSpan, count: str, unit: str, later: bool) -> DateSpan | None:
    """What happened ``count`` ``unit``s before ``span`` (``later``: after it), to the unit's precision:
    "on Tuesday, five months after militants seized Marawi" dates the seizure to that month."""
    if span.start is None or count.casefold() not in date_words()["numbers"] and not count.isdigit():
        return None
    n, unit, anchor = _count(count) * (1 if later else -1), unit.casefold().rstrip("s"), span.start
    if unit in ("year", "decade"):
        year = anchor.year + n * (10 if unit == "decade" else 1)
        return DateSpan(date(year, 1, 1), date(year, 12, 31), Precision.YEAR) if year >= 1 else None
    if unit == "month":
        year, month = divmod(anchor.year * 12 + anchor.month - 1 + n, 12)
        return _whole_month(year, month + 1, date.max) if year >= 1 else None
    middle = anchor + timedelta(days=n * (7 if unit == "week" else 1))
    return DateSpan.day(middle) if unit == "day" else DateSpan(middle - 3 * _DAY, middle + 3 * _DAY, Precision.WEEK)


def _count(word: str) -> int:
    word = word.casefold()
    return int(word) if word.isdigit() else date_words()["numbers"][word]


@cache
def date_words() -> dict:
    return load_lexicon("dates")


def checked_month(match: re.Match, published: date | None) -> DateSpan | None:
    if match.group("month").casefold() not in date_words()["months"] or len(match.group("month")) < 3:
        return None
    return read_month(match, published)
