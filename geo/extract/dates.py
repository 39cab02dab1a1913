"""Dates: relative date expressions resolved against an article's publication date.

:func:`find_dates` finds the date expressions of a sentence and resolves
each to a :class:`DateSpan`; :func:`resolve` reads a single expression. The
publication date anchors everything relative: "Friday" is the latest Friday
on or before publication, "overnight" the night before it (that day and the
one before), "early last week" Monday to Thursday of the previous week. An
explicit date without a year takes the publication year, moved back a year
if it would fall after publication. Without a publication date a relative
expression stays unknown but keeps its words in ``DateSpan.text``, so an
undated article can still be matched against a dated one.

The words live in ``geo/lexicon/dates.toml``.

>>> from datetime import date
>>> resolve("Friday", date(2014, 6, 21))
DateSpan(start=datetime.date(2014, 6, 20), end=datetime.date(2014, 6, 20), precision=<Precision.DAY: 'day'>, text='Friday')
>>> [s.text for _, _, s in find_dates("Troops entered on Friday night after a month of fighting.", None)]
['on Friday night']
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import cache

from geo.errors import InputError
from geo.lexicon import alternation as _alternation, load as load_lexicon, longest_first
from geo.records import DateSpan, Precision

__all__ = ["apart", "find_dates", "resolve"]

_DAY = timedelta(days=1)
_TOKEN = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
_ANY_DIGIT = "0"  # stands for "the sentence has a digit" among its words


def find_dates(sentence: str, published: date | None, anchor: DateSpan | None = None) -> list[tuple[int, int, DateSpan]]:
    """``(start, end, span)`` of every date expression in ``sentence``, in order.

    Overlapping candidates are settled longest first. ``anchor`` is the date
    the text last spoke of (the previous sentence's): "two days later" and
    "the next day" count from it, and are left out without one.

    >>> from datetime import date
    >>> [(s.start.isoformat(), s.end.isoformat()) for _, _, s in find_dates("since Tuesday", date(2014, 6, 21))]
    [('2014-06-17', '2014-06-21')]
    """
    found: list[tuple[int, int, DateSpan]] = []
    words = set(_TOKEN.findall(sentence.lower()))
    if _DIGIT.search(sentence):
        words.add(_ANY_DIGIT)
    counted = []  # "two days later": from the sentence's own date before it, else the text's last (``anchor``)
    for pattern, reader, needles in _patterns():
        if words.isdisjoint(needles):  # a word every match contains is missing: most sentences, most patterns
            continue
        if reader in _FROM_ANCHOR:
            counted.append((pattern, reader))
            continue
        for match in pattern.finditer(sentence):
            if (span := reader(match, published)) is not None:
                found.append((match.start(), match.start() + len(match.group(0).rstrip()), _with_text(span, match.group(0).strip())))
    own = [(end, span) for _, end, span in longest_first(found) if span.start is not None]
    for pattern, reader in counted:
        for match in pattern.finditer(sentence):
            days = reader is _read_offset  # "that year" is the text's; "two days later" may count from this sentence
            base = next((span for end, span in reversed(own) if end <= match.start()), anchor) if days else anchor
            span = reader(match, base) if base is not None else None
            if span is None or (days and published and span.start and span.start > published):
                continue  # nothing to count from, or days past the report's day
            found.append((match.start(), match.start() + len(match.group(0).rstrip()), _with_text(span, match.group(0).strip())))
    return longest_first(found)


def resolve(expression: str, published: date | None) -> DateSpan:
    """The :class:`DateSpan` of one date expression; :class:`InputError` if it is none.

    >>> from datetime import date
    >>> span = resolve("early last week", date(2014, 6, 21))
    >>> span.start, span.end, span.precision.value
    (datetime.date(2014, 6, 9), datetime.date(2014, 6, 12), 'week')
    """
    text = expression.strip()
    for start, end, span in find_dates(text, published):
        if start == 0 and end == len(text):
            return span
    raise InputError("date", f"{expression!r} is not a date expression Frontline can read")


def _with_text(span: DateSpan, text: str) -> DateSpan:
    return DateSpan(span.start, span.end, span.precision, text)


def _unknown() -> DateSpan:
    return DateSpan(None, None, Precision.UNKNOWN)


# --- readers: one per pattern, each (match, published) -> DateSpan | None ---------------


def _weekday_on_or_before(anchor: date, weekday: int, strictly: bool = False) -> date:
    back = (anchor.weekday() - weekday) % 7
    if strictly and back == 0:
        back = 7
    return anchor - timedelta(days=back)


def _read_weekday(match: re.Match, published: date | None) -> DateSpan | None:
    if published is None:
        return _unknown()
    weekday = _words()["weekdays"].index(match.group("weekday").casefold())
    if match.group("lastweek"):  # "on Wednesday last week": that day of the calendar week before this one
        return DateSpan.day(published - timedelta(days=published.weekday() + 7 - weekday))
    strictly = bool(match.group("last"))
    return DateSpan.day(_weekday_on_or_before(published, weekday, strictly))


def _read_since(match: re.Match, published: date | None) -> DateSpan | None:
    if published is None:
        return _unknown()
    weekday = _words()["weekdays"].index(match.group("weekday").casefold())
    return DateSpan(_weekday_on_or_before(published, weekday), published, Precision.DAY)


def _read_month_day(match: re.Match, published: date | None) -> DateSpan | None:
    month = _words()["months"].get(match.group("month").casefold())
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


def _read_month(match: re.Match, published: date | None) -> DateSpan | None:
    month = _words()["months"][match.group("month").casefold().rstrip(".")]
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


def _read_iso(match: re.Match, published: date | None) -> DateSpan | None:
    when = _safe_date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    return DateSpan.day(when) if when else None


def _read_days_before(match: re.Match, published: date | None) -> DateSpan | None:
    if published is None:
        return _unknown()
    back = _words()["days_before"][" ".join(match.group(0).casefold().split())]
    return DateSpan.day(published - timedelta(days=back))


def _read_overnight(match: re.Match, published: date | None) -> DateSpan | None:
    if published is None:
        return _unknown()
    if match.group("weekday"):  # "in the early hours of Sunday"; "overnight into Wednesday": the night before it
        day = _weekday_on_or_before(published, _words()["weekdays"].index(match.group("weekday").casefold()))
        return DateSpan(day - _DAY, day, Precision.DAY) if match.group("way").casefold() in ("into", "to") else DateSpan.day(day)
    return DateSpan(published - _DAY, published, Precision.DAY)


def _read_ago(match: re.Match, published: date | None) -> DateSpan | None:
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


def _read_continuing(match: re.Match, published: date | None) -> DateSpan | None:
    if published is None:
        return _unknown()
    count = _words()["ordinals"].get(match.group("nth").casefold()) or int(re.sub(r"\D", "", match.group("nth")))
    return DateSpan(published - timedelta(days=count - 1), published, Precision.DAY)


def _read_relative_period(match: re.Match, published: date | None) -> DateSpan | None:
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
        first, last = _words()["week_parts"].get(part, [0, 6])
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
    if part in _words()["month_parts"]:  # "late last month": its last third
        first, last = _words()["month_parts"][part]
        start, end = date(year, month, first), date(year, month, min(last, calendar.monthrange(year, month)[1]))
        return DateSpan(start, min(end, published), Precision.MONTH) if start <= published else None
    if last_month:
        return _whole_month(year, month, published)
    return DateSpan(published.replace(day=1), published, Precision.MONTH)


def _read_month_part(match: re.Match, published: date | None) -> DateSpan | None:
    """ "early April", "mid-March 2022", "late May": a third of the month."""
    month = _words()["months"].get(match.group("month").casefold())
    if month is None or len(match.group("month")) < 3:
        return None
    year = _year_of(month, match.group("year"), published)
    if year is None or year < 1:
        return _unknown()
    first, last = _words()["month_parts"][" ".join(match.group("part").casefold().split())]
    last = min(last, calendar.monthrange(year, month)[1])
    return DateSpan(date(year, month, first), date(year, month, last), Precision.MONTH)


def _read_last_month_name(match: re.Match, published: date | None) -> DateSpan | None:
    """ "last May", "May last year": that month of the year before publication."""
    name = match.group("month") or match.group("month2")
    month = _words()["months"].get(name.casefold())
    if month is None or len(name) < 3:
        return None
    if published is None or published.year < 2:
        return _unknown()
    year = published.year - 1
    return DateSpan(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), Precision.MONTH)


def _read_year_part(match: re.Match, published: date | None) -> DateSpan | None:
    """ "early 2015", "mid-2016", "the summer of 2014": those months of the year, up to publication."""
    year = int(match.group("year"))
    first, last = _words()["year_parts"][" ".join(match.group("part").casefold().split())]
    start, end = date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])
    if published is not None:
        if start > published:
            return None
        end = min(end, published)
    return DateSpan(start, end, Precision.YEAR)


def _read_year(match: re.Match, published: date | None) -> DateSpan | None:
    year = int(match.group("year"))
    if published is not None and year > published.year:
        return None
    return DateSpan(date(year, 1, 1), date(year, 12, 31), Precision.YEAR)


def _read_weekend(match: re.Match, published: date | None) -> DateSpan | None:
    """ "over the weekend": the Saturday and Sunday on or before publication ("last weekend": the one before)."""
    if published is None:
        return _unknown()
    saturday = _weekday_on_or_before(published, 5)
    if match.group("last") and published - saturday < timedelta(days=2):
        saturday -= timedelta(weeks=1)
    return DateSpan(saturday, min(saturday + _DAY, published), Precision.WEEK)


def _read_offset(match: re.Match, anchor: DateSpan | None) -> DateSpan | None:
    """ "two days later", "the next day", "a week earlier": counted from the date the text last spoke of."""
    if anchor is None or anchor.start is None or anchor.end is None:
        return None
    words = " ".join(match.group(0).casefold().split())
    if words in _words()["same_day"]:
        days, later = 0, True
    elif words in _words()["next_day"]:
        days, later = 1, True
    else:
        count = _count(match.group("count")) if match.group("count") else 1
        days = count * (7 if match.group("unit").casefold() == "week" else 1)
        later = match.group("way").casefold() in ("later", "after")
    shift = timedelta(days=days if later else -days)
    precision = Precision.WEEK if "week" in words else anchor.precision
    return DateSpan(anchor.start + shift, anchor.end + shift, precision)


def _read_anchored_year(match: re.Match, anchor: DateSpan | None) -> DateSpan | None:
    """ "in June of that year", "later that year", "in March the following year": the year of the date last spoken of."""
    if anchor is None or anchor.start is None or anchor.end is None:
        return None
    words = " ".join(match.group("year").casefold().split())
    year = anchor.start.year + (1 if words in _words()["following_year"] else -1 if words in _words()["previous_year"] else 0)
    if year < 1 or year > 9998:
        return _unknown()
    if match.group("month"):
        month = _words()["months"].get(match.group("month").casefold())
        if month is None or len(match.group("month")) < 3:
            return None
        return DateSpan(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), Precision.MONTH)
    start, end = date(year, 1, 1), date(year, 12, 31)
    if match.group("way") and year == anchor.start.year:  # "later that year": after the date last spoken of
        start, end = (anchor.end, end) if match.group("way").casefold() == "later" else (start, anchor.start)
    return DateSpan(start, end, Precision.YEAR)


_FROM_ANCHOR = frozenset({_read_offset, _read_anchored_year})


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
    if span.start is None or count.casefold() not in _words()["numbers"] and not count.isdigit():
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
    return int(word) if word.isdigit() else _words()["numbers"][word]


@cache
def _words() -> dict:
    return load_lexicon("dates")


@cache
def _patterns() -> tuple[tuple[re.Pattern, object, frozenset[str]], ...]:
    """``(pattern, reader, needles)``: every match of ``pattern`` contains one of the words ``needles``."""
    words = _words()
    weekday = _alternation(words["weekdays"])
    parts = _alternation(words["day_parts"])
    numbers = _alternation(words["numbers"])
    ordinals = _alternation(words["ordinals"])
    units = _alternation(words["continuing_units"])
    week_parts = _alternation(words["week_parts"])
    month_parts = _alternation(words["month_parts"])
    year_parts = _alternation(words["year_parts"])
    next_day = _alternation(words["next_day"] + words["same_day"])
    anchored_years = _alternation(words["same_year"] + words["following_year"] + words["previous_year"])
    flags = re.IGNORECASE
    b = r"(?<![\w-])"
    e = r"(?![\w-])"
    day_part = rf"(?:\s+(?:{parts}))?"
    point = r"(?:(?<=[\s-][A-Z][a-z]{2})\.|(?<=[\s-]Sept)\.)?"  # "14 Nov.", "mid-Sept.": an abbreviation's point only
    patterns = (
        (re.compile(rf"{b}since\s+(?:last\s+)?(?P<weekday>{weekday}){day_part}{e}", flags), _read_since),
        (re.compile(rf"{b}(?:(?:on|late|early)\s+)?(?P<last>last\s+)?(?P<weekday>{weekday}){day_part}"
                    rf"(?P<lastweek>\s+(?:of\s+)?last\s+week)?{e}", flags), _read_weekday),
        # Month names are matched with a capital so "may" the verb is not a month.
        # "on December 5", "5-6 December", "on the night of 5-6 December": a day, or two or more in a row
        (re.compile(rf"{b}(?:on\s+)?(?:the\s+night\s+of\s+)?(?P<month>[A-Z][a-zA-Z]+)\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
                    rf"(?:\s*[-–]\s*(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?)?{e}(?:,?\s+(?P<year>\d{{4}}){e})?"), _read_month_day),
        (re.compile(rf"{b}(?:on\s+)?(?:the\s+night\s+of\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?)?"
                    rf"\s+(?P<month>[A-Z][a-zA-Z]+){point}{e}(?:,?\s+(?P<year>\d{{4}}){e})?"), _read_month_day),
        (re.compile(rf"{b}(?:(?:[Ii]n|[Ss]ince|[Dd]uring)\s+)(?P<month>[A-Z][a-z]+)(?:\s+(?P<year>\d{{4}}))?{e}(?!\s*\d)"), _checked_month),
        (re.compile(rf"{b}(?P<month>[A-Z][a-z]+)\s+(?P<year>\d{{4}}){e}"), _checked_month),
        (re.compile(rf"{b}(?P<y>\d{{4}})-(?P<m>\d{{2}})-(?P<d>\d{{2}}){e}"), _read_iso),
        (re.compile(rf"{b}(?:{_alternation(words['days_before'])}){e}", flags), _read_days_before),
        (re.compile(rf"{b}(?:{_alternation(words['overnight'])})(?:\s+(?P<way>of|on|into|to)\s+(?P<weekday>{weekday}))?{e}", flags),
         _read_overnight),
        (re.compile(rf"{b}(?P<count>\d+|{numbers})\s+(?P<unit>day|week|month)s?\s+ago{e}", flags), _read_ago),
        (re.compile(rf"{b}(?:for\s+)?(?:a|the)\s+(?P<nth>{ordinals}|\d+(?:st|nd|rd|th))\s+(?:{units}){e}", flags), _read_continuing),
        (re.compile(rf"{b}(?:(?P<part>{week_parts})\s+)?(?P<which>last|previous|this|earlier\s+this|earlier\s+in\s+the)\s+(?P<unit>week|month|year){e}", flags), _read_relative_period),
        (re.compile(rf"{b}(?:(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil)\s+)?(?P<part>(?i:{month_parts}))[-\s]+(?P<month>[A-Z][a-z]+){point}{e}(?:,?\s+(?P<year>\d{{4}}){e})?"), _read_month_part),
        (re.compile(rf"{b}(?:(?:[Ii]n|[Ss]ince)\s+)?(?:[Ll]ast\s+(?P<month>[A-Z][a-z]+)|(?P<month2>[A-Z][a-z]+)\s+last\s+year){e}"), _read_last_month_name),
        (re.compile(rf"{b}(?:(?:in|since|during|by|until)\s+)?(?P<part>{year_parts})[-\s]+(?P<year>(?:19|20)\d\d){e}(?![,.]?\d)",
                    flags), _read_year_part),
        (re.compile(rf"{b}(?:[Ii]n|[Ss]ince|[Dd]uring|[Bb]y|[Uu]ntil|[Ss]ince\s+early|[Ss]ince\s+late)\s+(?P<year>(?:19|20)\d\d){e}(?![,.]?\d)"), _read_year),
        (re.compile(rf"{b}(?:(?:over|at|during|on)\s+the|this|(?P<last>last))\s+weekend{e}", flags), _read_weekend),
        (re.compile(rf"{b}(?:{next_day}|(?:a|an|one|(?P<count>\d+|{numbers}))\s+(?P<unit>day|week)s?\s+"
                    # "two days before," counts from the date last spoken of; "five days before entering it", "a week
                    # after the fall of X" from something else
                    rf"(?P<way>later|earlier|(?:after|before)(?!\s+(?!that\b)[a-z]))){e}", flags), _read_offset),
        (re.compile(rf"{b}(?:(?:[Ii]n|[Bb]y|[Uu]ntil|[Ss]ince|[Ll]ate|[Ee]arly)\s+(?P<month>[A-Z][a-z]+)\.?(?:\s+of)?\s+|(?P<way>(?i:later|earlier))\s+(?:in\s+)?"
                    rf"|(?:[Ii]n|[Dd]uring|[Bb]y)\s+)?(?P<year>(?i:{anchored_years})){e}"), _read_anchored_year),
    )

    def last_words(phrases) -> frozenset[str]:  # any word of a phrase would do; the last is the rarest
        return frozenset(phrase.split()[-1].lower() for phrase in phrases)

    digit, weekdays = frozenset({_ANY_DIGIT}), last_words(words["weekdays"])
    needles = (weekdays, weekdays, digit, digit, last_words(words["months"]), digit, digit,
               last_words(words["days_before"]), last_words(words["overnight"]), frozenset({"ago"}),
               last_words(words["continuing_units"]), frozenset({"week", "month", "year"}), last_words(words["months"]),
               frozenset({"last"}), digit, digit, frozenset({"weekend"}), frozenset({"day", "days", "week", "weeks"}),
               last_words(words["same_year"] + words["following_year"] + words["previous_year"]))
    return tuple((pattern, reader, needle) for (pattern, reader), needle in zip(patterns, needles, strict=True))


def _checked_month(match: re.Match, published: date | None) -> DateSpan | None:
    if match.group("month").casefold() not in _words()["months"] or len(match.group("month")) < 3:
        return None
    return _read_month(match, published)
