"""docs/outputs.md matches the files: every documented field, in order and with its type, is the one written."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from test_export import make_export_run
from test_gis import gdal_types

from geo.write.export import write_exports
from geo.write.schema import LAYERS, PROVENANCE

DOC = Path(__file__).resolve().parent.parent / "docs" / "outputs.md"


def documented() -> dict[str, list[tuple[str, str]]]:
    """Section name -> the (field, type) rows of its table, with the *provenance* row expanded."""
    sections: dict[str, list[tuple[str, str]]] = {}
    current = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("### "):
            current = sections.setdefault(line[4:].strip().casefold(), [])
        elif current is not None and (m := re.fullmatch(r"\| `(\w+)` \| (\w+) \| .+ \|", line)):
            current.append((m[1], m[2]))
        elif current is not None and line.startswith("| *provenance* |"):
            current.extend((f.name, f.type.value) for f in PROVENANCE)
    return sections


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> tuple[Path, list[Path]]:
    folder = tmp_path_factory.mktemp("documented")
    return folder, write_exports(make_export_run(), folder)


def test_the_provenance_fields_are_documented():
    assert documented()["provenance"] == [(f.name, f.type.value) for f in PROVENANCE]


@pytest.mark.parametrize("layer", LAYERS, ids=lambda layer: layer.name)
def test_each_layer_is_documented_as_declared(layer):
    assert documented()[layer.name] == [(f.name, f.type.value) for f in layer.fields]


@pytest.mark.parametrize("layer", LAYERS, ids=lambda layer: layer.name)
def test_the_written_files_have_the_documented_fields(out, layer):
    folder, _ = out
    fields = documented()[layer.name]
    names = [name for name, _ in fields]
    if layer.geometry is not None:
        path = folder / (f"{layer.name}.geojson" if layer.name != "day" else "2014-06-22.geojson")
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            assert list(feature["properties"]) == names
    if layer.name != "day":
        with (folder / f"{layer.name}.csv").open(encoding="utf-8", newline="") as handle:
            assert next(csv.reader(handle)) == names
        assert list(gdal_types(folder / f"{layer.name}.csv").items()) == fields
    if layer.geometry is not None and layer.name != "day":
        assert list(gdal_types(folder / "frontline.gpkg", layer.name).items()) == fields


def test_every_file_written_is_documented(out):
    _, written = out
    text = DOC.read_text(encoding="utf-8")
    for path in written:
        name = re.sub(r"^\d{4}-\d{2}-\d{2}\.", "YYYY-MM-DD.", path.name)
        if name.endswith(".csvt"):
            assert "`NAME.csvt`" in text
        else:
            assert f"`{name}`" in text, name
