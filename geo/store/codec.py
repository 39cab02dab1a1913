"""Analysed records as bytes, and back: pickles that name only Frontline's records.

A stored result is the pickle of an :class:`~geo.records.ArticleResult`, so it
follows the records as they change with no code per field; the records pickle
as calls of their constructors with their fields, so each is validated again
when it is read. Two things make it fit a store:

* each :class:`~geo.records.Place` is written once per store, not once per
  mention, and a result refers to it by a digest of its contents
  (:func:`place_key`); reading shares one object per place, as the gazetteer
  does in a run;
* reading admits only the record classes and ``datetime.date``: bytes from a
  shared database can build records, never run code.

A record whose fields change changes the analysis digest (the code of
``geo/records.py`` is part of it), so a pickle is only ever read by the
record classes that wrote it.
"""

from __future__ import annotations

import hashlib
import io
import pickle
import zlib
from collections.abc import Callable, Mapping
from datetime import date

from geo import records
from geo.errors import FrontlineError
from geo.records import ArticleResult, Place

__all__ = ["StoreDataError", "dumps", "loads", "place_key"]

_PROTOCOL = 5
_ALLOWED = {("datetime", "date"): date}
_ALLOWED.update({("geo.records", name): getattr(records, name) for name in records.__all__
                 if isinstance(getattr(records, name), type)})


class StoreDataError(FrontlineError, ValueError):
    """Bytes in a store that are not a record Frontline wrote."""


def place_key(place: Place) -> str:
    """A digest of every field of ``place``: two places with one id but other fields have two keys.

    >>> a = Place("local:x", "X", 1.0, 2.0)
    >>> place_key(a) == place_key(Place("local:x", "X", 1.0, 2.0)), place_key(a) == place_key(Place("local:x", "X", 1.0, 2.5))
    (True, False)
    """
    return hashlib.sha256(_plain(place)).hexdigest()[:32]


def _plain(value) -> bytes:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, _PROTOCOL)
    pickler.fast = True  # no memo: equal values give equal bytes, however their objects are shared
    pickler.dump(value)
    return buffer.getvalue()


def dumps(value, places: dict[str, Place]) -> bytes:
    """``value`` (records, tuples, dates...) as compressed bytes; each place it holds is added to ``places`` by key."""
    keys: dict[int, str] = {}

    def persistent_id(obj):
        if type(obj) is Place:
            key = keys.get(id(obj))
            if key is None:
                key = keys[id(obj)] = place_key(obj)
                places.setdefault(key, obj)
            return key
        return None

    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, _PROTOCOL)
    pickler.persistent_id = persistent_id
    pickler.dump(value)
    return zlib.compress(buffer.getvalue(), 1)


def dumps_place(place: Place) -> bytes:
    return zlib.compress(_plain(place), 1)


def loads(data: bytes, places: Mapping[str, Place] | Callable[[str], Place] | None = None):
    """The value :func:`dumps` wrote; ``places`` gives the place of each key."""
    lookup = places if callable(places) else (places or {}).__getitem__
    try:
        unpickler = _Unpickler(io.BytesIO(zlib.decompress(data)))
        unpickler.persistent_load = lambda key: lookup(key)
        return unpickler.load()
    except KeyError as error:
        raise StoreDataError(f"a stored record names a place the store does not hold ({error.args[0]!r})") from None
    except (pickle.UnpicklingError, zlib.error, EOFError, TypeError, AttributeError) as error:
        raise StoreDataError(f"a stored record cannot be read ({error})") from None


def loads_result(data: bytes, places) -> ArticleResult:
    result = loads(data, places)
    if not isinstance(result, ArticleResult):
        raise StoreDataError(f"a stored result is a {type(result).__name__}, not an ArticleResult")
    return result


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        try:
            return _ALLOWED[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(f"{module}.{name} is not a Frontline record") from None
