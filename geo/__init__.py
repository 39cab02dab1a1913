"""Frontline: dated maps of who holds what, from English news reports of a war.

The stages, one module each, chained by :func:`geo.pipeline.run`::

    >>> import geo
    >>> result = geo.run(["seeds/"], engine="serial")          # doctest: +SKIP
    >>> geo.write_outputs(result, "maps")                      # doctest: +SKIP

Names below are imported on first use, so ``import geo`` stays cheap for
worker processes that need only one stage.
"""

from importlib import import_module

__version__ = "0.1.0"

_EXPORTS = {
    "make_article": "geo.articles",
    "read_sources": "geo.articles",
    "Gazetteer": "geo.gazetteer",
    "find_mentions": "geo.mentions",
    "Actors": "geo.actors",
    "extract_events": "geo.events",
    "find_claims": "geo.distances",
    "check_claim": "geo.checks",
    "build_timeline": "geo.timeline",
    "analyse": "geo.pipeline",
    "run": "geo.pipeline",
    "write_outputs": "geo.outputs",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'geo' has no attribute {name!r}")
