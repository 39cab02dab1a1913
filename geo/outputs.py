"""The output folder of ``frontline run``: guarded, written whole, kept tidy.

Frontline writes only into a folder that is new, empty, or one it wrote
before (it keeps the list of its files in ``.frontline``); a folder with
other files needs ``force``. Each file is written to a temporary file beside
it and renamed, so an interrupted run leaves the earlier outputs whole. Files
of an earlier run that this run does not write again are removed.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from geo.errors import OutputError
from geo.records import RunResult

__all__ = ["MARKER", "write_atomic", "write_outputs"]

MARKER = ".frontline"
_HARMLESS = {MARKER, ".gitkeep", ".DS_Store"}


def write_atomic(path: Path, data: str | bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(payload)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def prepare_folder(out: Path, *, force: bool = False) -> set[str]:
    """Create ``out`` if needed; the names Frontline wrote there before. Refuse foreign files unless ``force``."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: exists and is not a folder")
    out.mkdir(parents=True, exist_ok=True)
    marker = out / MARKER
    listed = marker.read_text(encoding="utf-8").split() if marker.is_file() else []
    ours = {name for name in listed if Path(name).name == name and name not in (".", "..")}
    foreign = sorted(p.name for p in out.iterdir() if p.name not in ours and p.name not in _HARMLESS)
    if foreign and not force:
        shown = ", ".join(foreign[:3]) + (" ..." if len(foreign) > 3 else "")
        raise OutputError(f"{out}: holds files Frontline did not write ({shown}); choose another --out or pass --force")
    return ours


def write_outputs(result: RunResult, out: Path, *, tiles: str | None = None, force: bool = False) -> list[Path]:
    """Exports and maps of ``result`` into ``out``; the paths written, sorted."""
    from geo.export import write_exports
    from geo.pipeline import load_gazetteer
    from geo.render import render_maps

    out = Path(out)
    before = prepare_folder(out, force=force)
    written = write_exports(result, out)
    written += render_maps(result, out, tiles=tiles, boundaries=load_gazetteer().boundaries())
    names = sorted({Path(p).name for p in written})
    for stale in sorted(before - set(names)):
        (out / stale).unlink(missing_ok=True)
    write_atomic(out / MARKER, "\n".join(names) + "\n")
    return sorted(out / name for name in names)
