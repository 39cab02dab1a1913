"""Render a run as self-contained HTML maps: one per day plus an index.

Each ``YYYY-MM-DD.html`` is a folium map with Leaflet inlined (no request
leaves the page) and four layers in a layer control: control of each place
coloured by controller, the day's events, the distance checks and the other
places mentioned. ``index.html`` lists the days and animates the whole period
with a time slider. Article text is escaped wherever it enters HTML; file
names come only from dates.
"""

from __future__ import annotations

import functools
import itertools
import json
from collections.abc import Collection
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import folium
import folium.plugins
from branca.element import Element, MacroElement
from folium.template import Template
from folium.vector_layers import path_options

from geo.write.assets.inline import MAP_CSS, MAP_JS, SLIDER_CSS, SLIDER_JS, inline, offline
from geo.errors import FrontlineError, OutputError
from geo.write.escape import html_text
from geo.write.export import incidents_by_day
from geo.lexicon import load as load_lexicon
from geo.files import can_fork, forked_workers, write_atomic
from geo.records import ArticleResult, ControlState, DistanceCheck, Evidence, Incident, Place, RunResult, Status

__all__ = ["actor_colour", "render_maps", "style_for"]

_LAYERS = {"control": "Control", "events": "Events", "distances": "Distance checks", "other": "Other places"}
_OSM = "OpenStreetMap"


def _style() -> dict:
    """The map style (``geo/lexicon/style.toml``), read once."""
    return load_lexicon("style")


@functools.cache
def _actor_table() -> dict[str, tuple[str, str]]:
    table = {}
    for actor in _style()["actors"]:
        for name in (actor["name"], *actor.get("aliases", ())):
            table[name.casefold()] = (actor["name"], actor["colour"])
    return table


def actor_colour(controller: str) -> str:
    """The legend colour of ``controller`` (grey when unknown)."""
    return _actor_table().get((controller or "").casefold(), (None, _style()["unknown"]["colour"]))[1]


def style_for(state: ControlState) -> dict:
    """Circle-marker options of a control state: fill by controller, contested dashed, changed bigger."""
    s = _style()["control"]
    options = {
        "radius": s["changed_radius"] if state.changed else s["radius"],
        "color": s["stroke"],
        "weight": s["changed_weight"] if state.changed else s["weight"],
        "fill": True,
        "fill_color": actor_colour(state.controller),
        "fill_opacity": s["fill_opacity"],
        "class_name": "fl-control" + (" fl-changed" if state.changed else ""),
    }
    if state.status is Status.CONTESTED:
        options.update(color=s["contested_stroke"], dash_array=s["contested_dash"])
        options["weight"] = max(options["weight"], s["contested_weight"])
        options["class_name"] += " fl-contested"
    return options


def escape(text: str) -> str:
    """HTML-escape article text, and make it inert as a template too (see :func:`geo.write.escape.html_text`).

    folium compiles the output of each element's macros as a new Jinja
    template, so ``{{ ... }}`` in an article would be evaluated; braces become
    character references, which the browser shows as braces.
    """
    return html_text(text)


class _Raw(Element):
    """Text put into the page as it is, never compiled as a template."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def render(self, **kwargs) -> str:
        return self._text


class _Direct(MacroElement):
    """A MacroElement whose rendered macros enter the page as text, not as new templates.

    branca's ``MacroElement.render`` wraps each macro's output in a template
    and renders it again: article text in that output would be evaluated, and
    large JSON would be lexed once more for nothing.
    """

    def render(self, **kwargs) -> None:
        figure = self.get_root()
        for part, target in (("header", figure.header), ("html", figure.html), ("script", figure.script)):
            macro = getattr(self._template.module, part, None)
            if macro is not None:
                target.add_child(_Raw(macro(self, kwargs)), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)


class _Markers(_Direct):
    """Every circle of a layer in one element: a JSON list drawn by a short loop.

    One element per layer, not two per place, keeps rendering linear in the
    places with a small constant (folium compiles a template per element).
    Jinja's ``tojson`` escapes ``<``, ``>`` and ``&``, so article text stays data.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
(function (layer) {
  {{ this.items|tojson }}.forEach(function (it) {
    var marker = L.circleMarker([it.lat, it.lon], it.options).addTo(layer);
    marker.bindPopup(it.popup, {maxWidth: 380, maxHeight: 360, autoPanPaddingTopLeft: [50, 10]});
    if (it.tooltip) { marker.bindTooltip(it.tooltip, it.tooltip_options); }
  });
})({{ this._parent.get_name() }});
{% endmacro %}"""
    )

    def __init__(self, items: list[dict]) -> None:
        super().__init__()
        self._name = "Markers"
        self.items = items


class _Lines(_Direct):
    """Every line of a layer in one element, as :class:`_Markers` does for circles."""

    _template = Template(
        """{% macro script(this, kwargs) %}
(function (layer) {
  {{ this.items|tojson }}.forEach(function (it) {
    var line = L.polyline(it.points, it.options).addTo(layer);
    line.bindPopup(it.popup, {maxWidth: 380, maxHeight: 360, autoPanPaddingTopLeft: [50, 10]});
    if (it.tooltip) { line.bindTooltip(it.tooltip); }
  });
})({{ this._parent.get_name() }});
{% endmacro %}"""
    )

    def __init__(self, items: list[dict]) -> None:
        super().__init__()
        self._name = "Lines"
        self.items = items


class _Page(_Direct):
    """Fixed HTML (nav box, legend, day list) and the map's attribution."""

    _template = Template(
        """{% macro html(this, kwargs) %}{{ this.body }}{% endmacro %}
{% macro script(this, kwargs) %}
{% for text in this.attribution %}{{ this._parent.get_name() }}.attributionControl.addAttribution({{ text|tojson }});
{% endfor %}{% endmacro %}"""
    )

    def __init__(self, body: str, attribution: list[str]) -> None:
        super().__init__()
        self._name = "Page"
        self.body, self.attribution = body, attribution


# ---------------------------------------------------------------- HTML text


def _link(evidence: Evidence) -> str:
    """Article name, linked only when its URL is http(s)."""
    name = escape(evidence.title or evidence.source or evidence.article)
    url = evidence.url
    if url and urlsplit(url).scheme in ("http", "https"):
        return f'<a href="{escape(url)}" target="_blank" rel="noopener noreferrer">{name}</a>'
    return name


def _when(incident: Incident) -> str:
    span = incident.event.when
    if span.start and span.end:
        days = span.start.isoformat() if span.start == span.end else f"{span.start} to {span.end}"
    elif span.end:
        days = f"on or before {span.end}"
    else:
        days = "date unknown"
    words = f", &ldquo;{escape(span.text)}&rdquo;" if span.text else ""
    return f"{days} ({escape(span.precision.value)} precision{words})"


def _incident_html(incident: Incident) -> str:
    event = incident.event
    parts = [f"<li><b>{escape(event.kind.value)}</b> by {escape(event.actor)}, {_when(incident)}"]
    for report in incident.reports:
        ev = report.evidence
        parts.append(f"<blockquote>{escape(ev.sentence)}<br>&mdash; {_link(ev)}</blockquote>")
    if len(incident.reports) > 1:
        parts.append(f"<div>Corroborated by {len(incident.reports)} reports.</div>")
    for text in incident.disagreements:
        parts.append(f'<div class="fl-warn">Disagreement: {escape(text)}</div>')
    return "".join(parts) + "</li>"


def _place_title(place: Place) -> str:
    where = ", ".join(escape(p) for p in (place.kind.value, place.admin1, place.country) if p)
    return f"<h4>{escape(place.name)}</h4><div>{where}</div>"


def _state_html(state: ControlState, *, brief: bool = False) -> str:
    """A place's popup on a day; ``brief`` (the index's slider) leaves the evidence to that day's map."""
    since = state.since.isoformat() if state.since else "unknown"
    lines = [
        _place_title(state.place),
        f"<div><b>Controller:</b> {escape(state.controller or 'unknown')} ({escape(state.status.value)})</div>",
        f"<div><b>Since:</b> {since}{' &mdash; <b>changed this day</b>' if state.changed else ''}</div>",
    ]
    if brief:
        day = state.day.isoformat()
        lines.append(f'<div><a href="{day}.html">{day}: the day&rsquo;s map, with the evidence</a></div>')
        return '<div class="fl-popup">' + "".join(lines) + "</div>"
    lines += [f'<div class="fl-warn">Disagreement: {escape(d)}</div>' for d in state.disagreements]
    if state.incidents:
        lines.append("<ul>" + "".join(_incident_html(i) for i in state.incidents) + "</ul>")
    return '<div class="fl-popup">' + "".join(lines) + "</div>"


def _check_label(check: DistanceCheck) -> str:
    claim = check.claim
    stated = f"{claim.value:g} {claim.unit}" if claim.value is not None and claim.unit else "no distance"
    measured = f"{check.measured_km:.0f} km" if check.measured_km is not None else "not measured"
    direction = f" {claim.direction}" if claim.direction else ""
    return f"stated {stated}{direction}, measured {measured}"


def _check_html(check: DistanceCheck) -> str:
    claim, record = check.claim, check.as_record()
    rows = [
        f"<h4>{escape(claim.subject)} &larr; {escape(claim.reference)}</h4>",
        f"<div>{escape(_check_label(check))}</div>",
        f"<div><b>Verdict:</b> {escape(check.verdict.value)}"
        + (f", direction {escape(record['direction_verdict'])}" if record["direction_verdict"] else "")
        + (f", ratio {record['ratio']}" if record["ratio"] is not None else "")
        + "</div>",
    ]
    if record["note"]:
        rows.append(f'<div class="fl-warn">{escape(record["note"])}</div>')
    rows.append(f"<blockquote>{escape(claim.evidence.sentence)}<br>&mdash; {_link(claim.evidence)}</blockquote>")
    return '<div class="fl-popup">' + "".join(rows) + "</div>"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _legend_html(where: str = "") -> str:
    style = _style()
    rows = [f'<span class="fl-swatch" style="background:{escape(a["colour"])}"></span>{escape(a["name"])}'
            for a in style["actors"]]  # fmt: skip
    unknown = style["unknown"]
    rows.append(f'<span class="fl-swatch" style="background:{escape(unknown["colour"])}"></span>unknown')
    contested = escape(style["control"]["contested_stroke"])
    rows.append(f'<span class="fl-swatch" style="border:2px dashed {contested}"></span>contested')
    rows.append('<span class="fl-swatch" style="border-width:3px;width:16px;height:16px"></span>changed this day')
    verdicts = " ".join(f'<span style="color:{escape(c)}">&#9644; {escape(v)}</span>'
                        for v, c in style["verdicts"].items())  # fmt: skip
    return f'<div class="fl-box fl-legend {where}"><b>Control</b><br>' + "<br>".join(rows) + f"<br>{verdicts}</div>"


# ---------------------------------------------------------------- folium


def _located(place: Place | None) -> bool:
    return place is not None and place.located


_MIN_SPAN_DEG = 1.0  # one place alone is framed with its surroundings, not at street zoom


def _bounds(result: RunResult) -> list[list[float]] | None:
    """The frame of every map: the places of control, events and distance checks.

    Other mentioned places (a capital abroad) only frame the map when nothing else is located.
    """
    places = [s.place for s in result.timeline.states] + [i.event.place for i in result.timeline.incidents]
    places += [p for r in result.results for c in r.checks for p in (c.claim.subject_place, c.claim.reference_place)]
    points = [(p.lat, p.lon) for p in places if _located(p)]
    if not points:
        points = [(m.place.lat, m.place.lon) for r in result.results for m in r.mentions if _located(m.place)]
    if not points:
        return None
    lats, lons = zip(*points)
    south, west, north, east = min(lats), min(lons), max(lats), max(lons)
    grow = max(0.0, _MIN_SPAN_DEG - (north - south)) / 2, max(0.0, _MIN_SPAN_DEG - (east - west)) / 2
    return [[max(-90.0, south - grow[0]), west - grow[1]], [min(90.0, north + grow[0]), east + grow[1]]]


def _base_map(frame: list[list[float]] | None, tiles: str | None, boundaries: str | None) -> folium.Map:
    """An empty offline map framed on ``frame``, with the ``boundaries`` (GeoJSON text, parsed per map)."""
    fmap = offline(folium.Map(tiles=None, max_zoom=18, location=[0, 0], zoom_start=2), MAP_JS, MAP_CSS)
    if tiles == "osm":
        folium.TileLayer(_OSM, name="OpenStreetMap", max_zoom=18).add_to(fmap)
    elif tiles is not None:
        raise FrontlineError(f"tiles {tiles!r} is not supported; expected None (offline) or 'osm'")
    if boundaries:
        styles = _style()["boundaries"]

        def outline(feature: dict) -> dict:
            props = feature.get("properties") or {}
            level = "country" if props.get("level", props.get("kind")) == "country" else "province"
            return dict(styles[level])

        folium.GeoJson(json.loads(boundaries), name="Boundaries", style_function=outline).add_to(fmap)
    if frame:
        fmap.fit_bounds(frame, padding=(20, 20))
    return fmap


def _circle(place: Place, options: dict, popup: str, tooltip: str, layer: list, label: str = "") -> None:
    """Queue a circle for a layer's :class:`_Markers` (Leaflet option names, as folium would write them)."""
    tooltip_options = {}
    if label:  # a permanent label (CSS class ``label``) beside the marker; a click opens the popup
        tooltip_options = {"permanent": True, "direction": "right", "offset": [6, 0], "className": label,
                           "interactive": True}  # fmt: skip
    layer.append({"lat": place.lat, "lon": place.lon,
                  "options": {_camel(k): v for k, v in options.items() if v is not None},
                  "popup": popup, "tooltip": tooltip, "tooltip_options": tooltip_options})  # fmt: skip


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _day_layers(result: RunResult, day: date, fmap: folium.Map, published: list[ArticleResult],
                incidents: tuple[Incident, ...]) -> dict[str, int]:
    """Add the four layers of ``day``; return how many items each holds.

    ``published`` are the results of the articles published that day, ``incidents`` the day's incidents.
    """
    style = _style()
    groups = {key: folium.FeatureGroup(name=name) for key, name in _LAYERS.items()}
    circles: dict[str, list[dict]] = {key: [] for key in _LAYERS}
    states = [s for s in result.timeline.on(day) if _located(s.place)]
    held = {s.place.id for s in states}
    other: dict[str, Place] = {}
    for r in published:
        for m in r.mentions:
            if _located(m.place) and m.place.id not in held:
                other.setdefault(m.place.id, m.place)
    for place in sorted(other.values(), key=lambda p: p.id):
        o = style["other"]
        popup = '<div class="fl-popup">' + _place_title(place) + "<div>mentioned, control unknown</div></div>"
        options = {"radius": o["radius"], "color": o["colour"], "fill": True, "fill_opacity": 0.8,
                   "weight": 1, "class_name": "fl-other"}  # fmt: skip
        _circle(place, options, popup, escape(place.name), circles["other"], "fl-label fl-minor")
    events = [i for i in incidents if _located(i.event.place)]
    for incident in events:
        e = style["event"]
        options = {"radius": e["radius"], "color": actor_colour(incident.event.actor), "weight": e["weight"],
                   "dash_array": e["dash"], "fill": False, "class_name": "fl-events"}  # fmt: skip
        popup = '<div class="fl-popup">' + _place_title(incident.event.place) + "<ul>"
        popup += _incident_html(incident) + "</ul></div>"
        tooltip = escape(f"{incident.event.kind.value}: {incident.event.place.name}")
        _circle(incident.event.place, options, popup, tooltip, circles["events"])
    checks = [c for r in published for c in r.checks
              if _located(c.claim.subject_place) and _located(c.claim.reference_place)]  # fmt: skip
    lines = []
    for check in checks:
        ref, sub = check.claim.reference_place, check.claim.subject_place
        d = style["distance"]
        options = path_options(line=True, color=style["verdicts"][check.verdict.value], weight=d["weight"],
                               class_name="fl-distances",
                               dash_array=d["dash_unverifiable"] if check.verdict.value == "unverifiable" else None)
        lines.append({"points": [[ref.lat, ref.lon], [sub.lat, sub.lon]], "options": options,
                      "popup": _check_html(check), "tooltip": escape(_check_label(check))})  # fmt: skip
    if lines:
        groups["distances"].add_child(_Lines(lines))
    for state in states:
        _circle(state.place, style_for(state), _state_html(state), escape(state.place.name),
                circles["control"], "fl-label")  # fmt: skip
    for key, items in circles.items():
        if items:
            groups[key].add_child(_Markers(items))
    for key in ("other", "events", "distances", "control"):  # drawing order: control on top
        groups[key].add_to(fmap)
    return {"control": len(states), "events": len(events), "distances": len(checks), "other": len(other)}


def _nav_html(days: tuple[date, ...], index: int) -> str:
    def link(i: int, text: str) -> str:
        if 0 <= i < len(days):
            return f'<a href="{days[i].isoformat()}.html">{text}</a>'
        return f'<span style="color:#aaa">{text}</span>'

    return (
        f'<div class="fl-box fl-nav">{link(index - 1, "&larr; previous")} | <a href="index.html">index</a> | '
        f"{link(index + 1, 'next &rarr;')}<br><b>{days[index].isoformat()}</b></div>"
    )


def _renumber(root: Element) -> None:
    """Replace folium's random element ids by a counter, so output is deterministic."""
    counter = itertools.count(1)

    def walk(element: Element) -> None:
        element._id = f"{next(counter):04d}"
        for child in element._children.values():
            walk(child)

    walk(root)


def _html(fmap: folium.Map) -> str:
    root = fmap.get_root()
    _renumber(root)
    return inline(root.render())


def _attribution(boundaries: dict | None) -> list[str]:
    style = _style()
    return [style["attribution"]] + ([style["boundaries_attribution"]] if boundaries else [])


def _timeline_features(result: RunResult) -> list[dict]:
    features = []
    for state in result.timeline.states:
        if not _located(state.place):
            continue
        options = style_for(state)
        iconstyle = {"radius": options["radius"], "color": options["color"], "weight": options["weight"],
                     "fillColor": options["fill_color"], "fillOpacity": options["fill_opacity"],
                     "dashArray": options.get("dash_array"), "className": "fl-control"}  # fmt: skip
        properties = {"times": [state.day.isoformat()], "icon": "circle", "iconstyle": iconstyle,
                      "popup": _state_html(state, brief=True), "tooltip": escape(state.place.name)}  # fmt: skip
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": list(state.place.lonlat)},
                         "properties": properties})  # fmt: skip
    return features


def _index_html(result: RunResult, frame, tiles: str | None, boundaries: str | None,
                incidents: dict[date, tuple[Incident, ...]]) -> str:
    days = result.timeline.days
    if not days:
        return (
            '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Frontline</title></head>'
            "<body><h1>Frontline</h1><p>Nothing dated: no day has a known control state, "
            "so there is no map to draw.</p></body></html>\n"
        )
    fmap = _base_map(frame, tiles, boundaries)
    rows = []
    for day in days:
        n_events = len(incidents[day])
        n_changes = sum(1 for s in result.timeline.on(day) if s.changed)
        rows.append(f'<li><a href="{day.isoformat()}.html">{day.isoformat()}</a>: '
                    f"{_plural(n_events, 'event')}, {_plural(n_changes, 'change')}</li>")  # fmt: skip
    body = f'<div class="fl-box fl-days"><b>Days</b><ol>{"".join(rows)}</ol></div>' + _legend_html("fl-right")
    fmap.add_child(_Page(body, _attribution(boundaries)))
    data = {"type": "FeatureCollection", "features": _timeline_features(result)}
    slider = folium.plugins.TimestampedGeoJson(
        data, period="P1D", duration="PT12H", add_last_point=False, auto_play=False, loop=False, date_options="YYYY-MM-DD"
    )
    offline(slider, SLIDER_JS, SLIDER_CSS).add_to(fmap)
    return _html(fmap)


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
