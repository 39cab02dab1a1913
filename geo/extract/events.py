"""Events: changes and statements of control read from an article's sentences.

:func:`extract_events` finds trigger words ("seized", "the fall of",
"locked in fighting for") from ``geo/lexicon/events.toml`` in each sentence
(:mod:`geo.extract.triggers`), ties each to the named place the words govern
(a resolved mention, or "the town" read as the place just named:
:mod:`geo.extract.clauses`), to an actor (from
:mod:`geo.extract.actors`, generic forms resolved in the article) and to the date
expression of the same clause (from :mod:`geo.extract.dates`). Negated and intended
events ("denied that it had fallen", "seeking to clear") give none;
attributed ones ("claimed") lower the confidence. A sentence without a date
inherits one from the sentence before when that one reported the same place,
or the same kind of event without a place; otherwise the event happened on
or before publication.

The kind follows ACLED: a take by a state force or its ally is a
recapture, a retake by a non-state or foreign force a capture.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import timedelta

from geo.extract.actors import Actors
from geo.extract.clauses import Spot, clause, dominant_country, places_for, sentence_spots
from geo.extract.dates import find_dates
from geo.extract.triggers import Trigger, after_aux, attributed, blocked_by_cue, lexicon, triggers_by_sentence
from geo.read.articles import by_sentence
from geo.records import Article, ControlEvent, DateSpan, EventKind, Evidence, Mention, Sentence

__all__ = ["extract_events"]

_ONGOING = ("contested", "besieged")
_KINDS = {"withdrew": EventKind.WITHDREW, "contested": EventKind.CONTESTED, "besieged": EventKind.BESIEGED,
          "control": EventKind.CONTROL, "presence": EventKind.PRESENCE}


@dataclass(frozen=True)
class _Found:
    """One trigger tied (or not) to a place, before events are made."""

    trigger: Trigger
    start: int
    end: int
    places: tuple[Spot, ...]
    actor: str
    actor_named: bool
    date: DateSpan | None
    confidence: float


def extract_events(article: Article, mentions: Sequence[Mention], *, actors: Actors | None = None) -> tuple[ControlEvent, ...]:
    """The control events ``article`` reports, once each, in text order.

    ``mentions`` are the article's resolved place mentions. Each event
    carries the sentence it was read from; an article without a publication
    date still gives events, dated unknown, with the date words kept.

    >>> from datetime import date
    >>> from geo.read.articles import make_article
    >>> from geo.records import Place, PlaceKind
    >>> text = "Houthi rebels seized Marib on Friday."
    >>> article = make_article(text, "a.txt", published=date(2018, 6, 16))
    >>> marib = Place("local:marib", "Marib", 15.46, 45.32, PlaceKind.CITY, "YE")
    >>> (event,) = extract_events(article, [Mention("a.txt", 21, 26, "Marib", marib, 1.0)])
    >>> event.actor, event.kind.value, event.when.start
    ('Houthis', 'captured', datetime.date(2018, 6, 15))
    """
    actors = actors or Actors.default()
    located = sorted((m for m in mentions if m.place is not None), key=lambda m: (m.start, m.end))
    matches = actors.find_in(article.text, [(s.start, s.end) for s in article.sentences])
    country = dominant_country(located)
    context = actors.in_context(matches, dominant=actors.dominant(matches), country=country)
    dominant = actors.dominant(matches)
    events: list[ControlEvent] = []
    previous: list[_Found] = []
    previous_paragraph = -1
    for sentence, triggers, own, sentence_actors in zip(article.sentences, triggers_by_sentence(article),
                                                        by_sentence(article, located), by_sentence(article, context)):
        found = []
        if triggers:  # most sentences: nothing more to read
            spots = sentence_spots(article, sentence, own, located)
            found = _read_sentence(article, sentence, triggers, spots, sentence_actors, actors, dominant, country)
        if sentence.paragraph != previous_paragraph and sentence.paragraph != previous_paragraph + 1:
            previous = []
        found = [_inherit(item, previous) for item in found]
        for item in found:
            events.extend(_events(article, sentence, item, actors))
        previous, previous_paragraph = found, sentence.paragraph
    return tuple(_once(events))


def _read_sentence(article, sentence, triggers, spots, context, actors, dominant, country) -> list[_Found]:
    text = sentence.text
    folded = text.casefold()
    sentence_actors = [m._replace(start=m.start - sentence.start, end=m.end - sentence.start) for m in context]
    dates = find_dates(text, article.published)
    cues = lexicon()["cues"]
    found = []
    for start, end, trigger in triggers:
        if blocked_by_cue(folded, start):
            continue
        passive = trigger.participle and after_aux(folded, start)
        places = places_for(text, start, end, trigger, passive, spots, triggers)
        actor, named = _actor_for(text, start, end, trigger, passive, places, sentence_actors, actors)
        if not actor:
            actor = _fallback_actor(trigger, actors, dominant, country)
        confidence = 1.0
        if attributed(folded, start):
            confidence *= cues["attribution_confidence"]
        if not named:
            confidence *= cues["inferred_actor_confidence"]
        if trigger.weak:
            confidence *= cues["weak_confidence"]
        if any(spot.coreferent for spot in places):
            confidence *= cues["coreference_confidence"]
        date = _date_for(text, start, end, places, dates)
        found.append(_Found(trigger, start, end, places, actor, named, date, round(confidence, 3)))
    return found


def _actor_for(text, start, end, trigger, passive, places, matches, actors) -> tuple[str, bool]:
    """The actor of a trigger and whether the sentence names it."""
    clause_start, clause_end = clause(text, start)
    inside = [m for m in matches if m.start >= clause_start and m.end <= clause_end]
    before = [m for m in inside if m.end <= start]
    after = [m for m in inside if m.start >= end]
    last_place = max((p.end for p in places), default=end)
    if trigger.actor == "any":
        both = [m for m in inside]
        state = [m for m in both if actors.role(m.actor) == "state" or actors.ally(m.actor)]
        pick = state or both
        return (pick[0].actor, True) if pick else ("", False)
    if passive or trigger.actor == "after":
        linked = trigger.actor == "after" and re.search(r"\b(?:to|of)$", text[start:end].casefold())
        for match in after:
            between = text[max(end, last_place):match.start].casefold()
            if match.start >= last_place and re.fullmatch(r"\s*,?\s*(?:(?P<link>to|by)\s+)?(?:the\s+)?(?:[\w'’-]+\s+){0,2}", between):
                if linked or re.match(r"\s*,?\s*(?:to|by)\s", between):
                    return match.actor, True
            break
        return "", False
    if trigger.actor == "possessive":
        if before and re.fullmatch(r"(?:['’]s?)?\s*", text[before[-1].end:start]):
            return before[-1].actor, True
        by = [m for m in after if re.search(r"\bby\s+(?:the\s+)?$", text[:m.start].casefold())]
        if by:
            return by[0].actor, True
        return (before[-1].actor, True) if before else ("", False)
    if before:
        return before[-1].actor, True
    by = [m for m in after if m.start >= last_place and re.search(r"\bby\s+(?:the\s+)?$", text[:m.start].casefold())]
    if by:  # "the siege of Kobani by ..."
        return by[0].actor, True
    if re.match(r"\s*(?:who|which|that)\b", text[clause_start:start].lstrip(", "), re.IGNORECASE):
        # "militants who have seized": the actor stands just before the relative pronoun.
        antecedent = [m for m in matches if m.end <= clause_start and not text[m.end:clause_start].strip(" ,")]
        if antecedent:
            return antecedent[-1].actor, True
    return "", False


def _fallback_actor(trigger: Trigger, actors: Actors, dominant: str, country: str) -> str:
    if trigger.cls in ("take", "besieged", "control"):
        return dominant
    if trigger.cls in ("retake", "contested"):
        return actors.state_of(country)
    return ""


def _kind(trigger: Trigger, actor: str, actors: Actors) -> EventKind:
    """ACLED's reading: whoever's verb it was, a state force or its ally regains, anyone else captures."""
    if trigger.cls in _KINDS:
        return _KINDS[trigger.cls]
    state_side = actors.role(actor) == "state" or bool(actors.ally(actor))
    return EventKind.RECAPTURED if state_side else EventKind.CAPTURED


def _date_for(text, start, end, places, dates) -> DateSpan | None:
    """The date expression of the trigger's clause nearest to the trigger or its places."""
    clause_start, clause_end = clause(text, start)
    anchors = [(start, end)] + [(p.start, p.end) for p in places]
    best = None
    for a, b, span in dates:
        if a < clause_start or b > clause_end:
            continue
        distance = min(max(a - y, x - b, 0) for x, y in anchors)
        if best is None or distance < best[0]:
            best = (distance, span)
    return best[1] if best else None


def _inherit(item: _Found, previous: list[_Found]) -> _Found:
    """Carry the date (and, for a place-less report, the actor) over from the sentence before."""
    if item.date is not None or not item.places:
        return item
    ids = {spot.place.id for spot in item.places}
    for prior in previous:
        if prior.date is None:
            continue
        if prior.places and ids & {spot.place.id for spot in prior.places}:
            return replace(item, date=prior.date)
        if not prior.places and prior.trigger.cls == item.trigger.cls and item.trigger.cls in _ONGOING:
            actor = item.actor if item.actor_named or not prior.actor else prior.actor
            return replace(item, date=prior.date, actor=actor, actor_named=item.actor_named or prior.actor_named)
    return item


def _events(article: Article, sentence: Sentence, item: _Found, actors: Actors) -> list[ControlEvent]:
    if not item.places or not item.actor:
        return []
    when = item.date or DateSpan.unknown(before=article.published)
    evidence = Evidence(article.id, sentence.text, sentence.start, sentence.end, article.title, article.source, article.url)
    kind = _kind(item.trigger, item.actor, actors)
    trigger = sentence.text[item.start:item.end]
    return [ControlEvent(spot.place, item.actor, kind, when, evidence, trigger, item.confidence) for spot in item.places]


def _once(events: list[ControlEvent]) -> list[ControlEvent]:
    """One event per place, actor and kind and date: a report within a day of another, or undated beside a dated one, is dropped."""
    kept: list[ControlEvent] = []
    for event in events:
        same = [k for k in kept if (k.place.id, k.actor, k.kind) == (event.place.id, event.actor, event.kind)]
        if any(_same_day(k.when, event.when) or (event.when.start is None and k.when.start is not None) for k in same):
            weaker = [k for k in same if _same_day(k.when, event.when) and k.confidence < event.confidence]
            if weaker:  # the better-attested sentence is the evidence
                kept = [event if k is weaker[0] else k for k in kept]
            continue
        kept = [k for k in kept if not (k in same and k.when.start is None and event.when.start is not None)]
        kept.append(event)
    return sorted(kept, key=lambda e: (e.evidence.start, e.place.id))


def _same_day(a: DateSpan, b: DateSpan) -> bool:
    if a.start is None or b.start is None:
        return a.start is None and b.start is None
    day = timedelta(days=1)
    return abs(a.start - b.start) <= day and abs(a.end - b.end) <= day
