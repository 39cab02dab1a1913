"""Places from a user's file: CSV (``name, lat, lon`` and optional columns) or GeoJSON Points."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterator
from pathlib import Path

from geo.errors import GazetteerError
from geo.places.names import normalise
from geo.records import Place, PlaceKind

__all__ = ["read_places"]


def read_places(path: Path) -> list[Place]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise GazetteerError(str(path), f"cannot read: {exc.strerror or exc}") from None
    if path.suffix.lower() in (".json", ".geojson"):
        rows = _geojson_rows(path, text)
    else:
        rows = ((f"{path}, row {n}", row) for n, row in enumerate(csv.DictReader(io.StringIO(text)), start=2))
    places, seen = [], {}
    for where, row in rows:
        place = _row_place(where, row, path)
        if place.id in seen:
            raise GazetteerError(where, f"duplicate id {place.id!r} (first at {seen[place.id]})")
        seen[place.id] = where
        places.append(place)
    return places


def _geojson_rows(path: Path, text: str) -> Iterator[tuple[str, dict]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GazetteerError(str(path), f"not JSON: {exc.msg} at line {exc.lineno}") from None
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise GazetteerError(str(path), "not a GeoJSON FeatureCollection")
    for n, feature in enumerate(features):
        where = f"{path}, feature {n}"
        props = dict((feature or {}).get("properties") or {})
        geometry = (feature or {}).get("geometry") or {}
        if geometry.get("type") == "Point":
            coords = geometry.get("coordinates") or [None, None]
            props["lon"], props["lat"] = coords[0], coords[1] if len(coords) > 1 else None
        elif geometry:
            raise GazetteerError(where, f"geometry must be a Point, got {geometry.get('type')!r}")
        yield where, props


def _row_place(where: str, row: dict, path: Path) -> Place:
    name = str(row.get("name") or "").strip()
    if not name:
        raise GazetteerError(where, "missing name")
    lat, lon = _coordinate(where, row, "lat", 90), _coordinate(where, row, "lon", 180)
    if (lat is None) != (lon is None):
        raise GazetteerError(where, f"{name!r} has only one of lat and lon")
    alternates = row.get("alternates", row.get("alternatenames")) or ()
    if isinstance(alternates, str):
        alternates = alternates.split("|")
    kind = str(row.get("kind") or "town").strip().lower()
    if kind not in {k.value for k in PlaceKind}:
        raise GazetteerError(where, f"kind {kind!r} is not one of {', '.join(k.value for k in PlaceKind)}")
    country = str(row.get("country") or "").strip().upper()
    place_id = str(row.get("id") or "").strip() or f"user:{normalise(name).replace(' ', '-')}:{country.lower()}"
    try:
        population = int(float(row.get("population") or 0))
        precision = float(row.get("precision_km") or 1.0)
    except (TypeError, ValueError):
        raise GazetteerError(where, f"population or precision_km of {name!r} is not a number") from None
    return Place(
        place_id,
        name,
        lat,
        lon,
        PlaceKind(kind),
        country,
        str(row.get("admin1") or ""),
        population,
        tuple(dict.fromkeys(a.strip() for a in alternates if str(a).strip())),
        precision,
        str(row.get("source") or f"user file {path.name}"),
        str(row.get("placed_from") or "").strip(),  # the id of the place a stated distance placed it from
    )


def _coordinate(where: str, row: dict, key: str, limit: float) -> float | None:
    raw = row.get(key)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        value = float(raw)
    except (TypeError, ValueError):
        raise GazetteerError(where, f"{key} {raw!r} is not a number") from None
    if not (math.isfinite(value) and -limit <= value <= limit):
        raise GazetteerError(where, f"{key} {raw!r} is outside -{limit:g}..{limit:g}")
    return value
