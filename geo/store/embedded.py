"""The embedded store: one GeoPackage (SQLite) file, through Python's own sqlite3.

Nothing needs installing. The file is a GeoPackage 1.3: the live layers
(``events``, ``control``, ``claims``) are feature tables with an R-tree
spatial index, so QGIS or ``ogrinfo`` open it as it is, even while a run
writes (SQLite's own locking); the other tables are Frontline's.

A run holds an exclusive lock on ``<file>.lock`` beside it (``flock``, which
the system releases when the process ends, however it ends), so a second run
on the same file stops at once with a clear message instead of interleaving.
The lock file is removed when the run ends.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import struct
from collections.abc import Iterable, Sequence
from pathlib import Path

import shapely

from geo.store.base import Store, _holder, _now, sql_type
from geo.store.records import StoreError
from geo.write.schema import Layer

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX
    fcntl = None

__all__ = ["EmbeddedStore", "gpkg_geometry"]

_APPLICATION_ID = 0x47504B47  # "GPKG"
_USER_VERSION = 10300  # GeoPackage 1.3
_WGS84 = (
    "WGS 84", 4326, "EPSG", 4326,
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],'
    'AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,'
    'AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]',
    "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid",
)  # fmt: skip
_RTREE = "http://www.geopackage.org/spec120/#extension_rtree"


class EmbeddedStore(Store):
    """The store in the GeoPackage file ``path``."""

    dialect = "sqlite"

    def __init__(self, path: Path | str) -> None:
        super().__init__(str(path))
        self.path = Path(path)
        self._db: sqlite3.Connection | None = None
        self._lockfile = None

    def _connect(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, isolation_level=None, timeout=60)
            self._db.execute("PRAGMA foreign_keys = ON")
        except (OSError, sqlite3.Error) as error:
            raise StoreError(f"{self.path}: cannot open the store ({error})") from error
        for name, function in (("ST_IsEmpty", _is_empty), ("ST_MinX", _bound(0)), ("ST_MaxX", _bound(1)),
                               ("ST_MinY", _bound(2)), ("ST_MaxY", _bound(3))):  # fmt: skip
            self._db.create_function(name, 1, function, deterministic=True)

    def _disconnect(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _lock(self) -> None:
        if fcntl is None:  # pragma: no cover
            return
        lock = self.path.with_name(self.path.name + ".lock")
        while True:
            handle = open(lock, "a+", encoding="utf-8")
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                handle.seek(0)
                holder = handle.read().strip()
                handle.close()
                raise self._busy(holder) from None
            if _same_file(handle, lock):
                break
            handle.close()  # the run that held it removed it as we opened it: take the new one
        handle.seek(0)
        handle.truncate()
        handle.write(_holder() + "\n")
        handle.flush()
        self._lockfile = handle

    def _unlock(self) -> None:
        # Removed while still held, so that no run can lock the old file after
        # this one; a run killed outright leaves it, and the next one removes it.
        if self._lockfile is not None:
            with contextlib.suppress(OSError):
                os.unlink(self._lockfile.name)
            self._lockfile.close()  # closing the file releases the lock
            self._lockfile = None

    @contextlib.contextmanager
    def _transaction(self):
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _execute(self, sql: str, params: Sequence = ()) -> list[tuple]:
        return self._db.execute(sql, params).fetchall()

    def _executemany(self, sql: str, rows: Iterable[Sequence]) -> None:
        self._db.executemany(sql, rows)

    def _tables(self) -> set[str]:
        return {row[0] for row in self._execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}

    def _date(self, value):
        return value.isoformat() if value is not None else None

    # -- GeoPackage ---------------------------------------------------------------------------

    def _create_base(self) -> None:
        tables = self._tables()
        self._execute(f"PRAGMA application_id = {_APPLICATION_ID}")
        self._execute(f"PRAGMA user_version = {_USER_VERSION}")
        if "gpkg_spatial_ref_sys" not in tables:
            self._execute("""CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,
                organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL,
                description TEXT)""")
            self._executemany("INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)", [
                ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system"),
                ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system"),
                _WGS84,
            ])  # fmt: skip
            self._execute("""CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY,
                data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '',
                last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
                min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
                CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))""")
            self._execute("""CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
                geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
                CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
                CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
                CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))""")
            self._execute("""CREATE TABLE gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL,
                definition TEXT NOT NULL, scope TEXT NOT NULL,
                CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))""")

    def _schema(self) -> list[str]:
        return [*super()._schema(),
                "INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES "
                "('articles', 'attributes', 'articles', 'articles stored by Frontline, one row per article id')"]

    def _create_live(self, table: str, layer: Layer) -> None:
        columns = ", ".join(f'"{f.name}" {sql_type(f.type, self._types)}' for f in layer.fields)
        kind = layer.geometry.upper()
        self._execute(f'CREATE TABLE "{table}" (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom {kind}, {columns})')
        self._execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, srs_id) "
                      "VALUES (?, 'features', ?, ?, ?, 4326)", (table, table, f"Frontline's {layer.name} layer", _now()))
        self._execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, 4326, 0, 0)", (table, kind))
        self._execute("INSERT INTO gpkg_extensions VALUES (?, 'geom', 'gpkg_rtree_index', ?, 'write-only')", (table, _RTREE))
        rtree = f"rtree_{table}_geom"
        self._execute(f'CREATE VIRTUAL TABLE "{rtree}" USING rtree(id, minx, maxx, miny, maxy)')
        values = "NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom)"
        present, absent = "(NEW.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom))", "(NEW.geom IS NULL OR ST_IsEmpty(NEW.geom))"
        for name, when, body in (
            ("insert", f"AFTER INSERT ON \"{table}\" WHEN {present}", f"INSERT OR REPLACE INTO \"{rtree}\" VALUES ({values});"),
            ("update1", f"AFTER UPDATE OF geom ON \"{table}\" WHEN OLD.fid = NEW.fid AND {present}",
             f"INSERT OR REPLACE INTO \"{rtree}\" VALUES ({values});"),
            ("update2", f"AFTER UPDATE OF geom ON \"{table}\" WHEN OLD.fid = NEW.fid AND {absent}",
             f"DELETE FROM \"{rtree}\" WHERE id = OLD.fid;"),
            ("update3", f"AFTER UPDATE ON \"{table}\" WHEN OLD.fid != NEW.fid AND {present}",
             f"DELETE FROM \"{rtree}\" WHERE id = OLD.fid; INSERT OR REPLACE INTO \"{rtree}\" VALUES ({values});"),
            ("update4", f"AFTER UPDATE ON \"{table}\" WHEN OLD.fid != NEW.fid AND {absent}",
             f"DELETE FROM \"{rtree}\" WHERE id IN (OLD.fid, NEW.fid);"),
            ("delete", f"AFTER DELETE ON \"{table}\" WHEN OLD.geom NOT NULL", f"DELETE FROM \"{rtree}\" WHERE id = OLD.fid;"),
        ):  # fmt: skip
            self._execute(f'CREATE TRIGGER "{rtree}_{name}" {when} BEGIN {body} END')

    def _drop_live(self, table: str) -> None:
        rtree = f"rtree_{table}_geom"
        for name in ("insert", "update1", "update2", "update3", "update4", "delete"):
            self._execute(f'DROP TRIGGER IF EXISTS "{rtree}_{name}"')
        self._execute(f'DROP TABLE IF EXISTS "{rtree}"')
        self._execute(f'DROP TABLE IF EXISTS "{table}"')
        for meta in ("gpkg_extensions", "gpkg_geometry_columns", "gpkg_contents"):
            self._execute(f"DELETE FROM {meta} WHERE table_name = ?", (table,))

    def _insert_live(self, table: str, layer: Layer, features: list[dict]) -> None:
        names = ", ".join(f'"{name}"' for name in layer.names)
        marks = ", ".join("?" * (len(layer.names) + 2))
        geometries = gpkg_geometry([f["geometry"] for f in features])
        rows = [(number, geometry, *(_value(v) for v in f["properties"].values()))
                for number, (geometry, f) in enumerate(zip(geometries, features), start=1)]
        self._executemany(f'INSERT INTO "{table}" (fid, geom, {names}) VALUES ({marks})', rows)
        bounds = self._execute(f'SELECT min(minx), min(miny), max(maxx), max(maxy) FROM "rtree_{table}_geom"')[0]
        self._execute("UPDATE gpkg_contents SET last_change = ?, min_x = ?, min_y = ?, max_x = ?, max_y = ? "
                      "WHERE table_name = ?", (_now(), *bounds, table))


def _value(value):
    return int(value) if isinstance(value, bool) else value


def gpkg_geometry(geometries: Sequence[dict | None]) -> list[bytes | None]:
    """GeoJSON-like geometries as GeoPackage geometry blobs (WGS 84, with their envelope); None stays None."""
    shapes = [shapely.geometry.shape(g) if g else None for g in geometries]
    out: list[bytes | None] = []
    for shape in shapes:
        if shape is None:
            out.append(None)
            continue
        minx, miny, maxx, maxy = shape.bounds
        header = b"GP" + bytes([0, 0b011]) + struct.pack("<i4d", 4326, minx, maxx, miny, maxy)
        out.append(header + shapely.to_wkb(shape, byte_order=1))
    return out


def _header_bounds(blob: bytes) -> tuple[float, float, float, float] | None:
    """``(minx, maxx, miny, maxy)`` of a GeoPackage geometry blob, from its envelope or its WKB."""
    if blob is None or len(blob) < 8 or blob[:2] != b"GP":
        return None
    flags = blob[3]
    if flags & 0b10000:
        return None
    envelope = (flags >> 1) & 0b111
    order = "<" if flags & 1 else ">"
    if envelope:
        return struct.unpack_from(f"{order}4d", blob, 8)
    size = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}.get(envelope, 0)
    x0, y0, x1, y1 = shapely.from_wkb(bytes(blob[8 + size:])).bounds
    return (x0, x1, y0, y1)


def _is_empty(blob) -> int | None:
    if blob is None:
        return None
    return int(_header_bounds(blob) is None)


def _bound(index: int):
    def function(blob):
        bounds = _header_bounds(blob)
        return None if bounds is None else bounds[index]

    return function


def _same_file(handle, path: Path) -> bool:
    """Whether the open ``handle`` is still the file at ``path`` (not one removed since)."""
    try:
        here = os.stat(path)
    except FileNotFoundError:
        return False
    held = os.fstat(handle.fileno())
    return (here.st_dev, here.st_ino) == (held.st_dev, held.st_ino)
