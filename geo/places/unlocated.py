"""Places the text names that no gazetteer entry locates: reported, never guessed.

A capitalised name becomes an unlocated place when the text presents it as a
place: after a settlement noun ("the village of Tal Hamis", "the towns of
A and B"), before one ("Kamyanka village"), as the object of a verb of
control ("militants seized Bir Ghanam"), as what a stated distance places
("Bir Ghanam lies about 25 km south of Tripoli"), or in a list beside such
a place or a located one ("Bir Ghanam, Zawiya and Tal Hamis"). The mention's place is
:meth:`geo.records.Place.unlocated` (no coordinates) and its ``hint`` the cue.
The cue patterns are built by :mod:`geo.places.unlocated_cues`.

>>> from geo.read.articles import make_article
>>> from geo.places.gazetteer import Gazetteer
>>> a = make_article("Rebels seized the village of Qarqur Tahtani on Monday.\\n", "a")
>>> [(m.surface, m.place.id, m.hint) for m in find_unlocated(a, (), Gazetteer.default())]
[('Qarqur Tahtani', 'unlocated:qarqur-tahtani', 'the village of')]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Sequence
from dataclasses import replace

from geo.places.gazetteer import Gazetteer
from geo.places.names import normalise
from geo.places.unlocated_cues import Cues, cues as _cues
from geo.records import Article, Mention, Place, PlaceKind, SETTLEMENTS

__all__ = ["find_unlocated"]

# Where a clause ends: no cue pattern reads across it (a full stop inside a number, "2.5 km", is none).
_CLAUSE_END = re.compile(r"[.!?;:](?<![\d,.]\.)\s+")
_WORD_CHAR = re.compile(r"[\w'’]")
_CONTAINER = re.compile(r"\b(?:main|largest|biggest|second|third|principal|chief|only)\s+(?:[a-z-]+\s+)?[a-z]+\s+of$", re.IGNORECASE)


def find_unlocated(article: Article, mentions: Sequence[Mention], gazetteer: Gazetteer, *,
                   country: str = "", unsupported: frozenset[str] = frozenset()) -> tuple[Mention, ...]:
    """Mentions of the places ``article`` presents as such that neither ``mentions`` nor ``gazetteer`` hold.

    ``mentions`` are the article's resolved mentions (their spans are taken);
    ``country`` (ISO2, may be empty) is the country the article is about,
    given to each unlocated place. Names in ``unsupported`` (normalised) are
    known to the gazetteer only as places elsewhere that the text gives no
    support to: such a name is treated as one the gazetteer does not hold.
    """
    cues = _cues()
    text = article.text
    taken = _Spans((m.start, m.end) for m in mentions)
    found: dict[tuple[int, int], Mention] = {}

    def consider(start: int, end: int, cue: str, kind: PlaceKind, named: bool = False) -> None:
        end = _trimmed(text, start, end, cues)
        name = text[start:end]
        if taken.overlaps(start, end) or article.sentence_at(start) is None:
            return
        if article.sentence_at(end - 1) is not article.sentence_at(start):
            return
        if not _plausible(name, text, end, cues, named or kind is PlaceKind.FACILITY) or (normalise(name) not in unsupported and gazetteer.candidates(name)):
            return  # the gazetteer knows the name: the mention rules have judged it
        found[(start, end)] = _mention(article, start, end, cue, kind, country)
        taken.add((start, end))

    before, after, measured = _stretches(text, cues)
    for match in _finditer(cues.after, text, after):  # first: "entered Kamyanka village" is a village
        consider(match.start("name"), match.end("name"), match.group("noun"), cues.nouns[match.group("noun").lower()])
    for match in _finditer(cues.measured, text, measured):  # "Bir Ghanam lies about 25 km south of Tripoli"
        if match.group("fname"):  # "had taken Qasr Bu Hadi base about 20 km south of Sirte"
            consider(match.start("fname"), match.end("fname"), " ".join(match.group("fcue").split()), PlaceKind.FACILITY)
            continue
        # One word opening a sentence may be any capitalised word ("Fighting is 20 km from the border"): a name when
        # the article also writes it capitalised inside a sentence and never in lower case, or a verb of position or
        # "is a town" places it.
        name = match.group("name")
        if re.search(r"[-\s]", name) or text[:match.start("name")].rstrip().endswith(",") or _written_as_name(text, name) \
                or ((match.group("settled") or _placing(match)) and _may_open(name, cues)):
            # "Hadrut is a town 25 miles south of", "Konna lies 700 kilometers northeast of Bamako"
            kind = cues.nouns[match.group("snoun").lower()] if match.group("snoun") else PlaceKind.TOWN
            consider(match.start("name"), match.end("name"), " ".join(match.group("cue").split()), kind)
    for match in _finditer(cues.measured_from, text, measured):  # "Tokmak is about 20km south of Robotyne"
        if normalise(match.group("name").split()[0]) not in cues.not_references:  # not "5 km from Lake Chad"
            consider(match.start("name"), match.end("name"), " ".join(match.group("cue").split()), PlaceKind.TOWN)
    for match in _finditer(cues.before, text, before):
        noun, cue = match.group("noun"), match.group("cue")
        if noun and _CONTAINER.search(cue):
            continue  # "the main city of Nagorno-Karabakh": a region that holds the city, no town
        kind = cues.nouns[noun.lower()] if noun else PlaceKind.FACILITY if match.group("the") else PlaceKind.TOWN
        if noun and (the := cue.lower().rfind("the ")) > 0:
            cue = cue[the:]  # "seized the village of": the cue is "the village of"
        consider(match.start("name"), match.end("name"), cue, kind, named=bool(noun))
        if noun and noun.lower() in cues.plural:  # "the neighbourhoods of Sheikh Saeed and Salaheddine"
            _follow(text, match.end("name"), cues, lambda a, b: consider(a, b, cue, kind, named=True))
    for match in cues.apposed.finditer(text):  # "Odaisseh, a village about 1 km from the border"
        # one word may be any capitalised word opening a sentence ("Yesterday, a town ..."): as for measures
        named = cues.name_before.search(text, max(0, match.start() - 80), match.start())
        if named is not None and (re.search(r"[-\s]", named.group("name")) or _written_as_name(text, named.group("name"))
                                  or (cues.measure_next.match(text, match.end()) and _may_open(named.group("name"), cues))):
            # "Hadrut, a town roughly 25 miles south of Stepanakert": a sentence's first word, placed by a distance
            consider(named.start("name"), named.end("name"), match.group("cue"), cues.nouns[match.group("noun").lower()],
                     named=True)
    for match in cues.relative.finditer(text):  # "Kiwanja, which they captured on Tuesday"
        named = cues.name_before.search(text, max(0, match.start() - 80), match.start())
        if named is not None and (re.search(r"[-\s]", named.group("name")) or _written_as_name(text, named.group("name"))):
            consider(named.start("name"), named.end("name"), match.group("cue"), PlaceKind.TOWN)
    if cues.introduced.search(text):
        for match in cues.including.finditer(text):  # "pushed into several villages, including X and Y"
            kind, cue = cues.nouns[match.group("noun").lower()], f"{match.group('noun')} {match.group('intro')}"
            consider(match.start("name"), match.end("name"), cue, kind)
            _follow(text, match.end("name"), cues, lambda a, b: consider(a, b, cue, kind))
    listed = _listed(article, [*mentions, *found.values()], taken, cues, country, gazetteer)
    presented = [*found.values(), *listed]
    return tuple(sorted([*presented, *_named_again(article, presented, taken)], key=lambda m: (m.start, m.end)))


def _named_again(article: Article, presented: Sequence[Mention], taken: _Spans) -> list[Mention]:
    """Each other place of the text a presented name stands, written as that name, as a mention of the same place:
    "seized the town of Baga ... Baga lies on the shore of Lake Chad" (one place of that name in one report)."""
    again = []
    for name, first in {m.surface: m for m in presented}.items():
        for match in re.finditer(rf"(?<![\w'’-]){re.escape(name)}(?![\w'’-])", article.text):
            if not taken.overlaps(*match.span()) and article.sentence_at(match.start()) is not None:
                again.append(replace(first, start=match.start(), end=match.end()))
                taken.add(match.span())
    return again


def _follow(text: str, position: int, cues: Cues, consider) -> None:
    """``consider(start, end)`` for each further name of a list that goes on at ``position``, up to its "and"."""
    while (more := cues.follow.match(text, position)) and (start := more.start("name")) >= position:
        consider(start, more.end("name"))
        position = more.end("name")
        if " and " in more.group() or " or " in more.group():
            break


def _stretches(text: str, cues: Cues) -> tuple[list[tuple[int, int]], ...]:
    """Where in ``text`` each cue pattern (before, after, measured) can match, as ``(start, end)`` spans in order.

    No pattern reads across a clause end (:data:`_CLAUSE_END`), and each match
    holds a word of the automaton: a verb or a noun of settlement (before),
    a noun after a name (after), a unit right after a number (measured). So a
    pattern is run only over the clauses holding its word (for ``before``,
    from three words before the first one), and finds there what it finds
    over the whole text, at a fraction of the cost.

    >>> cues = _cues()
    >>> text = "It was calm. Rebels seized Tal Hamis. It lies 5 km away."
    >>> _stretches(text, cues)
    ([(13, 38)], [], [(38, 56)])
    """
    starts = [0, *(m.end() for m in _CLAUSE_END.finditer(text))]
    ends = [*starts[1:], len(text)]
    first: dict[int, int] = {}  # clause -> where its first verb or noun of ``before`` starts
    after, measured = set(), set()
    numbers, word_char = cues.numbers, _WORD_CHAR.match
    for last, (length, tags) in cues.words.iter(text):
        start = last - length + 1
        clause = bisect_right(starts, start) - 1
        if "b" in tags and start < first.get(clause, len(text)):
            first[clause] = start
        if "a" in tags:
            after.add(clause)
        if "m" in tags and clause not in measured and not word_char(text, last + 1) and \
                _number_before(text, start, numbers):
            measured.add(clause)
    # a later word of a clause cannot reach further back than its first one
    return ([(_words_back(text, first[c], starts[c]), ends[c]) for c in sorted(first)],
            [(starts[c], ends[c]) for c in sorted(after)], [(starts[c], ends[c]) for c in sorted(measured)])


def _words_back(text: str, at: int, low: int) -> int:
    """Where a ``before`` match holding the word at ``at`` can start: at most three words back
    ("the", two words, then the noun), over letters, hyphens and spaces only."""
    runs, spaced = 0, False
    while at > low:
        char = text[at - 1]
        if char.isspace():
            if not spaced:
                runs, spaced = runs + 1, True
                if runs > 3:
                    break
        elif char.isascii() and (char.isalpha() or char == "-"):
            spaced = False
        else:
            break
        at -= 1
    return at


def _number_before(text: str, at: int, numbers: tuple[str, ...]) -> bool:
    """Whether a number ends before ``at``, as the distance patterns allow: digits, or a number word,
    then spaces and at most one hyphen ("20 km", "20-km", "five km")."""
    while at > 0 and text[at - 1].isspace():
        at -= 1
    if at > 0 and text[at - 1] == "-":
        at -= 1
        while at > 0 and text[at - 1].isspace():
            at -= 1
    return at > 0 and (text[at - 1] in "0123456789,." or text.endswith(numbers, 0, at))


def _finditer(pattern: re.Pattern, text: str, stretches: list[tuple[int, int]]):
    """``pattern.finditer(text)``, run only over ``stretches`` (see :func:`_stretches`)."""
    for start, end in stretches:
        yield from pattern.finditer(text, start, end)


_STRONG_POSITION = re.compile(r"(?:lies|lay|sits|sat|stands|stood|located|situated|straddles)\b", re.IGNORECASE)


def _placing(match: re.Match) -> bool:
    """Whether a measure after a sentence's first word places it by a verb of position ("Konna lies 700 km"); "is"
    may be said of a person ("Nkunda is 30 km north of Goma", his aides said)."""
    return bool(_STRONG_POSITION.match(match.group("cue")))


def _may_open(word: str, cues: Cues) -> bool:
    """Whether a capitalised word opening a sentence may be a name: not an adverb ("Yesterday", "Separately") nor a
    gerund ("Fighting")."""
    return normalise(word) not in cues.openers and not word.lower().endswith("ing")


def _written_as_name(text: str, name: str) -> bool:
    """True when ``text`` writes ``name`` capitalised after a word of its sentence and nowhere in lower case."""
    word = re.escape(name)
    return bool(re.search(rf"[\w,;’')][ \t]+{word}(?![\w'’])", text)) and \
        not re.search(rf"(?<![\w'’]){re.escape(name.lower())}(?![\w'’])", text)


def _mention(article: Article, start: int, end: int, hint: str, kind: PlaceKind, country: str) -> Mention:
    name = article.text[start:end]
    return Mention(article.id, start, end, name, Place.unlocated(name, kind=kind, country=country), 0.0, "", hint)


def _trimmed(text: str, start: int, end: int, cues: Cues) -> int:
    """Where the name really ends: before a possessive, and before a word that is never part of one
    ("Jowhar Sunday": the name is "Jowhar")."""
    name = text[start:end]
    if name.endswith(("'s", "’s")):
        name = name[:-2]
    for match in re.finditer(r"[ \t]+([\w'’]+)", name):
        word = normalise(match.group(1))
        if word in cues.person_names:
            return start  # "captured Saddam Hussein": a person, no place at all
        if word in cues.not_names:
            name = name[: match.start()]
            break
    return start + len(name)


class _Spans:
    """Character spans already taken, kept in order so that an overlap is found by bisection, not a scan.

    >>> spans = _Spans([(10, 16), (30, 35)])
    >>> spans.overlaps(14, 20), spans.overlaps(16, 30)
    (True, False)
    >>> spans.add((18, 22)); spans.overlaps(21, 25), (18, 22) in spans
    (True, True)
    """

    def __init__(self, spans) -> None:
        self._spans = sorted(spans)
        self._longest = max((e - s for s, e in self._spans), default=0)

    def add(self, span: tuple[int, int]) -> None:
        insort(self._spans, span)
        self._longest = max(self._longest, span[1] - span[0])

    def overlaps(self, start: int, end: int) -> bool:
        # only a span starting within the longest span's length before ``start`` can reach past it
        low = bisect_right(self._spans, (start - self._longest, end))
        return any(e > start for s, e in self._spans[low:bisect_left(self._spans, (end,))])

    def __contains__(self, span: tuple[int, int]) -> bool:
        at = bisect_left(self._spans, span)
        return at < len(self._spans) and self._spans[at] == span


def _plausible(name: str, text: str, end: int, cues: Cues, named: bool = False) -> bool:
    """Capitalised, not a word or phrase that is never such a place, not an acronym, not an actor or thing.
    ``named``: a noun presents the name ("the town of Sheikh Zuweid"), which may open with a title."""
    key = normalise(name)
    words = key.split()
    if not words or key in cues.not_names or len(key) < 3:
        return False
    if words[0] in cues.not_names and not (named and len(words) > 1 and (words[0] in cues.titles or cues.facility_last.search(name))):
        return False  # ... but "the Republican Palace" is a facility's own name
    first = next((w for w in re.split(r"[-\s]+", name) if w not in cues.particles), "")
    if not first[:1].isupper() or name.replace("-", "").replace(" ", "").isupper():
        return False  # lower case, or an acronym (GNA, SANA): an organisation, not a place
    after = re.match(r"\s+([\w'’-]+)", text[end : end + 40])
    return not (after and normalise(after.group(1)) in cues.not_after)


def _listed(article: Article, mentions: Sequence[Mention], taken, cues: Cues, country: str,
            gazetteer: Gazetteer) -> list[Mention]:
    """Names listed with a settlement ("Bir Ghanam, Zawiya and Tal Hamis"): to its right, in its sentence."""
    text = article.text
    spans = taken
    follow = cues.follow
    found = []
    for anchor in mentions:
        if anchor.place is None or anchor.place.kind not in SETTLEMENTS:
            continue
        sentence = article.sentence_at(anchor.start)
        position, chain, closed = anchor.end, [], False
        while sentence is not None and (match := follow.match(text, position, sentence.end)):
            start, end = match.start("name"), match.end("name")
            position = end
            closed = " and " in match.group() or " or " in match.group()
            if (start, end) in spans:
                continue
            end = _trimmed(text, start, end, cues)
            name = text[start:end]
            if spans.overlaps(start, end) or not _plausible(name, text, end, cues) or end < position:
                closed = False
                break
            if not gazetteer.candidates(name):  # a name the gazetteer knows was judged by the mention rules
                chain.append((start, end))
            if closed:
                break
        if closed:  # a list ends with "and" or "or": "Gao, Sadou Diallo said" is no list
            for start, end in chain:
                found.append(_mention(article, start, end, f"listed with {anchor.surface}", anchor.place.kind, country))
                spans.add((start, end))
    return found
