"""Referents: which place a name or "the town" stands for in an article.

:func:`sentence_spots` lists a sentence's named places, with "the town" read
as the place just named (:func:`find_antecedent`); :func:`article_focus` is
the settlement the article is about, and :func:`dominant_country` the
country most of its places lie in. :func:`recurring` finds the other places
a name the article resolved once stands again. "The airport" is the
airport of the settlement named last (:func:`geo.places.facilities.facility_of`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import cache

from geo.extract.capitals import with_capitals
from geo.extract.clauses import Spot
from geo.extract.triggers import lexicon, patterns
from geo.lexicon import load as load_lexicon
from geo.places.evidence import feature_before, governs
from geo.places.facilities import Named, facility_of, owned_facility
from geo.places.names import normalise
from geo.records import SETTLEMENTS, Article, Mention, Place, PlaceKind, Sentence

__all__ = ["Named", "article_focus", "dominant_country", "find_antecedent", "it_object", "it_subject", "recurring", "sentence_spots"]

_NOT_PLACES = (PlaceKind.COUNTRY, PlaceKind.RIVER, PlaceKind.BORDER)


def recurring(article: Article, located: Sequence[Mention]) -> list[Mention]:
    """The other places a name the article resolved once stands, as mentions of the same place.

    One name, one place in one report: "the village of Um Kadada ... fighting
    around Um Kadada". An occurrence inside a longer capitalised name ("Kakhovka
    Dam", "Al Jowhar") is not one; a weekday or month after it may follow.
    ``located`` are the article's mentions with a place, which do not overlap.
    """
    text = article.text
    taken = sorted((m.start, m.end) for m in located)
    names = {m.surface: m for m in located if len(m.surface) > 3 and _WRITTEN_AS_NAME.match(m.surface)
             and m.place.kind not in _NOT_PLACES}
    found = []
    for surface, mention in names.items():
        for a, b in _whole_words(text, surface):
            near = bisect_left(taken, (b,))  # spans starting before b; the last of them may reach past a
            if near and taken[near - 1][1] > a:
                continue
            if _NAME_BEFORE.search(text, max(0, a - 25), a) and not _SENTENCE_FIRST.search(text, max(0, a - 25), a):
                continue  # "Al Jowhar", "North Kamenka": part of another name (a sentence's first word excepted)
            after = _NAME_AFTER.match(text, b)
            if after and after.group(1).casefold() not in _CALENDAR:
                continue  # "Kakhovka Dam"
            if feature_before(text, a, b):
                continue  # "Mount Sinjar", "Lenin Square", "the Gaza side of the crossing": not the place
            if mention.place.kind in SETTLEMENTS and governs(text, a, b):
                continue  # "handing Kyiv one of its biggest victories": the government, not the city
            found.append(Mention(mention.article, a, b, surface, mention.place, mention.score, mention.runner_up, mention.hint))
            insort(taken, (a, b))
    return found


def _whole_words(text: str, surface: str) -> Iterator[tuple[int, int]]:
    """Where ``surface`` stands in ``text`` as whole words: no letter, digit, "_", "-" or apostrophe before, no
    letter, digit, "_" or "-" after (a plain search, no pattern compiled for each name)."""
    start = text.find(surface)
    while start >= 0:
        end = start + len(surface)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before in "_-'’") and not (after.isalnum() or after in "_-"):
            yield start, end
            start = text.find(surface, end)
        else:
            start = text.find(surface, start + 1)


_SIDE_OF = re.compile(r"\s+side\s+of\b", re.IGNORECASE)
_WRITTEN_AS_NAME = re.compile(r"(?:[a-z]{1,3}[-'’ ])?[A-Z]")  # "Goma", "al-Maliha", "el Fasher"
_NAME_BEFORE = re.compile(r"[A-Z][\w'’-]*[ -]$")
_SENTENCE_FIRST = re.compile(r"(?:^|[.!?:]\s*|\n)[A-Z][\w'’-]*\s$")
_NAME_AFTER = re.compile(r"[ -]([A-Z][\w'’]*)")
_CALENDAR = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
                       "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"})


def sentence_spots(article: Article, sentence: Sentence, own: Sequence[Mention], located: Sequence[Mention],
                   named: Named | None = None) -> list[Spot]:
    """Named places of a sentence (offsets relative to it), with "the town" resolved to the place just named.

    ``own`` are the sentence's mentions, ``located`` all of the article's, sorted by start; ``named`` looks a
    name up in the gazetteer, for "the airport" of a settlement (:func:`geo.places.facilities.facility_of`).
    """
    spots = [Spot(m.start - sentence.start, m.end - sentence.start, m.place) for m in own if m.place.kind not in _NOT_PLACES
             and not _SIDE_OF.match(article.text, m.end)]  # "took the Gaza side of the crossing": not Gaza
    if named is not None:
        spots = _owned_facilities(sentence.text, spots, named)
    nouns = lexicon()["coreference"]
    for match in patterns()["coreference"].finditer(sentence.text):
        if any(s.start <= match.start() < s.end or match.start() <= s.start < match.end() for s in spots):
            continue
        if _ordinal(match.group(0)) and sentence.text.startswith(" to ", match.end()):
            continue  # "Ramadi was the first city to fall": a description of the place before, not a second mention
        noun = match.group("noun").casefold()
        if noun == "capital" and not _of_a_region(match.group(0)):
            # "the capital" is the country's, not the town just named: the one the text calls so, if any
            capital = _called_capital(article, located, sentence.start + match.start())
            if capital is not None:
                spots.append(Spot(match.start(), match.end(), capital, True))
            continue
        if any(re.fullmatch(r"\s*,?\s*", sentence.text[match.end():s.start]) for s in spots if s.start >= match.end()) or \
                any(re.fullmatch(r"\s*,\s*", sentence.text[s.end:match.start()]) for s in spots if s.end <= match.start()):
            continue  # "the regional capital Kidal", "Wad Madani, the state capital,": the noun presents a name beside it
        antecedent = find_antecedent(article, sentence.start + match.start(), located, nouns[noun], noun)
        if antecedent is None and named is not None:
            settlement = find_antecedent(article, sentence.start + match.start(), located, _SETTLEMENTS)
            antecedent = settlement and facility_of(settlement, noun, named)
        if antecedent is not None:
            spots.append(Spot(match.start(), match.end(), antecedent, True))
    return with_capitals(article, sentence.text, sorted(spots, key=lambda s: (s.start, s.end)), located)


_SETTLEMENTS = ("city", "town", "village")
_IT = re.compile(r"\s+(?P<it>it)(?![\w'’-])(?!\s+(?:to|was|is|had|has|would|will|said|says|could|may|might)\b)", re.IGNORECASE)
_OWN_KINDS = frozenset({PlaceKind.CITY, PlaceKind.TOWN, PlaceKind.VILLAGE, PlaceKind.DISTRICT, PlaceKind.FACILITY})


def it_object(text: str, start: int, end: int, spots: Sequence[Spot]) -> Spot | None:
    """The place "it" stands for as the object of the words at ``start:end`` of ``text``: "Islamic State captured
    Ramadi in May, and Iraqi forces retook it in December"; the place named last before them in the sentence and
    no reference point ("west of Tripoli"), where no unnamed place ("the airport near Gao") stands between."""
    pronoun = _IT.match(text, end)
    last = _antecedent(text, start, spots) if pronoun is not None else None
    return None if last is None else Spot(pronoun.start("it"), pronoun.end("it"), last.place, True)


def it_subject(text: str, start: int, spots: Sequence[Spot]) -> Spot | None:
    """The place "it" stands for as the subject of the words at ``start`` of ``text``: "regained Mueda on Friday, a
    week after it fell to insurgents", "entered Marawi months after it was seized": as for :func:`it_object`."""
    pronoun = _IT_SUBJECT.search(text, max(0, start - 40), start)
    last = _antecedent(text, pronoun.start("it"), spots) if pronoun is not None else None
    return None if last is None else Spot(pronoun.start("it"), pronoun.end("it"), last.place, True)


def _antecedent(text: str, start: int, spots: Sequence[Spot]) -> Spot | None:
    """The place named last before ``start`` in the sentence, no reference point, with no unnamed place between."""
    unnamed, reference = patterns()["unnamed_place"], patterns()["reference"]
    for last in reversed([s for s in spots if s.end <= start and s.place.kind in _OWN_KINDS]):
        lead = max(0, last.start - 40)
        point = reference.search(text, lead, last.start)
        if point is None:
            break
        if unnamed.search(text, max(0, point.start() - 60), point.start()):
            return None  # "took a checkpoint near the town of Zawiya ... retaken it": the checkpoint
        # "west of Tripoli": a reference point, not what "it" stands for
    else:
        return None
    return None if unnamed.search(text, last.end, start) else last


_IT_SUBJECT = re.compile(r"(?<![\w'’-])(?P<it>[Ii]t)\s+(?:(?:had|has|have|was|is|had\s+been|has\s+been|was\s+then|finally|"
                         r"eventually|quickly|briefly|first|later)\s+)*$")


def _called_capital(article: Article, located: Sequence[Mention], position: int) -> Place | None:
    """The city named before ``position`` that the text calls the country's capital ("the Somali capital
    Mogadishu", "Kabul, the Afghan capital"); None when it calls none so, or more than one."""
    text = article.text
    called = {}
    for mention in located:
        if mention.start >= position or mention.place.kind not in _CAPITALS:
            continue
        before = _CAPITAL_BEFORE.search(text, max(0, mention.start - 40), mention.start)
        after = _CAPITAL_AFTER.match(text, mention.end)
        if any(found is not None and _of_a_country(found.group("whose")) for found in (before, after)):
            called[mention.place.id] = mention.place
    return next(iter(called.values())) if len(called) == 1 else None


def _of_a_country(word: str | None) -> bool:
    """ "the capital", "the Somali capital", "the country's capital"; not "the Tigray capital", "the regional capital"."""
    return not word or word.casefold().replace("’", "'") in ("country's", "nation's") or normalise(word) in _demonyms()


@cache
def _demonyms() -> frozenset[str]:
    return frozenset(normalise(word) for word in load_lexicon("places")["demonyms"])


_CAPITALS = frozenset({PlaceKind.CITY, PlaceKind.TOWN})
_CAPITAL_BEFORE = re.compile(r"\bthe\s+(?:(?P<whose>[\w'’-]+)\s+)?capital,?\s+$", re.IGNORECASE)
_CAPITAL_AFTER = re.compile(r"\s*,\s*(?:the|its|their)\s+(?:(?P<whose>[\w'’-]+)\s+)?capital\b(?!\s+of\b)", re.IGNORECASE)


def _of_a_region(phrase: str) -> bool:
    return any(word in lexicon()["words"]["capital_kinds"] for word in phrase.casefold().split())


def _ordinal(phrase: str) -> bool:
    return any(word in lexicon()["words"]["ordinals"] for word in phrase.casefold().split())


def _owned_facilities(text: str, spots: list[Spot], named: Named) -> list[Spot]:
    """ "Gao's airport", "the airport of El Fasher", "the international airport near the city of Hodeida": the
    settlement's facility, in place of the settlement (which is then no place of the sentence's event)."""
    out = []
    for spot in spots:
        owned = owned_facility(text, spot.start, spot.end, spot.place, named)
        out.append(spot if owned is None else Spot(*owned))
    return out


def find_antecedent(article: Article, position: int, located: Sequence[Mention], kinds: Sequence[str],
                    noun: str = "") -> Place | None:
    """The place named last before ``position`` in this or the previous sentence, of a fitting kind, not a reference point;
    one the text itself called ``noun`` first ("Shusha, a town overlooking Stepanakert, ... the town": Shusha), then one
    of the noun's own kind ("the town" is a town before it is a city)."""
    sentences = article.sentences
    before = bisect_right(sentences, position, key=lambda s: s.end)  # sentences ending at or before position
    window = sentences[before - 1].start if before else 0
    earlier = bisect_right(sentences, window, key=lambda s: s.end)
    floor = sentences[earlier - 1].start if earlier else 0
    reference = patterns()["reference"]
    latest = own_kind = None
    for index in range(bisect_right(located, position, key=lambda m: m.start) - 1, -1, -1):
        mention = located[index]
        if mention.start < floor:
            break
        if mention.end > position:
            continue
        if mention.place.kind.value not in kinds or _dateline(article, mention):
            continue  # "OUAGADOUGOU (Reuters) - ...": where the report was filed is not "the town"
        if reference.search(article.text[max(0, mention.start - 40):mention.start]) and \
                not _NAMED_SO.search(article.text, max(0, mention.start - 20), mention.start):
            continue  # "20 km from Gao" is no antecedent, but "an outpost near the town of Djibo ... the town" is
        if _listed(article.text, mention):
            continue  # "links Aleppo, Hama, Homs and Damascus": no one of them is "the city"
        if _in_relative(article, mention) and (focus := _focus(article.text, located, kinds, position)) is not None \
                and focus.id != mention.place.id:
            continue  # "the Houthis, who took power in Sanaa": an aside; the city the article is about is "the city"
        if not noun or _called(article.text, mention.end, noun):
            return mention.place
        latest = latest or mention.place
        own_kind = own_kind or (mention.place if mention.place.kind.value == noun else None)
    # "entered Tarhuna, after capturing Tripoli's airport ... in control of the town": the town, not the city; and
    # "... captured Minova, a key supply hub ... parts of the city": the city the article is about, not the town
    if own_kind is not None:
        return own_kind
    focus = _focus(article.text, located, kinds, position)
    if noun and latest is not None and latest.kind.value != noun and focus is not None and focus.kind.value == noun:
        return focus
    return latest or focus


def _called(text: str, end: int, noun: str) -> bool:
    """Whether the apposition right after a name calls it ``noun``: "Shusha, a town perched on ..." for "town"."""
    return bool(re.match(rf"\s*,\s*(?:a|an|the)\s+(?:[\w'’-]+\s+){{0,3}}?{re.escape(noun)}\b", text[end:end + 80], re.IGNORECASE))


def _dateline(article: Article, mention: Mention) -> bool:
    """Whether a mention is the dateline's place, opening its line."""
    if not article.dateline or mention.surface.casefold() != article.dateline.casefold():
        return False
    line = article.text.rfind("\n", 0, mention.start) + 1
    return not article.text[line:mention.start].strip()


_NAMED_SO = re.compile(r"\bthe\s+(?:town|city|village|port)\s+of\s+$", re.IGNORECASE)


def _in_relative(article: Article, mention: Mention) -> bool:
    """Whether a mention lies in a relative clause ("..., which took power in Sanaa in 2015", "people who fled Goma")."""
    sentence = article.sentence_at(mention.start)
    return sentence is not None and bool(_RELATIVE.search(article.text, sentence.start, mention.start))


# also "a refuge for people who fled Khartoum", and "the biggest defeat since they lost Tal Abyad"
_RELATIVE = re.compile(r"(?:,\s*|\s)(?:which|who|whose|since\s+(?:they|it|he|she|the\s+\w+)\s+\w+)\b[^,;()]*$")


def _listed(text: str, mention: Mention) -> bool:
    """Whether a mention is one of a list of names ("Aleppo, Hama, Homs and Damascus")."""
    before, after = text[max(0, mention.start - 6):mention.start], text[mention.end:mention.end + 40]
    return bool(re.search(r"(?:,|\band)\s*$", before) and re.match(r"\s*(?:,|and\b)", after)
                or _LIST_NEXT.match(after)
                or re.search(r",\s*$", before) and re.match(r"\s*$|\s*[.;]", after)
                and _LIST_BEFORE.search(text[max(0, mention.start - 60):mention.start]))


_NAME = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?"
_LIST_NEXT = re.compile(rf"\s*,\s*{_NAME}\s*(?:,|and\b)")
_LIST_BEFORE = re.compile(rf"{_NAME},\s*{_NAME}\s*,\s*$")


def article_focus(article: Article, located: Sequence[Mention]) -> Place | None:
    """The settlement an article is about, if one stands out (named most, at least twice, not as a reference point)."""
    return _focus(article.text, located, ("city", "town", "village"), len(article.text))


def _focus(text: str, located: Sequence[Mention], kinds: Sequence[str], position: int) -> Place | None:
    """The place an article is about: the settlement of a fitting kind it names most, at least twice, before ``position``.

    Mentions as a reference point ("south of Idlib", "70 km from X") do not count.
    """
    reference = patterns()["reference"]
    counts = Counter(m.place.id for m in located if m.end <= position and m.place.kind.value in kinds
                     and not reference.search(text[max(0, m.start - 40):m.start]))
    if not counts:
        return None
    best, times = counts.most_common(1)[0]
    if (times < 2 and len(counts) > 1) or list(counts.values()).count(times) > 1:
        return None  # no place stands out
    return next(m.place for m in located if m.place.id == best)


def dominant_country(located: Sequence[Mention]) -> str:
    counts = Counter(m.place.country for m in located if m.place.country)
    if not counts:
        return ""
    order = list(dict.fromkeys(m.place.country for m in located if m.place.country))
    return max(order, key=lambda code: counts[code])
