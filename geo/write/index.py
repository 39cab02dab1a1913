"""The index page as data: events per day by actor, days by theatre and month, the slider, changes of hands.

Control states are written once per place and day as small index tuples
(the slider redraws them), so the index grows with the states, not with
copies of the popups; each place's popup links to the day's map for the
evidence.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from geo.records import ControlState, Place
from geo.write.theatres import drawable, frame, locator

__all__ = ["index_data"]


def _news_places(ctx, day: date) -> list[Place]:
    timeline = ctx.result.timeline
    places = [s.place for s in timeline.on(day) if s.changed] + [i.event.place for i in ctx.incidents.get(day, ())]
    for r in ctx.published.get(day, []):
        places += [p for c in r.checks for p in (c.claim.subject_place, c.claim.reference_place) if p]
        places += [e.place for e in r.events]
    return [p for p in places if drawable(p)]


def index_data(ctx) -> dict:
    """Everything the index draws (see the module's docstring)."""
    timeline = ctx.result.timeline
    days = tuple(sorted(timeline.days))
    day_index = {day: i for i, day in enumerate(days)}
    mapped = set(ctx.days)
    actors = sorted(ctx.colours, key=lambda a: (a.casefold(), a))
    actor_index = {a: i for i, a in enumerate(actors)}

    chart = []
    for day in days:
        counts = Counter(i.event.actor for i in ctx.incidents.get(day, ()))
        chart += [[day_index[day], actor_index[a], n] for a, n in sorted(counts.items(), key=lambda kv: actor_index[kv[0]])]

    places: list[Place] = []
    place_index: dict[str, int] = {}
    states: list[list[list[int]]] = [[] for _ in days]
    for state in timeline.states:
        place = state.place
        if not drawable(place) or place.kind.value in ("province", "region") or state.day not in day_index:
            continue
        if place.id not in place_index:
            place_index[place.id] = len(places)
            places.append(place)
        since = day_index.get(state.since, -1) if state.since else -1
        states[day_index[state.day]].append([place_index[place.id], actor_index[state.controller],
                                             int(state.status.value == "contested"), int(state.changed), since])  # fmt: skip

    theatre_of = locator(ctx.theatres)
    days_of: dict[str, list[dict]] = {theatre.id: [] for theatre in ctx.theatres}
    for day in ctx.days:  # each theatre's days with news there: its events and changes of hands that day
        news = {t.id for p in _news_places(ctx, day) if (t := theatre_of(p)) is not None}
        if not news:
            continue
        events = Counter(t.id for i in ctx.incidents.get(day, ()) if (t := theatre_of(i.event.place)) is not None)
        changes = Counter(t.id for s in timeline.on(day) if s.changed and (t := theatre_of(s.place)) is not None)
        for theatre in ctx.theatres:
            if theatre.id in news:
                days_of[theatre.id].append({"day": day.isoformat(), "events": events[theatre.id],
                                            "changes": changes[theatre.id]})  # fmt: skip
    theatres = []
    for number, theatre in enumerate(ctx.theatres):
        entries = days_of[theatre.id]
        theatres.append({"id": theatre.id, "name": theatre.name, "area": number, "days": entries,
                         "frame": frame(theatre.places),
                         "latest": entries[-1]["day"] if entries else None,
                         "places": sorted(place_index[p.id] for p in theatre.places if p.id in place_index)})  # fmt: skip

    changes = []
    before: dict[str, ControlState] = {}
    for state in sorted(timeline.states, key=lambda s: (s.day, s.place.id)):
        previous = before.get(state.place.id)
        if state.changed:
            theatre = theatre_of(state.place) if state.place.located else None
            changes.append({"day": state.day.isoformat(), "place": state.place.name,
                            "theatre": theatre.name if theatre else "not located",
                            "from": previous.controller if previous else "not reported", "to": state.controller,
                            "status": state.status.value,
                            "map": state.day.isoformat() if state.day in mapped else None})  # fmt: skip
        before[state.place.id] = state

    return {
        "kind": "index",
        "days": [d.isoformat() for d in days],
        "maps": [d.isoformat() for d in ctx.days],
        "actors": [[a, ctx.colours[a]] for a in actors],
        "chart": chart,
        "places": [[p.lat, p.lon, p.name, p.kind.value, p.id] for p in places],
        "states": states,
        "theatres": theatres,
        "changes": changes,
        "summary": {"articles": len(ctx.result.results), "days": len(days), "maps": len(ctx.days),
                    "incidents": len(timeline.incidents)},  # fmt: skip
    }
