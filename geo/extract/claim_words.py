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
    worded: dict[str, re.Pattern]
    number_words: frozenset[str]
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
    alt_or: re.Pattern
    implicit: re.Pattern
    description: re.Pattern
    reference_coreference: re.Pattern
    border: re.Pattern
    line: re.Pattern
    pronoun: re.Pattern
    position_verb: re.Pattern
    coreference_nouns: dict
    of_place_km: float
    country_words: dict
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
    word = bounded(lex["number_words"]["words"])
    words_num = rf"{word}(?:(?:\s+|\s*-\s*)(?:and\s+)?{word})*"
    hedge = rf"(?:(?P<hedge>{bounded(hedges)})\s+)?"
    unit = rf"(?P<unit>{_alternation(units)})(?![\w'’])"
    rel = lex["relations"]
    direction = rf"(?:(?:{_alternation(lex['directions']['prefixes'])})\s+)?(?P<dir>{bounded(directions)})"
    sub = lex["subject"]

    def readers(num: str) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
        """The measure, travel-time and bare-number patterns with ``num`` for a number."""
        measure = (
            rf"{hedge}(?:(?P<vague>{bounded(vague)})|(?:between\s+)?(?P<num>{num})"
            rf"(?:\s*(?:-|–|to|and)\s*(?P<num2>{num}))?)\s*-?\s*{unit}"
            rf"(?:\s*\(\s*(?:{bounded(hedges)}\s+)?(?P<alt>{NUMBER})\s*-?\s*(?P<altunit>{_alternation(units)})\s*\))?"
        )
        travel_re = (
            rf"{hedge}(?:(?P<art>an?)\s+)?(?P<num>{num})?\s*-?\s*(?P<tunit>(?<![\w'’])(?:{_alternation(time_units)})(?!\w))"
            rf"(?:['’]s|s['’]|['’])?\s*-?\s*(?P<mode>{bounded(modes)})"
        )
        # A number with no unit after a comma or a verb of position: "Sinjar, 370 north-west of", "lies 40 north of".
        bare = (
            rf"(?:(?<=,)|(?<![\w'’])(?:{_alternation(sub['position_verbs'])})\s+)\s*{hedge}(?P<num>{num})"
            rf"(?=\s+{direction}\s+of\s)"
        )
        return re.compile(measure, re.I), re.compile(travel_re, re.I), re.compile(bare, re.I)

    # Number words make the patterns several times slower: they are read only in sentences that hold one.
    plain = readers(rf"(?<![\w.,$€£-])(?:{NUMBER}|{bounded(numbers)})")
    worded = readers(rf"(?<![\w.,$€£-])(?:{NUMBER}|{bounded(numbers)}|{words_num})")
    tail = (
        rf"(?:\s*,?\s+(?:{_alternation(rel['fillers'])})\s*,?)?\s*,?\s*(?:{direction}\s+(?P<rel>of|from)|(?P<rel2>{_alternation(rel['from'] + rel['of'])}))\s+"
    )
    countries = _country_words()
    country = rf"(?<![\w'’])(?:{_alternation(countries)})(?!\w)"
    borders = lex["borders"]
    border = (
        rf"(?:the\s+)?(?:(?P<c1>{country})(?:['’]s)?\s*(?:[-–/]\s*(?P<c2>{country})\s*)?\s+)?"
        rf"(?P<noun>{bounded(borders['nouns'])})"
        rf"(?:\s+(?:with|between|of)\s+(?:the\s+)?(?P<c3>{country})(?:\s+and\s+(?:the\s+)?(?P<c4>{country}))?)?"
        rf"(?!\s*-?\s*(?:{_alternation(borders['not_after'])})(?![\w'’]))"
    )
    heads = bounded(rel["heads"])
    held = rf"[\w'’]+-(?:{_alternation(rel['held'])})\s+"
    stop = bounded(rel["not_in_descriptions"])
    description = (
        rf"(?:the|a|an)\s+(?:{held}|(?!{stop})(?:(?-i:[a-z])[\w-]*|(?-i:[A-Z])[a-z][\w-]*|[\w-]+['’]s)\s+){{0,3}}{heads}"
        rf"(?:\s+city)?(?:\s+of|\s*,)?\s+"
    )
    corefs = {k.casefold(): v for k, v in rel["coreference"].items() if isinstance(v, dict) and "kinds" in v}
    caps = _alternation(rel["capital"]).replace(r"the\s+capital", r"the\s+(?:(?P<adj>(?-i:[A-Z])[\w'’-]+)\s+)?capital")
    nc = lex["not_claims"]
    # A measure has a unit, a travel time a mode, the rest a direction: a sentence with none has no claim.
    needles = {"measure": _needles(units), "travel": _needles(modes), "direction": _needles(directions)}
    number_words = _needles(lex["number_words"]["words"])
    return ClaimPatterns(
        needles={**needles, "any": frozenset().union(*needles.values())},
        measure=plain[0],
        travel=plain[1],
        bare=plain[2],
        worded=dict(zip(("measure", "travel", "bare"), worded)),
        number_words=number_words,
        direction_only=re.compile(rf"\s*,?\s*{direction}\s+of\s+", re.I),
        tail=re.compile(tail, re.I),
        capital=re.compile(rf"(?:{caps})(?:\s+city)?(?![\w'’])", re.I),
        prefix=re.compile(rf"(?:(?:the\s+)?{held}|(?:{_alternation(rel['reference_prefixes'])})\s+)", re.I),
        # Matched backwards, on the reversed text before a claim: one anchored try instead of a scan.
        not_before=re.compile(rf"\s*(?:{_reversed_cue_alternation(nc['before'] + nc['movement'])})", re.I),
        # A cue ends just before the claim: read no further back than the longest cue and some spaces.
        not_before_reach=max(len(cue) for cue in nc["before"] + nc["movement"]) + 40,
        not_after=re.compile(rf"^\s*(?:{_cue_alternation(nc['after'])})(?![\w])", re.I),
        # "the town", "the large town", "The strategic city": up to two lower-case words between.
        coreference=re.compile(
            rf"\bthe\s+(?:(?-i:[a-z])[\w-]*\s+){{0,2}}?(?:{_alternation(sub['coreference'])})\b", re.I),
        unnamed=re.compile(
            rf"(?<![\w'’])(?:{_alternation(sub['determiners'])})\s+(?P<noun>(?!{bounded(sub['not_things'])})(?-i:[a-z])[\w'’-]*)\s*,?"
            rf"(?:\s+(?:{_alternation(sub['skip'])}))*\s*,?\s*$",
            re.I,
        ),
        breaks=re.compile(rf"{bounded(sub['breaks'])}|[;:()\"“”]", re.I),
        alt_or=re.compile(
            rf"\s*,\s*or\s+(?:{bounded(hedges)}\s+)?(?P<alt>{NUMBER})\s*-?\s*(?P<altunit>{_alternation(units)})(?![\w'’])\s*,?",
            re.I),
        implicit=re.compile(
            rf"\s*,?\s*(?:(?P<away>away)|to\s+the\s+(?P<dir>{bounded(directions)})|(?P<further>further|farther)\s+(?:to\s+the\s+)?"
            rf"(?P<fdir>{bounded(directions)}))(?![\w'’-])(?!\s+(?:of|from)\b)", re.I),
        description=re.compile(description, re.I),
        reference_coreference=re.compile(rf"the\s+(?P<noun>{bounded(corefs)})", re.I),
        border=re.compile(border, re.I),
        line=re.compile(rf"(?:the\s+)?(?P<line>{bounded(borders['lines'])})", re.I),
        pronoun=re.compile(rf"{bounded(sub['pronouns'])}\s+(?:(?-i:[a-z])\w*\s+){{0,2}}?"
                           rf"(?:{bounded(sub['position_verbs'])})", re.I),
        position_verb=re.compile(rf"\s*,?\s*(?:\w+\s+){{0,1}}?{bounded(sub['position_verbs'])}", re.I),
        coreference_nouns=corefs,
        of_place_km=float(rel["of_place"]["km"]),
        country_words=countries,
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


def _country_words() -> dict[str, str]:
    """Country names (Natural Earth's, with the bundled borders) and demonyms (the places lexicon), casefolded,
    to ISO2 codes."""
    from geo.places.borders import Borders

    words = {name.casefold(): code for code, name in Borders.default().names().items()}
    words.update({k.casefold(): v for k, v in load_lexicon("places")["demonyms"].items()})
    return words


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
