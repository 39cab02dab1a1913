"""Find the places an article names, in one pass, and resolve each with the article as evidence.

Matching runs once over the whole text with an Aho-Corasick automaton of every
gazetteer name, on a length-preserving folding of the text (:func:`geo.places.names.fold_words`),
so offsets stay those of ``article.text``. A match must start with a capital
letter, stand on word boundaries (a possessive ``'s`` may follow) and lie in
one of the article's sentences. Names that are also common words or given
names need a locative word before them; a name after a title or a given name
is a person's, and stays one for the whole article.

>>> from geo.records import Article, Sentence
>>> t = "Rebels shelled Tripoli, the Libyan capital, from Misrata."
>>> [(m.surface, m.place.country) for m in find_mentions(Article("a", t, sentences=(Sentence(0, len(t), t),)),
...                                                        Gazetteer.default())]
[('Tripoli', 'LY'), ('Libyan', 'LY'), ('Misrata', 'LY')]
"""

from __future__ import annotations

import bisect
import functools
import math
import re
import weakref
from collections.abc import Sequence
from dataclasses import dataclass

import ahocorasick

from geo.places.gazetteer import Gazetteer, fold_words, normalise, prior, text_keys
from geo.lexicon import load as load_lexicon
from geo.records import Article, DistanceClaim, Mention, Place, PlaceKind

__all__ = ["find_mentions", "located_by_text", "prepare"]

_CONTEXT_BONUS = 4.0
_KIND_BONUS = 5.0
_SETTLEMENT_BONUS = 1.5
_ARTICLE_BEFORE = re.compile(r"\b(?:(?:[Aa]l|[Ee]l)[-\s\u2010\u2011]|(?:[Aa][rsndtz]|[Aa]sh)[-\u2010\u2011])$")
_WORD_BEFORE = re.compile(r"([\w'’.]+)[\s,]*$")
_WORD_AFTER = re.compile(r"^(?:'s|’s)?[ \t]*([\w'’]+)")
_SETTLEMENTS = frozenset({PlaceKind.CITY, PlaceKind.TOWN, PlaceKind.VILLAGE})


@dataclass(frozen=True, slots=True)
class _Lexicon:
    demonyms: dict[str, str]
    heads: frozenset[str]
    extend: frozenset[str]
    kind_words: dict[str, PlaceKind]
    kind_before: frozenset[str]
    locative: frozenset[str]
    common: frozenset[str]
    titles: frozenset[str]
    person_names: frozenset[str]
    modifiers: frozenset[str]
    never: frozenset[str]


@functools.cache
def _lexicon() -> _Lexicon:
    data = load_lexicon("places")

    def words(items) -> frozenset[str]:
        return frozenset(normalise(w) for w in items)

    kind_words = {normalise(w): PlaceKind(kind) for kind, ws in data["kind_words"].items() for w in ws}
    return _Lexicon(
        demonyms={normalise(k): v for k, v in data["demonyms"].items()},
        heads=words(data["demonym_heads"]["words"]),
        extend=words(data["demonym_extend"]["words"]),
        kind_words=kind_words,
        kind_before=words(data["kind_before"]["words"]),
        locative=words(data["locative"]["words"]),
        common=words(data["common"]["words"]),
        titles=words(data["person"]["titles"]),
        person_names=words(data["person"]["names"]),
        modifiers=words(data["person"]["modifiers"]),
        never=words(data["never"]["words"]),
    )


_MATCHERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_APOSTROPHE = re.compile("['’‘ʼʻ`ʿʾ]")


@dataclass(frozen=True, slots=True)
class _Matcher:
    automaton: ahocorasick.Automaton
    lengths: tuple[int, ...]
    keys: tuple[str, ...]
    demonyms: tuple[str, ...]
    candidates: dict[str, tuple[tuple[Place, ...], tuple[float, ...]]]  # filled as keys are met


def located_by_text(claims: Sequence[DistanceClaim]) -> tuple[Mention, ...]:
    """Unnamed places the text locates only from another place, as unresolved mentions.

    "a checkpoint just a 10 minute drive from Marib" gives a mention of
    "checkpoint" with no place and the hint "just 10 min drive from Marib":
    never a made-up point.
    """
    found = []
    for claim in claims:
        if claim.subject_place is not None or not claim.subject:
            continue
        evidence = claim.evidence
        at = evidence.sentence.find(claim.subject)
        if at < 0:
            continue
        stated = " ".join(p for p in (claim.hedge, f"{claim.value:g}" if claim.value is not None else "",
                                      (claim.unit or "").replace("_", " "), claim.direction) if p)
        hint = f"{stated} from {claim.reference}".strip()
        start = evidence.start + at
        found.append(Mention(claim.article, start, start + len(claim.subject), claim.subject, None, 0.0, "", hint))
    return tuple(found)


def prepare(gazetteer: Gazetteer) -> None:
    """Build the name automaton of ``gazetteer`` now, e.g. before forking workers that share it."""
    _matcher(gazetteer)


def _matcher(gazetteer: Gazetteer) -> _Matcher:
    """The automaton of every name of ``gazetteer`` (and the demonyms), built once per gazetteer."""
    matcher = _MATCHERS.get(gazetteer)
    if matcher is not None:
        return matcher
    lexicon = _lexicon()
    stop = lexicon.modifiers | lexicon.never
    values: dict[str, tuple[str, str]] = {key: (key, "") for key in gazetteer.name_keys()}
    for place in gazetteer:
        for name in (place.name, *place.alternates):
            if _APOSTROPHE.search(name):
                key = normalise(name)
                for text_key in text_keys(name):
                    values.setdefault(text_key, (key, ""))
    for demonym, code in lexicon.demonyms.items():
        values[demonym] = (values.get(demonym, ("", ""))[0], code)
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    lengths, keys, demonyms = [], [], []
    for text_key, (key, demonym) in values.items():
        if (len(text_key) < 3 or text_key in stop) and not demonym:
            continue
        automaton.add_word(f" {text_key} ", len(keys))
        lengths.append(len(text_key))
        keys.append(key)
        demonyms.append(demonym)
    automaton.make_automaton()
    matcher = _Matcher(automaton, tuple(lengths), tuple(keys), tuple(demonyms), {})
    _MATCHERS[gazetteer] = matcher
    return matcher


@dataclass(slots=True)
class _Hit:
    start: int
    end: int
    key: str
    demonym: str
    candidates: tuple[Place, ...] = ()
    priors: tuple[float, ...] = ()
    kind_hint: PlaceKind | None = None
    settlement_hint: bool = False


def find_mentions(article: Article, gazetteer: Gazetteer) -> tuple[Mention, ...]:
    """Every place ``article`` names inside its sentences, resolved, sorted by start offset.

    Parameters
    ----------
    article : the article; only text inside ``article.sentences`` is read.
    gazetteer : where names are looked up (``Gazetteer.default()`` for the bundled one).
    """
    text = article.text
    if not text or not article.sentences:
        return ()
    lexicon = _lexicon()
    hits = _raw_hits(article, gazetteer)
    persons = {h.key for h in hits if h.key and _person_context(text, h, lexicon)}
    kept: list[_Hit] = []
    for hit in hits:
        if hit.demonym:
            if _demonym_head(text, hit, lexicon):
                kept.append(hit)
            continue
        if hit.key in persons or not _place_evidence(text, hit, lexicon):
            continue
        if _surname_after(text, hit, lexicon) and not _is_country(gazetteer, hit.key):
            continue
        hit.candidates, hit.priors = _candidates(gazetteer, hit.key)
        if hit.candidates:
            _kind_evidence(text, hit, lexicon)
            kept.append(hit)
    return tuple(_resolve(article, gazetteer, kept, lexicon))


def _candidates(gazetteer: Gazetteer, key: str) -> tuple[tuple[Place, ...], tuple[float, ...]]:
    """The places answering to ``key`` and their priors, worked out once per gazetteer."""
    known = _matcher(gazetteer).candidates
    found = known.get(key)
    if found is None:
        places = gazetteer.candidates_of_key(key)
        found = known[key] = (places, tuple(prior(place) for place in places))
    return found


def _raw_hits(article: Article, gazetteer: Gazetteer) -> list[_Hit]:
    text = article.text
    size = len(text)
    folded = f" {fold_words(text)} "
    starts = [s.start for s in article.sentences]
    ends = [s.end for s in article.sentences]
    matcher = _matcher(gazetteer)
    lengths, keys, demonyms = matcher.lengths, matcher.keys, matcher.demonyms
    found = []
    for stop, value in matcher.automaton.iter(folded):
        # keys are " name ": folded[stop] is the space after the name, which ends at ``stop - 1`` in text
        stop -= 1
        start = stop - lengths[value]
        if not text[start].isupper():
            continue
        if stop < size:
            after = text[stop]
            if after in "'’" and stop + 1 < size and text[stop + 1].isalnum():
                if text[stop + 1] != "s" or (stop + 2 < size and text[stop + 2].isalnum()):
                    continue
            if after == "." and text[start:stop].count(".") and stop - start <= 4:
                stop += 1
        found.append((start, -stop, value))
    found.sort()
    hits, reached = [], -1
    for start, stop, value in found:
        stop = -stop
        if start < reached:
            continue  # inside a longer name found first (longest match wins)
        at = bisect.bisect_right(starts, start) - 1
        if at < 0 or stop > ends[at]:
            continue
        reached = stop
        demonym = demonyms[value]
        if not demonym and (match := _ARTICLE_BEFORE.search(text, max(0, start - 4), start)):
            start = match.start()
        hits.append(_Hit(start, stop, keys[value], demonym))
    return hits


@functools.lru_cache(maxsize=65536)
def _norm_word(word: str) -> str:
    return normalise(word)


_WORD_CHARS = re.compile(r"[\w'’.]+$")


@functools.lru_cache(maxsize=4096)  # each hit asks up to three times; a str caches its own hash
def _word_before(text: str, start: int) -> tuple[str, bool, bool]:
    """The word before ``start``: (normalised word, capitalised, sentence starts before it)."""
    i = start
    gap_comma = False
    while i > 0 and text[i - 1] in " \t,\u00a0":
        gap_comma = gap_comma or text[i - 1] == ","
        i -= 1
    match = _WORD_CHARS.search(text, max(0, i - 30), i)
    if not match or i == start and start > 0:
        return "", False, True
    word = match.group()
    j = match.start()
    while j > 0 and text[j - 1] in " \t\"“'‘(":
        j -= 1
    sentence_start = j == 0 or text[j - 1] in "\n.!?:"
    return _norm_word(word), word[:1].isupper() and not gap_comma, sentence_start


def _word_after(text: str, end: int) -> str:
    match = _WORD_AFTER.match(text[end : end + 40])
    return match.group(1) if match else ""


def _person_context(text: str, hit: _Hit, lexicon: _Lexicon) -> bool:
    word, capitalised, sentence_start = _word_before(text, hit.start)
    if word in lexicon.titles:
        return True
    if capitalised and not sentence_start and word not in lexicon.modifiers and word not in lexicon.demonyms:
        return True
    if hit.key in lexicon.person_names and _surname_after(text, hit, lexicon):
        return True
    return False


def _surname_after(text: str, hit: _Hit, lexicon: _Lexicon) -> bool:
    """True when a capitalised word that is no kind of place word follows (``Ahmad Chalabi``)."""
    after = _word_after(text, hit.end)
    if not after[:1].isupper() or text[hit.end : hit.end + 1] != " ":
        return False
    word = _norm_word(after)
    return word not in lexicon.kind_words and word not in lexicon.modifiers and not after.isupper()


def _is_country(gazetteer: Gazetteer, key: str) -> bool:
    found = gazetteer.candidates(key)
    return bool(found) and found[0].kind is PlaceKind.COUNTRY


def _place_evidence(text: str, hit: _Hit, lexicon: _Lexicon) -> bool:
    if hit.key not in lexicon.common and hit.key not in lexicon.person_names:
        return True
    word, _, sentence_start = _word_before(text, hit.start)
    return word in lexicon.locative and not (sentence_start and word == "")


def _demonym_head(text: str, hit: _Hit, lexicon: _Lexicon) -> bool:
    rest = text[hit.end : hit.end + 80]
    first = True
    while True:
        match = re.match(r"^[-\s\u2010\u2011]+(?:and\s+)?([\w'’]+)", rest)
        if not match:
            return False
        word = _norm_word(match.group(1))
        if word in lexicon.heads:
            if first and word in lexicon.extend and not rest.startswith("-"):
                hit.end += match.end()
            return True
        first = False
        if word not in lexicon.demonyms:
            return False
        rest = rest[match.end() :]


def _kind_evidence(text: str, hit: _Hit, lexicon: _Lexicon) -> None:
    after = _word_after(text, hit.end)
    kind = lexicon.kind_words.get(_norm_word(after)) if after else None
    if kind is not None and any(p.kind is kind for p in hit.candidates):
        hit.kind_hint = kind
        if kind in (PlaceKind.PROVINCE, PlaceKind.RIVER) and text[hit.end : hit.end + 1] == " ":
            hit.end += 1 + len(after)
    word, _, _ = _word_before(text, hit.start)
    if word == "of":
        word, _, _ = _word_before(text, hit.start - 3)
    hit.settlement_hint = word in lexicon.kind_before


def _context_countries(article: Article, gazetteer: Gazetteer, hits: list[_Hit]) -> dict[str, float]:
    weights: dict[str, float] = {}
    for hit in hits:
        if hit.demonym:
            weights[hit.demonym] = weights.get(hit.demonym, 0.0) + 1.0
            continue
        countries = {p.country for p in hit.candidates if p.country}
        top = hit.candidates[0]
        if top.kind is PlaceKind.COUNTRY or len(countries) == 1:
            weights[top.country] = weights.get(top.country, 0.0) + 1.0
    if article.dateline:
        for part in article.dateline.split(","):
            found = gazetteer.candidates(part.strip())
            if found and found[0].country:
                weights[found[0].country] = weights.get(found[0].country, 0.0) + 2.0
    total = sum(weights.values()) or 1.0
    return {code: w / total for code, w in weights.items()}


def _resolve(article: Article, gazetteer: Gazetteer, hits: list[_Hit], lexicon: _Lexicon) -> list[Mention]:
    context = _context_countries(article, gazetteer, hits)
    mentions = []
    for hit in hits:
        surface = article.text[hit.start : hit.end]
        if hit.demonym:
            place = gazetteer.country(hit.demonym)
            if place is not None:
                mentions.append(Mention(article.id, hit.start, hit.end, surface, place, 1.0, ""))
            continue
        if len(hit.candidates) == 1:  # most names: nothing to choose between
            mentions.append(Mention(article.id, hit.start, hit.end, surface, hit.candidates[0], 1.0, ""))
            continue
        scored = []
        for place, place_prior in zip(hit.candidates, hit.priors):
            score = place_prior + _CONTEXT_BONUS * context.get(place.country, 0.0)
            if hit.kind_hint is not None and place.kind is hit.kind_hint:
                score += _KIND_BONUS
            if hit.settlement_hint and place.kind in _SETTLEMENTS:
                score += _SETTLEMENT_BONUS
            scored.append((score, place.id, place))
        scored.sort(key=lambda item: (-item[0], item[1]))
        best = scored[0][0]
        total = sum(math.exp(s - best) for s, _, _ in scored)
        runner_up = scored[1][1] if len(scored) > 1 else ""
        mentions.append(Mention(article.id, hit.start, hit.end, surface, scored[0][2], 1.0 / total, runner_up))
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions
