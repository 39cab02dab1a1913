"""One day's map as data: areas of control, control, events, distance checks, other places, frames.

:func:`day_data` returns the JSON-ready dict the page's script draws (see
``assets/frontline.js``). Countries, provinces and regions are never point
markers: a held province is shaded as its admin-1 area, and whatever has no
position or no area is listed in the map's "about" panel instead.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import shapely

from geo.records import ControlState, EventKind, Incident, Place, PlaceKind
from geo.write.popups import check_data, check_label, incident_data, place_data, state_data
from geo.write.style import marker_style, style
from geo.write.theatres import drawable, frame
from geo.write.zones import AREA_KINDS, areas_of_control, opacity

__all__ = ["EVENT_GROUPS", "day_data", "encode_polygons"]

#: Event kinds by the symbol that draws them.
EVENT_GROUPS = {
    EventKind.CAPTURED: "change", EventKind.RECAPTURED: "change", EventKind.WITHDREW: "change",
    EventKind.CONTESTED: "fight", EventKind.BESIEGED: "fight",
    EventKind.CONTROL: "statement", EventKind.PRESENCE: "statement",
}  # fmt: skip
_ZONE_Q = 10_000
_ZONE_TOLERANCE = 0.0005
_NOT_A_POINT = (PlaceKind.COUNTRY, PlaceKind.BORDER, *AREA_KINDS)


def _point(place: Place | None) -> bool:
    """Drawn as a point marker: located, and not a country, province or region."""
    return drawable(place) and place.kind not in _NOT_A_POINT


def _flat(coords, q: int) -> list[int]:
    ints = np.round(np.asarray(coords)[:, :2] * q).astype(np.int64)
    return np.diff(ints, axis=0, prepend=np.zeros((1, 2), dtype=np.int64)).ravel().tolist()


def encode_polygons(geometry, q: int = _ZONE_Q, tolerance: float = _ZONE_TOLERANCE) -> list[list[list[int]]]:
    """Polygons as lists of delta-coded rings (the basemap's encoding), simplified at ``tolerance`` degrees."""
    out = []
    for polygon in shapely.get_parts(shapely.simplify(geometry, tolerance, preserve_topology=True)):
        if polygon.geom_type == "Polygon" and not polygon.is_empty:
            out.append([_flat(polygon.exterior.coords, q)] + [_flat(r.coords, q) for r in polygon.interiors])
    return out


def _last_report(state: ControlState, day: date, published) -> date | None:
    days = [d for i in state.incidents for r in i.reports if (d := published(r.evidence.article)) and d <= day]
    return max(days) if days else state.since


def _frames(ctx, day: date, states, incidents, checks) -> list[dict]:
    """The theatres active on ``day``, busiest first, each framed on the day's changes there."""
    found: dict[str, dict] = {}
    for kind, place in ([("state", s.place) for s in states] + [("change", s.place) for s in states if s.changed]
                        + [("event", i.event.place) for i in incidents]
                        + [("check", p) for c in checks for p in (c.claim.subject_place, c.claim.reference_place)]):
        if not drawable(place):
            continue
        theatre = ctx.theatre_of(place)
        if theatre is None:
            continue
        entry = found.setdefault(theatre.id, {"theatre": theatre, "state": [], "change": [], "event": [], "check": []})
        entry[kind].append(place)
    out = []
    for entry in found.values():
        theatre = entry["theatre"]
        focus = entry["change"] + entry["event"] or entry["state"] + entry["check"]
        out.append({"id": theatre.id, "name": theatre.name, "frame": frame(focus),
                    "changes": len(entry["change"]), "events": len(entry["event"])})  # fmt: skip
    order = {t.id: n for n, t in enumerate(ctx.theatres)}
    out.sort(key=lambda f: (-(f["changes"] + f["events"]), order[f["id"]]))
    return out


def day_data(ctx, day: date, nav: tuple[date | None, date | None]) -> dict:
    """Everything the map of ``day`` draws; ``nav`` the previous and next days that have a map."""
    published = ctx.result.published
    s = style()
    states = ctx.result.timeline.on(day)
    incidents: tuple[Incident, ...] = ctx.incidents.get(day, ())
    articles = ctx.published.get(day, [])
    checks = [c for r in articles for c in r.checks]
    actors: set[str] = set()
    listed_unlocated: dict[str, str] = {}
    listed_regions: dict[str, str] = {}

    zones = []
    for state, area in areas_of_control([st for st in states if drawable(st.place)], land=ctx.land, areas=ctx.areas):
        actors.add(state.controller)
        zones.append({"id": state.place.id, "rings": encode_polygons(area), "colour": ctx.colours[state.controller],
                      "contested": state.status.value == "contested", "name": state.place.name,
                      "area": state.place.kind in AREA_KINDS,
                      "opacity": round(opacity(day, _last_report(state, day, published))
                                       * (s["zones"]["area_factor"] if state.place.kind in AREA_KINDS else 1.0), 3),
                      "popup": state_data(state, published)})  # fmt: skip
    zoned = {z["id"] for z in zones if z["area"]}

    control = []
    held = set()
    for state in states:
        place = state.place
        held.add(place.id)
        if _point(place):
            actors.add(state.controller)
            control.append({"id": place.id, "lat": place.lat, "lon": place.lon, "name": place.name,
                            "kind": place.kind.value, "changed": state.changed,
                            "options": marker_style(state, ctx.colours[state.controller]),
                            "popup": state_data(state, published)})  # fmt: skip
        elif not place.located:
            listed_unlocated[place.id] = f"{place.name}: {state.controller} ({state.status.value}), no position known"
        elif place.kind is PlaceKind.COUNTRY or place.id not in zoned:
            listed_regions[place.id] = f"{place.name} ({place.kind.value}): {state.controller} ({state.status.value})"

    events, event_areas = [], []
    merged: dict[tuple[str, str], dict] = {}  # one symbol per place and kind of event, striped by its actors
    for incident in incidents:
        event, place = incident.event, incident.event.place
        group = EVENT_GROUPS[event.kind]
        if _point(place) or (place.located and place.id in ctx.areas and place.kind in AREA_KINDS):
            actors.add(event.actor)
            entry = merged.get((place.id, group))
            if entry is None:
                entry = merged[(place.id, group)] = {"group": group, "kind": event.kind.value, "kinds": [], "actors": [],
                                                     "popup": {"type": "event", **place_data(place), "incidents": []}}  # fmt: skip
                if _point(place):
                    events.append({"place": place.id, "lat": place.lat, "lon": place.lon, **entry})
                    entry = merged[(place.id, group)] = events[-1]
                else:
                    event_areas.append({"rings": encode_polygons(ctx.areas[place.id], tolerance=0.002), **entry})
                    entry = merged[(place.id, group)] = event_areas[-1]
            entry["popup"]["incidents"].append(incident_data(incident, published))
            for key, value in (("kinds", event.kind.value), ("actors", event.actor)):
                if value not in entry[key]:
                    entry[key].append(value)
        elif not place.located:
            listed_unlocated.setdefault(place.id, f"{place.name}: {event.kind.value} by {event.actor}, no position known")
        else:
            listed_regions.setdefault(place.id, f"{place.name} ({place.kind.value}): {event.kind.value} by {event.actor}")
    for entry in events + event_areas:
        n, by = len(entry["popup"]["incidents"]), sorted(entry.pop("actors"), key=lambda a: (a.casefold(), a))
        entry["count"] = n
        entry["colours"] = [ctx.colours[a] for a in by]
        entry["colour"] = entry["colours"][0]
        entry["tooltip"] = (f"{', '.join(entry.pop('kinds'))} by {', '.join(by)}: {entry['popup']['name']}"
                            + (f" ({n} events)" if n > 1 else ""))

    distances = []
    for check in checks:
        ref, sub = check.claim.reference_place, check.claim.subject_place
        if not (drawable(ref) and drawable(sub)):
            continue
        verdict = check.verdict.value
        options = {"color": s["verdicts"][verdict], "weight": s["distance"]["weight"], "className": "fl-distances"}
        if verdict == "unverifiable":
            options["dashArray"] = s["distance"]["dash_unverifiable"]
        distances.append({"points": [[ref.lat, ref.lon], [sub.lat, sub.lon]], "options": options,
                          "verdict": verdict, "tooltip": check_label(check),
                          "popup": check_data(check, published)})  # fmt: skip

    other: dict[str, Place] = {}
    for r in articles:
        for m in r.mentions:
            place = m.place
            if place is None or place.id in held:
                continue
            if _point(place):
                other.setdefault(place.id, place)
            elif not place.located and place.kind not in _NOT_A_POINT:
                listed_unlocated.setdefault(place.id, f"{place.name}: named, no position known")
    others = [{"id": p.id, "lat": p.lat, "lon": p.lon, "name": p.name, "kind": p.kind.value,
               "popup": {"type": "place", **place_data(p), "note": "mentioned, control unknown"}}
              for p in sorted(other.values(), key=lambda p: p.id)]  # fmt: skip

    theatres = _frames(ctx, day, [st for st in states if _point(st.place) or st.place.id in zoned], incidents, checks)
    fallback = frame([p for p in other.values()])
    return {
        "kind": "day",
        "day": day.isoformat(),
        "nav": {"prev": nav[0].isoformat() if nav[0] else None, "next": nav[1].isoformat() if nav[1] else None},
        "summary": {"changes": sum(1 for st in states if st.changed), "events": len(incidents),
                    "places": len(states), "articles": len(articles)},  # fmt: skip
        "theatres": theatres,
        "frame": theatres[0]["frame"] if theatres else fallback,
        "actors": [[a, ctx.colours[a]] for a in sorted(actors, key=lambda a: (a.casefold(), a))],
        "q": _ZONE_Q,
        "zones": zones,
        "control": control,
        "events": events,
        "event_areas": event_areas,
        "distances": distances,
        "other": others,
        "listed": {"unlocated": sorted(listed_unlocated.values()), "regions": sorted(listed_regions.values())},
    }
