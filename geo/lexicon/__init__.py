"""Lexicon data: the words Frontline's rules are made of, kept out of code.

Each ``<name>.toml`` beside this file is read once per process through
:func:`load`; code and tests share that one cached loader.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files

__all__ = ["load"]


@cache
def load(name: str) -> dict:
    """The parsed contents of the lexicon file ``<name>.toml``.

    >>> "gen" in load("abbreviations")["abbreviations"]
    True
    """
    return tomllib.loads((files(__package__) / f"{name}.toml").read_text(encoding="utf-8"))
