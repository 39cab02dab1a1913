"""Export a run for GIS tools: GeoJSON (RFC 7946), CSV, GeoPackage, Markdown.

Layered like geopandas: ``iter_*_features`` yield GeoJSON-like feature
dicts, :func:`feature_collection` wraps them, and :func:`write_exports` turns
them into files through geopandas/pyogrio. Coordinates are ``[lon, lat]``
rounded to 6 decimals (:func:`geo.records.lonlat`), dates ISO 8601, and every
feature credits the gazetteer in its ``attribution`` property.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely.geometry

from geo.extract.actors import Actors
from geo.errors import OutputError
from geo.lexicon import load as load_lexicon
from geo.files import atomic_path
from geo.records import (
    Article,
    ControlState,
    DistanceCheck,
    Evidence,
    Incident,
    Place,
    RunResult,
    Verdict,
)

__all__ = [
    "acled_codes",
    "check_day",
    "feature_collection",
    "incidents_on",
    "iter_control_features",
    "iter_day_features",
    "iter_distance_features",
    "iter_event_features",
    "ucdp_codes",
    "write_exports",
]

_GEOJSON_OPTIONS = {"RFC7946": "YES", "COORDINATE_PRECISION": "6", "WRITE_BBOX": "NO"}
_CONTROL_FIELDS = (
    "place_id", "name", "controller", "status", "valid_from", "valid_to", "since", "days",
    "sources", "evidence", "disagreements", "place_source", "attribution",
)  # fmt: skip
_EVENT_FIELDS = (
    "event_id", "place_id", "place", "kind", "actor", "date_start", "date_end", "date_precision",
    "date_text", "event_type", "sub_event_type", "time_precision", "geo_precision", "date_prec",
    "where_prec", "evidence", "article", "sources", "source_titles", "reports", "disagreements",
    "confidence", "place_source", "attribution",
)  # fmt: skip
_DAY_FIELDS = (
    "day", "place_id", "name", "controller", "status", "since", "changed", "sources", "evidence",
    "disagreements", "place_source", "attribution",
)  # fmt: skip
_DISTANCE_FIELDS = (
    "article", "published", "subject", "subject_id", "reference", "reference_id", "value", "unit",
    "stated_km", "direction", "hedge", "kind", "measured_km", "bearing_deg", "ratio", "verdict",
    "direction_verdict", "tolerance_low", "tolerance_high", "note", "evidence", "subject_lon",
    "subject_lat", "reference_lon", "reference_lat", "attribution",
)  # fmt: skip
_VERDICT_ORDER = {Verdict.INCONSISTENT: 0, Verdict.CONSISTENT: 1, Verdict.UNVERIFIABLE: 2}


def _codes() -> dict:
    """The export configuration (``geo/lexicon/exports.toml``), read once."""
    return load_lexicon("exports")


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _point(place: Place | None) -> dict | None:
    if place is None or not place.located:
        return None
    return {"type": "Point", "coordinates": list(place.lonlat)}


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _sources(evidence: Iterable[Evidence]) -> str:
    return "; ".join(_unique(e.article for e in evidence))


def _feature(geometry: dict | None, properties: dict) -> dict:
    return {"type": "Feature", "geometry": geometry, "properties": properties}


@functools.cache
def _for_government(actor: str) -> bool:
    """Whether ``actor`` is a state actor or fights for one (ACLED's government and affiliates)."""
    actors = Actors.default()
    return actors.role(actor) == "state" or bool(actors.ally(actor))


def acled_codes(incident: Incident) -> dict:
    """ACLED ``event_type``, ``sub_event_type``, ``time_precision`` and ``geo_precision``."""
    codes, event = _codes(), incident.event
    kind = codes["acled"][event.kind.value]
    sub = kind.get("sub_event_type")
    if sub is None:
        sub = kind["state"] if _for_government(event.actor) else kind["non_state"]
    geo_table = codes["acled_geo_precision"]
    geo = geo_table[event.place.kind.value]
    if geo == 1 and event.place.precision_km > geo_table["approximate_km"]:
        geo = 2
    return {
        "event_type": kind["event_type"],
        "sub_event_type": sub,
        "time_precision": codes["acled_time_precision"][event.when.precision.value],
        "geo_precision": geo,
    }


def ucdp_codes(incident: Incident) -> dict:
    """UCDP GED ``date_prec`` (from the span's length) and ``where_prec`` (from the place)."""
    codes, event = _codes(), incident.event
    when, table = event.when, codes["ucdp_date_prec"]
    date_prec = table["longer"]
    if when.start and when.end:
        length = (when.end - when.start).days + 1
        date_prec = next((code for most, code in table["max_days"] if length <= most), table["longer"])
    where_table = codes["ucdp_where_prec"]
    where = where_table[event.place.kind.value]
    if where == 1 and event.place.precision_km > where_table["within_25km_above_km"]:
        where = 2
    return {"date_prec": date_prec, "where_prec": where}


def _articles(result: RunResult) -> dict[str, Article]:
    return {article.id: article for article in result.articles}


def incidents_on(result: RunResult, day: date) -> tuple[Incident, ...]:
    """The incidents of ``day``: those whose date span holds it; an undated one on its articles' day."""
    chosen = []
    for incident in result.timeline.incidents:
        when = incident.event.when
        if when.start and when.end:
            if when.start <= day <= when.end:
                chosen.append(incident)
        elif any(result.published(r.evidence.article) == day for r in incident.reports):
            chosen.append(incident)
    return tuple(chosen)


def incidents_by_day(result: RunResult) -> dict[date, tuple[Incident, ...]]:
    """:func:`incidents_on` for every day of the timeline at once, in one pass over the incidents."""
    days = result.timeline.days
    found: dict[date, list[Incident]] = {day: [] for day in days}
    if not days:
        return {}
    first, last = min(days), max(days)
    for incident in result.timeline.incidents:
        when = incident.event.when
        if when.start and when.end:
            on = (max(when.start, first) + timedelta(days=i) for i in range((min(when.end, last) - max(when.start, first)).days + 1))
        else:
            on = dict.fromkeys(result.published(r.evidence.article) for r in incident.reports)
        for day in on:
            if day in found:
                found[day].append(incident)
    return {day: tuple(incidents) for day, incidents in found.items()}


def check_day(result: RunResult, check: DistanceCheck) -> date | None:
    """The day a distance check belongs to: its article's publication date (None if undated)."""
    return result.published(check.claim.article)


def _run_properties(run: list[ControlState], valid_to: date | None) -> dict:
    first = run[0]
    incidents = [i for state in run for i in state.incidents]
    evidence = [e for i in incidents for e in i.sources]
    return {
        "place_id": first.place.id,
        "name": first.place.name,
        "controller": first.controller,
        "status": first.status.value,
        "valid_from": first.day.isoformat(),
        "valid_to": _iso(valid_to),
        "since": _iso(first.since),
        "days": len(run),
        "sources": _sources(evidence) or None,
        "evidence": " | ".join(_unique(e.sentence for e in evidence)) or None,
        "disagreements": "; ".join(_unique(d for s in run for d in s.disagreements)) or None,
        "place_source": first.place.source or None,
        "attribution": _codes()["attribution"],
    }


def iter_control_features(result: RunResult) -> Iterator[dict]:
    """One Point per place and control interval.

    Consecutive states with the same controller and status merge into one
    interval. ``valid_to`` is exclusive: the first day of the place's next
    interval, None (open) for its last one, so QGIS's temporal controller
    animates the layer as it is.
    """
    by_place: dict[str, list[ControlState]] = {}
    for state in sorted(result.timeline.states, key=lambda s: (s.place.id, s.day)):
        by_place.setdefault(state.place.id, []).append(state)
    for states in by_place.values():
        runs: list[list[ControlState]] = []
        for state in states:
            last = runs[-1][-1] if runs else None
            if last and (last.controller, last.status) == (state.controller, state.status):
                runs[-1].append(state)
            else:
                runs.append([state])
        for index, run in enumerate(runs):
            valid_to = runs[index + 1][0].day if index + 1 < len(runs) else None
            yield _feature(_point(run[0].place), _run_properties(run, valid_to))


def iter_event_features(result: RunResult) -> Iterator[dict]:
    """One Point per incident, with ACLED and UCDP precision codes and all its sources."""
    articles = _articles(result)
    for number, incident in enumerate(result.timeline.incidents, start=1):
        event = incident.event
        titles = (articles.get(e.article) for e in incident.sources)
        properties = {
            "event_id": number,
            "place_id": event.place.id,
            "place": event.place.name,
            "kind": event.kind.value,
            "actor": event.actor,
            "date_start": _iso(event.when.start),
            "date_end": _iso(event.when.end),
            "date_precision": event.when.precision.value,
            "date_text": event.when.text or None,
            **acled_codes(incident),
            **ucdp_codes(incident),
            "evidence": event.evidence.sentence,
            "article": event.evidence.article,
            "sources": _sources(incident.sources),
            "source_titles": "; ".join(_unique(a.title or a.source for a in titles if a)) or None,
            "reports": len(incident.reports),
            "disagreements": "; ".join(incident.disagreements) or None,
            "confidence": round(event.confidence, 3),
            "place_source": event.place.source or None,
            "attribution": _codes()["attribution"],
        }
        yield _feature(_point(event.place), properties)


def _checks(result: RunResult) -> list[DistanceCheck]:
    return [check for r in result.results for check in r.checks]


def iter_distance_features(result: RunResult, *, located_only: bool = True) -> Iterator[dict]:
    """A LineString reference -> subject per checked claim; unlocated claims too if not ``located_only``."""
    articles = _articles(result)
    for check in _checks(result):
        claim = check.claim
        ends = (claim.reference_place, claim.subject_place)
        located = all(p is not None and p.located for p in ends)
        if located_only and not located:
            continue
        article = articles.get(claim.article)
        subject, reference = (p.lonlat if p is not None and p.located else (None, None) for p in ends[::-1])
        properties = {
            **check.as_record(),
            "published": _iso(article.published) if article else None,
            "subject_lon": subject[0],
            "subject_lat": subject[1],
            "reference_lon": reference[0],
            "reference_lat": reference[1],
            "attribution": _codes()["attribution"],
        }
        geometry = {"type": "LineString", "coordinates": [list(reference), list(subject)]} if located else None
        yield _feature(geometry, {key: properties.get(key) for key in _DISTANCE_FIELDS})


def iter_day_features(result: RunResult, day: date) -> Iterator[dict]:
    """The state of each place on ``day``: one Point per place."""
    for state in result.timeline.on(day):
        evidence = [e for incident in state.incidents for e in incident.sources]
        properties = {
            "day": day.isoformat(),
            "place_id": state.place.id,
            "name": state.place.name,
            "controller": state.controller,
            "status": state.status.value,
            "since": _iso(state.since),
            "changed": state.changed,
            "sources": _sources(evidence) or None,
            "evidence": " | ".join(_unique(e.sentence for e in evidence)) or None,
            "disagreements": "; ".join(state.disagreements) or None,
            "place_source": state.place.source or None,
            "attribution": _codes()["attribution"],
        }
        yield _feature(_point(state.place), properties)


def feature_collection(features: Iterable[dict]) -> dict:
    """A GeoJSON FeatureCollection dict of ``features``."""
    return {"type": "FeatureCollection", "features": list(features)}


def _frame(features: Iterable[dict], fields: tuple[str, ...]) -> gpd.GeoDataFrame:
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


def _write_geojson(frame: gpd.GeoDataFrame, path: Path, layer: str, geometry_type: str) -> Path:
    with atomic_path(path) as tmp:
        pyogrio.write_dataframe(
            frame, tmp, driver="GeoJSON", layer=layer, geometry_type=geometry_type,
            layer_options=_GEOJSON_OPTIONS,
        )  # fmt: skip
    return path


def _write_csv(frame: gpd.GeoDataFrame, path: Path) -> Path:
    with atomic_path(path) as tmp:
        pd.DataFrame(frame.drop(columns="geometry")).to_csv(tmp, index=False, lineterminator="\n")
    return path


def _write_gpkg(layers: dict[str, tuple[gpd.GeoDataFrame, str]], path: Path, stamp: date | None) -> Path:
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


def _cell(value) -> str:
    if value is None or value != value:  # None or NaN
        return ""
    return " ".join(str(value).split()).replace("\\", "\\\\").replace("|", "\\|")


def _markdown(result: RunResult) -> str:
    checks = sorted(_checks(result), key=lambda c: _VERDICT_ORDER[c.verdict])
    counts = {v: sum(1 for c in checks if c.verdict is v) for v in _VERDICT_ORDER}
    lines = [
        "# Distance report",
        "",
        f"{len(checks)} stated distances and directions: "
        + ", ".join(f"{n} {v.value}" for v, n in counts.items())
        + ". Inconsistent claims first.",
        "",
        "| verdict | subject | reference | stated | measured | ratio | direction | direction verdict "
        "| note | article | evidence |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for check in checks:
        r = check.as_record()
        stated = f"{r['value']} {r['unit']}" if r["value"] is not None else ""
        if r["stated_km"] is not None and r["unit"] != "km":
            stated += f" ({r['stated_km']} km)"
        measured = f"{r['measured_km']} km" if r["measured_km"] is not None else ""
        cells = (
            r["verdict"], r["subject"], r["reference"], stated, measured, r["ratio"], r["direction"],
            r["direction_verdict"], r["note"], r["article"], r["evidence"],
        )  # fmt: skip
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    lines += ["", f"{_codes()['attribution']}.", ""]
    return "\n".join(lines)


def _write_text(text: str, path: Path) -> Path:
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")
    return path


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
    control = _frame(iter_control_features(result), _CONTROL_FIELDS)
    events = _frame(iter_event_features(result), _EVENT_FIELDS)
    claims = _frame(iter_distance_features(result, located_only=False), _DISTANCE_FIELDS)
    lines = claims[claims.geometry.notna()].reset_index(drop=True)  # what iter_distance_features() gives
    days = result.timeline.days
    written = [
        _write_geojson(control, out / "control.geojson", "control", "Point"),
        _write_geojson(events, out / "events.geojson", "events", "Point"),
        _write_csv(events, out / "events.csv"),
        _write_geojson(lines, out / "distances.geojson", "distances", "LineString"),
        _write_csv(claims, out / "distances.csv"),
        _write_text(_markdown(result), out / "distances.md"),
        _write_gpkg(
            {"control": (control, "Point"), "events": (events, "Point"), "distances": (lines, "LineString")},
            out / "frontline.gpkg",
            max(days) if days else None,
        ),
    ]
    for day in days:
        if not isinstance(day, date):
            raise OutputError(f"timeline day {day!r} is not a date")
        frame = _frame(iter_day_features(result, day), _DAY_FIELDS)
        written.append(_write_geojson(frame, out / f"{day.isoformat()}.geojson", day.isoformat(), "Point"))
    return written
