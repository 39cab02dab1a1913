"""Orchestration: articles through the per-article stages, then the timeline.

Per-article work (:func:`analyse`) depends on nothing but the article and
the gazetteer, so it runs serially, in a process pool or on a Dask cluster;
the engines differ only in where :func:`analyse_chunk` runs, and all return
results in input order, so their outputs are identical. Only the timeline
sees every article.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
from bisect import bisect_left
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import date
from enum import Enum, Flag, auto
from functools import cache
from itertools import islice
from pathlib import Path

from geo.extract.actors import Actors
from geo.read.articles import make_article, with_sentences
from geo.read.formats import read_sources
from geo.read.options import ReadOptions
from geo.extract.distances import check_claims, find_claims
from geo.errors import FrontlineError, InputError
from geo.files import can_fork, forked_workers, watch_parent
from geo.extract.events import extract_events
from geo.places.gazetteer import Gazetteer
from geo.places.mentions import find_mentions, located_by_text, prepare as prepare_mentions
from geo.records import Article, ArticleResult, RunResult, Timeline
from geo.store import Store, Stored, analysis_digest, content_hash, drawing_digest
from geo.timeline import build_timeline, infer_published

__all__ = ["Engine", "Work", "analyse", "analyse_all", "load_gazetteer", "run"]

CHUNK = 32
STORE_BATCH = 256  # articles stored per transaction


class Engine(str, Enum):
    SERIAL = "serial"
    PROCESS = "process"
    DASK = "dask"

    @classmethod
    def default(cls) -> Engine:
        return cls.PROCESS if (os.cpu_count() or 1) > 1 else cls.SERIAL


class Work(Flag):
    """What a run does beyond finding mentions; each command asks for only what it prints.

    >>> Work.CHECKS in Work.for_command("distances"), Work.DATING in Work.for_command("places")
    (True, False)
    """

    CLAIMS = auto()  # distance claims, and the unnamed places ("a checkpoint") they name
    CHECKS = auto()  # claims checked against the coordinates
    EVENTS = auto()  # changes of control
    DATING = auto()  # undated articles dated from the dated ones their events match
    TIMELINE = auto()  # every place's control, day by day

    @classmethod
    def all(cls) -> Work:
        return cls.CLAIMS | cls.CHECKS | cls.EVENTS | cls.DATING | cls.TIMELINE

    @classmethod
    def for_command(cls, command: str) -> Work:
        """The work of ``frontline COMMAND``: places, distances, events or run."""
        return {"places": cls.CLAIMS, "distances": cls.CLAIMS | cls.CHECKS,
                "events": cls.EVENTS | cls.DATING}.get(command, cls.all())


@cache
def load_gazetteer(files: tuple[str, ...] = ()) -> Gazetteer:
    """The bundled gazetteer with the user's ``files`` merged over it, once per process."""
    gazetteer = Gazetteer.default()
    for file in files:
        gazetteer = gazetteer.merged(Gazetteer.from_file(file))
    return gazetteer


@cache
def load_actors(files: tuple[str, ...] = ()) -> Actors:
    """The bundled actor lexicon with the user's ``files`` merged over it, once per process."""
    actors = Actors.default()
    for file in files:
        actors = actors.merged(Actors.from_file(file))
    return actors


def analyse(article: Article, gazetteer: Gazetteer, actors: Actors | None = None, work: Work | None = None) -> ArticleResult:
    """Mentions, events and checked distance claims of one article (split into sentences here if it is not yet).

    ``work`` (default: all) leaves out the events, claims or checks not asked for.
    """
    work = Work.all() if work is None else work
    article = with_sentences(article)
    mentions = find_mentions(article, gazetteer)
    events = extract_events(article, mentions, actors=actors, named=gazetteer.candidates) if Work.EVENTS in work else ()
    claims = find_claims(article, mentions, gazetteer) if work & (Work.CLAIMS | Work.CHECKS) else ()
    unnamed = located_by_text(claims)  # "a checkpoint ... from X": reported, never placed
    if unnamed:
        mentions = tuple(sorted(mentions + unnamed, key=lambda m: (m.start, m.end)))
    return ArticleResult(article, mentions, events, check_claims(claims) if Work.CHECKS in work else ())


def analyse_chunk(
    articles: Sequence[Article], gazetteer_files: tuple[str, ...] = (), actor_files: tuple[str, ...] = (),
    work: Work | None = None,
) -> list[ArticleResult]:
    """:func:`analyse` over a chunk, loading the gazetteer once per process.

    A dated article's text is dropped from its result once analysed (every
    fact keeps its sentence as evidence, and the sentence first naming each
    place stays), so a run's memory grows with what it found, not with the corpus; an undated article keeps its text, to be
    read again if the corpus dates it.
    """
    gazetteer, actors = load_gazetteer(gazetteer_files), load_actors(actor_files)
    return [_slim(analyse(article, gazetteer, actors, work)) for article in articles]


def _slim(result: ArticleResult) -> ArticleResult:
    article = result.article
    if article.published is None:
        return result
    # the sentence first naming each place stays: the evidence of the exports' places layer
    firsts: dict[str, int] = {}
    for mention in result.mentions:
        if mention.place is not None:
            firsts[mention.place.id] = min(mention.start, firsts.get(mention.place.id, mention.start))
    named = sorted(firsts.values())
    kept = tuple(s for s in article.sentences if bisect_left(named, s.start) < bisect_left(named, s.end))
    return replace(result, article=replace(article, text="", paragraphs=(), sentences=kept))


def analyse_all(
    articles: Iterable[Article],
    *,
    engine: Engine | str = Engine.SERIAL,
    workers: int | None = None,
    scheduler: str | None = None,
    gazetteer_files: Sequence[str] = (),
    actor_files: Sequence[str] = (),
    chunk_size: int = CHUNK,
    work: Work | None = None,
) -> Iterator[ArticleResult]:
    """Results for ``articles`` in input order, computed by ``engine``, doing ``work`` (default: all).

    Articles are read lazily and at most a bounded window of chunks is in
    flight, so memory stays bounded by the chunk size, not the corpus.
    """
    engine = Engine(engine)
    files, actor_files = tuple(map(str, gazetteer_files)), tuple(map(str, actor_files))
    # A bad user file fails here, once; forked workers inherit the gazetteer, its automaton and the actors.
    prepare_mentions(load_gazetteer(files))
    load_actors(actor_files)
    chunks = _chunks(articles, chunk_size)
    if engine is Engine.SERIAL:
        for chunk in chunks:
            yield from analyse_chunk(chunk, files, actor_files, work)
        return
    workers = workers or os.cpu_count() or 1
    if engine is Engine.PROCESS:
        with (forked_workers(workers) if can_fork() else
              ProcessPoolExecutor(workers, initializer=watch_parent, initargs=(os.getpid(),))) as pool:
            yield from _in_order(lambda chunk: pool.submit(analyse_chunk, chunk, files, actor_files, work), chunks, 4 * workers)
        return
    client, cluster = _dask_client(scheduler, workers)
    try:
        yield from _in_order(
            lambda chunk: client.submit(analyse_chunk, chunk, files, actor_files, work, pure=False), chunks, 4 * workers
        )
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run(
    sources: Iterable[str | Path],
    *,
    published: date | None = None,
    engine: Engine | str = Engine.SERIAL,
    workers: int | None = None,
    scheduler: str | None = None,
    gazetteer_files: Sequence[str] = (),
    actor_files: Sequence[str] = (),
    stdin=None,
    progress: Callable[[int], None] | None = None,
    reading: ReadOptions | None = None,
    store: Store | None = None,
    rebuild: bool = False,
    work: Work | None = None,
) -> RunResult:
    """Read ``sources``, analyse every article, date the undated where the corpus allows, build the timeline.

    ``reading`` holds the choices of how to read them (formats, columns, day order).
    ``work`` (default: all) is what to do beyond finding mentions (see
    :class:`Work`); without ``Work.TIMELINE`` the result's timeline is empty.

    With an open ``store`` (see :func:`geo.store.open_store`), the run is of
    everything stored: an article already stored with the same content hash
    and analysis digest is not analysed again, the ``sources``' other articles
    are analysed and stored (one transaction per batch), stored articles
    analysed under another digest are analysed again, and the store's live
    layers are rewritten. ``rebuild`` empties the store first. What was new,
    skipped and re-analysed is counted in ``store.tally``, and ``store.result_keys``
    names each article's result by what made it (content hash and digest).
    """
    failures: list[str] = []

    def articles() -> Iterator[Article]:
        # Sentences are split where the article is analysed: in the workers, for the process and dask engines.
        for item in read_sources(sources, published=published, options=reading, stdin=stdin, split=False):
            if isinstance(item, InputError):
                failures.append(str(item))
            else:
                yield item

    work = Work.all() if work is None else work
    if store is not None and work != Work.all():
        raise ValueError("a store keeps complete analyses: run with all the work")
    engine_options = dict(engine=engine, workers=workers, scheduler=scheduler,
                          gazetteer_files=gazetteer_files, actor_files=actor_files, work=work)
    if store is not None:
        results = _stored_results(articles(), store, rebuild=rebuild, progress=progress, **engine_options)
    else:
        results = []
        for result in analyse_all(articles(), **engine_options):
            results.append(result)
            if progress:
                progress(1)
    if Work.DATING in work:
        results = _date_undated(results, engine_options, store=store)
    timeline = Timeline()
    if Work.TIMELINE in work:
        events = [event for result in results for event in result.events]
        timeline = build_timeline(events, [result.article for result in results])
    run_result = RunResult(tuple(results), timeline, tuple(failures))
    if store is not None:
        from geo.write.export import iter_control_features, iter_distance_features, iter_event_features

        # the live layers are made from the results (named by what made them) by the exports' code
        state = hashlib.sha256(repr((drawing_digest(), sorted(store.result_keys.items()))).encode()).hexdigest()
        store.refresh(lambda: {"events": list(iter_event_features(run_result)),
                               "control": list(iter_control_features(run_result)),
                               "claims": list(iter_distance_features(run_result))}, state)
    return run_result


def _stored_results(articles: Iterable[Article], store: Store, *, rebuild: bool, progress, **engine_options) -> list[ArticleResult]:
    """Every stored article's result after analysing and storing what is new or stale, in the order of their ids.

    The order is that of the ids (numbers in them as numbers: ``a.jsonl:2``
    before ``a.jsonl:10``), not of arrival, so the outputs of a store do not
    depend on which run brought which article.
    """
    digest = analysis_digest(engine_options["gazetteer_files"], engine_options["actor_files"])
    engine_options.pop("work")  # a store holds complete analyses
    if rebuild:
        store.clear()
    index = store.index()
    order = {article_id: entry.seq for article_id, entry in index.items()}
    tally, seen, pending = store.tally, set(), deque()
    following = itertools.count(max(order.values(), default=0) + 1)

    def to_analyse() -> Iterator[Article]:
        for article in articles:
            tally.read += 1
            content = content_hash(article)
            entry = index.get(article.id)
            first = article.id not in seen
            seen.add(article.id)
            if first and entry is not None and (entry.content_hash, entry.digest) == (content, digest):
                tally.skipped += 1
                continue
            if first:
                tally.new += entry is None
                tally.reanalysed += entry is not None
            pending.append((article, content))
            yield article
        stale = [article_id for article_id, entry in index.items() if entry.digest != digest and article_id not in seen]
        for article in store.articles(stale):
            tally.reanalysed += 1
            pending.append((article, content_hash(article)))
            yield article

    analysed: dict[str, ArticleResult] = {}
    batch: list[tuple[int, Stored]] = []
    for result in analyse_all(to_analyse(), **engine_options):
        article, content = pending.popleft()
        store.result_keys[article.id] = f"{content}:{digest}"
        if article.id not in order:
            order[article.id] = next(following)
        analysed[article.id] = result
        batch.append((order[article.id], Stored(article, content, digest, result)))
        if len(batch) >= STORE_BATCH:
            store.write(batch)
            batch = []
        if progress:
            progress(1)
    store.write(batch)
    for article_id, entry in index.items():
        store.result_keys.setdefault(article_id, f"{entry.content_hash}:{entry.digest}")
    stored = store.results(set(order) - set(analysed))
    return [analysed.get(article_id) or stored[article_id] for article_id in sorted(order, key=_natural)]


def _natural(text: str) -> tuple:
    """A sort key reading runs of digits as numbers.

    >>> sorted(["a:10", "a:9", "b:1"], key=_natural)
    ['a:9', 'a:10', 'b:1']
    """
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", text))


def _date_undated(results: list[ArticleResult], engine_options: dict, store: Store | None = None) -> list[ArticleResult]:
    """Re-analyse undated articles whose events match a dated article's, with the date inferred from it.

    The re-analysis runs on the run's engine (in the parent alone when there are
    only a few). With a ``store``, an analysis under an inferred date is kept
    there and reused while the date and the digest hold.
    """
    gazetteer_files, actor_files = engine_options["gazetteer_files"], engine_options["actor_files"]
    articles = [result.article for result in results]
    inferred = infer_published(articles, [event for result in results for event in result.events])
    dated: dict[str, Article] = {}
    for result in results:
        article = result.article
        if article.id in inferred and article.published is None:
            when, origin = inferred[article.id]
            dated[article.id] = make_article(article.text, article.id, source=article.source, title=article.title,
                                             url=article.url, published=when, published_from=f"inferred:{origin}",
                                             split=False)
    files, actors = tuple(gazetteer_files), tuple(actor_files)

    def analysed(articles: list[Article], work: Work | None) -> list[ArticleResult]:
        if len(articles) <= CHUNK:
            return analyse_chunk(articles, files, actors, work)
        return list(analyse_all(articles, **{**engine_options, "work": work}))

    if store is None:
        redone = dict(zip(dated, analysed(list(dated.values()), engine_options.get("work"))))
    else:
        digest = analysis_digest(files, actors)
        hashes = {article_id: content_hash(article) for article_id, article in dated.items()}
        found = store.derived(hashes.values(), digest)
        missing = [article_id for article_id in dated if hashes[article_id] not in found]
        fresh = analysed([dated[article_id] for article_id in missing], None)
        store.write_derived([(hashes[article_id], r) for article_id, r in zip(missing, fresh)], digest, hashes.values())
        found.update((hashes[article_id], r) for article_id, r in zip(missing, fresh))
        redone = {article_id: found[hashes[article_id]] for article_id in dated}
        store.result_keys.update((article_id, f"{hashes[article_id]}:{digest}") for article_id in dated)
    if not redone:
        return results
    return [redone.get(result.article.id, result) for result in results]


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _in_order(submit: Callable, chunks: Iterator[list[Article]], window: int) -> Iterator[ArticleResult]:
    """Submit chunks with at most ``window`` in flight; yield their results in submission order."""
    pending: deque = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def _dask_client(scheduler: str | None, workers: int):
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise FrontlineError("the dask engine needs the 'dask' extra: pip install 'frontline-maps[dask]'") from None
    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    return Client(cluster), cluster

