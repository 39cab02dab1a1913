"""Find the places an article names, in one pass, and resolve each with the article as evidence.

At each capitalised word, the longest gazetteer name that starts there is
looked up by prefix in the gazetteer's prebuilt trie of every search key, on
a length-preserving folding of the text (:func:`geo.places.names.fold_words`),
so offsets stay those of ``article.text``. A match must stand on word
boundaries (a possessive ``'s`` may follow) and lie in one of the article's
sentences. Names that are also common words or given
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
import math
import re
import weakref
from collections.abc import Sequence
from dataclasses import dataclass

import marisa_trie

from geo.places import evidence
from geo.places.clipped import clipped
from geo.places.stated import with_stated_countries
from geo.places.cues import (Lexicon as _Lexicon, acronym as _acronym, demonym_head as _demonym_head,
                             kind_evidence as _kind_evidence, lexicon as _lexicon,
                             person_context as _person_context, place_evidence as _place_evidence, river_not_held as _river_not_held,
                             spelled_so as _spelled_so, strong_evidence as _strong_evidence,
                             surname_after as _surname_after, word_before as _word_before,
                             part_of_longer_name as _part_of_longer_name, water as _water)
from geo.places.respelled import respelled
from geo.places.resolve import REACH as _REACH, context_countries as _context_countries, resolve as _resolve
from geo.places.facilities import with_owned_facilities
from geo.places.gazetteer import Gazetteer, fold_words, static_scores
from geo.places.unlocated import find_unlocated
from geo.records import Article, DistanceClaim, Mention, Place, PlaceKind

__all__ = ["find_mentions", "located_by_text", "prepare"]

_ARTICLE_BEFORE = re.compile(r"\b(?:(?:[Aa]l|[Ee]l)[-\s\u2010\u2011]|(?:[Aa][rsndtz]|[Aa]sh)[-\u2010\u2011])$")
_WORD_BEFORE = re.compile(r"([\w'’.]+)[\s,]*$")


_MATCHERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_UPPER = "".join(chr(c) for c in range(0x2FF) if chr(c).isupper()) + "".join(
    chr(c) for c in range(0x2FF, 0x10000) if chr(c).isupper() and chr(c).isalpha())
# Where a capitalised word starts: a capital letter not preceded by a letter or digit.
_WORD_START = re.compile(f"(?<![^\\W_])[{re.escape(_UPPER)}]")
_LONGEST = 80  # characters: no name searched for is longer
_BOUNDARY = frozenset({" ", ""})
_WORDS_OF = re.compile(r"[^\W\d_][^\s\-\u2010\u2011]*")  # apostrophes stay inside a word (Ma'arrat)
_ARTICLE_ENDS = frozenset("- \t\u2010\u2011")
_ASCII_SHAPE = bytes(b"A"[0] if chr(c).isupper() else b"a"[0] if chr(c).isalnum() else 32 for c in range(128)) + bytes(128)
_ASCII_UPPER_START = re.compile(b" A")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@dataclass(frozen=True, slots=True)
class _Matcher:
    tries: tuple[marisa_trie.Trie, ...]
    demonyms: marisa_trie.Trie
    demonym_codes: dict[str, str]
    demonym_first_words: frozenset[str]  # their first three letters: a cheap test before the trie
    stop: frozenset[str]
    candidates: dict[str, _Entry]  # filled as keys are met


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
    """The name tries of ``gazetteer`` and a small one of the demonyms, once per gazetteer."""
    matcher = _MATCHERS.get(gazetteer)
    if matcher is not None:
        return matcher
    lexicon = _lexicon()
    matcher = _Matcher(gazetteer.search_tries(), marisa_trie.Trie(lexicon.demonyms), dict(lexicon.demonyms),
                       frozenset(d[:3] for d in lexicon.demonyms), lexicon.modifiers | lexicon.never, {})
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
    before: tuple[str, bool, bool] = ("", False, True)  # _word_before(text, start)
    entry: _Entry | None = None


@dataclass(frozen=True, slots=True)
class _Entry:
    """What the gazetteer says of one search key, worked out once: the plausible places and their facts."""

    places: tuple[Place, ...]
    scores: tuple[float, ...]  # static_scores, best first
    countries: frozenset[str]
    kinds: frozenset[PlaceKind]
    common: bool  # an English word more common than its best-known place explains


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
    matcher = _matcher(gazetteer)
    hits = _raw_hits(article, gazetteer)
    for hit in hits:
        hit.before = _word_before(text, hit.start)
    features = {id(h) for h in hits if not h.demonym and evidence.not_the_place(text, h.start, h.end, h.before, h.key)}
    ends = {h.end for h in hits}
    persons = {h.key for h in hits if h.key and id(h) not in features and not _owned_by_place(text, h, ends)
               and _person_context(text, h, lexicon)}
    kept: list[_Hit] = []
    for hit in hits:
        if hit.demonym:
            if _demonym_head(text, hit, lexicon):
                kept.append(hit)
            continue
        if id(hit) in features or hit.key in persons or not _place_evidence(text, hit, lexicon):
            continue
        entry = hit.entry = _entry(gazetteer, matcher, hit.key, lexicon)
        if not entry.places:
            continue
        if entry.places[0].kind is not PlaceKind.COUNTRY and (_surname_after(text, hit, lexicon)
                                                              or _part_of_longer_name(text, hit, lexicon)):
            continue
        if _water(text, hit, lexicon):
            continue  # "the Red Sea port of Hodeidah": the sea, not Egypt's Red Sea governorate
        hit.candidates, hit.priors = entry.places, entry.scores
        if _acronym(text, hit):
            hit.candidates, hit.priors = _spelled_so(text[hit.start : hit.end], hit)
            if not hit.candidates:
                continue
        if _river_not_held(text, hit, lexicon):
            continue  # "the Dnipro river": a river, not the city of Dnipro
        _kind_evidence(text, hit, lexicon)
        if entry.common and not _strong_evidence(text, hit, lexicon):
            continue
        subject = hit.before[0] not in lexicon.locative
        if entry.places[0].kind is not PlaceKind.COUNTRY and evidence.governs(text, hit.start, hit.end, subject=subject):
            continue  # "Moscow said": the government, not the place
        kept.append(hit)
    kept, elsewhere = with_stated_countries(text, kept)  # "the Mozambican town of Palma": not Palma, Spain
    named_by: dict[str, set[str]] = {}
    context = _context_countries(article, gazetteer, kept, named_by)
    focus = max(context.items(), key=lambda item: (item[1], item[0]), default=("", 0.0))
    mentions, unsupported = _resolve(article, gazetteer, kept, context, focus, named_by)
    mentions = with_owned_facilities(text, mentions, gazetteer.candidates)  # "Gao's airport": the airport
    unlocated = find_unlocated(article, mentions, gazetteer, country=focus[0] if focus[1] >= 0.5 else "",
                               unsupported=unsupported | elsewhere)
    if unlocated:
        mentions = sorted([*mentions, *respelled(unlocated, gazetteer)], key=lambda m: (m.start, m.end))
    return tuple(clipped(mentions))


def _entry(gazetteer: Gazetteer, matcher: _Matcher, key: str, lexicon: _Lexicon) -> _Entry:
    """The :class:`_Entry` of ``key``, once per gazetteer.

    Places whose static score lies so far below the best that no evidence in
    the text could lift them (all bonuses together) are left out.
    """
    found = matcher.candidates.get(key)
    if found is None:
        matches = gazetteer.matches_of_key(key)
        scores = static_scores(matches)
        order = sorted(range(len(matches)), key=lambda i: -scores[i])
        floor = scores[order[0]] - _REACH if order else 0.0
        kept = [i for i in order if scores[i] >= floor]
        places = tuple(matches[i][0] for i in kept)
        zipf = gazetteer.word_frequency(key)
        min_zipf, base, slope, excess = lexicon.common_zipf
        area_population, area_max_zipf = lexicon.area_zipf
        areas = bool(places) and all(p.kind in _AREA_KINDS for p in places)
        population = max((p.population or area_population) if p.kind in _AREA_KINDS else p.population for p in places) \
            if places else 0
        common = bool(places) and zipf >= min_zipf and (
            zipf - (base + slope * math.log10(population + 1)) >= excess or (areas and zipf >= area_max_zipf))
        if places and key in lexicon.actor_words and places[0].kind is not PlaceKind.COUNTRY and \
                getattr(gazetteer.capital(places[0].country), "id", None) != places[0].id:
            common = True  # "Hamas", "Wagner": an armed group's name, a place only where the text says so
        found = matcher.candidates[key] = _Entry(places, tuple(scores[i] for i in kept),
                                                 frozenset(p.country for p in places if p.country),
                                                 frozenset(p.kind for p in places), common)
    return found


_AREA_KINDS = frozenset({PlaceKind.PROVINCE, PlaceKind.REGION})
_POSSESSIVE_BEFORE = re.compile(r"['’]s[ \t]+$")


def _owned_by_place(text: str, hit: _Hit, ends: set[int]) -> bool:
    """ "Syria's Saraqib", "Yemen's Hodeidah": a name a place owns is a place of it, not a person's name."""
    owner = _POSSESSIVE_BEFORE.search(text, max(0, hit.start - 4), hit.start)
    return owner is not None and owner.start() in ends


def _word_starts(text: str) -> list[int]:
    """Where each capitalised word of ``text`` starts (a capital letter after no letter or digit)."""
    if not text.isascii():  # news text mostly is: stand the few other characters in by ASCII ones of their shape
        text = _NON_ASCII.sub(_shape_char, text)
        if not text.isascii():
            return [m.start() for m in _WORD_START.finditer(text)]
    return [m.start() for m in _ASCII_UPPER_START.finditer(b" " + text.encode("ascii").translate(_ASCII_SHAPE))]


def _shape_char(match: re.Match) -> str:
    char = match.group()
    return "A" if char.isupper() else "a" if char.isalnum() else " "


def _written_as_name(surface: str, lower_words: frozenset[str]) -> bool:
    """True when each word of a name of several words is capitalised, or a particle or facility word.

    "Mocimboa da Praia", "Gao airport": a name; "The city", "The camp" (a name of a village in England): not one.
    """
    words = _WORDS_OF.findall(surface)
    for word in words:
        if word[0].islower() and len(word) > 3 and word.lower().rstrip(".,") not in lower_words:
            return False
    return not (words and words[0].casefold() == "the" and not any(word[0].isupper() for word in words[1:]))


def _raw_hits(article: Article, gazetteer: Gazetteer) -> list[_Hit]:
    text = article.text
    size = len(text)
    folded = fold_words(text) + " "
    starts = [s.start for s in article.sentences]
    ends = [s.end for s in article.sentences]
    matcher = _matcher(gazetteer)
    tries, stop, first_words = matcher.tries, matcher.stop, matcher.demonym_first_words
    lower_words = _lexicon().lower_in_names
    hits, reached = [], -1
    apostrophes = evidence.inner_apostrophes(text)
    for start in _word_starts(text):
        if start < reached:
            continue  # inside a longer name found before (longest match wins)
        window = folded[start : start + _LONGEST]
        best, best_key, demonym = 0, "", ""
        for trie in tries:
            for key in reversed(trie.prefixes(window)):
                size_key = len(key)
                if size_key <= best:
                    break
                if window[size_key : size_key + 1] in _BOUNDARY and size_key >= 3 and key not in stop and (
                        " " not in key or _written_as_name(text[start : start + size_key], lower_words)):
                    best, best_key = size_key, key
                    break
        if apostrophes and (at := bisect.bisect_left(apostrophes, start)) < len(apostrophes) and \
                apostrophes[at] < start + 24:  # "Sana’a": the name is written without it
            best, best_key = _without_apostrophes(text, start, tries, stop, lower_words, best, best_key)
        if folded[start : start + 3] in first_words:
            for key in matcher.demonyms.prefixes(window):
                if len(key) >= best and window[len(key) : len(key) + 1] in _BOUNDARY:
                    best, best_key, demonym = len(key), key, matcher.demonym_codes[key]
        if not best:
            continue
        stop_at = start + best
        if stop_at < size:
            after = text[stop_at]
            if after in "'’" and stop_at + 1 < size and text[stop_at + 1].isalnum():
                if text[stop_at + 1] != "s" or (stop_at + 2 < size and text[stop_at + 2].isalnum()):
                    continue
            if after == "." and text[start:stop_at].count(".") and stop_at - start <= 4:
                stop_at += 1
        at = bisect.bisect_right(starts, start) - 1
        if at < 0 or stop_at > ends[at]:
            continue
        reached = stop_at
        if not demonym and start > 1 and text[start - 1] in _ARTICLE_ENDS and (
                match := _ARTICLE_BEFORE.search(text, max(0, start - 4), start)):
            start = match.start()
        hits.append(_Hit(start, stop_at, best_key, demonym))
    return hits


def _without_apostrophes(text, start, tries, stop, lower_words, best, best_key) -> tuple[int, str]:
    """The longest name at ``start`` once apostrophes inside words are dropped, if longer than ``best``."""
    dropped = evidence.apostrophes_dropped(text[start : start + _LONGEST])
    if dropped is None:
        return best, best_key
    alt_text, kept_at = dropped
    alt = fold_words(alt_text) + " "
    for trie in tries:
        for key in reversed(trie.prefixes(alt)):
            size = kept_at[len(key) - 1] + 1  # the characters of the text it spans
            if size <= best:
                break
            if alt[len(key) : len(key) + 1] in _BOUNDARY and len(key) >= 3 and key not in stop and (
                    " " not in key or _written_as_name(text[start : start + size], lower_words)):
                best, best_key = size, key
                break
    return best, best_key
