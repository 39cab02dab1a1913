"""The index page: the list of days and a time slider over the whole period."""

from __future__ import annotations

from datetime import date

import folium
import folium.plugins

from geo.records import Incident, RunResult
from geo.write.assets.inline import SLIDER_CSS, SLIDER_JS, offline
from geo.write.day import _located
from geo.write.page import _attribution, _base_map, _html, _Page
from geo.write.popups import _legend_html, _plural, _state_html, escape
from geo.write.style import style_for


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
