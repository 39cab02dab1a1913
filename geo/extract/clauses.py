"""Clauses: which named places a trigger governs, and where its clause begins and ends.

:func:`places_for` picks, of a sentence's named places (its spots, listed by
:mod:`geo.extract.referents`), those a trigger governs by the gap rules of
``geo/lexicon/events.toml`` (read by :mod:`geo.extract.gaps`): the object after the words
("seized Sirte", with lists and appositions: "Zaranj, the capital of
Nimroz, and Taloqan"), the subject before them ("Sirte fell"), the noun a
reduced or object relative clause hangs on ("Izium, seized by Russian
troops", "Manbij, which the militia had overrun"), and whether the words
govern only part of the place ("seized parts of Douma"). :func:`clause`
cuts a sentence at relative pronouns, contrast words, semicolons and
dashes, so an actor or date beyond the cut belongs to another verb.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from geo.extract.gaps import BLOCKED, PARTIAL, WHOLE, gap_verdict, object_verdict, owned, pre_gap_allows
from geo.extract.triggers import Trigger, coordination_pattern, lexicon, patterns
from geo.lexicon import alternation as _alt
from geo.records import Place, PlaceKind

__all__ = ["Governed", "Spot", "clause", "clause_cuts", "coordinated", "empty_object", "other_trigger", "places_for"]

@dataclass(frozen=True)
class Spot:
    """A place named in a sentence: a mention, or "the town" resolved to one."""

    start: int
    end: int
    place: Place
    coreferent: bool = False


@dataclass(frozen=True)
class Governed:
    """The places a trigger governs; ``partial`` when only part of them; ``between`` the words before the place.

    ``passive``: the place is the trigger's subject by a passive or reduced
    relative reading ("Izium, seized by ..."); ``relative``: by an object
    relative ("..., which the rebels had taken"), the actor standing between.
    """

    places: tuple[Spot, ...] = ()
    partial: bool = False
    between: tuple[int, int] = (0, 0)
    passive: bool = False
    relative: tuple[int, int] | None = None


def places_for(text: str, start: int, end: int, trigger: Trigger, passive: bool, spots: Sequence[Spot],
               triggers) -> Governed:
    """The named places a trigger governs: the first allowed one on its side, and those coordinated with it."""
    before = trigger.place in ("before", "both") or passive
    after = trigger.place in ("after", "both") and not passive
    if after and before and not _OF_END.search(text, 0, end):
        # "Kidal fell on Friday and Gao on Saturday": a bare "fell" is said of the place before it
        if (governed := _governed_before(text, start, trigger, passive, spots)).places:
            return governed
    if after:
        for spot in (s for s in spots if s.start >= end):
            if other_trigger(triggers, end, spot.start):
                break
            gap = text[end:spot.start]
            if start and text[start - 1] in _QUOTES and gap[:1] in _QUOTES:
                gap = gap[1:]  # "its forces had "liberated" Ocheretyne": the verb in scare quotes
            if trigger.gap == "between":
                verdict = WHOLE if _BETWEEN_AFTER.fullmatch(gap) else BLOCKED
            elif trigger.gap == "object":
                verdict = object_verdict(gap)
            else:
                verdict = gap_verdict(gap, trigger.gap)
            if verdict == BLOCKED and _list_intro(gap):
                verdict = WHOLE
            if verdict == PARTIAL and spot.place.kind is PlaceKind.DISTRICT and _ITS_OWN_NOUN.fullmatch(gap):
                verdict = WHOLE  # "seized the neighbourhood of Sheikh Maqsoud": the district itself, whole
            after = owned(text, spot.end)
            if verdict != BLOCKED and after != BLOCKED:
                partial = verdict == PARTIAL or after == PARTIAL
                places = coordinated(text, spot, spots, triggers)
                return Governed(places + _list_after(text, places[-1], spots, triggers), partial, (end, spot.start))
            # "withdrew from towns north of Kyiv, including Bucha and Irpin": past a reference, to the list
            if _list_pattern().match(text, end):  # a list opens right after the trigger at all
                listed = next((s for s in spots if s.start > spot.end and _list_intro(text[end:s.start])), None)
                if listed is not None and not other_trigger(triggers, end, listed.start):
                    return Governed(coordinated(text, listed, spots, triggers), False, (end, listed.start))
            break
        if trigger.participle and (reduced := _reduced_relative(text, start, end, spots)) is not None:
            return Governed((reduced,), passive=True)
        if trigger.place == "after" and (relative := _object_relative(text, start, end, spots)) is not None:
            places, between = relative
            return Governed(places, relative=between)
    if trigger.cls == "withdrew" and not trigger.adjacent and _EMPTY_OBJECT.match(text, end):
        for spot in (s for s in reversed(spots) if s.end <= start):  # "the army garrison in X fled when ..."
            if not text[spot.end:start].strip():
                return Governed((spot,))
            break
    if trigger.adjacent:  # "retreated north of the town": they left the town
        for spot in (s for s in spots if s.start >= end):
            if _small()["direction_then_of"].fullmatch(text[end:spot.start]):
                return Governed((spot,))
            break
    if before and trigger.gap == "between":  # "killed in X on Sunday during a battle between"
        for spot in (s for s in reversed(spots) if s.end <= start):
            if re.search(r"\b(?:in|at|inside)\s+$", text[max(0, spot.start - 8):spot.start]) and _BETWEEN_BEFORE.fullmatch(text, spot.end, start):
                return Governed((spot,))
            break
        return Governed()
    return _governed_before(text, start, trigger, passive, spots) if before else Governed()


def _governed_before(text: str, start: int, trigger: Trigger, passive: bool, spots: Sequence[Spot]) -> Governed:
    """The place standing before the trigger as its subject, and those listed with it."""
    for spot in (s for s in reversed(spots) if s.end <= start):
        gap = text[spot.end:start]
        if gap[-1:] in _QUOTES and gap[-2:-1].isspace():
            gap = gap[:-1]  # "Irpin had been 'liberated'": the verb in scare quotes
        if (trigger.possessive and re.fullmatch(r"['’]s?\s+", gap)) or pre_gap_allows(gap, trigger.adjacent):
            while gap.lstrip().startswith(",") and (head := _apposed_to(text, spot, spots)) is not None:
                # "Lashkar Gah, capital of Helmand province, fell"; "Kandahar, 460 km from Kabul, fell";
                # "Bama, 70 km south-east of Maiduguri, the capital of Borno state, fell": the first of the chain
                gap, spot = text[head.end:spot.start], head
            return Governed(_coordinated_before(text, spot, spots), passive=passive)
        break
    return Governed()


def _apposed_to(text: str, spot: Spot, spots: Sequence[Spot]) -> Spot | None:
    """The place whose apposition names ``spot``: Lashkar Gah in "Lashkar Gah, capital of Helmand province,"."""
    for head in (s for s in reversed(spots) if s.end <= spot.start):
        return head if _APPOSED.fullmatch(text, head.end, spot.start) else None
    return None


_QUOTES = frozenset("'\"‘’“”")
_OF_END = re.compile(r"\bof$", re.IGNORECASE)
_ITS_OWN_NOUN = re.compile(r"\s*(?:the\s+)?(?:[a-z-]+\s+)?(?:districts?|neighbou?rhoods?|quarters?|suburbs?)\s+of\s+",
                           re.IGNORECASE)
_AREAS = frozenset({PlaceKind.PROVINCE, PlaceKind.REGION, PlaceKind.COUNTRY})
_MEASURED_FROM = re.compile(r"\s*,\s*(?:[^,;:()]{1,60},\s*)?(?:[a-z]+\s+){0,2}?\d[\d.,]*\s*(?:km|kilometres|kilometers|miles|mi)\b\.?"
                            r"(?:\s*\([^()]{1,40}\))?\s+(?:[a-z-]+\s+)?(?:of|from)\s+(?:the\s+)?")
_APPOSED = re.compile(r"\s*,\s*(?:(?:the|a|an|its|their)\s+)?[a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,3}\s+of\s+(?:the\s+)?"
                      # what the place is, and where: ", the last Ukrainian stronghold in ", ", a city in the "
                      r"|\s*,\s*(?:the|a|an|its|their)\s+(?:[\w'’-]+\s+){0,5}?(?:in|on|near)\s+(?:the\s+)?"
                      r"(?:(?:north|south|east|west)[a-z-]*\s+)?"
                      # a measure: ", about 460 kilometres (290 miles) south-west of "
                      # ... after a description: ", a key Russian supply hub 120 km south-east of "
                      r"|\s*,\s*(?:[\w'’-]+\s+){0,10}?(?:\d[\d.,]*|[a-z-]+)\s*(?:km|kilometres|kilometers|miles|mi)\b\.?"
                      r"(?:\s*\([^()]{1,40}\))?(?:\s+(?:[a-z-]+\s+)?(?:of|from)|\s+away\s+from)\s+(?:the\s+)?"
                      r"(?:(?:[a-z-]+\s+){1,3}?(?:of\s+)?)?")  # "north of the capital Ouagadougou", "of the rebel-held town of"


def _coordinated_before(text: str, last: Spot, spots: Sequence[Spot], subject: bool = True) -> tuple[Spot, ...]:
    """``last`` and the places listed before it: "Herat and Kandahar fell", "Kidal, Gao and Timbuktu were taken";
    as a ``subject``, only a list that opens its clause."""
    joined, joining = [last], coordination_pattern()
    for spot in (s for s in reversed(spots) if s.end <= last.start):
        if not joining.fullmatch(text[spot.end:joined[0].start]):
            break
        joined.insert(0, spot)
    opening = text[clause(text, joined[0].start)[0]:joined[0].start]
    # the list is the subject only when it opens its clause ("Rebels shelled Herat, and Kandahar fell": not Herat),
    # or the clause a speaker reports ("Maliar said Irpin and Bucha had been liberated")
    opens = _LIST_OPENS.fullmatch(opening) or _small()["reported"].search(opening)
    return tuple(joined) if not subject or opens else (last,)


_LIST_OPENS = re.compile(r"[\s,]*(?:(?:[Tt]he|[Bb]oth)\s+)?(?:(?:[a-z-]+\s+)?(?:towns?|cities|villages?|districts?)\s+of\s+)?")


def coordinated(text: str, first: Spot, spots: Sequence[Spot], triggers=()) -> tuple[Spot, ...]:
    """``first`` and the places listed with it: "Ramadi and Fallujah", "Zaranj, the capital of Nimroz, and Taloqan";
    never past another verb's trigger ("pushed into the Kursk region, capturing the town of Sudzha")."""
    joined, last = [first], first
    joining, apposed = coordination_pattern(), _apposition_pattern()
    for spot in (s for s in spots if s.start >= first.end):
        between = text[last.end:spot.start]
        if other_trigger(triggers, last.end, spot.start):
            break
        if (spot.place.kind in _AREAS and _APPOSED.fullmatch(between)) or _MEASURED_FROM.fullmatch(between):
            # "Wad Madani, the capital of Gezira state, ...": the area describes the place before it;
            # "Nyala, 180 km south of El Fasher, and the cities of ...": El Fasher is a reference, not one of the list
            last = spot
        elif joining.fullmatch(between) or apposed.fullmatch(between):
            joined.append(spot)
            last = spot
        elif not _opens_apposition(between):
            break
    return tuple(joined)


def _opens_apposition(between: str) -> bool:
    """Whether ``between`` could still be the start of an apposition that names a place of its own ("..., the capital of")."""
    return bool(_small()["apposition_open"].fullmatch(between))


def _list_after(text: str, last: Spot, spots: Sequence[Spot], triggers) -> tuple[Spot, ...]:
    """The places of a list joined after the object: "seized Aleppo airport and dozens of towns in Idlib province,
    including Saraqeb"."""
    joined = _AND.match(text, last.end)
    if joined is None or not _counted().match(text, joined.end()) or not _list_pattern().match(text, joined.end()):
        return ()  # "took Kupiansk and several villages, including": never "and shelled several villages, including"
    listed = next((s for s in spots if s.start > last.end and _list_intro(text[joined.end():s.start])), None)
    if listed is None or other_trigger(triggers, last.end, listed.start):
        return ()
    return coordinated(text, listed, spots, triggers)


_AND = re.compile(r"\s*,?\s+and\s+", re.IGNORECASE)


@cache
def _counted() -> re.Pattern:
    words = lexicon()["words"]
    return re.compile(rf"(?:the\s+|its\s+|their\s+)?(?:(?:{_alt(words['counts'])})\s+|(?:{_alt(words['list_nouns'])})\b)",
                      re.IGNORECASE)


def _list_intro(gap: str) -> bool:
    """ "three provincial capitals over the weekend — ": words that announce a list of the places to come."""
    return bool(_list_pattern().fullmatch(gap))


def _reduced_relative(text: str, start: int, end: int, spots: Sequence[Spot]) -> Spot | None:
    """The place a participle hangs on: "Izium, seized by Russian troops in April, ...", "the town taken by the rebels"."""
    for spot in (s for s in reversed(spots) if s.end <= start):
        between = text[spot.end:start]
        if re.fullmatch(r"\s*,\s*(?:(?:which|that)\s+(?:was|were|had\s+been|has\s+been)\s+)?(?:\w+ly\s+)?", between):
            return spot
        if not between.strip() and re.match(r"\s+by\s", text[end:]):
            return spot
        return None
    return None


def empty_object(text: str, end: int) -> bool:
    """Whether the verb ending at ``end`` has no object of its own ("fled when", "withdrew to", "left.")."""
    return bool(_EMPTY_OBJECT.match(text, end))


def _object_relative(text: str, start: int, end: int, spots: Sequence[Spot]
                     ) -> tuple[tuple[Spot, ...], tuple[int, int]] | None:
    """ "Manbij, a town the militia had overrun", "Sirte, which the rebels took", "Dessie and Kombolcha, two towns the
    TPLF captured": the places and where their subject stands."""
    if not _EMPTY_OBJECT.match(text, end):
        return None  # the verb has an object of its own: "..., which the rebels used to seize the bridge"
    for spot in [s for s in reversed(spots) if s.end <= start][:2]:  # "Laukkai, the town the MNDAA took": not "the town"
        match = _relative_pattern(spot.coreferent).fullmatch(text, spot.end, start)
        if match is not None:
            while (head := _apposed_to(text, spot, spots)) is not None:
                spot = head  # "Marinka, 20 km west of Donetsk, which they captured": Marinka, not Donetsk
            places = _coordinated_before(text, spot, spots, subject=False) if match.group("many") else (spot,)
            return places, (match.start("subject"), match.end("subject"))
    return None


_BETWEEN_AFTER = re.compile(r"[^,;:—–()]{1,80}?\s(?:in|around|inside|for\s+control\s+of|over)\s+(?:the\s+(?:town|city|village)\s+of\s+)?",
                            re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"(?:\s+[\w'’-]+){0,4}?\s+(?:during|amid|in)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?", re.IGNORECASE)
_EMPTY_OBJECT = re.compile(r"\s*(?:[,.;:)\]]|$|(?:in|into|on|of|to|towards?|across|north|south|east|west|(?:north|south|east|west)wards?|when|as|after|last|earlier|this|during|after|before|from|by|since|early|late|"
                           r"and|but|while|"
                           r"mid|a|two|three|several|weeks|months|years|days|overnight|yesterday|at|with|without)\b)",
                           re.IGNORECASE)


def other_trigger(triggers, start: int, end: int) -> bool:
    """Whether another verb's trigger stands between; a state noun ("the rebels' stronghold of") is no verb."""
    return any(start <= a and b <= end and trigger.cls not in ("control", "presence") for a, b, trigger in triggers)


def clause(text: str, position: int) -> tuple[int, int]:
    """The clause around ``position``: cut at relative pronouns and contrast words after a comma, and at ; or dashes."""
    found = clause_cuts(text)
    start = max((a for a, b in found if b <= position), default=0)
    end = min((a for a, _ in found if a >= position), default=len(text))
    return start, end


@lru_cache(maxsize=256)  # each trigger of a sentence asks for its clause, for its actor and its date
def clause_cuts(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(m.span() for m in patterns()["clause_cut"].finditer(text))


# --- patterns ---------------------------------------------------------------------------


@cache
def _small() -> dict[str, re.Pattern]:
    words = lexicon()["words"]
    return {
        "reported": re.compile(rf"\b(?:{_alt(lexicon()['cues']['speech'])})\s+(?:on\s+[A-Z]\w+\s+)?(?:that\s+)?$"),
        "direction_then_of": re.compile(rf"\s+(?:{_alt(words['directions'])})\s+of\s+(?:the\s+)?", re.IGNORECASE),
        "apposition_open": re.compile(rf"\s*,\s*(?:{_alt(words['apposition_heads'])})\s+[^,;:—–()]{{0,80}}", re.IGNORECASE),
    }


@cache
def _apposition_pattern() -> re.Pattern:
    """A listed place's apposition, then the next one: ", the capital of Nimroz, and "."""
    words = lexicon()["words"]
    return re.compile(rf"\s*,\s*(?:{_alt(words['apposition_heads'])})\s+[^,;:—–()]{{1,100}},\s*(?:and\s+|as\s+well\s+as\s+)?"
                      rf"(?:the\s+)?", re.IGNORECASE)


@cache
def _list_pattern() -> re.Pattern:
    words = lexicon()["words"]
    openers = "|".join(re.escape(o.strip()) if o.strip() in "—–:-" else rf"\b{re.escape(o)}\b" for o in words["list_openers"])
    return re.compile(rf"\s*(?:the\s+|its\s+|their\s+)?(?:(?:{_alt(words['counts'])})\s+)?(?:[\w'’-]+\s+){{0,3}}?"
                      rf"(?:{_alt(words['list_nouns'])})\b[^;]{{0,40}}?,?\s*(?:{openers})\s*"
                      rf"(?:the\s+(?:[\w'’-]+\s+)?(?:towns?|cities|city|villages?)\s+of\s+)?", re.IGNORECASE)


@cache
def _relative_pattern(noun: bool = False) -> re.Pattern:
    """After a place: an object relative clause up to its verb ("..., which the rebels had", ", a town the militia had");
    after a ``noun`` standing for one, also one that opens with no comma ("the ancient city that the militants had")."""
    words = lexicon()["words"]
    nouns, plural = _alt(words["place_nouns"] + words["place_heads"]), _alt(words["list_nouns"])
    opening = r"\s+(?:that|which)\s+|" if noun else ""
    return re.compile(rf"(?:{opening}\s*,\s*(?:a|an|the)\s+(?:[\w'’-]+\s+){{0,4}}?(?:{nouns})\s+(?:that\s+|which\s+)?"
                      # "Snihurivka, a town about 50 km north of Kherson that Ukraine retook"
                      rf"|\s*,\s*(?:a|an|the)\s+(?:[\w'’-]+\s+){{0,4}}?(?:{nouns})\s+[^,;:()]{{1,60}}?\s(?:that|which)\s+"
                      # "Dessie and Kombolcha, two towns the TPLF captured"
                      rf"|\s*,\s*(?P<many>(?:the\s+)?(?:two|three|four|both|several)\s+(?:[\w'’-]+\s+){{0,2}}?(?:{plural}))\s+"
                      rf"(?:that\s+|which\s+)?"
                      rf"|\s*,\s*(?:which|that)\s+)"
                      rf"(?P<subject>(?:the\s+)?(?:[\w'’.-]+\s+){{0,5}}?[\w'’.-]+)\s+"
                      rf"(?:(?:had|has|have|was|were|would\s+have)\s+)?(?:(?:\w+ly|also|already|just|recently|earlier|since)\s+)*",
                      re.IGNORECASE)
