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

import re
from datetime import date
from functools import cache

from geo.errors import InputError
from geo.extract import date_readers as read
from geo.extract.date_readers import apart
from geo.lexicon import alternation as _alternation, longest_first
from geo.records import DateSpan

__all__ = ["apart", "find_dates", "resolve"]

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
                found.append(_found(match, span))
    if not counted:  # most sentences
        return longest_first(found)
    own = [(end, span) for _, end, span in longest_first(found) if span.start is not None]
    for pattern, reader in counted:
        for match in pattern.finditer(sentence):
            days = reader is read.read_offset  # "that year" is the text's; "two days later" may count from this sentence
            base = next((span for end, span in reversed(own) if end <= match.start()), anchor) if days else anchor
            span = reader(match, base) if base is not None else None
            if span is None or (days and published and span.start and span.start > published):
                continue  # nothing to count from, or days past the report's day
            found.append(_found(match, span))
    return longest_first(found)


def _found(match: re.Match, span: DateSpan) -> tuple[int, int, DateSpan]:
    """``(start, end, span)`` of a date expression, its words kept without surrounding spaces."""
    return match.start(), match.start() + len(match.group(0).rstrip()), _with_text(span, match.group(0).strip())


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


_FROM_ANCHOR = frozenset({read.read_offset, read.read_anchored_year})


@cache
def _patterns() -> tuple[tuple[re.Pattern, object, frozenset[str]], ...]:
    """``(pattern, reader, needles)``: every match of ``pattern`` contains one of the words ``needles``."""
    words = read.date_words()
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
        (re.compile(rf"{b}since\s+(?:last\s+)?(?P<weekday>{weekday}){day_part}{e}", flags), read.read_since),
        (re.compile(rf"{b}(?:(?:on|late|early)\s+)?(?P<last>last\s+)?(?P<weekday>{weekday}){day_part}"
                    rf"(?P<lastweek>\s+(?:of\s+)?last\s+week)?{e}", flags), read.read_weekday),
        # Month names are matched with a capital so "may" the verb is not a month.
        # "on December 5", "5-6 December", "on the night of 5-6 December": a day, or two or more in a row
        (re.compile(rf"{b}(?:on\s+)?(?:the\s+night\s+of\s+)?(?P<month>[A-Z][a-zA-Z]+)\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
                    rf"(?:\s*[-–]\s*(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?)?{e}(?:,?\s+(?P<year>\d{{4}}){e})?"), read.read_month_day),
        (re.compile(rf"{b}(?:on\s+)?(?:the\s+night\s+of\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?)?"
                    rf"\s+(?P<month>[A-Z][a-zA-Z]+){point}{e}(?:,?\s+(?P<year>\d{{4}}){e})?"), read.read_month_day),
        (re.compile(rf"{b}(?:(?:[Ii]n|[Ss]ince|[Dd]uring)\s+)(?P<month>[A-Z][a-z]+)(?:\s+(?P<year>\d{{4}}))?{e}(?!\s*\d)"), read.checked_month),
        (re.compile(rf"{b}(?P<month>[A-Z][a-z]+)\s+(?P<year>\d{{4}}){e}"), read.checked_month),
        (re.compile(rf"{b}(?P<y>\d{{4}})-(?P<m>\d{{2}})-(?P<d>\d{{2}}){e}"), read.read_iso),
        (re.compile(rf"{b}(?:{_alternation(words['days_before'])}){e}", flags), read.read_days_before),
        (re.compile(rf"{b}(?:{_alternation(words['overnight'])})(?:\s+(?P<way>of|on|into|to)\s+(?P<weekday>{weekday}))?{e}", flags),
         read.read_overnight),
        (re.compile(rf"{b}(?P<count>\d+|{numbers})\s+(?P<unit>day|week|month)s?\s+ago{e}", flags), read.read_ago),
        (re.compile(rf"{b}(?:for\s+)?(?:a|the)\s+(?P<nth>{ordinals}|\d+(?:st|nd|rd|th))\s+(?:{units}){e}", flags), read.read_continuing),
        (re.compile(rf"{b}(?:(?P<part>{week_parts})\s+)?(?P<which>last|previous|this|earlier\s+this|earlier\s+in\s+the)\s+(?P<unit>week|month|year){e}", flags), read.read_relative_period),
        (re.compile(rf"{b}(?:(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil)\s+)?(?P<part>(?i:{month_parts}))[-\s]+(?P<month>[A-Z][a-z]+){point}{e}(?:,?\s+(?P<year>\d{{4}}){e})?"), read.read_month_part),
        (re.compile(rf"{b}(?:(?:[Ii]n|[Ss]ince)\s+)?(?:[Ll]ast\s+(?P<month>[A-Z][a-z]+)|(?P<month2>[A-Z][a-z]+)\s+last\s+year){e}"), read.read_last_month_name),
        (re.compile(rf"{b}(?:(?:in|since|during|by|until)\s+)?(?P<part>{year_parts})[-\s]+(?P<year>(?:19|20)\d\d){e}(?![,.]?\d)",
                    flags), read.read_year_part),
        (re.compile(rf"{b}(?:[Ii]n|[Ss]ince|[Dd]uring|[Bb]y|[Uu]ntil|[Ss]ince\s+early|[Ss]ince\s+late)\s+(?P<year>(?:19|20)\d\d){e}(?![,.]?\d)"), read.read_year),
        (re.compile(rf"{b}(?:(?:over|at|during|on)\s+the|this|(?P<last>last))\s+weekend{e}", flags), read.read_weekend),
        (re.compile(rf"{b}(?:{next_day}|(?:a|an|one|(?P<count>\d+|{numbers}))\s+(?P<unit>day|week)s?\s+"
                    # "two days before," counts from the date last spoken of; "five days before entering it", "a week
                    # after the fall of X" from something else
                    rf"(?P<way>later|earlier|(?:after|before)(?!\s+(?!that\b)[a-z]))){e}", flags), read.read_offset),
        (re.compile(rf"{b}(?:(?:[Ii]n|[Bb]y|[Uu]ntil|[Ss]ince|[Ll]ate|[Ee]arly)\s+(?P<month>[A-Z][a-z]+)\.?(?:\s+of)?\s+|(?P<way>(?i:later|earlier))\s+(?:in\s+)?"
                    rf"|(?:[Ii]n|[Dd]uring|[Bb]y)\s+)?(?P<year>(?i:{anchored_years})){e}"), read.read_anchored_year),
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
