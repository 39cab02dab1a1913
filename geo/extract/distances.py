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
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from geo.read.articles import by_sentence
from geo.extract.checks import check_claim, check_claims, from_km, to_km
from geo.lexicon import alternation as _alternation, load as load_lexicon
from geo.records import Article, ClaimKind, DistanceClaim, Evidence, Mention, Place, PlaceKind, Sentence

if TYPE_CHECKING:
    from geo.places.gazetteer import Gazetteer

__all__ = ["check_claim", "check_claims", "find_claims", "from_km", "to_km"]

_NOT_SUBJECT = frozenset({PlaceKind.RIVER, PlaceKind.COUNTRY, PlaceKind.PROVINCE, PlaceKind.REGION})
_SETTLEMENT = frozenset({PlaceKind.CITY, PlaceKind.TOWN, PlaceKind.VILLAGE})
_LETTERS = re.compile(r"[^\W\d_]+")
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


def _bounded(words) -> str:
    """``words`` as a group that starts and ends at word edges where a word character stands."""
    return rf"(?<![\w'’])(?:{_alternation(words)})(?![\w'’])"


@dataclass(frozen=True, slots=True)
class _Patterns:
    """The compiled patterns and tables of the lexicon, built once."""

    needles: dict[str, frozenset[str]]
    measure: re.Pattern
    travel: re.Pattern
    bare: re.Pattern
    direction_only: re.Pattern
    tail: re.Pattern
    capital: re.Pattern
    prefix: re.Pattern
    not_before: re.Pattern
    not_before_reach: int
    not_after: re.Pattern
    coreference: re.Pattern
    unnamed: re.Pattern
    breaks: re.Pattern
    units: dict
    directions: dict
    numbers: dict
    vague: dict
    hedges: dict
    time_units: dict
    modes: dict
    minutes_per: dict
    max_gap: int


@cache
def _patterns() -> _Patterns:
    lex = load_lexicon("distances")
    units = {w.casefold(): name for name, entry in lex["units"].items() for w in entry["words"]}
    directions = _direction_words(lex["directions"])
    numbers = {k.casefold(): float(v) for k, v in lex["numbers"].items()}
    vague = {k.casefold(): tuple(float(x) for x in v) for k, v in lex["vague"].items()}
    hedges = {k.casefold(): v for k, v in lex["hedges"].items()}
    travel = lex["travel"]
    modes = {w.casefold(): name for name, entry in travel["modes"].items() for w in entry["words"]}
    time_units = {k.casefold(): v for k, v in travel["time_units"].items()}
    num = rf"(?<![\w.,$€£-])(?:{_NUMBER}|{_bounded(numbers)})"
    hedge = rf"(?:(?P<hedge>{_bounded(hedges)})\s+)?"
    unit = rf"(?P<unit>{_alternation(units)})(?![\w'’])"
    rel = lex["relations"]
    direction = rf"(?:(?:{_alternation(lex['directions']['prefixes'])})\s+)?(?P<dir>{_bounded(directions)})"
    measure = (
        rf"{hedge}(?:(?P<vague>{_bounded(vague)})|(?:between\s+)?(?P<num>{num})"
        rf"(?:\s*(?:-|–|to|and)\s*(?P<num2>{num}))?)\s*-?\s*{unit}"
        rf"(?:\s*\(\s*(?:{_bounded(hedges)}\s+)?(?P<alt>{_NUMBER})\s*-?\s*(?P<altunit>{_alternation(units)})\s*\))?"
    )
    travel_re = (
        rf"{hedge}(?:(?P<art>an?)\s+)?(?P<num>{num})?\s*-?\s*(?P<tunit>(?<![\w'’])(?:{_alternation(time_units)})(?!\w))"
        rf"(?:['’]s|s['’]|['’])?\s*-?\s*(?P<mode>{_bounded(modes)})"
    )
    tail = (
        rf"(?:\s+away)?\s*,?\s*(?:{direction}\s+(?P<rel>of|from)|(?P<rel2>{_alternation(rel['from'] + rel['of'])}))\s+"
    )
    caps = _alternation(rel["capital"]).replace(r"the\s+capital", r"the\s+(?:(?P<adj>(?-i:[A-Z])[\w'’-]+)\s+)?capital")
    nc = lex["not_claims"]
    sub = lex["subject"]
    # A measure has a unit, a travel time a mode, the rest a direction: a sentence with none has no claim.
    needles = {"measure": _needles(units), "travel": _needles(modes), "direction": _needles(directions)}
    return _Patterns(
        needles={**needles, "any": frozenset().union(*needles.values())},
        measure=re.compile(measure, re.I),
        travel=re.compile(travel_re, re.I),
        bare=re.compile(rf"(?<=,)\s*{hedge}(?P<num>{num})(?=\s+{direction}\s+of\s)", re.I),
        direction_only=re.compile(rf"\s*,?\s*{direction}\s+of\s+", re.I),
        tail=re.compile(tail, re.I),
        capital=re.compile(rf"(?:{caps})(?![\w'’])", re.I),
        prefix=re.compile(rf"(?:{_alternation(rel['reference_prefixes'])})\s+", re.I),
        # Matched backwards, on the reversed text before a claim: one anchored try instead of a scan.
        not_before=re.compile(rf"\s*(?:{_reversed_cue_alternation(nc['before'] + nc['movement'])})", re.I),
        # A cue ends just before the claim: read no further back than the longest cue and some spaces.
        not_before_reach=max(len(cue) for cue in nc["before"] + nc["movement"]) + 40,
        not_after=re.compile(rf"^\s*(?:{_cue_alternation(nc['after'])})(?![\w])", re.I),
        coreference=re.compile(rf"\bthe\s+(?:{_alternation(sub['coreference'])})\b", re.I),
        unnamed=re.compile(
            rf"(?<![\w'’])(?:{_alternation(sub['determiners'])})\s+(?P<noun>[A-Za-z][\w'’-]*)\s*,?"
            rf"(?:\s+(?:{_alternation(sub['skip'])}))*\s*,?\s*$",
            re.I,
        ),
        breaks=re.compile(rf"{_bounded(sub['breaks'])}|[;:()\"“”]", re.I),
        units=units,
        directions=directions,
        numbers=numbers,
        vague=vague,
        hedges=hedges,
        time_units=time_units,
        modes=modes,
        minutes_per={k: float(v) for k, v in travel["minutes_per"].items()},
        max_gap=int(sub["max_gap_words"]),
    )


def _needles(words) -> frozenset[str]:
    """The first run of letters of each of ``words``, lower-cased: a match of any of them holds one."""
    found = set()
    for word in words:
        letters = _LETTERS.match(word.lower())
        if not letters:
            raise ValueError(f"distances lexicon: {word!r} must begin with a letter")
        found.add(letters.group())
    return frozenset(found)


def _cue_alternation(cues) -> str:
    parts = []
    for cue in sorted(set(cues), key=lambda c: (-len(c), c)):
        body = r"\s+".join(re.escape(p) for p in cue.split())
        parts.append(rf"(?<![\w'’]){body}" if cue[0].isalnum() else body)
    return "|".join(parts)


def _reversed_cue_alternation(cues) -> str:
    """:func:`_cue_alternation` of ``cues`` written backwards, for matching on reversed text."""
    parts = []
    for cue in sorted(set(cues), key=lambda c: (-len(c), c)):
        body = r"\s+".join(re.escape(word[::-1]) for word in reversed(cue.split()))
        parts.append(rf"{body}(?![\w'’])" if cue[0].isalnum() else body)
    return "|".join(parts)


def _direction_words(table: dict) -> dict[str, str]:
    """Spellings of the 16 winds: "north", "north-west", "northwest", "north-northwest"..."""
    names = {v: k for k, v in table["words"].items()}
    out: dict[str, str] = {}

    def spell(abbrev: str) -> list[str]:
        if len(abbrev) == 1:
            return [names[abbrev]]
        if len(abbrev) == 2:
            return [names[abbrev[0]] + sep + names[abbrev[1]] for sep in ("", "-", " ")]
        return [names[abbrev[0]] + sep + rest for sep in ("-", " ") for rest in spell(abbrev[1:])]

    for abbrev in table["order"]:
        for word in spell(abbrev):
            out[word.casefold()] = abbrev
    return out


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
    pat = _patterns()
    ordered = sorted(mentions, key=lambda m: (m.start, -m.end))
    capital = _capital_finder(ordered, gazetteer)
    found: list[tuple[int, int, DistanceClaim]] = []
    for sentence, inside in zip(article.sentences, by_sentence(article, ordered)):
        found.extend(_sentence_claims(article, sentence, inside, ordered, capital, pat))
    found = _fill_missing_units(found)
    found.sort(key=lambda item: (item[0], item[1]))
    return tuple(claim for _, _, claim in found)


def _capital_finder(mentions: Sequence[Mention], gazetteer) -> Callable[[str | None], Place | None]:
    lookup = gazetteer if callable(gazetteer) else getattr(gazetteer, "capital", None)
    counts = Counter(m.place.country for m in mentions if m.place is not None and m.place.country)
    dominant = max(counts, key=lambda c: (counts[c], -_first(mentions, c))) if counts else None

    def capital(code: str | None = None) -> Place | None:
        code = code or dominant
        return lookup(code) if lookup and code else None

    return capital


def _first(mentions: Sequence[Mention], country: str) -> int:
    return next(m.start for m in mentions if m.place is not None and m.place.country == country)


def _sentence_claims(article, sentence, inside, everywhere, capital, pat) -> list:
    text, base = sentence.text, sentence.start
    words = set(_LETTERS.findall(text.lower()))
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
        if match is None or _overlaps(match.span(), taken) or not _can_be_subject(mention.place):
            continue
        reference = _reference(text, match.end(), by_start, capital, pat)
        if reference is None or _same(reference[1], mention.place):
            continue
        claim = DistanceClaim(
            article=article.id,
            subject=_name(mention),
            reference=reference[0],
            kind=ClaimKind.DIRECTION,
            evidence=_evidence(article, sentence),
            subject_place=mention.place,
            reference_place=reference[1],
            direction=pat.directions[_fold(match.group("dir"))],
        )
        taken.append((match.start(), reference[2]))
        out.append((mention.start, 1, claim))
    return out


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def _is_not_claim(text: str, match: re.Match, pat: _Patterns) -> bool:
    start = match.start()
    return bool(pat.not_before.match(text[max(0, start - pat.not_before_reach - 1):start][::-1])
                or pat.not_after.search(text[match.end() :]))


def _fold(words: str) -> str:
    return " ".join(words.split()).casefold()


def _number(text: str, pat: _Patterns) -> float:
    folded = _fold(text)
    return pat.numbers[folded] if folded in pat.numbers else float(folded.replace(",", ""))


def _build(article, sentence, match, kind, by_start, inside, everywhere, capital, pat):
    """The claim a measure ``match`` makes, with its end offset, or None."""
    text = sentence.text
    tail = pat.tail.match(text, match.end())
    if tail is None:
        return None
    relation = _fold(tail.group("rel") or tail.group("rel2"))
    hedge = _fold(match.group("hedge")) if match.group("hedge") else None
    if relation == "of" and not (tail.group("dir") or (hedge and pat.hedges[hedge].get("of_only"))):
        return None
    reference = _reference(text, tail.end(), by_start, capital, pat)
    if reference is None:
        return None
    ref_text, ref_place, end = reference
    subject = _subject(text, match.start(), sentence.start, inside, everywhere, ref_place, pat)
    if subject is None:
        subject = _subject_after(text, end, by_start, ref_place)
    if subject is None:
        return None
    direction = pat.directions[_fold(tail.group("dir"))] if tail.group("dir") else None
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


def _values(match: re.Match, kind: ClaimKind, hedge: str | None, pat: _Patterns) -> dict | None:
    """value, unit, stated_km, stated_range_km and note of a measure."""
    low_factor, high_factor = pat.hedges[hedge]["range"] if hedge else (1.0, 1.0)
    groups = match.groupdict()
    if kind is ClaimKind.TRAVEL_TIME:
        value = _number(groups["num"], pat) if groups["num"] else 1.0
        tunit = pat.time_units[_fold(groups["tunit"])]
        mode_name = pat.modes[_fold(groups["mode"])]
        speeds = load_lexicon("distances")["travel"]["modes"][mode_name]["speed_kmh"]
        hours = value * pat.minutes_per[tunit] / 60.0
        low, high = hours * speeds[0] * low_factor, hours * speeds[1] * high_factor
        note = f"{value:g} {tunit} by {mode_name} at {speeds[0]}-{speeds[1]} km/h is {low:.1f}-{high:.1f} km"
        return dict(value=value, unit=f"{tunit}_{mode_name}", stated_range_km=(low, high), note=note)
    if groups.get("unit") is None:  # a bare number: its unit is filled in later
        value = _number(groups["num"], pat)
        return dict(value=value, unit=None, note="")
    unit = pat.units[_fold(groups["unit"])]
    notes = []
    if groups["alt"]:
        notes.append(f"also stated as {groups['alt']} {pat.units[_fold(groups['altunit'])]}")
    if groups["vague"]:
        vague = _fold(groups["vague"])
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
                    stated_range_km=(low * low_factor, high * high_factor), note="; ".join(notes))
    stated = to_km(value, unit)
    span = None if (low_factor, high_factor) == (1.0, 1.0) else (stated * low_factor, stated * high_factor)
    return dict(value=value, unit=unit, stated_km=stated, stated_range_km=span, note="; ".join(notes))


def _reference(text: str, pos: int, by_start: dict, capital, pat: _Patterns):
    """``(text, place, end)`` of the reference starting at ``pos``, or None."""
    cap = pat.capital.match(text, pos)
    if cap is not None:
        named = re.match(r",\s*", text[cap.end() :])
        if named and (mention := by_start.get(cap.end() + named.end())):
            return _name(mention), mention.place, cap.end() + named.end() + mention.end - mention.start
        country = None
        adjective = cap.groupdict().get("adj")
        if adjective:
            inner = by_start.get(cap.start("adj"))
            if inner and inner.place is not None and inner.place.kind is PlaceKind.COUNTRY:
                country = inner.place.country
        place = capital(country)
        return (place.name if place else _fold(cap.group(0))), place, cap.end()
    for start in (pos, *(m.end() for m in [pat.prefix.match(text, pos)] if m)):
        if mention := by_start.get(start):
            return _name(mention), mention.place, start + (mention.end - mention.start)
    return None


def _subject(text, start, base, inside, everywhere, ref_place, pat):
    """``(name, place)`` of what the measure at ``start`` is said of, or None."""
    left = text[:start]
    floor = 0
    if (brk := _last(pat.breaks.finditer(left))) is not None:
        floor = brk.end()
    for mention in reversed(inside):
        rel_end = mention.end - base
        if rel_end > start or rel_end <= floor:
            continue
        if _too_far(left[rel_end:], pat):
            break
        if not _can_be_subject(mention.place) or _same(mention.place, ref_place):
            continue
        coref = _last(pat.coreference.finditer(left, rel_end))
        if coref is None:
            return _name(mention), mention.place
        break
    coref = _last(pat.coreference.finditer(left, floor))
    if coref is not None and not _too_far(left[coref.end() :], pat):
        antecedent = next(
            (m for m in reversed(everywhere) if m.end <= base + coref.start() and m.place is not None
             and m.place.kind in _SETTLEMENT and not _same(m.place, ref_place)),
            None,
        )
        if antecedent is not None:
            return _name(antecedent), antecedent.place
    unnamed = pat.unnamed.search(left, floor)
    if unnamed is not None:
        return unnamed.group("noun"), None
    return None


def _subject_after(text: str, end: int, by_start: dict, ref_place):
    """A place named right after the reference: "30 km north of Kyiv, in Bucha"."""
    follow = re.match(r",\s*(?:in\s+|at\s+)?(?:the\s+\w+\s+of\s+)?", text[end:])
    if follow and (mention := by_start.get(end + follow.end())) and _can_be_subject(mention.place):
        if not _same(mention.place, ref_place):
            return _name(mention), mention.place
    return None


def _too_far(gap: str, pat: _Patterns) -> bool:
    return len(re.findall(r"[\w'’-]+", gap)) > pat.max_gap


def _last(matches):
    last = None
    for last in matches:
        pass
    return last


def _can_be_subject(place: Place | None) -> bool:
    return place is None or place.kind not in _NOT_SUBJECT


def _same(a: Place | None, b: Place | None) -> bool:
    return a is not None and b is not None and a.id == b.id


def _name(mention: Mention) -> str:
    """The place as the article writes it; its gazetteer name is on the Place."""
    return " ".join(mention.surface.split())


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
