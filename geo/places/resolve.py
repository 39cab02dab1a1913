"""Resolve each name found to one place, with the article's countries as evidence.

The countries' evidence: the names of countries, of their people and of their
places that only one country has, the dateline, and the sides the article names
(:mod:`geo.places.theatres`).

Each candidate's static prior (:func:`geo.places.gazetteer.static_scores`)
is raised by the share of the article's evidence for its country, by a kind
word ("Anbar province"), by a settlement cue ("the town of"), by lying
near a settlement the article names unambiguously and by a name written
exactly as the text has it; a small
place far from everything the article names, in a country no other name
gives, is left out (see ``[support]`` in ``geo/lexicon/places.toml``).
"""

from __future__ import annotations

import math
import re
from functools import cache, lru_cache
from collections.abc import Sequence
from typing import TYPE_CHECKING

from geo.lexicon import alternation, load as load_lexicon
from geo.places import evidence
from geo.places.borders import Borders
from geo.places.gazetteer import Gazetteer, prior, sphere_km as _km
from geo.places.names import normalise
from geo.places.theatres import foreign_force, theatre_weights
from geo.records import Article, Mention, Place, PlaceKind, SETTLEMENTS

if TYPE_CHECKING:
    from geo.places.mentions import _Hit

__all__ = ["REACH", "context_countries", "resolve"]

_CONTEXT_BONUS = 4.0
_KIND_BONUS = 5.0
_SETTLEMENT_BONUS = 1.5
_ANCHORS = SETTLEMENTS | {PlaceKind.FACILITY, PlaceKind.CROSSING}
_NEAR_BONUS = 2.0  # a candidate within _NEAR_KM of a place the article names for certain
_CERTAIN = 0.5  # a name whose best candidate, before neighbours are weighed, outweighs all others is named for certain
_NEAR_KM = 100.0
_WRITTEN_BONUS = 0.5  # a candidate one of whose names is written exactly as the text has it
REACH = _CONTEXT_BONUS + _KIND_BONUS + _SETTLEMENT_BONUS + _NEAR_BONUS + _WRITTEN_BONUS + 1.0  # beyond this below the best, a place cannot win


def context_countries(article: Article, gazetteer: Gazetteer, hits: list[_Hit],
                       named_by: dict[str, set[str]] | None = None, *, foreign: bool = False) -> dict[str, float]:
    """The share of the article's evidence for each country; ``named_by`` is filled with the names giving it.

    ``foreign``: a foreign force's adjective counts too, as it does for the other side of a border ("Russian forces
    near the Ukrainian border": Russia's border with Ukraine), never for where the places are."""
    weights: dict[str, float] = {}
    named_by = {} if named_by is None else named_by
    shared: list[_Hit] = []  # names of two countries ("Congo"), counted once the others have spoken
    for hit in hits:
        if hit.demonym:
            # "120 km from the Iranian border": Herat is not in Iran; "Russian forces ... Pokrovsk": a foreign force
            # fights abroad
            if hit.kind_hint is not PlaceKind.BORDER and (foreign or not foreign_force(article.text, hit.start, hit.end)):
                weights[hit.demonym] = weights.get(hit.demonym, 0.0) + 1.0
            named_by.setdefault(hit.demonym, set()).add(hit.key)
            continue
        top = hit.candidates[0]
        if top.kind is PlaceKind.COUNTRY and _border_with().search(article.text, max(0, hit.start - 40), hit.start):
            continue  # "on the border with Egypt": the other side of the line
        if top.kind is PlaceKind.COUNTRY and any(p.kind is PlaceKind.COUNTRY for p in hit.candidates[1:]):
            shared.append(hit)
            continue
        if top.kind is PlaceKind.COUNTRY or len(hit.entry.countries) == 1 or all(
                p.country == top.country for p in hit.candidates):  # "Borno state": the kind word has chosen
            weights[top.country] = weights.get(top.country, 0.0) + 1.0
            named_by.setdefault(top.country, set()).add(hit.key)
    for code, weight in theatre_weights(article.text).items():  # "Houthi fighters seized Hazm": Yemen
        weights[code] = weights.get(code, 0.0) + weight
        named_by.setdefault(code, set()).add("")
    if article.dateline:
        for part in article.dateline.split(","):
            found = gazetteer.candidates(part.strip())
            if found and found[0].country:
                weights[found[0].country] = weights.get(found[0].country, 0.0) + 2.0
                named_by.setdefault(found[0].country, set()).add("")
    total = sum(weights.values()) or 1.0
    if shared:
        share = {code: w / total for code, w in weights.items()}
        for hit in shared:
            country = min((p for p in hit.candidates if p.kind is PlaceKind.COUNTRY),  # as resolve() will rank them
                          key=lambda p: (-prior(p) - _CONTEXT_BONUS * share.get(p.country, 0.0), p.id)).country
            weights[country] = weights.get(country, 0.0) + 1.0
            named_by.setdefault(country, set()).add(hit.key)
        total = sum(weights.values())
    return {code: w / total for code, w in weights.items()}


@cache
def _border_with() -> re.Pattern:
    words = alternation(load_lexicon("places")["border_with"]["words"])
    return re.compile(rf"\b(?:{words})\s+(?:the\s+)?$", re.IGNORECASE)


def resolve(article: Article, gazetteer: Gazetteer, hits: list[_Hit], context: dict[str, float],
             focus: tuple[str, float], named_by: dict[str, set[str]]) -> tuple[list[Mention], frozenset[str]]:
    """The mentions of ``hits``, and the names left out for want of support (see ``[support]``)."""
    mentions, unsupported = [], set()
    needs = evidence.support()
    surfaces = {id(hit): article.text[hit.start : hit.end] for hit in hits}
    chosen = [hit for hit in hits if not hit.demonym and len(hit.candidates) > 1]
    # what the article names for certain: a single candidate, or a best one that outweighs all the others
    anchors = [(hit.key, hit.candidates[0]) for hit in hits if not hit.demonym and len(hit.candidates) == 1]
    first = {id(hit): _ranked(hit, surfaces[id(hit)], context) for hit in chosen}
    for hit in chosen:
        if _confidence(scored := first[id(hit)]) >= _CERTAIN:
            anchors.append((hit.key, scored[0][2]))
    near = _Near([(key, place) for key, place in anchors if place.kind in _ANCHORS and place.located])
    sides = None  # the countries the article weighs with its foreign forces: the other side of a border it names
    for hit in hits:
        surface = surfaces[id(hit)]
        if hit.demonym:
            if hit.kind_hint is PlaceKind.BORDER:
                sides = context_countries(article, gazetteer, hits, foreign=True) if sides is None else sides
                place = Borders.default().named(hit.demonym, sides)
            else:
                place = gazetteer.country(hit.demonym)
            if place is not None:
                mentions.append(Mention(article.id, hit.start, hit.end, surface, place, 1.0, ""))
            continue
        if len(hit.candidates) == 1:  # most names: nothing to choose between
            mentions.append(Mention(article.id, hit.start, hit.end, surface, hit.candidates[0], 1.0, ""))
            continue
        scored = _with_neighbours(first[id(hit)], near, hit.key)
        runner_up = scored[1][1] if len(scored) > 1 else ""
        mentions.append(Mention(article.id, hit.start, hit.end, surface, scored[0][2], _confidence(scored), runner_up))
    mentions.sort(key=lambda m: (m.start, m.end))
    keys = {hit.start: hit.key for hit in hits}
    if focus[1] >= needs.focus:
        others = [(keys[m.start], m.place) for m in mentions if m.place.kind is not PlaceKind.COUNTRY]
        tops = frozenset(code for code, share in context.items() if share == focus[1])  # the focus, or those tied with it
        decided: dict[tuple[str, str], bool] = {}
        for mention in mentions:
            key = keys[mention.start]
            if (key, mention.place.id) not in decided:
                decided[key, mention.place.id] = _unsupported(mention.place, key, others, tops, named_by, needs)
            if decided[key, mention.place.id] or _article_abroad(mention.surface, mention.place, key, tops, named_by):
                unsupported.add(key)
    if unsupported:  # a small place of a country the text never names, far from all it names: not this one
        mentions = [m for m in mentions if keys[m.start] not in unsupported]
    return mentions, frozenset(unsupported)


class _Near:
    """The places an article names for certain, by the names that give them, in cells of a degree."""

    def __init__(self, anchors: Sequence[tuple[str, Place]]) -> None:
        self._cells: dict[tuple[int, int], dict[str, tuple[Place, set[str]]]] = {}
        for key, place in anchors:
            cell = self._cells.setdefault((math.floor(place.lat), math.floor(place.lon)), {})
            cell.setdefault(place.id, (place, set()))[1].add(key)

    def __call__(self, place: Place, key: str) -> bool:
        """Whether a place named for certain by a name other than ``key`` lies within ``_NEAR_KM`` of ``place``."""
        reach = math.ceil(_NEAR_KM / (111.0 * max(0.05, math.cos(math.radians(place.lat)))))
        row, column = math.floor(place.lat), math.floor(place.lon)
        for dlat in (-1, 0, 1):
            for dlon in range(-reach, reach + 1):
                for other, keys in self._cells.get((row + dlat, column + dlon), {}).values():
                    if keys != {key} and _km(place, other) <= _NEAR_KM:
                        return True
        return False


def _ranked(hit: _Hit, surface: str, context: dict[str, float]) -> list[tuple[float, str, Place]]:
    """``(score, id, place)`` of each candidate of ``hit``, best first, before neighbours are weighed."""
    scored, written = [], surface.casefold()
    for place, place_prior in zip(hit.candidates, hit.priors):
        score = place_prior + _CONTEXT_BONUS * context.get(place.country, 0.0)
        if hit.kind_hint is not None and place.kind is hit.kind_hint:
            score += _KIND_BONUS
        if hit.settlement_hint and place.kind in SETTLEMENTS:
            score += _SETTLEMENT_BONUS
        if written in _written_names(place):
            score += _WRITTEN_BONUS  # "Sloviansk" as written, not only "Slov'iansk" once folded
        scored.append((score, place.id, place))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return scored


def _with_neighbours(scored: list[tuple[float, str, Place]], near: _Near, key: str) -> list[tuple[float, str, Place]]:
    """``scored`` with the bonus of lying near a place named for certain, for the candidates it could lift to the top."""
    floor = scored[0][0] - _NEAR_BONUS
    lifted = [(score + _NEAR_BONUS, pid, place) if score >= floor and place.located and not _dwarfed(place, score, scored)
              and near(place, key) else (score, pid, place)
              for score, pid, place in scored]  # "Sloviansk and Kramatorsk": the Sloviansk next to Kramatorsk
    lifted.sort(key=lambda item: (-item[0], item[1]))
    return lifted


def _dwarfed(place: Place, score: float, scored: list[tuple[float, str, Place]]) -> bool:
    """Whether a better-scored place of the same country is a hundred times as populous: a village near the
    places a report names does not outweigh the regional capital of its name (Zaporizhzhia the city)."""
    return any(other_score > score and other.country == place.country and other.population >= _DWARF * max(place.population, 1)
               for other_score, _, other in scored)


_DWARF = 100


@lru_cache(maxsize=65536)
def _written_names(place: Place) -> frozenset[str]:
    return frozenset(name.casefold() for name in (place.name, *place.alternates))


def _confidence(scored: list[tuple[float, str, Place]]) -> float:
    best = scored[0][0]
    return 1.0 / sum(math.exp(s - best) for s, _, _ in scored)


_ARABIC_ARTICLE = re.compile(r"(?:al|el|ar|as|ash|ad|an|at|az|ath)[-\s'’]", re.IGNORECASE)


def _article_abroad(surface: str, place: Place, key: str, focus: frozenset[str], named_by: dict[str, set[str]]) -> bool:
    """A name written with an Arabic article ("al-Mashhad", a district of Aleppo) is not a place of a country no other
    name gives, whose own names never take the article (Mashhad, Iran): how a report writes it tells where it is."""
    if not _ARABIC_ARTICLE.match(surface) or place.country in focus or place.kind is PlaceKind.COUNTRY \
            or named_by.get(place.country, set()) - {key}:
        return False
    return not any(_ARABIC_ARTICLE.match(name) for name in (place.name, *place.alternates))


def _unsupported(place: Place, key: str, others: list[tuple[str, Place]], focus: frozenset[str],
                 named_by: dict[str, set[str]], needs: evidence.Support) -> bool:
    """A small place of a country no other name gives, far from every other place named, the focus elsewhere; a big
    city too where the name is only another of its names ("Kassara" for Kassala, in a report on Yemen); with no
    other place named, one that is smaller than a big city and the name only another of its names."""
    big = place.population >= needs.min_population and key == normalise(place.name)
    if (place.country in focus or place.kind not in SETTLEMENTS or big
            or named_by.get(place.country, set()) - {key}):
        return False
    far = [other for name, other in others if name != key and other.lat is not None]
    if not far:  # the only place named: "Boko Haram overran Baga" is no Bargarh, India, that "Baga" is another name of
        return key != normalise(place.name) and place.population < needs.min_population
    return all(_km(place, other) > needs.far_km for other in far)
