"""Checking stated distances and directions against gazetteer coordinates.

:func:`check_claim` measures the geodesic (WGS84 ellipsoid, Karney's
algorithm through ``geographiclib``, the code behind
``geopy.distance.geodesic``) and the initial bearing from the reference to
the subject, and gives a :class:`~geo.records.Verdict`.

The tolerance model is :mod:`geo.extract.tolerance`'s.

Directions are the 16 winds; an 8-wind word ("north", "NW") is a 45 degree
sector centred on its direction (N is 337.5-22.5), a 16-wind one ("NNW") a
22.5 degree sector. The bearing is ``exact`` inside the sector, ``near`` in
an adjacent sector of the same width, ``wrong`` beyond. When the two ends
lie closer than twice their position uncertainty, no bearing is judged.

Verdicts: ``unverifiable`` when an end is unnamed, unlocated, or an area or
a line (a country, a province, a river); otherwise a distance claim is
``consistent`` when the distance fits and the direction, if stated, is not
``wrong``; a direction-only claim is ``consistent`` when ``exact`` or
``near`` (a writer's "north" is a rough word: a town on a bearing of
335 degrees is "north" of the city it is measured from), ``inconsistent`` when ``wrong``.

>>> sector("NW"), sector("NNW")
((292.5, 337.5), (326.25, 348.75))
>>> judge_direction(335.0, "N"), judge_direction(10.0, "N"), judge_direction(180.0, "N")
(<DirectionVerdict.NEAR: 'near'>, <DirectionVerdict.EXACT: 'exact'>, <DirectionVerdict.WRONG: 'wrong'>)
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import replace
from functools import cache

from geographiclib.geodesic import Geodesic

from geo.errors import FrontlineError
from geo.lexicon import load as load_lexicon
from geo.places.borders import Borders, compass
from geo.extract.tolerance import conversion, figure_km, from_km, imprecision, roundness, stated_range, to_km, tolerance_for, units
from geo.records import ClaimKind, DirectionVerdict, DistanceCheck, DistanceClaim, PlaceKind, Verdict

__all__ = [
    "check_border",
    "check_claim",
    "check_claims",
    "from_km",
    "judge",
    "judge_direction",
    "measure",
    "roundness",
    "sector",
    "to_km",
    "tolerance_for",
    "units",
]

# Kinds whose position is a point; the rest are areas or lines.
_POINT_KINDS = frozenset(
    {PlaceKind.CITY, PlaceKind.TOWN, PlaceKind.VILLAGE, PlaceKind.FACILITY, PlaceKind.CROSSING, PlaceKind.DISTRICT}
)


@cache
def _lexicon() -> dict:
    return load_lexicon("distances")


@cache
def _directions() -> tuple[str, ...]:
    return tuple(_lexicon()["directions"]["order"])


def sector(direction: str) -> tuple[float, float]:
    """The compass sector ``(from, to)`` in degrees a direction word stands for.

    >>> sector("N")
    (337.5, 22.5)
    """
    centre, width = _centre_width(direction)
    return ((centre - width / 2) % 360, (centre + width / 2) % 360)


def _centre_width(direction: str) -> tuple[float, float]:
    order = _directions()
    if direction not in order:
        raise FrontlineError(f"{direction!r} is not a direction; expected one of: {', '.join(order)}")
    index = order.index(direction)
    step = 360 / len(order)
    return index * step, (2 * step if len(direction) <= 2 else step)


def _angle(a: float, b: float) -> float:
    """The smaller angle between two bearings, 0..180."""
    diff = abs(a - b) % 360
    return min(diff, 360 - diff)


def judge_direction(bearing: float, direction: str) -> DirectionVerdict:
    """``exact`` when ``bearing`` lies in the sector of ``direction``, ``near`` in an adjacent one."""
    centre, width = _centre_width(direction)
    off = _angle(bearing % 360, centre)
    if off <= width / 2:
        return DirectionVerdict.EXACT
    if off <= 1.5 * width:
        return DirectionVerdict.NEAR
    return DirectionVerdict.WRONG


@functools.lru_cache(maxsize=65536)  # reports keep measuring the same pairs of towns
def measure(lat1: float, lon1: float, lat2: float, lon2: float) -> tuple[float, float]:
    """Geodesic kilometres and initial bearing (0..360) from point 1 to point 2.

    >>> km, bearing = measure(0.0, 0.0, 1.0, 0.0)
    >>> round(km, 1), round(bearing, 1)
    (110.6, 0.0)
    """
    line = Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2)
    return line["s12"] / 1000.0, compass(line["azi1"])

def check_claim(claim: DistanceClaim) -> DistanceCheck:
    """Measure a claim and give its verdict.

    >>> from geo.records import Evidence, Place
    >>> kyiv = Place("t:kyiv", "Kyiv", 50.45, 30.52, "city")
    >>> kharkiv = Place("t:kharkiv", "Kharkiv", 49.99, 36.23, "city")
    >>> claim = DistanceClaim("a", "Kharkiv", "Kyiv", "distance", Evidence("a", ""),
    ...     kharkiv, kyiv, value=410, unit="km", stated_km=410.0, direction="E")
    >>> check = check_claim(claim)
    >>> round(check.measured_km), check.verdict.value, check.direction_verdict.value
    (411, 'consistent', 'exact')
    """
    notes = [claim.note] if claim.note else []
    converted = None
    if claim.alt_value is not None and claim.value is not None and claim.unit in units() and claim.alt_unit in units():
        converted, said = conversion(claim.value, claim.unit, claim.alt_value, claim.alt_unit)
        notes.append(said)
    if claim.border is not None:
        return replace(check_border(claim, notes), conversion=converted)
    return replace(_check_points(claim, notes), conversion=converted)


def _unverifiable(claim: DistanceClaim, notes: list[str], why: str, **measured) -> DistanceCheck:
    return DistanceCheck(claim, verdict=Verdict.UNVERIFIABLE, note="; ".join([*notes, why]), **measured)


def _check_points(claim: DistanceClaim, notes: list[str]) -> DistanceCheck:
    subject, reference = claim.subject_place, claim.reference_place
    for place, end, words in ((subject, "subject", claim.subject), (reference, "reference", claim.reference)):
        if place is None:
            return _unverifiable(claim, notes, f"the {end} ({words}) is not a gazetteer place")
    for place in (subject, reference):
        if not place.located:
            return _unverifiable(claim, notes, f"{place.name} has no coordinates")
    for place in (subject, reference):
        if place.kind not in _POINT_KINDS:
            return _unverifiable(claim, notes, f"{place.name} is a {place.kind.value}, not a point")
    km, bearing = measure(reference.lat, reference.lon, subject.lat, subject.lon)
    if km == 0:
        bearing = None
    for placed, other in ((subject, reference), (reference, subject)):
        if placed.placed_from and placed.placed_from == other.id:
            why = f"{placed.name} was placed in the gazetteer from a stated distance to {other.name}: the check proves nothing"
            return DistanceCheck(claim, km, bearing, verdict=Verdict.CIRCULAR, note="; ".join([*notes, why]))
    return judge(claim, km, bearing, subject.precision_km + reference.precision_km, notes)


def judge(claim: DistanceClaim, km: float, bearing: float | None, precision: float, notes: list[str]) -> DistanceCheck:
    """The verdict on ``claim`` for a measured ``km`` and ``bearing``, with ends uncertain by ``precision`` km."""
    lex = _lexicon()["check"]
    direction_verdict = None
    if claim.direction and bearing is not None:
        if km >= lex["bearing_min_factor"] * precision and km > 0:
            direction_verdict = judge_direction(bearing, claim.direction)
        else:
            notes.append("the two places are too close for their positions to give a bearing")
    if claim.kind is ClaimKind.DIRECTION and km > lex["direction_implausible_km"] and claim.border is None:
        why = f"the places lie {km:.0f} km apart: a place resolved wrongly is likelier than a direction given that far"
        return DistanceCheck(claim, km, bearing, None, Verdict.UNVERIFIABLE, None, None, "; ".join([*notes, why]))
    if claim.kind is ClaimKind.DIRECTION:
        verdict = {
            None: Verdict.UNVERIFIABLE,
            DirectionVerdict.EXACT: Verdict.CONSISTENT,
            DirectionVerdict.NEAR: Verdict.CONSISTENT,
            DirectionVerdict.WRONG: Verdict.INCONSISTENT,
        }[direction_verdict]
        if direction_verdict is DirectionVerdict.NEAR:
            notes.append(f"bearing {bearing:.0f} degrees lies in a sector next to {claim.direction}")
        return DistanceCheck(claim, km, bearing, None, verdict, direction_verdict, None, "; ".join(notes))
    stated = stated_range(claim)
    if stated is None:
        notes.append("no distance stated")
        return DistanceCheck(claim, km, bearing, None, Verdict.UNVERIFIABLE, direction_verdict, None, "; ".join(notes))
    ratio = claim.stated_km / km if claim.stated_km is not None and km > 0 else None
    why = imprecision(claim, precision)
    if why is None and claim.kind is ClaimKind.DISTANCE and claim.border is None:
        factor = lex["implausible_ratio"]
        if km > factor * stated[1] or km * factor < stated[0]:
            why = (f"measured {km:.0f} km against a stated {figure_km(claim):.3g} km: a place resolved wrongly is "
                   "likelier than a figure that far off")
            direction_verdict = None  # the bearing to a wrong place says nothing of the direction either
    if why is not None:
        return DistanceCheck(claim, km, bearing, ratio, Verdict.UNVERIFIABLE, direction_verdict, None, "; ".join([*notes, why]))
    r = tolerance_for(claim)
    low = max(0.0, min(stated[0] / (1 + r), stated[0] - precision))
    high = max(stated[1] / (1 - r), stated[1] + precision)
    verdict = Verdict.CONSISTENT if low <= km <= high else Verdict.INCONSISTENT
    if verdict is Verdict.INCONSISTENT:
        notes.append(f"measured {km:.0f} km lies outside {low:.0f}-{high:.0f} km")
    _, road_high = lex["road_factor"]
    if ratio is not None and lex["road_note_from"] < ratio <= road_high * (1 + r):
        notes.append(f"fits a road distance (ratio {ratio:.2f})")
    if direction_verdict is DirectionVerdict.WRONG:
        verdict = Verdict.INCONSISTENT
        notes.append(f"bearing {bearing:.0f} degrees is not {claim.direction}")
    elif direction_verdict is DirectionVerdict.NEAR:
        notes.append(f"bearing {bearing:.0f} degrees lies in a sector next to {claim.direction}")
    return DistanceCheck(claim, km, bearing, ratio, verdict, direction_verdict, (low, high), "; ".join(notes))


def check_border(claim: DistanceClaim, notes: list[str]) -> DistanceCheck:
    """Check a claim whose reference is a border: the geodesic to the nearest point of the border line.

    The line is the border between the subject's country and the one named
    ("the border with Jordan", "the Chinese border"); both named ("the
    Syrian-Turkish border") it is theirs; "the border" alone is the nearest
    land border of the subject's country. The bearing is from that point of
    the border to the subject.
    """
    subject = claim.subject_place
    if subject is None:
        return _unverifiable(claim, notes, f"the subject ({claim.subject}) is not a gazetteer place")
    if not subject.located:
        return _unverifiable(claim, notes, f"{subject.name} has no coordinates")
    if subject.kind not in _POINT_KINDS:
        return _unverifiable(claim, notes, f"{subject.name} is a {subject.kind.value}, not a point")
    borders = Borders.default()
    line, said = _border_line(borders, subject.country, claim.border)
    if said:
        notes.append(said)
    if line is None:
        return _unverifiable(claim, notes, "no such land border is bundled")
    km, _, _, bearing = borders.distance_to(subject.lat, subject.lon, line)
    notes.append(f"measured to the nearest point of the {line.name}")
    precision = subject.precision_km + _lexicon()["check"]["border_precision_km"]
    stated = stated_range(claim)
    if said and "share no land border" in said and stated is not None and \
            km > _lexicon()["check"]["implausible_ratio"] * stated[1]:
        # A subject in a country that does not touch the border, far beyond the figure: the subject
        # was resolved to a namesake elsewhere ("Palma, 60 km south of the Tanzanian border" in Spain).
        return _unverifiable(claim, notes, f"measured {km:.0f} km against a stated {figure_km(claim):.3g} km: "
                             "a place resolved wrongly is likelier than a figure that far off", measured_km=km)
    return judge(claim, km, bearing, precision, notes)


def _border_line(borders: Borders, home: str, named: tuple[str, ...]):
    """The border line a claim means, and a note when it is not the plain reading."""
    home = (home or "").upper()
    named = tuple(code.upper() for code in named)
    if len(named) >= 2:
        line = borders.line(named[0], named[1])
        return line, None if line else f"{borders.name(named[0])} and {borders.name(named[1])} share no land border"
    if len(named) == 1 and home and named[0] != home:
        line = borders.line(home, named[0])
        if line is not None:
            return line, None
        return borders.line(named[0]), f"{borders.name(home)} and {borders.name(named[0])} share no land border: " \
            f"measured to {borders.name(named[0])}'s nearest land border"
    if len(named) == 1:  # the subject's own country, or a subject of no known country
        return borders.line(named[0]), None
    if home:
        return borders.line(home), f"no country named: measured to the nearest land border of {borders.name(home)}"
    return None, "no country named, and the subject's country is not known"


def check_claims(claims: Iterable[DistanceClaim]) -> tuple[DistanceCheck, ...]:
    """:func:`check_claim` for each claim, in order."""
    return tuple(check_claim(claim) for claim in claims)
