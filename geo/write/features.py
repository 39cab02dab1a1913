"""GeoJSON-like features of a run, one generator per layer, and the incidents of each day.

Layered like geopandas: ``iter_*_features`` yield feature dicts and
:func:`feature_collection` wraps them. Coordinates are ``[lon, lat]``
rounded to 6 decimals (:func:`geo.records.lonlat`), dates ISO 8601, and
every feature credits the gazetteer in its ``attribution`` property.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from geo.records import Article, ControlState, DistanceCheck, Evidence, Incident, Place, RunResult
from geo.write.eventdata import acled_codes, attribution, ucdp_codes
from geo.write.schema import DISTANCE_FIELDS

__all__ = [
    "check_day",
    "distance_checks",
    "feature_collection",
    "incidents_by_day",
    "incidents_on",
    "iter_control_features",
    "iter_day_features",
    "iter_distance_features",
    "iter_event_features",
]


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
        "attribution": attribution(),
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
            "attribution": attribution(),
        }
        yield _feature(_point(event.place), properties)


def distance_checks(result: RunResult) -> list[DistanceCheck]:
    """Every distance check of the run, article by article."""
    return [check for r in result.results for check in r.checks]


def iter_distance_features(result: RunResult, *, located_only: bool = True) -> Iterator[dict]:
    """A LineString reference -> subject per checked claim; unlocated claims too if not ``located_only``."""
    articles = _articles(result)
    for check in distance_checks(result):
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
            "attribution": attribution(),
        }
        geometry = {"type": "LineString", "coordinates": [list(reference), list(subject)]} if located else None
        yield _feature(geometry, {key: properties.get(key) for key in DISTANCE_FIELDS})


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
            "attribution": attribution(),
        }
        yield _feature(_point(state.place), properties)


def feature_collection(features: Iterable[dict]) -> dict:
    """A GeoJSON FeatureCollection dict of ``features``."""
    return {"type": "FeatureCollection", "features": list(features)}
