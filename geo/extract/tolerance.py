"""The tolerance model: how far a measured distance may lie from a stated one.

Every number below lives in ``[check]`` and ``[hedges]`` of
``geo/lexicon/distances.toml``; the checks in :mod:`geo.extract.checks` use
the functions here.

The stated interval
-------------------
A claim states an interval ``[lo, hi]`` km (:func:`stated_range`): the value
itself, or what a bound makes of it, or a range. Bounds: "less than",
"under", "up to", "within", "no more than" N are ``[0, N]``; "nearly",
"almost" ``[0.8 N, N]``; "just under" ``[0.85 N, N]``; "more than", "over",
"at least" ``[N, 1.5 N]`` (a writer says "more than 300" of 320 or 400,
rarely of 500: the next round figure up bounds it); "just over"
``[N, 1.15 N]``. A vague quantity ("a few miles") is its lexicon interval
(2-5 mi); a travel time is its duration at the mode's plausible speeds ("a
10 minute drive" is 3.3-13.3 km at 20-80 km/h).

The writer's error
------------------
The writer's figure is allowed a relative error

    ``r = base + hedge widening + roundness``

``base`` is 7 %: a writer measures from a city's edge or a map's centre
rather than from the gazetteer's point, which on the seeds' Iraqi towns
moves a 300 km figure by 5 %. "about", "some", "roughly", "around" add 7 %
(a hedged figure promises less). Roundness adds 10 % for one significant
digit (300, 50), 5 % for a half step (150, 25), 2 % for two digits (320,
13), nothing for more (153): a figure rounded to one digit stands for
anything within half a step of it (300 for 250-350, up to 17 %), and
writers round to the nearest figure far more often than to the step's
edge, so the allowance is about the mean rounding error, not the worst.

The positions' error
--------------------
The gazetteer positions are uncertain by ``p`` = the sum of both places'
``precision_km`` (0.5 km for a village's GeoNames point, growing with a
city's size to 25 km because a writer may measure from its edge; the
curated supplement states its own), and a border line by
``border_precision_km`` (1 km: Natural Earth's 1:10 million linework). The
measured distance is ``consistent`` when it lies in

    ``[min(lo / (1 + r), lo - p),  max(hi / (1 - r), hi + p)]``

which is :attr:`DistanceCheck.tolerance`: the larger of the writer's and
the gazetteer's slack, not their sum, since ``r`` already covers a writer
measuring from a city's edge rather than its centre (a 5 km position cannot
fail a claim by 3 km; a city's 25 km extent does not excuse a 23 % error on
200 km). So "about 320 km" accepts 276-381 km, a plain "275 km" 257-296 km,
"about 150 miles" 203-298 km.

When ``p`` reaches ``precision_limit`` (0.5) of the stated figure the claim
is ``unverifiable``: the positions alone could then move the distance by
half of it, and the interval above would accept anything from a third of
the figure to one and a half times it, so "consistent" would say nothing.
A check of Kyiv to a village 14 km away with Kyiv's 17 km extent is such a
case; the 0.5 leaves room for a town 35 km from a city of 700,000
(``p`` about 9 km) to be checked.

A measured distance between two places more than ``implausible_ratio`` (5)
times the top of the stated interval, or less than a fifth of its bottom,
is ``unverifiable`` too: writers' figures
stray by a factor of 1.5 (road distances) or, rarely, 3 (a figure meant for
another place), and a factor of 5 says that a name was resolved to the
wrong place (a Tripoli in Lebanon for the one in Libya), not that the report
is wrong. A border claim is spared the lower side (a town on the border
lies nearer than any figure) and gets the upper one only when the subject's
country does not touch the border named: "Palma, 60 km south of the
Tanzanian border" measured from the Palma in Spain.

A direction stated alone between places more than ``direction_implausible_km``
(2,500) apart is ``unverifiable`` for the same reason: such a direction
places a town by a landmark of its own region.

A claim whose subject (or reference) was placed in the gazetteer from the
very distance it states is ``circular``: the gazetteer's ``placed_from``
names the place its position was measured from, and a claim between the
two proves nothing.

Road distances and conversions
------------------------------
``ratio`` is stated / measured. A ratio from 1.1 up to the top of the road
band (1.4 times the geodesic, widened by ``r``) gets the note "fits a road
distance (ratio 1.23)": road distances run 1.2-1.4 times the straight line
(Ballou, Rahardja and Sakai 2002, "Selected country circuity factors for
road and rail network design", Transportation Research A 36: national means
from 1.12 to 1.41, most near 1.2-1.3). A road figure stays ``inconsistent``
as a straight-line claim; the note says what it fits.

A conversion given beside the figure ("14 kilometres (9 miles)") is checked
too (:func:`conversion`): it ``agrees`` when it is the figure converted and
rounded to the conversion's own step (9 mi for 14 km: 8.7 mi), is ``loose``
when only the rounding of both figures reconciles them, and is ``wrong``
otherwise; the claim is judged on its first figure, the note says how the
conversion fares.

>>> round(to_km(150, "mi"), 1), round(from_km(241.4016, "mi"), 3)
(241.4, 150.0)
>>> conversion(14, "km", 9, "mi")[0], conversion(60, "km", 35, "mi")[0], conversion(50, "km", 50, "mi")[0]
('agrees', 'agrees', 'wrong')
"""

from __future__ import annotations

import math
from functools import cache

from geo.errors import FrontlineError
from geo.lexicon import load as load_lexicon
from geo.records import ClaimKind, DistanceClaim

__all__ = ["conversion", "from_km", "imprecision", "roundness", "stated_range", "step", "to_km", "tolerance_for", "units"]


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


def figure_km(claim: DistanceClaim) -> float | None:
    """The stated figure in km a claim's precision is weighed against: its value, else the top of its range."""
    if claim.stated_km is not None:
        return claim.stated_km
    stated = stated_range(claim)
    return stated[1] if stated else None


def imprecision(claim: DistanceClaim, precision_km: float) -> str | None:
    """Why positions uncertain by ``precision_km`` cannot check ``claim``, or None when they can.

    >>> from geo.records import Evidence
    >>> c = DistanceClaim("a", "X", "Y", "distance", Evidence("a", ""), value=14, unit="km", stated_km=14.0)
    >>> imprecision(c, 16.0)
    'the positions are uncertain by up to 16 km, too much to check a stated 14 km'
    >>> imprecision(c, 3.0) is None
    True
    """
    figure = figure_km(claim)
    if figure is None or precision_km < _lexicon()["check"]["precision_limit"] * figure:
        return None
    return f"the positions are uncertain by up to {precision_km:.0f} km, too much to check a stated {figure:.3g} km"


def step(value: float) -> float:
    """The rounding step a written figure shows: 1 for 9 or 14, 10 for 60, 5 for 35 or 25, 0.5 for 12.5.

    >>> step(9), step(60), step(35), step(12.5), step(1200)
    (1.0, 10.0, 5.0, 0.5, 100.0)
    """
    if not math.isfinite(value) or value <= 0:
        return 1.0
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    if "." in text:
        decimals = len(text.split(".")[1])
        unit = 10.0 ** -decimals
        return unit * 5 if text.endswith("5") and decimals > 0 and len(text.replace(".", "").strip("0")) > 1 else unit
    digits = text.rstrip("0")
    zeros = len(text) - len(digits)
    unit = 10.0 ** zeros
    return unit * 5 if digits.endswith("5") and len(digits) > 1 else unit


def conversion(value: float, unit: str, alt_value: float, alt_unit: str) -> tuple[str, str]:
    """How a conversion given beside a figure fares: ``agrees``, ``loose`` or ``wrong``, and a note."""
    exact = from_km(to_km(value, unit), alt_unit)
    # Half the conversion's rounding step, but no more than the 7 % of a loose two-digit rounding:
    # "100 miles" beside 100 km is no rounding of 62 miles.
    half_alt = min(step(alt_value) / 2, _lexicon()["check"]["conversion_slack"] * alt_value)
    shown = f"{alt_value:g} {alt_unit} for {value:g} {unit} (which is {exact:.3g} {alt_unit})"
    if abs(alt_value - exact) <= half_alt + 1e-9:
        return "agrees", f"the conversion {shown} agrees"
    half = min(step(value) / 2, _lexicon()["check"]["conversion_slack"] * value)
    low, high = (from_km(to_km(v, unit), alt_unit) for v in (value - half, value + half))
    if low - half_alt <= alt_value <= high + half_alt:
        return "loose", f"the conversion {shown} is loose: only the rounding of both figures reconciles them"
    return "wrong", f"the conversion {shown} is wrong"
