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
    "make_article": "geo.read.articles",
    "read_sources": "geo.read.formats",
    "Gazetteer": "geo.places.gazetteer",
    "find_mentions": "geo.places.mentions",
    "Actors": "geo.extract.actors",
    "extract_events": "geo.extract.events",
    "find_claims": "geo.extract.distances",
    "check_claim": "geo.extract.checks",
    "build_timeline": "geo.timeline",
    "analyse": "geo.pipeline",
    "run": "geo.pipeline",
    "write_outputs": "geo.write.outputs",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'geo' has no attribute {name!r}")
