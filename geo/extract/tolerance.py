"""The tolerance model: how far a measured distance may lie from a stated one.

Tolerance model
---------------
A claim states an interval ``[lo, hi]`` km (``stated_range_km``): the value
itself, or what the hedge makes of it ("more than 30 km" is 30-45 km,
"within 5 km" 0-5 km), a vague quantity ("a few miles" 2-5 mi) or a travel
time at plausible speeds ("a 10 minute drive" is 3.3-13.3 km at 20-80 km/h).
The writer's figure is then allowed a relative error

    ``r = base + hedge widening + roundness``

``base`` is 7 %; "about", "some", "roughly" add 7 %; the roundness of the
number adds 10 % for one significant digit (300, 50), 5 % for a half step
(150, 250), 2 % for two digits (320, 13), nothing for more (153). The
gazetteer positions are uncertain by ``p`` = the sum of both places'
``precision_km``. The measured distance is consistent when it lies in

    ``[min(lo / (1 + r), lo - p),  max(hi / (1 - r), hi + p)]``

which is :attr:`DistanceCheck.tolerance`: the larger of the writer's and
the gazetteer's slack, not their sum, since ``r`` already covers a writer
measuring from a city's edge rather than its centre (a 5 km position cannot
fail a claim by 3 km; a city's 25 km extent does not excuse a 23 % error on
200 km). So "about 320 km" accepts 276-381 km, a plain "275 km" 257-296 km,
"about 150 miles" 203-298 km.
``ratio`` is stated / measured. A ratio from 1.1 up to the top of the road
band (1.4 times the geodesic, widened by ``r``) gets the note "fits a road
distance (ratio 1.23)": road distances run 1.2-1.4 times the straight line.

>>> round(to_km(150, "mi"), 1), round(from_km(241.4016, "mi"), 3)
(241.4, 150.0)
"""

from __future__ import annotations

import math
from functools import cache

from geo.errors import FrontlineError
from geo.lexicon import load as load_lexicon
from geo.records import ClaimKind, DistanceClaim

__all__ = ["from_km", "roundness", "stated_range", "to_km", "tolerance_for", "units"]


@cache
def _lexicon() -> dict:
    return load_lexicon("distances")


@cache
def units() -> dict[str, float]:
    """Kilometres per unit, by normalised unit name.

    >>> units()["nmi"]
    1.852
    """
    return {name: float(entry["km"]) for name, entry in _lexicon()["units"].items()}


def _factor(unit: str) -> float:
    try:
        return units()[unit]
    except KeyError:
        valid = ", ".join(units())
        raise FrontlineError(f"{unit!r} is not a length unit; expected one of: {valid}") from None


def to_km(value: float, unit: str) -> float:
    """``value`` in ``unit`` ("km", "mi", "m", "nmi") as kilometres.

    >>> to_km(13, "mi")
    20.921472
    """
    return value * _factor(unit)


def from_km(km: float, unit: str) -> float:
    """Kilometres as ``unit``: the inverse of :func:`to_km`.

    >>> from_km(1.852, "nmi")
    1.0
    """
    return km / _factor(unit)


def roundness(value: float) -> float:
    """Extra relative tolerance the roundness of a stated number allows.

    >>> roundness(300), roundness(150), roundness(320), roundness(153)
    (0.1, 0.05, 0.02, 0.0)
    """
    table = _lexicon()["check"]["roundness"]
    if not math.isfinite(value) or value <= 0:
        return table["one_digit"]
    digits = f"{value:.6f}".replace(".", "").strip("0")
    if len(digits) == 1:
        return table["one_digit"]
    if len(digits) == 2 and digits.endswith("5"):
        return table["half_step"]
    if len(digits) == 2:
        return table["two_digits"]
    return table["more"]


def tolerance_for(claim: DistanceClaim) -> float:
    """The relative tolerance ``r`` of a claim's stated figure (see the module docstring).

    >>> from geo.records import Evidence
    >>> c = DistanceClaim("a", "X", "Y", "distance", Evidence("a", ""), value=150, unit="mi", hedge="about")
    >>> round(tolerance_for(c), 2)
    0.19
    """
    lex = _lexicon()
    r = lex["check"]["base_tolerance"]
    if claim.hedge:
        r += lex["hedges"].get(claim.hedge.casefold(), {}).get("widen", 0.0)
    if claim.value is not None and claim.kind is ClaimKind.DISTANCE:
        r += roundness(claim.value)
    return r


def stated_range(claim: DistanceClaim) -> tuple[float, float] | None:
    if claim.stated_range_km is not None:
        return claim.stated_range_km
    if claim.stated_km is not None:
        hedge = _lexicon()["hedges"].get((claim.hedge or "").casefold(), {})
        low, high = hedge.get("range", (1.0, 1.0))
        return (claim.stated_km * low, claim.stated_km * high)
    return None
