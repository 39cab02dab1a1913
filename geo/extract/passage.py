"""The article as a whole: what one sentence's reading leaves open, settled from the others.

:class:`Found` is one trigger as :mod:`geo.extract.events` read it in its
sentence; :func:`settle` then gives a withdrawal naming no place the place
its sentence (or the one before) reports, a fight its actor, a take naming
no actor the side of the lead, and a report without a date the date of the
sentence before (or after) that tells of it again.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from geo.extract.actors import Actors
from geo.extract.clauses import Spot
from geo.extract.dates import find_dates
from geo.extract.event_dates import VAGUE_APART
from geo.extract.triggers import Trigger, lexicon, speech_pattern
from geo.records import Article, DateSpan

__all__ = ["ONGOING", "TAKES", "Found", "settle"]

TAKES = ("take", "retake", "expel")
ONGOING = ("contested", "besieged")


@dataclass(frozen=True)
class Found:
    """One trigger tied (or not) to places, before events are made."""

    trigger: Trigger
    start: int
    end: int
    places: tuple[Spot, ...]
    actors: tuple[str, ...]
    named: bool
    date: DateSpan | None
    confidence: float
    sentence: int
    partial: bool = False
    aim: bool = False
    loser: str = ""
    destination: bool = False
    relative: bool = False
    done: bool = False
    taker: str = ""
    bare: bool = False
    taken_from: str = ""  # "Ramadi was seized from Islamic State": the side that lost it, never the taker

    @property
    def fight(self) -> bool:
        if self.done:
            return False
        return self.aim or self.trigger.cls in ONGOING or (self.partial and self.trigger.cls in TAKES)


def settle(article: Article, read: list[list[Found]], actors: Actors, dominant: str, country: str,
           focus=None) -> list[list[Found]]:
    """The readings of every sentence (``read[i]`` those of sentence i), with places, actors and dates settled."""
    paragraphs = [s.paragraph for s in article.sentences]
    if focus is not None:  # "the coalition began its assault last week": on the place the article is about
        cue = lexicon()["cues"]["coreference_confidence"]
        read = [[replace(item, places=(Spot(item.start, item.end, focus, True),), confidence=round(item.confidence * cue, 3))
                 if item.trigger.focus and not item.places else item for item in found] for found in read]
    near = lambda a, b: abs(paragraphs[a] - paragraphs[b]) <= 1  # noqa: E731 - sentences of one passage
    for index, found in enumerate(read):  # places of withdrawals and fights that name none
        read[index] = [_placed(item, found, read[index - 1] if index and near(index, index - 1) else [],
                               article.sentences[index].text) for item in found]
    takers: dict[str, Counter] = {}
    for found in read:
        for item in found:
            if item.trigger.cls in TAKES and item.actors and not item.aim:
                for spot in item.places:
                    takers.setdefault(spot.place.id, Counter()).update(item.actors[:1])
    besiegers: dict[str, Counter] = {}  # "The siege of Sarajevo began ... when Bosnian Serb forces surrounded the city"
    for found in read:
        for item in found:
            if item.trigger.cls == "besieged" and item.actors and item.named:
                for spot in item.places:
                    besiegers.setdefault(spot.place.id, Counter()).update(item.actors[:1])
    side = Counter(a for found in read for item in found if item.trigger.cls in TAKES and item.named for a in item.actors[:1])
    main = max(side, key=side.get) if side else ""
    lead = next((item.actors[0] for found in read[:3] for item in found
                 if item.trigger.cls in TAKES and item.named and item.actors), "")
    previous: list[Found] = []
    for index, found in enumerate(read):
        if index and not near(index, index - 1) or previous and index - previous[0].sentence > 2:
            previous = []
        settled = []
        for item in found:
            item = _attacker(item, {**takers, **besiegers} if item.trigger.cls == "besieged" else takers, main, actors,
                             country) if item.fight else item
            if not item.actors:
                item = replace(item, actors=_side_before(item, previous, article.published) or
                               _fallback(item, lead, actors, dominant, country))
            if not _LATER.search(article.sentences[item.sentence].text, 0, item.start):
                item = _inherit(item, previous, found)  # "The army later regained control": not the day before's
            if item.date is None and _ALSO.search(article.sentences[item.sentence].text, max(0, item.start - 25), item.start):
                item = _also(item, previous)
            if _fled_from_taker(item, found, article.sentences[item.sentence].text, actors):
                continue  # "Mazar-i-Sharif fell to the Taliban after militia commanders fled": not the Taliban
            settled.append(item)
        read[index] = settled
        previous = settled or previous
    for index, found in enumerate(read):
        if index + 1 < len(read) and near(index, index + 1):
            read[index] = [_carry_forward(article, item, index + 1, read[index + 1]) for item in found]
    return read


def _fled_from_taker(item: Found, same: list[Found], text: str, actors: Actors) -> bool:
    """Whether ``item`` is a withdrawal that names no place of its own, whose subject is a generic form of its own
    ("the militias") read as the side that takes that place in the same sentence: those who left are not the takers.

    "Mazar-i-Sharif fell to the Taliban after militia commanders fled" is no Taliban withdrawal; "Militants stormed
    Palma and then fled" is (one subject for both verbs)."""
    if item.trigger.cls != "withdrew" or not item.bare or not item.actors or not item.places:
        return False
    ids = {spot.place.id for spot in item.places}
    takes = [other for other in same if other is not item and other.trigger.cls in TAKES and
             other.actors[:1] == item.actors[:1] and ids & {spot.place.id for spot in other.places}]
    if not takes:
        return False
    subject = next(iter(reversed(actors.find(text[:item.start]))), None)
    if subject is None or not actors.is_generic_form(text[subject.start:subject.end]):
        return False
    return any(other.end <= subject.start or item.end <= other.start for other in takes)


def _placed(item: Found, same: list[Found], previous: list[Found], text: str = "") -> Found:
    """A withdrawal (an aimed fight, or "drove them out") naming no place is from the place its sentence, or the one
    before, reports; with that report's date, unless a span of time stands between them ("days after")."""
    withdrawal = item.bare
    if item.places or not (withdrawal or item.aim):
        return item
    # "... held the town of X before troops drove them out": those driven out held it
    held = ("withdrew",) if item.trigger.cls == "expel" else ("withdrew", "control", "presence")
    here = [other for other in same if other is not item and other.places and other.trigger.cls not in held]
    if withdrawal and item.destination:  # "retreated to Sake": from where they were, never to where they went
        here = [other for other in here if all(spot.end <= item.start for spot in other.places)]
    if here:  # "X moved into the city in March, when government forces withdrew": that place, and that date
        # ... but not the date of a relative clause: "The rebels, who seized Bor in December, pulled back"
        date = item.date or (here[0].date if item.relative or not here[0].relative else None)
        if item.date is None and here[0].end <= item.start and VAGUE_APART.search(text, here[0].end, item.start):
            date = None  # "The army entered Kidal on Monday, days after the rebels withdrew": not on Monday
        return replace(item, places=here[0].places, date=date)
    there = {spot.place.id: spot for other in previous for spot in other.places}
    if len(there) == 1:
        cue = lexicon()["cues"]["coreference_confidence"]
        return replace(item, places=tuple(there.values()), confidence=round(item.confidence * cue, 3))
    return item


def _attacker(item: Found, takers: dict[str, Counter], main: str, actors: Actors, country: str) -> Found:
    """The actor of a fight: the side named first, else who takes the place in the article (of a siege, who besieges
    it), else the side of its takes."""
    if item.trigger.actor not in ("any",) and item.actors:
        return item  # the words name who fights: "the SDF assault on"
    for spot in item.places:
        if spot.place.id in takers and not item.actors:
            return replace(item, actors=(takers[spot.place.id].most_common(1)[0][0],))
    if item.actors:  # the side the report names first: "fighting between A and B", "A and B were locked in fighting"
        return replace(item, actors=item.actors[:1])
    if main:
        return replace(item, actors=(main,))
    state = actors.state_of(country)
    return replace(item, actors=(state,) if state else ())


def _side_before(item: Found, previous: list[Found], published=None) -> tuple[str, ...]:
    """The side the sentence before told moving on the same place, for a move that names none: "British troops pushed
    into Basra on Monday. Columns of tanks rolled into the city": the British. A retake is that side's only when it
    took the place in the report's last days ("after capturing ... Baghuz" on Saturday, "Baghuz has been liberated"):
    "Russian troops entered Bucha in February. ... Bucha was liberated" is the other side's."""
    if item.trigger.cls not in (*TAKES, "contested") or not item.places:
        return ()
    retake = item.trigger.cls == "retake" or item.done
    ids = {spot.place.id for spot in item.places}
    moves = (*TAKES, "contested") if retake else (item.trigger.cls, "contested")
    for prior in previous:
        if not (prior.named and prior.actors and prior.trigger.cls in moves and not prior.aim and
                ids & {spot.place.id for spot in prior.places}):
            continue
        if retake and not (published and prior.date and prior.date.start and 0 <= (published - prior.date.start).days <= 2):
            continue
        return prior.actors[:1]
    return ()


def _fallback(item: Found, lead: str, actors: Actors, dominant: str, country: str) -> tuple[str, ...]:
    cls = "retake" if item.done else item.trigger.cls
    if cls in ("take", "expel"):
        taker = lead or dominant
        if taker and taker == item.taken_from:  # "Ramadi was seized from Islamic State": the state's, if IS is not it
            taker = actors.state_of(country) if actors.state_of(country) != item.taken_from else ""
        return (taker,) if taker else ()
    if cls == "retake":
        actor = lead if lead and (actors.role(lead) == "state" or actors.ally(lead)) else actors.state_of(country)
        return (actor,) if actor else ()
    if cls == "besieged":
        return (dominant,) if dominant else ()
    return ()


_LATER = re.compile(r"\b(?:later|since|subsequently|afterwards|eventually)\b", re.IGNORECASE)


def _inherit(item: Found, previous: list[Found], same: Sequence[Found] = ()) -> Found:
    """Carry the date (and, for a place-less report, the actor) over from the sentence before.

    A place-less report dates only the sentence's one undated report in a main
    clause: "... who have seized Kidal" beside a dated capture is older news.
    """
    if item.date is not None or not item.places or item.trigger.cls == "control":
        return item
    background = item.relative or any(other.date is not None and other.places for other in same if other is not item)
    ids = {spot.place.id for spot in item.places}
    group = TAKES if item.trigger.cls in TAKES else (item.trigger.cls,)
    for prior in previous:
        if prior.date is None:
            continue
        if prior.places and ids & {spot.place.id for spot in prior.places}:
            if item.trigger.cls in TAKES and prior.trigger.cls in TAKES and item.actors and prior.actors \
                    and item.actors[0] != prior.actors[0]:
                continue  # "Hamas seized Sderot on Saturday. The army regained control of Sderot": later, date unsaid
            if item.trigger.cls in TAKES and prior.trigger.cls in ("contested", "besieged"):
                continue  # "The SDF had encircled Manbij in June. The capture of the town ...": the siege's date, not the take's
            if {item.trigger.cls in TAKES, prior.trigger.cls in TAKES} == {True, False} and "withdrew" in \
                    (item.trigger.cls, prior.trigger.cls) and item.actors[:1] == prior.actors[:1]:
                continue  # "Russia had seized Kherson in March. ... troops had been pulled back": not the day it took it
            return replace(item, date=prior.date)
        if not prior.places and not background and prior.trigger.cls in group and not (item.named and prior.actors and prior.named
                                                                   and prior.actors[0] not in item.actors):
            named = item.named or prior.named
            return replace(item, date=prior.date, actors=item.actors if item.named or not prior.actors else prior.actors,
                           named=named)
    return item


def _also(item: Found, previous: list[Found]) -> Found:
    """ "Tigrayan forces said on Sunday they had captured Dessie. ... the fighters had also taken Kombolcha": the same
    side's deed of the same sort told just before gives its date."""
    group = TAKES if item.trigger.cls in TAKES else (item.trigger.cls,)
    for prior in previous:
        if prior.date is not None and prior.places and prior.trigger.cls in group and prior.actors[:1] == item.actors[:1]:
            return replace(item, date=prior.date)
    return item


_ALSO = re.compile(r"\balso\s+(?:[a-z]+\s+)?$", re.IGNORECASE)


def _carry_forward(article: Article, item: Found, following: int, next_found: Sequence[Found]) -> Found:
    """An undated event takes the date of the next sentence when that one tells of it again.

    Either a report of the same sort without a place ("the army had liberated
    two districts late on Monday") or a statement about the same place ("he
    also said on Thursday that an office is being set up in the town").
    """
    if item.date is not None or not item.places or item.trigger.cls == "control":
        return item
    group = TAKES if item.trigger.cls in TAKES else (item.trigger.cls,)
    for other in next_found:
        if not other.places and other.date is not None and other.trigger.cls in group:
            return replace(item, date=other.date)
    ids = {spot.place.id for spot in item.places}
    told = [other for other in next_found if ids & {spot.place.id for spot in other.places}]
    if told and not any(other.trigger.cls == item.trigger.cls and other.actors[:1] == item.actors[:1] for other in told):
        return item  # "... had also taken Kombolcha. The army said on December 6 it had retaken Kombolcha": the retake's day
    sentence = article.sentences[following]
    names = {spot.place.name.casefold() for spot in item.places}
    text = sentence.text
    if not (any(name in text.casefold() for name in names) or re.search(r"\bthe\s+(?:town|city|village)\b", text, re.IGNORECASE)):
        return item
    speech = speech_pattern()
    for a, _, span in find_dates(text, article.published):
        if span.start is not None and speech.search(text[max(0, a - 30):a]):
            return replace(item, date=span)
    return item
