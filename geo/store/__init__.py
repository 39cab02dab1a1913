"""The store: articles by content hash and their analysed records, for incremental runs.

Embedded by default, a GeoPackage file beside the outputs
(``<out>/frontline-store.gpkg``, :mod:`geo.store.embedded`); for a team, a
PostgreSQL database with PostGIS (``--db postgresql://...``,
:mod:`geo.store.postgis`). Both hold the same tables (:mod:`geo.store.base`).

>>> open_store("maps/frontline-store.gpkg").label
'maps/frontline-store.gpkg'
"""

from __future__ import annotations

from pathlib import Path

from geo.store.base import SCHEMA_VERSION, Store
from geo.store.digest import analysis_digest, content_hash, drawing_digest
from geo.store.records import Entry, Stored, StoreBusyError, StoreError, Tally

__all__ = [
    "SCHEMA_VERSION",
    "STORE_FILE",
    "Entry",
    "Store",
    "StoreBusyError",
    "StoreError",
    "Stored",
    "Tally",
    "analysis_digest",
    "content_hash",
    "drawing_digest",
    "open_store",
]

STORE_FILE = "frontline-store.gpkg"


def open_store(where: str | Path) -> Store:
    """The store at ``where``: a ``postgresql://`` (or ``postgres://``) URL, a ``sqlite:///`` URL or a file path.

    Use it as a context manager: entering connects, takes the run lock and
    creates or upgrades the tables.
    """
    text = str(where)
    if text.startswith(("postgresql://", "postgres://")):
        from geo.store.postgis import PostgisStore

        return PostgisStore(text)
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///"):]
    elif "://" in text:
        raise StoreError(f"{text.split('://')[0]}://: not a store Frontline knows; use a postgresql:// URL or a file path")
    from geo.store.embedded import EmbeddedStore

    return EmbeddedStore(Path(text))
