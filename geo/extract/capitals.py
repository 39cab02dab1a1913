"""Capitals: "the Tigray capital", "Helmand's provincial capital", "the capital of Kherson region".

A region named only to say whose capital a town is names no place of an event:
"took control of the Tigray capital" took a city, not the region. Where the
city is named with it ("the Helmand provincial capital, Lashkar Gah") the
city is the place; where it is not, the city the article names as that
region's capital elsewhere ("Mekelle, the capital of Tigray"); failing both,
no place at all, never the region.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from geo.extract.clauses import Spot
from geo.extract.triggers import lexicon
from geo.lexicon import alternation as _alt
from geo.records import Article, Mention, Place, PlaceKind, SETTLEMENTS

__all__ = ["with_capitals"]

_AREAS = frozenset({PlaceKind.PROVINCE, PlaceKind.REGION})


def with_capitals(article: Article, text: str, spots: list[Spot],
                  located: Sequence[Mention]) -> list[Spot]:
    """``spots`` of the sentence ``text`` with each region named as a capital's replaced by that capital (or dropped)."""
    if not any(spot.place.kind in _AREAS for spot in spots) or "capital" not in text:
        return spots
    out, named = [], None
    for index, spot in enumerate(spots):
        end = _capital_phrase_end(text, spot) if spot.place.kind in _AREAS else None
        if end is None:
            out.append(spot)
            continue
        following = spots[index + 1] if index + 1 < len(spots) else None
        if following is not None and _patterns()["named_after"].fullmatch(text, end, following.start):
            continue  # "the Helmand provincial capital, Lashkar Gah": the city is named; the region is no place
        named = capitals_named(article, located) if named is None else named
        capital = named.get(spot.place.id)
        if capital is not None and all(other.place.id != capital.id for other in spots):
            out.append(Spot(spot.start, end, capital, True))  # "Zaranj, the capital of Nimroz": Zaranj is there already
    return out


def _capital_phrase_end(text: str, spot: Spot) -> int | None:
    """Where the words making the region a capital's end, or ``None`` when it is named for itself."""
    compiled = _patterns()
    if after := compiled["owner_first"].match(text, spot.end):
        return after.end()  # "the Tigray capital", "Helmand's provincial capital"
    if compiled["capital_of"].search(text, 0, spot.start):
        area = compiled["area_noun"].match(text, spot.end)
        return area.end() if area else spot.end  # "the capital of the northern Tigray region"
    return None


def capitals_named(article: Article, located: Sequence[Mention]) -> dict[str, Place]:
    """Region id -> the settlement the article names as its capital ("Mekelle, the capital of Tigray",
    "the Helmand provincial capital, Lashkar Gah")."""
    found: dict[str, Place] = {}
    text, compiled = article.text, _patterns()
    for before, after in zip(located, located[1:]):
        gap = text[before.end:after.start]
        if before.place.kind in SETTLEMENTS and after.place.kind in _AREAS and compiled["is_capital_of"].fullmatch(gap):
            town, area = before.place, after.place
        elif before.place.kind in _AREAS and after.place.kind in SETTLEMENTS and compiled["capital_named"].fullmatch(gap):
            town, area = after.place, before.place
        else:
            continue
        if not (town.admin1 and area.admin1) or town.admin1 == area.admin1:
            found.setdefault(area.id, town)
    return found


@cache
def _patterns() -> dict[str, re.Pattern]:
    words = lexicon()["words"]
    kinds, areas = _alt(words["capital_kinds"]), _alt(words["area_nouns"])
    kind, space = rf"(?:(?:{kinds})\s+)?", r"[^\S\n]"  # never across a line: a headline's end is no apposition
    return {
        "owner_first": re.compile(rf"(?:\s+(?:{areas}))?(?:['’]s?)?\s+{kind}capital(?:\s+city)?(?![\w-])(?!\s+of\b)", re.IGNORECASE),
        "capital_of": re.compile(rf"\b(?:the\s+)?{kind}capital\s+of\s+(?:the\s+)?(?:[a-z-]+\s+){{0,2}}$", re.IGNORECASE),
        "area_noun": re.compile(rf"\s+(?:{areas})(?![\w-])", re.IGNORECASE),
        "named_after": re.compile(rf"(?:\s+(?:{areas}))?{space}*,?{space}*", re.IGNORECASE),
        "is_capital_of": re.compile(rf"\s*,\s*(?:the\s+)?{kind}capital\s+of\s+(?:the\s+)?(?:[a-z-]+\s+){{0,2}}", re.IGNORECASE),
        "capital_named": re.compile(rf"(?:\s+(?:{areas}))?(?:['’]s?)?\s+{kind}capital(?:\s+city)?{space}*,?{space}*", re.IGNORECASE),
    }
