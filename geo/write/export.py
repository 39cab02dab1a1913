"""Export a run for GIS tools: GeoJSON (RFC 7946), CSV, GeoPackage, Markdown.

:func:`write_exports` writes every file of a run. The pieces live beside it:
:mod:`geo.write.features` (the layers as GeoJSON-like features),
:mod:`geo.write.eventdata` (ACLED and UCDP codes), :mod:`geo.write.gis`
(the GDAL writers), :mod:`geo.write.report` (``distances.md``) and
:mod:`geo.write.schema` (each layer's fields).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from geo.errors import OutputError
from geo.records import RunResult
from geo.write.eventdata import acled_codes, ucdp_codes
from geo.write.features import (
    check_day,
    feature_collection,
    incidents_by_day,
    incidents_on,
    iter_control_features,
    iter_day_features,
    iter_distance_features,
    iter_event_features,
)
from geo.write.gis import frame, write_csv, write_geojson, write_gpkg
from geo.write.report import by_verdict, distance_report, write_text
from geo.write.schema import CONTROL_FIELDS, DAY_FIELDS, DISTANCE_FIELDS, EVENT_FIELDS

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
    "ucdp_codes",
    "write_exports",
]


def write_exports(result: RunResult, out: Path) -> list[Path]:
    """Write every export of ``result`` into the folder ``out``; return the paths written.

    ``control.geojson``, ``events.geojson``, ``events.csv``,
    ``distances.geojson``, ``distances.csv``, ``distances.md``,
    ``frontline.gpkg`` (layers control, events, distances) and one
    ``YYYY-MM-DD.geojson`` snapshot per day of the timeline.
    """
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{out}: cannot create the output folder ({error.strerror})") from error
    control = frame(iter_control_features(result), CONTROL_FIELDS)
    events = frame(iter_event_features(result), EVENT_FIELDS)
    claims = frame(iter_distance_features(result, located_only=False), DISTANCE_FIELDS)
    lines = claims[claims.geometry.notna()].reset_index(drop=True)  # what iter_distance_features() gives
    days = result.timeline.days
    written = [
        write_geojson(control, out / "control.geojson", "control", "Point"),
        write_geojson(events, out / "events.geojson", "events", "Point"),
        write_csv(events, out / "events.csv"),
        write_geojson(lines, out / "distances.geojson", "distances", "LineString"),
        write_csv(by_verdict(claims), out / "distances.csv"),
        write_text(distance_report(result), out / "distances.md"),
        write_gpkg(
            {"control": (control, "Point"), "events": (events, "Point"), "distances": (lines, "LineString")},
            out / "frontline.gpkg",
            max(days) if days else None,
        ),
    ]
    for day in days:
        if not isinstance(day, date):
            raise OutputError(f"timeline day {day!r} is not a date")
        snapshot = frame(iter_day_features(result, day), DAY_FIELDS)
        written.append(write_geojson(snapshot, out / f"{day.isoformat()}.geojson", day.isoformat(), "Point"))
    return written
