"""Which days' files a run must draw again: a fingerprint of what each day's files are made from.

A day's map (``YYYY-MM-DD.html``) and snapshot (``YYYY-MM-DD.geojson``) are
drawn from that day's share of the run: the control states of the day, its
incidents, the articles published that day, what the articles cited by them
say of themselves (title, URL, date), and which days come before and after
it. Around every day lie the writers themselves (their code, assets and
lexicon files, :func:`geo.store.digest.drawing_digest`), the ``tiles``
option and what all maps of a run share (the extent of the places drawn,
the places that make its theatres, its actors and so their colours, which
days get a map and so each map's previous and next). The
fingerprint of a day digests all of these; a day whose fingerprint is the one
its files were drawn with is left as it is. A writer that makes a day's files
from anything else must add it here; the tests that compare an incremental
run with a full one, byte for byte, hold the two together.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import hashlib
import io
import pickle
from collections.abc import Mapping
from datetime import date

from geo.records import ArticleResult, Incident, Place, RunResult
from geo.store.digest import drawing_digest
from geo.write.features import incidents_by_day

__all__ = ["day_prints"]


def day_prints(result: RunResult, *, tiles: str | None = None, days: str = "news",
               known: Mapping[str, str] | None = None) -> dict[date, str]:
    """Each day of ``result``'s timeline -> the hex fingerprint of what its files are drawn from.

    ``days`` is the choice of days that get a map (:mod:`geo.write.days`).
    ``known`` may give, for an article id, a digest that already stands for
    everything its result holds (the store's: its content hash and analysis
    digest); that result and its events are then not digested again.
    """
    paused = gc.isenabled()
    gc.disable()  # what is made here is small and acyclic; a collection would only walk the whole run again and again
    try:
        return _day_prints(result, tiles, days, known)
    finally:
        if paused:
            gc.enable()


def _day_prints(result: RunResult, tiles: str | None, days: str, known: Mapping[str, str] | None) -> dict[date, str]:
    from geo.write.days import select_days

    mapped = select_days(result, days)
    position = {day: i for i, day in enumerate(mapped)}
    days = tuple(sorted(result.timeline.days))
    if not days:
        return {}
    prints = _Prints()
    for r in result.results:
        key = (known or {}).get(r.article.id)
        if key is not None:
            prints.name(r, f"result:{key}")
            for number, event in enumerate(r.events):
                prints.name(event, f"event:{key}:{number}")
    around = prints.of((drawing_digest(), tiles, _extents(result), mapped, _shared(result)))
    incidents = incidents_by_day(result)
    published: dict[date, list[ArticleResult]] = {}
    for r in result.results:
        published.setdefault(r.article.published, []).append(r)
    about = {r.article.id: _about(r) for r in result.results}
    out = {}
    for index, day in enumerate(days):
        states = result.timeline.on(day)
        cited = sorted({report.evidence.article for incident in (*incidents.get(day, ()),
                                                                  *(i for s in states for i in s.incidents))
                        for report in incident.reports})  # fmt: skip
        at = position.get(day)
        nav = None if at is None else (mapped[at - 1] if at else None, mapped[at + 1] if at + 1 < len(mapped) else None)
        out[day] = prints.of((
            around, day, days[index - 1] if index else None, days[index + 1] if index + 1 < len(days) else None, nav,
            states, incidents.get(day, ()), tuple(published.get(day, ())), tuple(about.get(a) for a in cited),
        ))  # fmt: skip
    return out


def _about(result: ArticleResult) -> tuple:
    a = result.article
    return (a.id, a.title, a.url, a.source, a.published, a.published_from, a.dateline)


def _shared(result: RunResult) -> tuple:
    """What every map of a run shares beyond its extent: the actors (their colours) and the theatres' places."""
    timeline = result.timeline
    actors = sorted({s.controller for s in timeline.states} | {i.event.actor for i in timeline.incidents})
    places = [s.place for s in timeline.states] + [i.event.place for i in timeline.incidents]
    places += [p for r in result.results for c in r.checks for p in (c.claim.subject_place, c.claim.reference_place)]
    named = [m.place for r in result.results for m in r.mentions]
    spots = sorted({(p.id, p.lat, p.lon, p.country, p.kind.value) for p in places + named if p is not None and p.located})
    return tuple(actors), tuple(spots)


def _extents(result: RunResult) -> tuple:
    """The extent of the places of control, events and checks, and apart that of every place mentioned."""
    main = [s.place for s in result.timeline.states] + [i.event.place for i in result.timeline.incidents]
    main += [p for r in result.results for c in r.checks for p in (c.claim.subject_place, c.claim.reference_place)]
    named = [m.place for r in result.results for m in r.mentions]
    return _extent(main), _extent(named)


def _extent(places) -> tuple | None:
    points = {(p.lat, p.lon) for p in places if p is not None and p.located}
    if not points:
        return None
    lats, lons = zip(*points)
    return min(lats), min(lons), max(lats), max(lons)


def _ref(key: str) -> None:
    """Stands in a fingerprint's pickle for a record digested apart (never called: fingerprints are not read back)."""


class _Prints:
    """Digests of values made of records; each place, incident and result is digested once, however often it recurs."""

    _SHARED = (Place, Incident, ArticleResult)

    def __init__(self) -> None:
        self._memo: dict[int, tuple[object, str]] = {}

    def name(self, obj, key: str) -> None:
        """Digest ``obj`` as ``key`` wherever it recurs."""
        self._memo[id(obj)] = (obj, key)

    def of(self, value) -> str:
        buffer = io.BytesIO()
        pickler = _Pickler(buffer, self._reduce)
        pickler.fast = True  # no memo: equal values give equal bytes, however their objects are shared
        pickler.dump(value)
        return hashlib.sha256(buffer.getvalue()).hexdigest()

    def _reduce(self, obj):
        held = self._memo.get(id(obj))
        if held is None:
            if type(obj) not in self._SHARED:
                return NotImplemented
            # the record's own fields, not the record itself (that would come back here)
            held = self._memo[id(obj)] = (obj, self.of((type(obj).__name__, *(getattr(obj, f) for f in _fields(type(obj))))))
        return _ref, (held[1],)


class _Pickler(pickle.Pickler):
    def __init__(self, file, reduce) -> None:
        super().__init__(file, 5)
        self._reduce = reduce

    def reducer_override(self, obj):  # called for records and dates, never for strings, numbers or tuples
        return self._reduce(obj)


@functools.cache
def _fields(cls) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))
