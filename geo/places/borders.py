"""Land borders between countries, and the geodesic distance from a point to one.

The bundled ``borders.json.gz`` (built by ``gazetteer/borders_build.py``
from Natural Earth's 1:10 million outlines) holds, for each pair of
countries that meet, the line they share. :func:`distance_to` measures from
a point to such a line on the WGS84 ellipsoid: the line is projected to an
azimuthal equidistant projection centred on the point (``pyproj``, in which
distances from the centre are geodesic), ``shapely`` finds the nearest point
of the projected line, and ``geographiclib``'s inverse gives the geodesic
distance and bearing to it.

>>> borders = Borders.default()
>>> borders.name("JO"), ("JO", "SY") in borders
('Jordan', True)
>>> km, lat, lon, bearing = borders.distance_to(32.6189, 36.1021, borders.line("SY", "JO"))  # Daraa, Syria
>>> round(km), round(bearing)  # the border lies 8 km south-west of the city's point; the city lies north-east of it
(8, 57)
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

import numpy
import shapely
import shapely.ops
from geographiclib.geodesic import Geodesic
from pyproj import CRS, Transformer

from geo.records import Place, PlaceKind

__all__ = ["BorderLine", "Borders", "compass"]

_FILE = "borders.json.gz"
_SEGMENT_DEGREES = 0.01  # about 1 km


@dataclass(frozen=True, slots=True)
class BorderLine:
    """A stretch of border: the countries it separates (``b`` empty for all of ``a``'s land borders) and its lines."""

    a: str
    b: str
    name: str
    geometry: object  # shapely MultiLineString in lon/lat degrees


class Borders:
    """The bundled land borders, by pair of ISO 3166 alpha-2 codes."""

    def __init__(self, document: dict) -> None:
        self._names: dict[str, str] = dict(document["countries"])
        self.source: str = document.get("source", "")
        self._raw: dict[tuple[str, str], list] = {
            tuple(sorted((entry["a"], entry["b"]))): entry["lines"] for entry in document["borders"]
        }
        self._lines: dict[tuple[str, str], object] = {}  # built when first asked for

    def _geometry(self, key: tuple[str, str]):
        if key not in self._lines:
            lines = shapely.multilinestrings([shapely.linestrings(line) for line in self._raw[key]])
            # The data's segments are straight in longitude and latitude (a border along a parallel stays on
            # it); cut them to at most 0.01 degree so that each is short enough to be straight in any projection.
            self._lines[key] = shapely.segmentize(lines, _SEGMENT_DEGREES)
        return self._lines[key]

    def names(self) -> dict[str, str]:
        """English country names by ISO2 code."""
        return dict(self._names)

    @classmethod
    @cache
    def default(cls) -> Borders:
        """The borders shipped with Frontline, read once per process."""
        data = (files("geo._gazetteer") / _FILE).read_bytes()
        return cls(json.loads(gzip.decompress(data).decode("utf-8")))

    def __contains__(self, pair: object) -> bool:
        return isinstance(pair, tuple) and tuple(sorted(pair)) in self._raw

    def name(self, code: str) -> str:
        """The country's English name (the code itself when unknown)."""
        return self._names.get(code.upper(), code.upper())

    def neighbours(self, code: str) -> tuple[str, ...]:
        """The countries ``code`` shares a land border with, sorted."""
        code = code.upper()
        return tuple(sorted(b if a == code else a for a, b in self._raw if code in (a, b)))

    def line(self, a: str, b: str = "") -> BorderLine | None:
        """The border between ``a`` and ``b``; with ``b`` empty, all of ``a``'s land borders; None when none."""
        a, b = a.upper(), b.upper()
        if b:
            key = tuple(sorted((a, b)))
            if key not in self._raw:
                return None
            return BorderLine(a, b, self.label(a, b), self._geometry(key))
        parts = [self._geometry(key) for key in sorted(self._raw) if a in key]
        if not parts:
            return None
        return BorderLine(a, "", self.label(a), shapely.union_all(parts))

    def label(self, a: str, b: str = "") -> str:
        """The name of :meth:`line`'s line, without building it: "Jordan–Syria border", "border of Syria"."""
        if b:
            first, second = sorted((self.name(a), self.name(b)))
            return f"{first}–{second} border"
        return f"border of {self.name(a)}"

    def named(self, code: str, context: Mapping[str, float]) -> Place:
        """The border "the Chinese border" names, ``code`` being the country, in an article whose countries
        weigh ``context``: the one it shares with the neighbour the article weighs most, else all its land
        borders. A line, not a point: the place has no position.

        >>> Borders.default().named("CN", {"MM": 0.8, "CN": 0.2}).name
        'China–Myanmar border'
        """
        code = code.upper()
        near = [(weight, other.upper()) for other, weight in context.items()
                if other.upper() != code and (code, other.upper()) in self]
        if not near:
            return Place(f"border:{code.lower()}", self.label(code), None, None, PlaceKind.BORDER, source=self.source)
        a, b = sorted((code, max(near)[1]))
        return Place(f"border:{a.lower()}-{b.lower()}", self.label(a, b), None, None, PlaceKind.BORDER,
                     source=self.source)

    def distance_to(self, lat: float, lon: float, line: BorderLine) -> tuple[float, float, float, float]:
        """Geodesic km from ``(lat, lon)`` to the nearest point of ``line``, that point's lat and lon, and the
        initial bearing from it to ``(lat, lon)`` (0..360)."""
        return _distance(round(lat, 6), round(lon, 6), line.geometry)


def compass(azimuth: float) -> float:
    """An azimuth in degrees as a compass bearing in [0, 360).

    ``-1e-17 % 360`` is 360.0 in floating point; a bearing of 360 is north.

    >>> compass(-90.0), compass(-1e-17), compass(360.0)
    (270.0, 0.0, 0.0)
    """
    bearing = azimuth % 360.0
    return bearing if bearing < 360.0 else 0.0


@lru_cache(maxsize=4096)
def _transformer(lat: float, lon: float) -> Transformer:
    local = CRS.from_proj4(f"+proj=aeqd +lat_0={lat} +lon_0={lon} +ellps=WGS84 +units=m +no_defs")
    return Transformer.from_crs("EPSG:4326", local, always_xy=True)


def _distance(lat: float, lon: float, geometry) -> tuple[float, float, float, float]:
    to_local = _transformer(lat, lon)
    # Project only the stretches near the point: the nearest vertex in degrees bounds the search.
    candidates = _near(lat, lon, geometry)
    projected = shapely.transform(candidates, lambda xy: numpy.column_stack(to_local.transform(xy[:, 0], xy[:, 1])))
    _, nearest = shapely.ops.nearest_points(shapely.Point(0.0, 0.0), projected)
    near_lon, near_lat = to_local.transform(nearest.x, nearest.y, direction="INVERSE")
    line = Geodesic.WGS84.Inverse(near_lat, near_lon, lat, lon)
    return line["s12"] / 1000.0, near_lat, near_lon, compass(line["azi1"])


def _near(lat: float, lon: float, geometry):
    """The parts of ``geometry`` that can hold its nearest point to ``(lat, lon)``."""
    parts = shapely.get_parts(geometry)
    if len(parts) <= 1:
        return geometry
    point = shapely.Point(lon, lat)
    gaps = shapely.distance(point, parts)
    # Within 3 times the planar nearest gap (degrees of longitude shrink with latitude, never by 3 below 70 degrees).
    keep = parts[gaps <= gaps.min() * 3 + 0.05]
    return shapely.multilinestrings(list(keep))
