"""One declared schema per exported layer: its fields' names, types and order.

Every writer (GeoJSON, GeoPackage, CSV) takes its columns from here, so a
field has the same name and type in every format whatever the data: a date
is a GDAL ``Date`` even when every value of the column is null, an integer
an ``Integer``. ``docs/outputs.md`` documents each field; a test holds the
two together.

>>> CONTROL.geometry, CONTROL["valid_from"].type.value
('Point', 'Date')
>>> [f.name for f in PROVENANCE][:4]
['article', 'title', 'url', 'published']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from geo.errors import OutputError

__all__ = [
    "ACLED",
    "CONTROL",
    "DAYS",
    "DISTANCES",
    "EVENTS",
    "LAYERS",
    "PLACES",
    "PROVENANCE",
    "UCDP",
    "Field",
    "FieldType",
    "Layer",
]


class FieldType(str, Enum):
    """A field's type, named as GDAL names it (``ogrinfo`` shows these)."""

    STRING = "String"
    INTEGER = "Integer"
    REAL = "Real"
    BOOLEAN = "Boolean"
    DATE = "Date"
    DATETIME = "DateTime"


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    type: FieldType


@dataclass(frozen=True, slots=True)
class Layer:
    """A layer: its name, geometry type (None for a table) and fields in order."""

    name: str
    geometry: str | None
    fields: tuple[Field, ...]
    names: tuple[str, ...] = field(init=False, repr=False, compare=False)
    _keys: frozenset = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names = tuple(f.name for f in self.fields)
        if len(set(names)) != len(names):
            raise OutputError(f"layer {self.name!r} declares a field twice")
        object.__setattr__(self, "names", names)
        object.__setattr__(self, "_keys", frozenset(names))

    def __getitem__(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    def check(self, values: dict) -> dict:
        """``values`` if it holds exactly the declared fields; a missing or undeclared one is an error."""
        if values.keys() != self._keys:
            missing, extra = self._keys - values.keys(), values.keys() - self._keys
            raise OutputError(f"layer {self.name!r}: fields missing {sorted(missing)}, undeclared {sorted(extra)}")
        return values

    def row(self, values: dict) -> dict:
        """``values`` in the declared order, after :meth:`check`."""
        self.check(values)
        return {name: values[name] for name in self.names}


S, I, R, B, D = FieldType.STRING, FieldType.INTEGER, FieldType.REAL, FieldType.BOOLEAN, FieldType.DATE


def _fields(*pairs: tuple[str, FieldType]) -> tuple[Field, ...]:
    return tuple(Field(name, kind) for name, kind in pairs)


# Where a row's fact comes from: the article and the sentence.
PROVENANCE = _fields(
    ("article", S), ("title", S), ("url", S), ("published", D), ("published_from", S),
    ("evidence", S), ("evidence_start", I), ("evidence_end", I),
)  # fmt: skip

_PLACE = _fields(
    ("place_kind", S), ("country", S), ("admin1", S), ("lat", R), ("lon", R), ("located", B),
)  # fmt: skip
_SUPPORT = _fields(("reports", I), ("outlets", I), ("sources", S), ("disagreements", S))
_CREDIT = _fields(("place_source", S), ("attribution", S))

CONTROL = Layer("control", "Point", (
    *_fields(("place_id", S), ("name", S)), *_PLACE,
    *_fields(("controller", S), ("status", S), ("valid_from", D), ("valid_to", D), ("since", D), ("days", I)),
    *_SUPPORT, *PROVENANCE, *_CREDIT,
))  # fmt: skip

DAYS = Layer("day", "Point", (
    *_fields(("day", D), ("place_id", S), ("name", S)), *_PLACE,
    *_fields(("controller", S), ("status", S), ("since", D), ("changed", B)),
    *_SUPPORT, *PROVENANCE, *_CREDIT,
))  # fmt: skip

EVENTS = Layer("events", "Point", (
    *_fields(("event_id", I), ("place_id", S), ("place", S)), *_PLACE,
    *_fields(
        ("kind", S), ("actor", S), ("previous_controller", S), ("date_start", D), ("date_end", D),
        ("date_precision", S), ("date_text", S), ("trigger", S), ("confidence", R),
        ("event_type", S), ("sub_event_type", S), ("time_precision", I), ("geo_precision", I),
        ("date_prec", I), ("where_prec", I),
    ),
    *_SUPPORT, *_fields(("disagreeing_articles", I), ("source_titles", S), ("source_urls", S)),
    *PROVENANCE, *_CREDIT,
))  # fmt: skip

DISTANCES = Layer("distances", "LineString", (
    *_fields(
        ("subject", S), ("subject_id", S), ("reference", S), ("reference_id", S), ("subject_text", S),
        ("reference_text", S), ("value", R), ("unit", S), ("alt_value", R), ("alt_unit", S), ("conversion", S),
        ("stated_km", R), ("stated_low_km", R), ("stated_high_km", R), ("direction", S), ("hedge", S),
        ("kind", S), ("measured_km", R), ("bearing_deg", R), ("ratio", R), ("verdict", S),
        ("direction_verdict", S), ("tolerance_low", R), ("tolerance_high", R), ("note", S),
        ("subject_lon", R), ("subject_lat", R), ("reference_lon", R), ("reference_lat", R),
    ),
    *PROVENANCE, Field("attribution", S),
))  # fmt: skip

# One row per place the run names; the provenance is that of its first mention.
PLACES = Layer("places", "Point", (
    *_fields(("place_id", S), ("name", S)), *_PLACE,
    *_fields(
        ("population", I), ("precision_km", R), ("mentions", I), ("articles", I), ("surfaces", S), ("hint", S),
        ("surface", S), ("surface_start", I), ("surface_end", I), ("score", R), ("runner_up", S),
    ),
    *PROVENANCE, *_CREDIT,
))  # fmt: skip

_FRONTLINE = (Field("event_id", I), *PROVENANCE, Field("attribution", S))

# ACLED's columns, then Frontline's own (its event id and the provenance).
ACLED = Layer("events_acled", None, (
    *_fields(
        ("event_date", D), ("year", I), ("time_precision", I), ("event_type", S), ("sub_event_type", S),
        ("actor1", S), ("actor2", S), ("country", S), ("admin1", S), ("location", S), ("latitude", R),
        ("longitude", R), ("geo_precision", I), ("source", S), ("notes", S),
    ),
    *_FRONTLINE,
))  # fmt: skip

# UCDP GED's columns, then Frontline's own.
UCDP = Layer("events_ucdp", None, (
    *_fields(
        ("side_a", S), ("side_b", S), ("date_start", D), ("date_end", D), ("date_prec", I), ("where_prec", I),
        ("where_coordinates", S), ("latitude", R), ("longitude", R), ("adm_1", S), ("country", S),
        ("source_article", S), ("source_headline", S),
    ),
    *_FRONTLINE,
))  # fmt: skip

LAYERS = (CONTROL, EVENTS, DISTANCES, PLACES, DAYS, ACLED, UCDP)
