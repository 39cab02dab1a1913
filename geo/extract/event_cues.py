"""Cues around a trigger that cancel or qualify the event it would report.

Read by :mod:`geo.extract.events` on each trigger of a sentence: idioms ("took
part in"), hypotheses ("the capture of X would be"), denials told after the
report, sieges lifted or told as lasting, past states, aims completed, attacks
launched for an aim, flags raised by people rather than a side, people who
flee, withdrawals ordered by a side's command. The words live in
``geo/lexicon/events.toml``.
"""

from __future__ import annotations

import re
from functools import cache

from geo.extract.clauses import clause
from geo.extract.triggers import blocked_by_cue, lexicon
from geo.lexicon import alternation as _alt

__all__ = ["clause_after", "completed", "denied_after", "hypothetical", "idioms", "lasting", "launched_attack", "left_behind", "ordered_withdrawal", "past", "person_leaves", "raised_by_civilians", "retreat_subject", "siege_ended", "SIEGE_NOUNS", "then_follows"]


@cache
def idioms() -> re.Pattern:
    return re.compile(rf"(?:{_alt(lexicon()['cues']['idioms'])})(?![\w-])")


def hypothetical(folded: str, end: int, governed) -> bool:
    last = max((p.end for p in governed.places), default=end)
    after = re.sub(r"^[\s,]*(?:[^,]{0,60},\s*)?", "", folded[last:last + 90], count=1)  # "the fall of X, the capital, would"
    return bool(_after_modal().match(after)) or bool(_after_modal().match(folded[last:last + 30].lstrip(" ,")))


def then_follows(folded: str, trigger, governed) -> bool:
    """Whether the words ``trigger`` needs after its place follow the last place it governs."""
    if not governed.places:
        return False
    return bool(_then_pattern(trigger.then).match(folded, max(p.end for p in governed.places)))


@cache
def _then_pattern(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(rf"\s+[\"'“‘]?(?:{_alt(words)})(?![\w-])")  # "declared Marawi 'liberated'": in scare quotes too


def denied_after(folded: str, end: int, governed) -> bool:
    last = max((p.end for p in governed.places), default=end)
    return bool(_denial_after().match(folded, max(end, last)))


def left_behind(folded: str, start: int, end: int, governed) -> bool:
    if not governed.places or folded[start:end].strip() not in lexicon()["cues"]["left_behind"]:
        return False
    return bool(_left_as().match(folded, max(p.end for p in governed.places)))


@cache
def siege_ended() -> re.Pattern:
    return re.compile(rf"\b(?:{_alt(lexicon()['cues']['siege_ended'])})\s+(?:(?!and\s|or\s)[\w'’-]+\s+){{0,3}}?$")


SIEGE_NOUNS = ("siege", "blockade", "encirclement")


@cache
def clause_after() -> re.Pattern:
    return re.compile(rf"\s+({_alt(lexicon()['cues']['clause_after'])})\b")


@cache
def retreat_subject() -> re.Pattern:
    return re.compile(rf"\b(?:{_alt(lexicon()['cues']['retreat_subjects'])})\s+$")


@cache
def _left_as() -> re.Pattern:
    return re.compile(rf"[\s,]+(?:{_alt(lexicon()['cues']['left_as'])})\b")


@cache
def _denial_after() -> re.Pattern:
    words = _alt(lexicon()["cues"]["denied_after"])
    # up to four words of the report's own between ("had fallen to the Taliban were false"), no clause of another's
    return re.compile(rf"[\s,]*(?:(?!(?:who|which|whose|that|and|but|while|as)\b)[\w'’-]+\s+){{0,4}}?"
                      rf"(?:(?:was|were|is|are)|(?:has|have|had)\s+been|proved|proven|turned\s+out\s+to\s+be|"
                      rf"(?:has|have|had)\s+proved)\s+"
                      rf"(?:(?:completely|entirely|totally|also|later|quickly|flatly)\s+)?(?:{words})\b")


@cache
def _after_modal() -> re.Pattern:
    return re.compile(rf"(?:{_alt(lexicon()['cues']['after_modal'])})\b")


def lasting(folded: str, start: int, end: int) -> bool:
    """A siege in the perfect, lasting "since" a time: "has been under siege since", "has been cut off by militants since"."""
    return bool(_lasting_before().search(folded, max(0, start - 30), start)) and \
        _SINCE.search(folded, end, clause(folded, start)[1]) is not None


@cache
def _lasting_before() -> re.Pattern:
    return re.compile(rf"\b(?:{_alt(lexicon()['cues']['lasting'])})\s+(?:\w+\s+)?$")


_SINCE = re.compile(r"\bsince\b")


def past(folded: str, start: int) -> bool:
    cues = lexicon()["cues"]
    window = " " + " ".join(re.findall(r"[\w'’-]+", folded[:start])[-cues["past_window"]:]) + " "
    return any(f" {cue} " in window for cue in cues["past"])


def completed(folded: str, start: int, end: int, governed) -> bool:
    cues = lexicon()["cues"]
    last = max((p.end for p in governed.places), default=end)
    after = folded[last:last + 40]
    before = " " + " ".join(re.findall(r"[\w'’-]+", folded[:start])[-8:]) + " "
    return (bool(_completed_after().match(after))
            or any(f" {cue} " in before for cue in cues["completed_before"]))


@cache
def _completed_after() -> re.Pattern:
    return re.compile(rf"[\s\"”’']*(?:{_alt(lexicon()['cues']['completed'])})\b")


def launched_attack(folded: str, start: int) -> bool:
    """ "launched a major attack on Thursday to recapture X": an attack begun for the aim the words name."""
    cues = lexicon()["cues"]
    window = " " + " ".join(re.findall(r"[\w'’-]+", folded[:start])[-cues["attack_window"] - 1:]) + " "
    if not window.rstrip().endswith(" to"):
        return False
    for launch in cues["launch_words"]:
        at = window.find(f" {launch} ")
        if at >= 0 and any(f" {noun} " in window[at:] or noun in launch.split() for noun in cues["attack_nouns"]):
            return not blocked_by_cue(window[:at], at)
    return False


def raised_by_civilians(text: str, start: int, end: int) -> bool:
    """ "Protesters raised the Ukrainian flag in Kherson", "... was raised in Khan Younis by supporters": the flag's
    raisers, before the words in their clause or after "by", are people, not a side."""
    clause_start, clause_end = clause(text, start)
    people, by_people = _flag_civilians()
    return bool(people.search(text, clause_start, start) or by_people.search(text, end, clause_end))


@cache
def _flag_civilians() -> tuple[re.Pattern, re.Pattern]:
    people = rf"\b(?i:{_alt(lexicon()['cues']['flag_civilians'])})\b"
    return re.compile(people), re.compile(rf"\bby\s+(?:the\s+|its\s+|their\s+)?(?:[\w'’-]+\s+)?{people}", re.IGNORECASE)


def civilians_leave(text: str, start: int, matches) -> bool:
    """ "Insurgents took Palma as hundreds of people, including foreign workers, fled": the subject of the withdrawal
    is people, named after the last side before the words in their clause."""
    clause_start, _ = clause(text, start)
    after_side = max((m.end for m in matches if clause_start <= m.start and m.end <= start), default=clause_start)
    return bool(_civilian_subjects().search(text, after_side, start))


def person_leaves(text: str, start: int) -> bool:
    """ "... and that President Bashar al-Assad had fled", "as Muammar Gaddafi, the deposed leader, fled": a person by
    title is the subject that opens the clause of the withdrawal: a person leaves, no side ("Troops loyal to the
    president fled" is the troops)."""
    return any(p.search(text, max(0, start - 100), start) for p in _person_subject())


@cache
def _person_subject() -> tuple[re.Pattern, re.Pattern]:
    name = r"(?:(?:al|el|bin|ibn|ben|abu)[-\s])?[A-Z][\w'’-]+"
    opens = r"(?:^|[,;:]\s*|(?<![\w'’-])(?:that|and|as|after|when|while|before|since|once|until|but)\s+)"
    titles = lexicon()["cues"]["person_titles"]
    bare = _alt(sorted({t.removeprefix("the ") for t in titles}))
    aux = r"\s+(?:(?:had|has|have|reportedly|already|himself|herself|then)\s+){0,2}$"
    return (re.compile(rf"{opens}(?i:{_alt(titles)})(?:\s+{name}){{0,4}}{aux}"),
            re.compile(rf"{opens}{name}(?:\s+{name}){{0,3}},\s+(?:the\s+|his\s+|its\s+)?(?:[a-z-]+\s+){{0,2}}"
                       rf"(?i:{bare}),{aux}"))


@cache
def _civilian_subjects() -> re.Pattern:
    return re.compile(rf"\b(?i:{_alt(lexicon()['cues']['civilian_subjects'])})\b")


def ordered_withdrawal(folded: str, start: int, end: int) -> bool:
    """ "ordered troops to withdraw from Kherson", "said the troops would be regrouped from Izyum": a withdrawal
    ordered or announced, in a sentence with no condition or deal ("would withdraw if needed"), no cue before the order."""
    order = _order_before().search(folded, max(0, start - 80), start)
    if order is None or _order_hedge().search(folded):
        return False
    return not blocked_by_cue(folded, order.start())


@cache
def _order_before() -> re.Pattern:
    words = r"(?:[\w'’-]+\s+){1,4}?"
    phrases = ("".join(words if word == "*" else re.escape(word) + r"\s+" for word in phrase.split())
               for phrase in lexicon()["cues"]["ordered_withdrawal"])
    return re.compile(rf"(?<![\w-])(?:{'|'.join(phrases)})$")


@cache
def _order_hedge() -> re.Pattern:
    return re.compile(rf"(?<![\w-])(?:{_alt(lexicon()['cues']['order_hedges'])})(?![\w-])")
