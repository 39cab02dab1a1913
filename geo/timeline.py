"""Timeline: all articles' events merged into incidents and a per-day state of each place.

:func:`build_timeline` merges the reports of one real event into an
:class:`Incident` (same place, actor and kind, and no change of hands by
another actor between them); reports whose dates differ by more than a day
are a recorded disagreement, not two events. It then walks every day from
the earliest date to the latest publication and gives each place known so
far a :class:`ControlState`.

Rules worth knowing:

* A capture, recapture, withdrawal or statement of control takes effect on
  the last day its date allows (a capture "early last week" is certain only
  by Thursday); a fight or siege from its first day, lasting until a later
  event.
* Nothing is drawn before its evidence. An event with no date, only "on or
  before publication", holds from its earliest report's publication day
  (``since`` None); an undated article's undated event is not drawn at all.
* A statement of control is a state, never a change: it holds from the end
  of its own date phrase ("since 2015") or, undated, from its publication;
  it sets no ``changed`` and does not stretch the timeline's days.
* A withdrawal leaves the place to nobody known (``"unknown"``) unless a
  capture the same day names who took it; a statement of presence near a
  place never changes who holds it.

:func:`infer_published` dates an undated article from a dated one that
reports the same events: the publication date under which the undated
article's date words ("Saturday", "overnight") agree with the dated
article's dates.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from geo.extract.dates import resolve
from geo.errors import FrontlineError
from geo.records import Article, ControlEvent, ControlState, DateSpan, EventKind, Incident, Precision, Status, Timeline

__all__ = ["UNKNOWN", "build_timeline", "infer_published"]

UNKNOWN = "unknown"
_DAY = timedelta(days=1)
_SEARCH = 7
_CHANGES = (EventKind.CAPTURED, EventKind.RECAPTURED, EventKind.WITHDREW)
_STATES = (EventKind.CONTROL, EventKind.PRESENCE)
_ORDER = {kind: i for i, kind in enumerate((EventKind.PRESENCE, EventKind.WITHDREW, EventKind.CONTESTED, EventKind.BESIEGED,
                                             EventKind.CONTROL, EventKind.CAPTURED, EventKind.RECAPTURED))}
_PRECISION = {Precision.DAY: 0, Precision.WEEK: 1, Precision.MONTH: 2, Precision.YEAR: 3, Precision.UNKNOWN: 4}


def infer_published(articles: Sequence[Article], events: Sequence[ControlEvent]) -> dict[str, tuple[date, str]]:
    """Article id -> (inferred publication date, id of the dated article it came from), for undated articles.

    For each undated article, every day within a week of a dated article's
    publication is tried; a day scores one for each of the undated article's
    dated words that then agrees (within a day) with the same place, actor
    and kind in the dated article, and loses one for each that disagrees.
    The best positive score wins; ties go to the day nearest the dated
    article's publication. Articles without such a match are left out:
    they stay undated.

    Only dated articles that report one of the undated article's (place,
    actor, kind) can score, so only those are tried (an index by that key),
    and each date phrase is resolved once per day it is tried on.
    """
    by_article: dict[str, list[ControlEvent]] = defaultdict(list)
    for event in events:
        by_article[event.evidence.article].append(event)
    # (place, actor, kind) -> dated article id -> its dated reports of it
    reported: dict[tuple, dict[str, list[ControlEvent]]] = defaultdict(lambda: defaultdict(list))
    published = {}
    for article in articles:
        if article.published is not None:
            published[article.id] = article.published
            for event in by_article.get(article.id, ()):
                if event.when.start is not None:
                    reported[_key(event)][article.id].append(event)
    spans: dict[tuple[str, date], DateSpan | None] = {}
    inferred = {}
    for article in sorted((a for a in articles if a.published is None), key=lambda a: a.id):
        worded = [e for e in by_article.get(article.id, ()) if e.when.text and e.when.start is None]
        candidates: dict[str, list[tuple[ControlEvent, list[ControlEvent]]]] = defaultdict(list)
        for event in worded:
            for other_id, known in reported.get(_key(event), {}).items():
                candidates[other_id].append((event, known))
        best = None
        for other_id in sorted(candidates):
            for offset in range(-_SEARCH, _SEARCH + 1):
                day = published[other_id] + timedelta(days=offset)
                score = _score(candidates[other_id], day, spans)
                key = (-score, abs(offset), other_id, day)
                if score > 0 and (best is None or key < best[0]):
                    best = (key, day, other_id)
        if best is not None:
            inferred[article.id] = (best[1], best[2])
    return inferred


def _key(event: ControlEvent) -> tuple:
    return event.place.id, event.actor, event.kind


def _score(pairs: Sequence[tuple[ControlEvent, Sequence[ControlEvent]]], day: date, spans: dict) -> int:
    """One for each dated report that agrees with an undated one's words read on ``day``, minus one for each that does not."""
    score = 0
    for event, known in pairs:
        span = _resolved(event.when.text, day, spans)
        if span is None:
            continue
        for other in known:
            score += 1 if _within_a_day(span, other.when) else -1
    return score


def _resolved(text: str, day: date, spans: dict) -> DateSpan | None:
    """``text`` read as of ``day``, None where it gives no start; once per (text, day)."""
    if (text, day) not in spans:
        try:
            span = resolve(text, day)
        except FrontlineError:
            span = None
        spans[text, day] = span if span is not None and span.start is not None else None
    return spans[text, day]


def build_timeline(events: Sequence[ControlEvent], articles: Sequence[Article]) -> Timeline:
    """Incidents and the per-day control of every place, from all articles' events.

    ``days`` runs from the earliest dated event or publication to the latest
    publication (or latest event, when no article is dated).

    >>> from geo.records import Evidence, Place
    >>> sirte = Place("local:sirte", "Sirte", 31.2, 16.6)
    >>> taken = ControlEvent(sirte, "GNA", EventKind.RECAPTURED, DateSpan.day(date(2016, 12, 5)), Evidence("a", "s"))
    >>> timeline = build_timeline([taken], [])
    >>> [(s.day.isoformat(), s.controller, s.changed) for s in timeline.states]
    [('2016-12-05', 'GNA', True)]
    """
    incidents = _incidents(events)
    starts = [e.when.start for e in events if e.when.start and e.kind not in _STATES] + [a.published for a in articles if a.published]
    ends = [a.published for a in articles if a.published] or [e.when.end for e in events if e.when.end]
    if not starts or not ends:
        return Timeline((), tuple(incidents), ())
    first, last = min(starts), max(max(ends), min(starts))
    days = tuple(first + timedelta(days=i) for i in range((last - first).days + 1))
    by_place: dict[str, list[Incident]] = defaultdict(list)
    for incident in incidents:
        by_place[incident.event.place.id].append(incident)
    states = [state for place_id in sorted(by_place) for state in _states(by_place[place_id], days)]
    states.sort(key=lambda s: (s.day, s.place.id))
    return Timeline(days, tuple(incidents), tuple(states))


# --- incidents --------------------------------------------------------------------------


def _incidents(events: Sequence[ControlEvent]) -> list[Incident]:
    groups: dict[tuple, list[ControlEvent]] = defaultdict(list)
    for event in events:
        groups[(event.place.id, event.actor, event.kind.value)].append(event)
    by_place: dict[str, list[ControlEvent]] = defaultdict(list)
    for event in events:
        if event.kind in _CHANGES and event.when.start is not None:
            by_place[event.place.id].append(event)
    changes = defaultdict(lambda: ((), ()))
    for place_id, found in by_place.items():
        found.sort(key=lambda e: e.when.start)
        changes[place_id] = ([e.when.start for e in found], found)
    incidents = []
    for key in sorted(groups):
        reports = sorted(groups[key], key=_report_key)
        clusters: list[list[ControlEvent]] = []
        for report in (r for r in reports if r.when.start is not None):
            if clusters and not _hands_changed(changes[key[0]], key[1], clusters[-1][-1].when.end, report.when.start):
                clusters[-1].append(report)
            else:
                clusters.append([report])
        loose = []
        for report in (r for r in reports if r.when.start is None):
            home = next((c for c in clusters if report.when.end is None or c[0].when.start <= report.when.end), None)
            (home if home is not None else loose).append(report)
        if loose:
            clusters.append(loose)
        incidents.extend(_incident(cluster) for cluster in clusters)
    incidents.sort(key=lambda i: (i.event.when.start or date.min, i.event.place.id, i.event.actor, i.event.kind.value))
    return incidents


def _hands_changed(changes: tuple[Sequence[date], Sequence[ControlEvent]], actor: str, after: date, before: date) -> bool:
    """Whether another actor took or left the place between two reports.

    ``changes`` are the place's changes of hands sorted by start, with their starts:
    only those starting inside the gap are read.
    """
    starts, events = changes
    for index in range(bisect_right(starts, after), len(starts)):
        if starts[index] >= before:  # a change must end before ``before``, so start before it
            return False
        if events[index].actor != actor and events[index].when.end < before:
            return True
    return False


def _incident(reports: list[ControlEvent]) -> Incident:
    """One incident from the reports of one event, corroborated and disputed by article.

    An article counts once: of its reports the one that agrees with the
    best-dated report is kept (else its own best-dated one), so a repeated
    sentence is one report and an article never disagrees with itself.
    """
    best = min(reports, key=_best_key)
    by_article: dict[str, list[ControlEvent]] = defaultdict(list)
    for report in sorted(reports, key=_best_key):
        by_article[report.evidence.article].append(report)
    kept = sorted([best] + [
        next((r for r in own if _within_a_day(r.when, best.when)), own[0])
        for article, own in by_article.items() if article != best.evidence.article
    ], key=_report_key)
    messages = tuple(
        f"{best.place.name}, {best.kind.value} by {best.actor}: {_describe(best)} but {_describe(report)}"
        for report in kept if report.when.start is not None and not _within_a_day(report.when, best.when)
    )
    return Incident(best, tuple(kept), messages)


def _describe(event: ControlEvent) -> str:
    when = event.when
    span = when.start.isoformat() if when.start == when.end else f"{when.start.isoformat()}..{when.end.isoformat()}"
    words = f' ("{when.text}")' if when.text else ""
    return f"{event.evidence.article} says {span}{words}"


def _report_key(event: ControlEvent) -> tuple:
    return (event.when.start or date.max, event.when.end or date.max, event.evidence.article, event.evidence.start)


def _best_key(event: ControlEvent) -> tuple:
    when = event.when
    length = (when.end - when.start).days if when.start and when.end else 10**6
    return (_PRECISION[when.precision], length, -event.confidence, event.evidence.article, event.evidence.start)


def _within_a_day(a: DateSpan, b: DateSpan) -> bool:
    if None in (a.start, a.end, b.start, b.end):
        return False
    return abs(a.start - b.start) <= _DAY and abs(a.end - b.end) <= _DAY


# --- states -----------------------------------------------------------------------------


def _effective(incident: Incident) -> date | None:
    """The day an incident changes the map: for an undated one, its earliest report's publication (None if none)."""
    when = incident.event.when
    if when.start is None:
        published = [r.when.end for r in incident.reports if r.when.start is None and r.when.end]
        return min(published) if published else None
    return when.start if incident.event.kind in (EventKind.CONTESTED, EventKind.BESIEGED) else when.end


def _states(incidents: list[Incident], days: tuple[date, ...]) -> list[ControlState]:
    place = incidents[0].event.place
    effects: dict[date | None, list[Incident]] = defaultdict(list)
    for incident in incidents:
        when = incident.event.when
        if incident.event.kind is not EventKind.PRESENCE and (day := _effective(incident)) is not None:
            effects[None if day < days[0] else day].append(incident)
    states: list[ControlState] = []
    controller, status, since, support = "", Status.HELD, None, ()
    for index, day in enumerate(days):
        todays = sorted(effects.get(day, ()), key=lambda i: _ORDER[i.event.kind])
        if index == 0:
            todays = sorted(effects.get(None, ()), key=lambda i: _ORDER[i.event.kind]) + todays
        before = controller
        for incident in todays:
            controller, status, since, support = _apply(incident, controller, status, since, support, day,
                                                        incident.event.when.start is None)
        if not controller:
            continue
        changed = controller != before and any(i.event.when.start is not None and i.event.kind in _CHANGES for i in todays)
        disagreements = tuple(dict.fromkeys(m for i in support for m in i.disagreements))
        states.append(ControlState(place, day, controller, status, since, support, disagreements, changed))
    return states


def _apply(incident: Incident, controller: str, status: Status, since: date | None, support: tuple, day: date, undated: bool):
    event = incident.event
    start = None if undated else day
    if event.kind in (EventKind.CAPTURED, EventKind.RECAPTURED, EventKind.CONTROL):
        if controller != event.actor:
            since = event.when.start if event.kind is EventKind.CONTROL else start  # a state: the start of its phrase
        return event.actor, Status.HELD, since, (incident,)
    if event.kind is EventKind.WITHDREW:
        if controller in ("", event.actor):
            return UNKNOWN, Status.HELD, start, (incident,)
        return controller, status, since, support
    # contested or besieged: the holder stays, the status changes
    holder = controller or (event.actor if event.kind is EventKind.CONTESTED else UNKNOWN)
    return holder, Status.CONTESTED, since if controller else start, support + (incident,)
