"""Theatres: the separate wars of a corpus, found from where its places lie.

The located places a run draws (control, events, distance checks; not
countries) are grouped by single linkage: two places within ``LINK_KM`` of
each other are in the same theatre. A theatre is named by the countries of its
places, most places first ("Iraq, Syria"), and covers its places plus a margin.

>>> from geo.records import Place
>>> kyiv, kharkiv = Place("a", "Kyiv", 50.45, 30.52, country="UA"), Place("b", "Kharkiv", 49.99, 36.23, country="UA")
>>> goma = Place("c", "Goma", -1.68, 29.23, country="CD")
>>> [(t.id, t.name, len(t.places)) for t in group([goma, kharkiv, kyiv], {"UA": "Ukraine", "CD": "DR Congo"})]
[('t1', 'Ukraine', 2), ('t2', 'DR Congo', 1)]
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from geo.records import Place, PlaceKind
from geo.write.basemap import Box

__all__ = ["LINK_KM", "Theatre", "frame", "group", "locator"]

LINK_KM = 600.0
MARGIN_DEG = 3.0  # the basemap a theatre embeds reaches this far beyond its places
_MIN_SPAN_DEG = 1.0  # a frame of one place shows its surroundings, not a street
_POINTLESS = (PlaceKind.COUNTRY,)


@dataclass(frozen=True, slots=True)
class Theatre:
    """One war of the corpus: an id (``t1``...), a name, its places and the box the map embeds."""

    id: str
    name: str
    countries: tuple[str, ...]
    places: tuple[Place, ...]
    box: Box

    def holds(self, place: Place) -> bool:
        return any(p.id == place.id for p in self.places) or (place.located and self.box.holds(place.lon, place.lat))


def _km(a: Place, b: Place) -> float:
    """Great-circle distance (haversine: grouping needs no geodesic precision)."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b.lon - a.lon) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def drawable(place: Place | None) -> bool:
    """A place drawn as a point: located and not a country."""
    return place is not None and place.located and place.kind not in _POINTLESS


def group(places: Iterable[Place], names: Mapping[str, str]) -> list[Theatre]:
    """The theatres of ``places`` (duplicates and undrawable places ignored), largest first.

    ``names`` maps ISO2 country codes to the names shown.
    """
    unique = sorted({p.id: p for p in places if drawable(p)}.values(), key=lambda p: p.id)
    parent = list(range(len(unique)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(unique)):
        for j in range(i + 1, len(unique)):
            if root(i) != root(j) and _km(unique[i], unique[j]) <= LINK_KM:
                parent[root(j)] = root(i)
    clusters: dict[int, list[Place]] = {}
    for i, place in enumerate(unique):
        clusters.setdefault(root(i), []).append(place)
    ordered = sorted(clusters.values(), key=lambda ps: (-len(ps), ps[0].id))
    theatres = []
    for number, members in enumerate(ordered, start=1):
        counts = Counter(p.country for p in members if p.country)
        countries = tuple(code for code, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0])))
        name = ", ".join(names.get(code, code) for code in countries[:3]) or "Unknown country"
        box = Box.around((p.lon, p.lat) for p in members)
        theatres.append(Theatre(f"t{number}", name, countries, tuple(members), box.grown(max(MARGIN_DEG, 0.5 * box.span))))
    return theatres


def locator(theatres: Sequence[Theatre]) -> Callable[[Place], Theatre | None]:
    """A function giving a place's theatre: the first that has it among its places, else the first whose box holds it.

    The same answer as asking each theatre in turn (:meth:`Theatre.holds`, places first), in constant time.

    >>> from geo.records import Place
    >>> kyiv, kharkiv = Place("a", "Kyiv", 50.45, 30.52, country="UA"), Place("b", "Kharkiv", 49.99, 36.23, country="UA")
    >>> of = locator(group([kyiv], {}))
    >>> of(kyiv).id, of(kharkiv)
    ('t1', None)
    """
    members: dict[str, Theatre] = {}
    for theatre in theatres:
        for place in theatre.places:
            members.setdefault(place.id, theatre)
    found: dict[tuple, Theatre | None] = {}

    def theatre_of(place: Place) -> Theatre | None:
        theatre = members.get(place.id)
        if theatre is not None or not place.located:
            return theatre
        key = (place.lon, place.lat)
        if key not in found:
            found[key] = next((t for t in theatres if t.box.holds(place.lon, place.lat)), None)
        return found[key]

    return theatre_of


def frame(places: Iterable[Place]) -> list[list[float]] | None:
    """Leaflet bounds ``[[south, west], [north, east]]`` around ``places``, at least ``_MIN_SPAN_DEG`` wide."""
    points = [(p.lon, p.lat) for p in places if drawable(p)]
    if not points:
        return None
    box = Box.around(points)
    grow_lat = max(0.0, _MIN_SPAN_DEG - (box.north - box.south)) / 2
    grow_lon = max(0.0, _MIN_SPAN_DEG - (box.east - box.west)) / 2
    return [[round(max(-85.0, box.south - grow_lat), 4), round(box.west - grow_lon, 4)],
            [round(min(85.0, box.north + grow_lat), 4), round(box.east + grow_lon, 4)]]  # fmt: skip
