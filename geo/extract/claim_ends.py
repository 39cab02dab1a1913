"""The two ends of a claim: the reference measured from and the subject said to lie there.

Given the article's mentions, these find what a measure is measured from
(the place named after "of"/"from", a description and a name, "the
capital", "the city" meaning a place named before, a border, a front line)
and what it is said of (the place it hangs on, a pronoun's or a noun's
antecedent, the place a sentence begins with); see
:mod:`geo.extract.distances` for the rules.
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
    "Context",
    "Reference",
    "can_be_subject",
    "capital_finder",
    "place_before",
    "place_of_previous_sentence",
    "reference_at",
    "same_place",
    "subject_after",
    "subject_before",
    "written_name",
]

_NOT_SUBJECT = frozenset({PlaceKind.RIVER, PlaceKind.COUNTRY, PlaceKind.PROVINCE, PlaceKind.REGION})
_AREAS = frozenset({PlaceKind.PROVINCE, PlaceKind.REGION, PlaceKind.DISTRICT})
_WORD = re.compile(r"[\w'’-]+")
# "The town is in the northern Cabo Delgado province, 200 km north of": an area after "in" is where, not what.
_INSIDE = re.compile(r"(?<![\w'’])(?:in|inside|within)\s+(?:[\w'’-]+\s+){0,3}$", re.I)
_KIND_AFTER = re.compile(r"\s+(?:city|town)(?![\w'’])", re.I)
# "Laukkai in the north of Shan State, ...": the place before "in"/"near"/"outside" and a few words is the subject.
_LANDMARK = re.compile(
    r"(?<![\w'’])(?:the|a|an)\s+(?P<noun>(?:[\w'’-]+\s+){0,2}?(?-i:[a-z])[\w-]*)\s+(?:outside|near|close\s+to)\s+$", re.I)
# ... and the place an apposition describes: "Tal Hamis, the main town of the district of Bir Ghanam, 20 km from",
# "Kharkiv, the capital of the Kharkiv region, 40 km from" and "Bor, capital of Jonglei state about 190 km north of"
# are said of the first place; ", and later parts of" opens no apposition.
_CONTAINED = re.compile(
    r"\s+(?:in|near|outside|inside|of)\s+(?:(?:the\s+)?(?-i:[a-z])[\w-]*\s+){0,2}"
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
        antecedent = _antecedent(ctx, ctx.base + pos, fits, exclude=measured)
        if antecedent is not None:
            return Reference(written_name(antecedent), antecedent.place, coref.end())
        if (facility := _facility_of(ctx, ctx.base + pos, fits)) is not None:
            return Reference(facility.name, facility, coref.end())
        # Named nowhere the gazetteer knows ("the airport outside the city"): kept, unresolved.
        return Reference(" ".join(coref.group(0).split()), None, coref.end())
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


def _antecedent(ctx: Context, before: int, fits: dict, exclude: Place | None = None) -> Mention | None:
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


def subject_before(ctx: Context, start: int, ref_place: Place | None):
    """``(name, place)`` of what the measure at ``start`` of the sentence is said of, or None."""
    text, base, pat = ctx.text, ctx.base, ctx.pat
    left = text[:start]
    floor = 0
    breaks = list(pat.breaks.finditer(left))
    if breaks and breaks[-1].group() in "(–—" and not left[breaks[-1].end():].strip():
        breaks.pop()  # "Kidal (300 km north-east of Gao)": the bracket opens on the measure itself
    if breaks:
        floor = breaks[-1].end()
    # "pressed on towards Ras al-Ain, 100 km to the east": a name no gazetteer holds stands before the measure,
    # so the measure is said of it, not of a place named further back
    if (unknown := _UNKNOWN_NAME.search(left, floor)) is not None and unknown.start("name") >= floor and \
            (not (hedge := left[unknown.end("name"):].strip(" ,")) or fold(hedge) in pat.hedges) and not any(
            m.start - base < unknown.end("name") and m.end - base > unknown.start("name") for m in ctx.inside):
        return unknown.group("name"), None
    # "Lachin, which lies between Armenia and Stepanakert, is 25 km from ...": the measure is said of the
    # place the closed relative clause describes, not of a place inside it.
    if (closed := _CLOSED_RELATIVE.search(left)) is not None:
        head = next((m for m in reversed(ctx.inside) if m.end - base <= closed.start()), None)
        if head is not None and not text[head.end - base : closed.start()].strip() and \
                can_be_subject(head.place) and not same_place(head.place, ref_place):
            return written_name(head), head.place
    for mention in reversed(ctx.inside):
        rel_end = mention.end - base
        if rel_end > start or rel_end <= floor:
            continue
        if _too_far(left[rel_end:], pat):
            break
        adjacent = not left[rel_end:].strip(" ,") and not _INSIDE.search(text, 0, mention.start - base)
        if same_place(mention.place, ref_place):
            continue
        if not can_be_subject(mention.place) and not (adjacent and mention.place.kind in _AREAS):
            continue
        coref = _last(pat.coreference.finditer(left, rel_end))
        if coref is not None and _APPOSITION.fullmatch(left, rel_end, coref.start()):
            coref = None  # "Palmyra, the ancient desert city 150 km east of Homs": the noun is Palmyra
        if coref is None and _last(pat.pronoun.finditer(left, rel_end)) is None:
            return (_container_head(ctx, mention, floor) or _landmark_of(ctx, mention, floor)
                    or (written_name(mention), mention.place))
        break
    pronoun = _last(pat.pronoun.finditer(left, floor))
    coref = _last(pat.coreference.finditer(left, floor))
    if pronoun is not None and (coref is None or pronoun.start() > coref.start()) \
            and not _too_far(left[pronoun.end():], pat):
        return _pronoun(ctx, pronoun, ref_place)
    if coref is not None and not _too_far(left[coref.end():], pat):
        return _coreference(ctx, coref.start(), ref_place)
    if (head := _clause_head(ctx, floor, start, ref_place)) is not None:
        return head
    unnamed = pat.unnamed.search(left, floor)
    if unnamed is not None:
        return unnamed.group("noun"), None
    return None


_APPOSITION = re.compile(r"\s*,\s*")
_PARTICLE = r"(?:al|el|ad|ar|as|an|at|az|ash|ibn|bin|de|da|du|la|le)"
_UNKNOWN_NAME = re.compile(  # a capitalised name after a word in lower case, then a comma and the measure
    rf"(?<=[a-z])\s+(?P<name>(?-i:[A-Z][a-z][\w'’]*)(?:[-\s]+(?:{_PARTICLE}[-\s]+)?(?-i:[A-Z][a-z][\w'’]*)){{0,3}})"
    rf"\s*,\s*(?:(?-i:[a-z])+\s+){{0,2}}$")
_MEASURE_ONLY = re.compile(r"\s*,?\s*[^,;:!?]{1,80}")  # a name, then only its measure: "Snihurivka, some 60 km north-east of "
_CLOSED_RELATIVE = re.compile(r",\s*(?:which|where)\s[^,;]*,\s*(?:\w+\s+){0,2}$", re.I)


def _container_head(ctx: Context, mention: Mention, floor: int):
    """The place named just before "in"/"near"/"outside" ``mention``, when there is one: "the town of Laukkai in
    the north of Shan State, about 10 km from" is said of Laukkai, "the camp outside Kismayo, 10 km west of" of
    the camp."""
    start = mention.start - ctx.base
    for other in reversed(ctx.inside):
        end = other.end - ctx.base
        if end > start:
            continue
        if end <= floor or other.place is None or not _CONTAINED.fullmatch(ctx.text[end:start]):
            return None
        if other.place.kind is PlaceKind.COUNTRY or other.place.kind is PlaceKind.RIVER:
            return None
        return written_name(other), other.place
    return None


def _landmark_of(ctx: Context, mention: Mention, floor: int):
    """The unnamed thing a place serves as landmark for: "the camp outside Kismayo, 10 km west of the
    airport" is said of the camp."""
    before = ctx.text[floor:mention.start - ctx.base]
    match = _LANDMARK.search(before)
    return (match.group("noun"), None) if match else None


def _coreference(ctx: Context, at: int, ref_place: Place | None):
    """"the town" at ``at`` of the sentence: the settlement the article has named most often before it
    (the place it is about), one of the noun's kind first, then the latest."""
    before = ctx.base + at
    kinds = _noun_kinds(ctx, at)
    counts: Counter = Counter()
    latest: dict[str, tuple[int, Mention]] = {}
    for mention in ctx.everywhere:
        place = mention.place
        if mention.end > before or place is None or place.kind not in SETTLEMENTS or same_place(place, ref_place):
            continue
        counts[place.id] += 1
        latest[place.id] = (mention.start, mention)
    if not counts:
        return None
    best = max(counts, key=lambda pid: (counts[pid], latest[pid][1].place.kind in kinds, latest[pid][0]))
    antecedent = latest[best][1]
    return written_name(antecedent), antecedent.place


def _noun_kinds(ctx: Context, at: int) -> frozenset:
    """The place kinds the coreference noun at ``at`` names ("the town": towns and villages)."""
    match = ctx.pat.coreference.match(ctx.text, at)
    noun = fold(match.group(0)).split()[-1] if match else ""
    fits = ctx.pat.coreference_nouns.get(noun, {})
    return frozenset(PlaceKind(k) for k in fits.get("kinds", ())[:2])


def _pronoun(ctx: Context, pronoun: re.Match, ref_place: Place | None):
    """"which" is the place right before it; "it" the place (or "the town") the sentence begins with."""
    text = ctx.text
    if fold(pronoun.group(0)).split()[0] in ("which", "that"):
        before = text[:pronoun.start()]
        for mention in reversed(ctx.inside):
            rel_end = mention.end - ctx.base
            if rel_end <= len(before) and len(_WORD.findall(before[rel_end:])) <= 1:
                if can_be_subject(mention.place) and not same_place(mention.place, ref_place):
                    return written_name(mention), mention.place
                break
        coref = _last(ctx.pat.coreference.finditer(before))
        if coref is not None and len(_WORD.findall(before[coref.end():])) <= 1:
            return _coreference(ctx, coref.start(), ref_place)
        return None
    return _sentence_head(ctx, ref_place)


def _sentence_head(ctx: Context, ref_place: Place | None, floor: int = 0):
    """The subject-able place, or "the town", that opens the sentence (from ``floor``), if any."""
    text = ctx.text
    lead = re.match(r"[\s,\"“‘']*(?:(?:in|at)\s+)?", text[floor:])
    opening = floor + lead.end()
    mention = ctx.at(opening)
    prefix = ctx.pat.prefix.match(text, opening)
    if mention is None and prefix is not None:
        mention = ctx.at(prefix.end())
    if mention is not None:
        if can_be_subject(mention.place) and not same_place(mention.place, ref_place):
            return written_name(mention), mention.place
        return None
    coref = ctx.pat.coreference.match(text, opening)
    return _coreference(ctx, coref.start(), ref_place) if coref is not None else None


def _clause_head(ctx: Context, floor: int, start: int, ref_place: Place | None):
    """A place that opens the clause with a verb of position, for a measure later in that clause."""
    head = _sentence_head(ctx, ref_place, floor)
    if head is None or head[1] is None:
        return head
    mention = next((m for m in ctx.inside if m.place is head[1]), None)
    if mention is None:
        return None
    verb = ctx.pat.position_verb.match(ctx.text, mention.end - ctx.base)
    return head if verb is not None and verb.end() <= start else None


def subject_after(ctx: Context, end: int, ref_place: Place | None):
    """A place named right after the reference: "30 km north of Kyiv, in Bucha"."""
    follow = re.match(r",\s*(?:in\s+|at\s+)?(?:the\s+\w+\s+of\s+)?", ctx.text[end:])
    if follow and (mention := ctx.at(end + follow.end())) and can_be_subject(mention.place):
        if not same_place(mention.place, ref_place):
            return written_name(mention), mention.place
    return None


def place_before(ctx: Context, before: int, exclude: Place | None) -> Mention | None:
    """The last settlement or facility the sentence names before offset ``before``, other than ``exclude``:
    the reference of "for Poltava, 140 km to the west"."""
    for mention in reversed(ctx.inside):
        place = mention.place
        if mention.end - ctx.base > before or place is None or not can_be_subject(place):
            continue
        if not same_place(place, exclude) and place.kind not in _AREAS:
            return mention
    return None


def place_of_previous_sentence(ctx: Context, exclude: Place | None) -> Mention | None:
    """The first settlement or facility the sentence before names, other than ``exclude``: the reference of
    "Kobani fell. The group still holds Raqqa, some 140 km to the south-east"."""
    before = [s for s in ctx.article.sentences if s.end <= ctx.base]
    if not before:
        return None
    previous, text = before[-1], ctx.article.text
    for mention in ctx.everywhere:
        place = mention.place
        if not (previous.start <= mention.start and mention.end <= previous.end) or place is None or not place.located:
            continue
        if ctx.article.dateline and not text[previous.start:mention.start].strip() and \
                fold(mention.surface) == fold(ctx.article.dateline):
            continue  # "BAMAKO (Reuters) - ...": where the report was filed, not what it is about
        if can_be_subject(place) and place.kind not in _AREAS and not same_place(place, exclude):
            return mention
    return None


def _too_far(gap: str, pat: ClaimPatterns) -> bool:
    return len(_WORD.findall(gap)) > pat.max_gap


def _last(matches):
    last = None
    for last in matches:
        pass
    return last


def can_be_subject(place: Place | None) -> bool:
    return place is None or place.kind not in _NOT_SUBJECT


def same_place(a: Place | None, b: Place | None) -> bool:
    return a is not None and b is not None and a.id == b.id


def written_name(mention: Mention) -> str:
    """The place as the article writes it; its gazetteer name is on the Place."""
    return " ".join(mention.surface.split())
