"""The distance report, ``distances.md``: every stated distance, measured and judged."""

from __future__ import annotations

from pathlib import Path

from geo.files import atomic_path
from geo.records import RunResult, Verdict
from geo.write.escape import markdown_text
from geo.write.eventdata import attribution
from geo.write.features import distance_checks

__all__ = ["by_verdict", "distance_report", "write_text"]

# The distance report and its CSV list the inconsistent claims first.
_VERDICT_ORDER = {Verdict.INCONSISTENT: 0, Verdict.CONSISTENT: 1, Verdict.CIRCULAR: 2, Verdict.UNVERIFIABLE: 3}


def by_verdict(rows: list[dict]) -> list[dict]:
    """Distance rows (dicts with a ``verdict``) in the report's order: inconsistent first, text order within a verdict."""
    rank = {v.value: n for v, n in _VERDICT_ORDER.items()}
    return sorted(rows, key=lambda row: rank[row["verdict"]])


def distance_report(result: RunResult) -> str:
    """The Markdown text of ``distances.md``: a count by verdict, then one table row per claim."""
    checks = sorted(distance_checks(result), key=lambda c: _VERDICT_ORDER[c.verdict])
    counts = {v: sum(1 for c in checks if c.verdict is v) for v in _VERDICT_ORDER}
    lines = [
        "# Distance report",
        "",
        f"{len(checks)} stated distances and directions: "
        + ", ".join(f"{n} {v.value}" for v, n in counts.items())
        + ". Inconsistent claims first.",
        "",
        "| verdict | subject | reference | stated | measured | ratio | direction | direction verdict "
        "| note | article | evidence |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for check in checks:
        r = check.as_record()
        stated = f"{r['value']} {r['unit']}" if r["value"] is not None else ""
        if r["stated_km"] is not None and r["unit"] != "km":
            stated += f" ({r['stated_km']} km)"
        measured = f"{r['measured_km']} km" if r["measured_km"] is not None else ""
        cells = (
            r["verdict"], r["subject"], r["reference"], stated, measured, r["ratio"], r["direction"],
            r["direction_verdict"], r["note"], r["article"], r["evidence"],
        )  # fmt: skip
        lines.append("| " + " | ".join(markdown_text(c) for c in cells) + " |")
    lines += ["", f"{attribution()}.", ""]
    return "\n".join(lines)


def write_text(text: str, path: Path) -> Path:
    """Write ``text`` as UTF-8 with ``\\n`` line ends to ``path``, atomically."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")
    return path
