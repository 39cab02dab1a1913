"""Dating undated articles grows with what they share with the dated ones, not with every pair.

Work is counted (date phrases resolved, reports compared), never timed: a
corpus of 5,000 undated and 5,000 dated reports must cost at most six times
one of 1,000 and 1,000. The indexed search also gives the answers a search
over every dated article and day gives.
"""

from __future__ import annotations

import importlib.util
import random
from datetime import date, timedelta
from pathlib import Path

import pytest

import geo.timeline as timeline
from geo.extract.dates import resolve
from geo.errors import FrontlineError
from geo.read.articles import make_article
from geo.records import ControlEvent, DateSpan, EventKind, Evidence, Place, PlaceKind
from geo.pipeline import run
from geo.timeline import infer_published

ROOT = Path(__file__).resolve().parent.parent

ACTORS = ("Houthi fighters", "government forces", "RSF", "Russian forces")
KINDS = (EventKind.CAPTURED, EventKind.RECAPTURED, EventKind.WITHDREW)
WORDS = ("Friday", "Tuesday", "Sunday night", "yesterday", "last week")
FIRST = date(2019, 3, 1)


def corpus(stories: int, places: int, seed: int = 1):
    """``stories`` stories, each reported by one dated article (with its day) and one undated one (in words)."""
    rng = random.Random(seed)
    towns = [Place(f"test:town-{i}", f"Town {i}", 15.0 + i % 90 / 10, 44.0 + i % 70 / 10, PlaceKind.TOWN, "YE")
             for i in range(places)]
    articles, events = [], []
    for number in range(stories):
        published = FIRST + timedelta(days=rng.randrange(60))
        place, actor, kind = rng.choice(towns), rng.choice(ACTORS), rng.choice(KINDS)
        words = rng.choice(WORDS)
        happened = resolve(words, published)
        dated, undated = f"dated-{number:05d}", f"undated-{number:05d}"
        articles += [make_article("Text.", dated, published=published), make_article("Text.", undated)]
        events += [ControlEvent(place, actor, kind, DateSpan(happened.start, happened.end, happened.precision),
                                Evidence(dated, "s")),
                   ControlEvent(place, actor, kind, DateSpan.unknown(text=words), Evidence(undated, "s"))]
    return articles, events


def counted(monkeypatch, articles, events) -> tuple[dict, int]:
    work = 0
    real_resolve, real_within = timeline.resolve, timeline._within_a_day

    def counting_resolve(*args):
        nonlocal work
        work += 1
        return real_resolve(*args)

    def counting_within(*args):
        nonlocal work
        work += 1
        return real_within(*args)

    monkeypatch.setattr(timeline, "resolve", counting_resolve)
    monkeypatch.setattr(timeline, "_within_a_day", counting_within)
    found = infer_published(articles, events)
    monkeypatch.undo()
    return found, work


def every_pair(articles, events) -> dict:
    """The search over every dated article and every day within a week of it, for comparison."""
    by_article = {}
    for e in events:
        by_article.setdefault(e.evidence.article, []).append(e)
    dated = sorted((a for a in articles if a.published is not None), key=lambda a: a.id)
    inferred = {}
    for article in sorted((a for a in articles if a.published is None), key=lambda a: a.id):
        worded = [e for e in by_article.get(article.id, ()) if e.when.text and e.when.start is None]
        best = None
        for other in dated:
            known = [e for e in by_article.get(other.id, ()) if e.when.start is not None]
            for offset in range(-7, 8):
                day = other.published + timedelta(days=offset)
                score = 0
                for event in worded:
                    try:
                        span = resolve(event.when.text, day)
                    except FrontlineError:
                        continue
                    if span.start is None:
                        continue
                    for o in known:
                        if (o.place.id, o.actor, o.kind) == (event.place.id, event.actor, event.kind):
                            score += 1 if timeline._within_a_day(span, o.when) else -1
                key = (-score, abs(offset), other.id, day)
                if score > 0 and (best is None or key < best[0]):
                    best = (key, day, other.id)
        if best is not None:
            inferred[article.id] = (best[1], best[2])
    return inferred


def test_the_indexed_search_dates_as_the_search_over_every_pair_does():
    # few places, so that many dated articles share an undated one's place, actor and kind
    articles, events = corpus(50, places=3, seed=4)
    found = infer_published(articles, events)
    assert found == every_pair(articles, events)
    assert len(found) > 25  # most undated reports find their story


@pytest.mark.slow
def test_five_times_the_undated_articles_cost_at_most_six_times_the_work(monkeypatch):
    # a corpus five times larger reports five times the stories, about five times the places
    small, small_work = counted(monkeypatch, *corpus(1000, places=400))
    large, large_work = counted(monkeypatch, *corpus(5000, places=2000))
    assert len(small) > 900 and len(large) > 4500
    assert large_work <= 6 * small_work, (small_work, large_work)


def test_undated_articles_are_dated_and_analysed_alike_by_the_serial_and_process_engines(tmp_path):
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "benchmarks" / "make_corpus.py")
    make_corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_corpus)
    # half undated: more re-dated articles than one chunk, so the process engine re-analyses them in its workers
    corpus = make_corpus.write_corpus(tmp_path / "undated.jsonl", 80, seed=5, days=5, undated=0.5)

    def records(result):
        return [(r.article.id, r.article.published, r.article.published_from, [e.as_record() for e in r.events],
                 [m.as_record() for m in r.mentions], [c.as_record() for c in r.checks]) for r in result.results]

    serial, process = run([corpus], engine="serial"), run([corpus], engine="process", workers=2)
    assert sum(r.article.published_from.startswith("inferred:") for r in serial.results) > 32
    assert records(process) == records(serial)
    assert process.timeline == serial.timeline
