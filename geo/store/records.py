"""The store's small records: its errors, what it knows of an article, one stored article, what a run did."""

from __future__ import annotations

from dataclasses import dataclass

from geo.errors import FrontlineError
from geo.records import Article, ArticleResult

__all__ = ["Entry", "Stored", "StoreBusyError", "StoreError", "Tally"]


class StoreError(FrontlineError):
    """A store that cannot be opened or used as it is."""


class StoreBusyError(StoreError):
    """Another run holds the store."""


@dataclass(frozen=True, slots=True)
class Entry:
    """What the store knows of an article without reading its records."""

    seq: int
    content_hash: str
    digest: str


@dataclass(frozen=True, slots=True)
class Stored:
    """An article as read, its content hash and its result under ``digest``: one row of ``articles``."""

    article: Article
    content_hash: str
    digest: str
    result: ArticleResult


@dataclass(slots=True)
class Tally:
    """What a run did with the store: articles new, skipped (unchanged) and re-analysed; days redrawn."""

    new: int = 0
    skipped: int = 0
    read: int = 0
    reanalysed: int = 0
    days_redrawn: int | None = None
    days: int = 0

    def summary(self) -> str:
        """One line for people.

        >>> Tally(new=100, skipped=10000, days_redrawn=3, days=57).summary()
        'store: 100 new, 10000 skipped, 0 re-analysed articles; 3 of 57 days redrawn'
        """
        text = f"store: {self.new} new, {self.skipped} skipped, {self.reanalysed} re-analysed articles"
        if self.days_redrawn is not None:
            text += f"; {self.days_redrawn} of {self.days} days redrawn"
        return text
