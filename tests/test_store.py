"""The store: incremental runs equal full ones, byte for byte, on both backends; safe under kills and rivals."""

from __future__ import annotations

import importlib.util
import json
import re
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geo.cli import main
from geo.store import StoreBusyError, StoreError, open_store
from geo.store import base as store_base

ROOT = Path(__file__).resolve().parent.parent
SEED_DATED, SEED_UNDATED = "000_0c9bb0fd381daf89.txt", "002_01a986955927ca01.txt"
STORE_NAMES = ("frontline-store.gpkg", "frontline-store.gpkg-journal")


def _corpus(count: int, seed: int = 3, days: int = 10) -> list[dict]:
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "benchmarks" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.articles(count, seed=seed, days=days))


def _jsonl(path: Path, records: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _outputs(folder: Path) -> dict[str, bytes]:
    """Every output file of a run by name (the store and the folder's own lists left out)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())
            if p.is_file() and not p.name.startswith(".") and p.name not in STORE_NAMES}


def _frontline(*args, capsys=None) -> tuple[int, str]:
    code = main(["run", *map(str, args)])
    return code, capsys.readouterr().err if capsys else ""


def _same(a: Path, b: Path) -> None:
    left, right = _outputs(a), _outputs(b)
    assert sorted(left) == sorted(right)
    differ = [name for name in left if left[name] != right[name]]
    assert not differ, f"files differ: {differ[:5]}"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    """Thirty synthetic reports, then ten more published over the same days and later."""
    folder = tmp_path_factory.mktemp("corpus")
    records = _corpus(40)
    return {"first": _jsonl(folder / "first.jsonl", records[:30]), "more": _jsonl(folder / "more.jsonl", records[30:])}


@pytest.fixture(scope="module")
def full_run(corpus, tmp_path_factory) -> Path:
    """A fresh full run over all forty articles, into a folder of its own (the embedded store in it)."""
    out = tmp_path_factory.mktemp("full")
    assert main(["run", str(corpus["first"]), str(corpus["more"]), "--out", str(out), "--engine", "serial", "-q"]) == 0
    return out


def test_incremental_run_equals_the_full_run(corpus, full_run, store_url, tmp_path, capsys):
    out = tmp_path / "maps"
    code, err = _frontline(corpus["first"], "--out", out, "--db", store_url, "--engine", "serial", capsys=capsys)
    assert code == 0 and "store: 30 new, 0 skipped, 0 re-analysed" in err
    code, err = _frontline(corpus["more"], "--out", out, "--db", store_url, "--engine", "serial", capsys=capsys)
    assert code == 0 and "store: 10 new, 0 skipped, 0 re-analysed" in err
    _same(out, full_run)
    # the whole corpus again: nothing to analyse, nothing to redraw, the same files
    code, err = _frontline(corpus["first"], corpus["more"], "--out", out, "--db", store_url, "--engine", "serial",
                           capsys=capsys)  # fmt: skip
    assert code == 0 and "store: 0 new, 40 skipped, 0 re-analysed articles; 0 of" in err
    _same(out, full_run)
    assert not _lock_files(out, store_url), "a finished run leaves no lock file behind"


def test_incremental_run_with_the_process_engine_equals_the_full_run(corpus, full_run, store_url, tmp_path):
    out = tmp_path / "maps"
    for part in ("first", "more"):
        assert main(["run", str(corpus[part]), "--out", str(out), "--db", store_url, "--engine", "process",
                     "--workers", "2", "-q"]) == 0  # fmt: skip
    _same(out, full_run)


def test_an_undated_article_stored_first_is_dated_when_the_corpus_dates_it(store_url, tmp_path, capsys):
    seeds = shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    full = tmp_path / "full"
    assert main(["run", str(seeds), "--out", str(full), "--engine", "serial", "-q"]) == 0
    out = tmp_path / "maps"
    assert main(["run", str(seeds / SEED_UNDATED), "--out", str(out), "--db", store_url, "--engine", "serial"]) == 0
    assert "undated: " + SEED_UNDATED in capsys.readouterr().err
    assert main(["run", str(seeds), "--out", str(out), "--db", store_url, "--engine", "serial"]) == 0
    err = capsys.readouterr().err
    assert "store: 1 new, 1 skipped" in err and "undated:" not in err
    _same(out, full)
    events = json.loads((out / "events.geojson").read_text(encoding="utf-8"))["features"]
    assert f"inferred:{SEED_DATED}" in {f["properties"]["published_from"] for f in events}


def test_a_changed_actor_lexicon_reanalyses_and_equals_a_full_run_with_it(corpus, store_url, tmp_path, capsys):
    lexicon = tmp_path / "actors.csv"
    lexicon.write_text("form,actor,role\njihadists,Northern Alliance,non-state\n", encoding="utf-8")
    out = tmp_path / "maps"
    assert main(["run", str(corpus["first"]), "--out", str(out), "--db", store_url, "--engine", "serial",
                 "--actors", str(lexicon), "-q"]) == 0  # fmt: skip
    lexicon.write_text("form,actor,role\njihadists,Black Banner Brigades,non-state\n", encoding="utf-8")
    code, err = _frontline(corpus["first"], "--out", out, "--db", store_url, "--engine", "serial",
                           "--actors", lexicon, capsys=capsys)  # fmt: skip
    assert code == 0 and "store: 0 new, 0 skipped, 30 re-analysed" in err
    full = tmp_path / "full"
    assert main(["run", str(corpus["first"]), "--out", str(full), "--engine", "serial", "--actors", str(lexicon), "-q"]) == 0
    _same(out, full)


def test_a_changed_bundled_lexicon_reanalyses_what_was_stored(corpus, tmp_path, capsys, monkeypatch):
    from geo.store import digest

    out = tmp_path / "maps"
    assert main(["run", str(corpus["first"]), "--out", str(out), "--engine", "serial", "-q"]) == 0
    monkeypatch.setattr(digest, "_bundled_analysis", lambda: "a lexicon changed since")
    # the articles are not named again: the store re-reads and re-analyses them from what it holds
    code, err = _frontline(corpus["more"], "--out", out, "--engine", "serial", capsys=capsys)
    assert code == 0 and "store: 10 new, 0 skipped, 30 re-analysed" in err


def test_the_digest_follows_the_lexicon_files_and_the_maps_style_only_redraws(tmp_path, monkeypatch):
    from geo.store import digest

    package = shutil.copytree(Path(digest.__file__).resolve().parents[1], tmp_path / "geo",
                              ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(digest, "_PACKAGE", package)

    def digests():
        digest._bundled_analysis.cache_clear()
        digest._bundled_drawing.cache_clear()
        return digest.analysis_digest(), digest.drawing_digest()

    try:
        analysis, drawing = digests()
        events = package / "lexicon" / "events.toml"
        events.write_text(events.read_text(encoding="utf-8") + "\n# a changed word list\n", encoding="utf-8")
        analysis2, drawing2 = digests()
        assert analysis2 != analysis and drawing2 == drawing
        style = package / "lexicon" / "style.toml"
        style.write_text(style.read_text(encoding="utf-8") + "\n# another colour\n", encoding="utf-8")
        analysis3, drawing3 = digests()
        assert analysis3 == analysis2 and drawing3 != drawing2
    finally:
        monkeypatch.undo()
        digests()


def test_a_second_run_on_a_store_in_use_is_refused_with_a_clear_message(corpus, store_url, tmp_path, capsys):
    with open_store(store_url):
        code = main(["run", str(corpus["more"]), "--out", str(tmp_path / "maps"), "--db", store_url, "--engine", "serial"])
    err = capsys.readouterr().err
    assert code == 2
    assert "another frontline run is using this store" in err and f"pid {os.getpid()}" in err
    assert not (tmp_path / "maps" / "index.html").exists()
    with open_store(store_url) as store:  # free again, and nothing was stored meanwhile
        assert store.index() == {}


def test_the_default_store_is_locked_by_a_run_in_another_process(corpus, tmp_path):
    out = tmp_path / "maps"
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from geo.store import open_store\n"
        f"with open_store({str(out / 'frontline-store.gpkg')!r}):\n"
        "    print('held', flush=True); time.sleep(60)\n")], stdout=subprocess.PIPE, text=True, cwd=ROOT)  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "held"
        result = subprocess.run([sys.executable, "-m", "geo", "run", str(corpus["more"]), "--out", str(out),
                                 "--engine", "serial"], capture_output=True, text=True, cwd=ROOT, timeout=120)  # fmt: skip
        assert result.returncode == 2
        assert f"another frontline run is using this store (pid {holder.pid}" in result.stderr
    finally:
        holder.kill()
        holder.wait()


def _lock_files(out: Path, store_url: str) -> list[Path]:
    """Lock files beside the outputs or the embedded store."""
    places = [out] if store_url.startswith("postgresql://") else [out, Path(store_url).parent]
    return [p for folder in places if folder.exists() for p in folder.glob("*.lock")]


def _stored(store_url: str) -> int:
    if store_url.startswith("postgresql://"):
        import psycopg

        try:
            with psycopg.connect(store_url) as db:
                return db.execute("SELECT count(*) FROM articles").fetchone()[0]
        except psycopg.Error:
            return 0
    import sqlite3

    try:
        with sqlite3.connect(f"file:{store_url}?mode=ro", uri=True, timeout=5) as db:
            return db.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.fixture(scope="module")
def kill_corpus(tmp_path_factory) -> tuple[Path, Path, int]:
    """Sixty reports in one file, and the outputs of an uninterrupted run over them."""
    folder = tmp_path_factory.mktemp("kill")
    records = _corpus(60, seed=11, days=8)
    source = _jsonl(folder / "corpus.jsonl", records)
    assert main(["run", str(source), "--out", str(folder / "full"), "--engine", "serial", "-q"]) == 0
    return source, folder / "full", len(records)


@pytest.mark.slow
@pytest.mark.parametrize("when", ["analysing", "writing"])
def test_a_run_killed_outright_then_run_again_gives_the_uninterrupted_outputs(kill_corpus, store_url, tmp_path, when):
    source, full, count = kill_corpus
    out = tmp_path / "maps"
    script = ("import sys, geo.pipeline as p; p.STORE_BATCH = 4; from geo.cli import main; "
              "sys.exit(main(sys.argv[1:]))")
    run = subprocess.Popen([sys.executable, "-c", script, "run", str(source), "--out", str(out), "--db", store_url,
                            "--engine", "serial", "-q"], cwd=ROOT, stderr=subprocess.PIPE)  # fmt: skip
    try:
        wanted = 8 if when == "analysing" else count
        deadline = time.monotonic() + 300
        while _stored(store_url) < wanted and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        if when == "writing":  # the analyses are all stored: let some files be written, then kill
            while run.poll() is None and not list(out.glob("*.html")) and time.monotonic() < deadline:
                time.sleep(0.02)
        assert run.poll() is None, "the run ended before it could be killed"
        os.kill(run.pid, signal.SIGKILL)
        run.wait()
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
    stored = _stored(store_url)
    assert (0 < stored < count) if when == "analysing" else stored == count
    assert main(["run", str(source), "--out", str(out), "--db", store_url, "--engine", "serial", "-q"]) == 0
    _same(out, full)
    assert not _lock_files(out, store_url), "the run after a killed one removes the lock file it left"


def test_rebuild_starts_over_from_the_sources_alone(corpus, store_url, tmp_path, capsys):
    out = tmp_path / "maps"
    assert main(["run", str(corpus["first"]), "--out", str(out), "--db", store_url, "--engine", "serial", "-q"]) == 0
    code, err = _frontline(corpus["more"], "--out", out, "--db", store_url, "--engine", "serial", "--rebuild",
                           capsys=capsys)  # fmt: skip
    assert code == 0 and "store: 10 new, 0 skipped, 0 re-analysed" in err
    alone = tmp_path / "alone"
    assert main(["run", str(corpus["more"]), "--out", str(alone), "--engine", "serial", "-q"]) == 0
    _same(out, alone)


def test_a_store_of_a_newer_schema_is_refused_and_an_older_one_migrated(store_url, monkeypatch):
    with open_store(store_url) as store:
        store._set_meta({"schema_version": str(store_base.SCHEMA_VERSION + 1)})
    with pytest.raises(StoreError, match="newer than this Frontline"):
        with open_store(store_url):
            pass
    monkeypatch.setattr(store_base, "SCHEMA_VERSION", store_base.SCHEMA_VERSION + 1)
    step = "ALTER TABLE articles ADD COLUMN note TEXT"
    monkeypatch.setitem(store_base.MIGRATIONS, store_base.SCHEMA_VERSION - 1, {"sqlite": [step], "postgresql": [step]})
    with open_store(store_url) as store:
        store._set_meta({"schema_version": str(store_base.SCHEMA_VERSION - 1)})
    with open_store(store_url) as store:
        assert store._meta("schema_version") == str(store_base.SCHEMA_VERSION)
        assert store._execute("SELECT count(note) FROM articles") == [(0,)]


def test_the_embedded_store_is_held_while_open_and_leaves_no_lock_file(tmp_path):
    path = tmp_path / "maps" / "frontline-store.gpkg"
    lock = path.with_name(path.name + ".lock")
    lock.parent.mkdir()
    lock.write_text("pid 1 on a machine since yesterday, killed outright\n", encoding="utf-8")  # left by a killed run
    with open_store(str(path)):
        assert "pid" in lock.read_text(encoding="utf-8")
        with pytest.raises(StoreBusyError, match=r"another frontline run is using this store \(pid \d+ on "):
            open_store(str(path)).__enter__()
    assert sorted(p.name for p in path.parent.iterdir()) == ["frontline-store.gpkg"]
    with open_store(str(path)):  # free again
        pass
    assert not lock.exists()


def test_busy_store_error_is_a_store_error():
    assert issubclass(StoreBusyError, StoreError)


def test_an_unknown_store_url_is_a_clear_error(tmp_path, capsys):
    code = main(["run", str(ROOT / "seeds"), "--out", str(tmp_path / "maps"), "--db", "mysql://somewhere/db"])
    assert code == 2 and "mysql://: not a store Frontline knows" in capsys.readouterr().err


def test_the_live_layers_hold_the_exported_rows_with_geometry_and_a_spatial_index(store_url, tmp_path):
    import pyogrio

    out = tmp_path / "maps"
    assert main(["run", str(ROOT / "seeds"), "--out", str(out), "--db", store_url, "--engine", "serial", "-q"]) == 0
    for table, layer in (("events", "events"), ("control", "control"), ("claims", "distances")):
        exported = json.loads((out / f"{layer}.geojson").read_text(encoding="utf-8"))["features"]
        wanted = sorted((f["properties"]["place_id"] if "place_id" in f["properties"] else f["properties"]["subject"],
                         f["properties"]["evidence"]) for f in exported)  # fmt: skip
        key = "place_id" if table != "claims" else "subject"
        if store_url.startswith("postgresql://"):
            import psycopg

            with psycopg.connect(store_url) as db:
                rows = db.execute(f"SELECT {key}, evidence, ST_SRID(geom), GeometryType(geom) FROM {table}").fetchall()
                index = db.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s", (table,)).fetchall()
            assert {srid for *_, srid, _ in rows if srid is not None} == {4326}
            assert any("USING gist (geom)" in definition for (definition,) in index)
        else:
            frame = pyogrio.read_dataframe(store_url, layer=table)
            rows = list(zip(frame[key], frame["evidence"]))
            assert frame.crs.to_epsg() == 4326
            info = subprocess.run(["ogrinfo", "-ro", "-q", store_url, "-sql", f"SELECT HasSpatialIndex('{table}', 'geom')"],
                                  capture_output=True, text=True, check=True).stdout  # fmt: skip
            assert "= 1" in info
        assert sorted((row[0], row[1]) for row in rows) == wanted and wanted, table


def _seeds_then(tmp_path, capsys, name: str, text: str, read):
    """Run on the seeds, then on one more report ``name`` into the same store: ``read`` of the day files before and
    after, the exit code, days redrawn and days in all; and a check that the outputs equal a full run's."""
    seeds = shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    later = tmp_path / "later"
    later.mkdir()
    (later / name).write_text(text, encoding="utf-8")
    out = tmp_path / "maps"
    assert main(["run", str(seeds), "--out", str(out), "--engine", "serial", "-q"]) == 0
    before = read(out)
    code, err = _frontline(later, "--out", out, "--engine", "serial", capsys=capsys)
    redrawn, days = map(int, re.search(r"(\d+) of (\d+) days redrawn", err).groups())
    after = read(out)

    def equals_full_run() -> None:
        full = tmp_path / "full"
        assert main(["run", str(seeds), str(later), "--out", str(full), "--engine", "serial", "-q"]) == 0
        _same(out, full)

    return before, after, code, redrawn, days, equals_full_run


def _modified(out: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in out.glob("2014-*.html")}


def _contents(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.glob("2014-*")}


def test_only_the_days_whose_files_change_are_drawn_again(tmp_path, capsys):
    # a report of the last day that names places already drawn and changes no one's control
    before, after, code, redrawn, days, equals_full_run = _seeds_then(
        tmp_path, capsys, "quiet.txt", "06/21/2014 18:00 EDT\nBAGHDAD, Iraq —\n"
        "Shops reopened in Baghdad and Mosul on Saturday, residents said.\n", _modified)
    assert code == 0 and redrawn == 1 and days > 1
    assert [name for name in after if after[name] != before.get(name)] == ["2014-06-21.html"], "other days left alone"
    equals_full_run()


def test_a_report_on_a_new_last_day_redraws_that_day_and_the_one_before_it_only(tmp_path, capsys):
    # the day after the seeds' last: the timeline and the index grow by a day, no earlier day's state changes
    before, after, code, redrawn, days, equals_full_run = _seeds_then(
        tmp_path, capsys, "next.txt", "06/23/2014 09:00 EDT\nBAGHDAD, Iraq —\n"
        "Markets in Baghdad were busy on Monday, traders said.\n", _contents)
    last = max(name.split(".")[0] for name in before if name.endswith(".html"))
    changed = sorted(name for name in after if after[name] != before.get(name))
    assert code == 0 and days > 3
    # of the earlier days' files only the map of the last one changed (it now has a next day)
    assert [name for name in changed if name in before] == [f"{last}.html"], changed
    assert all(name > last for name in changed if name not in before) and "2014-06-23.html" in changed
    assert redrawn == len({name.split(".")[0] for name in changed}) < days
    equals_full_run()


def test_a_new_theatre_redraws_every_map_but_not_the_snapshots_of_unchanged_days(tmp_path, capsys):
    # a war far from the seeds' on their last day: every map embeds the basemap of one more theatre
    before, after, code, redrawn, days, equals_full_run = _seeds_then(
        tmp_path, capsys, "far.txt", "06/21/2014 10:00 EDT\nGOMA, Democratic Republic of the Congo —\n"
        "M23 rebels captured Goma on Saturday, officials said.\n", _contents)
    assert code == 0 and sorted(after) == sorted(before)
    changed = {name for name in after if after[name] != before[name]}
    maps = {name for name in after if name.endswith(".html")}
    assert maps <= changed, "every map holds the new theatre"
    kept = {name for name in after if name.endswith(".geojson") and name < "2014-06-21"}
    assert kept and not kept & changed, "snapshots of the days before the capture are left alone"
    assert redrawn == len({name.split(".")[0] for name in changed}) < days
    equals_full_run()
