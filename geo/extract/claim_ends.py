"""The subject of a distance claim: what a measure is said of.

Given the article's mentions, :func:`subject_before` and :func:`subject_after`
find the place a measure hangs on, a pronoun's or a noun's antecedent, the
place a sentence begins with, or a name no gazetteer holds right before the
measure; :mod:`geo.extract.claim_refs` finds what it is measured from and
:mod:`geo.extract.distances` holds the rules.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from functools import cache

from geo.extract.claim_refs import AREAS, CONTAINED, Context, can_be_subject, container_head, same_place, written_name
from geo.extract.claim_words import ClaimPatterns, fold
from geo.lexicon import alternation, load as load_lexicon
from geo.records import Mention, Place, PlaceKind, SETTLEMENTS

__all__ = ["subject_after", "subject_before"]

_WORD = re.compile(r"[\w'’-]+")
# "The town is in the northern Cabo Delgado province, 200 km north of": an area after "in" is where, not what.
_INSIDE = re.compile(r"(?<![\w'’])(?:in|inside|within)\s+(?:[\w'’-]+\s+){0,3}$", re.I)
# "Laukkai in the north of Shan State, ...": the place before "in"/"near"/"outside" and a few words is the subject.
_LANDMARK = re.compile(
    r"(?<![\w'’])(?:the|a|an)\s+(?P<noun>(?:[\w'’-]+\s+){0,2}?(?-i:[a-z])[\w-]*)\s+(?:outside|near|close\s+to)\s+$", re.I)


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
        head = next((m for m in reversed(ctx.inside) if floor < m.end - base <= unknown.start("name")), None)
        if head is not None and head.place is not None and CONTAINED.fullmatch(text, head.end - base, unknown.start("name")) \
                and head.place.kind not in (PlaceKind.COUNTRY, PlaceKind.RIVER, PlaceKind.BORDER):
            return written_name(head), head.place  # "Baga lies on the shore of Lake Chad, about 180 km north of"
        return unknown.group("name"), None
    # "Debaltseve lies between Donetsk and Luhansk, some 70 km northeast of Donetsk": said of what lies between them
    if (pair := _BETWEEN_PAIR.search(left, floor)) is not None:
        head = next((m for m in reversed(ctx.inside) if floor <= m.end - base <= pair.start()), None)
        if head is not None and not text[head.end - base : pair.start()].strip() and \
                can_be_subject(head.place) and not same_place(head.place, ref_place):
            return written_name(head), head.place
    # "Lachin, which lies between Armenia and Stepanakert, is 25 km from ...": the measure is said of the
    # place the closed relative clause describes, not of a place inside it.
    if (closed := _CLOSED_RELATIVE.search(left)) is not None:
        head = next((m for m in reversed(ctx.inside) if m.end - base <= closed.start()), None)
        if head is not None and not text[head.end - base : closed.start()].strip() and \
                can_be_subject(head.place) and not same_place(head.place, ref_place):
            return written_name(head), head.place
        # "The city, which sheltered people who had fled the capital, is 85 km north of": the noun before the clause
        noun = _last(pat.coreference.finditer(left, floor, closed.start()))
        if noun is not None and not left[noun.end():closed.start()].strip():
            return _coreference(ctx, noun.start(), ref_place)
    for mention in reversed(ctx.inside):
        rel_end = mention.end - base
        if rel_end > start or rel_end <= floor:
            continue
        adjacent = not left[rel_end:].strip(" ,") and not _INSIDE.search(text, 0, mention.start - base)
        if not can_be_subject(mention.place) and not (adjacent and mention.place.kind in AREAS):
            continue  # "Rafah, on the Egyptian border at the southern tip of the Gaza Strip, is 30 km": past the border
        if _too_far(_LEADING_APPOSITION.sub("", left[rel_end:], count=1), pat):
            break  # an apposition between commas counts as none: "Saraqib, a town at the junction of the M4 and M5, 50 km"
        if _ROAD_AFTER.match(left, rel_end):
            continue  # "at the junction of the Damascus road about 50 km from": the road's name, not the subject
        if same_place(mention.place, ref_place):
            continue
        coref = _last(pat.coreference.finditer(left, rel_end))
        if coref is not None and _APPOSITION.fullmatch(left, rel_end, coref.start()):
            coref = None  # "Palmyra, the ancient desert city 150 km east of Homs": the noun is Palmyra
        if coref is None and _last(pat.pronoun.finditer(left, rel_end)) is None:
            return (container_head(ctx, mention, floor) or _landmark_of(ctx, mention, floor)
                    or (written_name(mention), mention.place))
        break
    pronoun = _last(pat.pronoun.finditer(left, floor))
    coref = _last(pat.coreference.finditer(left, floor))
    # "Saraqeb, which sits at the junction of the M4 and M5 highways about 50 km south-west of": a relative
    # clause is the place's own, so it may run longer than other words between a place and its measure
    longer = pronoun is not None and fold(pronoun.group(0)).startswith(("which", "that")) and \
        left[:pronoun.start()].rstrip().endswith(",")
    if pronoun is not None and (coref is None or pronoun.start() > coref.start()) \
            and not _too_far(left[pronoun.end():], pat, extra=_RELATIVE_EXTRA if longer else 0):
        return _pronoun(ctx, pronoun, ref_place)
    if coref is not None and not _too_far(left[coref.end():], pat):
        return _coreference(ctx, coref.start(), ref_place)
    if (head := _clause_head(ctx, floor, start, ref_place)) is not None:
        return head
    unnamed = pat.unnamed.search(left, floor)
    if unnamed is not None:
        return _facility_named(ctx, unnamed.group("noun")) or (unnamed.group("noun"), None)
    return None


def _facility_named(ctx: Context, noun: str):
    """ "Islamic State seized the Tabqa dam. The dam lies about 50 km west of Raqqa": the facility named last
    before the sentence whose name ends in the noun."""
    named = [m for m in ctx.everywhere if m.end <= ctx.base and m.place is not None and m.place.kind is PlaceKind.FACILITY
             and fold(m.surface).endswith(f" {fold(noun)}")]
    return (written_name(named[-1]), named[-1].place) if named else None


_APPOSITION = re.compile(r"\s*,\s*")
_RELATIVE_EXTRA = 6
_ROAD_AFTER = re.compile(r"(?:\s*[-–]\s*(?-i:[A-Z])[\w'’-]*)?\s+(?:roads?|highways?|motorways?|routes?|railways?|expressways?)\b", re.I)
_LEADING_APPOSITION = re.compile(r"^\s*,\s*(?:a|an|the|on|in|near|at|along|off|by)\s+[^,;:()]{1,100},")
_PARTICLE = r"(?:al|el|ad|ar|as|an|at|az|ash|ibn|bin|de|da|du|la|le)"
_UNKNOWN_NAME = re.compile(  # a capitalised name after a word in lower case, then a comma and the measure
    rf"(?<=[a-z])\s+(?P<name>(?-i:[A-Z][a-z][\w'’]*)(?:[-\s]+(?:{_PARTICLE}[-\s]+)?(?-i:[A-Z][a-z][\w'’]*)){{0,3}})"
    rf"\s*,\s*(?:(?-i:[a-z])+\s+){{0,2}}$")
_BETWEEN_PAIR = re.compile(r"\s+(?:lies|lay|sits|sat|stands|is|was)\s+(?:[a-z]+\s+){0,2}?between\s+[^,;:()]+?\s+and\s+[^,;:()]+?,\s*$",
                           re.I)
_CLOSED_RELATIVE = re.compile(r",\s*(?:which|where)\s(?:[^,;]|(?<=\d),(?=\d{3}))*,\s*(?:\w+\s+){0,2}$", re.I)  # "of 70,000"


def _landmark_of(ctx: Context, mention: Mention, floor: int):
    """The unnamed thing a place serves as landmark for: "the camp outside Kismayo, 10 km west of the
    airport" is said of the camp."""
    before = ctx.text[floor:mention.start - ctx.base]
    match = _LANDMARK.search(before)
    if match is None or not _landmark_noun().search(match.group("noun")):
        return None  # "The attack happened near Kidal, some 1,500 km from Bamako": no thing with a place
    return match.group("noun"), None


@cache
def _landmark_noun() -> re.Pattern:
    words = load_lexicon("distances")["subject"]
    return re.compile(rf"(?<![\w'’-])(?:{alternation(words['facility_nouns'] + words['landmark_nouns'])})$", re.I)


def _coreference(ctx: Context, at: int, ref_place: Place | None):
    """"the town" at ``at`` of the sentence: the settlement the article has named most often before it
    (the place it is about), one of the noun's kind first, then the latest."""
    before = ctx.base + at
    kinds = _noun_kinds(ctx, at)
    if (named := _named_so(ctx, at, before, ref_place)) is not None:
        return written_name(named), named.place
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


def _named_so(ctx: Context, at: int, before: int, ref_place: Place | None) -> Mention | None:
    """The settlement the sentence so far, or the one before, called by the same noun: "the ancient city of
    Palmyra ... The city lies 215 km north-east of Damascus" is Palmyra, however often the report names another."""
    match = ctx.pat.coreference.match(ctx.text, at)
    noun = fold(match.group(0)).split()[-1] if match else ""
    called = _CALLED.get(noun)
    if called is None:
        return None
    sentences = ctx.article.sentences
    index = bisect_right(sentences, ctx.base, key=lambda s: s.start) - 1
    floor = sentences[index - 1].start if index > 0 else 0
    text = ctx.article.text
    for mention in reversed(ctx.everywhere):
        if mention.end > before or mention.start < floor or mention.place is None:
            continue
        if mention.place.kind in SETTLEMENTS and not same_place(mention.place, ref_place) and \
                called.search(text, max(0, mention.start - len(noun) - 6), mention.start):
            return mention
    return None


_CALLED = {noun: re.compile(rf"\b{noun}\s+of\s+$", re.IGNORECASE) for noun in ("city", "town", "village")}


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
            if rel_end <= len(before) and (len(_WORD.findall(before[rel_end:])) <= 1 or _described().fullmatch(before, rel_end)):
                if can_be_subject(mention.place) and not same_place(mention.place, ref_place):
                    return written_name(mention), mention.place
                break
        coref = _last(ctx.pat.coreference.finditer(before))
        if coref is not None and len(_WORD.findall(before[coref.end():])) <= 1:
            return _coreference(ctx, coref.start(), ref_place)
        return None
    return _sentence_head(ctx, ref_place)


@cache
def _described() -> re.Pattern:
    """ "Hadrut is a town that lies ...": the place the description is of stands before "that"."""
    nouns = alternation(load_lexicon("distances")["subject"]["coreference"])
    return re.compile(rf"\s+(?:is|was)\s+(?:a|an)\s+(?:[\w'’-]+\s+){{0,3}}?(?:{nouns})\s*,?\s*", re.I)


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






def _too_far(gap: str, pat: ClaimPatterns, extra: int = 0) -> bool:
    return len(_WORD.findall(gap)) > pat.max_gap + extra


def _last(matches):
    last = None
    for last in matches:
        pass
    return last






