"""The HTML text of popups, tooltips and the legend. Article text is escaped wherever it enters."""

from __future__ import annotations

from urllib.parse import urlsplit

from geo.records import ControlState, DistanceCheck, Evidence, Incident, Place
from geo.write.escape import html_text
from geo.write.style import _style

__all__ = ["escape"]


def escape(text: str) -> str:
    """HTML-escape article text, and make it inert as a template too (see :func:`geo.write.escape.html_text`).

    folium compiles the output of each element's macros as a new Jinja
    template, so ``{{ ... }}`` in an article would be evaluated; braces become
    character references, which the browser shows as braces.
    """
    return html_text(text)



def _link(evidence: Evidence) -> str:
    """Article name, linked only when its URL is http(s)."""
    name = escape(evidence.title or evidence.source or evidence.article)
    url = evidence.url
    if url and urlsplit(url).scheme in ("http", "https"):
        return f'<a href="{escape(url)}" target="_blank" rel="noopener noreferrer">{name}</a>'
    return name


def _when(incident: Incident) -> str:
    span = incident.event.when
    if span.start and span.end:
        days = span.start.isoformat() if span.start == span.end else f"{span.start} to {span.end}"
    elif span.end:
        days = f"on or before {span.end}"
    else:
        days = "date unknown"
    words = f", &ldquo;{escape(span.text)}&rdquo;" if span.text else ""
    return f"{days} ({escape(span.precision.value)} precision{words})"


def _incident_html(incident: Incident) -> str:
    event = incident.event
    parts = [f"<li><b>{escape(event.kind.value)}</b> by {escape(event.actor)}, {_when(incident)}"]
    for report in incident.reports:
        ev = report.evidence
        parts.append(f"<blockquote>{escape(ev.sentence)}<br>&mdash; {_link(ev)}</blockquote>")
    if len(incident.reports) > 1:
        parts.append(f"<div>Corroborated by {len(incident.reports)} reports.</div>")
    for text in incident.disagreements:
        parts.append(f'<div class="fl-warn">Disagreement: {escape(text)}</div>')
    return "".join(parts) + "</li>"


def _place_title(place: Place) -> str:
    where = ", ".join(escape(p) for p in (place.kind.value, place.admin1, place.country) if p)
    return f"<h4>{escape(place.name)}</h4><div>{where}</div>"


def _state_html(state: ControlState, *, brief: bool = False) -> str:
    """A place's popup on a day; ``brief`` (the index's slider) leaves the evidence to that day's map."""
    since = state.since.isoformat() if state.since else "unknown"
    lines = [
        _place_title(state.place),
        f"<div><b>Controller:</b> {escape(state.controller or 'unknown')} ({escape(state.status.value)})</div>",
        f"<div><b>Since:</b> {since}{' &mdash; <b>changed this day</b>' if state.changed else ''}</div>",
    ]
    if brief:
        day = state.day.isoformat()
        lines.append(f'<div><a href="{day}.html">{day}: the day&rsquo;s map, with the evidence</a></div>')
        return '<div class="fl-popup">' + "".join(lines) + "</div>"
    lines += [f'<div class="fl-warn">Disagreement: {escape(d)}</div>' for d in state.disagreements]
    if state.incidents:
        lines.append("<ul>" + "".join(_incident_html(i) for i in state.incidents) + "</ul>")
    return '<div class="fl-popup">' + "".join(lines) + "</div>"


def _check_label(check: DistanceCheck) -> str:
    claim = check.claim
    stated = f"{claim.value:g} {claim.unit}" if claim.value is not None and claim.unit else "no distance"
    measured = f"{check.measured_km:.0f} km" if check.measured_km is not None else "not measured"
    direction = f" {claim.direction}" if claim.direction else ""
    return f"stated {stated}{direction}, measured {measured}"


def _check_html(check: DistanceCheck) -> str:
    claim, record = check.claim, check.as_record()
    rows = [
        f"<h4>{escape(claim.subject)} &larr; {escape(claim.reference)}</h4>",
        f"<div>{escape(_check_label(check))}</div>",
        f"<div><b>Verdict:</b> {escape(check.verdict.value)}"
        + (f", direction {escape(record['direction_verdict'])}" if record["direction_verdict"] else "")
        + (f", ratio {record['ratio']}" if record["ratio"] is not None else "")
        + "</div>",
    ]
    if record["note"]:
        rows.append(f'<div class="fl-warn">{escape(record["note"])}</div>')
    rows.append(f"<blockquote>{escape(claim.evidence.sentence)}<br>&mdash; {_link(claim.evidence)}</blockquote>")
    return '<div class="fl-popup">' + "".join(rows) + "</div>"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _legend_html(where: str = "") -> str:
    style = _style()
    rows = [f'<span class="fl-swatch" style="background:{escape(a["colour"])}"></span>{escape(a["name"])}'
            for a in style["actors"]]  # fmt: skip
    unknown = style["unknown"]
    rows.append(f'<span class="fl-swatch" style="background:{escape(unknown["colour"])}"></span>unknown')
    contested = escape(style["control"]["contested_stroke"])
    rows.append(f'<span class="fl-swatch" style="border:2px dashed {contested}"></span>contested')
    rows.append('<span class="fl-swatch" style="border-width:3px;width:16px;height:16px"></span>changed this day')
    verdicts = " ".join(f'<span style="color:{escape(c)}">&#9644; {escape(v)}</span>'
                        for v, c in style["verdicts"].items())  # fmt: skip
    return f'<div class="fl-box fl-legend {where}"><b>Control</b><br>' + "<br>".join(rows) + f"<br>{verdicts}</div>"
