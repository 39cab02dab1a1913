"""The country a text states a place is in, right beside its name.

"the northern Mozambican town of Palma", "Syria's Saraqib", "Palma,
Mozambique", "Gao in northern Mali": the writer says which country, and no
population elsewhere outweighs that. A name whose gazetteer places all lie in
other countries is then no place of the gazetteer (it may still be reported
unlocated); one with places in the stated country keeps only those.

>>> from geo.places.gazetteer import Gazetteer
>>> from geo.places.mentions import find_mentions
>>> from geo.read.articles import make_article
>>> text = "Insurgents seized the northern Mozambican town of Palma on Friday.\\n"
>>> [(m.surface, m.place.country, m.place.located) for m in find_mentions(make_article(text, "t"), Gazetteer.default())
...  if m.surface == "Palma"]
[('Palma', 'MZ', False)]
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from geo.lexicon import alternation, load as load_lexicon
from geo.records import PlaceKind

if TYPE_CHECKING:
    from geo.places.mentions import _Hit

__all__ = ["with_stated_countries"]


def with_stated_countries(text: str, hits: list[_Hit]) -> tuple[list[_Hit], frozenset[str]]:
    """``hits`` with each place hit's candidates narrowed to the country the text states beside it; the keys of
    hits dropped because the gazetteer holds no place of that name there."""
    countries = [(hit, _country_of(hit)) for hit in hits]
    countries = [(hit, code) for hit, code in countries if code]
    if not countries:
        return hits, frozenset()
    stated: dict[str, str] = {}  # one name, one place in one report: what one occurrence states holds for all
    for hit in hits:
        if not hit.demonym and not _country_of(hit) and (code := _stated(text, hit, countries)):
            stated.setdefault(hit.key, code)
    kept, dropped = [], set()
    for hit in hits:
        code = stated.get(hit.key, "") if not hit.demonym else ""
        if code and any(p.country == code for p in hit.candidates):
            pairs = [(p, s) for p, s in zip(hit.candidates, hit.priors) if p.country == code]
            hit.candidates, hit.priors = tuple(p for p, _ in pairs), tuple(s for _, s in pairs)
        elif code:
            dropped.add(hit.key)
            continue
        kept.append(hit)
    return kept, frozenset(dropped)


def _country_of(hit: _Hit) -> str:
    if hit.demonym:
        return hit.demonym.upper()
    top = hit.candidates[0] if hit.candidates else None
    return top.country if top is not None and top.kind is PlaceKind.COUNTRY else ""


def _stated(text: str, hit: _Hit, countries: list[tuple[_Hit, str]]) -> str:
    patterns = _patterns()
    for other, code in countries:
        if other.end < hit.start - _REACH or other.start > hit.end + _REACH:
            continue
        if other.end <= hit.start:
            pattern = patterns["demonym_before"] if other.demonym else patterns["country_before"]
            if pattern.fullmatch(text, other.end, hit.start):
                return code
        elif other.start >= hit.end and patterns["after"].fullmatch(text, hit.end, other.start) and \
                patterns["closes"].match(text, other.end):
            return code
    return ""


_REACH = 60  # characters between a name and its country's, at most


@cache
def _patterns() -> dict[str, re.Pattern]:
    nouns = alternation(load_lexicon("places")["stated_country"]["nouns"])
    noun_of = rf"(?:{nouns})\s+of\s+(?:the\s+)?"
    return {
        # "the Mozambican town of Palma", "the Syrian rebel-held city of Idlib"
        "demonym_before": re.compile(rf"\s+(?:[a-z-]+\s+){{0,2}}?{noun_of}"),
        # "Syria's Saraqib", "Mozambique's northern town of Palma"
        "country_before": re.compile(rf"['’]s\s+(?:(?:[a-z-]+\s+){{0,2}}?{noun_of})?"),
        # "Palma, Mozambique", "Gao in northern Mali", "Gao, in Mali's north"
        "after": re.compile(r",\s*|,?\s+in\s+(?:(?:the\s+)?[a-z-]+\s+){0,2}?"),
        # ... where the country's name closes the phrase ("Goma, Rwanda said" is no such statement)
        "closes": re.compile(r"['’]s\b|\s*(?:[,.;:)!?]|$)|\s+(?:on|in|at|and|after|before|as|where|near|when|while)\b"),
    }
