"""Map styling from ``geo/lexicon/style.toml``: every actor's colour, control markers, areas.

:func:`actor_colours` gives each actor of a run one colour for all its days:
the style's colour where it names the actor, otherwise the next colour of a
colour-blind-safe palette, in alphabetical order, never one already taken.

>>> colours = actor_colours(["RSF", "SAF", "Arakan Army", "unknown"])
>>> colours["RSF"] != colours["SAF"], colours["unknown"]
(True, '#9e9e9e')
>>> colours["Arakan Army"] in style()["palette"]
True
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from geo.lexicon import load as load_lexicon
from geo.records import ControlState, Status

__all__ = ["actor_colour", "actor_colours", "marker_style", "page_style", "style"]


@functools.cache
def style() -> dict:
    """The map style (``geo/lexicon/style.toml``), read once."""
    return load_lexicon("style")


@functools.cache
def _named() -> dict[str, str]:
    return {name.casefold(): colour for name, colour in style()["actors"].items()}


def actor_colour(actor: str) -> str | None:
    """The style's own colour for ``actor`` (None when the style names it not)."""
    if not actor or actor.casefold() == style()["unknown"]["name"]:
        return style()["unknown"]["colour"]
    return _named().get(actor.casefold())


def actor_colours(actors: Iterable[str]) -> dict[str, str]:
    """A colour for every actor: its own, else the next free palette colour (alphabetical order)."""
    actors = sorted(set(actors), key=lambda a: (a.casefold(), a))
    colours = {a: c for a in actors if (c := actor_colour(a)) is not None}
    taken = {c.casefold() for c in colours.values()}
    palette = [c for c in style()["palette"] if c.casefold() not in taken] or list(style()["palette"])
    for i, actor in enumerate(a for a in actors if a not in colours):
        colours[actor] = palette[i % len(palette)]
    return colours


def marker_style(state: ControlState, colour: str) -> dict:
    """Leaflet circle-marker options of a control state: fill by controller, contested dashed, changed bigger."""
    s = style()["control"]
    options = {
        "radius": s["changed_radius"] if state.changed else s["radius"],
        "color": s["stroke"],
        "weight": s["changed_weight"] if state.changed else s["weight"],
        "fillColor": colour,
        "fillOpacity": s["fill_opacity"],
        "className": "fl-control" + (" fl-changed" if state.changed else ""),
    }
    if state.status is Status.CONTESTED:
        options.update(color=s["contested_stroke"], dashArray=s["contested_dash"])
        options["weight"] = max(options["weight"], s["contested_weight"])
        options["className"] += " fl-contested"
    return options


def page_style() -> dict:
    """The part of the style the page's script draws with (written once per page, with the basemap)."""
    s = style()
    return {"basemap": s["basemap"], "control": s["control"], "other": s["other"], "verdicts": s["verdicts"],
            "eventSize": s["event"]["size"], "zoneOpacity": s["zones"]["opacity"],
            "zoneMinOpacity": s["zones"]["min_opacity"], "zoneStroke": s["zones"]["stroke_opacity"],
            "contested": s["control"]["contested_stroke"]}  # fmt: skip
