"""Layers into files through GDAL (pyogrio): GeoJSON (RFC 7946), GeoPackage, CSV."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely.geometry

from geo.files import atomic_path
from geo.write.escape import csv_frame

__all__ = ["frame", "write_csv", "write_geojson", "write_gpkg"]

_GEOJSON_OPTIONS = {"RFC7946": "YES", "COORDINATE_PRECISION": "6", "WRITE_BBOX": "NO"}


def frame(features: Iterable[dict], fields: tuple[str, ...]) -> gpd.GeoDataFrame:
    features = list(features)
    table = pd.DataFrame([f["properties"] for f in features], columns=list(fields))
    return gpd.GeoDataFrame(table, geometry=gpd.GeoSeries(_geometries(features), crs="EPSG:4326"))


def _geometries(features: list[dict]) -> list:
    """The features' Points and LineStrings as shapely geometries, made in bulk (None where a feature has none)."""
    out: list = [None] * len(features)
    for kind, make in (("Point", shapely.points), ("LineString", shapely.linestrings)):
        at = [i for i, f in enumerate(features) if f["geometry"] and f["geometry"]["type"] == kind]
        if at:
            for i, geometry in zip(at, make([features[i]["geometry"]["coordinates"] for i in at])):
                out[i] = geometry
    for i, feature in enumerate(features):  # any other type, one by one
        if feature["geometry"] and out[i] is None:
            out[i] = shapely.geometry.shape(feature["geometry"])
    return out


def write_geojson(frame: gpd.GeoDataFrame, path: Path, layer: str, geometry_type: str) -> Path:
    with atomic_path(path) as tmp:
        pyogrio.write_dataframe(
            frame, tmp, driver="GeoJSON", layer=layer, geometry_type=geometry_type,
            layer_options=_GEOJSON_OPTIONS,
        )  # fmt: skip
    return path


def write_csv(frame: gpd.GeoDataFrame, path: Path) -> Path:
    with atomic_path(path) as tmp:
        csv_frame(pd.DataFrame(frame.drop(columns="geometry"))).to_csv(tmp, index=False, lineterminator="\n")
    return path


def write_gpkg(layers: dict[str, tuple[gpd.GeoDataFrame, str]], path: Path, stamp: date | None) -> Path:
    # GeoPackage records a modification time; pin it to the run's last day.
    when = f"{(stamp or date(1970, 1, 1)).isoformat()}T00:00:00Z"
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": when})
    try:
        with atomic_path(path) as tmp:
            for name, (frame, geometry_type) in layers.items():
                pyogrio.write_dataframe(frame, tmp, driver="GPKG", layer=name, geometry_type=geometry_type)
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": None})
    return path
