"""Areas of control: an estimate of the ground each reported place stands for.

Reports name places, not front lines. To show at a glance who holds which
area, each place whose control is known gets an *area of influence*: its cell
of the Voronoi diagram of all such places that day (the ground nearer to it
than to any other reported place), cut to its country's land and to a circle
whose radius grows with the place's size (a village stands for a few
kilometres, a city for up to 25). A province or region that the text says is
held is shaded as its own admin-1 area instead. This is an estimate from
reports, not a surveyed line: ground between reported places is assigned to
the nearest one, and a place nobody reported on stays blank.

>>> from datetime import date
>>> from geo.records import ControlState, Place, PlaceKind, Status
>>> day = date(2023, 5, 1)
>>> a = ControlState(Place("a", "A", 15.60, 32.50, PlaceKind.CITY, "SD", population=500_000), day, "SAF", Status.HELD, None)
>>> b = ControlState(Place("b", "B", 15.62, 32.56, PlaceKind.TOWN, "SD", population=20_000), day, "RSF", Status.HELD, None)
>>> cells = areas_of_control([a, b])
>>> [s.place.id for s, _ in cells], cells[0][1].intersects(cells[1][1].buffer(-1e-6))
(['a', 'b'], False)
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date

import shapely
from shapely import affinity

from geo.records import ControlState, Place, PlaceKind
from geo.write.style import style

__all__ = ["AREA_KINDS", "about", "areas_of_control", "opacity", "radius_km"]

#: Kinds shaded as their own area (admin-1 polygons), never as a point's cell.
AREA_KINDS = (PlaceKind.PROVINCE, PlaceKind.REGION)
_KM_PER_DEGREE = 111.32
_QUAD_SEGS = 6


def radius_km(place: Place) -> float:
    """How far the area of a place may reach: from its population, else its kind."""
    z = style()["zones"]
    if place.kind in (PlaceKind.FACILITY, PlaceKind.CROSSING):
        return z["by_kind"][place.kind.value]
    if place.population and place.population > 0:
        return min(z["max_km"], max(z["min_km"], z["radius_km"] * (place.population / 1000) ** (1 / 3)))
    return z["by_kind"].get(place.kind.value, z["min_km"])


def _disc(place: Place) -> shapely.Polygon:
    """A circle of :func:`radius_km` around the place, in degrees (wider in longitude away from the equator)."""
    r = radius_km(place) / _KM_PER_DEGREE
    circle = shapely.Point(place.lon, place.lat).buffer(r, quad_segs=_QUAD_SEGS)
    return affinity.scale(circle, xfact=1 / max(0.05, math.cos(math.radians(place.lat))), yfact=1.0,
                          origin=(place.lon, place.lat))  # fmt: skip


def areas_of_control(
    states: Sequence[ControlState],
    *,
    land: Mapping[str, shapely.Geometry] | None = None,
    areas: Mapping[str, shapely.Geometry] | None = None,
) -> list[tuple[ControlState, shapely.Geometry]]:
    """Each state with the area it is drawn as: admin-1 areas first, then the places' cells.

    ``states`` are one day's located states. ``land`` maps ISO2 codes to the
    countries' land (cells are cut to it), ``areas`` place ids to admin-1
    areas (provinces and regions with one are shaded whole; without one they
    get no area). Places at the same spot share one cell; the first keeps it.
    """
    land, areas = land or {}, areas or {}
    out: list[tuple[ControlState, shapely.Geometry]] = []
    points: list[ControlState] = []
    for state in states:
        place = state.place
        if not place.located or place.kind is PlaceKind.COUNTRY:
            continue
        if place.kind in AREA_KINDS:
            if place.id in areas:
                out.append((state, areas[place.id]))
            continue
        points.append(state)
    by_spot: dict[tuple[float, float], ControlState] = {}
    for state in points:
        by_spot.setdefault((round(state.place.lon, 5), round(state.place.lat, 5)), state)
    spots = sorted(by_spot)
    if not spots:
        return out
    discs = {spot: _disc(by_spot[spot].place) for spot in spots}
    if len(spots) == 1:
        cells = {spots[0]: discs[spots[0]]}
    else:
        envelope = shapely.union_all(list(discs.values())).envelope.buffer(1.0)
        diagram = shapely.voronoi_polygons(shapely.MultiPoint(spots), extend_to=envelope)
        cells = {}
        tree = shapely.STRtree([shapely.Point(spot) for spot in spots])
        for cell in shapely.get_parts(diagram):
            for index in tree.query(cell, predicate="intersects"):
                if cell.contains(tree.geometries[index]) or cell.touches(tree.geometries[index]):
                    cells.setdefault(spots[int(index)], cell)
    for spot in spots:
        state = by_spot[spot]
        area = shapely.intersection(cells.get(spot, discs[spot]), discs[spot])
        country = land.get(state.place.country)
        if country is not None and shapely.intersects(country, shapely.Point(spot)):
            area = shapely.intersection(area, country)
        area = shapely.make_valid(area)
        polygons = [p for p in shapely.get_parts(area) if p.geom_type in ("Polygon", "MultiPolygon") and not p.is_empty]
        if polygons:
            out.append((state, shapely.union_all(polygons)))
    order = {id(s): i for i, s in enumerate(states)}
    return sorted(out, key=lambda item: (item[0].place.kind not in AREA_KINDS, order[id(item[0])]))


def opacity(day: date, last_report: date | None) -> float:
    """Fill opacity of an area on ``day``: halves every ``half_life_days`` since its last report."""
    z = style()["zones"]
    if last_report is None:
        return z["min_opacity"]
    age = max(0, (day - last_report).days)
    return round(max(z["min_opacity"], z["opacity"] * 0.5 ** (age / z["half_life_days"])), 3)


def about() -> list[str]:
    """The method and its limits in words, for the maps' "about" panel (the README says the same)."""
    z = style()["zones"]
    return [
        "Areas of control are an estimate from reports, not surveyed front lines. Each place whose control a "
        "report gives stands for the ground nearer to it than to any other reported place that day (its Voronoi "
        f"cell), cut to its country's land and to a circle that grows with the place's size ({z['min_km']:g} km "
        f"for a village up to {z['max_km']:g} km for a large city). A province or region the text says is held "
        "is shaded as its admin-1 area. Ground between reported places goes to the nearest one; ground that no "
        "report covers stays blank, whoever holds it.",
        "An area takes its controller's colour; hatching marks a contested place; an area fades as its last "
        f"report ages (its opacity halves every {z['half_life_days']:g} days).",
        "Circles are places coloured by who holds them (bigger when they changed hands that day, ringed in "
        "dashed orange when contested); diamonds, bursts and squares are the day's events in the actor's "
        "colour; lines are stated distances checked against the gazetteer. Symbols that would overlap are "
        "drawn apart, with a thin line to where the place lies; names that would overlap are left out until "
        "you zoom in.",
        "Basemap: Natural Earth (public domain): land, coasts, lakes, major rivers, admin-0 and admin-1 "
        "boundaries and names; populated places: GeoNames (CC BY 4.0). Roads are not included.",
    ]
