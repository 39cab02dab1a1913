"""Inline the vendored web assets into rendered folium pages.

Folium links Leaflet and its plugins from CDNs. :func:`offline` points an
element's links at ``frontline-asset:<file>`` placeholders instead, and
:func:`inline` swaps each placeholder for the file's contents, so a page
needs no network. Files are read once per process.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

from geo.errors import OutputError

__all__ = ["asset", "inline", "offline", "MAP_JS", "MAP_CSS"]

_SCHEME = "frontline-asset:"
MAP_JS = ("leaflet.js", "frontline.js")
MAP_CSS = ("leaflet.css", "frontline.css")

_SCRIPT = re.compile(r'<script src="' + _SCHEME + r'([\w.-]+)"></script>')
_LINK = re.compile(r'<link rel="stylesheet" href="' + _SCHEME + r'([\w.-]+)"/>')
_REMOTE = re.compile(r'<(?:script|link)\b[^>]*\b(?:src|href)="(?!data:)([^"]+)"', re.IGNORECASE)


@functools.cache
def asset(name: str) -> str:
    """The text of a vendored asset file (read once per process)."""
    try:
        return resources.files("geo.write.assets").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise OutputError(f"vendored asset {name!r} is missing; run python -m geo.write.assets.vendor") from error


def offline(element, js: tuple[str, ...], css: tuple[str, ...]):
    """Make ``element`` (a folium JSCSSMixin) link exactly these vendored files."""
    element.default_js = [(name, _SCHEME + name) for name in js]
    element.default_css = [(name, _SCHEME + name) for name in css]
    return element


def _script(match: re.Match) -> str:
    # A vendored file never holds "</script", but make sure it cannot end the tag.
    return "<script>\n" + asset(match.group(1)).replace("</script", "<\\/script") + "\n</script>"


def _style(match: re.Match) -> str:
    return "<style>\n" + asset(match.group(1)).replace("</style", "<\\/style") + "\n</style>"


def inline(html: str) -> str:
    """Replace each placeholder link in ``html`` by the asset inline.

    Raises
    ------
    OutputError
        If a ``<script>``/``<link>`` still points anywhere else (a CDN).
    """
    html = _LINK.sub(_style, _SCRIPT.sub(_script, html))
    remote = _REMOTE.search(html)
    if remote:
        raise OutputError(f"the page still links {remote.group(1)!r}; only vendored assets may be used")
    return html
