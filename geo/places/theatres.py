"""Theatres: the countries an article is about because of the sides it names.

A report that names the Houthis is about Yemen, one that names Islamic State
about Iraq or Syria, though it names no country: "IS fighters retreated east
of Palmyra" is Palmyra in Syria. Each ``[[actor]]`` of ``geo/lexicon/actors.toml``
with ``theatres`` lends its countries that weight; :func:`theatre_weights`
finds the sides' forms in one pass of an automaton (forms written in
capitals, such as "IS", match only in capitals, as the actor finder reads them);
a form with a gap ("rebels loyal to ... Machar") is tried where the automaton finds its words before the gap.

>>> theatre_weights("Houthi rebels and IS fighters clashed.")
{'YE': 1.0, 'IQ': 0.5, 'SY': 0.5}
>>> theatre_weights("Troops said the road is calm.")
{}
>>> theatre_weights("Rebels loyal to former vice-president Riek Machar took Bor.")
{'SS': 1.0}
"""

from __future__ import annotations

import functools
import re

import ahocorasick

from geo.extract.actor_forms import GAP, fold as fold_form, form_regex
from geo.lexicon import load as load_lexicon

__all__ = ["foreign_force", "theatre_weights"]


def theatre_weights(text: str) -> dict[str, float]:
    """Per country, the weight of the sides ``text`` names: 1 for each side, shared among its theatres."""
    automaton = _automaton()
    if automaton is None:
        return {}
    folded = text.casefold()
    if len(folded) != len(text):  # a letter whose case fold is longer ("ß"): offsets would drift
        folded = "".join(c.casefold() if len(c.casefold()) == 1 else c for c in text)
    folded = folded.replace("’", "'")
    named: dict[str, None] = {}
    for end, (length, side, capitals) in automaton.iter(folded):
        start = end - length + 1
        if _word_char(folded, start - 1) or _word_char(folded, end + 1):
            continue
        if side is None:  # the words before a gap: "rebels loyal to" of "rebels loyal to ... Machar"
            for gapped, gap_side in capitals:
                if gapped.match(folded, start):
                    named.setdefault(gap_side)
            continue
        if capitals and text[start:end + 1] != text[start:end + 1].upper():
            continue  # "is" is no "IS"
        named.setdefault(side)
    weights: dict[str, float] = {}
    for side in named:
        countries = _theatres()[side]
        for code in countries:
            weights[code] = weights.get(code, 0.0) + 1.0 / len(countries)
    return weights


def _word_char(text: str, at: int) -> bool:
    return 0 <= at < len(text) and (text[at].isalnum() or text[at] in "_-'’")


@functools.cache
def _theatres() -> dict[str, tuple[str, ...]]:
    return {item["name"]: tuple(item["theatres"]) for item in load_lexicon("actors").get("actor", []) if item.get("theatres")}


@functools.cache
def _automaton() -> ahocorasick.Automaton | None:
    """An automaton over the casefolded forms of every side with theatres: -> (length, side, written in capitals);
    for the words before a form's gap, -> (length, None, ((the form's regex, side), ...))."""
    automaton = ahocorasick.Automaton()
    gaps: dict[str, list[tuple[re.Pattern, str]]] = {}
    for item in load_lexicon("actors").get("actor", []):
        if not item.get("theatres"):
            continue
        for form in [item["name"], *item["forms"]]:
            key = " ".join(form.replace("’", "'").split()).casefold()
            if GAP in form:
                first = key.split(GAP)[0].strip()
                if first:
                    gaps.setdefault(first, []).append((re.compile(rf"{form_regex(fold_form(form))}(?![\w'-])"), item["name"]))
                continue
            if key not in automaton:
                automaton.add_word(key, (len(key), item["name"], form.isupper()))
    for first, forms in gaps.items():
        if first in automaton:  # a form that is those words alone is read as the gaps are
            _, side, _ = automaton.get(first)
            forms.append((re.compile(rf"{re.escape(first)}(?![\w'-])"), side))
        automaton.add_word(first, (len(first), None, tuple(forms)))
    if not len(automaton):
        return None
    automaton.make_automaton()
    return automaton


def foreign_force(text: str, start: int, end: int) -> bool:
    """Whether the adjective ``text[start:end]`` opens the name of a force the actor lexicon calls foreign ("Russian
    forces", "Turkish troops"): such a force fights abroad, so its adjective tells nothing of where the places are.

    >>> text = "Russian forces and Iraqi troops"
    >>> foreign_force(text, 0, 7), foreign_force(text, 19, 24)
    (True, False)
    """
    words = _NEXT_WORDS.match(text, end)
    if words is None:
        return False
    head = text[start:end].replace("’", "'").casefold()
    following = words.group(0).casefold().split()
    return any(" ".join([head, *following[:n]]) in _foreign_forms() for n in (1, 2))


_NEXT_WORDS = re.compile(r"(?:\s+[\w'’-]+){1,2}")


@functools.cache
def _foreign_forms() -> frozenset[str]:
    return frozenset(" ".join(form.replace("’", "'").split()).casefold() for item in load_lexicon("actors").get("actor", [])
                     if item.get("role") == "foreign" for form in item["forms"] if GAP not in form)
