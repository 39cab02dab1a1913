"""Measure Frontline's stages on a JSON Lines corpus, beside two peers, and print a table.

Every measurement runs in its own Python process, so its peak resident memory
(``resource.getrusage``) is its own; worker processes are reported apart
(the largest waited-for child). Timings use ``time.perf_counter``.

Measurements (``--only`` picks some, comma separated):

``gazetteer``    import ``geo.places.gazetteer`` and load the bundled gazetteer, cold
``places``       read the corpus, find mentions (serial, in process)
``events``       read, find mentions, extract control events (serial)
``distances``    read, find mentions, find and check distance claims (serial)
``analyse``      ``geo.pipeline.analyse_all`` over the corpus with each ``--engine``
``run``          ``geo.pipeline.run`` + ``geo.write.outputs.write_outputs`` into a temporary folder, each ``--engine``
``geotext``      peer: ``GeoText(text)`` over every article (place names only, small dictionary)
``aho``          peer: one plain pyahocorasick automaton over the gazetteer's names, word-boundary check
``floor``        Frontline's own single pass alone: fold the text and list the trie's matches at capitalised words
``seeds``        which of the seed towns each tool finds in the two seed articles
``render-year``  365 daily maps of a synthetic year rendered by ``geo.write.render.render_maps``

    python benchmarks/bench.py --corpus benchmarks/corpus/c1000.jsonl --engine serial,process,dask --workers 2

``--commands`` measures whole ``frontline`` commands as a user runs them
instead, each ``--repeat`` times (median reported): the CPU seconds of all
their processes (the command and every worker it waited for, from
``os.wait4``), wall time, the peak resident memory of the largest process and
the size of what they wrote, beside geotext over the same file:

    python benchmarks/bench.py --corpus benchmarks/corpus/c10000.jsonl --commands places,events,distances,run:serial,run:process,geotext
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEEDS = ROOT / "seeds"
SEED_TOWNS = ("Qaim", "Rawah", "Beiji", "Mosul", "Khazna")
STAGES = ("places", "events", "distances")
ENGINE_MEASURES = ("analyse", "run")
PEERS = ("geotext", "aho", "floor")
ALL = ("gazetteer", *STAGES, *ENGINE_MEASURES, *PEERS, "seeds", "render-year")


# -- measurements (each runs in a fresh process) -----------------------------------------


def _rss() -> dict:
    self, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"rss_mb": round(self.ru_maxrss / 1024, 1), "child_rss_mb": round(children.ru_maxrss / 1024, 1),
            "cpu_s": round(self.ru_utime + self.ru_stime, 2), "child_cpu_s": round(children.ru_utime + children.ru_stime, 2)}


def measure_gazetteer(args) -> dict:
    t0 = time.perf_counter()
    from geo.places.gazetteer import Gazetteer

    t1 = time.perf_counter()
    gazetteer = Gazetteer.default()
    t2 = time.perf_counter()
    from geo.extract.actors import Actors

    Actors.default()
    t3 = time.perf_counter()
    names = sum(1 + len(place.alternates) for place in gazetteer)
    return {"wall_s": t3 - t0, "import_s": t1 - t0, "load_s": t2 - t1, "actors_s": t3 - t2,
            "places": len(gazetteer), "names": names}


def measure_stage(args) -> dict:
    """Serial, in process, streaming: time each part of the per-article work separately."""
    stage = args.measure
    t0 = time.perf_counter()
    from geo.read.articles import make_article
    from geo.read.formats import read_sources
    from geo.extract.distances import check_claims, find_claims
    from geo.extract.events import extract_events
    from geo.extract.actors import Actors
    from geo.places.gazetteer import Gazetteer
    from geo.places.mentions import find_mentions

    gazetteer, actors = Gazetteer.default(), Actors.default()
    loaded = time.perf_counter()
    # One-time set-up (the mention automaton, lexicon patterns) is load time, not per-article time.
    warm = make_article("Rebels seized Aleppo on Friday, about 40 km north of Hama.\n", "warm-up")
    extract_events(warm, find_mentions(warm, gazetteer), actors=actors)
    check_claims(find_claims(warm, find_mentions(warm, gazetteer), gazetteer))
    load = time.perf_counter() - t0
    parts = {"read_s": 0.0, "mentions_s": 0.0, "events_s": 0.0, "distances_s": 0.0}
    counts = {"articles": 0, "mentions": 0, "events": 0, "checks": 0}
    clock = time.perf_counter
    items = iter(read_sources([args.corpus]))
    while True:
        a = clock()
        article = next(items, None)
        b = clock()
        parts["read_s"] += b - a
        if article is None:
            break
        counts["articles"] += 1
        mentions = find_mentions(article, gazetteer)
        c = clock()
        parts["mentions_s"] += c - b
        counts["mentions"] += len(mentions)
        if stage == "events":
            counts["events"] += len(extract_events(article, mentions, actors=actors))
            parts["events_s"] += clock() - c
        elif stage == "distances":
            counts["checks"] += len(check_claims(find_claims(article, mentions, gazetteer)))
            parts["distances_s"] += clock() - c
    wall = time.perf_counter() - t0
    own = {"places": "mentions_s", "events": "events_s", "distances": "distances_s"}[stage]
    return {"wall_s": wall, "load_s": load, "gazetteer_s": loaded - t0, "stage_s": parts[own], **parts, **counts}


def measure_analyse(args) -> dict:
    t0 = time.perf_counter()
    from geo.read.formats import read_sources
    from geo.pipeline import analyse_all

    count = mentions = 0
    # As geo.pipeline.run reads: sentences are split where articles are analysed (in the workers).
    for result in analyse_all(read_sources([args.corpus], split=False), engine=args.engine, workers=args.workers):
        count += 1
        mentions += len(result.mentions)
    return {"wall_s": time.perf_counter() - t0, "articles": count, "mentions": mentions}


def measure_run(args) -> dict:
    t0 = time.perf_counter()
    from geo.write.outputs import write_outputs
    from geo.pipeline import run

    result = run([args.corpus], engine=args.engine, workers=args.workers)
    t1 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="frontline-bench-") as out:
        # As `frontline run` does: the serial engine draws maps in one process, the others in --workers.
        written = write_outputs(result, Path(out), workers=1 if args.engine == "serial" else args.workers)
        size = sum(Path(p).stat().st_size for p in written)
    t2 = time.perf_counter()
    return {"wall_s": t2 - t0, "analyse_s": t1 - t0, "write_s": t2 - t1, "articles": len(result.results),
            "days": len(result.timeline.days), "files": len(written), "out_mb": round(size / 1e6, 2)}


def _texts(corpus: str):
    with open(corpus, encoding="utf-8") as stream:
        for line in stream:
            if line.strip():
                yield json.loads(line)["text"]


def measure_geotext(args) -> dict:
    t0 = time.perf_counter()
    from geotext import GeoText

    GeoText("warm up in Paris")  # the dictionaries load on first use

    def find(text: str) -> int:
        places = GeoText(text)
        return len(places.cities) + len(places.countries)

    return _per_text(args, t0, find)


def _per_text(args, t0: float, find) -> dict:
    """Time ``find(text)`` (which returns how many names it found) on every article; set-up ends now."""
    load = time.perf_counter() - t0
    stage = 0.0
    count = found = 0
    for text in _texts(args.corpus):
        a = time.perf_counter()
        found += find(text)
        stage += time.perf_counter() - a
        count += 1
    return {"wall_s": time.perf_counter() - t0, "load_s": load, "stage_s": stage, "articles": count, "mentions": found}


def build_automaton():
    """A plain Aho-Corasick automaton over every gazetteer name and alternate, lower-cased."""
    import ahocorasick
    from geo.places.gazetteer import Gazetteer

    automaton = ahocorasick.Automaton()
    for place in Gazetteer.default():
        for name in (place.name, *place.alternates):
            key = name.lower()
            if key.strip():
                automaton.add_word(key, key)
    automaton.make_automaton()
    return automaton


def aho_find(automaton, text: str) -> list[tuple[int, int, str]]:
    """Matches of ``automaton`` in ``text`` that start and end on word boundaries."""
    lowered = text.lower()
    size = len(lowered)
    found = []
    for end, key in automaton.iter(lowered):
        start = end - len(key) + 1
        if (start == 0 or not lowered[start - 1].isalnum()) and (end + 1 == size or not lowered[end + 1].isalnum()):
            found.append((start, end + 1, key))
    return found


def measure_aho(args) -> dict:
    t0 = time.perf_counter()
    automaton = build_automaton()
    return _per_text(args, t0, lambda text: len(aho_find(automaton, text)))


def measure_floor(args) -> dict:
    """The least any matcher of this design does: fold the text, look up the names starting at each
    capitalised word in the prebuilt trie, no check, no resolution."""
    t0 = time.perf_counter()
    from geo.places.gazetteer import Gazetteer, fold_words
    from geo.places.mentions import _WORD_START, _matcher

    tries = _matcher(Gazetteer.default()).tries

    def floor(text: str) -> int:
        folded = fold_words(text)
        return sum(len(trie.prefixes(folded[m.start() : m.start() + 80]))
                   for m in _WORD_START.finditer(text) for trie in tries)

    return _per_text(args, t0, floor)


def measure_seeds(args) -> dict:
    from geotext import GeoText

    from geo.read.formats import read_sources
    from geo.places.gazetteer import Gazetteer
    from geo.places.mentions import find_mentions

    gazetteer, automaton = Gazetteer.default(), build_automaton()
    towns = {town.lower(): town for town in SEED_TOWNS}
    found: dict[str, dict[str, list[str]]] = {}
    for article in read_sources([SEEDS]):
        if not hasattr(article, "text"):
            continue
        ours = {m.surface.lower() for m in find_mentions(article, gazetteer) if m.place is not None}
        peer = {c.lower() for c in GeoText(article.text).cities}
        aho = {key for _, _, key in aho_find(automaton, article.text)}
        present = {t for t in towns if re.search(rf"\b{t}\b", article.text.lower())}
        found[article.id] = {
            tool: [towns[t] for t in towns if t in hits]
            for tool, hits in (("in text", present), ("frontline", ours), ("geotext", peer), ("aho", aho))
        }
    return {"wall_s": 0.0, "found": found}


def synthetic_year(places: int = 40, days: int = 365):
    """A RunResult spanning ``days`` days, built from records: two events a day, one state per place and day."""
    import random
    from datetime import date, timedelta

    from geo.read.articles import make_article
    from geo.records import (ArticleResult, ControlEvent, ControlState, DateSpan, EventKind, Evidence, Incident,
                             Place, PlaceKind, RunResult, Status, Timeline)

    rng = random.Random(365)
    towns = [Place(f"local:bench-{i:02d}", f"Town {i}", round(32 + rng.random() * 5, 5),
                   round(39 + rng.random() * 7, 5), PlaceKind.TOWN, "IQ") for i in range(places)]
    actors = ["ISIL", "Iraqi government", "Kurdish forces", "Shia militias"]
    kinds = [EventKind.CAPTURED, EventKind.RECAPTURED, EventKind.WITHDREW, EventKind.CONTESTED]
    first = date(2014, 1, 1)
    results, incidents, states = [], [], []
    held = {town.id: (rng.choice(actors), None, ()) for town in towns}
    for offset in range(days):
        day = first + timedelta(days=offset)
        actor = rng.choice(actors)
        chosen = rng.sample(towns, 2)
        sentence = f"{actor} took {chosen[0].name} and {chosen[1].name} on {day:%A}."
        article = make_article(sentence + "\n", f"year-{offset:03d}", published=day, published_from="field",
                               title=f"Report {offset}")
        events = []
        for town in chosen:
            event = ControlEvent(town, actor, rng.choice(kinds), DateSpan.day(day, day.strftime("%A")),
                                 Evidence(article.id, sentence, 0, len(sentence), article.title), trigger="took")
            incident = Incident(event, (event,))
            events.append(event)
            incidents.append(incident)
            held[town.id] = (actor, day, (incident,))
        results.append(ArticleResult(article, (), tuple(events), ()))
        changed = {town.id for town in chosen}
        for town in towns:
            controller, since, supporting = held[town.id]
            status = Status.CONTESTED if town.id in changed and rng.random() < 0.2 else Status.HELD
            states.append(ControlState(town, day, controller, status, since, supporting, (), town.id in changed))
    timeline = Timeline(tuple(first + timedelta(days=i) for i in range(days)), tuple(incidents), tuple(states))
    return RunResult(tuple(results), timeline, ())


def measure_render_year(args) -> dict:
    """365 daily maps of a synthetic year rendered into a temporary folder."""
    from geo.places.gazetteer import Gazetteer
    from geo.write.render import render_maps

    boundaries = Gazetteer.default().boundaries()
    t0 = time.perf_counter()
    result = synthetic_year()
    t1 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="frontline-year-") as out:
        written = render_maps(result, Path(out), boundaries=boundaries)
        t2 = time.perf_counter()
        html = [p for p in written if str(p).endswith(".html")]
        size = sum(Path(p).stat().st_size for p in written)
    return {"wall_s": t2 - t1, "build_s": t1 - t0, "days": len(result.timeline.days),
            "states": len(result.timeline.states), "files": len(written), "html": len(html),
            "out_mb": round(size / 1e6, 1)}


MEASURES = {"gazetteer": measure_gazetteer, "places": measure_stage, "events": measure_stage,
            "distances": measure_stage, "analyse": measure_analyse, "run": measure_run, "geotext": measure_geotext,
            "aho": measure_aho, "floor": measure_floor, "seeds": measure_seeds, "render-year": measure_render_year}


def child_main(args) -> int:
    result = MEASURES[args.measure](args)
    result.update(_rss())
    print("BENCH " + json.dumps(result))
    return 0


# -- whole commands, as a user runs them ---------------------------------------------------

COMMANDS = ("places", "events", "distances", "run:serial", "run:process", "geotext")


def _command(name: str, corpus: Path, out: Path, workers: int) -> list[str]:
    if name == "geotext":
        return [sys.executable, __file__, "--measure", "geotext", "--corpus", str(corpus)]
    command, _, engine = name.partition(":")
    line = [sys.executable, "-m", "geo", command, str(corpus), "--quiet", "--workers", str(workers),
            "--engine", engine or "process"]
    return line + (["--out", str(out), "--force"] if command == "run" else ["--format", "jsonl"])


def time_command(name: str, corpus: Path, workers: int = 2) -> dict:
    """CPU seconds of all processes of one command (itself and every child it waited for), wall time, peak RSS, output size."""
    with tempfile.TemporaryDirectory(prefix="frontline-bench-") as folder:
        out = Path(folder) / "out"
        with open(Path(folder) / "stdout", "wb") as stdout:
            t0 = time.perf_counter()
            process = subprocess.Popen(_command(name, corpus, out, workers), stdout=stdout, stderr=subprocess.PIPE, cwd=folder)
            _, status, usage = os.wait4(process.pid, 0)
            wall = time.perf_counter() - t0
        error = process.stderr.read().decode(errors="replace")
        process.stderr.close()
        process.returncode = os.waitstatus_to_exitcode(status)
        files = [p for p in out.rglob("*") if p.is_file()] if out.exists() else [Path(folder) / "stdout"]
        size = sum(p.stat().st_size for p in files)
    if process.returncode not in (0, 1):
        return {"error": f"exit {process.returncode}: {error.strip()[-800:]}"}
    return {"cpu_s": usage.ru_utime + usage.ru_stime, "wall_s": wall, "rss_mb": usage.ru_maxrss / 1024,
            "out_mb": size / 1e6, "files": len(files)}


def commands_main(args) -> int:
    names = [n.strip() for n in args.commands.split(",")]
    unknown = [n for n in names if n not in COMMANDS]
    if unknown:
        print(f"bench: unknown command {unknown[0]!r}; expected some of: {', '.join(COMMANDS)}", file=sys.stderr)
        return 2
    articles, size = corpus_size(args.corpus)
    print(f"corpus {args.corpus}: {articles} articles, {size / 1e6:.1f} MB of text; {os.cpu_count()} cores; "
          f"workers {args.workers}; medians of {args.repeat}")
    runs: dict[str, list[dict]] = {name: [] for name in names}
    for round_ in range(args.repeat):  # rounds interleave the commands, so a busy minute touches them all alike
        for name in names:
            load = os.getloadavg()[0]
            r = time_command(name, args.corpus, args.workers)
            r["load"] = load
            runs[name].append(r)
            print(f"  round {round_ + 1} {name}: " + (r["error"] if "error" in r else
                  f"{r['cpu_s']:.1f} CPU s, {r['wall_s']:.1f} s wall, load {load:.2f}"), file=sys.stderr, flush=True)
    rows, medians = [], {}
    for name, found in runs.items():
        good = [r for r in found if "error" not in r]
        if not good:
            print(f"{name} failed: {found[0]['error']}")
            continue
        m = medians[name] = {key: statistics.median(r[key] for r in good) for key in good[0]}
        rows.append({"command": name, "CPU s": f"{m['cpu_s']:.1f}", "CPU s each": " ".join(f"{r['cpu_s']:.1f}" for r in good),
                     "wall s": f"{m['wall_s']:.1f}", "art/CPU s": f"{articles / m['cpu_s']:,.0f}",
                     "peak RSS MB": f"{m['rss_mb']:.0f}", "output MB": f"{m['out_mb']:.1f}", "files": f"{m['files']:.0f}",
                     "load": f"{m['load']:.2f}"})
    print(_table(rows))
    if "places" in medians and "geotext" in medians:
        print(f"places / geotext CPU: {medians['places']['cpu_s'] / medians['geotext']['cpu_s']:.1f}x (goal <= 5)")
    if "run:serial" in medians and "run:process" in medians:
        print(f"run wall, serial / process: {medians['run:serial']['wall_s'] / medians['run:process']['wall_s']:.2f} (goal >= 1.7)")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps({"corpus": str(args.corpus), "articles": articles, "runs": runs,
                                               "medians": medians}, indent=1))
    return 1 if len(medians) < len(names) else 0


# -- the parent: run each measurement in a subprocess, print the table ----------------------


def _spawn(args, measure: str, engine: str = "serial") -> dict:
    command = [sys.executable, __file__, "--measure", measure, "--corpus", str(args.corpus),
               "--engine", engine, "--workers", str(args.workers)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    for line in done.stdout.splitlines():
        if line.startswith("BENCH "):
            return json.loads(line[6:])
    tail = "\n".join(done.stderr.strip().splitlines()[-15:])
    return {"error": f"exit {done.returncode}: {tail}"}


def corpus_size(corpus: Path) -> tuple[int, int]:
    """Articles and UTF-8 bytes of article text in a JSON Lines corpus."""
    count = size = 0
    for text in _texts(str(corpus)):
        count += 1
        size += len(text.encode("utf-8"))
    return count, size


def _row(name, engine, cores, r, articles, mb) -> dict:
    wall = r.get("wall_s") or 0.0
    stage = r.get("stage_s", wall)
    rate = articles / stage if stage else 0.0
    return {
        "measure": name, "engine": engine, "cores": cores,
        "wall s": f"{wall:.2f}", "stage s": f"{stage:.2f}",
        "art/s": f"{rate:,.0f}", "art/s/core": f"{rate / cores:,.0f}",
        "MB/s": f"{mb / stage if stage else 0:.2f}", "MB/s/core": f"{mb / stage / cores if stage else 0:.2f}",
        "RSS MB": f"{r.get('rss_mb', 0):.0f}", "worker RSS MB": f"{r.get('child_rss_mb', 0):.0f}" if cores > 1 else "-",
    }


def _table(rows: list[dict]) -> str:
    if not rows:
        return "(none)"
    columns = list(rows[0])
    widths = [max(len(c), *(len(str(r[c])) for r in rows)) for c in columns]
    lines = ["  ".join(c.rjust(w) for c, w in zip(columns, widths))]
    lines += ["  ".join(str(r[c]).rjust(w) for c, w in zip(columns, widths)) for r in rows]
    return "\n".join(lines)


def parent_main(args) -> int:
    only = [m.strip() for m in args.only.split(",")] if args.only else list(ALL)
    unknown = [m for m in only if m not in ALL]
    if unknown:
        print(f"bench: unknown measurement {unknown[0]!r}; expected one of: {', '.join(ALL)}", file=sys.stderr)
        return 2
    engines = [e.strip() for e in args.engine.split(",")]
    articles, size = corpus_size(args.corpus) if args.corpus.is_file() else (0, 0)
    mb = size / 1e6
    print(f"corpus {args.corpus}: {articles} articles, {mb:.1f} MB of text; {os.cpu_count()} cores; "
          f"engines {', '.join(engines)}; workers {args.workers}; load average {os.getloadavg()[0]:.2f}")
    results: dict[str, dict] = {}
    rows = []
    for name in only:
        for engine in engines if name in ENGINE_MEASURES else ["serial"]:
            key = name if name not in ENGINE_MEASURES else f"{name}:{engine}"
            print(f"  measuring {key} ...", file=sys.stderr, flush=True)
            r = results[key] = _spawn(args, name, engine)
            if "error" in r:
                print(f"  {key} failed: {r['error']}", file=sys.stderr)
                continue
            cores = 1 if engine == "serial" else min(args.workers, os.cpu_count() or 1)
            if name in (*STAGES, *ENGINE_MEASURES, *PEERS):
                rows.append(_row(key, engine, cores, r, articles, mb))
    print(f"\nload average after: {os.getloadavg()[0]:.2f} (other work on the machine skews the figures)")
    print(_table(rows))
    print("\n'stage s' is the time in that stage's own functions only (no reading, no upstream stage);"
          " for analyse and run it is the wall time. Rates are per 'stage s'.")
    _details(results)
    _ratios(results, articles)
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps({"corpus": str(args.corpus), "articles": articles, "mb": mb,
                                               "workers": args.workers, "results": results}, indent=1))
    return 1 if any("error" in r for r in results.values()) else 0


def _details(results: dict) -> None:
    g = results.get("gazetteer")
    if g and "error" not in g:
        print(f"\ngazetteer: import {g['import_s']:.3f} s, load {g['load_s']:.3f} s ({g['places']:,} places, "
              f"{g['names']:,} names), actors {g['actors_s']:.3f} s; RSS {g['rss_mb']:.0f} MB")
    for name in STAGES:
        r = results.get(name)
        if r and "error" not in r:
            print(f"{name}: read {r['read_s']:.2f} s, mentions {r['mentions_s']:.2f} s, events {r['events_s']:.2f} s, "
                  f"distances {r['distances_s']:.2f} s, load {r['load_s']:.2f} s (gazetteer {r['gazetteer_s']:.2f} s, "
                  f"then matcher and lexicons); found {r['mentions']:,} mentions, "
                  f"{r['events']:,} events, {r['checks']:,} checks")
    for name in PEERS:
        r = results.get(name)
        if r and "error" not in r:
            print(f"{name}: load {r['load_s']:.3f} s; found {r['mentions']:,} names")
    for key, r in results.items():
        if key.startswith(("analyse:", "run:")) and "error" not in r:
            print(f"{key}: CPU {r['cpu_s']:.1f} s in the main process, {r['child_cpu_s']:.1f} s in workers, "
                  f"for {r['wall_s']:.1f} s wall")
    for key, r in results.items():
        if key.startswith("run:") and "error" not in r:
            print(f"{key}: analyse {r['analyse_s']:.2f} s, write {r['write_s']:.2f} s, {r['files']} files "
                  f"({r['out_mb']} MB), {r['days']} days")
    r = results.get("render-year")
    if r and "error" not in r:
        print(f"render-year: {r['html']} HTML of {r['files']} files ({r['out_mb']} MB) for {r['days']} days in "
              f"{r['wall_s']:.1f} s ({r['states']:,} states, built in {r['build_s']:.2f} s); RSS {r['rss_mb']:.0f} MB")
    r = results.get("seeds")
    if r and "error" not in r:
        print("\nseed towns found (of " + ", ".join(SEED_TOWNS) + "):")
        for article, tools in r["found"].items():
            for tool, towns in tools.items():
                print(f"  {article:28} {tool:9} {len(towns)}/5  {', '.join(towns) or '-'}")


def _ratio_line(label: str, ours: float | None, peer: float | None, goal: float | None = None, invert=False) -> None:
    if not ours or not peer:
        return
    value = peer / ours if not invert else ours / peer
    verdict = "" if goal is None else ("  goal >= %.1f: %s" % (goal, "met" if value >= goal else "NOT met"))
    print(f"  {label:58} {value:6.2f}{verdict}")


def _ratios(results: dict, articles: int) -> None:
    def stage(key, field="stage_s"):
        r = results.get(key)
        return None if not r or "error" in r else r.get(field)

    print("\nratios (time of the second / time of the first, so > 1 means ours is faster):")
    for name in ENGINE_MEASURES:
        for engine in ("process", "dask"):
            _ratio_line(f"{name}: {engine} speed-up over serial", stage(f"{name}:{engine}", "wall_s"),
                        stage(f"{name}:serial", "wall_s"), 1.7 if engine == "process" else None)
    for peer in PEERS:
        _ratio_line(f"mention finding vs {peer} (places stage)", stage("places"), stage(peer), 2.0 if peer == "geotext" else None)
    _ratio_line("one bare pass of Frontline's automaton (floor) vs geotext", stage("floor"), stage("geotext"))
    parts = [stage("places", "mentions_s"), stage("events", "events_s"), stage("distances", "distances_s")]
    if all(p is not None for p in parts):
        _ratio_line("places+events+distances vs geotext", sum(parts), stage("geotext"))
    _ratio_line("analyse (serial, incl. reading) vs geotext (incl. reading)", stage("analyse:serial", "wall_s"),
                stage("geotext", "wall_s"))
    print("\ngoals:")
    for key in ("analyse:serial", "analyse:process", "analyse:dask", "places"):
        r = results.get(key)
        if r and "error" not in r:
            cores = 1 if key in ("places", "analyse:serial") else 2
            per_core = articles / (r["wall_s"] if key.startswith("analyse") else r["stage_s"]) / cores
            print(f"  articles/s per core, {key:20} {per_core:8,.0f}  goal >= 1000: {'met' if per_core >= 1000 else 'NOT met'}")
    for key, r in results.items():
        if key.split(":")[-1] in ("process", "dask") and "error" not in r:
            rss = r["child_rss_mb"]
            if key.startswith("analyse"):
                print(f"  peak RSS per worker, {key:20} {rss:8.0f} MB  goal < 300: {'met' if rss < 300 else 'NOT met'}")
            else:  # the map and export writers are forked from the main process: RSS counts the pages they share
                print(f"  peak RSS of a worker, {key:19} {rss:8.0f} MB  (analysis workers and forked writers)")
    g = results.get("gazetteer")
    if g and "error" not in g:
        print(f"  gazetteer load (import + load)          {g['import_s'] + g['load_s']:8.3f} s  goal < 1: "
              f"{'met' if g['import_s'] + g['load_s'] < 1 else 'NOT met'}")
    r = results.get("render-year")
    if r and "error" not in r:
        print(f"  365 daily maps                          {r['wall_s']:8.1f} s  goal well under 60: "
              f"{'met' if r['wall_s'] < 30 else 'NOT met'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus" / "c1000.jsonl", metavar="FILE",
                        help="JSON Lines corpus (make one with make_corpus.py; default: %(default)s)")
    parser.add_argument("--engine", default="serial,process", metavar="ENGINES",
                        help="serial, process, dask, or a comma-separated list, for analyse and run (default: %(default)s)")
    parser.add_argument("--workers", type=int, default=2, metavar="N", help="workers for process and dask (default: %(default)s)")
    parser.add_argument("--only", metavar="MEASURES", help="comma-separated measurements: " + ", ".join(ALL))
    parser.add_argument("--json", metavar="FILE", help="also write every figure as JSON to FILE")
    parser.add_argument("--commands", metavar="COMMANDS",
                        help="time whole commands instead, comma separated: " + ", ".join(COMMANDS))
    parser.add_argument("--repeat", type=int, default=3, metavar="N", help="runs of each command (default: %(default)s)")
    parser.add_argument("--measure", choices=list(MEASURES), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        return child_main(args)
    if args.commands:
        if not args.corpus.is_file():
            parser.error(f"{args.corpus}: no such corpus; make one with benchmarks/make_corpus.py")
        return commands_main(args)
    if not args.corpus.is_file() and not (args.only and set(args.only.split(",")) <= {"gazetteer", "seeds", "render-year"}):
        parser.error(f"{args.corpus}: no such corpus; make one with benchmarks/make_corpus.py")
    return parent_main(args)


if __name__ == "__main__":
    sys.exit(main())
