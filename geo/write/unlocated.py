"""``unlocated.csv``: the places the text names that no gazetteer locates, ready to be filled in.

One row per place, in the format ``--gazetteer`` reads (``name, lat, lon``
and the optional columns), with ``lat`` and ``lon`` empty, and where it was
met: how many events it holds, the cue, and the provenance every export row
carries (article, title, URL, publication date, the sentence and its offsets). Fill
in ``lat``, ``lon`` (and ``source``: where the position comes from), pass
the file with ``--gazetteer``, and the next run places its events. A run
given this very file keeps its rows as they are and adds the new names.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from geo.files import write_atomic
from geo.places.names import normalise
from geo.records import RunResult
from geo.write.escape import csv_record
from geo.write.provenance import Provenance
from geo.write.schema import PROVENANCE

__all__ = ["FILE", "COLUMNS", "unlocated_rows", "write_unlocated"]

FILE = "unlocated.csv"
COLUMNS = ("id", "name", "lat", "lon", "kind", "country", "admin1", "population", "precision_km", "source",
           "alternates", "events", "hint", *(f.name for f in PROVENANCE))


def unlocated_rows(result: RunResult) -> list[dict]:
    """One row per unlocated place of ``result``, those with most events first, then by name."""
    events = Counter(e.place.id for r in result.results for e in r.events if not e.place.located)
    provenance = Provenance(result)
    first = {}
    for r in result.results:
        for mention in r.mentions:
            place = mention.place
            if place is not None and place.unplaced and place.id not in first:
                first[place.id] = (place, mention.hint, provenance.in_article(r.article, r.article.sentence_at(mention.start)))
    rows = []
    for place_id, (place, hint, where) in first.items():
        rows.append({"id": "", "name": place.name, "lat": "", "lon": "", "kind": place.kind.value,
                     "country": place.country, "admin1": "", "population": "", "precision_km": "", "source": "",
                     "alternates": "", "events": events.get(place_id, 0), "hint": hint,
                     **{k: "" if v is None else v for k, v in where.items()}})
    rows.sort(key=lambda row: (-row["events"], normalise(row["name"]), row["country"]))
    return rows


def write_unlocated(result: RunResult, out: Path, *, gazetteer_files: Sequence[str | Path] = ()) -> Path:
    """Write ``out/unlocated.csv``; a row the user may have filled in (this file given as a gazetteer) is kept."""
    path = Path(out) / FILE
    kept: list[dict] = []
    if path.is_file() and any(Path(f).resolve() == path.resolve() for f in gazetteer_files):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            kept = [{column: row.get(column) or "" for column in COLUMNS} for row in csv.DictReader(handle)]
    known = {(normalise(row["name"]), row["country"].upper()) for row in kept}
    rows = kept + [row for row in unlocated_rows(result) if (normalise(row["name"]), row["country"]) not in known]
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(csv_record(row) for row in rows)
    write_atomic(path, text.getvalue())
    return path
