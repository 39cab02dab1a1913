"""A throwaway PostgreSQL server with PostGIS on a free local port, for the store's tests.

Started with Debian's own ``initdb`` and ``pg_ctl`` (packages ``postgresql``
and ``postgresql-postgis``) in a temporary folder, listening on 127.0.0.1
only, and stopped and removed when the tests end. PostgreSQL refuses to run
as root, so under root the server runs as the ``postgres`` system user that
the Debian package creates.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

__all__ = ["PostgresServer", "binaries"]


def binaries() -> Path | None:
    """The folder of the newest installed PostgreSQL's ``initdb`` and ``pg_ctl``, with PostGIS beside it; None if none."""
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name), reverse=True):
        version = folder.parent.name
        if (folder / "initdb").exists() and list(Path(f"/usr/share/postgresql/{version}/extension").glob("postgis.control")):
            return folder
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    """``start()`` a server; ``database()`` a fresh empty database's URL; ``stop()`` ends it and removes its files."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="frontline-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.user = None
        self._count = 0
        if os.geteuid() == 0:
            import pwd

            self.user = pwd.getpwnam("postgres").pw_name
            shutil.chown(self.root, self.user)

    def _run(self, *args: str) -> None:
        subprocess.run([str(self.bindir / args[0]), *args[1:]], check=True, user=self.user, capture_output=True,
                       cwd=self.root, timeout=120)

    def start(self) -> PostgresServer:
        self._run("initdb", "-D", str(self.data), "-U", "frontline", "-A", "trust", "-E", "UTF8", "--locale=C")
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "-t", "60", "start")
        return self

    @property
    def url(self) -> str:
        return f"postgresql://frontline@127.0.0.1:{self.port}/postgres"

    def database(self) -> str:
        """The URL of a new, empty database on the server."""
        import psycopg

        self._count += 1
        name = f"store{self._count}"
        with psycopg.connect(self.url, autocommit=True) as db:
            db.execute(f"CREATE DATABASE {name}")
        return f"postgresql://frontline@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        try:
            if self.data.exists():
                self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        finally:
            for _ in range(3):
                try:
                    shutil.rmtree(self.root)
                    break
                except OSError:
                    time.sleep(0.5)
