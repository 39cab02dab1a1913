"""The output folder of ``frontline run``: guarded, written whole, kept tidy.

Frontline writes only into a folder that is new, empty, or one it wrote
before (it keeps the list of its files in ``.frontline``); a folder with
other files needs ``force``. Each file is written to a temporary file beside
it and renamed, so an interrupted run leaves the earlier outputs whole. Files
of an earlier run that this run does not write again are removed.

A day's map or snapshot whose fingerprint (:mod:`geo.write.redraw`) is the one
it was drawn with is left as it is: ``.frontline-days`` lists the fingerprint
of each day file drawn, and a file is taken off that list before it is drawn
again, so a run killed while drawing leaves no file listed that it may have changed.
The store (``frontline-store.gpkg``, see :mod:`geo.store`) lives beside the
outputs and is never removed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from geo.errors import OutputError
from geo.files import TEMPORARY, can_fork, forked_workers, write_atomic
from geo.records import RunResult

__all__ = ["DRAWN", "MARKER", "STORE_FILE", "prepare_folder", "write_outputs"]

MARKER = ".frontline"
DRAWN = ".frontline-days"
STORE_FILE = "frontline-store.gpkg"
_HARMLESS = {MARKER, DRAWN, ".gitkeep", ".DS_Store", STORE_FILE, f"{STORE_FILE}-journal", f"{STORE_FILE}-wal",
             f"{STORE_FILE}-shm", f"{STORE_FILE}.lock"}
_OUTPUT = re.compile(
    r"^(?:index\.html|\d{4}-\d{2}-\d{2}\.(?:html|geojson)|(?:control|events|distances|places)\.(?:geojson|csvt?)"
    r"|events_(?:acled|ucdp)\.csvt?|distances\.md|frontline\.gpkg|unlocated\.csv)$"
)
_TEMPORARY = re.compile(TEMPORARY)


def prepare_folder(out: Path, *, force: bool = False) -> set[str]:
    """Create ``out`` if needed; the names Frontline wrote there before. Refuse foreign files unless ``force``."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: exists and is not a folder")
    out.mkdir(parents=True, exist_ok=True)
    marker = out / MARKER
    listed = marker.read_text(encoding="utf-8").split() if marker.is_file() else []
    ours = {name for name in listed if Path(name).name == name and name not in (".", "..")}
    if marker.is_file():  # a run killed before it updated the list still wrote only names of this shape
        ours |= {p.name for p in out.iterdir() if _OUTPUT.match(p.name)}
    for leftover in out.iterdir():  # temporary files of a run that was killed outright
        if _TEMPORARY.match(leftover.name) and leftover.is_file():
            leftover.unlink()
    foreign = sorted(p.name for p in out.iterdir() if p.name not in ours and p.name not in _HARMLESS)
    if foreign and not force:
        shown = ", ".join(foreign[:3]) + (" ..." if len(foreign) > 3 else "")
        raise OutputError(f"{out}: holds files Frontline did not write ({shown}); choose another --out or pass --force")
    if not marker.is_file():  # the folder is claimed before anything is written: a run killed early still owns it
        write_atomic(marker, "")
    return ours


_RESULT: RunResult | None = None


def _write_exports_forked(out: Path, only) -> list[Path]:
    from geo.write.export import write_exports

    return write_exports(_RESULT, out, only=only)


def write_outputs(
    result: RunResult, out: Path, *, tiles: str | None = None, force: bool = False, workers: int = 1,
    redraw: bool = False, tally=None, days: str = "news", gazetteer_files=(),
    known: Mapping[str, str] | None = None,
) -> list[Path]:
    """Exports and maps of ``result`` into ``out``; the paths of every output, sorted.

    ``days`` chooses the day maps: ``"news"`` (days that carry news) or ``"all"``
    (see :mod:`geo.write.days`).

    ``workers`` processes draw the day maps (see :func:`geo.write.render.render_maps`);
    above 1, the exports are written meanwhile by one more forked process.
    Days whose files are as this run would draw them are left alone, unless
    ``redraw``. ``tally`` (a :class:`geo.store.Tally`), when given, is told
    how many days were drawn. ``gazetteer_files`` are the run's ``--gazetteer``
    files: ``unlocated.csv`` keeps its rows when it is one of them. ``known``
    names results by what made them (see :func:`geo.write.redraw.day_prints`).
    """
    from geo.write.export import write_exports
    from geo.pipeline import load_gazetteer
    from geo.write.redraw import day_prints
    from geo.write.render import map_context, render_maps
    from geo.write.unlocated import write_unlocated

    out = Path(out)
    before = prepare_folder(out, force=force)
    timeline = result.timeline
    reported = sorted({s.place.id for s in timeline.states} | {i.event.place.id for i in timeline.incidents})
    context = map_context(result, days=days, boundaries=load_gazetteer().areas(reported), tiles=tiles)
    prints = day_prints(result, known=known, context=context)
    drawn = {} if redraw else _drawn(out)
    kept = {name for name, value in prints.items() if drawn.get(name) == value and (out / name).is_file()}
    write_atomic(out / DRAWN, _listing({name: prints[name] for name in sorted(kept)}))
    only = [day for day in timeline.days if f"{day.isoformat()}.geojson" not in kept]  # the snapshots to write
    maps = {"context": context, "only": [day for day in context.days if f"{day.isoformat()}.html" not in kept]}
    if workers <= 1 or not can_fork():
        written = write_exports(result, out, only=only)
        written += render_maps(result, out, **maps)
    else:
        global _RESULT
        _RESULT = result  # the forked process finds it here: nothing of the run is pickled
        try:
            with forked_workers(1) as side:
                exports = side.submit(_write_exports_forked, out, only)
                pages = render_maps(result, out, workers=workers, **maps)
                written = [*exports.result(), *pages]
        finally:
            _RESULT = None
    written += [out / name for name in sorted(kept)]
    written.append(write_unlocated(result, out, gazetteer_files=gazetteer_files))
    names = sorted({Path(p).name for p in written})
    for stale in sorted(before - set(names)):
        (out / stale).unlink(missing_ok=True)
    write_atomic(out / MARKER, "\n".join(names) + "\n")
    write_atomic(out / DRAWN, _listing(prints))
    if tally is not None:
        tally.days_redrawn = len({name.split(".")[0] for name in prints if name not in kept})
        tally.days = len(timeline.days)
    return sorted(out / name for name in names)


def _drawn(out: Path) -> dict[str, str]:
    """Day file -> the fingerprint it was drawn with, as ``.frontline-days`` lists them."""
    try:
        lines = (out / DRAWN).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return {}
    pairs = (line.split() for line in lines)
    return {pair[0]: pair[1] for pair in pairs if len(pair) == 2}


def _listing(prints: dict[str, str]) -> str:
    return "".join(f"{name} {value}\n" for name, value in sorted(prints.items()))
