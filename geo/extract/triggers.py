"""Triggers: the words of control events ("seized", "the fall of") and the cues around them.

:func:`triggers_by_sentence` finds the trigger words of ``geo/lexicon/events.toml``
in each sentence of an article in one pass; :func:`blocked_by_cue` says whether
negation, intention or denial words before a trigger cancel it, and
:func:`attributed` whether an attribution ("claimed") weakens it. The compiled
lexicon patterns are shared with :mod:`geo.extract.clauses`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from geo.lexicon import FirstWords, alternation as _alt, load as load_lexicon, longest_first
from geo.records import Article

__all__ = ["Trigger", "after_aux", "attributed", "blocked_by_cue", "coordination_pattern", "lexicon", "patterns",
           "speech_pattern", "trigger_pattern", "triggers_by_sentence", "triggers_in"]


@dataclass(frozen=True)
class Trigger:
    """One trigger form's reading rules (see the head of ``geo/lexicon/events.toml``)."""

    cls: str
    place: str
    actor: str
    gap: str
    possessive: bool
    participle: bool
    weak: bool
    adjacent: bool
    sign: bool = False
    object: str = ""
    focus: bool = False
    then: tuple[str, ...] = ()  # words that must follow the place: "declared Marawi liberated"
    needs_receiver: bool = False  # a give-up form that gives a place up only to a named side: "handed Khost to"
    named_actor: bool = False  # an event only where the sentence names its side: "Russian forces advanced in"


def triggers_by_sentence(article: Article) -> list[list[tuple[int, int, Trigger]]]:
    """The triggers of each sentence (offsets into it): one pass over the article finds where they can start."""
    starts = trigger_pattern()[2].find(article.text)
    found, at = [], 0
    for sentence in article.sentences:
        while at < len(starts) and starts[at][0] < sentence.start:
            at += 1
        first = at
        while at < len(starts) and starts[at][0] < sentence.end:
            at += 1
        if first == at:
            found.append(triggers_in(sentence.text.casefold(), []) if "-" in sentence.text else [])
            continue
        folded = sentence.text.casefold()
        if len(folded) == len(sentence.text):
            found.append(triggers_in(folded, [(start - sentence.start, words) for start, words in starts[first:at]]))
        else:  # casefolding moved the offsets ("ß"): look again in the sentence itself
            found.append(triggers_in(folded))
    return found


def triggers_in(folded: str, starts: Sequence[tuple[int, tuple[str, ...]]] | None = None) -> list[tuple[int, int, Trigger]]:
    """Trigger matches in a casefolded sentence, longest first where they overlap.

    ``starts``: the only offsets where a trigger can begin, with the first
    words found there, when already known.
    """
    patterns_by_word, table, firsts = trigger_pattern()
    if starts is None:
        starts = firsts.find(folded)
    found = []
    for start, words in starts:  # the forms of the word standing there, tried only there
        for word in words:
            if match := patterns_by_word[word].match(folded, start):
                found.append((match.start("t"), match.end("t"), _lookup(table, " ".join(match.group("t").split()))))
    hyphen = _hyphen_pattern()
    if hyphen is not None and "-" in folded:
        found += [(m.start(), m.end(), table[m.group(0)]) for m in hyphen.finditer(folded)]
    return longest_first(found)


def _lookup(table: dict[str, Trigger], key: str) -> Trigger:
    if key in table:
        return table[key]
    for form, regex in _wildcards():
        if regex.fullmatch(key):
            return table[form]
    raise KeyError(key)


@cache
def _wildcards() -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((form, re.compile(_form_regex(form))) for form in trigger_pattern()[1] if "*" in form)


def _form_regex(form: str) -> str:
    """A form as a regex: spaces match runs of spaces, "*" one word."""
    return r"\s+".join(_WORD if word == "*" else re.escape(word) for word in form.split())


_WORD = r"[\w'’-]+"


def _expanded(form: str, expand: dict[str, list[str]]) -> list[str]:
    """Every form a {name} stands for ("took {full} control" -> "took control", "took full control", ...)."""
    match = re.search(r"\{(\w+)\}", form)
    if not match:
        return [" ".join(form.casefold().split())]
    return [out for word in expand[match.group(1)] for out in _expanded(form[:match.start()] + word + form[match.end():], expand)]


def _phrase(words: str) -> str:
    """A lexicon phrase as a regex: words apart by any space, a ``*`` for one or two words of any kind."""
    return r"\s".join(r"(?:[\w'’-]+\s)?[\w'’-]+" if word == "*" else re.escape(word) for word in words.split())


def after_aux(folded: str, start: int) -> bool:
    """Whether an auxiliary stands before ``start``: "was retaken", "had been 'liberated'" (a verb in scare quotes)."""
    return bool(patterns()["passive_aux"].search(folded[:start].rstrip("\"'“‘")))


_RELATIVE_OPENS = re.compile(r",\s*(?:which|that|who|whom)\s")


def blocked_by_cue(folded: str, start: int) -> bool:
    cues = lexicon()["cues"]
    opened = max((m.end() for m in _RELATIVE_OPENS.finditer(folded, max(0, start - 120), start)), default=0)
    # "moved towards Rutshuru, which they captured": the cues of the clause the relative opens, not the one before it
    before = re.findall(r"[\w'’-]+|n't", folded[opened:start].replace("n’t", " n't").replace("n't", " n't"))
    before = [word for word in before if not (word.endswith("ly") and len(word) > 4)]  # "to fully clear", "not yet"
    months = cues["month_may_after"]
    before = [word for i, word in enumerate(before) if not (word == "may" and (  # "In May, militants seized": the month
        i and before[i - 1] in months or i + 1 < len(before) and before[i + 1][:1].isdigit()))]
    compiled = patterns()
    if before and before[-1] in cues["infinitive"] and not compiled["done_infinitive"].search(" ".join(before[-6:])):
        return True  # "to retake": an aim, not a deed ("forced to retreat", "went on to seize" are deeds)
    for name in ("negation", "intention", "denial"):
        if compiled[name].search(" " + " ".join(before[-cues[f"{name}_window"]:]) + " "):
            return True
    return False


def attributed(folded: str, start: int) -> bool:
    return bool(patterns()["attribution"].search(folded, 0, start))


@cache
def lexicon() -> dict:
    return load_lexicon("events")


@cache
def patterns() -> dict[str, re.Pattern]:
    """The lexicon's regular expressions, compiled once."""
    words, cues = lexicon()["words"], lexicon()["cues"]

    def phrase(items) -> re.Pattern:
        return re.compile(rf"(?<![\w-])(?:{_alt(items)})(?![\w-])")

    def spaced(items) -> re.Pattern:  # a cue as whole words of a " "-joined word list
        return re.compile(" (?:" + "|".join(re.escape(cue) for cue in items) + ") ")

    parts = _alt(lexicon()["coreference_parts"]["words"])
    return {
        "direction_of": re.compile(rf"\b(?:{_alt(words['directions'])})\s+of\b"),
        "unnamed_place": re.compile(rf"\b(?:the|a|an|its|their)\s+(?:[\w'’-]+\s+){{0,2}}?(?:{_alt(words['place_nouns'])})\b",
                                    re.IGNORECASE),
        "indefinite_place": re.compile(rf"(?<![\w-])(?:{_alt(words['indefinite'])})\s+(?:[\w'’-]+\s+){{0,3}}?"
                                       rf"(?:{_alt(words['place_nouns'])})\b"),
        "done_infinitive": re.compile(rf"(?:^|\s)(?:{'|'.join(map(_phrase, cues['done_infinitive']))})$"),
        "passive_aux": re.compile(rf"\b(?:{_alt(words['passive_aux'])})\s+(?:\w+ly\s+|(?:{_alt(words['passive_between'])})\s+)*$"),
        "clause_cut": re.compile(rf",\s*(?:{_alt(words['clause'])})\b|\s(?:{_alt(words['clause_bare'])})\b|;|\s[—–]\s|\s--\s",
                                 re.IGNORECASE),
        # "the town", "the besieged city", "the city of 120,000" (not "the city of Homs", nor "the Homs district")
        "coreference": re.compile(rf"\b[Tt]he\s+(?:[a-z][a-z-]*\s+)?(?P<noun>(?i:{_alt(lexicon()['coreference'])}))\b"
                                  rf"(?!\s+of\s+(?!\d))(?!['’])(?!\s+(?i:{parts})\b)"),
        "reference": re.compile(rf"\b(?:(?:{_alt(words['directions'])})\s+(?:of|from)|{_alt(words['reference'])})\s+"
                                rf"(?:the\s+)?(?:[\w'’-]+\s+){{0,2}}?$", re.IGNORECASE),
        "gap_clause": phrase(words["gap_clause"]),
        "whole_of": re.compile(rf"(?<![\w-])(?:{_alt(words['whole_of'])})\s+of\s*$"),
        "attribution": phrase(cues["attribution"]),
        "negation": spaced(cues["negation"]),
        "intention": spaced(cues["intention"]),
        "denial": spaced(cues["denial"]),
    }


@cache
def coordination_pattern() -> re.Pattern:
    """Words joining listed places: "Ramadi and Fallujah", "Kirkuk, and the provincial centre of Baqubah"."""
    words = lexicon()["words"]
    heads = _alt(words["place_heads"] + words["place_nouns"] + words["list_nouns"])  # "... and the towns of X and Y"
    # "... and from Gao", "... and out of Kandahar", "the fall of Ramadi and of Fallujah": the preposition again
    return re.compile(rf"\s*(?:{_alt(words['coordination'])})\s*(?:(?:from|out\s+of|of)\s+)?(?:the\s+(?:(?:whole|entire)\s+)?)?"
                      rf"(?:(?:[\w'’-]+\s+){{0,2}}?(?:{heads})\s+of\s+)?", re.IGNORECASE)  # "... and the whole Kyiv region"


@cache
def trigger_pattern() -> tuple[dict[str, re.Pattern], dict[str, Trigger], FirstWords]:
    table: dict[str, Trigger] = {}
    expand = lexicon()["expand"]
    for group in lexicon()["trigger"]:
        participles = {p.casefold() for p in group.get("participles", ())}
        weak = {w.casefold() for w in group.get("weak", ())}
        receiving = {w.casefold() for w in group.get("needs_receiver", ())}
        for form in group["forms"]:
            for key in _expanded(form, expand):
                table.setdefault(key, Trigger(group["class"], group["place"], group["actor"], group.get("gap", "strict"),
                                              group.get("possessive", False), key in participles, key in weak,
                                              group.get("adjacent", False), group.get("sign", False),
                                              group.get("object", ""), group.get("focus", False),
                                              tuple(group.get("then", ())), key in receiving, group.get("named_actor", False)))
    from geo.places.gazetteer import fold_words  # the folding FirstWords keys its words by

    by_word: dict[str, list[str]] = {}
    for form in sorted((form for form in table if not form.startswith("-")), key=lambda form: (-len(form), form)):
        by_word.setdefault(fold_words(form).split()[0], []).append(form)
    # one small pattern per first word: tried only where that word stands; not after "Sirte'", but in scare quotes
    patterns = {word: re.compile(rf"(?<![\w-])(?<!\w')(?=\w)(?=(?P<t>(?:{'|'.join(_form_regex(f) for f in forms)})(?![\w-])))")
                for word, forms in by_word.items()}
    return patterns, table, FirstWords((form, word) for word, forms in by_word.items() for form in forms)


@cache
def _hyphen_pattern() -> re.Pattern | None:
    """The forms that hang on the word before them by a hyphen ("rebel-held")."""
    forms = [form for form in trigger_pattern()[1] if form.startswith("-")]
    return re.compile(rf"(?<=\w)(?:{_alt(forms)})(?![\w-])") if forms else None


@cache
def speech_pattern() -> re.Pattern:
    """A speech verb just before a date: "said on Monday", "also announced Friday"."""
    return re.compile(rf"\b(?:{'|'.join(lexicon()['cues']['speech'])})\s+(?:\w+\s+)?$", re.IGNORECASE)
