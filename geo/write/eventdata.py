"""Events lined up with ACLED and UCDP GED: their codes, and tables with their columns.

Both the codes (event type, precision) and which Frontline value fills
each column of ``events_acled.csv`` and ``events_ucdp.csv`` are read from
``geo/lexicon/exports.toml``; the columns' types are declared in
:mod:`geo.write.schema`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from datetime import date

from geo.errors import OutputError
from geo.extract.actors import Actors
from geo.lexicon import load as load_lexicon
from geo.records import Incident
from geo.write.provenance import Provenance, title_of
from geo.write.schema import ACLED, UCDP, Layer

__all__ = ["acled_codes", "acled_rows", "attribution", "middle_day", "ucdp_codes", "ucdp_rows"]


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




# --- the tables -------------------------------------------------------------------------


def middle_day(start: date | None, end: date | None) -> date | None:
    """The middle day of a span (the earlier of two), as ACLED dates a week or a month; None if open.

    >>> middle_day(date(2014, 6, 9), date(2014, 6, 15)), middle_day(None, date(2014, 6, 21))
    (datetime.date(2014, 6, 12), None)
    """
    if start is None or end is None:
        return None
    return start + (end - start) // 2


@functools.cache
def _country_name(code: str) -> str:
    """The name of the country with ISO code ``code`` in the bundled gazetteer (the code if none)."""
    from geo.places.gazetteer import Gazetteer

    place = Gazetteer.default().country(code) if code else None
    return place.name if place is not None else code


@functools.cache
def _province_name(admin1: str) -> str:
    """The name of the admin-1 area with GeoNames code ``admin1`` ("IQ.01": Al Anbar; the code if none)."""
    from geo.places.gazetteer import Gazetteer

    place = Gazetteer.default().province(admin1) if admin1 else None
    return place.name if place is not None else admin1


def _derived(incident: Incident, properties: dict, sources: Provenance) -> dict:
    """The values a table may take besides the events layer's fields (listed in exports.toml)."""
    place = incident.event.place
    country = _country_name(place.country) or None
    admin1 = _province_name(place.admin1) or None
    middle = middle_day(incident.event.when.start, incident.event.when.end)
    sides = [a for a in (properties["actor"], properties["previous_controller"]) if a]
    sides.sort(key=lambda actor: not _for_government(actor))  # UCDP's side_a is the government's
    reports = [sources.article(e) for e in incident.sources]
    return {
        "event_date": middle.isoformat() if middle else None,
        "year": middle.year if middle else None,
        "country_name": country,
        "admin1_name": admin1,
        "where_name": ", ".join(dict.fromkeys(n for n in (place.name, admin1, country) if n)),
        "side_a": sides[0],
        "side_b": sides[1] if len(sides) > 1 else None,
        "outlet_names": "; ".join(dict.fromkeys(sources.outlet_of(e.article) or title_of(a)
                                                for e, a in zip(incident.sources, reports, strict=True))),
        "source_refs": "; ".join(dict.fromkeys(a.url.strip() or e.article
                                               for e, a in zip(incident.sources, reports, strict=True))),
    }  # fmt: skip


def _rows(layer: Layer, mapping: dict, records: Iterable[tuple[Incident, dict]], sources: Provenance) -> Iterator[dict]:
    columns = layer.names[: layer.names.index("event_id")]  # then Frontline's own, from the events layer
    own = layer.names[len(columns):]
    if tuple(mapping) != columns:
        raise OutputError(f"exports.toml: [{layer.name.replace('events_', '')}_columns] must list, in order: "
                          f"{', '.join(columns)}")  # fmt: skip
    for incident, properties in records:
        values = {**_derived(incident, properties, sources), **properties}
        try:
            row = {column: values[source] for column, source in mapping.items()}
        except KeyError as error:
            raise OutputError(f"exports.toml: {layer.name} takes unknown value {error.args[0]!r}") from None
        yield layer.row({**row, **{name: properties[name] for name in own}})


def acled_rows(records: Iterable[tuple[Incident, dict]], sources: Provenance) -> Iterator[dict]:
    """One ``events_acled.csv`` row per incident; ``records`` as :func:`geo.write.features.iter_event_records` gives."""
    return _rows(ACLED, _codes()["acled_columns"], records, sources)


def ucdp_rows(records: Iterable[tuple[Incident, dict]], sources: Provenance) -> Iterator[dict]:
    """One ``events_ucdp.csv`` row per incident; ``records`` as :func:`geo.write.features.iter_event_records` gives."""
    return _rows(UCDP, _codes()["ucdp_columns"], records, sources)
