"""Facilities a text names by the settlement they serve: "Gao's airport", "the airport of El Fasher".

No name of the facility is written, so the gazetteer is looked up by the
settlement's name and the facility noun ("<settlement> airport",
"<settlement> international airport", see ``[facility_of]`` in
``geo/lexicon/places.toml``); the facility found must lie near the
settlement, or it is not that settlement's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache

from geographiclib.geodesic import Geodesic

from geo.lexicon import alternation, load as load_lexicon
from geo.records import Mention, Place, PlaceKind, SETTLEMENTS

__all__ = ["Named", "facility_of", "owned_facility", "with_owned_facilities", "works_after"]

Named = Callable[[str], Sequence[Place]]


@cache
def _words() -> dict:
    return load_lexicon("places")["facility_of"]


def facility_of(settlement: Place, noun: str, named: Named, written: str = "") -> Place | None:
    """The gazetteer's facility of kind ``noun`` ("airport") serving ``settlement``, or None.

    The facility is looked up by the settlement's name as ``written`` in the
    text ("Misrata airport"), then by its gazetteer name ("Misratah airport").

    >>> gao = Place("x:gao", "Gao", 16.27, -0.04, PlaceKind.CITY, "ML")
    >>> strip = Place("x:gao-airport", "Gao Airport", 16.25, -0.01, PlaceKind.FACILITY, "ML")
    >>> facility_of(gao, "airport", lambda name: [strip] if name == "Gao airport" else []).name
    'Gao Airport'
    >>> facility_of(gao, "refinery", lambda name: [strip]) is None
    True
    """
    words = _words()
    if not settlement.located or noun not in words["names"]:
        return None
    for name, template in ((name, template) for name in dict.fromkeys((written or settlement.name, settlement.name))
                           for template in words["names"][noun]):
        for place in named(template.format(name)):
            if place.kind is PlaceKind.FACILITY and place.located and \
                    Geodesic.WGS84.Inverse(settlement.lat, settlement.lon, place.lat, place.lon)["s12"] <= words["km"] * 1000:
                return place
    return None


def owned_facility(text: str, start: int, end: int, place: Place, named: Named) -> tuple[int, int, Place] | None:
    """The span and place of the facility the settlement named at ``text[start:end]`` owns, or None.

    "Gao's airport" (the noun after the name) and "the international airport
    near the city of Hodeidah" (the noun before it) are the settlement's
    facility, which then stands in the settlement's place.

    >>> kandahar = Place("x:kdh", "Kandahar", 31.61, 65.71, PlaceKind.CITY, "AF")
    >>> airport = Place("x:oakn", "Kandahar International Airport", 31.51, 65.85, PlaceKind.FACILITY, "AF")
    >>> named = lambda name: [airport] if name == "Kandahar international airport" else []
    >>> text = "The Taliban took the airport outside the city of Kandahar."
    >>> span = owned_facility(text, text.index("Kandahar"), len(text) - 1, kandahar, named)
    >>> text[span[0]:span[1]], span[2].name
    ('the airport outside the city of Kandahar', 'Kandahar International Airport')
    """
    if place.kind not in SETTLEMENTS:
        return None
    owned, owner = _patterns()
    written = text[start:end]
    if (after := owned.match(text, end)) and (facility := facility_of(place, after.group("noun"), named, written)):
        return start, after.end(), facility
    if (before := owner.search(text, max(0, start - 80), start)) and \
            (facility := facility_of(place, before.group("noun").casefold(), named, written)):
        return before.start(), end, facility
    return None


def _works(text: str, mention: Mention, named: Named) -> tuple[int, int, Place] | None:
    """ "the Tabqa dam", "the Zaporizhzhia nuclear plant": the gazetteer's facility of that name, else an unlocated one."""
    if mention.place.kind not in SETTLEMENTS or (after := _works_after().match(text, mention.end)) is None:
        return None
    name = text[mention.start:after.end()]
    found = next((p for p in named(name) if p.kind is PlaceKind.FACILITY and p.located), None)
    return mention.start, after.end(), found or Place.unlocated(name, kind=PlaceKind.FACILITY, country=mention.place.country)


def with_owned_facilities(text: str, mentions: Sequence[Mention], named: Named) -> list[Mention]:
    """``mentions`` (sorted, not overlapping) with each settlement that owns a facility named so replaced by it.

    The facility's mention spans the phrase ("Gao's airport"); mentions inside
    it ("the airport near the Yemeni city of Hodeidah": "Yemeni") are dropped.
    Works named after a settlement ("the Tabqa dam") are never the settlement.
    """
    out: list[Mention] = []
    for mention in mentions:
        owned = _works(text, mention, named) or owned_facility(text, mention.start, mention.end, mention.place, named)
        if owned is None:
            if not out or mention.start >= out[-1].end:
                out.append(mention)
            continue
        start, end, place = owned
        while out and out[-1].end > start:
            out.pop()
        hint = mention.hint or ("" if place.located else " ".join(text[mention.end:end].split()).lower())  # "dam"
        out.append(Mention(mention.article, start, end, text[start:end], place, mention.score, "", hint))
    return out


def works_after(text: str, end: int) -> bool:
    """Whether works named after the place ending at ``end`` follow: "Kakhovka Dam", "the Tabqa dam"."""
    return _works_after().match(text, end) is not None


@cache
def _works_after() -> re.Pattern:
    return re.compile(rf"\s+(?P<noun>{alternation(_words()['works'])})(?![\w'’-])", re.IGNORECASE)


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    words = _words()
    nouns = alternation(words["names"])
    owned = re.compile(rf"['’]s\s+(?:(?:main|international|military|old|new)\s+)?(?P<noun>{nouns})\b")
    owner = re.compile(rf"\b[Tt]he\s+(?:[a-z][a-z-]*\s+)?(?P<noun>(?i:{nouns}))\s+(?:{alternation(words['owner'])})\s+"
                       rf"(?:the\s+(?:[\w'’-]+\s+){{0,2}}?(?:city|town|port)\s+of\s+)?$")
    return owned, owner
