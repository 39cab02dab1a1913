"""Render a run as self-contained HTML maps: a map per day that carries news, and an index.

Each ``YYYY-MM-DD.html`` opens offline (Leaflet and the basemap inlined) and
draws, from the day's data: the areas of control (an estimate, see
:mod:`geo.write.zones`), the control of each place coloured by controller,
the day's events, the distance checks and the other places mentioned, over a
Natural Earth basemap of the theatres the corpus covers. ``index.html``
charts events per day by actor, lists the days by theatre and month, steps
through every day with a slider and tables the places that changed hands.

Everything shared by the pages is made once per run: the page shell (folium,
once per process), the basemap cut to the theatres, the actors' colours. A
page is the shell with its JSON written in, so the same run gives the same
bytes whatever engine or number of workers draws it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from datetime import date
from pathlib import Path

import shapely
from shapely.geometry import shape

from geo.errors import OutputError
from geo.files import can_fork, forked_workers, write_atomic
from geo.records import ArticleResult, Incident, Place, RunResult
from geo.write.basemap import cut, world
from geo.write.day import day_data
from geo.write.days import DayChoice, select_days
from geo.write.export import incidents_by_day
from geo.write.index import index_data
from geo.write.page import page, shell, to_json
from geo.write.style import actor_colours, page_style
from geo.write.theatres import Theatre, group, locator
from geo.write.zones import about

__all__ = ["MapContext", "map_context", "render_maps"]


@dataclass(frozen=True)
class MapContext:
    """What every page of one run shares (made once, read by forked workers)."""

    result: RunResult
    days: tuple[date, ...]  # the days that get a map
    colours: dict[str, str]
    theatres: tuple[Theatre, ...]
    published: dict[date, list[ArticleResult]]
    incidents: dict[date, tuple[Incident, ...]]
    land: Mapping[str, shapely.Geometry]
    areas: Mapping[str, shapely.Geometry]
    basemap: str  # JSON, the same in every page
    tiles: str | None = None

    @cached_property
    def theatre_of(self) -> Callable[[Place], Theatre | None]:
        """The theatre of a place (see :func:`geo.write.theatres.locator`)."""
        return locator(self.theatres)


def _areas(boundaries: dict | None) -> dict[str, shapely.Geometry]:
    """Place id -> area, from a GeoJSON FeatureCollection whose features carry ``place_id`` (or ``id``)."""
    out = {}
    for feature in (boundaries or {}).get("features", ()):
        props = feature.get("properties") or {}
        place_id = props.get("place_id") or props.get("id")
        if place_id and feature.get("geometry"):
            out[place_id] = shapely.make_valid(shape(feature["geometry"]))
    return out


def _drawn_places(result: RunResult) -> list[Place]:
    places = [s.place for s in result.timeline.states] + [i.event.place for i in result.timeline.incidents]
    places += [p for r in result.results for c in r.checks for p in (c.claim.subject_place, c.claim.reference_place) if p]
    if not any(p.located for p in places):  # nothing reported on: frame what the articles name
        places = [m.place for r in result.results for m in r.mentions if m.place]
    return places


def map_context(
    result: RunResult,
    *,
    days: DayChoice | str = DayChoice.NEWS,
    boundaries: dict | None = None,
    tiles: str | None = None,
) -> MapContext:
    """The shared part of a run's pages: the days drawn, colours, theatres, basemap."""
    timeline = result.timeline
    for day in timeline.days:
        if not isinstance(day, date):
            raise OutputError(f"timeline day {day!r} is not a date")
    actors = {s.controller for s in timeline.states} | {i.event.actor for i in timeline.incidents}
    names = {p["country"]: p["name"] for p in world().layers["country_labels"].properties}
    theatres = tuple(group(_drawn_places(result), names))
    published: dict[date, list[ArticleResult]] = {}
    for r in result.results:
        if r.article.published is not None:
            published.setdefault(r.article.published, []).append(r)
    basemap = {**cut([t.box for t in theatres]), "style": page_style(), "about": about()}
    return MapContext(result, select_days(result, days), actor_colours(actors), theatres, published,
                      incidents_by_day(result), world().countries, _areas(boundaries), to_json(basemap), tiles)  # fmt: skip


def _draw(ctx: MapContext, out: Path, indices: Iterable[int]) -> list[Path]:
    written = []
    template = shell("day", ctx.tiles)
    for index in indices:
        day = ctx.days[index]
        nav = (ctx.days[index - 1] if index > 0 else None, ctx.days[index + 1] if index + 1 < len(ctx.days) else None)
        html = page(template, f"Frontline {day.isoformat()}", ctx.basemap, day_data(ctx, day, nav))
        written.append(write_atomic(out / f"{day.isoformat()}.html", html))
    return written


def _index(ctx: MapContext, out: Path) -> Path:
    return write_atomic(out / "index.html", page(shell("index", ctx.tiles), "Frontline", ctx.basemap, index_data(ctx)))


def render_maps(
    result: RunResult,
    out: Path,
    *,
    tiles: str | None = None,
    boundaries: dict | None = None,
    days: DayChoice | str = DayChoice.NEWS,
    workers: int = 1,
    only: Collection[date] | None = None,
    context: MapContext | None = None,
) -> list[Path]:
    """Write ``YYYY-MM-DD.html`` for each chosen day and ``index.html`` into ``out``.

    Parameters
    ----------
    result : the run to draw.
    out : output folder (created if missing).
    tiles : None for the offline basemap only; ``"osm"`` adds OpenStreetMap tiles (online).
    boundaries : GeoJSON FeatureCollection of admin-1 areas whose features carry
        the ``place_id`` (or ``id``) of their place: a held province is shaded as its area.
    days : ``"news"`` (a map for each day that carries news) or ``"all"`` (every day).
    workers : processes drawing day maps; above 1, forked workers share the run
        (on systems without ``fork`` the maps are drawn in this process). The files are the same.
    only : the days to draw (every chosen day when None); the others' maps are left as they are.
    context : the run's :func:`map_context`, when already made (it is then used instead of
        ``result``, ``tiles``, ``boundaries`` and ``days``).

    Returns
    -------
    The paths written: the day maps in date order, then ``index.html``.
    """
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{out}: cannot create the output folder ({error.strerror})") from error
    tiles = context.tiles if context else tiles
    shell("day", tiles)  # a bad tiles value fails here, before any work
    ctx = context or map_context(result, days=days, boundaries=boundaries, tiles=tiles)
    drawn = [i for i, day in enumerate(ctx.days) if only is None or day in only]
    workers = min(workers, len(drawn)) if can_fork() else 1
    if workers <= 1:
        return [*_draw(ctx, out, drawn), _index(ctx, out)]
    global _CONTEXT
    _CONTEXT = (ctx, out)  # forked workers find it here: nothing of the run is pickled
    try:
        with forked_workers(workers) as pool:
            size = -(-len(drawn) // (4 * workers))  # a few batches per worker, so none waits long on the last
            batches = [pool.submit(_draw_forked, drawn[i:i + size]) for i in range(0, len(drawn), size)]
            index = _index(ctx, out)
            written = [Path(path) for batch in batches for path in batch.result()]
    finally:
        _CONTEXT = None
    return [*written, index]


_CONTEXT: tuple[MapContext, Path] | None = None


def _draw_forked(indices) -> list[str]:
    ctx, out = _CONTEXT
    return [str(path) for path in _draw(ctx, out, indices)]
