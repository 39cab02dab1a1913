"""Sides the actor lexicon does not list, found by how armed groups are named.

Reports name many an armed group no lexicon holds: "the Kosovo Liberation
Army", "the Justice and Equality Movement", "CNDP rebels". Read without this,
such a group is an unidentified militant, or worse the state of the country
("Kosovo ... Army": Kosovo's forces). :func:`named_sides` finds

- capitalised words ending in the noun of an organisation ("Army", "Front"),
  with a word of an armed movement among them ("Liberation", "Patriotic"),
  unless the noun names one by itself ("Polisario Front"), and the tail of
  "... for the Liberation of Rwanda";
- an acronym before a rebel noun ("CNDP rebels", "RUF fighters"), or after
  one and "of" or "from the" ("rebels of the SPLM-N");
- an acronym a name defines in brackets ("the Kosovo Liberation Army (KLA)"),
  wherever the text uses it: it names that side.

The words are ``[named_sides]`` of ``geo/lexicon/actors.toml``.

>>> [name for _, _, name in named_sides("Fighters of the Kosovo Liberation Army (KLA) took Orahovac; the KLA held it.")]
['Kosovo Liberation Army', 'Kosovo Liberation Army', 'Kosovo Liberation Army']
>>> [name for _, _, name in named_sides("CNDP rebels and Iraqi Army units met the Syrian Arab Army on Monday.")]
['CNDP']
"""

from __future__ import annotations

import re
from functools import cache

from geo.lexicon import alternation, load as load_lexicon

__all__ = ["named_sides"]

_TOKEN = re.compile(r"(?:(?:al|el|ad|ash|an|as|at|az)-)?[A-Z][\w'’.-]*|[a-z]+")
_ACRONYM = r"[A-Z][A-Z0-9]*[A-Z0-9](?:-[A-Z0-9]+)?"
_CONNECTORS = frozenset({"and", "of", "for", "the", "in"})


def named_sides(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, name)`` of each side ``text`` names as an armed group names itself, in text order."""
    words = _words()
    found: list[tuple[int, int, str]] = []
    defined: dict[str, str] = {}
    for match in _heads().finditer(text):
        span = _name_around(text, match.start(), match.end(), words)
        if span is None:
            continue
        start, end = span
        name = _normal(text[start:end])
        found.append((start, end, name))
        if (brackets := _BRACKETS.match(text, end)) and brackets.group(1) not in words["not_sides"]:
            defined[brackets.group(1)] = name
    before, after, noun_before = _acronym_nouns()
    acronyms = [match.span(1) for match in before.finditer(text)]  # "CNDP rebels"
    acronyms += [match.span(1) for match in after.finditer(text) if noun_before.search(text, max(0, match.start() - 24), match.start())]
    for start, end in acronyms:  # ... "rebels of the SPLM-N"
        acronym = text[start:end]
        if acronym not in words["not_sides"] and acronym not in defined:
            found.append((start, end, acronym))
    if defined:
        uses = re.compile(rf"(?<![\w-])({'|'.join(re.escape(a) for a in sorted(defined, key=len, reverse=True))})(?![\w-])")
        found += [(m.start(), m.end(), defined[m.group(1)]) for m in uses.finditer(text)]
    found.sort()
    kept: list[tuple[int, int, str]] = []
    for item in found:  # an acronym inside a name, or found twice, is that one name
        if kept and item[0] < kept[-1][1]:
            if item[1] > kept[-1][1]:
                kept[-1] = (kept[-1][0], item[1], kept[-1][2])
            continue
        kept.append(item)
    return kept


_BRACKETS = re.compile(rf"\s*\(\s*({_ACRONYM})\s*\)")


def _name_around(text: str, head_start: int, head_end: int, words: dict) -> tuple[int, int] | None:
    """The span of the name whose head noun is ``text[head_start:head_end]``, or None if it names no armed group."""
    tokens = [m for m in _TOKEN.finditer(text, max(0, head_start - 120), head_start)]
    before: list[re.Match] = []
    for token in reversed(tokens):
        if not _joined(text, token.end(), (before[0].start() if before else head_start)):
            break
        word = token.group(0)
        if word[0].isupper() and word.casefold() not in words["stop"]:
            before.insert(0, token)
        elif word in _CONNECTORS and before and before[0].group(0)[0].isupper():
            before.insert(0, token)
        else:
            break
    while before and not before[0].group(0)[0].isupper():
        before.pop(0)  # "and Kosovo ...": a connector opens no name
    if not before:
        return None
    start, end = before[0].start(), head_end
    if (tail := _tail().match(text, head_end)) is not None:
        end = tail.end()
    inside = {w.casefold() for w in _TOKEN.findall(text[start:end])}
    if not (inside & words["movement_words"]) and text[head_start:head_end] not in words["self_standing"]:
        return None
    return start, end


def _joined(text: str, left_end: int, right_start: int) -> bool:
    """Whether only spaces (one line) lie between two words of a name."""
    gap = text[left_end:right_start]
    return 0 < len(gap) <= 3 and gap.isspace() and "\n" not in gap


def _normal(name: str) -> str:
    return " ".join(name.replace("’", "'").split())


@cache
def _words() -> dict:
    lexicon = load_lexicon("actors")["named_sides"]
    return {"stop": frozenset(w.casefold() for w in lexicon["stop"]),
            "movement_words": frozenset(w.casefold() for w in lexicon["movement_words"]),
            "self_standing": frozenset(lexicon["self_standing"]), "not_sides": frozenset(lexicon["not_sides"])}


@cache
def _heads() -> re.Pattern:
    return re.compile(rf"(?<![\w'’-])(?:{alternation(load_lexicon('actors')['named_sides']['heads'])})(?![\w'’-])")


@cache
def _tail() -> re.Pattern:
    """ "... for the Liberation of Rwanda", "... of Tamil Eelam": capitalised words after "for" or "of"."""
    cap = r"(?:(?:al|el|ad|ash|an|as|at|az)-)?[A-Z][\w'’-]*"
    return re.compile(rf" (?:for|of) (?:the )?{cap}(?: (?:(?:of|and|the|in) ){{0,2}}{cap}){{0,5}}")


@cache
def _acronym_nouns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """An acronym before a rebel noun; "of" or "from" and an acronym; a rebel noun right before such an "of"."""
    nouns = alternation(load_lexicon("actors")["named_sides"]["nouns"])
    return (re.compile(rf"(?<![\w'’.-])({_ACRONYM})\s+(?i:{nouns})(?![\w-])"),
            re.compile(rf"\s(?:of|from)\s+(?:the\s+)?({_ACRONYM})(?![\w'’-])"),
            re.compile(rf"(?<![\w-])(?i:{nouns})$"))
