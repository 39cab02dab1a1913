"""The bundled gazetteer as shipped: a table of places read lazily and a prebuilt name index.

Loading reads the table's lines and maps the index (a MARISA trie of every
search key and the postings of each key) without building anything, so a
cold process has it in a fraction of a second; a line becomes a
:class:`~geo.records.Place` only when asked for. See ``gazetteer/index.py``
for the file formats.
"""

from __future__ import annotations

import functools
import gzip
import json
import struct
import sys
import zlib
from array import array
from collections.abc import Iterator
from importlib import resources

import marisa_trie

from geo.errors import GazetteerError
from geo.records import Place, PlaceKind

__all__ = ["Bundle", "bundled"]

_DATA_PACKAGE = "geo._gazetteer"
_HEADER = ("id", "name", "lat", "lon", "kind", "country", "admin1", "population", "precision_km", "source",
           "alternates")
_KINDS = {k.value: k for k in PlaceKind}


class Bundle:
    """The shipped table and index. Rows are numbered from 0 in file order."""

    def __init__(self, lines: list[str], trie: marisa_trie.Trie, offsets: array, entries: array, meta: dict) -> None:
        self._lines = lines
        self.trie = trie
        self._offsets = offsets
        self._entries = entries
        self.meta = meta
        self._sources = meta["sources"]
        self._places: dict[int, Place] = {}
        self._ids: dict[str, int] | None = None
        self._by_country: dict[str, array] | None = None

    def __len__(self) -> int:
        return len(self._lines)

    def place(self, row: int) -> Place:
        """The place on ``row`` (parsed once, then kept)."""
        place = self._places.get(row)
        if place is None:
            place = self._places[row] = self._parse(self._lines[row])
        return place

    def _parse(self, line: str) -> Place:
        pid, name, lat, lon, kind, country, admin1, population, precision, source, alternates = line.split("\t")
        return Place(pid, name, float(lat) if lat else None, float(lon) if lon else None, _KINDS[kind], country,
                     admin1, int(population), tuple(alternates.split("|")) if alternates else (), float(precision),
                     self._sources.get(source, source))

    def names_in(self, country: str, kinds: frozenset[PlaceKind]) -> Iterator[tuple[int, str]]:
        """``(row, name)`` for each name, its own and alternate, of every place of ``country`` of one of ``kinds``."""
        if self._by_country is None:  # one pass over the table, then each country's rows at once
            by_country: dict[str, array] = {}
            for row, line in enumerate(self._lines):
                cells = line.split("\t", 6)
                by_country.setdefault(cells[5], array("I")).append(row)
            self._by_country = by_country
        kinds_written = {kind.value for kind in kinds}
        for row in self._by_country.get(country, ()):
            cells = self._lines[row].split("\t")
            if cells[4] in kinds_written:
                yield row, cells[1]
                if cells[10]:
                    yield from ((row, alternate) for alternate in cells[10].split("|"))

    def row_of(self, place_id: str) -> int | None:
        """The row of ``place_id``, or None (the id table is built on first use)."""
        if self._ids is None:
            self._ids = {line[: line.index("\t")]: row for row, line in enumerate(self._lines)}
        return self._ids.get(place_id)

    def postings(self, key: str) -> tuple[tuple[int, bool], ...]:
        """``(row, by an alternate name)`` of each place answering to search ``key``, likeliest first."""
        key_id = self.trie.get(key)
        if key_id is None:
            return ()
        entries = self._entries[self._offsets[key_id] : self._offsets[key_id + 1]]
        return tuple((entry >> 1, bool(entry & 1)) for entry in entries)


def _read(name: str) -> bytes:
    return resources.files(_DATA_PACKAGE).joinpath(name).read_bytes()


@functools.cache
def bundled() -> Bundle:
    """The bundled table and index, loaded once per process."""
    text = gzip.decompress(_read("places.tsv.gz")).decode("utf-8")
    lines = text.split("\n")
    header = tuple(lines[0].split("\t"))
    if header != _HEADER:
        raise GazetteerError("places.tsv.gz", f"unexpected header {header!r}")
    lines = lines[1:-1] if lines[-1] == "" else lines[1:]
    meta = json.loads(_read("meta.json"))
    trie = marisa_trie.Trie().frombytes(_read("names.marisa"))
    raw = zlib.decompress(_read("postings.bin"))
    (keys,) = struct.unpack_from("<I", raw)
    offsets, entries = array("I"), array("I")
    offsets.frombytes(raw[4 : 4 + 4 * (keys + 1)])
    entries.frombytes(raw[4 + 4 * (keys + 1) :])
    if sys.byteorder == "big":
        offsets.byteswap()
        entries.byteswap()
    if len(lines) != meta["rows"] or keys != len(trie) or keys != meta["keys"]:
        raise GazetteerError("places.tsv.gz", "table and index disagree: rebuild with python -m geo._gazetteer.build")
    return Bundle(lines, trie, offsets, entries, meta)


@functools.cache
def word_frequencies() -> dict[str, float]:
    """Search key -> its Zipf frequency as an English word, for the keys that are common words."""
    lines = _read("common_words.tsv").decode("utf-8").split("\n")[1:]
    return {key: float(zipf) for key, zipf in (line.split("\t") for line in lines if line)}


@functools.cache
def areas() -> dict[str, dict]:
    """place id -> GeoJSON Feature of its outline (admin-1 areas and countries), read on first use."""
    collection = json.loads(gzip.decompress(_read("areas.json.gz")))
    return {feature["properties"]["place_id"]: feature for feature in collection["features"]}
