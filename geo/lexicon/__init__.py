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

__all__ = ["alternation", "load"]


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
