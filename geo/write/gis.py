"""Layers into files: GeoJSON (RFC 7946) and GeoPackage through GDAL (pyogrio), CSV with its ``.csvt``.

Each writer takes a declared :class:`~geo.write.schema.Layer` and the
layer's features (``{"geometry": ..., "properties": ...}`` dicts, as
:mod:`geo.write.features` makes them). The columns handed to GDAL are
typed from the schema, never guessed from the values, so a GeoPackage
field keeps its type in an empty layer and in a column of nulls. A CSV
carries no types of its own: beside it a ``.csvt`` line declares them, as
GDAL's CSV driver and QGIS read it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

import numpy as np
import shapely
from pyogrio.raw import write as ogr_write

from geo.errors import OutputError
from geo.files import atomic_path, write_atomic
from geo.write.escape import csv_cell
from geo.write.schema import FieldType, Layer

__all__ = ["csv_types", "write_csv", "write_geojson", "write_gpkg"]

_GEOJSON_OPTIONS = {"RFC7946": "YES", "COORDINATE_PRECISION": "6", "WRITE_BBOX": "NO"}
# 1.3, not GDAL's default 1.4, so the GDAL of a stable Debian (3.6) opens it without a warning.
_GPKG_OPTIONS = {"VERSION": "1.3"}
_CRS = "EPSG:4326"
_CSVT = {FieldType.BOOLEAN: "Integer(Boolean)"}


def _bad(layer: Layer, name: str, value) -> OutputError:
    kind = layer[name].type.value
    return OutputError(f"layer {layer.name!r}, field {name!r}: {value!r} is not a {kind} value")


def _column(layer: Layer, name: str, values: list) -> tuple[np.ndarray, np.ndarray | None]:
    """One field's values as a numpy array of the declared type, and its null mask (None if unneeded)."""
    kind = layer[name].type
    nulls = np.array([v is None for v in values], dtype=bool)
    if kind is FieldType.STRING:
        if any(v is not None and not isinstance(v, str) for v in values):
            raise _bad(layer, name, next(v for v in values if v is not None and not isinstance(v, str)))
        return np.array(values, dtype=object), None
    if kind is FieldType.REAL:
        try:
            return np.array([np.nan if v is None else float(v) for v in values], dtype="float64"), None
        except (TypeError, ValueError):
            raise _bad(layer, name, next(v for v in values if not isinstance(v, int | float | None))) from None
    if kind in (FieldType.INTEGER, FieldType.BOOLEAN):
        wanted = bool if kind is FieldType.BOOLEAN else int
        for v in values:
            if v is not None and (not isinstance(v, wanted) or (wanted is int and isinstance(v, bool))):
                raise _bad(layer, name, v)
        dtype = "bool" if kind is FieldType.BOOLEAN else "int32"
        return np.array([0 if v is None else v for v in values], dtype=dtype), nulls
    unit = "D" if kind is FieldType.DATE else "s"
    out = []
    for v in values:
        if v is None:
            out.append(np.datetime64("NaT", unit))
            continue
        try:
            parsed = date.fromisoformat(v) if kind is FieldType.DATE else datetime.fromisoformat(v)
        except (TypeError, ValueError):
            raise _bad(layer, name, v) from None
        out.append(np.datetime64(parsed.isoformat(), unit))
    return np.array(out, dtype=f"datetime64[{unit}]"), None


def _columns(layer: Layer, features: Sequence[dict]) -> tuple[list[np.ndarray], list]:
    rows = [layer.check(f["properties"]) for f in features]
    data, masks = [], []
    for name in layer.names:
        values, mask = _column(layer, name, [row[name] for row in rows])
        data.append(values)
        masks.append(mask)
    return data, masks


def _geometries(features: Sequence[dict]) -> np.ndarray:
    """The features' geometries as WKB, made in bulk; None where a feature has none."""
    out = np.full(len(features), None, dtype=object)
    for kind, make in (("Point", shapely.points), ("LineString", shapely.linestrings)):
        at = [i for i, f in enumerate(features) if f["geometry"] and f["geometry"]["type"] == kind]
        if at:
            out[at] = make([features[i]["geometry"]["coordinates"] for i in at])
    for i, feature in enumerate(features):  # any other type, one by one
        if feature["geometry"] and out[i] is None:
            out[i] = shapely.geometry.shape(feature["geometry"])
    return shapely.to_wkb(out)


def _write(layer: Layer, features: Iterable[dict], path: Path, driver: str, *, name: str | None = None, **options):
    features = list(features)
    data, masks = _columns(layer, features)
    ogr_write(
        str(path), _geometries(features), data, list(layer.names), field_mask=masks, layer=name or layer.name,
        driver=driver, geometry_type=layer.geometry, crs=_CRS, **options,
    )  # fmt: skip


def write_geojson(layer: Layer, features: Iterable[dict], path: Path, *, name: str | None = None) -> Path:
    """``features`` as an RFC 7946 FeatureCollection at ``path`` (layer ``name``, else the layer's)."""
    with atomic_path(path) as tmp:
        _write(layer, features, tmp, "GeoJSON", name=name, layer_options=_GEOJSON_OPTIONS)
    return Path(path)


def write_gpkg(layers: Sequence[tuple[Layer, Iterable[dict]]], path: Path, stamp: date | None) -> Path:
    """One GeoPackage at ``path`` holding each ``(layer, features)``; its timestamp pinned to ``stamp``."""
    from pyogrio import set_gdal_config_options

    # GeoPackage records a modification time; pin it so the same run gives the same bytes.
    set_gdal_config_options({"OGR_CURRENT_DATE": f"{(stamp or date(1970, 1, 1)).isoformat()}T00:00:00Z"})
    try:
        with atomic_path(path) as tmp:
            for index, (layer, features) in enumerate(layers):
                _write(layer, features, tmp, "GPKG", append=index > 0, dataset_options=_GPKG_OPTIONS)
    finally:
        set_gdal_config_options({"OGR_CURRENT_DATE": None})
    return Path(path)


def _csv_cells(kind: FieldType, values: list) -> list[str]:
    """One column's CSV cells: null empty, booleans ``true``/``false``, text neutralised for spreadsheets."""
    if kind is FieldType.STRING:
        return ["" if v is None else csv_cell(v) for v in values]
    if kind is FieldType.BOOLEAN:
        return ["" if v is None else "true" if v else "false" for v in values]
    if kind is FieldType.REAL:
        return ["" if v is None else repr(float(v)) for v in values]
    return ["" if v is None else str(v) for v in values]


def csv_types(layer: Layer) -> str:
    """The ``.csvt`` line of ``layer``: each column's GDAL type, quoted.

    >>> from geo.write.schema import Field, Layer, FieldType
    >>> csv_types(Layer("t", None, (Field("day", FieldType.DATE), Field("changed", FieldType.BOOLEAN))))
    '"Date","Integer(Boolean)"'
    """
    return ",".join(f'"{_CSVT.get(f.type, f.type.value)}"' for f in layer.fields)


def write_csv(layer: Layer, rows: Iterable[dict], path: Path) -> list[Path]:
    """``rows`` (property dicts) as CSV at ``path``, and the column types beside it (``.csvt``).

    Dates are ISO 8601, booleans ``true``/``false``, nulls empty cells; text
    that a spreadsheet would run as a formula is neutralised
    (:func:`geo.write.escape.csv_cell`).
    """
    path, rows = Path(path), list(rows)
    _columns(layer, [{"properties": row} for row in rows])  # the same type checks as GDAL's writers
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(layer.names)
    writer.writerows(zip(*(_csv_cells(f.type, [row[f.name] for row in rows]) for f in layer.fields), strict=True))
    written = [write_atomic(path, buffer.getvalue())]
    written.append(write_atomic(path.with_suffix(".csvt"), csv_types(layer) + "\n"))
    return written
