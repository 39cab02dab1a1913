"""The engines agree: serial, process pool and Dask give the same records and byte-identical files.

The corpus is the two seed articles plus synthetic wire reports from the
benchmark corpus generator, so every stage has something to find. Also: a
JSON Lines corpus streams through :func:`geo.pipeline.analyse_all`, which
pulls a bounded window of articles ahead of its first result, not the corpus.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from geo.read.formats import read_sources
from geo.write.outputs import MARKER, write_outputs
from geo.pipeline import analyse_all, run

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def _make_corpus():
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "benchmarks" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_corpus = _make_corpus()


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> list[Path]:
    # Published over a week, so the maps are few and the test stays quick.
    corpus = make_corpus.write_corpus(tmp_path_factory.mktemp("corpus") / "wire.jsonl", 40, seed=11, days=7)
    return [SEEDS, corpus]


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("outputs")


_runs: dict[str, object] = {}
_outputs: dict[str, dict[str, bytes]] = {}


def _run(sources, engine: str):
    if engine not in _runs:
        _runs[engine] = run(sources, engine=engine, workers=None if engine == "serial" else 2)
    return _runs[engine]


def _files_of(sources, out: Path, engine: str) -> dict[str, bytes]:
    if engine not in _outputs:
        # As `frontline run` does: the process and dask engines also write in worker processes.
        _outputs[engine] = _files(_run(sources, engine), out / engine, workers=1 if engine == "serial" else 3)
    return _outputs[engine]


def _records(result) -> list:
    return [
        (
            r.article.id,
            str(r.article.published),
            r.article.published_from,
            [m.as_record() for m in r.mentions],
            [e.as_record() for e in r.events],
            [c.as_record() for c in r.checks],
        )
        for r in result.results
    ]


def _files(result, out: Path, workers: int = 1) -> dict[str, bytes]:
    write_outputs(result, out, workers=workers)
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def test_serial_run_finds_something_in_every_stage(sources):
    result = _run(sources, "serial")
    assert len(result.results) == 42
    assert not result.failures
    assert sum(len(r.mentions) for r in result.results) > 200
    assert sum(len(r.events) for r in result.results) > 20
    assert sum(len(r.checks) for r in result.results) > 20
    assert len(result.timeline.days) > 1


def test_process_engine_gives_the_serial_records_and_files(sources, out):
    serial, process = _run(sources, "serial"), _run(sources, "process")
    assert _records(process) == _records(serial)
    assert process.failures == serial.failures
    assert _files_of(sources, out, "process") == _files_of(sources, out, "serial")


@pytest.mark.slow
def test_dask_engine_gives_the_serial_records_and_files(sources, out):
    pytest.importorskip("distributed")
    serial, dask = _run(sources, "serial"), _run(sources, "dask")
    assert _records(dask) == _records(serial)
    assert dask.failures == serial.failures
    assert _files_of(sources, out, "dask") == _files_of(sources, out, "serial")


def test_outputs_do_not_depend_on_the_output_folder(sources, out):
    # Else the byte-for-byte comparisons above could not hold.
    first = _files_of(sources, out, "serial")
    second = _files(_run(sources, "serial"), out / "deeper" / "elsewhere")
    assert first == second
    assert MARKER in first and sum(name.endswith(".html") for name in first) > 2


@pytest.mark.parametrize("engine, workers", [("serial", None), ("process", 2)])
def test_a_jsonl_corpus_is_pulled_lazily(tmp_path, engine, workers):
    total, chunk = 600, 8
    corpus = make_corpus.write_corpus(tmp_path / "big.jsonl", total, seed=3)
    pulled = 0

    def counted():
        nonlocal pulled
        for item in read_sources([corpus]):
            pulled += 1
            yield item

    results = analyse_all(counted(), engine=engine, workers=workers, chunk_size=chunk)
    first = next(results)
    ahead = pulled
    results.close()
    assert first.article.id == "synthetic-000"
    # A bounded window of chunks ahead of the first result, far short of the corpus.
    assert chunk <= ahead <= 10 * chunk * (workers or 1)
    assert ahead < total


def test_the_corpus_generator_is_deterministic(tmp_path):
    a = make_corpus.write_corpus(tmp_path / "a.jsonl", 25, seed=5).read_bytes()
    b = make_corpus.write_corpus(tmp_path / "b.jsonl", 25, seed=5).read_bytes()
    c = make_corpus.write_corpus(tmp_path / "c.jsonl", 25, seed=6).read_bytes()
    assert a == b
    assert a != c
    assert 4000 < len(a) / 25 < 7000
