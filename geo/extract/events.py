"""Events: changes and statements of control read from an article's sentences.

:func:`extract_events` finds trigger words ("seized", "the fall of",
"locked in fighting for") from ``geo/lexicon/events.toml`` in each sentence
(:mod:`geo.extract.triggers`), ties each to the named places the words govern
(:mod:`geo.extract.clauses`), to its actors (:mod:`geo.extract.roles`, generic
forms resolved in the article by :mod:`geo.extract.actors`) and to the date
expression of the same clause (:mod:`geo.extract.dates`). Negated and
intended events ("denied that it had fallen", "seeking to clear") give none,
but an attack launched for an aim is a fight ("launched an attack to retake
X"); attributed ones ("claimed") lower the confidence. The cues that cancel or
qualify an event are read by :mod:`geo.extract.event_cues`.

Then the article as a whole settles what a sentence leaves open (:mod:`geo.extract.passage`):

* a withdrawal naming no place ("the defenders pulled back") is from the
  place its sentence, or the sentence before, is about;
* the actor of a fight is the side its sentence names first ("fighting
  between A and B"); naming none, the side that takes or claims the place in
  the article, else the side the article's takes are by;
* a take naming no actor is by the side of the article's lead;
* a sentence without a date takes one from the sentence before when that one
  reported the same place, or an event of the same sort without a place (the
  lead); a statement of control keeps only its own date phrase ("held since
  2015"); otherwise the event happened on or before publication.

The kind follows ACLED: a take by a state force or its ally is a
recapture, a retake by a non-state or foreign force a capture.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from geo.extract.actors import Actors
from geo.extract.clauses import Governed, clause, empty_object, other_trigger, places_for
from geo.extract.dated_lists import dated_list
from geo.extract.dates import find_dates
from geo.extract.event_cues import (SIEGE_NOUNS, civilians_leave, clause_after, completed, denied_after, hypothetical,
                                    idioms, lasting, launched_attack, left_behind, ordered_withdrawal, past, person_leaves,
                                    raised_by_civilians, retreat_subject, siege_ended, then_follows)
from geo.extract.event_dates import RESTRICTIVE_BEFORE, closed_relatives, date_for
from geo.extract.incidents import one_per_incident
from geo.extract.passage import TAKES, Found, settle
from geo.extract.referents import Named, article_focus, dominant_country, it_object, it_subject, recurring, sentence_spots
from geo.extract.roles import actor_for, by_actor, kind_of, last_speaker, loser_for, speaker_of
from geo.extract.triggers import Trigger, after_aux, attributed, blocked_by_cue, lexicon, triggers_by_sentence
from geo.read.articles import by_sentence
from geo.records import Article, ControlEvent, DateSpan, EventKind, Evidence, Mention, PlaceKind, Sentence

__all__ = ["extract_events"]

def extract_events(article: Article, mentions: Sequence[Mention], *, actors: Actors | None = None,
                   named: Named | None = None) -> tuple[ControlEvent, ...]:
    """The control events ``article`` reports, once each, in text order.

    ``mentions`` are the article's resolved place mentions; ``named`` (the
    gazetteer's ``candidates``) finds "the airport" of a settlement by name. Each event
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
    located = [m for m in mentions if m.place is not None]
    located = sorted(located + recurring(article, located), key=lambda m: (m.start, m.end))
    matches = actors.find_in(article.text, [(s.start, s.end) for s in article.sentences])
    country = dominant_country(located)
    dominant = actors.dominant(matches)
    context = actors.in_context(matches, dominant=dominant, country=country, text=article.text)
    read: list[list[Found]] = []
    anchor, speaker = None, ""
    for index, (sentence, triggers, own, sentence_actors) in enumerate(zip(
            article.sentences, triggers_by_sentence(article), by_sentence(article, located), by_sentence(article, context))):
        found = []
        if triggers:  # most sentences: nothing more to read
            spots = sentence_spots(article, sentence, own, located, named)
            found = _read_sentence(article, index, triggers, spots, sentence_actors, actors, anchor, speaker)
            anchor = next((item.date for item in reversed(found) if item.date and item.date.start), anchor)
        speaker = last_speaker(article.text, sentence_actors, speaker)
        read.append(found)
    read = settle(article, read, actors, dominant, country, article_focus(article, located))
    events = [event for index, found in enumerate(read) for item in found
              for event in _events(article, article.sentences[index], item, actors)]
    return tuple(one_per_incident(article, events))


# --- one sentence -----------------------------------------------------------------------


def _read_sentence(article: Article, index: int, triggers, spots, context, actors: Actors, anchor,
                   speaker: str = "") -> list[Found]:
    sentence = article.sentences[index]
    text = sentence.text
    folded = text.casefold()
    matches = [m._replace(start=m.start - sentence.start, end=m.end - sentence.start) for m in context]
    dates = find_dates(text, article.published, anchor)
    cues = lexicon()["cues"]
    found = []
    idiom = idioms()
    for start, end, trigger in triggers:
        aim = False
        if idiom.match(folded, start):
            continue  # "took part in", "held talks"
        if any(m.start <= start and end <= m.end for m in matches):
            continue  # "the Liberation Tigers of Tamil Eelam had held the town": a word of a side's name
        if blocked_by_cue(folded, start):
            aim = trigger.cls in ("take", "retake", "contested") and launched_attack(folded, start)
            if not aim and not (trigger.cls == "withdrew" and ordered_withdrawal(folded, start, end)):
                continue
        if trigger.participle and trigger.cls in (*TAKES, "besieged") and \
                re.search(r"\b(?:the|a|an|its|their|this|newly)\s+$", folded[:start]):
            continue  # "the liberated town of X", "the besieged town of X": a description, not a report of the deed
        if trigger.adjacent and folded.startswith("retreat", start) and not retreat_subject().search(folded, max(0, start - 20), start):
            continue  # "forcing a Russian retreat", "a tactical retreat": the noun, not a side retreating
        if trigger.cls == "control" and past(folded, start):
            continue  # "the city was previously held by": not the state today
        if trigger.cls == "control" and _FOUGHT_FOR.search(folded, max(0, start - 12), start):
            continue  # "fought Hezbollah for control of Bint Jbeil": a fight for it, no side's state
        if trigger.cls == "control" and _OUT_OF.search(folded, max(0, start - 40), start):
            continue  # "Raqqa, the first provincial capital to fall out of government control": no longer the state
        if trigger.cls == "besieged" and folded.startswith(SIEGE_NOUNS, start) and siege_ended().search(folded, 0, start):
            continue  # "rebels broke the siege of Aleppo": the siege is over
        if trigger.cls == "besieged" and lasting(folded, start, end):
            continue  # "Derna, which has been under siege since 2011": the report's background, no event of it
        passive = trigger.participle and after_aux(folded, start)
        governed = places_for(text, start, end, trigger, passive, spots, triggers)
        if not governed.places and trigger.place in ("after", "both") and not passive and \
                (it := it_object(text, start, end, spots)) is not None:
            governed = Governed((it,), between=(end, it.start))  # "... and Iraqi forces retook it in December"
        if not governed.places and (trigger.place in ("before", "both") or passive) and \
                (it := it_subject(text, start, spots)) is not None:
            governed = Governed((it,), passive=passive)  # "regained Mueda on Friday, a week after it fell to insurgents"
        if not governed.places and trigger.cls == "withdrew" and (near := _left_for_outside(text, end, spots)) is not None:
            governed = Governed((near,), between=(end, near.start))  # "retreated to an army base outside Kandahar"
        names, named = actor_for(text, start, end, trigger, governed, matches, actors)
        if not names and trigger.cls in TAKES and trigger.actor == "before":
            # "'Nyala is now liberated,' the RSF said": the side that tells it
            names = (spoke,) if (spoke := speaker_of(text, start, end, matches, speaker)) else ()
        if trigger.object == "opponent" and not any(end <= m.start and m.end <= governed.between[1] for m in matches):
            continue  # "clashed with protesters in X": no armed side to fight
        loser = loser_for(text, governed, matches) if trigger.object == "loser" else ""
        driven_out = trigger.cls == "expel" and not governed.places and bool(_OUT_WITH_NO_PLACE.match(folded, end))
        if trigger.cls == "expel" and not loser and not driven_out:
            continue  # "pushed back", "forced thousands from their homes"; but "drove them out" of the place told
        if (trigger.possessive or re.search(r"\b(?:of|on|against|for)$", folded[start:end])) and hypothetical(folded, end, governed):
            continue  # "the capture of X would be a blow"
        if trigger.then and not then_follows(folded, trigger, governed):
            continue  # "declared Sirte a closed military zone"
        if trigger.weak and governed.places and (after := clause_after().match(folded, governed.places[-1].end)) and \
                (after.group(1) != "as" or folded.startswith("claim", start)):
            continue  # "the army claims Kidal is calm": Kidal is the subject of what is claimed; "entered Gao as ..." is not
        if denied_after(folded, end, governed):
            continue  # "Reports that Kabul had fallen were false"
        if trigger.cls == "withdrew" and left_behind(folded, start, end, governed):
            continue  # "seized Jalalabad, leaving Kabul as the only city in government hands"
        taker = by_actor(text, governed, matches, "to" if trigger.object == "receiver" else "by") \
            if trigger.object in ("taker", "receiver") else ""
        if trigger.needs_receiver and not taker:
            continue  # "the retreat handed Kyiv a victory"
        if taker and taker in names:  # "The jihadists lost Raqqa to the SDF": the side that lost it is not the SDF
            names = tuple(name for name in names if name != taker)
        if trigger.cls in TAKES and len(names) > 1 and (lost := by_actor(text, governed, matches, "from")) in names:
            names = tuple(name for name in names if name != lost)  # "Somali forces and clan militias retook X from al-Shabaab"
        if (trigger.actor == "owner" or trigger.named_actor) and not named:
            continue  # "a flag was raised over the school", "the economy advanced in Kyiv": no side's
        if trigger.cls == "withdrew" and trigger.actor == "before" and (civilians_leave(text, start, matches)
                                                                        or person_leaves(text, start)):
            continue  # "as hundreds of people ... fled to a nearby hotel", "President Assad had fled": no side withdrew
        if "flag" in folded[start:end] and raised_by_civilians(text, start, end):
            continue  # "protesters raised the Ukrainian flag in Kherson": a protest
        confidence = 1.0
        if attributed(folded, start):
            confidence *= cues["attribution_confidence"]
        if not named:
            confidence *= cues["inferred_actor_confidence"]
        if trigger.weak:
            confidence *= cues["weak_confidence"]
        if any(spot.coreferent for spot in governed.places):
            confidence *= cues["coreference_confidence"]
        done = (aim or (trigger.cls == "contested" and " to " in folded[start:end])) and completed(folded, start, end, governed)
        aim = aim and not done  # "the operation to liberate X is over", "wrapped up an operation to retake X"
        # "Russian-held Donetsk": a description, dated by no verb of the sentence ("attacking ... since October")
        date = None if trigger.actor == "hyphen" else date_for(text, start, end, governed.places, dates, trigger.cls == "control",
                                                                   triggers, article.published if trigger.cls in (*TAKES, "withdrew") else None)
        clause_start, clause_end = clause(text, start)
        destination = any(s.start >= end and s.end <= clause_end for s in spots)
        bare = trigger.cls == "withdrew" and (trigger.adjacent or (empty_object(text, end) and not _ENDS_IN_PREPOSITION.search(
            folded, start, end)))  # "lost control of a stretch of the highway" has an object: not a bare withdrawal
        bare = bare or driven_out
        relative = (bool(re.match(r"\s*,?\s*(?:who|which|that)\b", text[clause_start:start], re.IGNORECASE)) and
                    not closed_relatives(text, clause_start, start) and not other_trigger(triggers, clause_start, start)) or bool(
            RESTRICTIVE_BEFORE.search(text, clause_start, start))  # "The rebels, who seized Bor, pulled back": the main verb;
        # "Insurgents who seized Palma in March have withdrawn": the seizure is told of the insurgents, the withdrawal is news
        taken_from = by_actor(text, governed, matches, "from") if passive and not named and trigger.cls in TAKES else ""
        one = Found(trigger, start, end, governed.places, names, named, date, round(confidence, 3), index,
                    governed.partial, aim, loser, destination, relative, done, taker, bare, taken_from)
        if not governed.places:
            items = ()
        elif governed.places[0].start >= end:
            items = dated_list(text, governed.places, spots, dates)
        else:  # "Kidal fell on Friday and Gao on Saturday"
            items = dated_list(text, governed.places, spots, dates, verb_end=end)
        found += _by_own_date(one, items)
    return found


def _left_for_outside(text: str, end: int, spots):
    """The place a side falls back from to a spot just outside it: "Government forces retreated to an army base
    outside Kandahar" left Kandahar."""
    after = next((spot for spot in spots if spot.start >= end), None)
    return after if after is not None and _TO_OUTSIDE.fullmatch(text, end, after.start) else None


_TO_OUTSIDE = re.compile(r"\s+(?:back\s+)?to\s+(?:(?:an?|the|their|its|new)\s+)?(?:[\w'’-]+\s+){0,3}?(?:outside|on\s+the\s+outskirts\s+of|"
                         r"just\s+outside|on\s+the\s+edge\s+of)\s+(?:the\s+(?:city|town)\s+of\s+)?", re.IGNORECASE)
_OUT_OF = re.compile(r"\b(?:out\s+of|free\s+of|beyond|outside(?:\s+of)?)\s+(?:(?:the\s+)?[\w'’-]+\s+){0,2}$")
_FOUGHT_FOR = re.compile(r"\bfor\s+(?:(?:full|total|overall)\s+)?$")


def _by_own_date(found: Found, items) -> list[Found]:
    """``found`` once per date its places' own dates give ("took Herat on Friday and Kandahar on Saturday")."""
    dated = {spot: date for spot, date in items if date is not None}
    if len(items) <= len(found.places) and len(set(dated.values())) < 2:
        return [found]
    groups: dict = {}
    for spot, date in items:
        groups.setdefault(date or found.date, []).append(spot)
    return [replace(found, places=tuple(spots), date=date) for date, spots in groups.items()]


_OUT_WITH_NO_PLACE = re.compile(r"\s+(?:them|the\s+[a-z-]+(?:\s+[a-z-]+)?)\s+out\b(?!\s+of\b)")  # "drove them out"
_ENDS_IN_PREPOSITION = re.compile(r"\b(?:of|from|out\s+of)$")


# --- events -----------------------------------------------------------------------------


def _events(article: Article, sentence: Sentence, item: Found, actors: Actors) -> list[ControlEvent]:
    if not item.places or not (item.actors or item.taker):
        return []  # "Khost was handed to the Taliban": the Taliban took it, whoever gave it up
    when = item.date or DateSpan.unknown(before=article.published)
    if item.trigger.cls == "control" and item.date and article.published and when.end and when.end > article.published:
        when = replace(when, end=max(when.start, article.published))  # "since March", said on 10 March: held by then
    evidence = Evidence(article.id, sentence.text, sentence.start, sentence.end, article.title, article.source, article.url)
    trigger = sentence.text[item.start:item.end]
    found = []
    for actor in item.actors:
        found += [ControlEvent(spot.place, actor, EventKind.CONTESTED if item.aim else
                               kind_of(item.trigger, actor, actors, item.partial, item.done, spot.place.country),
                               when, evidence, trigger, item.confidence) for spot in item.places]
    if item.taker:  # "the militants were driven out of X by the army": the army took X
        take = Trigger("take", "after", "before", "strict", False, False, False, False)
        found += [ControlEvent(spot.place, item.taker, kind_of(take, item.taker, actors, where=spot.place.country), when,
                               evidence, trigger, item.confidence) for spot in item.places]
    if item.loser and not item.partial:
        found += [ControlEvent(spot.place, item.loser, EventKind.WITHDREW, when, evidence, trigger, item.confidence)
                  for spot in item.places]
    # a fight "in Amhara", "for most districts of Marib province": too wide to be a place's event
    return [e for e in found if not (e.kind in _FIGHTS and e.place.kind in _WIDE)]


_FIGHTS = (EventKind.CONTESTED, EventKind.BESIEGED)
_WIDE = (PlaceKind.PROVINCE, PlaceKind.REGION)
