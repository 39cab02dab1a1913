"""The output folder of ``frontline run``: guarded, written whole, kept tidy.

Frontline writes only into a folder that is new, empty, or one it wrote
before (it keeps the list of its files in ``.frontline``); a folder with
other files needs ``force``. Each file is written to a temporary file beside
it and renamed, so an interrupted run leaves the earlier outputs whole. Files
of an earlier run that this run does not write again are removed.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import re
import tempfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from geo.errors import OutputError
from geo.records import RunResult

__all__ = ["MARKER", "atomic_path", "can_fork", "forked_workers", "write_atomic", "write_outputs"]

MARKER = ".frontline"
_HARMLESS = {MARKER, ".gitkeep", ".DS_Store"}
_OUTPUT = re.compile(
    r"^(?:index\.html|\d{4}-\d{2}-\d{2}\.(?:html|geojson)|(?:control|events|distances)\.geojson"
    r"|(?:events|distances)\.csv|distances\.md|frontline\.gpkg)$"
)
_TEMPORARY = re.compile(r"^\..+\.tmp(\.[A-Za-z0-9]+)?$")  # what atomic_path makes


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A free temporary path beside ``path`` (same suffix, for GDAL), renamed onto it when the block succeeds.

    On any failure or interruption the temporary file is removed and ``path``
    keeps its earlier contents.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=f".tmp{path.suffix}", dir=path.parent)
    os.close(fd)
    os.unlink(tmp)  # GDAL wants to create the file itself
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o644)  # mkstemp makes files private; outputs are meant to be shared
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def can_fork() -> bool:
    """Whether worker processes can be forked here (they share the parent's memory, nothing is pickled)."""
    return "fork" in multiprocessing.get_all_start_methods()


@contextlib.contextmanager
def forked_workers(count: int) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``count`` processes forked from this one, for jobs that read what it holds.

    The objects made so far are kept from the collector meanwhile (``gc.freeze``),
    so a worker's collections do not write to, and so copy, every page it shares
    with this process. On leaving, jobs not started are dropped and running ones
    finish (their files are written whole).
    """
    froze = not gc.get_freeze_count()  # a caller who froze the heap keeps it frozen
    if froze:
        gc.freeze()
    pool = ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("fork"))
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if froze:
            gc.unfreeze()


def write_atomic(path: Path, data: str | bytes) -> Path:
    """Write ``data`` (text as UTF-8 with ``\\n`` line ends) to ``path`` through :func:`atomic_path`."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return Path(path)


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
    return ours


_RESULT: RunResult | None = None


def _write_exports_forked(out: Path) -> list[Path]:
    from geo.export import write_exports

    return write_exports(_RESULT, out)


def write_outputs(
    result: RunResult, out: Path, *, tiles: str | None = None, force: bool = False, workers: int = 1
) -> list[Path]:
    """Exports and maps of ``result`` into ``out``; the paths written, sorted.

    ``workers`` processes draw the day maps (see :func:`geo.render.render_maps`);
    above 1, the exports are written meanwhile by one more forked process.
    """
    from geo.export import write_exports
    from geo.pipeline import load_gazetteer
    from geo.render import render_maps

    out = Path(out)
    before = prepare_folder(out, force=force)
    boundaries = load_gazetteer().boundaries()
    if workers <= 1 or not can_fork():
        written = write_exports(result, out)
        written += render_maps(result, out, tiles=tiles, boundaries=boundaries)
    else:
        global _RESULT
        _RESULT = result  # the forked process finds it here: nothing of the run is pickled
        try:
            with forked_workers(1) as side:
                exports = side.submit(_write_exports_forked, out)
                maps = render_maps(result, out, tiles=tiles, boundaries=boundaries, workers=workers)
                written = [*exports.result(), *maps]
        finally:
            _RESULT = None
    names = sorted({Path(p).name for p in written})
    for stale in sorted(before - set(names)):
        (out / stale).unlink(missing_ok=True)
    write_atomic(out / MARKER, "\n".join(names) + "\n")
    return sorted(out / name for name in names)
