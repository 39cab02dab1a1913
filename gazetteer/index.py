"""Write the bundled gazetteer: the table of places and the prebuilt name index that loads in milliseconds.

``places.tsv.gz``
    one place per line (``HEADER``), the readable source of every other file.
``names.marisa``
    a MARISA trie of every search key (each name and alternate after
    :func:`geo.places.names.normalise`, and the word-split forms of
    :func:`geo.places.names.text_keys`).
``postings.bin``
    zlib-compressed little-endian uint32s: the key count K, K + 1 offsets,
    then per key (in trie id order) its places as ``row << 1 | alternate``,
    likeliest first (static prior, then row).
``meta.json``
    row count, source texts by key, and the rows of countries, capitals and
    admin-1 areas by code.
``common_words.tsv``
    the search keys that are also common English words (see ``common.py``).

Each is a pure function of the rows, so a rebuild is byte-identical.
"""

from __future__ import annotations

import gzip
import io
import json
import struct
import zlib
from array import array
from pathlib import Path

HEADER = ("id", "name", "lat", "lon", "kind", "country", "admin1", "population", "precision_km", "source",
          "alternates")


def tsv_bytes(rows: list[list]) -> bytes:
    text = io.StringIO()
    text.write("\t".join(HEADER) + "\n")
    for row in rows:
        cells = [*row[:10], "|".join(row[10])]
        text.write("\t".join(str(c).replace("\t", " ").replace("\n", " ").replace("|", "/") if i < 10 else str(c)
                             for i, c in enumerate(cells)) + "\n")
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as zipped:
        zipped.write(text.getvalue().encode("utf-8"))
    return buffer.getvalue()


def _keys(row: list) -> tuple[set[str], set[str]]:
    """The search keys of a row's own name, and those only its alternates give."""
    from geo.places.names import normalise, text_keys

    def of(name: str) -> set[str]:
        return ({normalise(name)} | text_keys(name)) - {""}

    own = of(row[1])
    other = set()
    for alternate in row[10]:
        other |= of(alternate)
    return own, other - own


def _prior(row: list) -> float:
    from geo.places.gazetteer import prior
    from geo.records import Place, PlaceKind

    return prior(Place(row[0], row[1], None, None, PlaceKind(row[4]), population=int(row[7])))


def index_files(rows: list[list], sources: dict[str, str], capitals: dict[str, str]) -> dict[str, bytes]:
    """The bytes of ``names.marisa``, ``postings.bin`` and ``meta.json`` for ``rows``."""
    import marisa_trie

    found: dict[str, list[tuple[float, int, int]]] = {}
    for index, row in enumerate(rows):
        own, other = _keys(row)
        rank = -_prior(row)
        for key in own:
            found.setdefault(key, []).append((rank, index, 0))
        for key in other:
            found.setdefault(key, []).append((rank, index, 1))
    trie = marisa_trie.Trie(sorted(found))
    offsets, entries = array("I", [0]), array("I")
    for key_id in range(len(trie)):
        for _, index, alternate in sorted(found[trie.restore_key(key_id)]):
            entries.append(index << 1 | alternate)
        offsets.append(len(entries))
    if struct.pack("=I", 1) != struct.pack("<I", 1):
        offsets.byteswap()
        entries.byteswap()
    postings = zlib.compress(struct.pack("<I", len(trie)) + offsets.tobytes() + entries.tobytes(), 9)
    by_id = {row[0]: index for index, row in enumerate(rows)}
    meta = {
        "rows": len(rows),
        "keys": len(trie),
        "sources": dict(sorted(sources.items())),
        "countries": {row[5]: by_id[row[0]] for row in rows if row[4] == "country"},
        "capitals": {code: by_id[pid] for code, pid in sorted(capitals.items()) if pid in by_id},
        "admin1": {},
    }
    for row in rows:
        if row[4] == "province" and row[6]:
            meta["admin1"].setdefault(row[6], by_id[row[0]])
    from geo._gazetteer.common import common_words

    return {
        "names.marisa": trie.tobytes(),
        "common_words.tsv": common_words(found),
        "postings.bin": postings,
        "meta.json": (json.dumps(meta, ensure_ascii=False, sort_keys=True, indent=0) + "\n").encode("utf-8"),
    }


def write_all(folder: Path, rows: list[list], sources: dict[str, str], capitals: dict[str, str]) -> dict[str, int]:
    """Write the table and the index files into ``folder``; return each file's size in bytes."""
    files = {"places.tsv.gz": tsv_bytes(rows), **index_files(rows, sources, capitals)}
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return {name: len(data) for name, data in files.items()}
