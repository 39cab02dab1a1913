"""Codes that line events up with ACLED and UCDP GED, from ``geo/lexicon/exports.toml``."""

from __future__ import annotations

import functools

from geo.extract.actors import Actors
from geo.lexicon import load as load_lexicon
from geo.records import Incident

__all__ = ["acled_codes", "attribution", "ucdp_codes"]


def _codes() -> dict:
    """The export configuration (``geo/lexicon/exports.toml``), read once."""
    return load_lexicon("exports")


def attribution() -> str:
    """The credit every export carries for the gazetteer's data."""
    return _codes()["attribution"]


@functools.cache
def _for_government(actor: str) -> bool:
    """Whether ``actor`` is a state actor or fights for one (ACLED's government and affiliates)."""
    actors = Actors.default()
    return actors.role(actor) == "state" or bool(actors.ally(actor))


def acled_codes(incident: Incident) -> dict:
    """ACLED ``event_type``, ``sub_event_type``, ``time_precision`` and ``geo_precision``."""
    codes, event = _codes(), incident.event
    kind = codes["acled"][event.kind.value]
    sub = kind.get("sub_event_type")
    if sub is None:
        sub = kind["state"] if _for_government(event.actor) else kind["non_state"]
    geo_table = codes["acled_geo_precision"]
    geo = geo_table[event.place.kind.value]
    if geo == 1 and event.place.precision_km > geo_table["approximate_km"]:
        geo = 2
    return {
        "event_type": kind["event_type"],
        "sub_event_type": sub,
        "time_precision": codes["acled_time_precision"][event.when.precision.value],
        "geo_precision": geo,
    }


def ucdp_codes(incident: Incident) -> dict:
    """UCDP GED ``date_prec`` (from the span's length) and ``where_prec`` (from the place)."""
    codes, event = _codes(), incident.event
    when, table = event.when, codes["ucdp_date_prec"]
    date_prec = table["longer"]
    if when.start and when.end:
        length = (when.end - when.start).days + 1
        date_prec = next((code for most, code in table["max_days"] if length <= most), table["longer"])
    where_table = codes["ucdp_where_prec"]
    where = where_table[event.place.kind.value]
    if where == 1 and event.place.precision_km > where_table["within_25km_above_km"]:
        where = 2
    return {"date_prec": date_prec, "where_prec": where}


