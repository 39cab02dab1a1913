"""The output folder of ``frontline run``: guarded, written whole, kept tidy.

Frontline writes only into a folder that is new, empty, or one it wrote
before (it keeps the list of its files in ``.frontline``); a folder with
other files needs ``force``. Each file is written to a temporary file beside
it and renamed, so an interrupted run leaves the earlier outputs whole. Files
of an earlier run that this run does not write again are removed.
"""

from __future__ import annotations

import re
from pathlib import Path

from geo.errors import OutputError
from geo.files import TEMPORARY, can_fork, forked_workers, write_atomic
from geo.records import RunResult

__all__ = ["MARKER", "prepare_folder", "write_outputs"]

MARKER = ".frontline"
_HARMLESS = {MARKER, ".gitkeep", ".DS_Store"}
_OUTPUT = re.compile(
    r"^(?:index\.html|\d{4}-\d{2}-\d{2}\.(?:html|geojson)|(?:control|events|distances|places)\.(?:geojson|csvt?)"
    r"|events_(?:acled|ucdp)\.csvt?|distances\.md|frontline\.gpkg)$"
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
    return ours


_RESULT: RunResult | None = None


def _write_exports_forked(out: Path) -> list[Path]:
    from geo.write.export import write_exports

    return write_exports(_RESULT, out)


def write_outputs(
    result: RunResult, out: Path, *, tiles: str | None = None, force: bool = False, workers: int = 1
) -> list[Path]:
    """Exports and maps of ``result`` into ``out``; the paths written, sorted.

    ``workers`` processes draw the day maps (see :func:`geo.write.render.render_maps`);
    above 1, the exports are written meanwhile by one more forked process.
    """
    from geo.write.export import write_exports
    from geo.pipeline import load_gazetteer
    from geo.write.render import render_maps

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
