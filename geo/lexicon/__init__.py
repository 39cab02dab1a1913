"""Lexicon data: the words Frontline's rules are made of, kept out of code.

Each ``<name>.toml`` beside this file is read once per process through
:func:`load`; code and tests share that one cached loader.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from functools import cache
from importlib.resources import files

import ahocorasick

__all__ = ["FirstWords", "alternation", "load", "longest_first"]


@cache
def load(name: str) -> dict:
    """The parsed contents of the lexicon file ``<name>.toml``.

    >>> "gen" in load("abbreviations")["abbreviations"]
    True
    """
    return tomllib.loads((files(__package__) / f"{name}.toml").read_text(encoding="utf-8"))


def alternation(words: Iterable[str]) -> str:
    r"""A regex alternation of ``words``: longest first, each escaped, any run of spaces matching spaces.

    >>> print(alternation(["al Qaida", "al"]))
    al\s+Qaida|al
    """
    return _alternation(tuple(words))


@cache
def _alternation(words: tuple[str, ...]) -> str:
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in ordered)


def longest_first(found: Iterable[tuple], prefer=None) -> list[tuple]:
    """``(start, end, ...)`` matches with overlaps settled: longest kept, then earliest, then by ``prefer(item)``.

    The kept matches come back in text order.

    >>> longest_first([(0, 5, "al Qaim"), (3, 5, "Qaim"), (6, 9, "fell")])
    [(0, 5, 'al Qaim'), (6, 9, 'fell')]
    """
    def rank(item):
        return (-(item[1] - item[0]), item[0]) if prefer is None else (-(item[1] - item[0]), item[0], prefer(item))

    kept: list[tuple] = []
    for item in sorted(found, key=rank):
        if all(item[1] <= other[0] or item[0] >= other[1] for other in kept):
            kept.append(item)
    return sorted(kept, key=lambda item: item[0])


class FirstWords:
    """Where phrases can begin in a text: one Aho-Corasick pass over the text's folded words.

    ``phrases`` holds ``(phrase, value)`` pairs. :meth:`find` gives ``(start,
    values)`` for every word of the text that is the first word of some
    phrase, folded alike by :func:`geo.places.names.fold_words` (case, diacritics,
    punctuation as spaces). That is a superset of where the phrases stand;
    a pattern anchored at each start decides. Python then visits a handful
    of candidate words per sentence instead of every word.

    >>> FirstWords([("took control of", 1), ("Al-Qaeda", 2)]).find("ISIS took Raqqa; al-Qaeda fled")
    [(5, (1,)), (17, (2,))]
    """

    def __init__(self, phrases: Iterable[tuple[str, object]]) -> None:
        from geo.places.names import fold_words  # the gazetteer's folding; imported late

        self._fold = fold_words
        values: dict[str, list] = {}
        for phrase, value in phrases:
            words = fold_words(phrase).split()
            if words and value not in values.setdefault(words[0], []):
                values[words[0]].append(value)
        self._automaton = ahocorasick.Automaton()
        for word, found in values.items():
            self._automaton.add_word(f" {word} ", (len(word) + 1, tuple(found)))
        if values:
            self._automaton.make_automaton()
        self._empty = not values

    def find(self, text: str) -> list[tuple[int, tuple]]:
        """``(start, values)`` of each word of ``text`` that begins a phrase, in text order."""
        if self._empty:
            return []
        return [(stop - length, found) for stop, (length, found) in self._automaton.iter(f" {self._fold(text)} ")]
