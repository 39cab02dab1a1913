"""Shared fixtures: the seed articles, their gold annotation, one run over them."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = Path(__file__).resolve().parent / "gold" / "seeds.json"
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def gold() -> dict:
    """The hand annotation of the seeds (a copy of the project's gold file)."""
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_run():
    """One serial run of the whole pipeline over seeds/."""
    from geo.pipeline import run

    return run([SEEDS], engine="serial")


@pytest.fixture(scope="session")
def seed_outputs(seed_run, tmp_path_factory) -> Path:
    """The files ``frontline run seeds/`` writes, in a temporary folder."""
    from geo.write.outputs import write_outputs

    out = tmp_path_factory.mktemp("maps")
    write_outputs(seed_run, out)
    return out


def pytest_collection_modifyitems(config, items):
    """Browser tests skip where Chromium is absent, except where it is required (CI)."""
    if CHROMIUM.exists() or os.environ.get("FRONTLINE_REQUIRE_BROWSER"):
        return
    skip = pytest.mark.skip(reason="Debian's chromium is not installed (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def postgres_server():
    """A throwaway PostgreSQL server with PostGIS (Debian's packages), stopped when the tests end."""
    from postgres import PostgresServer, binaries

    bindir = binaries()
    if bindir is None:
        if os.environ.get("FRONTLINE_REQUIRE_POSTGIS"):
            pytest.fail("PostgreSQL with PostGIS is required here: apt-get install postgresql postgresql-postgis")
        pytest.skip("PostgreSQL with PostGIS is not installed (apt-get install postgresql postgresql-postgis)")
    server = PostgresServer(bindir).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["embedded", "postgis"])
def store_url(request, tmp_path) -> str:
    """Where a store lives, on each backend: a GeoPackage file, then a fresh PostGIS database."""
    if request.param == "embedded":
        return str(tmp_path / "elsewhere" / "store.gpkg")
    return request.getfixturevalue("postgres_server").database()
