"""One day's map: its frame, its four layers and its navigation."""

from __future__ import annotations

from datetime import date

import folium
from folium.vector_layers import path_options

from geo.records import ArticleResult, Incident, Place, RunResult
from geo.write.page import _circle, _Lines, _Markers
from geo.write.popups import _check_html, _check_label, _incident_html, _place_title, _state_html, escape
from geo.write.style import _style, actor_colour, style_for

_LAYERS = {"control": "Control", "events": "Events", "distances": "Distance checks", "other": "Other places"}


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
