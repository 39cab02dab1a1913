"""GeoJSON-like features of a run, one generator per layer, and the incidents of each day.

Layered like geopandas: ``iter_*_features`` yield feature dicts and
:func:`feature_collection` wraps them. Each feature's properties are the
fields its layer declares (:mod:`geo.write.schema`), in order, with the
provenance of the fact (:mod:`geo.write.provenance`). Coordinates are
``[lon, lat]`` rounded to 6 decimals (:func:`geo.records.lonlat`), dates
ISO 8601 text, and a place no gazetteer locates has a null geometry and
null ``lat``/``lon``, never a point at 0,0.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from geo.records import ControlState, DistanceCheck, Incident, Place, RunResult
from geo.write.eventdata import acled_codes, attribution, ucdp_codes
from geo.write.provenance import Provenance
from geo.write.schema import CONTROL, DAYS, DISTANCES, EVENTS, PLACES, Layer

__all__ = [
    "check_day",
    "distance_checks",
    "event_feature",
    "feature_collection",
    "incidents_by_day",
    "incidents_on",
    "iter_control_features",
    "iter_day_features",
    "iter_distance_features",
    "iter_event_features",
    "iter_event_records",
    "iter_place_features",
]


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _point(place: Place | None) -> dict | None:
    if place is None or not place.located:
        return None
    return {"type": "Point", "coordinates": list(place.lonlat)}


def _feature(layer: Layer, geometry: dict | None, properties: dict) -> dict:
    return {"type": "Feature", "geometry": geometry, "properties": layer.row(properties)}


def _place(place: Place) -> dict:
    lon, lat = place.lonlat or (None, None)
    return {
        "place_kind": place.kind.value,
        "country": place.country or None,
        "admin1": place.admin1 or None,
        "lat": lat,
        "lon": lon,
        "located": place.located,
    }


def _credit(place: Place) -> dict:
    return {"place_source": place.source or None, "attribution": attribution()}


def _primary(state: ControlState):
    """The evidence that put the place in ``state``: the best report of the incident applied last."""
    return state.incidents[-1].event.evidence if state.incidents else None


def _distinct(incidents: Iterable[Incident]) -> list[Incident]:
    return list({id(i): i for i in incidents}.values())


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


def iter_control_features(result: RunResult) -> Iterator[dict]:
    """One Point per place and control interval.

    Consecutive states with the same controller and status merge into one
    interval of ``days`` days. ``valid_to`` is exclusive: the first day of
    the place's next interval, None (open) for its last one, so QGIS's
    temporal controller animates the layer as it is. The provenance is that
    of the report that began the interval.
    """
    sources = Provenance(result)
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
            first = run[0]
            properties = {
                "place_id": first.place.id,
                "name": first.place.name,
                **_place(first.place),
                "controller": first.controller,
                "status": first.status.value,
                "valid_from": first.day.isoformat(),
                "valid_to": runs[index + 1][0].day.isoformat() if index + 1 < len(runs) else None,
                "since": _iso(first.since),
                "days": len(run),
                **sources.support(_distinct(i for state in run for i in state.incidents)),
                **sources.of(_primary(first)),
                **_credit(first.place),
            }
            yield _feature(CONTROL, _point(first.place), properties)


def iter_day_features(result: RunResult, day: date) -> Iterator[dict]:
    """The state of each place on ``day``: one Point per place."""
    sources = Provenance(result)
    for state in result.timeline.on(day):
        properties = {
            "day": day.isoformat(),
            "place_id": state.place.id,
            "name": state.place.name,
            **_place(state.place),
            "controller": state.controller,
            "status": state.status.value,
            "since": _iso(state.since),
            "changed": state.changed,
            **sources.support(state.incidents),
            **sources.of(_primary(state)),
            **_credit(state.place),
        }
        yield _feature(DAYS, _point(state.place), properties)


def _holders(result: RunResult) -> dict[tuple[str, date], str]:
    return {(state.place.id, state.day): state.controller for state in result.timeline.states}


def iter_event_records(result: RunResult) -> Iterator[tuple[Incident, dict]]:
    """Each incident with the properties of its event feature (see :func:`iter_event_features`)."""
    sources, holders = Provenance(result), _holders(result)
    for number, incident in enumerate(result.timeline.incidents, start=1):
        event = incident.event
        before = holders.get((event.place.id, event.when.start - timedelta(days=1))) if event.when.start else None
        properties = {
            "event_id": number,
            "place_id": event.place.id,
            "place": event.place.name,
            **_place(event.place),
            "kind": event.kind.value,
            "actor": event.actor,
            "previous_controller": before if before not in (None, "unknown", event.actor) else None,
            "date_start": _iso(event.when.start),
            "date_end": _iso(event.when.end),
            "date_precision": event.when.precision.value,
            "date_text": event.when.text or None,
            "trigger": event.trigger or None,
            "confidence": round(event.confidence, 3),
            **acled_codes(incident),
            **ucdp_codes(incident),
            **sources.support([incident]),
            "disagreeing_articles": len(incident.disagreements),
            "source_titles": sources.titles(incident.sources),
            "source_urls": sources.urls(incident.sources),
            **sources.of(event.evidence),
            **_credit(event.place),
        }
        yield incident, EVENTS.row(properties)


def event_feature(incident: Incident, properties: dict) -> dict:
    """The event feature of one of :func:`iter_event_records`' pairs."""
    return _feature(EVENTS, _point(incident.event.place), properties)


def iter_event_features(result: RunResult) -> Iterator[dict]:
    """One Point per incident, with ACLED and UCDP codes, its reports and the best-dated one's provenance."""
    for incident, properties in iter_event_records(result):
        yield event_feature(incident, properties)


def distance_checks(result: RunResult) -> list[DistanceCheck]:
    """Every distance check of the run, article by article."""
    return [check for r in result.results for check in r.checks]


_CLAIM_FIELDS = [f.name for f in DISTANCES.fields[: DISTANCES.names.index("subject_lon")]]


def iter_distance_features(result: RunResult, *, located_only: bool = False) -> Iterator[dict]:
    """A LineString reference -> subject per checked claim; one with an unlocated end has a null geometry.

    ``located_only`` leaves those out.
    """
    sources = Provenance(result)
    for check in distance_checks(result):
        claim = check.claim
        ends = (claim.reference_place, claim.subject_place)
        located = all(p is not None and p.located for p in ends)
        if located_only and not located:
            continue
        record = check.as_record()
        subject, reference = (p.lonlat if p is not None and p.located else (None, None) for p in ends[::-1])
        properties = {
            **{key: record[key] for key in _CLAIM_FIELDS},
            "subject_lon": subject[0],
            "subject_lat": subject[1],
            "reference_lon": reference[0],
            "reference_lat": reference[1],
            **sources.of(claim.evidence),
            "attribution": attribution(),
        }
        geometry = {"type": "LineString", "coordinates": [list(reference), list(subject)]} if located else None
        yield _feature(DISTANCES, geometry, properties)


def iter_place_features(result: RunResult) -> Iterator[dict]:
    """One Point per place the run's articles name, located or not, by place id.

    ``mentions`` and ``articles`` count where it is named, ``surfaces`` the
    words used; the provenance and ``surface`` are those of its first mention
    (earliest article, then article id, then position). A first mention
    outside every sentence (a title line) has null evidence.
    """
    sources = Provenance(result)
    named: dict[str, list] = {}
    for r in result.results:
        for mention in r.mentions:
            if mention.place is not None:
                named.setdefault(mention.place.id, []).append((r.article, mention))
    for place_id in sorted(named):
        found = sorted(named[place_id], key=lambda am: (am[0].published or date.max, am[0].id, am[1].start))
        article, first = found[0]
        place = first.place
        properties = {
            "place_id": place.id,
            "name": place.name,
            **_place(place),
            "population": place.population or None,
            "precision_km": place.precision_km,
            "mentions": len(found),
            "articles": len({a.id for a, _ in found}),
            "surfaces": "; ".join(sorted({m.surface for _, m in found})),
            "hint": next((m.hint for _, m in found if m.hint), None),
            "surface": first.surface,
            "surface_start": first.start,
            "surface_end": first.end,
            "score": round(first.score, 3),
            "runner_up": first.runner_up or None,
            **sources.in_article(article, _sentence_of(article, first)),
            **_credit(place),
        }
        yield _feature(PLACES, _point(place), properties)


def _sentence_of(article, mention):
    sentences = article.sentences
    at = bisect_right([s.start for s in sentences], mention.start) - 1
    return sentences[at] if at >= 0 and mention.end <= sentences[at].end else None


def feature_collection(features: Iterable[dict]) -> dict:
    """A GeoJSON FeatureCollection dict of ``features``."""
    return {"type": "FeatureCollection", "features": list(features)}
