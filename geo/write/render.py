"""Render a run as self-contained HTML maps: one per day plus an index.

Each ``YYYY-MM-DD.html`` is a folium map with Leaflet inlined (no request
leaves the page) and four layers in a layer control: control of each place
coloured by controller, the day's events, the distance checks and the other
places mentioned. ``index.html`` lists the days and animates the whole period
with a time slider. Article text is escaped wherever it enters HTML; file
names come only from dates.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import date
from pathlib import Path

import folium

from geo.errors import OutputError
from geo.files import can_fork, forked_workers, write_atomic
from geo.records import ArticleResult, RunResult
from geo.write.day import _bounds, _day_layers, _nav_html
from geo.write.export import incidents_by_day
from geo.write.index import _index_html
from geo.write.page import _attribution, _base_map, _html, _Page
from geo.write.popups import _legend_html
from geo.write.style import actor_colour, style_for

__all__ = ["actor_colour", "render_maps", "style_for"]


def render_maps(
    result: RunResult, out: Path, *, tiles: str | None = None, boundaries: dict | None = None, workers: int = 1,
    only: Collection[date] | None = None,
) -> list[Path]:
    """Write ``YYYY-MM-DD.html`` for each day of the timeline and ``index.html`` into ``out``.

    Parameters
    ----------
    result : the run to draw.
    out : output folder (created if missing).
    tiles : None for the offline basemap (boundaries and labels); ``"osm"`` adds OpenStreetMap tiles.
    boundaries : GeoJSON FeatureCollection of country/province outlines; a
        feature whose ``level`` (or ``kind``) property is ``"country"`` is drawn as a country.
    workers : processes drawing day maps; above 1, forked workers share ``result``
        (on systems without ``fork`` the maps are drawn in this process). The files are the same.
    only : the days to draw (every day when None); the others' maps are left as they are.

    Returns
    -------
    The paths written: the day maps in date order, then ``index.html``.
    """
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{out}: cannot create the output folder ({error.strerror})") from error
    days = tuple(sorted(result.timeline.days))
    for day in days:
        if not isinstance(day, date):
            raise OutputError(f"timeline day {day!r} is not a date")
    frame = _bounds(result)
    outlines = json.dumps(boundaries) if boundaries else None  # serialised once, parsed per map
    # Each day's share of the run, found once here: a worker then touches only its own days' records,
    # so fewer of the parent's pages are copied into it.
    published: dict[date, list[ArticleResult]] = {day: [] for day in days}
    for r in result.results:
        if r.article.published in published:
            published[r.article.published].append(r)
    incidents = incidents_by_day(result)
    job = _Job(result, out, days, frame, tiles, outlines, _attribution(boundaries), published, incidents)
    drawn = [i for i, day in enumerate(days) if only is None or day in only]
    workers = min(workers, len(drawn)) if can_fork() else 1
    if workers <= 1:
        written = job.draw(drawn)
        written.append(write_atomic(out / "index.html", _index_html(result, frame, tiles, outlines, incidents)))
        return written
    global _JOB
    _JOB = job  # forked workers find it here: nothing of the run is pickled
    try:
        with forked_workers(workers) as pool:
            size = -(-len(drawn) // (4 * workers))  # a few batches per worker, so none waits long on the last
            batches = [pool.submit(_draw_forked, drawn[i:i + size]) for i in range(0, len(drawn), size)]
            index = write_atomic(out / "index.html", _index_html(result, frame, tiles, outlines, incidents))
            written = [Path(path) for batch in batches for path in batch.result()]
    finally:
        _JOB = None
    return [*written, index]


class _Job:
    """What drawing the day maps of one run needs; shared with forked workers."""

    def __init__(self, result, out, days, frame, tiles, outlines, attribution, published, incidents) -> None:
        self.result, self.out, self.days, self.frame = result, out, days, frame
        self.tiles, self.outlines, self.attribution = tiles, outlines, attribution
        self.published, self.incidents = published, incidents

    def draw(self, indices) -> list[Path]:
        written = []
        for index in indices:
            day = self.days[index]
            fmap = _base_map(self.frame, self.tiles, self.outlines)
            _day_layers(self.result, day, fmap, self.published[day], self.incidents[day])
            folium.LayerControl(collapsed=False).add_to(fmap)
            body = _nav_html(self.days, index) + _legend_html()
            fmap.add_child(_Page(body, self.attribution))
            html = _html(fmap).replace("<head>", f"<head>\n<title>Frontline {day.isoformat()}</title>", 1)
            written.append(write_atomic(self.out / f"{day.isoformat()}.html", html))
        return written


_JOB: _Job | None = None


def _draw_forked(indices) -> list[str]:
    return [str(path) for path in _JOB.draw(indices)]
