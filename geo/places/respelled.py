"""Names the gazetteer has under another romanisation: "the city of Balaklia" is Balakliya.

A name the text presents as a settlement (see :mod:`geo.places.unlocated`)
that no gazetteer name matches is looked for among the settlements of the
article's country whose names romanise it otherwise (:meth:`Gazetteer.spelled_like`).
Only there: the same skeleton in another country is another place.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from geo.places.gazetteer import Gazetteer, prior
from geo.records import Mention, Place, PlaceKind, SETTLEMENTS

__all__ = ["respelled"]



def respelled(mentions: Sequence[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """``mentions`` with each unlocated settlement of a known country located where its country has it respelled.

    >>> from geo.records import Place
    >>> town = Place.unlocated("Balaklia", kind=PlaceKind.CITY, country="UA")
    >>> [m.place.name for m in respelled([Mention("a", 0, 8, "Balaklia", town, 0.0, "", "the city of")],
    ...                                  Gazetteer.default())]
    ['Balakliya']
    """
    out = []
    for mention in mentions:
        place = mention.place
        if place is not None and not place.located and place.country and place.kind in SETTLEMENTS:
            found = _as_named(gazetteer, gazetteer.spelled_like(mention.surface, place.country), place.country)
            if found:
                best = prior(found[0])
                score = 1.0 / sum(math.exp(prior(p) - best) for p in found)
                mention = Mention(mention.article, mention.start, mention.end, mention.surface, found[0], score,
                                  found[1].id if len(found) > 1 else "", mention.hint)
        out.append(mention)
    return out


def _as_named(gazetteer: Gazetteer, found: Sequence[Place], country: str) -> list[Place]:
    """The places ``found``, with the settlements of ``country`` that bear their names, best first.

    The respelling identifies a name; the name is then resolved as if written
    so: "Gulyaipole" is an alternate name of a village only, but its village
    is called Hulyaypole, as is the town an analyst means.
    """
    pool = {p.id: p for p in found}
    for name in dict.fromkeys(p.name for p in found):
        pool.update((p.id, p) for p in gazetteer.candidates(name) if p.country == country and p.kind in SETTLEMENTS)
    return sorted(pool.values(), key=lambda p: (-prior(p), p.id))
