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
import functools
import math
import re
import weakref
from collections.abc import Sequence
from dataclasses import dataclass

import marisa_trie

from geo.places import evidence
from geo.places.gazetteer import Gazetteer, fold_words, normalise, static_scores
from geo.places.unlocated import find_unlocated
from geo.lexicon import load as load_lexicon
from geo.records import Article, DistanceClaim, Mention, Place, PlaceKind

__all__ = ["find_mentions", "located_by_text", "prepare"]

_CONTEXT_BONUS = 4.0
_KIND_BONUS = 5.0
_SETTLEMENT_BONUS = 1.5
_REACH = _CONTEXT_BONUS + _KIND_BONUS + _SETTLEMENT_BONUS + 1.0  # beyond this below the best, a place cannot win
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
    common_zipf: tuple[float, float, float, float]  # min_zipf, base, per_log_population, excess
    strong_locative: frozenset[str]
    lower_in_names: frozenset[str]


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
        common_zipf=tuple(float(data["common_words"][k]) for k in ("min_zipf", "base", "per_log_population", "excess")),
        strong_locative=words(data["locative"]["words"]) - words(data["common_words"]["weak_locatives"]),
        lower_in_names=frozenset(w.lower() for w in data["lower_in_names"]["words"]),
    )


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
    persons = {h.key for h in hits if h.key and id(h) not in features and _person_context(text, h, lexicon)}
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
        if entry.places[0].kind is not PlaceKind.COUNTRY and _surname_after(text, hit, lexicon):
            continue
        hit.candidates, hit.priors = entry.places, entry.scores
        if _acronym(text, hit):
            hit.candidates, hit.priors = _spelled_so(text[hit.start : hit.end], hit)
            if not hit.candidates:
                continue
        _kind_evidence(text, hit, lexicon)
        if entry.common and not _strong_evidence(hit, lexicon):
            continue
        subject = hit.before[0] not in lexicon.locative
        if entry.places[0].kind is not PlaceKind.COUNTRY and evidence.governs(text, hit.start, hit.end, subject=subject):
            continue  # "Moscow said": the government, not the place
        kept.append(hit)
    named_by: dict[str, set[str]] = {}
    context = _context_countries(article, gazetteer, kept, named_by)
    focus = max(context.items(), key=lambda item: (item[1], item[0]), default=("", 0.0))
    mentions, unsupported = _resolve(article, gazetteer, kept, context, focus, named_by)
    unlocated = find_unlocated(article, mentions, gazetteer, country=focus[0] if focus[1] >= 0.5 else "",
                               unsupported=unsupported)
    return tuple(sorted([*mentions, *unlocated], key=lambda m: (m.start, m.end))) if unlocated else tuple(mentions)


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
        common = bool(places) and zipf >= min_zipf and zipf - (
            base + slope * math.log10(max(p.population for p in places) + 1)) >= excess
        found = matcher.candidates[key] = _Entry(places, tuple(scores[i] for i in kept),
                                                 frozenset(p.country for p in places if p.country),
                                                 frozenset(p.kind for p in places), common)
    return found


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

    "Mocimboa da Praia", "Mosul airport": a name; "The city": not one.
    """
    for word in _WORDS_OF.findall(surface):
        if word[0].islower() and len(word) > 3 and word.lower().rstrip(".,") not in lower_words:
            return False
    return True


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


@functools.lru_cache(maxsize=65536)
def _norm_word(word: str) -> str:
    return normalise(word)


# Read backwards from a name: the gap before it, the word before that, quotes, and the character before them.
_BEFORE_BACK = re.compile(r"([ \t,\u00a0]*)([\w'’.]*)([ \t\"“'‘(]*)(.?)", re.DOTALL)


def _word_before(text: str, start: int) -> tuple[str, bool, bool]:
    """The word before ``start``: (normalised word, capitalised, sentence starts before it)."""
    low = max(0, start - 48)
    gap, word, quotes, previous = _BEFORE_BACK.match(text[low:start][::-1]).groups()
    if not word or not gap:
        return "", False, True
    word = word[::-1]
    first = start - len(gap) - len(word) - len(quotes)  # where the quotes before the word begin
    sentence_start = first == 0 or previous in "\n.!?:" and previous != ""
    if word.endswith(".") and len(word) > 2 and "." not in word[:-1] and _norm_word(word) not in _lexicon().titles:
        sentence_start = True  # "in northern Iraq. Sinjar": a full stop, not an abbreviation ("Gen.", "U.S.")
    return _norm_word(word), word[:1].isupper() and "," not in gap, sentence_start


def _word_after(text: str, end: int) -> str:
    match = _WORD_AFTER.match(text[end : end + 40])
    return match.group(1) if match else ""


def _person_context(text: str, hit: _Hit, lexicon: _Lexicon) -> bool:
    word, capitalised, sentence_start = hit.before
    if word in lexicon.titles:
        return True
    if capitalised and not sentence_start and word not in lexicon.modifiers and word not in lexicon.demonyms:
        return True
    if capitalised and sentence_start and evidence.title_before(text, hit.start):
        return True  # "Col. Ryan Dillon": the period is the title's, not a sentence's end
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


def _acronym(text: str, hit: _Hit) -> bool:
    """True for an all-capitals word inside running text (GNA, NATO, SANA), not in a dateline (KHAZNA, IRAQ -)."""
    surface = text[hit.start : hit.end]
    if not surface.isupper() or len(surface) < 2:
        return False
    line = text.rfind("\n", 0, hit.start) + 1
    return any(c.islower() for c in text[line : hit.start])


def _spelled_so(surface: str, hit: _Hit) -> tuple[tuple[Place, ...], tuple[float, ...]]:
    """The candidates one of whose names is written exactly as ``surface`` (an acronym names only such)."""
    kept = [(p, s) for p, s in zip(hit.candidates, hit.priors) if surface in (p.name, *p.alternates)]
    return tuple(p for p, _ in kept), tuple(s for _, s in kept)


def _strong_evidence(hit: _Hit, lexicon: _Lexicon) -> bool:
    """A locative word other than "of" before the name, a settlement cue, or a kind word after it."""
    if hit.settlement_hint or hit.kind_hint is not None:
        return True
    word, _, sentence_start = hit.before
    return word in lexicon.strong_locative and not (sentence_start and word == "")


def _place_evidence(text: str, hit: _Hit, lexicon: _Lexicon) -> bool:
    if hit.key not in lexicon.common and hit.key not in lexicon.person_names:
        return True
    word, _, sentence_start = hit.before
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
    if kind is not None and kind in hit.entry.kinds:
        hit.kind_hint = kind
        if kind in (PlaceKind.PROVINCE, PlaceKind.RIVER) and text[hit.end : hit.end + 1] == " ":
            hit.end += 1 + len(after)
    elif PlaceKind.PROVINCE in hit.entry.kinds and evidence.area_before_of(text, hit.start):
        hit.kind_hint = PlaceKind.PROVINCE  # "the province of Samangan"
    if hit.kind_hint in (PlaceKind.PROVINCE, PlaceKind.RIVER):  # the word names the area, not a same-named city
        kept = [(p, s) for p, s in zip(hit.candidates, hit.priors) if p.kind is hit.kind_hint]
        if kept:
            hit.candidates, hit.priors = tuple(p for p, _ in kept), tuple(s for _, s in kept)
    word = hit.before[0]
    if word == "of":
        word, _, _ = _word_before(text, hit.start - 3)
    hit.settlement_hint = word in lexicon.kind_before


def _context_countries(article: Article, gazetteer: Gazetteer, hits: list[_Hit],
                       named_by: dict[str, set[str]] | None = None) -> dict[str, float]:
    """The share of the article's evidence for each country; ``named_by`` is filled with the names giving it."""
    weights: dict[str, float] = {}
    named_by = {} if named_by is None else named_by
    for hit in hits:
        if hit.demonym:
            weights[hit.demonym] = weights.get(hit.demonym, 0.0) + 1.0
            named_by.setdefault(hit.demonym, set()).add(hit.key)
            continue
        top = hit.candidates[0]
        if top.kind is PlaceKind.COUNTRY or len(hit.entry.countries) == 1 or all(
                p.country == top.country for p in hit.candidates):  # "Borno state": the kind word has chosen
            weights[top.country] = weights.get(top.country, 0.0) + 1.0
            named_by.setdefault(top.country, set()).add(hit.key)
    if article.dateline:
        for part in article.dateline.split(","):
            found = gazetteer.candidates(part.strip())
            if found and found[0].country:
                weights[found[0].country] = weights.get(found[0].country, 0.0) + 2.0
                named_by.setdefault(found[0].country, set()).add("")
    total = sum(weights.values()) or 1.0
    return {code: w / total for code, w in weights.items()}


def _resolve(article: Article, gazetteer: Gazetteer, hits: list[_Hit], context: dict[str, float],
             focus: tuple[str, float], named_by: dict[str, set[str]]) -> tuple[list[Mention], frozenset[str]]:
    """The mentions of ``hits``, and the names left out for want of support (see ``[support]``)."""
    mentions, unsupported = [], set()
    needs = evidence.support()
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
    keys = {hit.start: hit.key for hit in hits}
    if focus[1] >= needs.focus:
        others = [(keys[m.start], m.place) for m in mentions if m.place.kind is not PlaceKind.COUNTRY]
        decided: dict[tuple[str, str], bool] = {}
        for mention in mentions:
            key = keys[mention.start]
            if (key, mention.place.id) not in decided:
                decided[key, mention.place.id] = _unsupported(mention.place, key, others, focus, named_by, needs)
            if decided[key, mention.place.id]:
                unsupported.add(key)
    if unsupported:  # a small place of a country the text never names, far from all it names: not this one
        mentions = [m for m in mentions if keys[m.start] not in unsupported]
    return mentions, frozenset(unsupported)


def _unsupported(place: Place, key: str, others: list[tuple[str, Place]], focus: tuple[str, float],
                 named_by: dict[str, set[str]], needs: evidence.Support) -> bool:
    """A small place of a country no other name gives, far from every other place named, the focus elsewhere."""
    if (place.country == focus[0] or place.kind not in _SETTLEMENTS or place.population >= needs.min_population
            or named_by.get(place.country, set()) - {key}):
        return False
    far = [other for name, other in others if name != key and other.lat is not None]
    return bool(far) and all(_km(place, other) > needs.far_km for other in far)


def _km(a: Place, b: Place) -> float:
    """Great-circle distance on a sphere: enough to tell "near" from "a continent away"."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b.lon - a.lon) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))
