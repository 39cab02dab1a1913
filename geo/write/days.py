"""Which days get a map: by default the days that carry news, or every calendar day.

A day carries news when an article was published on it, when the timeline
changes hands on it, or when an event is dated to it to the day. The index
steps through every day either way.

>>> from geo.records import RunResult
>>> select_days(RunResult(), DayChoice.NEWS)
()
"""

from __future__ import annotations

from datetime import date
from enum import Enum

from geo.errors import FrontlineError
from geo.records import Precision, RunResult

__all__ = ["DayChoice", "news_days", "select_days"]


class DayChoice(str, Enum):
    NEWS = "news"
    ALL = "all"

    @classmethod
    def _missing_(cls, value):
        raise FrontlineError(f"--days {value!r} is not valid; expected one of: news, all")


def news_days(result: RunResult) -> set[date]:
    """The days of the timeline that carry news (see the module's docstring)."""
    timeline = result.timeline
    days = set(timeline.days)
    news = {r.article.published for r in result.results if r.article.published}
    news |= {s.day for s in timeline.states if s.changed}
    for incident in timeline.incidents:
        when = incident.event.when
        if when.precision is Precision.DAY and when.start and when.start == when.end:
            news.add(when.start)
    return news & days


def select_days(result: RunResult, choice: DayChoice | str = DayChoice.NEWS) -> tuple[date, ...]:
    """The days to draw a map of, in order."""
    choice = DayChoice(choice)
    if choice is DayChoice.ALL:
        return tuple(sorted(result.timeline.days))
    return tuple(sorted(news_days(result)))
