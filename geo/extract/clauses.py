"""Clauses: which named places a trigger governs, and where its clause begins and ends.

:func:`spots` lists a sentence's named places, with "the town" read as the
place just named; :func:`places_for` picks those a trigger governs by the
gap rules of ``geo/lexicon/events.toml``; :func:`clause` cuts a sentence at
relative pronouns, contrast words, semicolons and dashes, so an actor or date
beyond the cut belongs to another verb.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from geo.extract.triggers import coordination_pattern, lexicon, patterns
from geo.records import Article, Mention, Place, PlaceKind, Sentence

__all__ = ["Spot", "clause", "clause_cuts", "coordinated", "find_antecedent", "dominant_country", "gap_allows", "other_trigger",
           "places_for", "pre_gap_allows", "sentence_spots"]

_NOT_PLACES = (PlaceKind.COUNTRY, PlaceKind.RIVER)


@dataclass(frozen=True)
class Spot:
    """A place named in a sentence: a mention, or "the town" resolved to one."""

    start: int
    end: int
    place: Place
    coreferent: bool = False


def places_for(text, start, end, trigger, passive, spots, triggers) -> tuple[Spot, ...]:
    """The named places a trigger governs: the first allowed one on its side, and those coordinated with it."""
    before = trigger.place in ("before", "both") or passive
    after = trigger.place in ("after", "both") and not passive
    if after:
        for spot in (s for s in spots if s.start >= end):
            owned = re.match(r"['’]s?\s", text[spot.end:])  # "seized Aleppo's airport": not Aleppo
            if not owned and gap_allows(text[end:spot.start], trigger.gap) and not other_trigger(triggers, end, spot.start):
                return coordinated(text, spot, spots)
            break
    if before:
        for spot in (s for s in reversed(spots) if s.end <= start):
            gap = text[spot.end:start]
            if (trigger.possessive and re.fullmatch(r"['’]s?\s+", gap)) or pre_gap_allows(gap, trigger.adjacent):
                return (spot,)
            break
    return ()


def coordinated(text: str, first: Spot, spots: Sequence[Spot]) -> tuple[Spot, ...]:
    joined, last = [first], first
    pattern = coordination_pattern()
    for spot in (s for s in spots if s.start >= first.end):
        if pattern.fullmatch(text[last.end:spot.start]):
            joined.append(spot)
            last = spot
        else:
            break
    return tuple(joined)


def gap_allows(gap: str, rule: str) -> bool:
    words = lexicon()["words"]
    spec = lexicon()["gaps"][rule]
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
    if any(token in clause for token in tokens) or patterns()["gap_clause"].search(folded):
        return False
    if patterns()["direction_of"].search(folded):
        return False
    return not patterns()["indefinite_place"].search(folded)


def pre_gap_allows(gap: str, adjacent: bool) -> bool:
    if adjacent:
        return not gap.strip()
    gap = re.sub(r"^\s*,[^,;]{1,60},", " ", gap)  # an apposition: "Sirte, a coastal city, fell"
    allowed = set(lexicon()["words"]["between_place_and_trigger"])
    return all(word in allowed for word in re.findall(r"[\w'’-]+|,", gap.casefold()))


def other_trigger(triggers, start: int, end: int) -> bool:
    return any(start <= a and b <= end for a, b, _ in triggers)


def clause(text: str, position: int) -> tuple[int, int]:
    """The clause around ``position``: cut at relative pronouns and contrast words after a comma, and at ; or dashes."""
    found = clause_cuts(text)
    start = max((a for a, b in found if b <= position), default=0)
    end = min((a for a, _ in found if a >= position), default=len(text))
    return start, end


@lru_cache(maxsize=256)  # each trigger of a sentence asks for its clause, for its actor and its date
def clause_cuts(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(m.span() for m in patterns()["clause_cut"].finditer(text))


def sentence_spots(article: Article, sentence: Sentence, own: Sequence[Mention], located: Sequence[Mention]) -> list[Spot]:
    """Named places of a sentence (offsets relative to it), with "the town" resolved to the place just named.

    ``own`` are the sentence's mentions, ``located`` all of the article's, sorted by start.
    """
    spots = [Spot(m.start - sentence.start, m.end - sentence.start, m.place) for m in own if m.place.kind not in _NOT_PLACES]
    nouns = lexicon()["coreference"]
    for match in patterns()["coreference"].finditer(sentence.text):
        if any(s.start <= match.start() < s.end or match.start() <= s.start < match.end() for s in spots):
            continue
        antecedent = find_antecedent(article, sentence.start + match.start(), located, nouns[match.group("noun").casefold()])
        if antecedent is not None:
            spots.append(Spot(match.start(), match.end(), antecedent, True))
    return sorted(spots, key=lambda s: (s.start, s.end))


def find_antecedent(article: Article, position: int, located: Sequence[Mention], kinds: Sequence[str]) -> Place | None:
    """The place named last before ``position`` in this or the previous sentence, of a fitting kind, not a reference point."""
    sentences = article.sentences
    before = bisect_right(sentences, position, key=lambda s: s.end)  # sentences ending at or before position
    window = sentences[before - 1].start if before else 0
    earlier = bisect_right(sentences, window, key=lambda s: s.end)
    floor = sentences[earlier - 1].start if earlier else 0
    reference = patterns()["reference"]
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


def dominant_country(located: Sequence[Mention]) -> str:
    counts = Counter(m.place.country for m in located if m.place.country)
    if not counts:
        return ""
    order = list(dict.fromkeys(m.place.country for m in located if m.place.country))
    return max(order, key=lambda code: counts[code])
