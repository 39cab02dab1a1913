"""Events: changes and statements of control read from an article's sentences.

:func:`extract_events` finds trigger words ("seized", "the fall of",
"locked in fighting for") from ``geo/lexicon/events.toml`` in each sentence,
ties each to the named place the words govern (a resolved mention, or "the
town" read as the place just named), to an actor (from
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
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from functools import cache, lru_cache

from geo.extract.actors import Actors
from geo.read.articles import by_sentence
from geo.extract.dates import find_dates
from geo.lexicon import FirstWords, alternation as _alt, load as load_lexicon, longest_first
from geo.records import Article, ControlEvent, DateSpan, EventKind, Evidence, Mention, Place, PlaceKind, Sentence

__all__ = ["extract_events"]

_NOT_PLACES = (PlaceKind.COUNTRY, PlaceKind.RIVER)
_ONGOING = ("contested", "besieged")
_KINDS = {"withdrew": EventKind.WITHDREW, "contested": EventKind.CONTESTED, "besieged": EventKind.BESIEGED,
          "control": EventKind.CONTROL, "presence": EventKind.PRESENCE}


@dataclass(frozen=True)
class _Trigger:
    cls: str
    place: str
    actor: str
    gap: str
    possessive: bool
    participle: bool
    weak: bool
    adjacent: bool


@dataclass(frozen=True)
class _Spot:
    """A place named in a sentence: a mention, or "the town" resolved to one."""

    start: int
    end: int
    place: Place
    coreferent: bool = False


@dataclass(frozen=True)
class _Found:
    """One trigger tied (or not) to a place, before events are made."""

    trigger: _Trigger
    start: int
    end: int
    places: tuple[_Spot, ...]
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
    country = _dominant_country(located)
    context = actors.in_context(matches, dominant=actors.dominant(matches), country=country)
    dominant = actors.dominant(matches)
    events: list[ControlEvent] = []
    previous: list[_Found] = []
    previous_paragraph = -1
    for sentence, triggers, own, sentence_actors in zip(article.sentences, _triggers_by_sentence(article),
                                                        by_sentence(article, located), by_sentence(article, context)):
        found = []
        if triggers:  # most sentences: nothing more to read
            spots = _spots(article, sentence, own, located)
            found = _read_sentence(article, sentence, triggers, spots, sentence_actors, actors, dominant, country)
        if sentence.paragraph != previous_paragraph and sentence.paragraph != previous_paragraph + 1:
            previous = []
        found = [_inherit(item, previous) for item in found]
        for item in found:
            events.extend(_events(article, sentence, item, actors))
        previous, previous_paragraph = found, sentence.paragraph
    return tuple(_once(events))


# --- reading one sentence ---------------------------------------------------------------


def _read_sentence(article, sentence, triggers, spots, context, actors, dominant, country) -> list[_Found]:
    text = sentence.text
    folded = text.casefold()
    sentence_actors = [m._replace(start=m.start - sentence.start, end=m.end - sentence.start) for m in context]
    dates = find_dates(text, article.published)
    cues = _lexicon()["cues"]
    found = []
    for start, end, trigger in triggers:
        if _blocked_by_cue(folded, start):
            continue
        passive = trigger.participle and _after_aux(folded, start)
        places = _places_for(text, start, end, trigger, passive, spots, triggers)
        actor, named = _actor_for(text, start, end, trigger, passive, places, sentence_actors, actors)
        if not actor:
            actor = _fallback_actor(trigger, actors, dominant, country)
        confidence = 1.0
        if _attributed(folded, start):
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


def _triggers_by_sentence(article: Article) -> list[list[tuple[int, int, _Trigger]]]:
    """The triggers of each sentence (offsets into it): one pass over the article finds where they can start."""
    starts = _trigger_pattern()[2].find(article.text)
    found, at = [], 0
    for sentence in article.sentences:
        while at < len(starts) and starts[at][0] < sentence.start:
            at += 1
        first = at
        while at < len(starts) and starts[at][0] < sentence.end:
            at += 1
        if first == at:
            found.append([])
            continue
        folded = sentence.text.casefold()
        if len(folded) == len(sentence.text):
            found.append(_triggers_in(folded, [start - sentence.start for start, _ in starts[first:at]]))
        else:  # casefolding moved the offsets ("ß"): look again in the sentence itself
            found.append(_triggers_in(folded))
    return found


def _triggers_in(folded: str, starts: Sequence[int] | None = None) -> list[tuple[int, int, _Trigger]]:
    """Trigger matches in a casefolded sentence, longest first where they overlap.

    ``starts``: the only offsets where a trigger can begin, when already known.
    """
    pattern, table, firsts = _trigger_pattern()
    if starts is None:
        starts = [start for start, _ in firsts.find(folded)]
    found = []
    for start in starts:  # the pattern, tried only where a trigger's first word stands
        if match := pattern.match(folded, start):
            found.append((match.start("t"), match.end("t"), table[" ".join(match.group("t").split())]))
    return longest_first(found)


def _places_for(text, start, end, trigger, passive, spots, triggers) -> tuple[_Spot, ...]:
    """The named places a trigger governs: the first allowed one on its side, and those coordinated with it."""
    before = trigger.place in ("before", "both") or passive
    after = trigger.place in ("after", "both") and not passive
    if after:
        for spot in (s for s in spots if s.start >= end):
            owned = re.match(r"['’]s?\s", text[spot.end:])  # "seized Aleppo's airport": not Aleppo
            if not owned and _gap_allows(text[end:spot.start], trigger.gap) and not _other_trigger(triggers, end, spot.start):
                return _coordinated(text, spot, spots)
            break
    if before:
        for spot in (s for s in reversed(spots) if s.end <= start):
            gap = text[spot.end:start]
            if (trigger.possessive and re.fullmatch(r"['’]s?\s+", gap)) or _pre_gap_allows(gap, trigger.adjacent):
                return (spot,)
            break
    return ()


def _coordinated(text: str, first: _Spot, spots: Sequence[_Spot]) -> tuple[_Spot, ...]:
    joined, last = [first], first
    pattern = _coordination_pattern()
    for spot in (s for s in spots if s.start >= first.end):
        if pattern.fullmatch(text[last.end:spot.start]):
            joined.append(spot)
            last = spot
        else:
            break
    return tuple(joined)


def _gap_allows(gap: str, rule: str) -> bool:
    words = _lexicon()["words"]
    spec = _lexicon()["gaps"][rule]
    folded = gap.casefold()
    tokens = re.findall(r"[\w'’-]+|[;:—–()\[\]\"“”]", folded)
    if len(tokens) > spec["max_words"] or re.search(r"[;:—–()\[\]\"“”]|\.\s", folded):
        return False
    if rule == "loose":
        return not re.search(r"[;:—–]", folded)
    # A block word counts where it governs the place: after the last comma
    # ("large parts of the north, including the city of X" is allowed).
    tail = re.findall(r"[\w'’-]+", folded.rsplit(",", 1)[-1])
    if any(token in set(spec["block"]) for token in tail):
        return False
    clause = set(words["gap_clause"]) | set(words["clause"])
    if any(token in clause for token in tokens) or _patterns()["gap_clause"].search(folded):
        return False
    if _patterns()["direction_of"].search(folded):
        return False
    return not _patterns()["indefinite_place"].search(folded)


def _pre_gap_allows(gap: str, adjacent: bool) -> bool:
    if adjacent:
        return not gap.strip()
    gap = re.sub(r"^\s*,[^,;]{1,60},", " ", gap)  # an apposition: "Sirte, a coastal city, fell"
    allowed = set(_lexicon()["words"]["between_place_and_trigger"])
    return all(word in allowed for word in re.findall(r"[\w'’-]+|,", gap.casefold()))


def _other_trigger(triggers, start: int, end: int) -> bool:
    return any(start <= a and b <= end for a, b, _ in triggers)


def _after_aux(folded: str, start: int) -> bool:
    return bool(_patterns()["passive_aux"].search(folded[:start]))


# --- actors -----------------------------------------------------------------------------


def _actor_for(text, start, end, trigger, passive, places, matches, actors) -> tuple[str, bool]:
    """The actor of a trigger and whether the sentence names it."""
    clause_start, clause_end = _clause(text, start)
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


def _fallback_actor(trigger: _Trigger, actors: Actors, dominant: str, country: str) -> str:
    if trigger.cls in ("take", "besieged", "control"):
        return dominant
    if trigger.cls in ("retake", "contested"):
        return actors.state_of(country)
    return ""


def _kind(trigger: _Trigger, actor: str, actors: Actors) -> EventKind:
    """ACLED's reading: whoever's verb it was, a state force or its ally regains, anyone else captures."""
    if trigger.cls in _KINDS:
        return _KINDS[trigger.cls]
    state_side = actors.role(actor) == "state" or bool(actors.ally(actor))
    return EventKind.RECAPTURED if state_side else EventKind.CAPTURED


# --- dates and cues ---------------------------------------------------------------------


def _date_for(text, start, end, places, dates) -> DateSpan | None:
    """The date expression of the trigger's clause nearest to the trigger or its places."""
    clause_start, clause_end = _clause(text, start)
    anchors = [(start, end)] + [(p.start, p.end) for p in places]
    best = None
    for a, b, span in dates:
        if a < clause_start or b > clause_end:
            continue
        distance = min(max(a - y, x - b, 0) for x, y in anchors)
        if best is None or distance < best[0]:
            best = (distance, span)
    return best[1] if best else None


def _clause(text: str, position: int) -> tuple[int, int]:
    """The clause around ``position``: cut at relative pronouns and contrast words after a comma, and at ; or dashes."""
    cuts = _cuts(text)
    start = max((a for a, b in cuts if b <= position), default=0)
    end = min((a for a, _ in cuts if a >= position), default=len(text))
    return start, end


@lru_cache(maxsize=256)  # each trigger of a sentence asks for its clause, for its actor and its date
def _cuts(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(m.span() for m in _patterns()["clause_cut"].finditer(text))


def _blocked_by_cue(folded: str, start: int) -> bool:
    cues = _lexicon()["cues"]
    before = re.findall(r"[\w'’-]+|n't", folded[:start].replace("n’t", " n't").replace("n't", " n't"))
    if before and before[-1] in cues["infinitive"]:  # "to retake": an aim, not a deed
        return True
    patterns = _patterns()
    for name in ("negation", "intention", "denial"):
        if patterns[name].search(" " + " ".join(before[-cues[f"{name}_window"]:]) + " "):
            return True
    return False


def _attributed(folded: str, start: int) -> bool:
    return bool(_patterns()["attribution"].search(folded, 0, start))


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


# --- events -----------------------------------------------------------------------------


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


# --- places in a sentence ---------------------------------------------------------------


def _spots(article: Article, sentence: Sentence, own: Sequence[Mention], located: Sequence[Mention]) -> list[_Spot]:
    """Named places of a sentence (offsets relative to it), with "the town" resolved to the place just named.

    ``own`` are the sentence's mentions, ``located`` all of the article's, sorted by start.
    """
    spots = [_Spot(m.start - sentence.start, m.end - sentence.start, m.place) for m in own if m.place.kind not in _NOT_PLACES]
    nouns = _lexicon()["coreference"]
    for match in _patterns()["coreference"].finditer(sentence.text):
        if any(s.start <= match.start() < s.end or match.start() <= s.start < match.end() for s in spots):
            continue
        antecedent = _antecedent(article, sentence.start + match.start(), located, nouns[match.group("noun").casefold()])
        if antecedent is not None:
            spots.append(_Spot(match.start(), match.end(), antecedent, True))
    return sorted(spots, key=lambda s: (s.start, s.end))


def _antecedent(article: Article, position: int, located: Sequence[Mention], kinds: Sequence[str]) -> Place | None:
    """The place named last before ``position`` in this or the previous sentence, of a fitting kind, not a reference point."""
    sentences = article.sentences
    before = bisect_right(sentences, position, key=lambda s: s.end)  # sentences ending at or before position
    window = sentences[before - 1].start if before else 0
    earlier = bisect_right(sentences, window, key=lambda s: s.end)
    floor = sentences[earlier - 1].start if earlier else 0
    reference = _patterns()["reference"]
    for index in range(bisect_right(located, position, key=lambda m: m.start) - 1, -1, -1):
        mention = located[index]
        if mention.start < floor:
            break
        if mention.end > position:
            continue
        if mention.place.kind.value not in kinds or reference.search(article.text[max(0, mention.start - 20):mention.start]):
            continue
        return mention.place
    return None


def _dominant_country(located: Sequence[Mention]) -> str:
    counts = Counter(m.place.country for m in located if m.place.country)
    if not counts:
        return ""
    order = list(dict.fromkeys(m.place.country for m in located if m.place.country))
    return max(order, key=lambda code: counts[code])


# --- lexicon ----------------------------------------------------------------------------


@cache
def _lexicon() -> dict:
    return load_lexicon("events")


@cache
def _patterns() -> dict[str, re.Pattern]:
    """The lexicon's regular expressions, compiled once."""
    words, cues = _lexicon()["words"], _lexicon()["cues"]

    def phrase(items) -> re.Pattern:
        return re.compile(rf"(?<![\w-])(?:{_alt(items)})(?![\w-])")

    def spaced(items) -> re.Pattern:  # a cue as whole words of a " "-joined word list
        return re.compile(" (?:" + "|".join(re.escape(cue) for cue in items) + ") ")

    parts = _alt(_lexicon()["coreference_parts"]["words"])
    return {
        "direction_of": re.compile(rf"\b(?:{_alt(words['directions'])})\s+of\b"),
        "indefinite_place": re.compile(rf"(?<![\w-])(?:{_alt(words['indefinite'])})\s+(?:[\w'’-]+\s+){{0,3}}?"
                                       rf"(?:{_alt(words['place_nouns'])})\b"),
        "passive_aux": re.compile(rf"\b(?:{_alt(words['passive_aux'])})\s+(?:\w+ly\s+|also\s+|now\s+|then\s+)*$"),
        "clause_cut": re.compile(rf",\s*(?:{_alt(words['clause'])})\b|\s(?:{_alt(words['clause_bare'])})\b|;|\s[—–]\s|\s--\s",
                                 re.IGNORECASE),
        "coreference": re.compile(rf"\bthe\s+(?:[a-z-]+\s+)?(?P<noun>{_alt(_lexicon()['coreference'])})\b(?!\s+of\b)(?!['’])"
                                  rf"(?!\s+(?:{parts})\b)", re.IGNORECASE),
        "reference": re.compile(rf"\b(?:(?:{_alt(words['directions'])})\s+of|{_alt(words['reference'])})\s+$", re.IGNORECASE),
        "gap_clause": phrase(words["gap_clause"]),
        "attribution": phrase(cues["attribution"]),
        "negation": spaced(cues["negation"]),
        "intention": spaced(cues["intention"]),
        "denial": spaced(cues["denial"]),
    }


@cache
def _coordination_pattern() -> re.Pattern:
    return re.compile(rf"\s*(?:{_alt(_lexicon()['words']['coordination'])})\s*(?:the\s+)?", re.IGNORECASE)


@cache
def _trigger_pattern() -> tuple[re.Pattern, dict[str, _Trigger], FirstWords]:
    table: dict[str, _Trigger] = {}
    for group in _lexicon()["trigger"]:
        participles = {p.casefold() for p in group.get("participles", ())}
        weak = {w.casefold() for w in group.get("weak", ())}
        for form in group["forms"]:
            key = " ".join(form.casefold().split())
            table.setdefault(key, _Trigger(group["class"], group["place"], group["actor"], group.get("gap", "strict"),
                                           group.get("possessive", False), key in participles, key in weak,
                                           group.get("adjacent", False)))
    pattern = re.compile(rf"(?<![\w'-])(?=\w)(?=(?P<t>(?:{_alt(table)})(?![\w-])))")
    return pattern, table, FirstWords((form, True) for form in table)
