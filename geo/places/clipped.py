"""Clipped names: "the fall of Mazar" after "Mazar-i-Sharif" is the city, not the province.

Reports shorten a long settlement name to its first word once they have
written it whole ("Mocimboa da Praia ... Mocimboa", "Mazar-i-Sharif ...
Mazar"). Such a short form, where the gazetteer reads it as an area or
another settlement of the same country (or nowhere), is the settlement the
article named whole before it. A facility or an area named so ("Mosul Dam ...
Mosul", "Kyiv region ... Kyiv") shortens to nothing: its first word is a
place of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from geo.places.names import normalise
from geo.records import Mention, SETTLEMENTS

__all__ = ["clipped"]


def clipped(mentions: Sequence[Mention]) -> list[Mention]:
    """``mentions`` (sorted by start), each one-word short form of a settlement written whole before it as that
    settlement.

    >>> from geo.records import Place, PlaceKind
    >>> city = Place("g:1", "Mazar-e Sharif", 36.7, 67.1, PlaceKind.CITY, "AF")
    >>> province = Place("ne:AF-BAL", "Balkh", 36.5, 67.0, PlaceKind.PROVINCE, "AF")
    >>> found = clipped([Mention("a", 0, 14, "Mazar-i-Sharif", city, 1.0), Mention("a", 40, 45, "Mazar", province, 1.0)])
    >>> found[1].place.name
    'Mazar-e Sharif'
    """
    whole: dict[str, Mention] = {}
    out = []
    for mention in mentions:
        place = mention.place
        key = normalise(mention.surface)
        earlier = whole.get(key) if " " not in key else None
        if earlier is not None and (place is None or place.id != earlier.place.id) and _may_shorten(mention, earlier):
            mention = replace(mention, place=earlier.place, score=earlier.score, runner_up=earlier.runner_up)
        elif place is not None and place.located and place.kind in SETTLEMENTS:
            words = key.split()
            if len(words) > 1 and len(words[0]) > 3:
                whole.setdefault(words[0], mention)
        out.append(mention)
    return out


def _may_shorten(mention: Mention, earlier: Mention) -> bool:
    """Whether ``mention`` may be a short form of ``earlier``'s settlement: read as nowhere, or as an area or a
    smaller settlement of its country."""
    place, whole = mention.place, earlier.place
    if place is None or not place.located:
        return True
    if place.country != whole.country:
        return False
    return place.kind not in SETTLEMENTS or place.population < whole.population
