"""Incremental runs with the store: 10,000 articles stored, then 100 new ones, against a fresh full run.

Steps, each ``frontline run`` in a fresh process (wall time by ``time.perf_counter``, CPU time of the
process and its workers by ``getrusage``; a database server's CPU is not counted):

1. ``base``: a full run over ``--articles`` reports (``make_corpus.py``, seed 7) into a new folder,
   which stores them (the embedded store, or ``--db``).
2. For each scenario, a copy of that folder (and of the store) gets ``--new`` more reports:
   ``next-day`` all published on the day after the corpus (the daily case: their
   events fall in the last weeks, but like wire copy they repeat paragraphs, so
   they also report again incidents whose states the maps show for months), ``spread`` published over the corpus's whole
   span (the worst case: most days change). ``incremental`` is that run.
3. ``full``: a fresh full run over all the articles into another new folder and
   store. Its files must equal the incremental run's, byte for byte. The days whose
   files hold other bytes than after step 1 are counted: the least a run can redraw.

    python benchmarks/bench_store.py --articles 10000 --new 100
    python benchmarks/bench_store.py --db postgresql://user@host/db_a   # PostGIS; the database is emptied first
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import resource
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
STORE = "frontline-store.gpkg"
_DAY_FILE = re.compile(r"^\d{4}-\d{2}-\d{2}\.(?:html|geojson)$")


def _generator():
    spec = importlib.util.spec_from_file_location("make_corpus", HERE / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def corpora(folder: Path, articles: int, new: int) -> dict[str, Path]:
    """The base corpus and the new reports of each scenario, as JSON Lines files."""
    make = _generator()
    base = list(make.articles(articles, seed=7))
    last = max(date.fromisoformat(r["published"][:10]) for r in base)
    out = {"base": _write(folder / "base.jsonl", base)}
    for name, seed in (("next-day", 8), ("spread", 9)):
        records = list(make.articles(new, seed=seed))
        for number, record in enumerate(records):
            record["id"] = f"{name}-{number:04d}"
            if name == "next-day":  # the same hour and offset, on the day after the corpus
                record["published"] = (last + timedelta(days=1)).isoformat() + record["published"][10:]
        out[name] = _write(folder / f"{name}.jsonl", records)
    return out


def _cpu() -> float:
    """CPU seconds (user + system) of every finished child process and their own waited-for children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def frontline(sources: list[Path], out: Path, db: str | None, args) -> tuple[float, float, str]:
    """Wall and CPU seconds of one ``frontline run`` (with its workers; not a database server's), and its summary."""
    command = [sys.executable, "-m", "geo", "run", *map(str, sources), "--out", str(out),
               "--engine", args.engine, "--workers", str(args.workers)]  # fmt: skip
    if db:
        command += ["--db", db]
    started, cpu = time.perf_counter(), _cpu()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    wall, cpu = time.perf_counter() - started, _cpu() - cpu
    if done.returncode != 0:
        raise SystemExit(f"frontline failed ({done.returncode}):\n{done.stderr}")
    summary = next((line for line in done.stderr.splitlines() if line.startswith("store:")), "")
    return wall, cpu, summary


def outputs(folder: Path) -> dict[str, str]:
    """Each output file's name -> the SHA-256 of its bytes (equal digests: equal bytes)."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())
            if p.is_file() and not p.name.startswith(".") and not p.name.startswith(STORE)}


def _empty_database(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as db:
        for (table,) in db.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                                   "AND table_type = 'BASE TABLE' AND table_name <> 'spatial_ref_sys'").fetchall():
            db.execute(f'DROP TABLE IF EXISTS "{table}" CASCADE')


def _copy_database(source: str, target: str) -> None:
    """The tables of the PostgreSQL database ``source`` into ``target`` (pg_dump | psql)."""
    _empty_database(target)
    dump = subprocess.run(["pg_dump", "--no-owner", "--exclude-table=spatial_ref_sys", source], capture_output=True, check=True)
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", target], input=dump.stdout, capture_output=True, check=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--new", type=int, default=100)
    parser.add_argument("--engine", default="process")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--scenario", default="next-day,spread", help="next-day, spread or both (comma separated)")
    parser.add_argument("--db", nargs="*", default=None, metavar="URL",
                        help="PostgreSQL databases to use instead of the embedded store: one for the stored corpus, "
                        "one per scenario and one for the full runs (they are emptied first)")
    parser.add_argument("--keep", type=Path, help="keep the folders here instead of a temporary folder")
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    args = parser.parse_args(argv)
    scenarios = [s.strip() for s in args.scenario.split(",") if s.strip()]
    work = args.keep or Path(tempfile.mkdtemp(prefix="frontline-bench-store-"))
    work.mkdir(parents=True, exist_ok=True)
    dbs = list(args.db or [])
    if dbs and len(dbs) < 2 + len(scenarios):
        raise SystemExit(f"--db needs {2 + len(scenarios)} databases: the stored corpus, one per scenario, the full runs")
    for url in dbs:
        _empty_database(url)
    figures: dict = {"articles": args.articles, "new": args.new, "engine": args.engine, "workers": args.workers,
                     "store": "postgis" if dbs else "embedded"}  # fmt: skip
    try:
        files = corpora(work, args.articles, args.new)
        base = work / "base"
        wall, cpu, summary = frontline([files["base"]], base, dbs[0] if dbs else None, args)
        figures["base"] = {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "summary": summary,
                           "load": os.getloadavg()}  # fmt: skip
        print(f"stored {args.articles} articles: {wall:.1f} s ({cpu:.1f} s CPU)   {summary}", flush=True)
        for index, name in enumerate(scenarios):
            out = work / f"incremental-{name}"
            shutil.copytree(base, out)
            db = None
            if dbs:
                db = dbs[1 + index]
                _copy_database(dbs[0], db)
            wall, cpu, summary = frontline([files[name]], out, db, args)
            load = os.getloadavg()
            full = work / f"full-{name}"
            full_db = dbs[-1] if dbs else None
            if full_db:
                _empty_database(full_db)
            full_wall, full_cpu, full_summary = frontline([files["base"], files[name]], full, full_db, args)
            mine, theirs, stored = outputs(out), outputs(full), outputs(base)
            differ = sorted(n for n in mine.keys() | theirs.keys() if mine.get(n) != theirs.get(n))
            days = re.search(r"(\d+) of (\d+) days redrawn", summary)
            # the days whose map or snapshot holds other bytes than after the stored corpus's run: what had to be drawn
            touched = len({n[:10] for n in mine if _DAY_FILE.match(n) and mine[n] != stored.get(n)})
            figures[name] = {"incremental_s": round(wall, 2), "incremental_cpu_s": round(cpu, 2), "load": load,
                             "full_cpu_s": round(full_cpu, 2), "cpu_ratio": round(cpu / full_cpu, 4),
                             "summary": summary, "full_s": round(full_wall, 2),
                             "full_summary": full_summary, "ratio": round(wall / full_wall, 4), "files": len(mine),
                             "differ": differ, "days_redrawn": int(days[1]) if days else None,
                             "days": int(days[2]) if days else None, "days_changed": touched}  # fmt: skip
            print(f"{name}: +{args.new} articles {wall:.1f} s, {cpu:.1f} s CPU ({summary}); fresh full run over "
                  f"{args.articles + args.new}: {full_wall:.1f} s, {full_cpu:.1f} s CPU; ratio {wall / full_wall:.1%} "
                  f"(CPU {cpu / full_cpu:.1%}); "
                  f"{len(mine)} files, {'all byte-identical' if not differ else f'{len(differ)} differ: {differ[:5]}'}; "
                  f"{touched} days' files hold new bytes",
                  flush=True)  # fmt: skip
            if differ:
                figures["failed"] = True
            if not args.keep:
                shutil.rmtree(full)
                shutil.rmtree(out)
        sizes = {p.name: p.stat().st_size for p in base.iterdir() if p.name.startswith(STORE)}
        figures["store_bytes"] = sizes
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 1 if figures.get("failed") else 0


if __name__ == "__main__":
    sys.exit(main())
