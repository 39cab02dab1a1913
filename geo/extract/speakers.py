"""Speakers: whose troops "its forces", "their fighters" and a source's bare "troops" are.

A side that speaks of its own forces names them by a pronoun ("the TPLF said
its forces had withdrawn") or not at all ("the Russian defence ministry said
30,000 troops had been pulled back"): the forces are the speaker's.
:class:`geo.extract.actors.Actors` calls these on each sentence's candidates.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from functools import cache

from geo.extract.actor_forms import REPORTED_TROOPS, THEIR_COUNTRY, Entry, key
from geo.lexicon import alternation, load

__all__ = ["reported_troops", "their_country"]

Found = list[tuple[int, int, Entry, bool]]


def their_country(text: str, start: int, end: int, named: Found, speakers: Mapping[str, str],
                  placeholders: Collection[str]) -> Found:
    """ "Ukrainian President Zelenskyy said his country's forces ...", "Russia's defence ministry said its troops ...",
    "Moscow said its troops ...": the state of the nearest adjective (or seat of government) before; "the TPLF
    said its forces ...": for "its" and "their", the named actor before, where it is nearer; for "his" and
    "her", where no state speaks."""
    found = []
    for match in THEIR_COUNTRY.finditer(text, start, end):
        nearest = [(at, Entry(match.group(0), state, "state")) for at, state in _last_speaker(text, start, match.start(), speakers)]
        if match.group("whose") or (match.group("person") and not nearest):
            # "Prigozhin, the head of the Wagner group, said his forces": with no state speaking, the side named before
            nearest += [(b, Entry(match.group(0), entry.actor, entry.role)) for a, b, entry, source in named
                        if b <= match.start() and not source and entry.actor not in placeholders]
        if nearest:
            found.append((match.start(), match.end(), max(nearest, key=lambda item: item[0])[1], False))
    return found


def reported_troops(text: str, start: int, end: int, found: Found, speakers: Mapping[str, str],
                    placeholders: Collection[str]) -> Found:
    """ "The Russian defence ministry said 30,000 troops had been pulled back": bare troops a state's own
    source reports are that state's."""
    for match in REPORTED_TROOPS.finditer(text, start, end):
        a, b = match.span("troops")
        bare = [item for item in found if (item[0], item[1]) == (a, b) and item[2].actor in placeholders]
        if bare and (spoken := _last_speaker(text, start, match.start(), speakers) or
                     _institution_speaker(text, start, match.start(), speakers)):
            found = [item for item in found if item not in bare] + [(a, b, Entry(match.group("troops"), spoken[0][1], "state"), False)]
    return found


def _last_speaker(text: str, start: int, end: int, speakers: Mapping[str, str]) -> list[tuple[int, str]]:
    """``[(where it ends, state)]`` of the last word of ``text[start:end]`` that names a speaking state, or ``[]``."""
    spoken = [(start + w.end(), speakers[key(w.group())])
              for w in re.finditer(r"[\w'’-]+", text[start:end]) if key(w.group()) in speakers]
    return spoken[-1:]


def _institution_speaker(text: str, start: int, end: int, speakers: Mapping[str, str]) -> list[tuple[int, str]]:
    """ "Defense Ministry spokesman Igor Konashenkov said the troops ...": a body of a state that
    ``text[start:end]`` names with no state speaks for the state whose word last stood before it in the
    article ("the Russian Defense Ministry announced ..."); ``[(end, state)]``, or ``[]``."""
    named = _institutions().search(text, start, end)
    if named is None:
        return []
    body = r"\s+".join(map(re.escape, named.group(0).split()))
    for earlier in reversed(list(re.finditer(rf"([\w'’-]+)\s+{body}(?![\w-])", text[:start], re.IGNORECASE))):
        if key(earlier.group(1)) in speakers:
            return [(end, speakers[key(earlier.group(1))])]
    return []


@cache
def _institutions() -> re.Pattern:
    return re.compile(rf"(?<![\w-])(?:{alternation(load('actors')['institutions'])})(?![\w-])", re.IGNORECASE)
