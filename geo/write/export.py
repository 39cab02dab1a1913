"""Export a run for GIS tools: GeoJSON (RFC 7946), GeoPackage, CSV, Markdown.

:func:`write_exports` writes every file of a run. The pieces live beside it:
:mod:`geo.write.schema` (each layer's fields and types),
:mod:`geo.write.features` (the layers as GeoJSON-like features),
:mod:`geo.write.provenance` (where each row's fact comes from),
:mod:`geo.write.eventdata` (ACLED and UCDP codes and tables),
:mod:`geo.write.gis` (the writers) and :mod:`geo.write.report`
(``distances.md``).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from pathlib import Path

from geo.errors import OutputError
from geo.records import RunResult
from geo.write.eventdata import acled_codes, acled_rows, ucdp_codes, ucdp_rows
from geo.write.features import (
    check_day,
    event_feature,
    feature_collection,
    incidents_by_day,
    incidents_on,
    iter_control_features,
    iter_day_features,
    iter_distance_features,
    iter_event_features,
    iter_event_records,
    iter_place_features,
)
from geo.write.gis import write_csv, write_geojson, write_gpkg
from geo.write.provenance import Provenance
from geo.write.report import by_verdict, distance_report, write_text
from geo.write.schema import ACLED, CONTROL, DAYS, DISTANCES, EVENTS, PLACES, UCDP

__all__ = [
    "acled_codes",
    "check_day",
    "feature_collection",
    "incidents_by_day",
    "incidents_on",
    "iter_control_features",
    "iter_day_features",
    "iter_distance_features",
    "iter_event_features",
    "iter_place_features",
    "ucdp_codes",
    "write_exports",
]


def _properties(features: list[dict]) -> list[dict]:
    return [f["properties"] for f in features]


def write_exports(result: RunResult, out: Path, *, only: Collection[date] | None = None) -> list[Path]:
    """Write every export of ``result`` into the folder ``out``; return the paths written.

    Each layer (control, events, distances, places) as GeoJSON, CSV (with
    its ``.csvt``) and a layer of ``frontline.gpkg``; ``events_acled.csv``
    and ``events_ucdp.csv``; ``distances.md``; and one ``YYYY-MM-DD.geojson``
    snapshot per day of the timeline (of the days in ``only``, when given:
    the others are left as they are). ``docs/outputs.md`` describes them all.
    """
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{out}: cannot create the output folder ({error.strerror})") from error
    days = result.timeline.days
    for day in days:
        if not isinstance(day, date):
            raise OutputError(f"timeline day {day!r} is not a date")
    records = list(iter_event_records(result))
    layers = {
        CONTROL: list(iter_control_features(result)),
        EVENTS: [event_feature(incident, properties) for incident, properties in records],
        DISTANCES: list(iter_distance_features(result)),
        PLACES: list(iter_place_features(result)),
    }
    written: list[Path] = []
    for layer, features in layers.items():
        written.append(write_geojson(layer, features, out / f"{layer.name}.geojson"))
        rows = _properties(features)
        written += write_csv(layer, by_verdict(rows) if layer is DISTANCES else rows, out / f"{layer.name}.csv")
    sources = Provenance(result)
    written += write_csv(ACLED, acled_rows(records, sources), out / "events_acled.csv")
    written += write_csv(UCDP, ucdp_rows(records, sources), out / "events_ucdp.csv")
    written.append(write_text(distance_report(result), out / "distances.md"))
    written.append(write_gpkg(list(layers.items()), out / "frontline.gpkg", max(days) if days else None))
    for day in days if only is None else [day for day in days if day in only]:
        name = day.isoformat()
        written.append(write_geojson(DAYS, iter_day_features(result, day), out / f"{name}.geojson", name=name))
    return written
