"""Roles: who acted on a trigger, who lost the place, and what kind of event it makes.

:func:`actor_for` reads the actor of one trigger from the actor matches of
its clause: the subject before the words ("Houthi rebels seized"), skipping
those who only back it ("Kurdish forces, backed by U.S. air strikes,
regained"); the agent after them ("fell to the rebels", "was taken by");
the subject of a relative clause ("Sirte, which the rebels took"); the side
whose flag is raised; for a fight, every side named in it. :func:`loser_for`
reads the side driven out ("pushed the militants from X"). :func:`kind_of`
decides between capture and recapture as ACLED does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from geo.extract.actors import ActorMatch, Actors
from geo.extract.clauses import Governed, clause
from geo.extract.gaps import object_split
from geo.extract.triggers import Trigger, lexicon
from geo.records import EventKind

__all__ = ["actor_for", "by_actor", "fight_sides", "kind_of", "last_speaker", "loser_for", "speaker_of"]

_KINDS = {"withdrew": EventKind.WITHDREW, "contested": EventKind.CONTESTED, "besieged": EventKind.BESIEGED,
          "control": EventKind.CONTROL, "presence": EventKind.PRESENCE}
_BACKERS = re.compile(r"(?:backed|supported|aided|assisted|helped|accompanied|joined|led|flanked)\s+by\s+(?:the\s+|a\s+|an\s+)?"
                      r"(?:[\w'’.-]+\s+){0,4}?$|(?:with\s+the\s+(?:help|support|backing)\s+of|alongside|with)\s+(?:the\s+)?"
                      r"(?:[\w'’.-]+\s+){0,3}?$", re.IGNORECASE)
_JOIN = re.compile(r"(?:\s*,\s*(?:the\s+)?(?:[\w'’-]+\s+){0,3}?[\w'’-]+)*\s*,?\s*"
                   r"(?:and|as\s+well\s+as|together\s+with|along\s+with)\s+(?:the\s+|their\s+|its\s+)?"
                   r"(?:[\w'’-]+\s+){0,2}?|\s*,\s*(?:the\s+)?", re.IGNORECASE)


_TAKEN_FROM = re.compile(r"\s*,?\s*from\s+(?:the\s+)?", re.IGNORECASE)
_RULE_AFTER = re.compile(r"(?:['’]s?)?\s+(?:control|rule|occupation|hands)\b", re.IGNORECASE)


def actor_for(text: str, start: int, end: int, trigger: Trigger, governed: Governed, matches: Sequence[ActorMatch],
              actors: Actors) -> tuple[tuple[str, ...], bool]:
    """The actors of a trigger (two when joined subjects act together) and whether the sentence names them."""
    clause_start, clause_end = clause(text, start)
    inside = [m for m in matches if m.start >= clause_start and m.end <= clause_end]
    before = _outside_asides(text, [m for m in inside if m.end <= start and not _backer(text, clause_start, m)
                                    and not _said_aside(text, m) and not _HELPED.search(text, clause_start, m.start)], start)
    after = [m for m in inside if m.start >= end]
    last_place = max((p.end for p in governed.places), default=end)
    within = [m for m in matches if m.start >= start and m.end <= end]
    if within and (trigger.sign or re.search(r"\b(?:hands|control)\b", text[start:end], re.IGNORECASE)):
        return (within[0].actor,), True  # "fell into rebel hands", "under Houthi control", "the Houthi flag"
    if trigger.sign and (state := _flag_side(text[start:end], actors)):
        return (state,), True  # "the Ukrainian flag was raised over"
    if governed.relative is not None:
        a, b = governed.relative
        subject = [m for m in matches if m.start >= a and m.end <= b]
        return ((subject[-1].actor,), True) if subject else ((), False)
    if trigger.actor in ("hyphen", "owner"):
        owner = [m for m in matches if m.end <= start and not text[m.end:start].strip(" 's’")]
        if owner:
            return (owner[-1].actor,), True
        words = re.search(r"(?:[\w'’]+\s+){0,3}[\w'’]+['’]?s?\s*$", text[:start])  # "Houthi-held", "the rebels' stronghold"
        if words:
            found = [m for m in actors.find(words.group(0)) if not words.group(0)[m.end:].strip(" 's’")]
            if found:
                return (found[-1].actor,), True
            if state := actors.of_adjective(words.group(0).split()[-1]):
                return (state,), True
        return (), False
    if trigger.actor == "any":  # "a battle between A and B": the sides named after the words
        return fight_sides(text, after if trigger.gap == "between" else inside, actors)
    if governed.passive or (trigger.actor == "after" and not trigger.object):
        # "fell into the hands of the Taliban": the actor right after the words; not after "the fall of Kabul", whose
        # "of" opens the place ("... leaves the government with little")
        linked = trigger.actor == "after" and last_place <= end and re.search(r"\b(?:to|of)$", text[start:end].casefold())
        links = "by" if trigger.object == "receiver" else "to|by"  # "was handed to the Taliban": the receiver, not the actor
        cursor = max(end, last_place)
        for match in after:
            between = text[cursor:match.start].casefold()
            if match.start >= last_place and not linked and _TAKEN_FROM.fullmatch(between):
                # "Sinjar was freed from Islamic State control by Kurdish forces": past the side it was taken from
                cursor = rule.end() if (rule := _RULE_AFTER.match(text, match.end)) else match.end
                continue
            if match.start >= last_place and re.fullmatch(
                    r"\s*,?\s*(?:(?P<link>to|by)\s+)?(?:the\s+)?(?:(?:[\w'’-]+|\d+)\s+){0,4}?", between):
                if linked or re.match(rf"\s*,?\s*(?:(?:[\w'’-]+\s+){{0,3}}?)(?:{links})\s", between):
                    return (match.actor,), True
            break
        return (), False
    if trigger.object == "actor":  # "the withdrawal of government troops from X"
        a, b = governed.between
        split = object_split(text[a:b])
        inside_object = [m for m in matches if m.start >= a and split is not None and m.end <= a + split]
        return ((inside_object[0].actor,), True) if inside_object else ((), False)
    if trigger.actor == "possessive":
        if before and re.fullmatch(r"(?:['’]s?)?\s*", text[before[-1].end:start]):
            return (before[-1].actor,), True
        by = [m for m in after if re.search(r"\bby\s+(?:the\s+)?$", text[:m.start].casefold())]
        if by:
            return (by[0].actor,), True
        return ((before[-1].actor,), True) if before else ((), False)
    if before and _OWN_SUBJECT.search(text, before[-1].end, start):
        return (), False  # "Croatian forces entered Knin after rebel Serb forces fled": not the side that entered
    if before:
        owner = re.match(r"\s*,?\s*whose\b", text[clause_start:start], re.IGNORECASE)
        if owner and actors.is_generic_form(text[before[0].start:before[0].end]):
            # "a pro-government militia whose fighters fled": the militia's side
            antecedent = [m for m in matches if m.end <= clause_start and not text[m.end:clause_start].strip(" ,")]
            if antecedent:
                return (antecedent[-1].actor,), True
        shared = _SHARED_SUBJECT.search(text, clause_start, start) or (
            _PARTICIPLE_AFTER.search(text, clause_start, start) and text[start:end].split()[0].casefold().endswith("ing"))
        if len(before) > 1 and shared and not _OPENS_JOINED.match(text, clause_start, before[0].start):
            # "Militants overran an army outpost, killing 12 soldiers, and briefly occupied the town": the verb after
            # "and" shares the clause's subject, not the nouns of the verbs between
            return _joined(text, before[:1], actors), True
        return _joined(text, before, actors), True
    by = [m for m in after if m.start >= last_place and re.search(r"\bby\s+(?:the\s+)?$", text[:m.start].casefold())]
    if by:  # "the siege of Kobani by ..."
        return (by[0].actor,), True
    if _PRONOUN_CLAUSE.fullmatch(text, clause_start, start) and (main := [m for m in matches if m.end <= clause_start]):
        return (main[0].actor,), True  # "Rebels had held Aleppo since 2012, when they swept into the city": the rebels
    if re.match(r"\s*(?:who|which|that)\b", text[clause_start:start].lstrip(", "), re.IGNORECASE):
        # "militants who have seized": the actor stands just before the relative pronoun.
        antecedent = [m for m in matches if m.end <= clause_start and not text[m.end:clause_start].strip(" ,")]
        if antecedent:
            return (antecedent[-1].actor,), True
    return (), False


def speaker_of(text: str, start: int, end: int, matches: Sequence[ActorMatch], earlier: str = "") -> str:
    """The side that reports a take whose words name no taker: a side tells its own gains.

    "The RSF said in a statement that Nyala had been liberated", "'Nyala is now liberated,' the RSF said": the
    RSF; "'... is now declared liberated,' it said": ``earlier``, the side that spoke last before the sentence.
    """
    speech = _speech_subject()
    said = [m for m in matches if m.end <= start and speech.match(text, _past_acronym(text, m.end))
            and not re.search(r"[”\"]", text[m.end:start])]
    if said:
        return said[-1].actor
    quote = _CLOSING_QUOTE.match(text, end)
    if quote is None:
        return ""
    after = quote.end()
    follow = next((m for m in matches if m.start >= after), None)
    if follow is not None and text[after:follow.start].strip().casefold() in ("", "the"):
        return follow.actor if speech.match(text, _past_acronym(text, follow.end)) else ""
    return earlier if _PRONOUN_SAID.match(text, after) else ""


def last_speaker(text: str, matches: Sequence[ActorMatch], before: str = "") -> str:
    """The side that speaks last in ``text`` ("The MNDAA said it had taken Lashio"), else ``before``."""
    speech = _speech_subject()
    said = [m for m in matches if speech.match(text, _past_acronym(text, m.end))]
    return said[-1].actor if said else before


def _past_acronym(text: str, at: int) -> int:
    """Past a bracketed acronym after a name: "the Arakan Army (AA) said"."""
    bracket = _ACRONYM.match(text, at)
    return bracket.end() if bracket else at


_CLOSING_QUOTE = re.compile(r"[^“”\"]{0,120}?[,.!?]?[”\"]\s*,?\s*")
_PRONOUN_SAID = re.compile(r"(?:it|they|the\s+group)\s+(?:said|says|added|announced|claimed)\b", re.IGNORECASE)
_ACRONYM = re.compile(r"\s*\([A-Z][\w-]{1,11}\)")


def loser_for(text: str, governed: Governed, matches: Sequence[ActorMatch]) -> str:
    """The side an expel trigger drives out: the actor between the words and "from"."""
    a, b = governed.between
    split = object_split(text[a:b])
    if split is None:
        return ""
    inside = [m for m in matches if m.start >= a and m.end <= a + split]
    return inside[0].actor if inside else ""


def by_actor(text: str, governed: Governed, matches: Sequence[ActorMatch], link: str = "by") -> str:
    """The side after the place and ``link``: the agent of "were driven out of X by the army", the receiver
    of "handed X to the Taliban" (``link`` "to")."""
    last = max((p.end for p in governed.places), default=None)
    if last is None:
        return ""
    for match in (m for m in matches if m.start >= last):
        if re.fullmatch(rf"\s*,?\s*(?:\w+\s+){{0,3}}?{link}\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,2}}?", text[last:match.start],
                        re.IGNORECASE):
            return match.actor
        return ""
    return ""


def fight_sides(text: str, inside: Sequence[ActorMatch], actors: Actors) -> tuple[tuple[str, ...], bool]:
    """The sides a fight names, in the order the text names them; a side only reporting it is none."""
    speech = _speech_subject()
    sides = tuple(dict.fromkeys(m.actor for m in inside if not speech.match(text, m.end)))
    return sides, bool(sides)


def kind_of(trigger: Trigger, actor: str, actors: Actors, partial: bool = False, done: bool = False,
            where: str = "") -> EventKind:
    """ACLED's reading: whoever's verb it was, a state force or its ally regains, anyone else captures.

    A take of only part of a place ("seized parts of Douma") is a fight for it;
    an operation to take a place that is over ("done") is a take. Where the
    place's country (``where``) is known, a state's forces or their allies
    regain only in their own country: Israeli troops capture Rafah, Russian
    forces retake Sudzha.
    """
    if trigger.cls == "control" and partial:
        return EventKind.CONTESTED  # "controls only parts of X": nobody holds it whole
    if trigger.cls in _KINDS and not done:
        return _KINDS[trigger.cls]
    if partial:
        return EventKind.CONTESTED
    home = actors.home(actor) or actors.home(actors.ally(actor))
    if where and home:
        return EventKind.RECAPTURED if home == where else EventKind.CAPTURED
    state_side = actors.role(actor) == "state" or bool(actors.ally(actor))
    return EventKind.RECAPTURED if state_side else EventKind.CAPTURED


@cache
def _speech_subject() -> re.Pattern:
    words = "|".join(lexicon()["cues"]["speech_subject"])
    return re.compile(rf"\s+(?:has\s+|have\s+|had\s+)?(?:also\s+)?(?:{words})\b", re.IGNORECASE)


def _backer(text: str, clause_start: int, match: ActorMatch) -> bool:
    """Whether ``match`` only backs the subject: "backed by U.S. air strikes", "with the help of Turkish drones"."""
    return bool(_BACKERS.search(text[max(clause_start, match.start - 60):match.start]))


_OPENS_JOINED = re.compile(r"[\s,\"“]*(?:and|but)\b", re.IGNORECASE)  # the clause is itself the second of two
_SHARED_SUBJECT = re.compile(r",?\s+and\s+(?:(?:then|later|also|briefly|quickly|eventually|finally|soon)\s+)?$", re.IGNORECASE)
# "... before withdrawing", "drove the militants out of Palmyra, retaking the city": the subject's deed too
# a clause of time whose subject is a pronoun: the subject of the clause it explains
_PRONOUN_CLAUSE = re.compile(r"[\s,]*(?:when|after|as|before|until|once|because|while)\s+(?:they|it|he|she)\s+"
                             r"(?:(?:had|have|has|were|was|then|also|later|eventually|finally|quickly)\s+)*", re.IGNORECASE)
# a clause of time or cause with a subject of its own that names no side: "... after the occupiers fled"
_OWN_SUBJECT = re.compile(r"\b(?:after|before|when|as|while|until|once|because)\s+(?!(?:they|it|he|she|we|them|being|having)\b)"
                          r"(?:(?:the|their|its|some|most|many)\s+)?(?:[\w'’-]+\s+){1,4}?"
                          r"(?:(?:had|have|has|were|was|also|finally|reportedly|hastily)\s+)*$", re.IGNORECASE)
_PARTICIPLE_AFTER = re.compile(r"\s+(?:before|after|while)\s+$|,\s+(?:(?:thereby|effectively|finally|thus)\s+)?$", re.IGNORECASE)


def _said_aside(text: str, match: ActorMatch) -> bool:
    """ "..., killing 12 soldiers, the army said, and occupied the town": a source between commas is no subject."""
    return bool(_SAID_AFTER.match(text, match.end)) and text[:match.start].rstrip().endswith(",")


_SAID_AFTER = re.compile(r"\s+(?:said|says|reported|added|claimed|told\s+\w+)\s*,")
_ALLIES = re.compile(r"(?:its|their|his|her)\s+allies|allied\s+[\w-]+", re.IGNORECASE)
_ALLIES_AFTER = re.compile(r"\s+allies\b", re.IGNORECASE)  # "Turkish troops and their Syrian rebel allies"
# An actor a participle or purpose phrase names beside the subject: "South African troops sent to help
# Bozize's army pulled back" (the troops pulled back), "rebels fighting against the army".
_HELPED = re.compile(r"\b(?:to\s+(?:help|support|back|assist|aid|reinforce|protect|defend|fight|relieve)|against)\s+"
                     r"(?:the\s+)?$", re.IGNORECASE)
_ALLIED_BEFORE = re.compile(r"(?<![\w-])allied\s+$", re.IGNORECASE)  # "Houthi fighters and allied army units": the Houthis'


def _outside_asides(text: str, before: list[ActorMatch], start: int) -> list[ActorMatch]:
    """The actors before a verb less those named in an aside between commas after its subject.

    "Chadian forces, fighting in a regional coalition, drove ...": the coalition is
    no subject; "Iraqi troops, and later Kurdish fighters, took ...": both are.
    """
    kept = before[:1]
    for match in before[1:]:
        opening = text.rfind(",", kept[-1].end, match.start)
        if opening < 0 or "," not in text[match.end:start] or not _ASIDE_OPENS.match(text, opening + 1):
            kept.append(match)
    return kept


# An aside opens with a word in lower case that neither joins a list nor starts a noun ("fighting in", "part of");
# ", the federal police, ..." is a list of subjects.
_ASIDE_OPENS = re.compile(r"\s*(?!(?:and|or|as|together|along|the|a|an|its|their|his|her|some|other)\b)[a-z]")


def _joined(text: str, before: Sequence[ActorMatch], actors: Actors) -> tuple[str, ...]:
    """The subject before a verb, with a side joined to it ("Iraqi troops and Kurdish fighters"); an ally joined to its state is the state's."""
    chosen = [before[-1]]
    for match in reversed(before[:-1]):
        if not _JOIN.fullmatch(text[match.end:chosen[0].start]):
            break
        chosen.insert(0, match)
    if len(chosen) > 1:  # "the Syrian army and its allies": the allies are the army's side
        chosen = [m for m in chosen if not (_ALLIES.fullmatch(text[m.start:m.end]) or _ALLIES_AFTER.match(text, m.end)
                                            or _ALLIED_BEFORE.search(text[max(0, m.start - 12):m.start]))] or chosen
    names = list(dict.fromkeys(m.actor for m in chosen))
    states = {name for name in names if actors.role(name) == "state"}
    names = [name for name in names if actors.ally(name) not in states]
    return tuple(names)


def _flag_side(words: str, actors: Actors) -> str:
    """The side whose flag the words raise: "the Ukrainian flag" -> the Ukrainian state's forces."""
    for word in re.findall(r"[\w'’-]+", words):
        if state := actors.of_adjective(word):
            return state
    return ""
