"""The words of distance claims compiled into patterns, once per process.

:func:`claim_patterns` reads ``geo/lexicon/distances.toml`` (units, hedges,
number words, directions, relations, travel modes, the cues of things that
are not claims) and builds the regular expressions and tables the parser in
:mod:`geo.extract.distances` uses.

>>> claim_patterns().directions["north-west"], fold("  North  West ")
('NW', 'north west')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from geo.lexicon import alternation as _alternation, load as load_lexicon

__all__ = ["LETTERS", "NUMBER", "ClaimPatterns", "bounded", "claim_patterns", "fold"]

LETTERS = re.compile(r"[^\W\d_]+")
NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


def bounded(words) -> str:
    """``words`` as a group that starts and ends at word edges where a word character stands."""
    return rf"(?<![\w'’])(?:{_alternation(words)})(?![\w'’])"


@dataclass(frozen=True, slots=True)
class ClaimPatterns:
    """The compiled patterns and tables of the lexicon, built once."""

    needles: dict[str, frozenset[str]]
    measure: re.Pattern
    travel: re.Pattern
    bare: re.Pattern
    direction_only: re.Pattern
    tail: re.Pattern
    capital: re.Pattern
    prefix: re.Pattern
    not_before: re.Pattern
    not_before_reach: int
    not_after: re.Pattern
    coreference: re.Pattern
    unnamed: re.Pattern
    breaks: re.Pattern
    units: dict
    directions: dict
    numbers: dict
    vague: dict
    hedges: dict
    time_units: dict
    modes: dict
    minutes_per: dict
    max_gap: int


@cache
def claim_patterns() -> ClaimPatterns:
    lex = load_lexicon("distances")
    units = {w.casefold(): name for name, entry in lex["units"].items() for w in entry["words"]}
    directions = _direction_words(lex["directions"])
    numbers = {k.casefold(): float(v) for k, v in lex["numbers"].items()}
    vague = {k.casefold(): tuple(float(x) for x in v) for k, v in lex["vague"].items()}
    hedges = {k.casefold(): v for k, v in lex["hedges"].items()}
    travel = lex["travel"]
    modes = {w.casefold(): name for name, entry in travel["modes"].items() for w in entry["words"]}
    time_units = {k.casefold(): v for k, v in travel["time_units"].items()}
    num = rf"(?<![\w.,$€£-])(?:{NUMBER}|{bounded(numbers)})"
    hedge = rf"(?:(?P<hedge>{bounded(hedges)})\s+)?"
    unit = rf"(?P<unit>{_alternation(units)})(?![\w'’])"
    rel = lex["relations"]
    direction = rf"(?:(?:{_alternation(lex['directions']['prefixes'])})\s+)?(?P<dir>{bounded(directions)})"
    measure = (
        rf"{hedge}(?:(?P<vague>{bounded(vague)})|(?:between\s+)?(?P<num>{num})"
        rf"(?:\s*(?:-|–|to|and)\s*(?P<num2>{num}))?)\s*-?\s*{unit}"
        rf"(?:\s*\(\s*(?:{bounded(hedges)}\s+)?(?P<alt>{NUMBER})\s*-?\s*(?P<altunit>{_alternation(units)})\s*\))?"
    )
    travel_re = (
        rf"{hedge}(?:(?P<art>an?)\s+)?(?P<num>{num})?\s*-?\s*(?P<tunit>(?<![\w'’])(?:{_alternation(time_units)})(?!\w))"
        rf"(?:['’]s|s['’]|['’])?\s*-?\s*(?P<mode>{bounded(modes)})"
    )
    tail = (
        rf"(?:\s+away)?\s*,?\s*(?:{direction}\s+(?P<rel>of|from)|(?P<rel2>{_alternation(rel['from'] + rel['of'])}))\s+"
    )
    caps = _alternation(rel["capital"]).replace(r"the\s+capital", r"the\s+(?:(?P<adj>(?-i:[A-Z])[\w'’-]+)\s+)?capital")
    nc = lex["not_claims"]
    sub = lex["subject"]
    # A measure has a unit, a travel time a mode, the rest a direction: a sentence with none has no claim.
    needles = {"measure": _needles(units), "travel": _needles(modes), "direction": _needles(directions)}
    return ClaimPatterns(
        needles={**needles, "any": frozenset().union(*needles.values())},
        measure=re.compile(measure, re.I),
        travel=re.compile(travel_re, re.I),
        bare=re.compile(rf"(?<=,)\s*{hedge}(?P<num>{num})(?=\s+{direction}\s+of\s)", re.I),
        direction_only=re.compile(rf"\s*,?\s*{direction}\s+of\s+", re.I),
        tail=re.compile(tail, re.I),
        capital=re.compile(rf"(?:{caps})(?![\w'’])", re.I),
        prefix=re.compile(rf"(?:{_alternation(rel['reference_prefixes'])})\s+", re.I),
        # Matched backwards, on the reversed text before a claim: one anchored try instead of a scan.
        not_before=re.compile(rf"\s*(?:{_reversed_cue_alternation(nc['before'] + nc['movement'])})", re.I),
        # A cue ends just before the claim: read no further back than the longest cue and some spaces.
        not_before_reach=max(len(cue) for cue in nc["before"] + nc["movement"]) + 40,
        not_after=re.compile(rf"^\s*(?:{_cue_alternation(nc['after'])})(?![\w])", re.I),
        coreference=re.compile(rf"\bthe\s+(?:{_alternation(sub['coreference'])})\b", re.I),
        unnamed=re.compile(
            rf"(?<![\w'’])(?:{_alternation(sub['determiners'])})\s+(?P<noun>[A-Za-z][\w'’-]*)\s*,?"
            rf"(?:\s+(?:{_alternation(sub['skip'])}))*\s*,?\s*$",
            re.I,
        ),
        breaks=re.compile(rf"{bounded(sub['breaks'])}|[;:()\"“”]", re.I),
        units=units,
        directions=directions,
        numbers=numbers,
        vague=vague,
        hedges=hedges,
        time_units=time_units,
        modes=modes,
        minutes_per={k: float(v) for k, v in travel["minutes_per"].items()},
        max_gap=int(sub["max_gap_words"]),
    )


def _needles(words) -> frozenset[str]:
    """The first run of letters of each of ``words``, lower-cased: a match of any of them holds one."""
    found = set()
    for word in words:
        letters = LETTERS.match(word.lower())
        if not letters:
            raise ValueError(f"distances lexicon: {word!r} must begin with a letter")
        found.add(letters.group())
    return frozenset(found)


def _cue_alternation(cues) -> str:
    parts = []
    for cue in sorted(set(cues), key=lambda c: (-len(c), c)):
        body = r"\s+".join(re.escape(p) for p in cue.split())
        parts.append(rf"(?<![\w'’]){body}" if cue[0].isalnum() else body)
    return "|".join(parts)


def _reversed_cue_alternation(cues) -> str:
    """:func:`_cue_alternation` of ``cues`` written backwards, for matching on reversed text."""
    parts = []
    for cue in sorted(set(cues), key=lambda c: (-len(c), c)):
        body = r"\s+".join(re.escape(word[::-1]) for word in reversed(cue.split()))
        parts.append(rf"{body}(?![\w'’])" if cue[0].isalnum() else body)
    return "|".join(parts)


def _direction_words(table: dict) -> dict[str, str]:
    """Spellings of the 16 winds: "north", "north-west", "northwest", "north-northwest"..."""
    names = {v: k for k, v in table["words"].items()}
    out: dict[str, str] = {}

    def spell(abbrev: str) -> list[str]:
        if len(abbrev) == 1:
            return [names[abbrev]]
        if len(abbrev) == 2:
            return [names[abbrev[0]] + sep + names[abbrev[1]] for sep in ("", "-", " ")]
        return [names[abbrev[0]] + sep + rest for sep in ("-", " ") for rest in spell(abbrev[1:])]

    for abbrev in table["order"]:
        for word in spell(abbrev):
            out[word.casefold()] = abbrev
    return out



def fold(words: str) -> str:
    return " ".join(words.split()).casefold()
