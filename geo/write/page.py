"""folium pieces of every page: elements that enter the page as text, the offline base map, HTML out."""

from __future__ import annotations

import itertools
import json

import folium
from branca.element import Element, MacroElement
from folium.template import Template

from geo.errors import FrontlineError
from geo.records import Place
from geo.write.assets.inline import MAP_CSS, MAP_JS, inline, offline
from geo.write.style import _style

_OSM = "OpenStreetMap"


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
