"""How the user asks sources to be read: formats, columns, day order, a default date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from geo.read.published import DayOrder

__all__ = ["InputFormat", "ReadOptions"]


class InputFormat(str, Enum):
    """What a source holds; ``auto`` goes by a file's suffix, and sniffs standard input."""

    AUTO = "auto"
    TEXT = "text"
    JSONL = "jsonl"
    JSON = "json"
    CSV = "csv"
    FEED = "feed"
    HTML = "html"


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """The reading choices of one run.

    ``published`` dates the articles that carry no date of their own;
    ``order`` reads numeric dates whose day and month could be swapped;
    ``text_column``, ``date_column`` and ``id_column`` name the fields of a
    JSON or CSV corpus that the usual names miss; ``input_format`` reads
    standard input and the files named on the command line as that format.
    """

    published: date | None = None
    order: DayOrder | None = None
    text_column: str | None = None
    date_column: str | None = None
    id_column: str | None = None
    input_format: InputFormat = InputFormat.AUTO
