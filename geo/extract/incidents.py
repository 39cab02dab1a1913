"""One event per incident in an article: a headline gives way to the body that tells it, repeats merge.

A headline compresses what its body tells ("Iraq Kurds retake Sinjar" beside
"Kurdish forces regained Sinjar"); where the body tells a place otherwise,
the headline's event goes; where it tells the same, the body's sentence and
date are the evidence. A report within a day of another of the same place,
actor and kind is one event.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from geo.records import Article, ControlEvent, DateSpan, EventKind

__all__ = ["one_per_incident"]


def one_per_incident(article: Article, events: list[ControlEvent]) -> list[ControlEvent]:
    """``events`` of ``article`` (in reading order), one per incident, sorted by where their sentences stand."""
    return _once(_told_in_body(article, events), _headline_end(article))


def _headline_end(article: Article) -> int:
    """Where the headline's paragraph ends; 0 for an article whose first paragraph is no headline."""
    if not article.title or not article.paragraphs:
        return 0
    start, end = article.paragraphs[0]
    return end if article.text[start:end].strip() == article.title else 0


def _told_in_body(article: Article, events: list[ControlEvent]) -> list[ControlEvent]:
    """``events`` without the headline's events at places the body tells otherwise: a headline compresses
    ("Iraq Kurds retake Sinjar" beside "Kurdish forces regained Sinjar"; "seized airport runway" beside the
    fight for the airport). A headline event the body repeats stays, for :func:`_once` to merge."""
    end = _headline_end(article)
    if not end:
        return events
    told: dict[str, set] = {}
    for e in events:
        if e.evidence.start >= end:
            told.setdefault(e.place.id, set()).add((e.actor, e.kind))
    return [e for e in events
            if e.evidence.start >= end or e.place.id not in told or (e.actor, e.kind) in told[e.place.id]
            or _loss_bears_out(e, told[e.place.id])]


_TAKEN = (EventKind.CAPTURED, EventKind.RECAPTURED)


def _loss_bears_out(event: ControlEvent, told: set) -> bool:
    """A headline take the body bears out by the other side's loss and tells no take of its own: "African Union
    troops capture Kismayo" beside "a dawn assault on Kismayo ... al Shabaab militants had fled the city"; a headline loss the body bears out
    by the other side's take and tells no loss of its own: "Ukraine pulls troops out of Avdiivka" beside "Russia's
    forces had taken control of Avdiivka"."""
    if event.kind in _TAKEN:
        return not any(kind in _TAKEN for _, kind in told) and any(
            kind is EventKind.WITHDREW and actor != event.actor for actor, kind in told)
    if event.kind is EventKind.WITHDREW:
        return not any(kind is EventKind.WITHDREW for _, kind in told) and any(
            kind in _TAKEN and actor != event.actor for actor, kind in told)
    return False


def _once(events: list[ControlEvent], headline_end: int = 0) -> list[ControlEvent]:
    """One event per place, actor and kind and date: a report within a day of another, or undated beside a dated one,
    is dropped; the body's sentence, not the headline's, is the evidence ("Taliban take Herat" beside "Herat was
    taken on Thursday night")."""
    kept: list[ControlEvent] = []
    for event in events:
        same = [k for k in kept if (k.place.id, k.actor, k.kind) == (event.place.id, event.actor, event.kind)]
        if any(_same_day(k.when, event.when) or (event.when.start is None and k.when.start is not None) for k in same):
            weaker = [k for k in same if _same_day(k.when, event.when) and (
                k.confidence < event.confidence or k.evidence.start < headline_end <= event.evidence.start)]
            if weaker:  # the better-attested sentence is the evidence; a headline naming the actor still attests it
                better = replace(event, confidence=max(event.confidence, weaker[0].confidence))
                kept = [better if k is weaker[0] else k for k in kept]
            continue
        undated = [k for k in same if k.when.start is None and event.when.start is not None]
        if any(k.evidence.start < headline_end for k in undated):  # the headline named the actor the body implies
            event = replace(event, confidence=max(event.confidence, *(k.confidence for k in undated)))
        kept = [k for k in kept if k not in undated]
        kept.append(event)
    return sorted(kept, key=lambda e: (e.evidence.start, e.place.id))


def _same_day(a: DateSpan, b: DateSpan) -> bool:
    if a.start is None or b.start is None:
        return a.start is None and b.start is None
    day = timedelta(days=1)
    return abs(a.start - b.start) <= day and abs(a.end - b.end) <= day
