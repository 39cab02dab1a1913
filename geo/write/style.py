"""Map styling: actor colours and the look of control markers, from ``geo/lexicon/style.toml``."""

from __future__ import annotations

import functools

from geo.lexicon import load as load_lexicon
from geo.records import ControlState, Status

__all__ = ["actor_colour", "style_for"]


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
