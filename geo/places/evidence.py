"""What the words around a name say of it: a landform, a government, a person, an area.

Small tests on the text next to a name the gazetteer knows, read by
:mod:`geo.places.mentions`; their words live in ``geo/lexicon/places.toml``
(sections ``features``, ``metonymy``, ``areas`` and ``support``).

>>> t = "Kyiv accused Moscow of shelling Kharkiv."
>>> governs(t, 0, 4), governs(t, 32, 39)
(True, False)
>>> feature_before("They held Mount Sinjar.", 16)
True
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from geo.lexicon import alternation, load as load_lexicon
from geo.places.names import normalise

__all__ = ["feature_before", "governs", "in_actor_name", "not_the_place", "inner_apostrophes", "title_before", "area_before_of", "Support", "support",
           "apostrophes_dropped"]


@dataclass(frozen=True, slots=True)
class Support:
    """How much a small place outside the article's countries needs: see ``[support]``."""

    min_population: int
    focus: float
    far_km: float


@dataclass(frozen=True, slots=True)
class _Words:
    features: frozenset[str]
    streets: re.Pattern
    after: re.Pattern  # a verb of a government after the name
    by: re.Pattern  # "alleged by" right before the name
    hyphened: re.Pattern  # "-backed" right after the name
    possessions: re.Pattern  # "'s ability", "'s decision" right after the name
    given: re.Pattern  # "delivered", "handed" right before the name, as its indirect object
    titles: frozenset[str]
    areas_of: frozenset[str]
    governor: re.Pattern  # "governor" (its title's other words before it) after the name
    actors: frozenset[str]  # the actor lexicon's names of two words or more, normalised


_ARTICLE_AFTER = re.compile(r"[ \t]+(?:a|an|the|its|their|his|her|one|another|some|more|further|fresh|new)\b")  # "handing Kyiv one of"


@functools.cache
def _words() -> _Words:
    data = load_lexicon("places")
    meto = data["metonymy"]
    aux = alternation(meto["auxiliaries"])
    return _Words(
        features=frozenset(normalise(w) for w in data["features"]["words"]),
        streets=re.compile(rf"[ \t]+(?:{alternation(data['features']['after'])})\b", re.IGNORECASE),
        after=re.compile(rf"(?:'s|’s)?,?[ \t]+(?:(?:{aux})[ \t]+)?(?:{alternation(meto['verbs_after'])})\b"),
        by=re.compile(rf"\b(?:{alternation(meto['verbs_by'])})[ \t]+by[ \t]+$"),
        hyphened=re.compile(rf"[-\u2010\u2011](?:{alternation(meto['hyphened'])})\b"),
        possessions=re.compile(rf"['’]s[ \t]+(?:{alternation(meto['possessions'])})\b"),
        given=re.compile(rf"\b(?:{alternation(meto['giving'])})[ \t]+$"),
        titles=frozenset(normalise(w) for w in data["person"]["titles"]),
        areas_of=frozenset(normalise(w) for w in data["areas"]["before_of"] + data["areas"]["ruled_by"]),
        governor=re.compile(rf"[ \t]+(?:(?:acting|regional|provincial|deputy)[ \t]+)?(?:{alternation(data['areas']['ruled_by'])})\b",
                            re.IGNORECASE),
        actors=frozenset(normalise(form) for actor in load_lexicon("actors").get("actor", []) for form in actor["forms"]
                         if " " in form.strip() and "..." not in form),
    )


@functools.cache
def support() -> Support:
    data = load_lexicon("places")["support"]
    return Support(int(data["min_population"]), float(data["focus"]), float(data["far_km"]))


def _previous_word(text: str, start: int) -> str:
    """The word before ``start`` across spaces and one full stop ("Mount", "Col"); empty when none."""
    i = start
    while i > 0 and text[i - 1] in " \t\u00a0":
        i -= 1
    if i == start:
        return ""
    if i > 0 and text[i - 1] == ".":
        i -= 1
    j = i
    while j > 0 and i - j < 40 and (text[j - 1].isalnum() or text[j - 1] in "_'’"):
        j -= 1
    return text[j:i]


def feature_before(text: str, start: int, end: int | None = None) -> bool:
    """True when a capitalised landform word stands right before ``start`` ("Mount Sinjar", "Lake Chad"),
    or a street word right after ``end`` ("Lenin Square")."""
    word = _previous_word(text, start)
    if word[:1].isupper() and normalise(word) in _words().features:
        return True
    return end is not None and bool(_words().streets.match(text, end))


def governs(text: str, start: int, end: int, *, subject: bool = True) -> bool:
    """True when the name at ``start:end`` stands for a government: "Moscow said", "accused by Kiev", "Kremlin-backed",
    "Kyiv's decision", "handed Damascus a victory".

    ``subject`` False (the name follows a preposition: "people from Harasta said") leaves out "X said".
    """
    words = _words()
    if (subject and words.after.match(text, end)) or words.hyphened.match(text, end) or words.possessions.match(text, end):
        return True
    if words.given.search(text, max(0, start - 30), start) and _ARTICLE_AFTER.match(text, end):
        return True  # "delivered Kiev the biggest success"
    return text[max(0, start - 6) : start].rstrip(" \t").endswith("by") and bool(
        words.by.search(text, max(0, start - 40), start))


def not_the_place(text: str, start: int, end: int, before: tuple[str, bool, bool], key: str) -> bool:
    """A landform, a street or an armed group named after the place: "Mount Sinjar", "Lenin Square", "Boko Haram".

    ``before`` is the normalised word before the name, whether it is capitalised, and whether a sentence
    starts before it; ``key`` the name's normalised search key.
    """
    word, capitalised, _ = before
    words = _words()
    if capitalised and (word in words.features or f"{word} {key}" in words.actors):
        return True
    return text[end : end + 1] == " " and bool(words.streets.match(text, end))


def in_actor_name(text: str, start: int, end: int) -> bool:
    """True when the name ends a two-word name of an armed group ("Boko Haram"): the group's, not a place."""
    word = _previous_word(text, start)
    return bool(word[:1].isupper()) and normalise(f"{word} {text[start:end]}") in _words().actors


def title_before(text: str, start: int) -> bool:
    """True when an abbreviated title and a capitalised word stand before ``start`` ("Col. Ryan Dillon")."""
    match = re.search(r"\b([A-Z][a-z]{0,5})\.[ \t]+[A-Z][\w'’-]*[ \t]+$", text[max(0, start - 40) : start])
    return bool(match) and normalise(match.group(1)) in _words().titles


def area_before_of(text: str, start: int, end: int | None = None) -> bool:
    """True after "the province of", "the region of", "the governor of", or before "governor" ("the Kursk
    governor"): the name is an area's."""
    if end is not None and _words().governor.match(text, end):
        return True
    if not text[max(0, start - 4) : start].rstrip(" \t").endswith("of"):
        return False
    match = re.search(r"([\w]+)[ \t]+of[ \t]+$", text[max(0, start - 30) : start])
    return bool(match) and normalise(match.group(1)) in _words().areas_of


# An apostrophe between letters, not a possessive's ("Hama's" stays two words).
INNER_APOSTROPHE = _INNER_APOSTROPHE = re.compile(r"(?<=[^\W\d_])['’ʼ‘`](?=[^\W\d_])(?![sS](?![^\W\d_]))")


_APOSTROPHES = re.compile(r"['’ʼ‘`]")


def inner_apostrophes(text: str) -> list[int]:
    """Where ``text`` has an apostrophe between letters that is no possessive's, in order.

    >>> inner_apostrophes("Sana’a and Hama's")
    [4]
    """
    found = []
    for match in _APOSTROPHES.finditer(text):
        at = match.start()
        if 0 < at < len(text) - 1 and _INNER_APOSTROPHE.match(text, at):
            found.append(at)
    return found


def apostrophes_dropped(segment: str) -> tuple[str, list[int]] | None:
    """``segment`` without the apostrophes inside its words, and where each kept character was; None if it has none.

    >>> apostrophes_dropped("Sana’a, the capital")[0]
    'Sanaa, the capital'
    """
    if not _INNER_APOSTROPHE.search(segment):
        return None
    kept = [i for i in range(len(segment)) if not _INNER_APOSTROPHE.match(segment, i)]
    return "".join(segment[i] for i in kept), kept
