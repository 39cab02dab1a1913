"""Actor forms: how the actor lexicon's surface forms are normalised and compiled into patterns.

One folding (lower case, plain apostrophes, every offset kept) for forms and
text alike; forms written in capitals (acronyms) match only in capitals, the
others casefolded; "..." in a form stands for up to four words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from geo.errors import InputError

__all__ = ["BACKED_BY", "FROM_REGION", "GAP", "LOYAL_TO", "LOYAL_TO_NAMED", "POSSESSIVE_STATE", "REPORTED_TROOPS", "THEIR_COUNTRY", "Entry", "compile_forms", "fold",
           "form_regex", "gap_regex", "key", "lexicon_arguments", "plain_quotes", "with_every_country"]

_QUOTE_CHARS = re.compile("[’‘`ʼ]")
GAP = "..."
# Words around a generic form that tell whose it is: "his country's forces", "forces from the Tigray region",
# "U.S.-backed fighters", "units loyal to Saleh", "Kabul's government".
THEIR_COUNTRY = re.compile(r"(?<![\w'-])(?:(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Tt]he)\s+country['’]s|(?P<whose>[Ii]ts|[Tt]heir)|(?P<person>[Hh]is|[Hh]er))\s+"
                           r"(?:own\s+)?(?:armed\s+forces|forces|troops|army|military|soldiers|units|fighters|militiamen)(?![\w-])")
# "... ministry said (that) more than 30,000 troops": troops its own source reports,
# or orders: "Shoigu ordered troops to withdraw"
REPORTED_TROOPS = re.compile(r"\b(?:said|says|announced|reported|confirmed|ordered|orders|instructed)\s+(?:on\s+[A-Z]\w+\s+)?"
                             r"(?:that\s+)?(?:(?:more\s+than|some|about|around|nearly|over)\s+)?"
                             r"(?:[\d,]+\s+)?(?:the\s+(?=[tfsu]))?(?P<troops>troops|forces|soldiers|units|the\s+army|the\s+military)(?![\w-])")
FROM_REGION = re.compile(r"\s+from\s+(?:the\s+)?(?:(?-i:[A-Z])[\w'’]*['’]s\s+)?(?:(?:north|south|east|west)[\w-]*\s+)?"
                         r"(?P<name>(?-i:[A-Z])[\w'’-]+)", re.IGNORECASE)
BACKED_BY = re.compile(r"([\w.'’]+)-backed\s+(?:[\w'’-]+\s+){0,2}$")
LOYAL_TO = re.compile(r"\s+(?:still\s+)?(?:loyal|allied)\s+(?:to|with)\b", re.IGNORECASE)
# ... and the person named: "militia forces loyal to Abdul Rashid Dostum" (titles in lower case may come first)
LOYAL_TO_NAMED = re.compile(r"(?P<noun>\s+[a-z]+)?\s+(?:still\s+)?(?:loyal|allied)\s+(?:to|with)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}"
                            r"(?P<name>[A-Z][\w'’-]+(?:\s+(?:(?:al|el|bin|ibn|ben|abu)[-\s])?[A-Z][\w'’-]+){0,3})")
# "forces loyal to ... Hadi" in the lexicon: "tribal fighters loyal to President Hadi" are his too
_LOYAL_FORM = re.compile(r"^\S+\s+((?:loyal|allied)\s+(?:to|with)\s+.+)$", re.IGNORECASE)
POSSESSIVE_STATE = re.compile(r"(?<![\w'-])[A-Z][\w-]+['’]s\s+(?:government|army|military|forces|troops|security forces)(?![\w-])")


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
    return re.compile(form_regex(fold(form)))


def form_regex(form: str) -> str:
    """A regex for a form: spaces match any run of spaces, "..." up to four words."""
    pieces = [r"\s+".join(re.escape(word) for word in piece.split()) for piece in form.split(GAP)]
    return r"\s+(?:\S+\s+){0,4}?".join(piece for piece in pieces if piece)


def compile_forms(entries: Iterable[Entry], source_nouns: Sequence[str]) -> tuple[tuple[dict[str, re.Pattern], bool], ...]:
    """Patterns for case-sensitive forms (acronyms) and for the rest, one small pattern per first word.

    Each is ``({first word: pattern}, case_sensitive)``; the first word is
    folded as :class:`geo.lexicon.FirstWords` folds it, so a pattern is tried
    only where its word stands.
    """
    from geo.places.gazetteer import fold_words  # the folding FirstWords keys its words by

    sensitive, folded = [], []
    for entry in entries:
        (sensitive if _is_acronym(entry.form) else folded).append(entry.form)
    sources = "|".join(form_regex(fold(s)) for s in sorted(source_nouns, key=len, reverse=True)) or "(?!)"
    source = rf"(?P<source>\s+(?i:{sources})\b)?"
    # a form ends on a word boundary, or on the hyphen of a state word: "Houthi-held", "rebel-controlled"
    end = r"(?![\w-])|(?=-(?:held|controlled|occupied|run)(?![\w-]))"
    patterns = []
    for forms, is_sensitive in ((sensitive, True), (folded, False)):
        by_word: dict[str, list[str]] = {}
        for form in sorted({f if is_sensitive else fold(f) for f in forms}, key=len, reverse=True):
            words = fold_words(form).split()
            if words:
                by_word.setdefault(words[0], []).append(form)
        compiled = {word: re.compile(rf"(?<![\w'-])(?=(?P<form>{'|'.join(form_regex(f) for f in group)})(?:{end}){source})")
                    for word, group in by_word.items()}
        patterns.append((compiled, is_sensitive))
    return tuple(patterns)


def with_every_country(data: dict, demonyms: dict[str, str]) -> dict:
    """The actor lexicon ``data`` with a state actor for every country an adjective of ``demonyms`` names.

    A country the lexicon lists takes the adjectives it lacks; any other gets
    "<adjective> forces", so "Chadian troops" and "Ugandan soldiers" name a
    side in every war, not only in those the lexicon was written for.
    """
    countries = {code: {**entry, "adjective": list(entry["adjective"])} for code, entry in data.get("countries", {}).items()}
    known = {adjective.casefold() for entry in countries.values() for adjective in entry["adjective"]}
    for adjective, code in demonyms.items():
        if adjective.casefold() in known:
            continue
        known.add(adjective.casefold())
        if code in countries:
            countries[code]["adjective"].append(adjective)
        else:
            countries[code] = {"adjective": [adjective], "state": f"{adjective} forces"}
    return {**data, "countries": countries}


def lexicon_arguments(data: dict, source: str) -> tuple[list[tuple[str, str, str]], dict]:
    """The ``(form, actor, role)`` entries and the keyword arguments of :class:`geo.extract.actors.Actors` that an
    actor lexicon (``[[actor]]``, ``[generic.*]``, ``[countries.*]``, as in ``geo/lexicon/actors.toml``) gives."""
    entries, allies = [], {}
    for item in data.get("actor", []):
        if not isinstance(item, dict) or "name" not in item or "forms" not in item:
            raise InputError(source, f"each [[actor]] needs a name and forms, got {item!r}")
        role = item.get("role", "non-state")
        forms = [item["name"], *item["forms"]]
        forms += [loyal.group(1) for form in item["forms"] if (loyal := _LOYAL_FORM.match(form))]
        entries.extend((form, item["name"], role) for form in dict.fromkeys(forms))
        if item.get("allied_with"):
            allies[item["name"]] = item["allied_with"]
    countries = data.get("countries", {})

    def each(field: str, make) -> dict:
        return {code: make(c[field]) for code, c in countries.items() if c.get(field)}

    return entries, {
        "allies": allies,
        "generic": {role: (g["name"], tuple(g["forms"])) for role, g in data.get("generic", {}).items()},
        "countries": {code: (tuple(c["adjective"]), c["state"]) for code, c in countries.items()},
        "rebels": each("rebels", str), "not_rebels": each("not_rebels", tuple), "backed": each("backed", dict),
        "affiliates": each("affiliates", dict), "seats": each("seat", tuple),
        "source_nouns": data.get("generic_source_nouns", data.get("source_nouns", ())),
        "theatres": {item["name"]: tuple(item["theatres"]) for item in data.get("actor", []) if item.get("theatres")},
    }
