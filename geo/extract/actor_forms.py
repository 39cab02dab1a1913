"""Actor forms: how the actor lexicon's surface forms are normalised and compiled into patterns.

One folding (lower case, plain apostrophes, every offset kept) for forms and
text alike; forms written in capitals (acronyms) match only in capitals, the
others casefolded; "..." in a form stands for up to four words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["GAP", "Entry", "compile_forms", "fold", "gap_regex", "key", "plain_quotes"]

_QUOTE_CHARS = re.compile("[’‘`ʼ]")
GAP = "..."
_WORD = re.compile(r"(?<![\w'-])[\w']+")


@dataclass(frozen=True)
class Entry:
    form: str
    actor: str
    role: str


def plain_quotes(text: str) -> str:
    """Curly and modifier apostrophes as ``'`` (a regex pass: ``str.translate`` is slow past the first non-ASCII character)."""
    return _QUOTE_CHARS.sub("'", text)


def fold(text: str) -> str:
    """Lower case and plain apostrophes, keeping every offset."""
    plain = plain_quotes(text)
    lowered = plain.lower()
    if len(lowered) == len(plain):  # the usual case; only a few letters (İ) lengthen when lowered
        return lowered
    return "".join(c if len(low := c.lower()) != 1 else low for c in plain_quotes(text))


def key(form: str) -> str:
    return " ".join(fold(form).split())


def _is_acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and " " not in form


def gap_regex(form: str) -> re.Pattern:
    return re.compile(_form_regex(fold(form)))


def _form_regex(form: str) -> str:
    """A regex for a form: spaces match any run of spaces, "..." up to four words."""
    pieces = [r"\s+".join(re.escape(word) for word in piece.split()) for piece in form.split(GAP)]
    return r"\s+(?:\S+\s+){0,4}?".join(piece for piece in pieces if piece)


def compile_forms(entries: Iterable[Entry], source_nouns: Sequence[str]) -> tuple[tuple[re.Pattern, bool, frozenset], ...]:
    """One pattern for case-sensitive forms (acronyms) and one for the rest, each with its forms' first words."""
    sensitive, folded = [], []
    for entry in entries:
        (sensitive if _is_acronym(entry.form) else folded).append(entry.form)
    sources = "|".join(_form_regex(fold(s)) for s in sorted(source_nouns, key=len, reverse=True)) or "(?!)"
    patterns = []
    for forms, is_sensitive in ((sensitive, True), (folded, False)):
        if not forms:
            continue
        ordered = sorted({f if is_sensitive else fold(f) for f in forms}, key=len, reverse=True)
        alternation = "|".join(_form_regex(f) for f in ordered)
        source = rf"(?P<source>\s+(?i:{sources})\b)?"
        firsts = frozenset(_WORD.match(f).group() for f in ordered if _WORD.match(f))
        # a form ends on a word boundary, or on the hyphen of a state word: "Houthi-held", "rebel-controlled"
        end = r"(?![\w-])|(?=-(?:held|controlled|occupied|run)(?![\w-]))"
        patterns.append((re.compile(rf"(?<![\w'-])(?=(?P<form>{alternation})(?:{end}){source})"), is_sensitive, firsts))
    return tuple(patterns)
