"""The store's tables and the work common to both backends.

Tables (the same in SQLite/GeoPackage and PostgreSQL/PostGIS):

``frontline_meta``
    key/value: the schema version, who holds the store now.
``articles``
    one row per article id: its order of arrival (``seq``), its
    :func:`~geo.store.digest.content_hash`, where it came from and its date,
    the article as read and its analysed result (:mod:`geo.store.codec`), and
    the analysis digest that result was made under.
``derived``
    analyses of undated articles under the date the corpus gave them
    (:func:`geo.timeline.infer_published`), by content hash and digest.
``place_records``
    each place the results name, once, by :func:`~geo.store.codec.place_key`.
``events``, ``control``, ``claims``
    the live layers: the exports' events, control and distances layers
    (:mod:`geo.write.schema`), with a geometry column and a spatial index,
    rewritten from the records in one transaction when they change.

Every write is one transaction, and a run holds the store's lock from start
to end: a run killed at any point leaves whole batches, and the next run
analyses what is missing.
"""

from __future__ import annotations

import gc
import hashlib
import os
import socket
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime, timezone

from geo.records import Article, ArticleResult, Place
from geo.store import codec
from geo.store.records import Entry, Stored, StoreBusyError, StoreError, Tally
from geo.write.schema import CONTROL, DISTANCES, EVENTS, FieldType, Layer

__all__ = ["LIVE", "SCHEMA_VERSION", "Store", "sql_type"]

SCHEMA_VERSION = 1
# The live layers: table name -> the export layer whose fields it holds.
LIVE = {"events": EVENTS, "control": CONTROL, "claims": DISTANCES}
# Each step upgrades a store one version: MIGRATIONS[n] takes a store of version n to n + 1,
# as a list of statements per dialect. Derived tables (the live layers) are rebuilt instead.
MIGRATIONS: dict[int, dict[str, list[str]]] = {}


_ARTICLE_COLUMNS = ("id", "seq", "content_hash", "digest", "source", "title", "url", "published",
                    "published_from", "mentions", "events", "claims", "analysed_at", "article", "result")


class Store:
    """A store on one backend; use it as a context manager, which holds the run lock.

    Subclasses give the connection, the lock, the dialect's types and the
    live layers' geometry; the tables and their use are here.
    """

    dialect = ""
    _types = {"int": "INTEGER", "real": "REAL", "date": "DATE", "datetime": "DATETIME", "blob": "BLOB"}

    # -- opening and closing ------------------------------------------------------------------

    def __init__(self, label: str) -> None:
        self.label = label
        self.tally = Tally()
        self.result_keys: dict[str, str] = {}  # article id -> what its result was made from, for this run
        self._places: dict[str, Place] = {}
        self._places_loaded = False
        self._locked = False

    def __enter__(self) -> Store:
        self._connect()
        try:
            self._lock()
            self._locked = True
            self._migrate()
            self._set_meta({"holder": _holder()})
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._locked:
            self._locked = False
            try:
                self._set_meta({"holder": ""})
            finally:
                self._unlock()
        self._disconnect()

    # -- what subclasses provide --------------------------------------------------------------

    def _connect(self) -> None:
        raise NotImplementedError

    def _disconnect(self) -> None:
        raise NotImplementedError

    def _lock(self) -> None:
        raise NotImplementedError

    def _unlock(self) -> None:
        raise NotImplementedError

    def _transaction(self):
        """A context manager: one transaction, committed on success, rolled back otherwise."""
        raise NotImplementedError

    def _execute(self, sql: str, params: Sequence = ()) -> list[tuple]:
        raise NotImplementedError

    def _executemany(self, sql: str, rows: Iterable[Sequence]) -> None:
        raise NotImplementedError

    def _tables(self) -> set[str]:
        raise NotImplementedError

    def _create_live(self, table: str, layer: Layer) -> None:
        raise NotImplementedError

    def _drop_live(self, table: str) -> None:
        raise NotImplementedError

    def _insert_live(self, table: str, layer: Layer, features: list[dict]) -> None:
        raise NotImplementedError

    def _busy(self, holder: str) -> StoreBusyError:
        who = f" ({holder})" if holder else ""
        return StoreBusyError(f"{self.label}: another frontline run is using this store{who}; "
                              "run again when it has finished")

    # -- schema -------------------------------------------------------------------------------

    def _migrate(self) -> None:
        tables = self._tables()
        if "frontline_meta" not in tables:
            with self._transaction():
                self._create_base()
                for statement in self._schema():
                    self._execute(statement)
                self._put_meta({"schema_version": str(SCHEMA_VERSION)})
        version = int(self._meta("schema_version") or 0)
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.label}: the store has schema version {version}, newer than this Frontline's "
                             f"({SCHEMA_VERSION}); upgrade Frontline, or use another store")
        while version < SCHEMA_VERSION:
            step = MIGRATIONS.get(version)
            if step is None:
                raise StoreError(f"{self.label}: no migration from schema version {version}; "
                                 "start a new store with --rebuild")
            with self._transaction():
                for statement in step.get(self.dialect, ()):
                    self._execute(statement)
                version += 1
                self._put_meta({"schema_version": str(version)})
        self._check_live()

    def _create_base(self) -> None:
        """Backend-specific tables that must exist before Frontline's (GeoPackage's own)."""

    def _schema(self) -> list[str]:
        t = self._types
        return [
            "CREATE TABLE frontline_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            f"""CREATE TABLE articles (
                id TEXT PRIMARY KEY, seq {t['int']} NOT NULL UNIQUE, content_hash TEXT NOT NULL,
                digest TEXT NOT NULL, source TEXT, title TEXT, url TEXT, published {t['date']},
                published_from TEXT, mentions {t['int']}, events {t['int']}, claims {t['int']},
                analysed_at TEXT, article {t['blob']} NOT NULL, result {t['blob']} NOT NULL)""",
            f"""CREATE TABLE derived (content_hash TEXT NOT NULL, digest TEXT NOT NULL,
                result {t['blob']} NOT NULL, PRIMARY KEY (content_hash, digest))""",
            f"CREATE TABLE place_records (key TEXT PRIMARY KEY, id TEXT NOT NULL, name TEXT, record {t['blob']} NOT NULL)",
        ]

    def _check_live(self) -> None:
        """Create each live layer, or rebuild it empty when the layer's fields have changed."""
        tables = self._tables()
        for table, layer in LIVE.items():
            layout = _layout(layer)
            if table in tables and self._meta(f"layout:{table}") == layout:
                continue
            with self._transaction():
                if table in tables:
                    self._drop_live(table)
                self._create_live(table, layer)
                self._put_meta({f"layout:{table}": layout, f"rows:{table}": ""})

    # -- meta ---------------------------------------------------------------------------------

    def _meta(self, key: str) -> str | None:
        rows = self._execute("SELECT value FROM frontline_meta WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    def _put_meta(self, values: dict[str, str]) -> None:
        self._executemany("INSERT INTO frontline_meta (key, value) VALUES (?, ?) "
                          "ON CONFLICT (key) DO UPDATE SET value = excluded.value", list(values.items()))

    def _set_meta(self, values: dict[str, str]) -> None:
        if "frontline_meta" in self._tables():
            with self._transaction():
                self._put_meta(values)

    # -- articles -----------------------------------------------------------------------------

    def index(self) -> dict[str, Entry]:
        """Every stored article id -> its :class:`Entry`."""
        rows = self._execute("SELECT id, seq, content_hash, digest FROM articles")
        return {row[0]: Entry(row[1], row[2], row[3]) for row in rows}

    def write(self, batch: Sequence[tuple[int, Stored]]) -> None:
        """Store ``(seq, stored)`` rows, replacing those of the same ids: one transaction."""
        if not batch:
            return
        places: dict[str, Place] = {}
        rows = []
        now = _now()
        for seq, item in batch:
            article, result = item.article, item.result
            rows.append((article.id, seq, item.content_hash, item.digest, article.source, article.title,
                         article.url, self._date(article.published), article.published_from,
                         len(result.mentions), len(result.events), len(result.checks), now,
                         codec.dumps(article, places), codec.dumps(result, places)))  # fmt: skip
        with self._transaction():
            self._write_places(places)
            columns = ", ".join(_ARTICLE_COLUMNS)
            updates = ", ".join(f"{c} = excluded.{c}" for c in _ARTICLE_COLUMNS if c != "id")
            self._executemany(f"INSERT INTO articles ({columns}) VALUES ({', '.join('?' * len(_ARTICLE_COLUMNS))}) "
                              f"ON CONFLICT (id) DO UPDATE SET {updates}", rows)

    def _write_places(self, places: dict[str, Place]) -> None:
        fresh = {key: place for key, place in places.items() if key not in self._places}
        if not fresh:
            return
        self._executemany("INSERT INTO place_records (key, id, name, record) VALUES (?, ?, ?, ?) "
                          "ON CONFLICT (key) DO NOTHING",
                          [(key, p.id, p.name, codec.dumps_place(p)) for key, p in sorted(fresh.items())])
        self._places.update(fresh)

    def _place(self, key: str) -> Place:
        place = self._places.get(key)
        if place is None:
            if not self._places_loaded:
                self._load_places()
            place = self._places[key]
        return place

    def _load_places(self) -> None:
        for key, record in self._execute("SELECT key, record FROM place_records"):
            self._places.setdefault(key, codec.loads(bytes(record)))
        self._places_loaded = True

    def results(self, ids: Iterable[str] | None = None) -> dict[str, ArticleResult]:
        """The stored results of ``ids`` (every article when None), by id."""
        rows = self._rows("SELECT id, result FROM articles", ids)
        paused = gc.isenabled()
        gc.disable()  # records are acyclic: collections while reading millions of them would only walk them again
        try:
            return {row[0]: codec.loads_result(bytes(row[1]), self._place) for row in rows}
        finally:
            if paused:
                gc.enable()

    def articles(self, ids: Iterable[str]) -> Iterator[Article]:
        """The stored articles (as read) of ``ids``, in order of arrival."""
        for _, data in sorted(self._rows("SELECT seq, article FROM articles", ids, key="id")):
            yield codec.loads(bytes(data), self._place)

    def _rows(self, sql: str, ids: Iterable[str] | None, key: str = "id") -> list[tuple]:
        if ids is None:
            return self._execute(sql)
        ids = sorted(set(ids))
        rows = []
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            rows += self._execute(f"{sql} WHERE {key} IN ({', '.join('?' * len(chunk))})", chunk)
        return rows

    # -- analyses of undated articles under an inferred date ----------------------------------

    def derived(self, hashes: Iterable[str], digest: str) -> dict[str, ArticleResult]:
        hashes = sorted(set(hashes))
        found = {}
        for start in range(0, len(hashes), 500):
            chunk = hashes[start:start + 500]
            sql = f"SELECT content_hash, result FROM derived WHERE digest = ? AND content_hash IN ({', '.join('?' * len(chunk))})"
            for content_hash, data in self._execute(sql, [digest, *chunk]):
                found[content_hash] = codec.loads_result(bytes(data), self._place)
        return found

    def write_derived(self, items: Sequence[tuple[str, ArticleResult]], digest: str, keep: Iterable[str]) -> None:
        """Store ``(content_hash, result)`` analyses and forget every other but ``keep``: one transaction."""
        keep = set(keep) | {h for h, _ in items}
        places: dict[str, Place] = {}
        rows = [(h, digest, codec.dumps(result, places)) for h, result in items]
        with self._transaction():
            self._write_places(places)
            self._executemany("INSERT INTO derived (content_hash, digest, result) VALUES (?, ?, ?) "
                              "ON CONFLICT (content_hash, digest) DO UPDATE SET result = excluded.result", rows)
            stale = [(h, d) for h, d in self._execute("SELECT content_hash, digest FROM derived")
                     if h not in keep or d != digest]
            self._executemany("DELETE FROM derived WHERE content_hash = ? AND digest = ?", stale)

    # -- live layers --------------------------------------------------------------------------

    def refresh(self, layers: Callable[[], dict[str, list[dict]]], state: str) -> list[str]:
        """Rewrite each live layer whose rows changed, in one transaction; the tables rewritten.

        ``layers()`` gives each table's features; it is not called when the
        live layers were last written from the same ``state`` (a digest of
        everything they are made from).
        """
        if self._meta("live:state") == state and all(self._meta(f"rows:{table}") for table in LIVE):
            return []
        changed = {}
        for table, features in layers().items():
            digest = _rows_digest(features)
            if self._meta(f"rows:{table}") != digest:
                changed[table] = (features, digest)
        if changed:
            with self._transaction():
                for table, (features, digest) in changed.items():
                    self._execute(f"DELETE FROM {table}")
                    self._insert_live(table, LIVE[table], features)
                    self._put_meta({f"rows:{table}": digest})
                self._put_meta({"live:state": state})
        else:
            self._set_meta({"live:state": state})
        return sorted(changed)

    # -- starting over ------------------------------------------------------------------------

    def clear(self) -> None:
        """Forget every article, analysis and live row: one transaction (``--rebuild``)."""
        with self._transaction():
            for table in ("articles", "derived", "place_records", *LIVE):
                self._execute(f"DELETE FROM {table}")
            self._put_meta({f"rows:{table}": "" for table in LIVE} | {"live:state": ""})
        self._places.clear()
        self._places_loaded = False

    def _date(self, value: date | None):
        return value


def _holder() -> str:
    return f"pid {os.getpid()} on {socket.gethostname()}, since {_now()}"


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def _layout(layer: Layer) -> str:
    return hashlib.sha256(repr((layer.geometry, [(f.name, f.type.value) for f in layer.fields])).encode()).hexdigest()[:16]


def _rows_digest(features: list[dict]) -> str:
    digest = hashlib.sha256()
    for feature in features:
        digest.update(repr((feature["geometry"], tuple(feature["properties"].values()))).encode("utf-8"))
    return digest.hexdigest()


def sql_type(kind: FieldType, types: dict[str, str]) -> str:
    return {FieldType.STRING: "TEXT", FieldType.INTEGER: types["int"], FieldType.REAL: types["real"],
            FieldType.BOOLEAN: "BOOLEAN", FieldType.DATE: "DATE", FieldType.DATETIME: types["datetime"]}[kind]
