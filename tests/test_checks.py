"""Checking claims: geodesics, bearings, the tolerance model; properties of checker and parser."""

from __future__ import annotations

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from geographiclib.geodesic import Geodesic

from geo.read.articles import make_article
from geo.extract.checks import check_claim, from_km, judge_direction, measure, sector, to_km
from geo.extract.distances import find_claims
from geo.errors import FrontlineError
from geo.records import ClaimKind, DirectionVerdict, DistanceClaim, Evidence, Mention, Place, Verdict

WINDS8 = ["N", "NE", "E", "SE", "S", "SW", "W", "NW"]
WINDS16 = ["N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW"]
TRIPOLI = Place("t:tripoli", "Tripoli", 32.89, 13.19, "city", "LY")
SIRTE = Place("t:sirte", "Sirte", 31.21, 16.59, "city", "LY")
KYIV = Place("t:kyiv", "Kyiv", 50.45, 30.52, "city", "UA")
KHARKIV = Place("t:kharkiv", "Kharkiv", 49.99, 36.23, "city", "UA")


def claim(subject, reference, value=None, unit="km", direction=None, hedge=None, kind="distance", **extra):
    stated = to_km(value, unit) if value is not None and kind == "distance" else None
    return DistanceClaim(
        "t", subject.name if subject else "x", reference.name if reference else "y", kind, Evidence("t", ""),
        subject, reference, value=value, unit=unit if value is not None else None, stated_km=stated,
        direction=direction, hedge=hedge, **extra,
    )


def direction_of(bearing: float, winds=WINDS8) -> str:
    step = 360 / len(winds)
    return winds[int(((bearing + step / 2) % 360) // step)]


# ------------------------------------------------------------- worked examples


def test_a_road_figure_is_flagged_as_one():
    check = check_claim(claim(SIRTE, TRIPOLI, 450, direction="E", hedge="about"))
    assert check.verdict is Verdict.INCONSISTENT
    assert 360 < check.measured_km < 380
    assert "fits a road distance" in check.note


def test_a_straight_line_figure_fits():
    check = check_claim(claim(KHARKIV, KYIV, 410, direction="E"))
    assert check.verdict is Verdict.CONSISTENT and check.direction_verdict is DirectionVerdict.EXACT
    assert check.ratio == pytest.approx(410 / check.measured_km)
    low, high = check.tolerance
    assert low < check.measured_km < high


def test_a_wrong_direction_makes_a_right_distance_inconsistent():
    check = check_claim(claim(KHARKIV, KYIV, 410, direction="W"))
    assert check.direction_verdict is DirectionVerdict.WRONG
    assert check.verdict is Verdict.INCONSISTENT


def at(reference: Place, km: float, bearing: float = 90.0, **extra) -> Place:
    """A place ``km`` from ``reference`` on ``bearing``."""
    point = Geodesic.WGS84.Direct(reference.lat, reference.lon, bearing, km * 1000)
    return Place(f"t:at{km:.3f}", "Somewhere", point["lat2"], point["lon2"], "town", **extra)


@pytest.mark.parametrize("round_value, exact_value, error", [(300, 320, 1.15), (150, 153, 1.11), (2000, 2300, 1.15)])
def test_round_numbers_promise_less(round_value, exact_value, error):
    # The same error passes on a round number and fails on a precise one.
    assert check_claim(claim(at(KYIV, round_value / error), KYIV, round_value)).verdict is Verdict.CONSISTENT
    assert check_claim(claim(at(KYIV, exact_value / error), KYIV, exact_value)).verdict is Verdict.INCONSISTENT


def test_imprecise_positions_cannot_fail_a_claim_by_less_than_their_precision():
    fuzzy = Place("t:hamlet", "Hamlet", 50.45, 30.95, "village", "UA", precision_km=5.0)
    measured = measure(KYIV.lat, KYIV.lon, fuzzy.lat, fuzzy.lon)[0]
    assert 29 < measured < 32
    assert check_claim(claim(fuzzy, KYIV, round(measured + 3))).verdict is Verdict.CONSISTENT
    sharp = Place("t:hamlet", "Hamlet", 50.45, 30.95, "village", "UA", precision_km=0.1)
    assert check_claim(claim(sharp, KYIV, round(measured + 3))).verdict is Verdict.INCONSISTENT


@pytest.mark.parametrize("hedge, factor, verdict", [
    ("more than", 0.9, Verdict.CONSISTENT),
    ("more than", 1.3, Verdict.INCONSISTENT),
    ("less than", 1.3, Verdict.CONSISTENT),
    ("less than", 0.7, Verdict.INCONSISTENT),
    ("within", 3.0, Verdict.CONSISTENT),
])
def test_bounding_hedges_check_one_side(hedge, factor, verdict):
    measured = measure(KYIV.lat, KYIV.lon, KHARKIV.lat, KHARKIV.lon)[0]
    assert check_claim(claim(KHARKIV, KYIV, round(measured * factor, 1), hedge=hedge)).verdict is verdict


def test_travel_times_are_checked_against_plausible_speeds():
    near = Place("t:brovary", "Brovary", 50.51, 30.79, "town", "UA")  # about 20 km from Kyiv
    hour = claim(near, KYIV, kind="travel_time", stated_range_km=(20.0, 80.0))
    assert check_claim(hour).verdict is Verdict.CONSISTENT
    assert check_claim(claim(KHARKIV, KYIV, kind="travel_time", stated_range_km=(20.0, 80.0))).verdict is Verdict.INCONSISTENT


@pytest.mark.parametrize("subject, reference, why", [
    (None, KYIV, "not a gazetteer place"),
    (Place("t:x", "Khazna", None, None, "village"), KYIV, "no coordinates"),
    (Place("t:ua", "Ukraine", 49.0, 32.0, "country", "UA"), KYIV, "country"),
    (Place("t:dnipro", "Dnipro", 48.0, 35.0, "river"), KYIV, "river"),
])
def test_unverifiable_claims_say_why(subject, reference, why):
    check = check_claim(claim(subject, reference, 100))
    assert check.verdict is Verdict.UNVERIFIABLE and why in check.note
    assert check.as_record()["verdict"] == "unverifiable"


def test_direction_only_claims_are_judged_on_the_bearing():
    assert check_claim(claim(KHARKIV, KYIV, direction="E", kind="direction")).verdict is Verdict.CONSISTENT
    assert check_claim(claim(KHARKIV, KYIV, direction="NE", kind="direction")).verdict is Verdict.CONSISTENT
    assert check_claim(claim(KHARKIV, KYIV, direction="W", kind="direction")).verdict is Verdict.INCONSISTENT


@pytest.mark.parametrize("direction, low, high", [("N", 337.5, 22.5), ("NW", 292.5, 337.5), ("NNW", 326.25, 348.75), ("E", 67.5, 112.5)])
def test_sectors(direction, low, high):
    assert sector(direction) == (low, high)


def test_a_bad_direction_or_unit_names_the_valid_ones():
    with pytest.raises(FrontlineError, match="NNW"):
        sector("up")
    with pytest.raises(FrontlineError, match="nmi"):
        to_km(1, "furlong")


# ------------------------------------------------------------------ properties

lats = st.floats(-60, 60)
lons = st.floats(-179, 179)


@given(st.floats(0, 1e5, allow_nan=False), st.sampled_from(["km", "mi", "m", "nmi"]))
def test_units_convert_both_ways_without_drift(value, unit):
    assert from_km(to_km(value, unit), unit) == pytest.approx(value, rel=1e-12, abs=1e-12)


# The second point is an offset of the first, so that most pairs lie at distances reports state
# (two points drawn anywhere are mostly continents apart, and filtering them out starves the test).
offsets = st.floats(-25, 25)


def _moved(lat: float, lon: float, dlat: float, dlon: float) -> tuple[float, float]:
    return lat + dlat, (lon + dlon + 180.0) % 360.0 - 180.0


@settings(max_examples=200, deadline=None)
@given(lats, lons, offsets, offsets, st.sampled_from([None, "about", "some", "roughly"]), st.booleans())
def test_a_claim_made_from_true_coordinates_is_consistent(lat1, lon1, dlat, dlon, hedge, sixteen):
    lat2, lon2 = _moved(lat1, lon1, dlat, dlon)
    km, bearing = measure(lat1, lon1, lat2, lon2)
    assume(5 < km < 5000)
    a, b = Place("t:a", "A", lat1, lon1, "town"), Place("t:b", "B", lat2, lon2, "town")
    direction = direction_of(bearing, WINDS16 if sixteen else WINDS8)
    check = check_claim(claim(b, a, round(km), direction=direction, hedge=hedge))
    assert check.verdict is Verdict.CONSISTENT
    assert check.direction_verdict is DirectionVerdict.EXACT


@settings(max_examples=200, deadline=None)
@given(lats, lons, offsets, offsets, st.sampled_from([None, "about", "some", "approximately"]))
def test_a_claim_doubled_is_inconsistent(lat1, lon1, dlat, dlon, hedge):
    lat2, lon2 = _moved(lat1, lon1, dlat, dlon)
    km, _ = measure(lat1, lon1, lat2, lon2)
    assume(10 < km < 5000)
    a, b = Place("t:a", "A", lat1, lon1, "town"), Place("t:b", "B", lat2, lon2, "town")
    assert check_claim(claim(b, a, 2 * km, hedge=hedge)).verdict is Verdict.INCONSISTENT


@given(st.floats(-720, 720), st.sampled_from(WINDS16))
def test_bearings_wrap_at_360(bearing, direction):
    assert judge_direction(bearing, direction) == judge_direction(bearing + 360, direction)
    assert judge_direction(bearing, direction) == judge_direction(bearing - 360, direction)


@given(st.floats(0, 359.99))
def test_every_bearing_is_exact_for_its_own_wind(bearing):
    assert judge_direction(bearing, direction_of(bearing)) is DirectionVerdict.EXACT
    assert judge_direction(bearing, direction_of(bearing, WINDS16)) is DirectionVerdict.EXACT
    opposite = direction_of((bearing + 180) % 360)
    assert judge_direction(bearing, opposite) is DirectionVerdict.WRONG


@given(lats, lons, lats, lons)
@example(10.0, 0.0, 20.0, -1e-15)  # azimuth -5e-15, which % 360 rounds to 360.0
def test_the_bearing_lies_in_0_to_360(lat1, lon1, lat2, lon2):
    km, bearing = measure(lat1, lon1, lat2, lon2)
    assert km >= 0 and 0 <= bearing < 360


WORDS = st.sampled_from([
    "about", "some", "320", "1,500", "km", "kilometres", "miles", "(230", "miles)", "north", "north-west", "of",
    "from", "the", "capital", "Kyiv", "Kharkiv", ",", "a", "10", "minute", "drive", "hour's", "few", "within",
    "between", "and", "to", "stretching", "range", "$", "-", "’s", ".", "\n", "town", "Sirte",
    "twenty-five", "one", "hundred", "border", "with", "Jordan", "Chinese", "which", "it", "lies", ", or",
    "away", "to the south", "the airport", "the city", "front line", "less than", "far",
])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=40).map(" ".join)))
def test_the_parser_raises_only_its_own_errors(text):
    try:
        article = make_article(text, "t")
        places = {"Kyiv": KYIV, "Kharkiv": KHARKIV, "Sirte": SIRTE}
        mentions = []
        for name, p in places.items():
            start = text.find(name)
            while start >= 0:
                mentions.append(Mention("t", start, start + len(name), name, p))
                start = text.find(name, start + 1)
        claims = find_claims(article, mentions, lambda code: KYIV)
        for found in claims:
            assert found.kind in ClaimKind
            check_claim(found)
    except FrontlineError:
        pass


# ------------------------------------------------------- the honest verdicts


def test_a_position_placed_from_the_claim_itself_makes_it_circular():
    placed = at(KYIV, 21.0, 97.0, precision_km=1.0, placed_from=KYIV.id)
    check = check_claim(claim(placed, KYIV, 13, unit="mi", hedge="about"))
    assert check.verdict is Verdict.CIRCULAR
    assert "placed in the gazetteer from a stated distance to Kyiv" in check.note
    assert check.as_record()["verdict"] == "circular"
    # Against another place the same position is an ordinary (if rough) one.
    assert check_claim(claim(placed, KHARKIV, 420)).verdict is not Verdict.CIRCULAR


@pytest.mark.parametrize("precision, stated, verdict", [
    (15.0, 14, Verdict.UNVERIFIABLE),   # a city's extent as large as the figure
    (7.0, 14, Verdict.UNVERIFIABLE),    # half of it
    (3.0, 14, Verdict.CONSISTENT),
    (15.0, 60, Verdict.CONSISTENT),
])
def test_positions_as_rough_as_the_figure_make_it_unverifiable(precision, stated, verdict):
    city = Place("t:city", "City", 50.45, 30.52, "city", "UA", precision_km=precision - 0.5)
    town = at(city, stated, 45.0, precision_km=0.5)
    check = check_claim(claim(town, city, stated))
    assert check.verdict is verdict
    if verdict is Verdict.UNVERIFIABLE:
        assert f"uncertain by up to {precision:.0f} km" in check.note and check.measured_km is not None


def test_a_bound_that_a_ratio_of_0_37_breaks_is_not_excused_by_a_rough_point():
    """10 km stated, 27 km measured: a 25 km position no longer makes it consistent."""
    city = Place("t:city", "City", 50.45, 30.52, "city", "UA", precision_km=25.0)
    check = check_claim(claim(at(city, 27.0, precision_km=0.5), city, 10))
    assert check.verdict is Verdict.UNVERIFIABLE


@pytest.mark.parametrize("value, unit, alt, alt_unit, fares", [
    (14, "km", 9, "mi", "agrees"), (536, "km", 333, "mi", "agrees"), (20, "km", 12.5, "mi", "agrees"),
    (30, "mi", 48, "km", "agrees"), (25, "km", 17, "mi", "loose"), (100, "km", 100, "mi", "wrong"),
])
def test_a_conversion_beside_the_figure_is_checked(value, unit, alt, alt_unit, fares):
    c = claim(at(KYIV, to_km(value, unit)), KYIV, value, unit=unit, alt_value=alt, alt_unit=alt_unit)
    check = check_claim(c)
    assert check.conversion == fares and f"conversion {alt:g} {alt_unit}" in check.note
    assert check.verdict is Verdict.CONSISTENT  # judged on the first figure


@pytest.mark.parametrize("factor, verdict", [(6.0, Verdict.UNVERIFIABLE), (3.0, Verdict.INCONSISTENT), (0.15, Verdict.UNVERIFIABLE)])
def test_a_figure_far_beyond_any_writers_error_points_to_a_wrong_place(factor, verdict):
    far = at(KYIV, 100.0 * factor)
    check = check_claim(claim(far, KYIV, 100))
    assert check.verdict is verdict
    if verdict is Verdict.UNVERIFIABLE:
        assert "resolved wrongly" in check.note


def test_a_place_resolved_wrongly_gets_no_direction_verdict_either():
    far = at(KYIV, 600.0, bearing=90.0)
    check = check_claim(claim(far, KYIV, 100, direction="W"))
    assert check.verdict is Verdict.UNVERIFIABLE and check.direction_verdict is None


def test_a_direction_between_places_a_continent_apart_points_to_a_wrong_place():
    far = Place("t:far", "Conna", 52.09, -8.11, "village", "IE")
    gao = Place("t:gao", "Gao", 16.27, -0.04, "city", "ML")
    check = check_claim(claim(far, gao, direction="SW", kind="direction"))
    assert check.verdict is Verdict.UNVERIFIABLE and "resolved wrongly" in check.note
    assert check.direction_verdict is None
