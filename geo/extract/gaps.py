"""Gaps: whether the words between a trigger and a place let the trigger govern the place, wholly or in part.

By the gap rules of ``geo/lexicon/events.toml``: :func:`gap_verdict` reads the
words after a trigger ("seized the town of" governs, "seized a village near"
does not, "seized parts of" governs part), :func:`object_verdict` those after
an object ("pushed the militants out of"), :func:`owned` what follows the place
("Aleppo's airport" is not Aleppo), and :func:`pre_gap_allows` the words
between a place and a trigger after it ("Sirte has fallen").
"""

from __future__ import annotations

import re
from functools import cache

from geo.extract.triggers import lexicon, patterns
from geo.lexicon import alternation as _alt

__all__ = ["BLOCKED", "PARTIAL", "WHOLE", "gap_verdict", "object_split", "object_verdict", "owned", "pre_gap_allows"]

BLOCKED, WHOLE, PARTIAL = 0, 1, 2  # the trigger governs the place: not, wholly, in part
_NAMING_PARTS = frozenset({"including", "namely", "such", "among"})


def gap_verdict(gap: str, rule: str) -> int:
    """Whether the words between a trigger and a place let it govern the place: wholly, partly or not."""
    words = lexicon()["words"]
    spec = lexicon()["gaps"][rule]
    folded = gap.casefold()
    tokens = re.findall(r"[\w'’%-]+|[;:—–()\[\]\"“”]", folded)
    if len(tokens) > spec["max_words"] or re.search(r"[;:—–()\[\]\"“”]|\.\s", folded):
        return BLOCKED
    if rule == "loose":
        return WHOLE
    # A block word counts where it governs the place: after the last comma
    # ("large parts of the north, including the city of X" is allowed).
    last = folded.rsplit(",", 1)[-1]
    if (whole := patterns()["whole_of"].search(last)) is not None:
        last = last[:whole.start()]  # "the district centre of Vovchansk": the town itself
    tail = re.findall(r"[\w'’%-]+", last)
    block, partial = set(spec["block"]), set(words["partial"])
    parts = [i for i, token in enumerate(tail) if token in partial]
    verdict = WHOLE
    if parts and re.search(r"\b(?:province|region|governorate|oblast|state)\s+of\s*$", folded):
        return BLOCKED  # "a district in the province of X": X is the province, not a town of it
    if parts and any(word in ("all", "every", "whole", "entire") for word in tail[:parts[0]]):
        parts = []  # "all parts of the town": the whole of it
    if parts and _NAMING_PARTS.intersection(tail[parts[-1] + 1:]):
        parts = []  # "held a handful of districts including X": X is one of them, held whole
    if parts and rule != "fight":
        links = set(words["partial_links"])
        # "parts of", "positions in the centre of": a link word after a partial noun is no block
        tail = [t for i, t in enumerate(tail) if not (t in links and i > parts[0])]
        verdict = PARTIAL
    if re.search(r"\b(?:villages|towns|cities)\s+of\s*$", folded):  # "the villages of X, Y and Z": a list of names
        tail = tail[:-2]
    if any(token in block for token in tail):
        return BLOCKED
    clause_words = set(words["gap_clause"]) | set(words["clause"])
    if any(token in clause_words for token in tokens) or patterns()["gap_clause"].search(folded):
        return BLOCKED
    if patterns()["direction_of"].search(folded):
        return BLOCKED
    if verdict == WHOLE and patterns()["indefinite_place"].search(folded):
        return BLOCKED
    return verdict


def object_split(gap: str) -> int | None:
    """Where the object of an expel or withdrawal-of trigger ends in ``gap`` ("the militants| from"), or None."""
    match = _object_pattern().match(gap)
    return match.end("object") if match else None


def object_verdict(gap: str) -> int:
    match = _object_pattern().match(gap)
    if match is None:
        return BLOCKED
    rest = gap[match.end():]
    return gap_verdict(rest, "strict") if rest.strip() else WHOLE


def owned(text: str, end: int) -> int:
    """What follows a place: "Aleppo's airport" is not Aleppo; "Aleppo's eastern districts" and "Homs neighbourhoods" are part of it."""
    after = text[end:end + 60].casefold()
    if re.match(r"['’]s?\s", after):
        return PARTIAL if _small()["owned_part"].match(after) else BLOCKED
    if re.match(r"\s+(?:neighbourhoods|neighborhoods|districts|suburbs|quarters|outskirts|heights|hills|ridges|villages|"
                r"positions|outposts|checkpoints)\b", after):
        return PARTIAL  # "regained control of Karabakh heights": of heights there, not of all Karabakh
    if _small()["facility_after"].match(after):
        return PARTIAL  # "retook Omdurman radio station": a site there
    if re.match(r"\s+(?:countryside|province|region|governorate|oblast|area|areas|front|direction|axis|sector)\b", after):
        return BLOCKED  # "the Damascus countryside", "the Izyum area": a region named after the place
    return WHOLE


def pre_gap_allows(gap: str, adjacent: bool) -> bool:
    """Whether the words between a place and a trigger after it let the trigger be said of it ("Sirte has fallen")."""
    if adjacent:
        return not gap.strip()
    gap = re.sub(r"^\s*,[^,;]{1,60},", " ", gap)  # an apposition: "Sirte, a coastal city, fell", "Falluja, 50 km (30 miles) ..."
    if re.search(r"[—–:;()\[\]\"“”]|\s-\s", gap):
        return False
    if _small()["row_of_deeds"].fullmatch(gap):
        return True  # "Kunduz became the first provincial capital to fall"
    allowed = set(lexicon()["words"]["between_place_and_trigger"])
    return all(word in allowed for word in re.findall(r"[\w'’-]+|,", gap.casefold()))


@cache
def _small() -> dict[str, re.Pattern]:
    words = lexicon()["words"]
    return {
        "row_of_deeds": re.compile(rf"\s*,?\s+(?:{_alt(words['row_of_deeds'])})\s+(?:{_alt(words['ordinals'])})\s+(?:[\w'’-]+\s+){{0,2}}?"
                                   rf"(?:{_alt(words['place_nouns'] + ['capital'])})s?\s+to\s+", re.IGNORECASE),
        "facility_after": re.compile(rf"\s+(?:{_alt(words['facility_after'])})\b"),
        "owned_part": re.compile(rf"['’]s?\s+(?:[\w-]+\s+){{0,2}}?(?:{_alt(words['partial'])})\b"),
    }


@cache
def _object_pattern() -> re.Pattern:
    return re.compile(r"\s*(?P<object>[^;:—–()\"“”]{1,80}?)\s+(?:from|out\s+of|outside(?:\s+of)?)(?=\s|$)", re.IGNORECASE)
