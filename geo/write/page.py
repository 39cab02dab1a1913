"""Pages from one shell: the page built once with folium, each page's data written into it as JSON.

:func:`shell` renders a folium map (Leaflet and Frontline's script inlined,
no request leaves the page) with three slots: the title, the basemap and the
page's data. :func:`page` fills them; the script (``assets/frontline.js``)
draws everything from the data. The JSON is escaped so that no text in it can
end its ``<script>`` element, and the script writes article text only as text.

>>> html = page(shell("day"), "t", "{}", {"a": "</script><b>x</b>"})
>>> "</script><b>" in html, "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e" in html
(False, True)
"""

from __future__ import annotations

import functools
import itertools
import json
import re

import folium
from branca.element import Element, MacroElement
from folium.template import Template

from geo.errors import FrontlineError
from geo.write.assets.inline import MAP_CSS, MAP_JS, inline, offline
from geo.write.escape import html_text
from geo.write.style import style

__all__ = ["page", "shell", "to_json"]

_TITLE, _BASEMAP, _DATA = "@@FRONTLINE_TITLE@@", "@@FRONTLINE_BASEMAP@@", "@@FRONTLINE_DATA@@"
_OSM = "OpenStreetMap"
_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
# As geo.write.escape does for HTML: script URL schemes and event-handler attributes no longer read as such in
# the file (a JSON escape of their ":" or "="), while JSON.parse gives the page the text exactly as written.
_SCHEME = re.compile(r"(?i)\b(javascript|vbscript|data)(\s*):")
_HANDLER = re.compile(r"(?i)\b(on[a-z]+)(\s*)=")


class _Raw(Element):
    """Text put into the page as it is, never compiled as a template."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def render(self, **kwargs) -> str:
        return self._text


class _Shell(MacroElement):
    """The slots for the basemap and the data, and the call that draws the page from them."""

    _template = Template(
        """{% macro html(this, kwargs) %}<script type="application/json" id="fl-basemap">"""
        + _BASEMAP
        + """</script>
<script type="application/json" id="fl-data">"""
        + _DATA
        + """</script>{% endmacro %}
{% macro script(this, kwargs) %}Frontline.start({{ this._parent.get_name() }}, {{ this.attribution|tojson }});{% endmacro %}"""
    )

    def __init__(self, attribution: list[str]) -> None:
        super().__init__()
        self._name = "Shell"
        self.attribution = attribution

    def render(self, **kwargs) -> None:
        figure = self.get_root()
        for part, target in (("html", figure.html), ("script", figure.script)):
            target.add_child(_Raw(getattr(self._template.module, part)(self, kwargs)), name=self.get_name())


def _renumber(root: Element) -> None:
    """Replace folium's random element ids by a counter, so output is deterministic."""
    counter = itertools.count(1)

    def walk(element: Element) -> None:
        element._id = f"{next(counter):04d}"
        for child in element._children.values():
            walk(child)

    walk(root)


def attribution() -> list[str]:
    s = style()
    return [s["attribution"], s["basemap_attribution"]]


@functools.cache
def shell(kind: str, tiles: str | None = None) -> str:
    """The page of ``kind`` (``day`` or ``index``) with empty slots, rendered once per process."""
    if tiles not in (None, "osm"):
        raise FrontlineError(f"tiles {tiles!r} is not supported; expected None (offline) or 'osm'")
    fmap = offline(folium.Map(tiles=None, max_zoom=18, location=[20, 0], zoom_start=2, control_scale=True),
                   MAP_JS, MAP_CSS)  # fmt: skip
    if tiles == "osm":
        folium.TileLayer(_OSM, name="OpenStreetMap", max_zoom=18).add_to(fmap)
    fmap.add_child(_Shell(attribution()))
    root = fmap.get_root()
    root.title = _TITLE
    _renumber(root)
    return inline(root.render()).replace("<body>", f'<body class="fl-{kind}">', 1)


def to_json(data) -> str:
    """Compact, deterministic JSON that is safe inside a ``<script>`` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escape in _ESCAPES.items():  # str.replace: a page's JSON is megabytes, translate() goes char by char
        if char in text:
            text = text.replace(char, escape)
    text = _SCHEME.sub(r"\1\2\\u003a", text)
    return _HANDLER.sub(r"\1\2\\u003d", text) if "=" in text else text


def page(shell_html: str, title: str, basemap_json: str, data: dict) -> str:
    """``shell_html`` with its slots filled; ``basemap_json`` is already made by :func:`to_json`."""
    head, _, tail = shell_html.partition(_TITLE)
    filled = head + html_text(title) + tail
    head, _, tail = filled.partition(_BASEMAP)
    filled = head + basemap_json + tail
    head, _, tail = filled.partition(_DATA)
    return head + to_json(data) + tail
