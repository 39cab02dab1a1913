"""Benchmark the bundled gazetteer: load time, resident memory, mention throughput.

Run each measurement in a fresh process so the numbers do not leak into each other::

    python benchmarks/bench_gazetteer.py [--repeat 200]

Load time is ``Gazetteer.default()`` plus the first mention search (the name
index is prebuilt and shipped: what a worker process pays once); throughput is ``find_mentions`` over the two seed
articles repeated to several megabytes, on one core.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=300, help="how many times the seeds are repeated")
    args = parser.parse_args(argv)

    base_rss = _rss_mb()
    started = time.perf_counter()
    from geo.places.gazetteer import Gazetteer
    from geo.places.mentions import find_mentions
    from geo.records import Article, Sentence

    imported = time.perf_counter()
    gazetteer = Gazetteer.default()
    loaded = time.perf_counter()
    warm = Article("warm", "Mosul.", sentences=(Sentence(0, 6, "Mosul."),))
    find_mentions(warm, gazetteer)
    indexed = time.perf_counter()
    print(f"places: {len(gazetteer):,}")
    print(f"import: {imported - started:.3f} s")
    print(f"load Gazetteer.default(): {loaded - imported:.3f} s")
    print(f"first mention search: {indexed - loaded:.3f} s")
    print(f"load + index: {indexed - imported:.3f} s")
    print(f"peak RSS after index: {_rss_mb():.0f} MB (interpreter before import: {base_rss:.0f} MB)")

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    articles = []
    for n in range(args.repeat):
        for i, text in enumerate(texts):
            articles.append(Article(f"{n}-{i}", text, sentences=(Sentence(0, len(text), text),)))
    size = sum(len(a.text.encode("utf-8")) for a in articles)
    started = time.perf_counter()
    count = sum(len(find_mentions(a, gazetteer)) for a in articles)
    elapsed = time.perf_counter() - started
    print(f"mentions: {count:,} in {size / 1e6:.2f} MB of text, {elapsed:.2f} s: {size / 1e6 / elapsed:.2f} MB/s")
    print(f"peak RSS at end: {_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
