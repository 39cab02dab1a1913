"""GDAL round trips: every layer written, read back by pyogrio and by Debian's ``ogrinfo``, with its declared types.

``ogrinfo`` is the GDAL a GIS user has (``apt-get install gdal-bin``), older
than the one inside pyogrio: the files must open there with no warning.
The tests that run it skip where it is missing, except where
``FRONTLINE_REQUIRE_GDAL`` is set (CI).
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pyogrio
import pytest
from test_export import make_export_run

from geo.errors import OutputError
from geo.records import RunResult
from geo.write.export import write_exports
from geo.write.gis import write_csv, write_geojson, write_gpkg
from geo.write.schema import ACLED, CONTROL, DAYS, DISTANCES, EVENTS, PLACES, UCDP, Field, FieldType, Layer

OGRINFO = shutil.which("ogrinfo")
needs_ogrinfo = pytest.mark.skipif(
    OGRINFO is None and not os.environ.get("FRONTLINE_REQUIRE_GDAL"),
    reason="Debian's gdal-bin is not installed (apt-get install gdal-bin)",
)
SPATIAL = (CONTROL, EVENTS, DISTANCES, PLACES)
TABLES = (*SPATIAL, ACLED, UCDP)
_OGR = {("OFTString", "OFSTNone"): "String", ("OFTInteger", "OFSTNone"): "Integer", ("OFTReal", "OFSTNone"): "Real",
        ("OFTInteger", "OFSTBoolean"): "Boolean", ("OFTDate", "OFSTNone"): "Date",
        ("OFTDateTime", "OFSTNone"): "DateTime"}  # fmt: skip


def gdal_types(path: Path, layer: str | None = None) -> dict[str, str]:
    """Field name -> type as pyogrio's GDAL reads it (``Integer64`` and the like pass through as they are)."""
    info = pyogrio.read_info(path, layer=layer)
    return {name: _OGR.get((kind, sub), f"{kind}/{sub}")
            for name, kind, sub in zip(info["fields"], info["ogr_types"], info["ogr_subtypes"], strict=True)}  # fmt: skip


def declared(layer: Layer) -> dict[str, str]:
    return {f.name: f.type.value for f in layer.fields}


def ogrinfo(path: Path) -> dict[str, dict[str, str]]:
    """``ogrinfo -al -so`` of ``path``: layer -> field -> type; fails on any warning or error."""
    done = subprocess.run([OGRINFO or "ogrinfo", "-al", "-so", str(path)], capture_output=True, text=True,
                          check=False, env={**os.environ, "LC_ALL": "C"})  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert not done.stderr.strip(), done.stderr  # no "Warning 1: ..." of any kind
    assert "Warning" not in done.stdout and "ERROR" not in done.stdout, done.stdout
    layers: dict[str, dict[str, str]] = {}
    current = None
    for line in done.stdout.splitlines():
        if line.startswith("Layer name: "):
            current = layers.setdefault(line.removeprefix("Layer name: "), {})
        elif current is not None and (m := re.fullmatch(r"(\w+): (\w+(?:\(\w+\))?) \(\d+\.\d+\)", line)):
            current[m[1]] = "Boolean" if m[2] == "Integer(Boolean)" else m[2]
    return layers


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("gis")
    write_exports(make_export_run(), folder)
    return folder


@pytest.fixture(scope="module")
def empty(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("empty")
    write_exports(RunResult(), folder)
    return folder


# --- GeoPackage ---------------------------------------------------------------------------


@pytest.mark.parametrize("layer", SPATIAL, ids=lambda layer: layer.name)
@pytest.mark.parametrize("folder", ["out", "empty"])
def test_geopackage_layer_has_its_declared_types(request, folder, layer):
    path = request.getfixturevalue(folder) / "frontline.gpkg"
    assert gdal_types(path, layer.name) == declared(layer)  # in this order too
    assert list(gdal_types(path, layer.name)) == list(layer.names)


def test_geopackage_layers_and_geometry_types(out):
    assert dict(pyogrio.list_layers(out / "frontline.gpkg")) == {
        "control": "Point", "events": "Point", "distances": "LineString", "places": "Point"}  # fmt: skip


def test_qgis_temporal_fields_are_dates(out):
    frame = pyogrio.read_dataframe(out / "frontline.gpkg", layer="control")
    assert str(frame["valid_from"].dtype).startswith("datetime64") and str(frame["valid_to"].dtype).startswith("datetime64")
    assert frame["valid_to"].isna().any() and frame["valid_to"].notna().any()  # open and closed intervals


def test_an_all_null_column_keeps_its_type(tmp_path):
    layer = Layer("t", "Point", (Field("since", FieldType.DATE), Field("n", FieldType.INTEGER),
                                 Field("at", FieldType.DATETIME), Field("ok", FieldType.BOOLEAN)))  # fmt: skip
    rows = [{"geometry": None, "properties": dict.fromkeys(layer.names)}] * 2
    write_gpkg([(layer, rows)], tmp_path / "t.gpkg", None)
    assert gdal_types(tmp_path / "t.gpkg") == {"since": "Date", "n": "Integer", "at": "DateTime", "ok": "Boolean"}
    frame = pyogrio.read_dataframe(tmp_path / "t.gpkg")
    assert frame.drop(columns="geometry").isna().all().all() and frame.geometry.isna().all()


def test_timestamps_are_datetimes(tmp_path):
    layer = Layer("t", "Point", (Field("at", FieldType.DATETIME),))
    features = [{"geometry": {"type": "Point", "coordinates": [30.5, 50.45]}, "properties": {"at": "2022-02-24T04:50:00"}}]
    write_gpkg([(layer, features)], tmp_path / "t.gpkg", date(2022, 2, 24))
    write_csv(layer, [f["properties"] for f in features], tmp_path / "t.csv")
    for name in ("t.gpkg", "t.csv"):
        assert gdal_types(tmp_path / name) == {"at": "DateTime"}, name
        assert str(pyogrio.read_dataframe(tmp_path / name)["at"].iloc[0]) == "2022-02-24 04:50:00"


@pytest.mark.parametrize("value", ["2014-06-31", 3, date(2014, 6, 1)])
def test_a_value_of_the_wrong_type_is_an_error_not_a_new_column_type(tmp_path, value):
    layer = Layer("t", None, (Field("day", FieldType.DATE),))
    with pytest.raises(OutputError, match="'day'"):
        write_csv(layer, [{"day": value}], tmp_path / "t.csv")


def test_an_undeclared_field_is_an_error(tmp_path):
    layer = Layer("t", None, (Field("day", FieldType.DATE),))
    with pytest.raises(OutputError, match="undeclared"):
        write_geojson(layer, [{"geometry": None, "properties": {"day": None, "extra": 1}}], tmp_path / "t.geojson")


# --- CSV ----------------------------------------------------------------------------------


@pytest.mark.parametrize("layer", TABLES, ids=lambda layer: layer.name)
@pytest.mark.parametrize("folder", ["out", "empty"])
def test_csv_has_the_declared_columns_and_types(request, folder, layer):
    path = request.getfixturevalue(folder) / f"{layer.name}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == list(layer.names)
    assert gdal_types(path) == declared(layer)  # GDAL reads the .csvt beside it


def test_csv_values_read_back_typed(out):
    frame = pyogrio.read_dataframe(out / "events.csv")
    qaim = frame[frame["place"] == "Qaim"].iloc[0]
    assert str(qaim["date_start"])[:10] == "2014-06-21" and qaim["reports"] == 2 and bool(qaim["located"])
    assert (qaim["lat"], qaim["lon"]) == (34.369, 41.094)


# --- GeoJSON ------------------------------------------------------------------------------


def _geojsons(folder: Path) -> list[tuple[Path, Layer]]:
    days = [(p, DAYS) for p in sorted(folder.glob("????-??-??.geojson"))]
    return [(folder / f"{layer.name}.geojson", layer) for layer in SPATIAL] + days


def test_geojson_types_are_the_declared_ones_wherever_a_value_shows_them(out):
    # GeoJSON has no schema: a reader infers each property's type from its values, so a
    # property null in every feature of a file reads as text; every other one must match.
    import json

    for path, layer in _geojsons(out):
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
        assert features, path.name
        for feature in features:
            assert list(feature["properties"]) == list(layer.names), path.name
        shown = {name for name in layer.names if any(f["properties"][name] is not None for f in features)}
        types = gdal_types(path)
        assert {n: types[n] for n in shown} == {n: t for n, t in declared(layer).items() if n in shown}, path.name


# --- Debian's GDAL ------------------------------------------------------------------------


@needs_ogrinfo
@pytest.mark.parametrize("folder", ["out", "empty"])
def test_debians_ogrinfo_opens_the_geopackage_without_a_warning(request, folder):
    found = ogrinfo(request.getfixturevalue(folder) / "frontline.gpkg")
    assert found == {layer.name: declared(layer) for layer in SPATIAL}


@needs_ogrinfo
def test_debians_ogrinfo_reads_every_csv_and_geojson(out):
    for layer in TABLES:
        assert ogrinfo(out / f"{layer.name}.csv") == {layer.name: declared(layer)}, layer.name
    for path, layer in _geojsons(out):
        (fields,) = ogrinfo(path).values()
        assert list(fields) == list(layer.names), path.name
        assert {n: t for n, t in fields.items() if t != "String"} == \
            {n: t for n, t in declared(layer).items() if n in fields and fields[n] != "String"}, path.name
