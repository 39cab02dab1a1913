"""What a popup says, as plain data: the page's script builds it with text nodes, so article text stays text.

Every value here is a string, number, boolean or list of them, never markup:
the page writes them with ``textContent``, and a link is made only of an
``http``/``https`` URL.

>>> from geo.records import Evidence
>>> evidence_data(Evidence("a1", "Rebels took the town.", url="javascript:alert(1)"), None)["url"] is None
True
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

from geo.records import ControlState, DistanceCheck, Evidence, Incident, Place

__all__ = ["check_data", "check_label", "evidence_data", "incident_data", "place_data", "state_data", "when_text"]


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def safe_url(url: str) -> str | None:
    """``url`` if it is an http(s) address, else None (never a ``javascript:`` link)."""
    return url if url and urlsplit(url).scheme in ("http", "https") else None


def evidence_data(evidence: Evidence, published: date | None) -> dict:
    """A sentence and its article (name, link, date)."""
    return {"sentence": evidence.sentence, "source": evidence.title or evidence.source or evidence.article,
            "url": safe_url(evidence.url), "published": _iso(published)}  # fmt: skip


def when_text(incident: Incident) -> str:
    """When an incident happened, in words: days, precision and the text's own words."""
    span = incident.event.when
    if span.start and span.end:
        days = span.start.isoformat() if span.start == span.end else f"{span.start} to {span.end}"
    elif span.end:
        days = f"on or before {span.end}"
    else:
        days = "date unknown"
    words = f", \u201c{span.text}\u201d" if span.text else ""
    return f"{days} ({span.precision.value} precision{words})"


def incident_data(incident: Incident, published) -> dict:
    """An incident with every report of it; ``published`` maps an article id to its date."""
    event = incident.event
    return {
        "kind": event.kind.value,
        "actor": event.actor,
        "when": when_text(incident),
        "reports": [evidence_data(r.evidence, published(r.evidence.article)) for r in incident.reports],
        "disagreements": list(incident.disagreements),
    }


def place_data(place: Place) -> dict:
    return {"name": place.name, "where": ", ".join(p for p in (place.kind.value, place.admin1, place.country) if p)}


def state_data(state: ControlState, published, *, brief: bool = False, link: str | None = None) -> dict:
    """A place's control on a day; ``brief`` (the index) leaves the evidence to the day's map at ``link``."""
    data = {
        "type": "state",
        **place_data(state.place),
        "controller": state.controller or "unknown",
        "status": state.status.value,
        "since": _iso(state.since) or "unknown",
        "changed": state.changed,
        "disagreements": list(state.disagreements),
    }
    if brief:
        data["link"] = link
        data["day"] = state.day.isoformat()
    else:
        data["incidents"] = [incident_data(i, published) for i in state.incidents]
    return data


def check_label(check: DistanceCheck) -> str:
    claim = check.claim
    stated = f"{claim.value:g} {claim.unit}" if claim.value is not None and claim.unit else "no distance"
    measured = f"{check.measured_km:.0f} km" if check.measured_km is not None else "not measured"
    direction = f" {claim.direction}" if claim.direction else ""
    return f"stated {stated}{direction}, measured {measured}"


def check_data(check: DistanceCheck, published) -> dict:
    claim, record = check.claim, check.as_record()
    verdict = check.verdict.value
    if record["direction_verdict"]:
        verdict += f", direction {record['direction_verdict']}"
    if record["ratio"] is not None:
        verdict += f", ratio {record['ratio']}"
    return {"type": "check", "name": f"{claim.subject} \u2190 {claim.reference}", "where": check_label(check),
            "verdict": verdict, "note": record["note"] or "",
            "evidence": evidence_data(claim.evidence, published(claim.article))}  # fmt: skip
