"""Lists of places that each carry a date of their own: "took Herat on Friday, Kandahar on Saturday and Kabul on
Sunday", "Kidal fell on Friday and Gao on Saturday". Read by :mod:`geo.extract.events`, which reports each
place of such a list on its own date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from geo.extract.clauses import Spot, coordinated

__all__ = ["dated_list"]


def dated_list(text: str, places: Sequence[Spot], spots: Sequence[Spot], dates, verb_end: int | None = None
               ) -> list[tuple[Spot, object]]:
    """The places an object list names, each with the date written right after it (None where none is), the list
    going on past such a date: "took Herat on Friday, Kandahar on Saturday and Kabul on Sunday", "seized Minova
    last week, and Sake, 25 km from the city, on Thursday". A place joined after a date must have a date of its own.
    With ``verb_end``, the places are the verb's subjects and the date right after the verb is the last one's:
    "Kidal fell on Friday and Gao on Saturday". ``dates`` are :func:`geo.extract.dates.find_dates`' ``(start, end, span)``."""
    if verb_end is None:
        items = [(spot, _date_at(text, spot.end, dates)) for spot in places]
    else:
        items = [(spot, None) for spot in places[:-1]] + [(places[-1], _date_at(text, verb_end, dates, _AFTER_VERB))]
    while items and items[-1][1] is not None:
        after = items[-1][1][0]
        following = next((s for s in spots if s.start >= after), None)
        if following is None or not _AFTER_DATE.fullmatch(text, after, following.start):
            break
        more = [(spot, _date_at(text, spot.end, dates)) for spot in coordinated(text, following, spots)]
        if any(date is None for _, date in more):
            break
        items += more
    return [(spot, date[1] if date else None) for spot, date in items]


def _date_at(text: str, at: int, dates, between: re.Pattern | None = None):
    """``(end, span)`` of the date written right after offset ``at`` (by default past a comma-closed apposition:
    ``between`` the words allowed), or None."""
    between = between or _BEFORE_DATE
    for a, b, span in dates:
        if a >= at and between.fullmatch(text, at, a):
            return b, span
    return None


_BEFORE_DATE = re.compile(r"(?:\s*,\s*[^,;:()]{1,70}?,)?\s*(?:(?:late|early)\s+)?(?:(?:on|in|during|by|over)\s+)?",
                          re.IGNORECASE)
_AFTER_VERB = re.compile(r"(?:\s+(?:by|to)\s+[^,;:()]{1,40}?)?" + _BEFORE_DATE.pattern, re.IGNORECASE)  # "was taken by X on"
_AFTER_DATE = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:of\s+)?(?:the\s+)?", re.IGNORECASE)  # "the fall of A on Friday and of B"
