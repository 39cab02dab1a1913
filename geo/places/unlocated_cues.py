"""The cue patterns of unlocated places, built once from the lexicons (see :mod:`geo.places.unlocated`).

The words live in ``geo/lexicon/places.toml`` (``[unlocated]``), the actor
lexicon (names of sides are never places) and the distance lexicon (the words
of a stated distance place the name before them).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import ahocorasick

from geo.lexicon import alternation, load as load_lexicon
from geo.places.names import normalise
from geo.records import PlaceKind

__all__ = ["UPPER_WORD", "Cues", "cues", "measured_pattern", "reference_pattern"]

UPPER_WORD = r"(?:[^\W\d_a-z][\w'’]*)"  # a word that starts with a letter not in lower case


@dataclass(frozen=True, slots=True)
class Cues:
    before: re.Pattern  # a settlement noun and "of", or a verb of control, then a name
    after: re.Pattern  # a name, then a settlement noun
    measured: re.Pattern  # a name, then a verb of position and a distance ("X lies 20 km north of")
    measured_from: re.Pattern  # a distance, then the name it is measured from ("20 km south of X")
    not_references: frozenset[str]  # first words of a name measured from that make it no settlement ("Lake", "Highway")
    apposed: re.Pattern  # after a name: ", a village", ", a small border town"
    measure_next: re.Pattern  # a distance a few words on: what an apposition says of where its place lies
    openers: frozenset[str]  # words that open sentences and are no names ("Yesterday, a town ...")
    relative: re.Pattern  # after a name: ", which they captured"
    name_before: re.Pattern  # a name that ends where the pattern is searched up to
    name: str  # the pattern of a place name: capitalised words, joined by particles or hyphens
    nouns: dict[str, PlaceKind]
    particles: frozenset[str]
    not_names: frozenset[str]  # normalised words and phrases that are never such a place
    person_names: frozenset[str]  # given names and surnames: a name holding one after its first word is a person's
    titles: frozenset[str]  # "sheikh", "sidi": a person's title, yet a place name's first word after "the town of"
    plural: frozenset[str]  # the plural nouns ("villages", "neighbourhoods"), which may list several names
    not_after: frozenset[str]  # words after a name that make it an actor or a thing ("Hamas fighters")
    facility_last: re.Pattern  # the last word of a facility's own name ("the Republican Palace")
    follow: re.Pattern  # the next name of a list ("..., Zawiya and Tal Hamis")
    including: re.Pattern  # places a plural noun introduces: "several villages, including Yaroun and Odaisseh"
    introduced: re.Pattern  # the introducing words alone, to skip texts without them
    words: ahocorasick.Automaton  # a literal word every match of a pattern holds -> (length, which patterns)
    numbers: tuple[str, ...]  # how a number in words ends, before a unit ("five km")


@functools.cache
def cues() -> Cues:
    places = load_lexicon("places")
    data = places["unlocated"]
    nouns = {noun: PlaceKind(kind) for kind, words in data["nouns"].items() for noun in words}
    plural = {(f"{noun[:-1]}ies" if noun.endswith("y") else f"{noun}s"): kind for noun, kind in nouns.items()}
    all_nouns = alternation([*nouns, *plural])
    particles = alternation(data["particles"])
    gap = r"[- \t\u00a0\u2010\u2011]"  # within a line: a name never runs across a paragraph
    name = rf"(?<![\w'’])(?:(?:{particles}){gap})?{UPPER_WORD}(?:(?:{gap}+(?:{particles}))*{gap}+{UPPER_WORD})*"
    not_names = {normalise(w) for w in data["not_names"]}
    for section in ("never", "common"):
        not_names |= {normalise(w) for w in places[section]["words"]}
    not_names |= {normalise(w) for w in places["person"]["titles"] + places["person"]["names"]}
    not_names |= {normalise(w) for w in places["person"]["modifiers"]}
    not_names |= {normalise(w) for w in places["demonyms"]}
    for actor in load_lexicon("actors").get("actor", []):
        forms = [form.split() for form in actor["forms"] if "..." not in form]
        not_names |= {normalise(" ".join(words)) for words in forms}
        # the name before a side's plain noun ("Tamil Tiger rebels"): "the Tamil Tiger capital" is no place's name
        not_names |= {normalise(" ".join(words[:-1])) for words in forms if len(words) > 2 and words[-1].islower()}
    noun_cue = rf"(?:[Tt]he\s+)?(?:[a-z-]+\s+){{0,2}}?(?P<noun>{all_nouns})\s+of"
    distances = load_lexicon("distances")
    held = {}  # the first word of each noun, verb and unit the patterns spell out
    for tag, words in (("b", [*nouns, *plural, *data["verbs"]]), ("a", data["after_nouns"]),
                       ("m", [w for entry in distances["units"].values() for w in entry["words"]])):
        for word in words:
            held.setdefault(word.split()[0], set()).add(tag)
    automaton = ahocorasick.Automaton()
    for word, tags in held.items():
        automaton.add_word(word, (len(word), "".join(sorted(tags))))
    automaton.make_automaton()
    return Cues(
        before=re.compile(rf"\b(?P<cue>{noun_cue}|(?P<verb>{alternation(data['verbs'])}))\s+"
                          # "the fall of the Republican Palace": "the" opens a facility's own name
                          rf"(?:(?P<the>the)\s+(?=(?:{UPPER_WORD}[ \t]+){{1,3}}(?:{alternation(data['facility_last'])})\b))?"
                          rf"(?P<name>{name})"),
        after=re.compile(rf"(?P<name>{name})[ \t]+(?P<noun>{alternation(data['after_nouns'])})\b(?![ \t]+of\b)"),
        measured=measured_pattern(name, all_nouns),
        measured_from=reference_pattern(name),
        not_references=frozenset(normalise(w) for w in [*data["not_references"], *places["features"]["words"]]),
        apposed=re.compile(rf",[ \t]+(?P<cue>(?:a|an)[ \t]+(?:[a-z-]+[ \t]+){{0,2}}?(?P<noun>{alternation(nouns)}))\b"
                           # what follows the noun is where it is, or nothing: not "a village elder"
                           rf"(?=[ \t]*(?:[,.;:)]|$)|[ \t]+(?:in|on|of|near|about|some|around|outside|inside|north|south|east|"
                           rf"west|close|just|roughly|nearly|almost|at|that|which|where|with|from|and|along|by|held|controlled)\b)"),
        measure_next=re.compile(rf"[ \t]+(?:[a-z]+[ \t]+){{0,2}}?{_measure(distances, [*distances['number_words']['words'], *distances['numbers']])}"),
        openers=frozenset(normalise(w) for w in [*data["openers"], *load_lexicon("dates")["weekdays"]]),
        relative=re.compile(rf",[ \t]+(?:which|that)[ \t]+(?:[\w'’-]+[ \t]+){{1,3}}?(?P<cue>{alternation(data['relative_verbs'])})\b"),
        name_before=re.compile(rf"(?P<name>{name})$"),
        name=name,
        nouns={**nouns, **plural},
        particles=frozenset(data["particles"]),
        not_names=frozenset(not_names),
        person_names=frozenset(normalise(w) for w in places["person"]["names"]),
        titles=frozenset(normalise(w) for w in data["place_titles"]),
        plural=frozenset(plural),
        not_after=frozenset(normalise(w) for w in data["not_after"]),
        facility_last=re.compile(rf"[ \t](?:{alternation(data['facility_last'])})$"),
        follow=re.compile(rf"(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?P<name>{name})"),
        introduced=re.compile(rf"\b(?:{alternation(data['introducers'])})\s", re.I),
        including=re.compile(rf"\b(?P<noun>{alternation(plural)})\b[^.;:!?\n]{{0,80}}?,?\s+"
                             rf"(?P<intro>{alternation(data['introducers'])})\s+(?P<name>{name})"),
        words=automaton,
        numbers=tuple(w.split()[-1] for w in [*distances["number_words"]["words"], *distances["numbers"]]),
    )


def measured_pattern(name: str, nouns: str = "(?!)") -> re.Pattern:
    """A name that opens a sentence or a clause, then a verb of position and a distance ("X lies 20 km north of"),
    or "is" and a settlement noun (``nouns``, a regex) before it ("X is a small town roughly 25 miles south of"), the
    group ``settled``; or a name and a facility noun right before a distance ("Qasr Bu Hadi base about 20 km"): the
    words of the distance claims (``geo/lexicon/distances.toml``)."""
    lex = load_lexicon("distances")
    verbs = alternation(lex["subject"]["position_verbs"])
    number = _measure(lex, [*lex["number_words"]["words"], *lex["numbers"]])
    opening = r"(?:^|(?<=[.!?;:]\s)|(?<=\n)|(?<=,\s))[\"“‘']?"
    facility = rf"[ \t]+(?i:{alternation(lex['subject']['facility_nouns'])})(?![\w'’])"
    settled = rf"(?P<settled>(?:a|an)\s+(?:[a-z-]+\s+){{0,2}}?(?P<snoun>{nouns})\s+(?:(?:that|which)\s+(?:{verbs})\s+)?)"
    return re.compile(
        rf"{opening}(?P<name>{name})\s+(?P<cue>(?:{verbs})\s+(?:(?:located|situated)\s+)?{settled}?(?:[a-z]+\s+){{0,2}}?{number})"
        rf"|(?P<fname>{name}{facility})[ \t]*,?\s+(?P<fcue>(?:[a-z]+\s+){{0,2}}?{number})", re.M)


def reference_pattern(name: str) -> re.Pattern:
    """A distance, then a direction and "of", or "from", then a name: "about 20km south of Robotyne", "30 km from
    Bunagana" (the words of ``geo/lexicon/distances.toml``)."""
    lex = load_lexicon("distances")
    words = lex["number_words"]["words"]  # "a", "half a" and the like measure nothing a name follows
    # tried only where a figure or a number word starts: the pattern is run over every clause holding a unit
    number = rf"(?<![\w'’.,])(?=\d|(?:{alternation(words)})\b)" + _measure(lex, words)
    compass = alternation(lex["directions"]["words"])
    direction = rf"(?:(?:{compass})(?:[\s-]?(?:{compass}))?(?:ern)?)"
    relation = alternation(lex["relations"]["from"])
    return re.compile(rf"(?P<cue>(?i:{number}\s+(?:\(\s*[^()]{{1,30}}\)\s+)?(?:(?:due\s+)?{direction}\s+of|{relation})))\s+"
                      rf"(?P<name>{name})")


def _measure(lex: dict, words) -> str:
    """A figure or a run of number ``words``, then a length unit of the distance lexicon: "20 km", "twenty-five miles"."""
    units = alternation(w for entry in lex["units"].values() for w in entry["words"])
    word = alternation(words)
    return rf"(?:\d[\d,.]*|(?:{word})(?:[\s-]+(?:and\s+)?(?:{word}))*)\s*-?\s*(?:{units})(?![\w'’])"
