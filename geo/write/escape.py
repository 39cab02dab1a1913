"""Article text made safe for the formats that would interpret it: CSV, Markdown, HTML.

Article text is data. JSON and GeoJSON carry it exactly; the writers of
formats that a program interprets pass it through here first:

- :func:`csv_cell` (and :func:`csv_record`, :func:`csv_frame`): a spreadsheet
  runs a cell that starts with ``=``, ``+``, ``-``, ``@``, tab or carriage
  return as a formula. As OWASP recommends for CSV injection, such a cell gets
  a leading ``'``, which spreadsheets show as text and do not display; a cell
  that is a plain number (``-12.5``, ``3e-4``) stays a number.
- :func:`markdown_text`: one table cell of a Markdown report. HTML is written
  as character references and Markdown's inline syntax (links, images,
  emphasis, code, pipes) is backslash-escaped, so a viewer shows the text as
  written and builds no element from it.
- :func:`html_text`: text for an HTML page, also inert as a Jinja template.

The Markdown and HTML forms also break up ``javascript:`` and ``on...=``
with a character reference (a reader sees the same characters), so even a
viewer that un-escaped the text once would find no script URL or handler.
"""

from __future__ import annotations

import html
import re

import pandas as pd

__all__ = ["csv_cell", "csv_frame", "csv_record", "html_text", "markdown_text"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_\[\]~|!])")
# Script URL schemes and event-handler attributes, written so they no longer read as such.
_SCHEME = re.compile(r"(?i)\b(javascript|vbscript|data)(\s*):")
_HANDLER = re.compile(r"(?i)\b(on[a-z]+)(\s*)=")


def csv_cell(value):
    """``value`` as a CSV cell a spreadsheet never runs: a formula-like string gets a leading ``'``.

    Anything but a string (numbers, None) is returned as it is.

    >>> [csv_cell(v) for v in ["=1+2", "+7 495", "@SUM(A1)", "-x", "-12.5", "Qaim", 3]]
    ["'=1+2", "'+7 495", "'@SUM(A1)", "'-x", '-12.5', 'Qaim', 3]
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_record(record: dict) -> dict:
    """``record`` with every value passed through :func:`csv_cell`.

    >>> csv_record({"evidence": "=HYPERLINK(1)", "ratio": -0.5})
    {'evidence': "'=HYPERLINK(1)", 'ratio': -0.5}
    """
    return {key: csv_cell(value) for key, value in record.items()}


def csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text column passed through :func:`csv_cell`.

    >>> csv_frame(pd.DataFrame({"a": ["=1", "x"], "b": [-1, 2]})).to_dict("list")
    {'a': ["'=1", 'x'], 'b': [-1, 2]}
    """
    frame = frame.copy()
    for column in frame.columns:
        if frame[column].dtype == object or isinstance(frame[column].dtype, pd.StringDtype):
            frame[column] = frame[column].map(csv_cell)
    return frame


def _break_scripts(text: str) -> str:
    return _HANDLER.sub(r"\1\2&#61;", _SCHEME.sub(r"\1\2&#58;", text))


def markdown_text(value) -> str:
    r"""``value`` as the text of one Markdown table cell, shown as written and never interpreted.

    Runs of white space (new lines too) become one space; None and NaN an empty cell.

    >>> print(markdown_text('<img src=x onerror="go()"> [a](javascript:b) | *c*'))
    &lt;img src=x onerror&#61;"go()"&gt; \[a\](javascript&#58;b) \| \*c\*
    """
    if value is None or value != value:  # None or NaN
        return ""
    text = " ".join(str(value).split())
    return _break_scripts(html.escape(_MARKDOWN_SYNTAX.sub(r"\\\1", text), quote=False))


def html_text(value) -> str:
    """``value`` escaped for HTML text or a quoted attribute, and inert as a Jinja template.

    folium compiles some element output as a new Jinja template, so braces
    become character references too; the browser shows them as braces.

    >>> print(html_text("<script>{{ x }}</script> onload=go()"))
    &lt;script&gt;&#123;&#123; x &#125;&#125;&lt;/script&gt; onload&#61;go()
    """
    text = html.escape(str(value)).replace("{", "&#123;").replace("}", "&#125;")
    return _break_scripts(text)
