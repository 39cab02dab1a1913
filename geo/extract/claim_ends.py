"""The two ends of a claim: the reference measured from and the subject said to lie there.

Given the article's mentions, these find the place named right after
"of"/"from" (or "the capital" of the article's country), and the place the
measure hangs on; see :mod:`geo.extract.distances` for the rules.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from geo.extract.claim_words import ClaimPatterns, fold
from geo.records import Mention, Place, PlaceKind

__all__ = ["can_be_subject", "capital_finder", "reference_at", "same_place", "subject_after", "subject_before", "written_name"]

_NOT_SUBJECT = frozenset({PlaceKind.RIVER, PlaceKind.COUNTRY, PlaceKind.PROVINCE, PlaceKind.REGION})
_SETTLEMENT = frozenset({PlaceKind.CITY, PlaceKind.TOWN, PlaceKind.VILLAGE})


def capital_finder(mentions: Sequence[Mention], gazetteer) -> Callable[[str | None], Place | None]:
    lookup = gazetteer if callable(gazetteer) else getattr(gazetteer, "capital", None)
    counts = Counter(m.place.country for m in mentions if m.place is not None and m.place.country)
    dominant = max(counts, key=lambda c: (counts[c], -_first(mentions, c))) if counts else None

    def capital(code: str | None = None) -> Place | None:
        code = code or dominant
        return lookup(code) if lookup and code else None

    return capital


def _first(mentions: Sequence[Mention], country: str) -> int:
    return next(m.start for m in mentions if m.place is not None and m.place.country == country)


def reference_at(text: str, pos: int, by_start: dict, capital, pat: ClaimPatterns):
    """``(text, place, end)`` of the reference starting at ``pos``, or None."""
    cap = pat.capital.match(text, pos)
    if cap is not None:
        named = re.match(r",\s*", text[cap.end() :])
        if named and (mention := by_start.get(cap.end() + named.end())):
            return written_name(mention), mention.place, cap.end() + named.end() + mention.end - mention.start
        country = None
        adjective = cap.groupdict().get("adj")
        if adjective:
            inner = by_start.get(cap.start("adj"))
            if inner and inner.place is not None and inner.place.kind is PlaceKind.COUNTRY:
                country = inner.place.country
        place = capital(country)
        return (place.name if place else fold(cap.group(0))), place, cap.end()
    for start in (pos, *(m.end() for m in [pat.prefix.match(text, pos)] if m)):
        if mention := by_start.get(start):
            return written_name(mention), mention.place, start + (mention.end - mention.start)
    return None


def subject_before(text, start, base, inside, everywhere, ref_place, pat):
    """``(name, place)`` of what the measure at ``start`` is said of, or None."""
    left = text[:start]
    floor = 0
    if (brk := _last(pat.breaks.finditer(left))) is not None:
        floor = brk.end()
    for mention in reversed(inside):
        rel_end = mention.end - base
        if rel_end > start or rel_end <= floor:
            continue
        if _too_far(left[rel_end:], pat):
            break
        if not can_be_subject(mention.place) or same_place(mention.place, ref_place):
            continue
        coref = _last(pat.coreference.finditer(left, rel_end))
        if coref is None:
            return written_name(mention), mention.place
        break
    coref = _last(pat.coreference.finditer(left, floor))
    if coref is not None and not _too_far(left[coref.end() :], pat):
        antecedent = next(
            (m for m in reversed(everywhere) if m.end <= base + coref.start() and m.place is not None
             and m.place.kind in _SETTLEMENT and not same_place(m.place, ref_place)),
            None,
        )
        if antecedent is not None:
            return written_name(antecedent), antecedent.place
    unnamed = pat.unnamed.search(left, floor)
    if unnamed is not None:
        return unnamed.group("noun"), None
    return None


def subject_after(text: str, end: int, by_start: dict, ref_place):
    """A place named right after the reference: "30 km north of Kyiv, in Bucha"."""
    follow = re.match(r",\s*(?:in\s+|at\s+)?(?:the\s+\w+\s+of\s+)?", text[end:])
    if follow and (mention := by_start.get(end + follow.end())) and can_be_subject(mention.place):
        if not same_place(mention.place, ref_place):
            return written_name(mention), mention.place
    return None


def _too_far(gap: str, pat: ClaimPatterns) -> bool:
    return len(re.findall(r"[\w'’-]+", gap)) > pat.max_gap


def _last(matches):
    last = None
    for last in matches:
        pass
    return last


def can_be_subject(place: Place | None) -> bool:
    return place is None or place.kind not in _NOT_SUBJECT


def same_place(a: Place | None, b: Place | None) -> bool:
    return a is not None and b is not None and a.id == b.id


def written_name(mention: Mention) -> str:
    """The place as the article writes it; its gazetteer name is on the Place."""
    return " ".join(mention.surface.split())
