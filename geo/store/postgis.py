"""The team store: the same tables in PostgreSQL, the live layers with PostGIS geometry, through psycopg.

The live layers (``events``, ``control``, ``claims``) have a
``geometry(Point|LineString, 4326)`` column with a GiST index, so QGIS and
other clients query them as they are. A run holds a session advisory lock
of the database for its whole length; the server releases it when the run's
connection ends, however the run ends, and a second run stops at once with a
clear message.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterable, Sequence

import numpy as np
import shapely

from geo.store.base import Store, sql_type
from geo.store.records import StoreError
from geo.write.schema import Layer

__all__ = ["PostgisStore"]

_LOCK_NAME = "frontline store"


def _redacted(url: str) -> str:
    """``url`` without its password, to be shown."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


class PostgisStore(Store):
    """The store in the PostgreSQL database of ``url`` (``postgresql://user@host:port/db``)."""

    dialect = "postgresql"
    _types = {"int": "BIGINT", "real": "DOUBLE PRECISION", "date": "DATE", "datetime": "TIMESTAMP", "blob": "BYTEA"}

    def __init__(self, url: str) -> None:
        super().__init__(_redacted(url))
        self.url = url
        self._db = None

    def _connect(self) -> None:
        try:
            import psycopg
        except ImportError:  # pragma: no cover - a dependency
            raise StoreError("a PostgreSQL store needs psycopg: pip install 'psycopg[binary]'") from None
        try:
            self._db = psycopg.connect(self.url, autocommit=True, connect_timeout=30)
        except psycopg.Error as error:
            raise StoreError(f"{self.label}: cannot connect ({str(error).strip().splitlines()[0]})") from None
        try:
            self._db.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        except psycopg.Error as error:
            raise StoreError(f"{self.label}: PostGIS is not available in this database "
                             f"({str(error).strip().splitlines()[0]}); as its owner, run CREATE EXTENSION postgis") from None

    def _disconnect(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _key(self) -> int:
        schema = self._db.execute("SELECT current_schema()").fetchone()[0]
        digest = hashlib.sha256(f"{_LOCK_NAME}:{schema}".encode()).digest()
        return int.from_bytes(digest[:8], "big", signed=True)

    def _lock(self) -> None:
        if not self._db.execute("SELECT pg_try_advisory_lock(%s)", (self._key(),)).fetchone()[0]:
            holder = ""
            if "frontline_meta" in self._tables():
                holder = self._meta("holder") or ""
            raise self._busy(holder)

    def _unlock(self) -> None:
        if self._db is not None and not self._db.closed:
            self._db.execute("SELECT pg_advisory_unlock(%s)", (self._key(),))

    @contextlib.contextmanager
    def _transaction(self):
        with self._db.transaction():
            yield

    def _execute(self, sql: str, params: Sequence = ()) -> list[tuple]:
        cursor = self._db.execute(sql.replace("?", "%s"), params)
        return cursor.fetchall() if cursor.description else []

    def _executemany(self, sql: str, rows: Iterable[Sequence]) -> None:
        rows = list(rows)
        if rows:
            with self._db.cursor() as cursor:
                cursor.executemany(sql.replace("?", "%s"), rows)

    def _tables(self) -> set[str]:
        rows = self._execute("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")
        return {row[0] for row in rows}

    def _create_live(self, table: str, layer: Layer) -> None:
        columns = ", ".join(f'"{f.name}" {sql_type(f.type, self._types)}' for f in layer.fields)
        self._execute(f'CREATE TABLE "{table}" (fid BIGINT PRIMARY KEY, geom geometry({layer.geometry}, 4326), {columns})')
        self._execute(f'CREATE INDEX "{table}_geom_idx" ON "{table}" USING GIST (geom)')

    def _drop_live(self, table: str) -> None:
        self._execute(f'DROP TABLE IF EXISTS "{table}"')

    def _insert_live(self, table: str, layer: Layer, features: list[dict]) -> None:
        names = ", ".join(f'"{name}"' for name in layer.names)
        shapes = np.array([shapely.geometry.shape(f["geometry"]) if f["geometry"] else None for f in features], dtype=object)
        hexes = shapely.to_wkb(shapely.set_srid(shapes, 4326), hex=True, include_srid=True) if len(shapes) else []
        with self._db.cursor() as cursor:
            with cursor.copy(f'COPY "{table}" (fid, geom, {names}) FROM STDIN') as copy:
                for number, (geometry, feature) in enumerate(zip(hexes, features), start=1):
                    copy.write_row((number, geometry, *feature["properties"].values()))
        cursor.close()
        self._execute(f'ANALYZE "{table}"')
