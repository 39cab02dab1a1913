"""Land borders: the bundled lines, distances to them against an independent computation, border checks."""

from __future__ import annotations

import gzip
import json
from importlib.resources import files

import numpy
import pytest
from geographiclib.geodesic import Geodesic

from geo.extract.checks import check_claim
from geo.places.borders import Borders
from geo.records import DistanceClaim, Evidence, Place, Verdict

# Points near borders of several wars, with the two countries whose border is meant.
POINTS = [
    ("Daraa", 32.6189, 36.1021, "SY", "JO"),
    ("Kilis", 36.7184, 37.1212, "TR", "SY"),
    ("Lashio", 22.9359, 97.7498, "MM", "CN"),
    ("Sudzha", 51.1919, 35.2708, "RU", "UA"),
    ("Kharkiv", 49.9935, 36.2304, "UA", "RU"),
    ("Goma", -1.6792, 29.2228, "CD", "RW"),
    ("Torkham side", 34.10, 71.05, "AF", "PK"),
    ("Metula", 33.2800, 35.5800, "IL", "LB"),
    ("Wadi Halfa", 21.7991, 31.3713, "SD", "EG"),
    ("Agdam", 39.9911, 46.9270, "AZ", "IR"),
    ("Ciudad Juarez", 31.7200, -106.4600, "MX", "US"),
    ("Narva", 59.3772, 28.1903, "EE", "RU"),
]


@pytest.fixture(scope="module")
def borders() -> Borders:
    return Borders.default()


@pytest.fixture(scope="module")
def raw() -> dict:
    """The bundled file as written, read without Borders: the independent side of the comparison."""
    data = gzip.decompress((files("geo._gazetteer") / "borders.json.gz").read_bytes())
    return {tuple(sorted((b["a"], b["b"]))): b["lines"] for b in json.loads(data)["borders"]}


def nearest_vertex_km(lat: float, lon: float, lines: list) -> float:
    """geographiclib's inverse to every vertex of the lines, cut every 0.005 degree along their
    straight lon/lat segments; the smallest."""
    best = float("inf")
    for line in lines:
        coords = numpy.array(line, dtype=float)
        for (x0, y0), (x1, y1) in zip(coords[:-1], coords[1:]):
            steps = max(1, int(numpy.ceil(max(abs(x1 - x0), abs(y1 - y0)) / 0.005)))
            for t in numpy.linspace(0.0, 1.0, steps + 1):
                x, y = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
                if abs(y - lat) < 3 and abs(x - lon) < 4:  # a vertex farther than that cannot be nearest here
                    best = min(best, Geodesic.WGS84.Inverse(lat, lon, y, x)["s12"] / 1000.0)
    return best


@pytest.mark.parametrize("name, lat, lon, home, other", POINTS)
def test_distance_to_a_border_agrees_with_geographiclib_on_the_nearest_vertex(borders, raw, name, lat, lon, home, other):
    km, near_lat, near_lon, bearing = borders.distance_to(lat, lon, borders.line(home, other))
    independent = nearest_vertex_km(lat, lon, raw[tuple(sorted((home, other)))])
    assert independent < 300, name  # every sample lies near its border
    assert abs(km - independent) < 1.0, (name, km, independent)
    assert km <= independent + 0.01, (name, km, independent)  # the nearest point of a line is no farther than a vertex
    back = Geodesic.WGS84.Inverse(near_lat, near_lon, lat, lon)
    assert back["s12"] / 1000.0 == pytest.approx(km, abs=1e-6)
    assert bearing == pytest.approx(back["azi1"] % 360.0, abs=1e-6)


def test_a_border_along_a_parallel_stays_on_it(borders):
    """Egypt and Sudan meet along 22 degrees north: half a degree north of it lies 55.4 km from it."""
    km, near_lat, _, bearing = borders.distance_to(22.5, 28.0, borders.line("EG", "SD"))
    expected = Geodesic.WGS84.Inverse(22.5, 28.0, 22.0, 28.0)["s12"] / 1000.0
    assert km == pytest.approx(expected, abs=1.0) and near_lat == pytest.approx(22.0, abs=0.01)
    assert bearing == pytest.approx(0.0, abs=1.0)


def test_neighbours_and_names(borders):
    assert {"IQ", "JO", "LB", "TR", "IL"} <= set(borders.neighbours("SY"))
    assert "CN" in borders.neighbours("MM") and "UA" in borders.neighbours("RU")
    assert borders.line("SY", "JO").name == "Jordan–Syria border"
    assert borders.line("JO", "SY").geometry.equals(borders.line("SY", "JO").geometry)
    assert borders.line("UA", "ES") is None  # no land border


def subject(name, lat, lon, country, kind="town", **extra):
    return Place(f"t:{name.lower()}", name, lat, lon, kind, country, **extra)


def border_claim(place, value, border, hedge=None, unit="km", **extra):
    km = value * (1.609344 if unit == "mi" else 1.0)
    return DistanceClaim("t", place.name if place else "hill", "border", "distance", Evidence("t", ""), place, None,
                         value=value, unit=unit, stated_km=km, hedge=hedge, border=border, **extra)


DARAA = subject("Daraa", 32.6189, 36.1021, "SY", precision_km=1.0)
KILIS = subject("Kilis", 36.7184, 37.1212, "TR", precision_km=0.9)


@pytest.mark.parametrize("place, value, border, verdict", [
    (DARAA, 8, ("JO",), Verdict.CONSISTENT),          # "8 km from the border with Jordan"
    (DARAA, 40, ("JO",), Verdict.INCONSISTENT),
    (KILIS, 8, ("SY",), Verdict.CONSISTENT),           # "8 km from the Syrian border"
    (KILIS, 7, ("SY", "TR"), Verdict.CONSISTENT),      # "7 km from the Syrian-Turkish border"
    (KILIS, 60, ("SY",), Verdict.INCONSISTENT),
])
def test_border_claims_are_judged_on_the_distance_to_the_line(place, value, border, verdict):
    check = check_claim(border_claim(place, value, border))
    assert check.verdict is verdict, check.note
    assert "measured to the nearest point of the" in check.note
    assert check.measured_km is not None and check.bearing_deg is not None


def test_the_border_alone_is_the_nearest_land_border_of_the_subjects_country():
    check = check_claim(border_claim(KILIS, 8, ()))
    assert check.verdict is Verdict.CONSISTENT
    assert "nearest land border of Turkey" in check.note


def test_a_border_the_subjects_country_lacks_is_measured_to_the_named_country_and_said():
    sirte = subject("Sirte", 31.21, 16.59, "LY")
    check = check_claim(border_claim(sirte, 500, ("SY",)))
    assert "share no land border" in check.note


@pytest.mark.parametrize("place, why", [
    (None, "not a gazetteer place"),
    (Place.unlocated("Tal Abyad", country="SY"), "no coordinates"),
    (subject("Daraa province", 32.8, 36.2, "SY", kind="province"), "not a point"),
])
def test_border_claims_on_unplaced_subjects_are_unverifiable_with_the_reason(place, why):
    check = check_claim(border_claim(place, 10, ("JO",)))
    assert check.verdict is Verdict.UNVERIFIABLE and why in check.note


def test_a_rough_subject_cannot_be_checked_against_a_close_border():
    rough = subject("Somewhere", 32.66, 36.10, "SY", precision_km=10.0)
    check = check_claim(border_claim(rough, 12, ("JO",)))
    assert check.verdict is Verdict.UNVERIFIABLE and "uncertain" in check.note


def test_a_namesake_far_from_a_border_its_country_lacks_is_a_place_resolved_wrongly():
    """"Palma, 60 km south of the Tanzanian border" resolved to the Palma in Spain."""
    spain = subject("Palma", 39.57, 2.65, "ES")
    check = check_claim(border_claim(spain, 60, ("TZ",)))
    assert check.verdict is Verdict.UNVERIFIABLE and "resolved wrongly" in check.note
    assert check.measured_km > 5000
