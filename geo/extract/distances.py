"""Distance, direction and travel-time claims read from an article's sentences.

:func:`find_claims` reads each sentence of an article (repeated paragraphs
are already gone) for the ways wire copy places one place relative to
another, and returns :class:`~geo.records.DistanceClaim` records;
:func:`check_claim` and :func:`check_claims` (from :mod:`geo.extract.checks`)
measure them. The words come from ``geo/lexicon/distances.toml``.

What is read
------------
- a measure and a reference: ``[hedge] number unit [conversion]
  [direction] of|from|far from|outside <reference>`` - "about 320 kilometres
  west of Baghdad", "30km south-west of", "1,500 km (930 miles) north-east
  of the capital", "30 miles, or 48 kilometres, from" (one claim, both
  figures kept: ``alt_value``/``alt_unit``), "twenty-five kilometres"
  (number words, read by ``text2num``), "less than 20 km", "more than",
  "nearly", "up to" (bounds, see :mod:`geo.extract.tolerance`), "within 5
  km of", "a few miles north of" (vague: ``value`` None, ``stated_range_km``
  from the lexicon, said in ``note``);
- a list of measures from one subject: "140 km from Aleppo, 90 km from
  Raqqa and 40 km from Manbij";
- a measure with no reference named: "for Poltava, 140 km to the west",
  "..., 400 kilometres away": the reference is the place the sentence
  names before the subject;
- a travel time: "a 10 minute drive from", "an hour's drive north of",
  "two hours' walk from" (``unit`` "min_drive", "h_walk"; the range comes
  from the speeds of the mode);
- a number without a unit ("Sinjar, 370 north-west of the capital", "lies
  40 north of Kramatorsk"): the unit the article's other claims use, else
  the unit its text uses elsewhere, said in ``note``;
- a direction alone in an apposition: "Kandahar, south-west of Kabul".

References: the place named right after "of"/"from", or after a
description ("the larger industrial city of Kharkiv", "the region's main
town of Kidal", "the provincial capital Kharkiv"); "the capital" (also "the
capital, Mogadishu", "the capital city of Bangui", "the Iraqi capital",
"the capital of Ethiopia") is the capital of the article's country, the
country most of its resolved mentions lie in, through
``gazetteer.capital(code)``; "the city", "the airport", "the provincial
capital", "the regional centre" with no name are the last place of that
kind the article named; a border ("the border with Jordan", "the Chinese
border", "Syria's frontier with Turkey", "the border") sets
``DistanceClaim.border``; a front line is kept with no place.

Subjects, as the article writes them ("Bayji"; the gazetteer's name is on
``subject_place``): the last named place at most a few words before the
measure (rivers, provinces and countries skipped, unless the area stands
right before the measure: "the Belgorod region, about 40 km north of"), or
the place an apposition describes ("Kharkiv, the capital of the Kharkiv
region, 40 km from" is said of Kharkiv);
"the town"/"the large town" there, which means the last settlement named
before; a pronoun ("which lies", "it sits"): the place before "which", the
place the sentence opens with for "it"; the place that opens the clause
with a verb of position ("Marib sits on a plateau at the edge of the desert
about 120 km east of Sanaa"); failing those, the noun before the measure ("a
checkpoint just a 10 minute drive from Marib" has subject "checkpoint" and
no place: unverifiable; a name the gazetteer lacks, which the text presents
as a place by the measure itself, "Nyamilima is 60 km from" or "Qasr Bu
Hadi base about 20 km from", is an unlocated place of
:mod:`geo.places.unlocated`, unverifiable with the reason); failing that, a place named right after the
reference ("30 km north of Kyiv, in Bucha"). A measure with no subject is
dropped, as are lengths, speeds, altitudes, ranges, prices and movements
("stretching for several miles", "a range of 300 km", "advanced 10 km
from"), whose cues are in the lexicon.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING


from geo.read.articles import by_sentence
from geo.extract.checks import check_claim, check_claims, from_km, to_km
from geo.extract.claim_ends import subject_after, subject_before
from geo.extract.claim_refs import (
    Context,
    Reference,
    can_be_subject,
    capital_finder,
    place_before,
    place_of_previous_sentence,
    reference_at,
    same_place,
    written_name,
)
from geo.extract.claim_values import fill_missing_units, measure_values, number
from geo.extract.claim_words import LETTERS, ClaimPatterns, claim_patterns, fold
from geo.records import Article, ClaimKind, DistanceClaim, Evidence, Mention, Place, Sentence

if TYPE_CHECKING:
    from geo.places.gazetteer import Gazetteer

__all__ = ["check_claim", "check_claims", "find_claims", "from_km", "to_km"]

_FURTHER = re.compile(r"\b(?:a\s+further|another|a\s+farther|further)\s+(?:\w+\s+)?\d", re.IGNORECASE)
_JOINED = re.compile(r"\s*(?:,|;)?\s*(?:(?:and|or|while|but)\s+)?$", re.I)


def find_claims(
    article: Article,
    mentions: Sequence[Mention],
    gazetteer: Gazetteer | Callable[[str], Place | None] | None = None,
) -> tuple[DistanceClaim, ...]:
    """The distance, direction and travel-time claims of ``article``, in text order.

    ``mentions`` are the article's place mentions; ``gazetteer`` (anything
    with ``capital(iso2)``, or that function itself) resolves "the capital"
    through the article's dominant country, and "the airport" of a city it
    names (``candidates(name)``); without it both stay unresolved.

    >>> from geo.read.articles import make_article
    >>> text = "Rebels took Sirte, about 450 km east of Tripoli."
    >>> a = make_article(text, "t")
    >>> places = {"Sirte": Place("t:sirte", "Sirte", 31.21, 16.59, "city", "LY"),
    ...           "Tripoli": Place("t:tripoli", "Tripoli", 32.89, 13.19, "city", "LY")}
    >>> ms = [Mention("t", text.find(n), text.find(n) + len(n), n, p) for n, p in places.items()]
    >>> [(c.subject, c.reference, c.value, c.unit, c.direction, c.hedge) for c in find_claims(a, ms)]
    [('Sirte', 'Tripoli', 450.0, 'km', 'E', 'about')]
    """
    pat = claim_patterns()
    ordered = tuple(sorted(mentions, key=lambda m: (m.start, -m.end)))
    capital = capital_finder(ordered, gazetteer)
    named = getattr(gazetteer, "candidates", None)  # "the airport": the named city's, looked up
    found: list[tuple[int, int, DistanceClaim]] = []
    for sentence, inside in zip(article.sentences, by_sentence(article, ordered)):
        text = sentence.text
        words = set(LETTERS.findall(text.lower()))
        if words.isdisjoint(pat.needles["any"]):  # no unit, mode of travel or direction word: no claim
            continue
        earlier = found[-1][2] if found and found[-1][2].subject_place is not None else None
        found.extend(_sentence_claims(Context.of(article, sentence, inside, ordered, capital, pat, named), words, earlier))
    found = fill_missing_units(found, article, pat)
    found.sort(key=lambda item: (item[0], item[1]))
    return tuple(claim for _, _, claim in found)


def _sentence_claims(ctx: Context, words: set[str], earlier: DistanceClaim | None = None) -> list:
    """The claims of one sentence; ``earlier`` is the last claim of the sentences before, which "a further 25 km
    south" goes on from."""
    text, base, pat = ctx.text, ctx.base, ctx.pat
    taken: list[tuple[int, int]] = []
    out = []
    previous: tuple[int, DistanceClaim] | None = None  # the end of the last measure's claim, and the claim
    measures = []
    worded = not words.isdisjoint(pat.number_words)
    measure, travel, bare = (pat.worded[k] for k in ("measure", "travel", "bare")) if worded else \
        (pat.measure, pat.travel, pat.bare)
    for kind, regex, needles in ((ClaimKind.TRAVEL_TIME, travel, pat.needles["travel"]),
                                 (ClaimKind.DISTANCE, measure, pat.needles["measure"])):
        if words.isdisjoint(needles):
            continue
        for match in regex.finditer(text):
            if kind is ClaimKind.TRAVEL_TIME and not (match.group("art") or match.group("num")):
                continue
            measures.append((match.start(), kind, match))
    if not words.isdisjoint(pat.needles["direction"]):
        measures.extend((m.start("num"), None, m) for m in bare.finditer(text))
    unbuilt = None  # the last measure that made no claim: "75 km" of "75 km and 185 km north of Bangui"
    for _, kind, match in sorted(measures, key=lambda item: (item[0], item[1] is None)):
        if _overlaps(match.span(), taken) or _is_not_claim(text, match, pat):
            continue
        built = _build(ctx, match, kind or ClaimKind.DISTANCE, previous, earlier)
        if built is None or (kind is None and built[0].subject_place is None):
            unbuilt = (match, kind) if kind is ClaimKind.DISTANCE else None
            continue
        claim, end = built
        if unbuilt is not None and (first := _respective(ctx, unbuilt[0], match, claim)) is not None:
            out.append((base + unbuilt[0].start(), 0, first))
        unbuilt = None
        taken.append((match.start(), end))
        out.append((base + match.start(), 0, claim))
        previous = (end, claim)
    if words.isdisjoint(pat.needles["direction"]):
        return out
    for mention in ctx.inside:
        start = mention.end - base
        match = pat.direction_only.match(text, start)
        if match is None or _overlaps(match.span(), taken) or not can_be_subject(mention.place):
            continue
        reference = reference_at(ctx, match.end())
        if reference is None or same_place(reference.place, mention.place):
            continue
        claim = DistanceClaim(
            article=ctx.article.id,
            subject=written_name(mention),
            reference=reference.text,
            kind=ClaimKind.DIRECTION,
            evidence=_evidence(ctx.article, ctx.sentence),
            subject_place=mention.place,
            reference_place=reference.place,
            direction=pat.directions[fold(match.group("dir"))],
            border=reference.border,
        )
        taken.append((match.start(), reference.end))
        out.append((mention.start, 1, claim))
    return out


def _respective(ctx: Context, first: re.Match, second: re.Match, claim: DistanceClaim) -> DistanceClaim | None:
    """ "Damara and Sibut, 75 km and 185 km north of Bangui": the first measure is said of the first place."""
    text, base = ctx.text, ctx.base
    if claim.subject_place is None or not _AND_THEN.fullmatch(text, first.end(), second.start()):
        return None
    subjects = [m for m in ctx.inside if m.end - base <= first.start() and m.place is not None]
    if len(subjects) < 2 or subjects[-1].place is not claim.subject_place or \
            not _AND.fullmatch(text, subjects[-2].end - base, subjects[-1].start - base):
        return None
    hedge = fold(first.group("hedge")) if first.group("hedge") else claim.hedge  # "about 870 km and 780 km"
    try:
        values = measure_values(first, ClaimKind.DISTANCE, hedge, ctx.pat)
    except ValueError:
        return None
    if values is None or values.get("unit") is None:
        return None
    other = subjects[-2]
    if not can_be_subject(other.place) or same_place(other.place, claim.reference_place):
        return None
    fields = dict(stated_km=None, stated_range_km=None, alt_value=None, alt_unit=None, note="")
    return replace(claim, subject=written_name(other), subject_place=other.place, hedge=hedge, **{**fields, **values})


_AND_THEN = re.compile(r"\s*,?\s*and\s+")


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def _is_not_claim(text: str, match: re.Match, pat: ClaimPatterns) -> bool:
    start = match.start()
    return bool(pat.not_before.match(text[max(0, start - pat.not_before_reach - 1):start][::-1])
                or pat.not_after.search(text[match.end() :]))


def _build(ctx: Context, match: re.Match, kind: ClaimKind, previous, earlier: DistanceClaim | None = None):
    """The claim a measure ``match`` makes, with its end offset, or None."""
    text, pat = ctx.text, ctx.pat
    after = match.end()
    alt = pat.alt_or.match(text, after) if kind is ClaimKind.DISTANCE and not match.groupdict().get("alt") else None
    if alt is not None:
        after = alt.end()
    hedge = fold(match.group("hedge")) if match.group("hedge") else None
    tail = pat.tail.match(text, after)
    implicit = between = None
    if tail is not None:
        relation = fold(tail.group("rel") or tail.group("rel2"))
        if relation == "of" and not (tail.group("dir") or (hedge and pat.hedges[hedge].get("of_only"))):
            return None
        reference = reference_at(ctx, tail.end())
        direction = tail.group("dir")
        if reference is not None and reference.place is not None and relation == "from" and \
                (to := _TO.match(ctx.text, reference.end)) is not None:  # "It is 60 km from Kramatorsk to Bakhmut"
            end = next((m for m in ctx.inside if m.start - ctx.base == to.end() and m.place is not None), None)
            if end is not None and can_be_subject(reference.place) and not same_place(end.place, reference.place):
                between = ((reference.text, reference.place), Reference(written_name(end), end.place, end.end - ctx.base))
                reference = between[1]
    else:
        implicit = pat.implicit.match(text, after)
        between = _between(ctx, match, kind, after) if implicit is None else None
        if implicit is None and between is None:
            return None
        reference = between[1] if between else None
        direction = (implicit.group("dir") or implicit.group("fdir")) if implicit else None
    subject = between[0] if between else None
    if subject is None and previous is not None and previous[0] <= match.start() and _JOINED.match(text[previous[0]:match.start()]):
        subject = (previous[1].subject, previous[1].subject_place)  # "140 km from Aleppo, 90 km from Raqqa"
    if implicit is not None:
        subject = subject or subject_before(ctx, match.start(), None)
        if subject is None:
            return None
        # an unlocated subject ("towards Ras al-Ain, 100 km to the east") is measured from the place before its name
        where = _start_of(ctx, subject[1], match.start()) if subject[1] is not None else text.rfind(subject[0], 0, match.start())
        if where < 0:
            return None
        further = bool(implicit.group("further") or _FURTHER.search(text, max(0, match.start() - 20), match.start() + 12))
        before = previous[1] if previous is not None else earlier
        if further and before is not None and before.subject_place is not None and not same_place(before.subject_place, subject[1]):
            # "Tal Afar, 60 km west of Mosul, and Sinjar, a further 50 km to the west": on from Tal Afar;
            # "... Dessie, about 400 km north of Addis Ababa. ... Kombolcha, some 25 km further south": on from Dessie
            reference = Reference(before.subject, before.subject_place, implicit.end())
        else:
            at = place_before(ctx, where, subject[1]) or place_of_previous_sentence(ctx, subject[1])
            if at is None:
                return None
            reference = Reference(written_name(at), at.place, implicit.end())
            if previous is not None and same_place(at.place, previous[1].reference_place) and \
                    previous[1].subject_place is not None and not same_place(previous[1].subject_place, subject[1]):
                # "seized Konna, 700 km north-east of Bamako, ... towards Mopti, 60 km to the south": of Konna, the
                # place the sentence measured; its landmark only placed it
                reference = Reference(previous[1].subject, previous[1].subject_place, implicit.end())
            if at.start >= ctx.base and (lies := _LIES_DIRECTION_OF.fullmatch(text, at.end - ctx.base, where)) and \
                    can_be_subject(at.place):  # "Irpin lies north-west of Kyiv, some 25 km away": Irpin, from Kyiv
                subject, reference = (written_name(at), at.place), Reference(subject[0], subject[1], implicit.end())
                direction = direction or lies.group("dir")
    if reference is None:
        return None
    if subject is None:
        subject = subject_before(ctx, match.start(), reference.place) or subject_after(ctx, reference.end, reference.place)
    if subject is None or same_place(subject[1], reference.place):
        return None
    try:
        values = measure_values(match, kind, hedge, pat)
    except ValueError:  # number words that make no number ("one two")
        return None
    if values is None:
        return None
    if alt is not None:
        values.update(alt_value=number(alt.group("alt"), pat), alt_unit=pat.units[fold(alt.group("altunit"))])
    claim = DistanceClaim(
        article=ctx.article.id,
        subject=subject[0],
        reference=reference.text,
        kind=kind,
        evidence=_evidence(ctx.article, ctx.sentence),
        subject_place=subject[1],
        reference_place=reference.place,
        direction=pat.directions[fold(direction)] if direction else None,
        hedge=hedge,
        border=reference.border,
        **values,
    )
    return claim, reference.end


def _between(ctx: Context, match: re.Match, kind: ClaimKind, after: int):
    """``(subject, reference)`` of "the distance between Kherson and Mykolaiv is 60 km", "the towns of Kherson and
    Mykolaiv lie 60 km apart": the first place named, measured from the second; None for any other measure."""
    text, base = ctx.text, ctx.base
    if kind is not ClaimKind.DISTANCE:
        return None
    apart = bool(_APART.match(text, after))
    if (separate := _SEPARATE.match(text, after)) is not None:  # "About 25 km separate Bakhmut from Kostiantynivka"
        following = [m for m in ctx.inside if m.start - base >= separate.end()]
        if len(following) > 1 and following[0].start - base == separate.end() and \
                _FROM_OR_AND.fullmatch(text, following[0].end - base, following[1].start - base):
            first, second = following[:2]
            if can_be_subject(first.place) and can_be_subject(second.place) and not same_place(first.place, second.place):
                return (written_name(first), first.place), Reference(written_name(second), second.place, second.end - base)
        return None
    places = [m for m in ctx.inside if m.end - base <= match.start()]
    for first, second in zip(places, places[1:]):
        a, b = first.end - base, second.start - base
        joined, route = _AND.fullmatch(text, a, b), _TO.fullmatch(text, a, b)
        if not (joined or route):
            continue
        lie = joined and apart and _LIE.fullmatch(text, second.end - base, match.start())  # "A and B lie 60 km apart"
        between = _IS.fullmatch(text, second.end - base, match.start()) and \
            (_DISTANCE_FROM if route else _DISTANCE_BETWEEN).search(text, 0, first.start - base)
        # "the distance between A and B is 60 km", "the distance from A to B is 60 km"
        if lie or between:
            if not can_be_subject(first.place) or not can_be_subject(second.place) or same_place(first.place, second.place):
                return None
            return (written_name(first), first.place), Reference(written_name(second), second.place, after)
    return None


_LIES_DIRECTION_OF = re.compile(r"\s+(?:lies|lay|is|was|sits|stands)\s+(?:just\s+|due\s+)?(?P<dir>(?:north|south|east|west)"
                                r"(?:[- ]?(?:east|west))?)\s+of\s+(?:the\s+(?:city|town|capital)\s+(?:of\s+)?)?", re.IGNORECASE)
_AND = re.compile(r"\s+and\s+")
_TO = re.compile(r"\s+to\s+")
_DISTANCE_FROM = re.compile(r"\bdistance\s+from\s+$", re.IGNORECASE)
_DISTANCE_BETWEEN = re.compile(r"\bdistance\s+between\s+(?:the\s+[a-z]+\s+of\s+)?$", re.IGNORECASE)
_IS = re.compile(r"\s+(?:is|was|of|stands\s+at)\s+(?:only\s+|just\s+)?")
_LIE = re.compile(r"\s+(?:are|were|lie|lay|sit|stand)\s+(?:only\s+|just\s+)?")
_APART = re.compile(r"\s+apart\b")
_SEPARATE = re.compile(r"\s+(?:separate|separates|separated)\s+(?:the\s+(?:[a-z]+\s+)?(?:towns?|cities|villages)\s+of\s+)?", re.IGNORECASE)
_FROM_OR_AND = re.compile(r"\s+(?:from|and)\s+(?:the\s+(?:[a-z]+\s+)?(?:town|city|village)\s+of\s+)?", re.IGNORECASE)


def _start_of(ctx: Context, place: Place, before: int) -> int:
    """Where the last mention of ``place`` before offset ``before`` of the sentence starts."""
    starts = [m.start - ctx.base for m in ctx.inside if m.place is place and m.start - ctx.base < before]
    return max(starts) if starts else before


def _evidence(article: Article, sentence: Sentence) -> Evidence:
    return Evidence(article.id, sentence.text, sentence.start, sentence.end, article.title, article.source, article.url)

