"""The offline basemap: Natural Earth land, borders, admin-1 lines, lakes, rivers and names, cut to a map's area.

The world is read once per process from the bundled ``world.bin.gz`` (built by
``python -m geo._basemap.build``; see ``basemap/README.md``). :func:`cut` clips
it to the boxes a run covers (each theatre plus a margin), simplifies it at a
tolerance fitted to each box and encodes it compactly for the page: every line
or ring is a flat list of integers, ``[x0, y0, dx1, dy1, ...]`` in units of
``1 / q`` degree (lon, lat). A coarse outline of the whole world comes along,
so the map is not empty when zoomed out. Same inputs, same output.

>>> box = Box(43.0, 36.0, 43.4, 36.5)
>>> box.grown(0.1).west, round(box.span, 2)
(42.9, 0.5)
"""

from __future__ import annotations

import functools
import gzip
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

import numpy as np
import shapely

from geo.errors import OutputError

__all__ = ["Box", "World", "cut", "world"]

_DATA_PACKAGE, _FILE = "geo._basemap", "world.bin.gz"
_POINTS_PER_SPAN = 6000  # a box is simplified to about this many tolerance steps across
_MIN_TOLERANCE = 0.001
_MAX_PLACE_LABELS = 1500


@dataclass(frozen=True, slots=True)
class Box:
    """A lon/lat rectangle (degrees)."""

    west: float
    south: float
    east: float
    north: float

    @property
    def span(self) -> float:
        return max(self.east - self.west, self.north - self.south)

    def grown(self, margin: float) -> Box:
        """The box with ``margin`` degrees added on every side (latitudes kept within +-85)."""
        return Box(self.west - margin, max(-85.0, self.south - margin), self.east + margin, min(85.0, self.north + margin))

    def holds(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north

    @classmethod
    def around(cls, points: Iterable[tuple[float, float]]) -> Box:
        """The smallest box holding ``(lon, lat)`` points."""
        lons, lats = zip(*points)
        return cls(min(lons), min(lats), max(lons), max(lats))


@dataclass(frozen=True)
class Layer:
    kind: str  # polygon, line or point
    geometries: np.ndarray
    properties: tuple[dict, ...] = ()
    columns: dict | None = None  # column name -> list of strings or int array (large point layers)

    @functools.cached_property
    def tree(self) -> shapely.STRtree:
        return shapely.STRtree(self.geometries)

    @functools.cached_property
    def _points(self) -> np.ndarray:
        return shapely.get_coordinates(self.geometries)

    def within(self, box: Box) -> list[int]:
        """Indices of the geometries meeting ``box``, in file order."""
        if self.kind == "point":
            x, y = self._points[:, 0], self._points[:, 1]
            return np.flatnonzero((x >= box.west) & (x <= box.east) & (y >= box.south) & (y <= box.north)).tolist()
        return sorted(int(i) for i in self.tree.query(shapely.box(box.west, box.south, box.east, box.north)))


class World:
    """The bundled basemap layers, parsed once (see :func:`world`)."""

    def __init__(self, layers: dict[str, Layer]) -> None:
        self.layers = layers

    @functools.cached_property
    def countries(self) -> dict[str, shapely.Geometry]:
        """ISO 3166-1 alpha-2 code -> the country's land (Natural Earth admin-0)."""
        layer = self.layers["countries"]
        parts: dict[str, list] = {}
        for geometry, props in zip(layer.geometries, layer.properties):
            parts.setdefault(props["country"], []).append(geometry)
        return {code: shapely.multipolygons(items) if len(items) > 1 else items[0] for code, items in parts.items()}

    @property
    def overview(self) -> dict[str, np.ndarray]:
        """The whole world's land and borders, coarse (simplified by the build)."""
        return {"land": self.layers["overview_land"].geometries, "borders": self.layers["overview_borders"].geometries}

    def outside(self, boxes: Sequence[Box]) -> dict:
        """The coarse world with the detailed ``boxes`` cut out, encoded for the page."""
        holes = shapely.union_all([shapely.box(b.west, b.south, b.east, b.north) for b in boxes]) if boxes else None
        out: dict = {"q": 10}
        for name, geometries in self.overview.items():
            items = []
            for geometry in geometries:
                if holes is not None and shapely.intersects(geometry, holes):
                    geometry = shapely.difference(geometry, holes)
                for part in shapely.get_parts(geometry):
                    if part.is_empty:
                        continue
                    if part.geom_type == "Polygon":
                        items.append([_flat(part.exterior.coords, 10)] + [_flat(r.coords, 10) for r in part.interiors])
                    elif part.geom_type == "LineString":
                        items.append(_flat(part.coords, 10))
            out[name] = items
        return out


@functools.cache
def world() -> World:
    """The bundled basemap, read once per process."""
    try:
        data = gzip.decompress(resources.files(_DATA_PACKAGE).joinpath(_FILE).read_bytes())
    except FileNotFoundError as error:
        raise OutputError(f"the bundled basemap {_FILE} is missing; run python -m geo._basemap.build") from error
    return World(decode(data))


def decode(data: bytes) -> dict[str, Layer]:
    """The layers of a ``world.bin.gz`` payload (see ``basemap/build.py`` for the layout)."""
    head, _, body = data.partition(b"\n")
    header = json.loads(head)
    scale, layers = header["scale"], {}
    types = {"polygon": shapely.GeometryType.POLYGON, "line": shapely.GeometryType.LINESTRING,
             "point": shapely.GeometryType.POINT}  # fmt: skip
    for name, entry in header["layers"].items():
        arrays = [np.frombuffer(body, dtype="<i4", count=n, offset=at) for at, n in entry["arrays"]]
        coords = np.cumsum(arrays[-1].reshape(-1, 2), axis=0, dtype=np.int64) / scale
        geometries = shapely.from_ragged_array(types[entry["kind"]], coords, tuple(arrays[:-1]) or None)
        columns = None
        if "columns" in entry:
            columns = {key: value.split("\n") if isinstance(value, str)
                       else np.frombuffer(body, dtype="<i4", count=value[1], offset=value[0])
                       for key, value in entry["columns"].items()}  # fmt: skip
        layers[name] = Layer(entry["kind"], geometries, tuple(entry.get("properties", ())), columns)
    return layers


def tolerance_for(box: Box) -> float:
    """The simplification fitted to a box: about ``_POINTS_PER_SPAN`` steps across its longer side."""
    return max(_MIN_TOLERANCE, box.span / _POINTS_PER_SPAN)


def _quantum(tolerance: float) -> int:
    """Units per degree of the encoded coordinates: a few per tolerance step."""
    return 10 ** max(1, math.ceil(math.log10(3.0 / tolerance)))


def _flat(coords: np.ndarray, q: int) -> list[int]:
    ints = np.round(np.asarray(coords)[:, :2] * q).astype(np.int64)
    keep = np.ones(len(ints), dtype=bool)
    keep[1:] = np.any(ints[1:] != ints[:-1], axis=1)  # repeated points after rounding say nothing
    ints = ints[keep]
    return np.diff(ints, axis=0, prepend=np.zeros((1, 2), dtype=np.int64)).ravel().tolist()


def _clipped(layer: Layer, box: Box, tolerance: float) -> list:
    picked = layer.within(box)
    if not picked:
        return []
    clipped = shapely.clip_by_rect(layer.geometries[picked], box.west, box.south, box.east, box.north)
    return list(shapely.simplify(clipped, tolerance, preserve_topology=True))


def _polygons(layer: Layer, box: Box, tolerance: float, q: int, *, min_area: float = 0.0) -> list[list[list[int]]]:
    out = []
    for geometry in _clipped(layer, box, tolerance):
        for polygon in shapely.get_parts(geometry):
            if polygon.geom_type != "Polygon" or polygon.is_empty or polygon.area < max(min_area, tolerance**2):
                continue
            rings = [_flat(polygon.exterior.coords, q)] + [_flat(r.coords, q) for r in polygon.interiors
                                                          if shapely.Polygon(r).area >= tolerance**2]  # fmt: skip
            if len(rings[0]) >= 8:
                out.append(rings)
    return out


def _coast(layer: Layer, box: Box, tolerance: float, q: int) -> list[list[int]]:
    """The outline of a polygon layer inside ``box`` (so that the box's own edges are never drawn as coast)."""
    picked = layer.within(box)
    if not picked:
        return []
    outlines = shapely.boundary(layer.geometries[picked])
    return _lines(None, box, tolerance, q, geometries=outlines)


def _lines(layer: Layer | None, box: Box, tolerance: float, q: int, *, geometries=None) -> list[list[int]]:
    out = []
    if geometries is None:
        clipped = _clipped(layer, box, tolerance)
    else:
        clipped = shapely.simplify(shapely.clip_by_rect(geometries, box.west, box.south, box.east, box.north), tolerance)
    for geometry in clipped:
        for line in shapely.get_parts(geometry):
            if line.geom_type == "LineString" and line.length >= tolerance:
                flat = _flat(line.coords, q)
                if len(flat) >= 4:
                    out.append(flat)
    return out


def _country_min_zoom(area: float) -> int:
    return 3 if area > 100 else 4 if area > 10 else 5 if area > 1 else 6


def _place_min_zoom(population: int) -> int:
    for zoom, least in ((5, 1_000_000), (6, 300_000), (7, 100_000), (8, 30_000), (9, 10_000), (10, 3_000)):
        if population >= least:
            return zoom
    return 11


def _labels(layers: dict[str, Layer], box: Box) -> list[list]:
    """``[lon, lat, name, min_zoom, kind(, place id)]`` of the names inside ``box`` (kind: country, admin1, place)."""
    out = []
    countries = layers["country_labels"]
    for i in countries.within(box):
        p, point = countries.properties[i], countries.geometries[i]
        out.append([round(point.x, 3), round(point.y, 3), p["name"], _country_min_zoom(p["area"]), "country"])
    admin1 = layers["admin1_labels"]
    for i in admin1.within(box):
        p, point = admin1.properties[i], admin1.geometries[i]
        if p["name"]:
            out.append([round(point.x, 3), round(point.y, 3), p["name"], max(5, math.floor(p["min_zoom"]) - 1), "admin1"])
    places = layers["places"]
    names, populations, ids = places.columns["name"], places.columns["population"], places.columns["geonameid"]
    for i in places.within(box)[:_MAX_PLACE_LABELS]:  # the file holds them largest first
        x, y = places._points[i]
        out.append([round(float(x), 4), round(float(y), 4), names[i], _place_min_zoom(int(populations[i])), "place",
                    f"geonames:{int(ids[i])}"])
    return out


def cut(boxes: Sequence[Box]) -> dict:
    """The basemap of ``boxes`` (one per theatre, margins included), encoded for the page.

    The largest populated places inside each box are named. The result holds ``world`` (the coarse
    outline of the whole world) and ``areas``, one entry per box with its own
    quantum ``q``: ``land`` and ``lakes`` (lists of rings), ``coast``, ``borders``,
    ``admin1`` and ``rivers`` (lists of lines) and ``labels``.
    """
    data = world()
    layers = data.layers
    areas = []
    for box in boxes:
        tolerance = tolerance_for(box)
        q = _quantum(tolerance)
        areas.append({
            "box": [box.west, box.south, box.east, box.north],
            "q": q,
            "land": _polygons(layers["land"], box, tolerance, q),
            "coast": _coast(layers["land"], box, tolerance, q),
            "lakes": _polygons(layers["lakes"], box, tolerance, q),
            "borders": _lines(layers["borders"], box, tolerance, q),
            "admin1": _lines(layers["admin1"], box, tolerance, q),
            "rivers": _lines(layers["rivers"], box, tolerance, q),
            "labels": _labels(layers, box),
        })  # fmt: skip
    return {"world": data.outside(boxes), "areas": areas}
