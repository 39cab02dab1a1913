"""The reference of a distance claim, what a measure is measured from, and the records both ends share.

Given the article's mentions, :func:`reference_at` finds the place named
after "of"/"from", a description and a name ("the South Ossetian capital
Tskhinvali"), "the capital", "the city" meaning a place named before, a
border or a front line; :func:`place_before` and
:func:`place_of_previous_sentence` the reference a measure leaves unnamed
("140 km to the south-east"). :mod:`geo.extract.claim_ends` finds what the
measure is said of; :mod:`geo.extract.distances` holds the rules.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from geo.extract.checks import measure
from geo.extract.claim_words import ClaimPatterns, fold
from geo.records import Article, Mention, Place, PlaceKind, SETTLEMENTS, Sentence

__all__ = [
    "AREAS",
    "CONTAINED",
    "Context",
    "Reference",
    "antecedent",
    "can_be_subject",
    "capital_finder",
    "container_head",
    "place_before",
    "place_of_previous_sentence",
    "reference_at",
    "same_place",
    "written_name",
]

_NOT_SUBJECT = frozenset({PlaceKind.RIVER, PlaceKind.COUNTRY, PlaceKind.PROVINCE, PlaceKind.REGION, PlaceKind.BORDER})

AREAS = frozenset({PlaceKind.PROVINCE, PlaceKind.REGION, PlaceKind.DISTRICT})

_KIND_AFTER = re.compile(r"\s+(?:city|town)(?![\w'’])", re.I)
# After a place, the words that make it where another place named before it lies: a measure after them is said of
# that place ("Tal Hamis, the main town of the district of Bir Ghanam, 20 km from",
# "Kharkiv, the capital of the Kharkiv region, 40 km from" and "Bor, capital of Jonglei state about 190 km north of"
# are said of the first place; ", and later parts of" opens no apposition.
CONTAINED = re.compile(
    r"\s+(?:in|near|outside|inside|of)\s+(?:(?:the\s+)?(?-i:[a-z])[\w-]*\s+){0,2}"
    # "Baga lies on the shore of Lake Chad, about 180 km north of": what the town lies on is no subject, nor in
    # "Avdiivka is a town of 30,000 on the northern edge of Donetsk, roughly 10 miles north of"
    r"|\s+(?:(?:lies|lay|sits|sat|stands|stood|is|was)\s+(?:(?:a|an)\s+(?:[\w,-]+\s+){1,4}?)?)?(?:on|along|at|by|beside|off)\s+the\s+"
    r"(?:(?-i:[a-z])[\w-]*\s+){1,3}?of\s+(?:the\s+)?"
    r"|\s*,\s+(?:(?:the|a|an)\s+|(?!(?:and|or|but|then|while|as|after|before|from|to)\s))"
    r"(?:(?-i:[a-z])[\w-]*\s+){1,3}?(?:of|in)\s+(?:(?:the|a|an)\s+)?"
    r"(?:(?-i:[a-z])[\w-]*\s+){0,2}?(?:of\s+)?$", re.I)


@dataclass(frozen=True, slots=True)
class Context:
    """What the readers of one sentence need: the sentence, its mentions by offset, the whole article's."""

    article: Article
    sentence: Sentence
    inside: tuple[Mention, ...]
    everywhere: tuple[Mention, ...]
    capital: Callable[[str | None], Place | None]
    pat: ClaimPatterns
    starts: dict[int, Mention]
    named: Callable[[str], tuple[Place, ...]]

    @classmethod
    def of(cls, article, sentence, inside, everywhere, capital, pat, named=None) -> Context:
        inside = tuple(inside)
        return cls(article, sentence, inside, tuple(everywhere), capital, pat,
                   {m.start - sentence.start: m for m in inside}, named or (lambda name: ()))

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def base(self) -> int:
        return self.sentence.start

    def at(self, offset: int) -> Mention | None:
        """The mention starting at ``offset`` of the sentence."""
        return self.starts.get(offset)

@dataclass(frozen=True, slots=True)
class Reference:
    """What a measure is measured from: written words, the place (None for a border or a line), where it ends."""

    text: str
    place: Place | None
    end: int
    border: tuple[str, ...] | None = None

def capital_finder(mentions: Sequence[Mention], gazetteer) -> Callable[[str | None], Place | None]:
    lookup = gazetteer if callable(gazetteer) else getattr(gazetteer, "capital", None)
    counts = Counter(m.place.country for m in mentions if m.place is not None and m.place.country)
    dominant = max(counts, key=lambda c: (counts[c], -_first(mentions, c))) if counts else None

    def capital(code: str | None = None) -> Place | None:
        code = code or dominant
        return lookup(code) if lookup and code else None

    return capital

def _first(mentions: Sequence[Mention], country: str) -> int:
    return next(m.start for m in mentions if m.place is not None and m.place.country == country)

def reference_at(ctx: Context, pos: int) -> Reference | None:
    """The reference starting at ``pos`` of the sentence, or None."""
    text, pat = ctx.text, ctx.pat
    if (border := pat.border.match(text, pos)) is not None:
        codes = tuple(dict.fromkeys(
            pat.country_words[fold(border.group(g))] for g in ("c1", "c2", "c3", "c4") if border.group(g)))
        return Reference(" ".join(border.group(0).split()), None, border.end(), codes)
    if (line := pat.line.match(text, pos)) is not None:
        return Reference(" ".join(line.group(0).split()), None, line.end())
    if (cap := pat.capital.match(text, pos)) is not None:
        return _capital(ctx, cap)
    if (described := pat.description.match(text, pos)) is not None and (mention := ctx.at(described.end())):
        return Reference(written_name(mention), mention.place, described.end() + len(mention.surface))
    for start in (pos, *(m.end() for m in [pat.prefix.match(text, pos)] if m)):
        if mention := ctx.at(start):
            end = start + len(mention.surface)
            kind_word = _KIND_AFTER.match(text, end)  # "Kherson city", "Marib town"
            return Reference(written_name(mention), mention.place, kind_word.end() if kind_word else end)
    if (coref := pat.reference_coreference.match(text, pos)) is not None:
        fits = pat.coreference_nouns[fold(coref.group("noun"))]
        # "the village of Snihurivka, some 60 km north-east of the city": the city is not the place measured
        head = next((m for m in reversed(ctx.inside) if m.end - ctx.base <= pos), None)
        measured = head.place if head is not None and _MEASURE_ONLY.fullmatch(text, head.end - ctx.base, pos) else None
        if measured is not None and (described := container_head(ctx, head, 0)) is not None:
            measured = described[1]  # "Avdiivka is a town on the edge of Donetsk, 10 miles north of the city centre"
        found = antecedent(ctx, ctx.base + pos, fits, exclude=measured)
        if found is not None:
            return Reference(written_name(found), found.place, coref.end())
        if (facility := _facility_of(ctx, ctx.base + pos, fits)) is not None:
            return Reference(facility.name, facility, coref.end())
        # Named nowhere the gazetteer knows ("the airport outside the city"): kept, unresolved.
        return Reference(" ".join(coref.group(0).split()), None, coref.end())
    return None

def container_head(ctx: Context, mention: Mention, floor: int):
    """The place named just before "in"/"near"/"outside" ``mention``, when there is one: "the town of Laukkai in
    the north of Shan State, about 10 km from" is said of Laukkai, "the camp outside Kismayo, 10 km west of" of
    the camp."""
    start = mention.start - ctx.base
    for other in reversed(ctx.inside):
        end = other.end - ctx.base
        if end > start:
            continue
        if end <= floor or other.place is None or not CONTAINED.fullmatch(ctx.text[end:start]):
            return None
        if other.place.kind in (PlaceKind.COUNTRY, PlaceKind.RIVER, PlaceKind.BORDER):
            return None
        return written_name(other), other.place
    return None


def _facility_of(ctx: Context, before: int, fits: dict) -> Place | None:
    """The facility a place the article named has, by the noun's ``of_place`` names ("Kandahar airport")."""
    templates = fits.get("of_place", ())
    if not templates:
        return None
    seen = set()
    for mention in reversed(ctx.everywhere):
        place = mention.place
        if mention.end > before or place is None or not place.located or place.kind not in SETTLEMENTS:
            continue
        if place.id in seen:
            continue
        seen.add(place.id)
        for name in dict.fromkeys((written_name(mention), place.name)):
            for template in templates:
                for found in ctx.named(template.format(name)):
                    if found.kind is PlaceKind.FACILITY and found.located and \
                            measure(place.lat, place.lon, found.lat, found.lon)[0] <= ctx.pat.of_place_km:
                        return found
        if len(seen) >= 3:  # the places named last; farther back is another story
            return None
    return None

def _capital(ctx: Context, cap: re.Match) -> Reference:
    """ "the capital", "the capital, Mogadishu", "the capital Bamako", "the capital (city) of Bangui",
    "the capital of Ethiopia", "the Iraqi capital"."""
    text = ctx.text
    named = re.match(r"\s*(?:,\s*|of\s+|\s)", text[cap.end():])
    if named and (mention := ctx.at(cap.end() + named.end())) and mention.place is not None:
        end = cap.end() + named.end() + len(mention.surface)
        if mention.place.kind is PlaceKind.COUNTRY:
            place = ctx.capital(mention.place.country)
            return Reference(place.name if place else fold(text[cap.start():end]), place, end)
        return Reference(written_name(mention), mention.place, end)
    country = None
    if cap.groupdict().get("adj"):
        inner = ctx.at(cap.start("adj"))
        if inner and inner.place is not None and inner.place.kind is PlaceKind.COUNTRY:
            country = inner.place.country
    place = ctx.capital(country)
    return Reference(place.name if place else fold(cap.group(0)), place, cap.end())

def antecedent(ctx: Context, before: int, fits: dict, exclude: Place | None = None) -> Mention | None:
    """The last mention before ``before`` (article offset) whose place fits a noun's ``kinds``/``name_words``."""
    words = [w.casefold() for w in fits.get("name_words", ())]
    kinds = [frozenset(PlaceKind(k) for k in fits.get("kinds", ()))]
    if fits.get("ordered"):  # the first kind first: "the regional centre" is a city if one was named
        kinds = [frozenset({PlaceKind(k)}) for k in fits["kinds"]]
    for group in kinds:
        for mention in reversed(ctx.everywhere):
            place = mention.place
            if mention.end > before or place is None or place.kind not in group or same_place(place, exclude):
                continue
            if words and not any(w in fold(place.name) or w in fold(mention.surface) for w in words):
                continue
            return mention
    return None

_MEASURE_ONLY = re.compile(r"\s*,?\s*[^,;:!?]{1,80}")  # a name, then only its measure: "Snihurivka, some 60 km north-east of "

def place_before(ctx: Context, before: int, exclude: Place | None) -> Mention | None:
    """The last settlement or facility the sentence names before offset ``before``, other than ``exclude``:
    the reference of "for Poltava, 140 km to the west"."""
    for mention in reversed(ctx.inside):
        place = mention.place
        if mention.end - ctx.base > before or place is None or not can_be_subject(place):
            continue
        if not same_place(place, exclude) and place.kind not in AREAS:
            return mention
    return None

def place_of_previous_sentence(ctx: Context, exclude: Place | None) -> Mention | None:
    """The first settlement or facility the sentence before names, other than ``exclude``: the reference of
    "Kobani fell. The group still holds Raqqa, some 140 km to the south-east". Past one sentence that names no
    settlement ("Kherson fell. "There are no troops in the city," the mayor said. Mykolaiv, 60 km to the north-west, ...")."""
    before = [s for s in ctx.article.sentences if s.end <= ctx.base]
    text = ctx.article.text
    for previous in before[:-3:-1]:
        named = False
        for mention in ctx.everywhere:
            place = mention.place
            if not (previous.start <= mention.start and mention.end <= previous.end) or place is None or not place.located:
                continue
            if ctx.article.dateline and not text[previous.start:mention.start].strip() and \
                    fold(mention.surface) == fold(ctx.article.dateline):
                continue  # "BAMAKO (Reuters) - ...": where the report was filed, not what it is about
            if can_be_subject(place) and place.kind not in AREAS:
                if not same_place(place, exclude):
                    return mention
                named = True
        if named:
            return None
    return None

def can_be_subject(place: Place | None) -> bool:
    return place is None or place.kind not in _NOT_SUBJECT

def same_place(a: Place | None, b: Place | None) -> bool:
    return a is not None and b is not None and a.id == b.id

def written_name(mention: Mention) -> str:
    """The place as the article writes it; its gazetteer name is on the Place."""
    return " ".join(mention.surface.split())
