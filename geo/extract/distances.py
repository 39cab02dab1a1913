"""Distance, direction and travel-time claims read from an article's sentences.

:func:`find_claims` reads each sentence of an article (repeated paragraphs
are already gone) for the ways wire copy places one place relative to
another, and returns :class:`~geo.records.DistanceClaim` records;
:func:`check_claim` and :func:`check_claims` (from :mod:`geo.extract.checks`)
measure them. The words come from ``geo/lexicon/distances.toml``.

What is read
------------
- a measure and a reference: ``[hedge] number unit [(number unit)]
  [direction] of|from|outside <reference>`` - "about 320 kilometres west of
  Baghdad", "30km south-west of", "370 kilometres (230 miles) north-west of
  the capital" (one claim; the second unit goes to ``note``), "within 5 km
  of", "a few miles north of" (vague: ``value`` None, ``stated_range_km``
  from the lexicon, said in ``note``);
- a travel time: "a 10 minute drive from", "an hour's drive north of",
  "two hours' walk from" (``unit`` "min_drive", "h_walk"; the range comes
  from the speeds of the mode, see :mod:`geo.extract.checks`);
- a number without a unit in an apposition ("Sinjar, 370 north-west of
  the capital"): the unit the article uses most elsewhere, said in ``note``;
- a direction alone in an apposition: "Hama, north of Homs", "the mayor of
  Kobani west of Raqqa".

Subject and reference are given as the article writes them ("Bayji"); the
gazetteer's name is on ``subject_place``/``reference_place``. The reference
is the place named right after "of"/"from" ("the city of"
may stand between); "the capital" is the capital of the article's country,
the country most of its resolved mentions lie in, through
``gazetteer.capital(code)``. The subject is the place the phrase hangs on:
the last named place at most a few words before the measure (rivers,
provinces and countries skipped), or "the town"/"the city" standing there,
which means the last settlement named before it; failing both, the noun
before the measure ("a checkpoint just a 10 minute drive from Marib" has
subject "checkpoint" and no place); failing that, a place named right after
the reference ("30 km north of Kyiv, in Bucha"). A measure with no subject
is dropped, as are lengths, speeds, altitudes, ranges, prices and
movements ("stretching for several miles", "a range of 300 km", "advanced
10 km from"), whose cues are in the lexicon.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from geo.read.articles import by_sentence
from geo.extract.checks import check_claim, check_claims, from_km, to_km
from geo.extract.claim_ends import (
    can_be_subject,
    capital_finder,
    reference_at,
    same_place,
    subject_after,
    subject_before,
    written_name,
)
from geo.extract.claim_words import LETTERS, ClaimPatterns, claim_patterns, fold
from geo.lexicon import load as load_lexicon
from geo.records import Article, ClaimKind, DistanceClaim, Evidence, Mention, Place, Sentence

if TYPE_CHECKING:
    from geo.places.gazetteer import Gazetteer

__all__ = ["check_claim", "check_claims", "find_claims", "from_km", "to_km"]


def find_claims(
    article: Article,
    mentions: Sequence[Mention],
    gazetteer: Gazetteer | Callable[[str], Place | None] | None = None,
) -> tuple[DistanceClaim, ...]:
    """The distance, direction and travel-time claims of ``article``, in text order.

    ``mentions`` are the article's place mentions; ``gazetteer`` (anything
    with ``capital(iso2)``, or that function itself) resolves "the capital"
    through the article's dominant country; without it "the capital" stays
    unresolved.

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
    ordered = sorted(mentions, key=lambda m: (m.start, -m.end))
    capital = capital_finder(ordered, gazetteer)
    found: list[tuple[int, int, DistanceClaim]] = []
    for sentence, inside in zip(article.sentences, by_sentence(article, ordered)):
        found.extend(_sentence_claims(article, sentence, inside, ordered, capital, pat))
    found = _fill_missing_units(found)
    found.sort(key=lambda item: (item[0], item[1]))
    return tuple(claim for _, _, claim in found)



def _sentence_claims(article, sentence, inside, everywhere, capital, pat) -> list:
    text, base = sentence.text, sentence.start
    words = set(LETTERS.findall(text.lower()))
    if words.isdisjoint(pat.needles["any"]):  # no unit, mode of travel or direction word: no claim
        return []
    by_start = {m.start - base: m for m in inside}
    taken: list[tuple[int, int]] = []
    out = []
    for kind, regex, needles in ((ClaimKind.TRAVEL_TIME, pat.travel, pat.needles["travel"]),
                                 (ClaimKind.DISTANCE, pat.measure, pat.needles["measure"])):
        if words.isdisjoint(needles):
            continue
        for match in regex.finditer(text):
            if kind is ClaimKind.TRAVEL_TIME and not (match.group("art") or match.group("num")):
                continue
            if _overlaps(match.span(), taken) or _is_not_claim(text, match, pat):
                continue
            claim = _build(article, sentence, match, kind, by_start, inside, everywhere, capital, pat)
            if claim is not None:
                taken.append((match.start(), claim[1]))
                out.append((base + match.start(), 0, claim[0]))
    if words.isdisjoint(pat.needles["direction"]):
        return out
    for match in pat.bare.finditer(text):
        if not _overlaps(match.span(), taken) and not _is_not_claim(text, match, pat):
            claim = _build(article, sentence, match, ClaimKind.DISTANCE, by_start, inside, everywhere, capital, pat)
            if claim is not None and claim[0].subject_place is not None:
                taken.append((match.start(), claim[1]))
                out.append((base + match.start(), 0, claim[0]))
    for mention in inside:
        start = mention.end - base
        match = pat.direction_only.match(text, start)
        if match is None or _overlaps(match.span(), taken) or not can_be_subject(mention.place):
            continue
        reference = reference_at(text, match.end(), by_start, capital, pat)
        if reference is None or same_place(reference[1], mention.place):
            continue
        claim = DistanceClaim(
            article=article.id,
            subject=written_name(mention),
            reference=reference[0],
            kind=ClaimKind.DIRECTION,
            evidence=_evidence(article, sentence),
            subject_place=mention.place,
            reference_place=reference[1],
            direction=pat.directions[fold(match.group("dir"))],
        )
        taken.append((match.start(), reference[2]))
        out.append((mention.start, 1, claim))
    return out


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def _is_not_claim(text: str, match: re.Match, pat: ClaimPatterns) -> bool:
    start = match.start()
    return bool(pat.not_before.match(text[max(0, start - pat.not_before_reach - 1):start][::-1])
                or pat.not_after.search(text[match.end() :]))


def _number(text: str, pat: ClaimPatterns) -> float:
    folded = fold(text)
    return pat.numbers[folded] if folded in pat.numbers else float(folded.replace(",", ""))


def _build(article, sentence, match, kind, by_start, inside, everywhere, capital, pat):
    """The claim a measure ``match`` makes, with its end offset, or None."""
    text = sentence.text
    tail = pat.tail.match(text, match.end())
    if tail is None:
        return None
    relation = fold(tail.group("rel") or tail.group("rel2"))
    hedge = fold(match.group("hedge")) if match.group("hedge") else None
    if relation == "of" and not (tail.group("dir") or (hedge and pat.hedges[hedge].get("of_only"))):
        return None
    reference = reference_at(text, tail.end(), by_start, capital, pat)
    if reference is None:
        return None
    ref_text, ref_place, end = reference
    subject = subject_before(text, match.start(), sentence.start, inside, everywhere, ref_place, pat)
    if subject is None:
        subject = subject_after(text, end, by_start, ref_place)
    if subject is None:
        return None
    direction = pat.directions[fold(tail.group("dir"))] if tail.group("dir") else None
    values = _values(match, kind, hedge, pat)
    if values is None:
        return None
    claim = DistanceClaim(
        article=article.id,
        subject=subject[0],
        reference=ref_text,
        kind=kind,
        evidence=_evidence(article, sentence),
        subject_place=subject[1],
        reference_place=ref_place,
        direction=direction,
        hedge=hedge,
        **values,
    )
    return claim, end


def _values(match: re.Match, kind: ClaimKind, hedge: str | None, pat: ClaimPatterns) -> dict | None:
    """value, unit, stated_km, stated_range_km and note of a measure."""
    low_factor, high_factor = pat.hedges[hedge]["range"] if hedge else (1.0, 1.0)
    groups = match.groupdict()
    if kind is ClaimKind.TRAVEL_TIME:
        value = _number(groups["num"], pat) if groups["num"] else 1.0
        tunit = pat.time_units[fold(groups["tunit"])]
        mode_name = pat.modes[fold(groups["mode"])]
        speeds = load_lexicon("distances")["travel"]["modes"][mode_name]["speed_kmh"]
        hours = value * pat.minutes_per[tunit] / 60.0
        low, high = hours * speeds[0] * low_factor, hours * speeds[1] * high_factor
        note = f"{value:g} {tunit} by {mode_name} at {speeds[0]}-{speeds[1]} km/h is {low:.1f}-{high:.1f} km"
        return dict(value=value, unit=f"{tunit}_{mode_name}", stated_range_km=(low, high), note=note)
    if groups.get("unit") is None:  # a bare number: its unit is filled in later
        value = _number(groups["num"], pat)
        return dict(value=value, unit=None, note="")
    unit = pat.units[fold(groups["unit"])]
    notes = []
    alt = {}
    if groups["alt"]:
        alt = dict(alt_value=_number(groups["alt"], pat), alt_unit=pat.units[fold(groups["altunit"])])
    if groups["vague"]:
        vague = fold(groups["vague"])
        low, high = pat.vague[vague]
        notes.insert(0, f"vague quantity {vague!r}: taken as {low:g}-{high:g} {unit}")
        return dict(value=None, unit=unit, stated_range_km=(to_km(low, unit), to_km(high, unit)), note="; ".join(notes))
    value = _number(groups["num"], pat)
    if groups["num2"]:
        high_value = _number(groups["num2"], pat)
        if high_value < value:
            return None
        notes.insert(0, f"range {value:g}-{high_value:g} {unit}")
        low, high = to_km(value, unit), to_km(high_value, unit)
        return dict(value=(value + high_value) / 2, unit=unit, stated_km=(low + high) / 2,
                    stated_range_km=(low * low_factor, high * high_factor), note="; ".join(notes), **alt)
    stated = to_km(value, unit)
    span = None if (low_factor, high_factor) == (1.0, 1.0) else (stated * low_factor, stated * high_factor)
    return dict(value=value, unit=unit, stated_km=stated, stated_range_km=span, note="; ".join(notes), **alt)



def _evidence(article: Article, sentence: Sentence) -> Evidence:
    return Evidence(article.id, sentence.text, sentence.start, sentence.end, article.title, article.source, article.url)


def _fill_missing_units(found: list) -> list:
    """Give bare numbers the unit the article's other claims use most, and say so."""
    counts = Counter(c.unit for _, _, c in found if c.kind is ClaimKind.DISTANCE and c.unit is not None)
    unit = max(counts, key=lambda u: (counts[u], u)) if counts else None
    out = []
    for start, order, claim in found:
        if claim.kind is ClaimKind.DISTANCE and claim.unit is None and claim.value is not None:
            if unit is None:
                claim = _replace(claim, note="no unit given, and the article uses none elsewhere")
            else:
                note = f"no unit given: took {unit}, the unit the article uses elsewhere"
                claim = _replace(claim, unit=unit, stated_km=to_km(claim.value, unit), note=note)
        out.append((start, order, claim))
    return out


def _replace(claim: DistanceClaim, **changes) -> DistanceClaim:
    return replace(claim, **changes)
