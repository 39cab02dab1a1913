"""The fields of each exported layer, in the order they are written."""

from __future__ import annotations

__all__ = ["CONTROL_FIELDS", "DAY_FIELDS", "DISTANCE_FIELDS", "EVENT_FIELDS"]

CONTROL_FIELDS = (
    "place_id", "name", "controller", "status", "valid_from", "valid_to", "since", "days",
    "sources", "evidence", "disagreements", "place_source", "attribution",
)  # fmt: skip
EVENT_FIELDS = (
    "event_id", "place_id", "place", "kind", "actor", "date_start", "date_end", "date_precision",
    "date_text", "event_type", "sub_event_type", "time_precision", "geo_precision", "date_prec",
    "where_prec", "evidence", "article", "sources", "source_titles", "reports", "disagreements",
    "confidence", "place_source", "attribution",
)  # fmt: skip
DAY_FIELDS = (
    "day", "place_id", "name", "controller", "status", "since", "changed", "sources", "evidence",
    "disagreements", "place_source", "attribution",
)  # fmt: skip
DISTANCE_FIELDS = (
    "article", "published", "subject", "subject_id", "reference", "reference_id", "value", "unit",
    "alt_value", "alt_unit", "conversion", "stated_km", "direction", "hedge", "kind", "measured_km", "bearing_deg", "ratio", "verdict",
    "direction_verdict", "tolerance_low", "tolerance_high", "note", "evidence", "subject_lon",
    "subject_lat", "reference_lon", "reference_lat", "attribution",
)  # fmt: skip
