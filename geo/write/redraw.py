"""Which days' files a run must draw again: a fingerprint of what each day's files are made from.

A day's map (``YYYY-MM-DD.html``) and snapshot (``YYYY-MM-DD.geojson``) are
drawn from that day's share of the run: the control states of the day, its
incidents, the articles published that day, what the articles cited by them
say of themselves (title, URL, date), the previous and next days that have a
map, the colours of the actors drawn that day and the theatre of each place
drawn that day. Around every day lie the writers themselves (their code,
assets and lexicon files, :func:`geo.store.digest.drawing_digest`), the
``tiles`` option and what every map embeds whole: the basemap cut to the
run's theatres, and the theatres' names and boxes. Nothing else of the run
enters a day's files, so a day added at the end redraws that day and the one
whose "next" it becomes, not the others. A snapshot holds less than a map (the
day's states and their articles, under the writers), so each file has a
fingerprint of its own: a new theatre redraws every map, not every snapshot.
A file whose fingerprint is the one it was drawn with is left as it is. A writer that makes a day's files from anything else must add it
here; the tests that compare an incremental run with a full one, byte for
byte, hold the two together.
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

__all__ = ["day_prints"]


def day_prints(result: RunResult, *, tiles: str | None = None, days: str = "news",
               known: Mapping[str, str] | None = None, context=None) -> dict[str, str]:
    """The hex fingerprint of what each day file of ``result`` is drawn from, by file name.

    Each day of the timeline has a snapshot (``YYYY-MM-DD.geojson``), each day
    that gets a map its map (``YYYY-MM-DD.html``).

    ``days`` is the choice of days that get a map (:mod:`geo.write.days`).
    ``context`` is the run's :func:`geo.write.render.map_context` when already
    made (then ``tiles`` and ``days`` are its own). ``known`` may give, for an
    article id, a digest that already stands for everything its result holds
    (the store's: its content hash and analysis digest); that result and its
    events are then not digested again.
    """
    if context is None:
        from geo.write.render import map_context

        context = map_context(result, days=days, tiles=tiles)
    paused = gc.isenabled()
    gc.disable()  # what is made here is small and acyclic; a collection would only walk the whole run again and again
    try:
        return _day_prints(result, context, known)
    finally:
        if paused:
            gc.enable()


def _day_prints(result: RunResult, ctx, known: Mapping[str, str] | None) -> dict[str, str]:
    mapped = ctx.days
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
    theatres = tuple((t.id, t.name, t.countries, (t.box.west, t.box.south, t.box.east, t.box.north))
                     for t in ctx.theatres)  # fmt: skip
    basemap = hashlib.sha256(ctx.basemap.encode("utf-8")).hexdigest()
    drawing = drawing_digest()
    around = prints.of((drawing, ctx.tiles, basemap, theatres))
    incidents = ctx.incidents
    published: dict[date, list[ArticleResult]] = {}
    for r in result.results:
        published.setdefault(r.article.published, []).append(r)
    about = {r.article.id: _about(r) for r in result.results}
    out = {}
    for day in days:
        states = result.timeline.on(day)
        todays = incidents.get(day, ())
        articles = tuple(published.get(day, ()))
        cited = sorted({report.evidence.article for incident in (*todays, *(i for s in states for i in s.incidents))
                        for report in incident.reports})  # fmt: skip
        at = position.get(day)
        nav = None if at is None else (mapped[at - 1] if at else None, mapped[at + 1] if at + 1 < len(mapped) else None)
        actors = sorted({s.controller for s in states} | {i.event.actor for i in todays})
        places = [s.place for s in states] + [i.event.place for i in todays]
        places += [p for r in articles for c in r.checks for p in (c.claim.subject_place, c.claim.reference_place)]
        located = sorted({p.id: t.id for p in places if p is not None and (t := ctx.theatre_of(p)) is not None}.items())
        held = prints.of(states)
        name = day.isoformat()
        # the snapshot: the day's states and what their articles say of themselves
        sources = sorted({report.evidence.article for s in states for i in s.incidents for report in i.reports})
        out[f"{name}.geojson"] = prints.of((drawing, day, held, tuple(about.get(a) for a in sources)))
        if at is not None:
            out[f"{name}.html"] = prints.of((
                around, day, nav, tuple((a, ctx.colours.get(a)) for a in actors), tuple(located),
                held, todays, articles, tuple(about.get(a) for a in cited),
            ))  # fmt: skip
    return out


def _about(result: ArticleResult) -> tuple:
    a = result.article
    return (a.id, a.title, a.url, a.source, a.published, a.published_from, a.dateline)


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
