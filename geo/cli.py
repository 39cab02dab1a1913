"""The ``frontline`` command: parse arguments, call the library, print.

Exit codes: 0 success; 1 some inputs failed but others were processed;
2 usage error, or nothing could be processed.
"""

from __future__ import annotations

import argparse
import csv
import functools
import io
import json
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from geo import __version__
from geo.read.options import InputFormat, ReadOptions
from geo.read.published import DayOrder, parse_published
from geo.errors import FrontlineError, InputError
from geo.files import end_stray_workers
from geo.write.escape import csv_record
from geo.pipeline import Engine, Work, load_gazetteer, run

__all__ = ["main"]

FORMATS = ("table", "json", "jsonl", "csv")
ATTRIBUTION = "Place data: GeoNames (geonames.org), CC BY 4.0; boundaries: Natural Earth (public domain)."


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if argv is None:  # as a command: a polite kill unwinds like Ctrl-C, so no temporary file stays behind
        signal.signal(signal.SIGTERM, functools.partial(_interrupted, os.getpid()))
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return 2
    if hasattr(args, "published"):
        try:
            args.reading = _reading(args)
        except InputError as exc:
            parser.error(f"argument --published: {exc.problem}")
    try:
        return args.handler(args)
    except FrontlineError as exc:
        print(f"frontline: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        if argv is None:
            end_stray_workers()
        print("frontline: interrupted; outputs already written are complete, none is partial", file=sys.stderr)
        return 130


def _interrupted(main_pid: int, signum, frame):
    if os.getpid() != main_pid:
        os._exit(128 + signum)  # a worker ended as it forks, before it sets its own handler: nothing to unwind
    raise KeyboardInterrupt


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="frontline",
        description="Turn English news reports of a war into dated offline maps of who holds what.",
        epilog="SOURCES are article files (.txt), JSON Lines, JSON or CSV corpora (fields such as id, text, "
        "published, title, url), RSS/Atom feeds, saved web pages (.html), folders of them, or '-' for "
        "standard input. " + ATTRIBUTION,
    )
    parser.add_argument("--version", action="version", version=f"frontline {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def stage(name: str, help: str, handler) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.add_argument("sources", nargs="+", metavar="SOURCES", help="files, folders or '-' for stdin")
        sub.add_argument("--published", metavar="DATE",
                         help="publication date for articles that carry none (never guessed otherwise)")
        order = sub.add_mutually_exclusive_group()
        order.add_argument("--dayfirst", action="store_true",
                           help="read numeric dates such as 03/04/2024 as day/month (3 April)")
        order.add_argument("--monthfirst", action="store_true",
                           help="read numeric dates such as 03/04/2024 as month/day (4 March)")
        sub.add_argument("--text-column", metavar="NAME", help="JSON/CSV field holding the article text")
        sub.add_argument("--date-column", metavar="NAME", help="JSON/CSV field holding the publication date")
        sub.add_argument("--id-column", metavar="NAME", help="JSON/CSV field holding the article id")
        sub.add_argument("--input-format", choices=[f.value for f in InputFormat], default=InputFormat.AUTO.value,
                         help="read standard input and the files named as this format "
                         "(default: by suffix; standard input sniffed)")
        sub.add_argument("--gazetteer", action="append", default=[], metavar="FILE",
                         help="CSV or GeoJSON of extra places (name, lat, lon, ...) merged over the bundled gazetteer; repeatable")
        sub.add_argument("--actors", action="append", default=[], metavar="FILE",
                         help="TOML or CSV of extra actors merged over the bundled lexicon; repeatable")
        sub.add_argument("--engine", choices=[e.value for e in Engine], default=Engine.default().value,
                         help="where per-article work runs (default: %(default)s)")
        sub.add_argument("--workers", type=_positive, metavar="N", help="worker processes (default: all cores)")
        sub.add_argument("--scheduler", metavar="ADDRESS",
                         help="Dask scheduler address for --engine dask (default: a local cluster)")
        sub.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
        sub.set_defaults(handler=handler)
        if name != "run":
            sub.add_argument("--format", choices=FORMATS, default="table", help="output format (default: %(default)s)")
        return sub

    run_parser = stage("run", "Find places, events and distances and write maps, GeoJSON and reports.", _run)
    run_parser.add_argument("--out", type=Path, default=Path("maps"), metavar="DIR",
                            help="output folder (default: %(default)s)")
    run_parser.add_argument("--force", action="store_true",
                            help="write into a folder that holds files Frontline did not write")
    run_parser.add_argument("--db", metavar="URL",
                            help="the store of articles and their analyses: a postgresql://user@host/db URL for a "
                            "PostGIS database, or a GeoPackage file (default: OUT/frontline-store.gpkg)")
    run_parser.add_argument("--rebuild", action="store_true",
                            help="empty the store first and analyse SOURCES afresh")
    run_parser.add_argument("--days", choices=["news", "all"], default="news",
                            help="day maps: 'news' for each day with a report or a dated event (default), 'all' for every day")
    run_parser.add_argument("--tiles", choices=["osm"], default=None,
                            help="add online OpenStreetMap tiles (maps stay offline without it)")
    stage("places", "List every place mention, resolved against the gazetteer.", _places)
    stage("events", "List every change of control: place, actor, kind, date and evidence.", _events)
    stage("distances", "List every stated distance or direction with its geodesic check.", _distances)

    gazetteer = commands.add_parser("gazetteer", help="Look up or build gazetteers.", description="Look up or build gazetteers.")
    gcommands = gazetteer.add_subparsers(dest="gazetteer_command", metavar="ACTION", required=True)
    lookup = gcommands.add_parser("lookup", help="Candidate places for a name, best first, with the reasons.")
    lookup.add_argument("name")
    lookup.add_argument("--country", action="append", default=[], metavar="ISO2",
                        help="context countries that favour their places; repeatable")
    lookup.add_argument("--gazetteer", action="append", default=[], metavar="FILE")
    lookup.add_argument("--format", choices=FORMATS, default="table")
    lookup.set_defaults(handler=_lookup)
    build = gcommands.add_parser("build", help="Write a gazetteer at GeoNames cities500 detail for some countries (offline).")
    build.add_argument("--countries", required=True, metavar="ISO2,ISO2", help="e.g. UA,SD")
    build.add_argument("--out", required=True, type=Path, metavar="FILE", help="CSV file to write")
    build.set_defaults(handler=_build)
    return parser


def _run(args) -> int:
    from geo.store import STORE_FILE, open_store
    from geo.write.outputs import prepare_folder, write_outputs

    prepare_folder(args.out, force=args.force)  # before the store is made in it
    store = open_store(args.db or args.out / STORE_FILE)
    with store:
        result = _analyse(args, store=store)
        # The serial engine stays in one process throughout; the others draw day maps in parallel too.
        workers = 1 if args.engine == "serial" else args.workers or os.cpu_count() or 1
        written = write_outputs(result, args.out, tiles=args.tiles, force=args.force, workers=workers,
                                redraw=args.rebuild, tally=store.tally, days=args.days,
                                gazetteer_files=args.gazetteer, known=store.result_keys)
    if not args.quiet:
        timeline = result.timeline
        undated = [r.article.id for r in result.results if r.article.published is None]
        print(
            f"articles read: {len(result.results)}; places: {len({m.place.id for r in result.results for m in r.mentions if m.place})}; "
            f"events: {sum(len(r.events) for r in result.results)} ({len(timeline.incidents)} incidents); "
            f"claims: {sum(len(r.checks) for r in result.results)}; days: {len(timeline.days)}",
            file=sys.stderr,
        )
        for article_id in undated:
            print(f"undated: {article_id} (no date in text or metadata; use --published or a manifest)", file=sys.stderr)
        print(store.tally.summary(), file=sys.stderr)
        if line := _unlocated_summary(result, args.out):
            print(line, file=sys.stderr)
        maps = sum(1 for p in written if p.suffix == ".html" and p.name != "index.html")
        print(f"wrote {len(written)} files to {args.out}: {maps} day maps of {len(timeline.days)} days"
              + (" (days with news; --days all for every day)" if args.days == "news" else ""), file=sys.stderr)
    return _status(result)


def _unlocated_summary(result, out: Path) -> str:
    """How many places named have no coordinates (none in a gazetteer, or a river), how many of them are
    event places, and how to place them; empty when none."""
    from geo.write.unlocated import FILE

    places = {m.place.id for r in result.results for m in r.mentions if m.place and m.place.unplaced}
    if not places:
        return ""
    events = {e.place.id for r in result.results for e in r.events if not e.place.located}
    located = {e.place.id for r in result.results for e in r.events if e.place.located}
    path = out / FILE
    named = f"{len(places)} place{'s' if len(places) != 1 else ''} named {'have' if len(places) != 1 else 'has'} no coordinates"
    of_events = f"{len(events) or 'none'} of the {len(events) + len(located)} event places"
    return f"unlocated: {named} ({of_events}); fill in lat and lon in {path} and run again with --gazetteer {path}"


def _places(args) -> int:
    result = _analyse(args, work=Work.for_command("places"))
    _print([m.as_record() for r in result.results for m in r.mentions], args.format)
    return _status(result)


def _events(args) -> int:
    result = _analyse(args, work=Work.for_command("events"))
    records = []
    for r in result.results:
        for event in r.events:
            record = event.as_record()
            record["published"] = r.article.published.isoformat() if r.article.published else None
            record["published_from"] = r.article.published_from or None
            records.append(record)
    _print(records, args.format)
    return _status(result)


def _distances(args) -> int:
    result = _analyse(args, work=Work.for_command("distances"))
    _print([c.as_record() for r in result.results for c in r.checks], args.format)
    return _status(result)


def _lookup(args) -> int:
    gazetteer = load_gazetteer(tuple(args.gazetteer))
    ranked = gazetteer.explain(args.name, context_countries=tuple(c.upper() for c in args.country))
    records = [
        {"rank": rank, **{k: v for k, v in place.as_record().items() if k != "source"}, "score": score,
         "why": why, "source": place.source}
        for rank, (place, score, why) in enumerate(ranked, 1)
    ]
    if not records:
        print(f"frontline: no place in the gazetteer is called {args.name!r}", file=sys.stderr)
        return 1
    _print(records, args.format)
    return 0


def _build(args) -> int:
    from geo.places.gazetteer import build_country_gazetteer

    codes = [c.strip().upper() for c in args.countries.split(",") if c.strip()]
    out = build_country_gazetteer(codes, args.out)
    count = sum(1 for _ in out.open(encoding="utf-8")) - 1
    print(f"wrote {count:,} places for {', '.join(codes)} to {args.out}", file=sys.stderr)
    return 0


def _analyse(args, store=None, work=None):
    """Run the pipeline for a command, doing only ``work`` (default: all of it)."""
    progress = None
    bar = None
    if not args.quiet and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(unit=" articles", file=sys.stderr, leave=False)
        progress = bar.update
    try:
        result = run(
            args.sources,
            reading=args.reading,
            engine=args.engine,
            workers=args.workers,
            scheduler=args.scheduler,
            gazetteer_files=args.gazetteer,
            actor_files=args.actors,
            progress=progress,
            work=work,
            **({"store": store, "rebuild": args.rebuild} if store is not None else {}),
        )
    finally:
        if bar is not None:
            bar.close()
    for failure in result.failures:
        print(f"frontline: {failure}", file=sys.stderr)
    if not result.results or (store is not None and not store.tally.read):
        raise FrontlineError("no article could be read")
    return result


def _status(result) -> int:
    return 1 if result.failures else 0


def _print(records: list[dict], fmt: str) -> None:
    out = sys.stdout
    if fmt == "json":
        json.dump(records, out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif fmt == "jsonl":
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        if records:
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, fieldnames=list(records[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(csv_record(record) for record in records)
            out.write(buffer.getvalue())
    else:
        out.write(_table(records) + "\n")


def _table(records: list[dict], width: int = 60) -> str:
    if not records:
        return "(none)"
    columns = list(records[0])
    cells = [[_cell(record.get(column), width) for column in columns] for record in records]
    widths = [max(len(column), *(len(row[i]) for row in cells)) for i, column in enumerate(columns)]
    lines = ["  ".join(column.ljust(w) for column, w in zip(columns, widths))]
    lines += ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(lines)


def _cell(value, width: int) -> str:
    text = "" if value is None else str(value).replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def _reading(args) -> ReadOptions:
    """How to read the sources; :class:`InputError` for a bad ``--published``."""
    order = DayOrder.DAY_FIRST if args.dayfirst else DayOrder.MONTH_FIRST if args.monthfirst else None
    published = parse_published(args.published, source="--published", order=order) if args.published else None
    return ReadOptions(published=published, order=order, text_column=args.text_column,
                       date_column=args.date_column, id_column=args.id_column,
                       input_format=InputFormat(args.input_format))


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return value
