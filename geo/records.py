"""The frozen records that flow between Frontline's stages.

Every record is immutable and validated on creation. Coordinates are WGS84
decimal degrees named ``lat``/``lon``; distances are kilometres. GeoJSON's
``[lon, lat]`` order appears only in :func:`lonlat` and ``__geo_interface__``.
"""

from __future__ import annotations

import math
import operator
from bisect import bisect_right
from dataclasses import dataclass, field, fields
from datetime import date
from enum import Enum

from geo.errors import FrontlineError

_start = operator.attrgetter("start")


def _pickled_by_fields(cls):
    """Pickle ``cls`` as a call of its constructor with its fields in order.

    A slotted dataclass otherwise pickles through a Python ``__setstate__``
    that sets each field in turn; records cross process boundaries by the
    hundred thousand, and this is smaller and about a fifth faster.
    """
    values = operator.attrgetter(*(f.name for f in fields(cls)))
    cls.__reduce__ = lambda self: (cls, values(self))
    return cls

__all__ = [
    "Article",
    "ClaimKind",
    "ControlEvent",
    "ControlState",
    "DateSpan",
    "DirectionVerdict",
    "DistanceCheck",
    "DistanceClaim",
    "EventKind",
    "Evidence",
    "Incident",
    "Mention",
    "Place",
    "PlaceKind",
    "Precision",
    "SETTLEMENTS",
    "Sentence",
    "Status",
    "Verdict",
    "Timeline",
    "ArticleResult",
    "RunResult",
    "lonlat",
]


class _Enum(str, Enum):
    """A closed set of strings; a bad value names the valid ones."""

    @classmethod
    def _missing_(cls, value):
        valid = ", ".join(m.value for m in cls)
        raise FrontlineError(f"{value!r} is not a valid {cls.__name__}; expected one of: {valid}")

    def __str__(self) -> str:
        return self.value


class PlaceKind(_Enum):
    COUNTRY = "country"
    PROVINCE = "province"
    REGION = "region"
    DISTRICT = "district"
    CITY = "city"
    TOWN = "town"
    VILLAGE = "village"
    FACILITY = "facility"
    CROSSING = "crossing"
    RIVER = "river"
    BORDER = "border"  # a line between two countries ("the Chinese border"): never a point


SETTLEMENTS = frozenset({PlaceKind.CITY, PlaceKind.TOWN, PlaceKind.VILLAGE})  # the kinds people live in


class Precision(_Enum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


class EventKind(_Enum):
    CAPTURED = "captured"
    RECAPTURED = "recaptured"
    WITHDREW = "withdrew"
    CONTESTED = "contested"
    BESIEGED = "besieged"
    CONTROL = "control"
    PRESENCE = "presence"


class Status(_Enum):
    HELD = "held"
    CONTESTED = "contested"


class ClaimKind(_Enum):
    DISTANCE = "distance"
    DIRECTION = "direction"
    TRAVEL_TIME = "travel_time"


class Verdict(_Enum):
    """What a check says of a claim; ``circular`` when a position was placed from the claim itself."""

    CONSISTENT = "consistent"
    INCONSISTENT = "inconsistent"
    UNVERIFIABLE = "unverifiable"
    CIRCULAR = "circular"


class DirectionVerdict(_Enum):
    EXACT = "exact"
    NEAR = "near"
    WRONG = "wrong"


def lonlat(lat: float, lon: float) -> tuple[float, float]:
    """The one place where ``(lat, lon)`` becomes GeoJSON's ``[lon, lat]``, rounded to 6 decimals."""
    return (round(lon, 6), round(lat, 6))


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry.

    ``precision_km`` is how far the true position may lie from ``lat``/``lon``
    (0.5 for a GeoNames town centre, larger for curated approximations).
    ``placed_from`` is the id of the place a curated position was measured
    from when a report's stated distance is all that places it: a check of
    that distance against that position is circular.

    >>> Place("geonames:98182", "Baghdad", 33.34058, 44.40088, PlaceKind.CITY, "IQ").lonlat
    (44.40088, 33.34058)
    """

    id: str
    name: str
    lat: float | None
    lon: float | None
    kind: PlaceKind = PlaceKind.TOWN
    country: str = ""
    admin1: str = ""
    population: int = 0
    alternates: tuple[str, ...] = ()
    precision_km: float = 1.0
    source: str = ""
    placed_from: str = ""

    def __post_init__(self) -> None:
        if not self.id or not self.name:
            raise FrontlineError(f"a place needs an id and a name, got id={self.id!r} name={self.name!r}")
        if (self.lat is None) != (self.lon is None):
            raise FrontlineError(f"place {self.id!r}: lat and lon must both be given or both be empty")
        if self.lat is not None:
            if not (math.isfinite(self.lat) and -90 <= self.lat <= 90):
                raise FrontlineError(f"place {self.id!r}: latitude {self.lat!r} is outside -90..90")
            if not (math.isfinite(self.lon) and -180 <= self.lon <= 180):
                raise FrontlineError(f"place {self.id!r}: longitude {self.lon!r} is outside -180..180")
        if not isinstance(self.kind, PlaceKind):
            object.__setattr__(self, "kind", PlaceKind(self.kind))
        if isinstance(self.alternates, list):
            object.__setattr__(self, "alternates", tuple(self.alternates))

    @classmethod
    def unlocated(cls, name: str, *, kind: PlaceKind = PlaceKind.TOWN, country: str = "", source: str = "") -> Place:
        """A place the text names but no gazetteer locates: kept, never given a point.

        The id is ``unlocated:<slug>`` (``:<country>`` added when known), so the
        same name in two articles is one place.

        >>> p = Place.unlocated("Tal Hamis", kind=PlaceKind.VILLAGE, country="sy")
        >>> p.id, p.located
        ('unlocated:tal-hamis:sy', False)
        """
        slug = "-".join("".join(c if c.isalnum() else " " for c in name.casefold()).split())
        if not slug:
            raise FrontlineError(f"an unlocated place needs a name, got {name!r}")
        country = country.upper()
        place_id = f"unlocated:{slug}" + (f":{country.lower()}" if country else "")
        return cls(place_id, name, None, None, kind, country, source=source or "named in the text, not in the gazetteer")

    @property
    def located(self) -> bool:
        return self.lat is not None

    @property
    def unplaced(self) -> bool:
        """Named but without the position a point place could be given (a border is a line: never one)."""
        return self.lat is None and self.kind is not PlaceKind.BORDER

    @property
    def lonlat(self) -> tuple[float, float] | None:
        return lonlat(self.lat, self.lon) if self.located else None

    @property
    def __geo_interface__(self) -> dict:
        geometry = {"type": "Point", "coordinates": list(self.lonlat)} if self.located else None
        return {"type": "Feature", "geometry": geometry, "properties": self.as_record()}

    def as_record(self) -> dict:
        return {
            "place_id": self.id,
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "kind": self.kind.value,
            "country": self.country,
            "admin1": self.admin1,
            "population": self.population,
            "precision_km": self.precision_km,
            "source": self.source,
        }


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str
    paragraph: int = 0


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Article:
    """One news report.

    ``published`` is None for an undated article; ``published_from`` says where
    the date came from (``header``, ``manifest``, ``field`` (a JSON/CSV field
    or a feed entry's date), ``page`` (a saved page's metadata), ``option``,
    ``inferred:<article id>``). ``paragraphs`` are ``(start, end)`` offsets of
    the paragraphs kept once each; ``sentences`` cover only those paragraphs,
    so a repeated paragraph is read once by every later stage.
    """

    id: str
    text: str
    source: str = ""
    title: str = ""
    url: str = ""
    published: date | None = None
    published_from: str = ""
    dateline: str = ""
    paragraphs: tuple[tuple[int, int], ...] = ()
    sentences: tuple[Sentence, ...] = ()
    repeated_paragraphs: int = 0

    def __post_init__(self) -> None:
        if not self.id:
            raise FrontlineError(f"an article needs an id (source {self.source!r})")
        if not isinstance(self.text, str):
            raise FrontlineError(f"article {self.id!r}: text must be a string, got {type(self.text).__name__}")

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding character ``offset``, or None (it lies in a repeat)."""
        at = bisect_right(self.sentences, offset, key=_start) - 1  # sentences are in text order
        if at >= 0 and offset < self.sentences[at].end:
            return self.sentences[at]
        return None


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact comes from: the article and the sentence that says it."""

    article: str
    sentence: str
    start: int = 0
    end: int = 0
    title: str = ""
    source: str = ""
    url: str = ""


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Mention:
    """A span of an article that names a place; ``place`` is None when unresolved.

    A name the text presents as a place that no gazetteer locates has an
    unlocated place (:meth:`Place.unlocated`; its record shows ``place_id``,
    ``lat`` and ``lon`` null) and the cue as ``hint`` ("the village of").

    ``score`` is the resolver's confidence in ``place`` (0..1); ``runner_up`` the
    id of the next best candidate; ``hint`` what the text says of an
    unresolved place ("a 10 minute drive from Marib").
    """

    article: str
    start: int
    end: int
    surface: str
    place: Place | None = None
    score: float = 0.0
    runner_up: str = ""
    hint: str = ""

    def as_record(self) -> dict:
        place = self.place
        return {
            "article": self.article,
            "start": self.start,
            "end": self.end,
            "surface": self.surface,
            "place_id": place.id if place and place.located else None,  # an unlocated place has no id to join on
            "name": place.name if place else None,
            "lat": place.lat if place else None,
            "lon": place.lon if place else None,
            "kind": place.kind.value if place else None,
            "country": place.country if place else None,
            "score": round(self.score, 3),
            "runner_up": self.runner_up or None,
            "hint": self.hint or None,
        }


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class DateSpan:
    """When something happened, as a closed interval of days.

    ``start``/``end`` are None when unknown; ``text`` holds the words the span
    was read from ("Friday", "early last week").
    """

    start: date | None
    end: date | None
    precision: Precision = Precision.UNKNOWN
    text: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.precision, Precision):
            object.__setattr__(self, "precision", Precision(self.precision))
        if self.start and self.end and self.end < self.start:
            raise FrontlineError(f"date span ends ({self.end}) before it starts ({self.start})")

    @classmethod
    def day(cls, when: date, text: str = "") -> DateSpan:
        return cls(when, when, Precision.DAY, text)

    @classmethod
    def unknown(cls, before: date | None = None, text: str = "") -> DateSpan:
        """No date, except that it happened on or before ``before``."""
        return cls(None, before, Precision.UNKNOWN, text)

    def overlaps(self, other: DateSpan) -> bool:
        if None in (self.start, self.end, other.start, other.end):
            return False
        return self.start <= other.end and other.start <= self.end


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class ControlEvent:
    """A change or statement of control of a place, read from one sentence."""

    place: Place
    actor: str
    kind: EventKind
    when: DateSpan
    evidence: Evidence
    trigger: str = ""
    confidence: float = 1.0

    def __post_init__(self) -> None:
        if not isinstance(self.kind, EventKind):
            object.__setattr__(self, "kind", EventKind(self.kind))

    def as_record(self) -> dict:
        return {
            "article": self.evidence.article,
            "place_id": self.place.id,
            "place": self.place.name,
            "lat": self.place.lat,
            "lon": self.place.lon,
            "actor": self.actor,
            "kind": self.kind.value,
            "date_start": self.when.start.isoformat() if self.when.start else None,
            "date_end": self.when.end.isoformat() if self.when.end else None,
            "date_precision": self.when.precision.value,
            "date_text": self.when.text,
            "trigger": self.trigger,
            "confidence": round(self.confidence, 3),
            "evidence": self.evidence.sentence,
        }


@dataclass(frozen=True, slots=True)
class Incident:
    """One real-world event as reported by one or more articles.

    ``event`` is the best-dated report; ``reports`` one per article (``event``
    included), so their number is the number of articles that report it;
    ``disagreements`` say in words where another article's date differs.
    """

    event: ControlEvent
    reports: tuple[ControlEvent, ...]
    disagreements: tuple[str, ...] = ()

    @property
    def sources(self) -> tuple[Evidence, ...]:
        return tuple(report.evidence for report in self.reports)


@dataclass(frozen=True, slots=True)
class ControlState:
    """Who holds ``place`` on ``day``, since when, on what evidence."""

    place: Place
    day: date
    controller: str
    status: Status
    since: date | None
    incidents: tuple[Incident, ...] = ()
    disagreements: tuple[str, ...] = ()
    changed: bool = False


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class DistanceClaim:
    """A distance, direction or travel time stated in the text.

    ``reference`` is the place measured from ("west of Baghdad"), ``subject``
    the place said to lie there. ``stated_km`` is the value in kilometres,
    ``stated_range_km`` the interval it allows before tolerance (a travel time
    gives a range at plausible speeds). ``subject_place`` or
    ``reference_place`` is None where the text names no gazetteer place.
    ``alt_value``/``alt_unit`` keep the conversion the text gives beside the
    figure ("14 kilometres (9 miles)", "30 miles, or 48 km"). ``border``
    holds the ISO 3166 codes of the countries whose border is the reference
    ("the border with Jordan" is ``("JO",)``, the subject's own country
    completes it; "the Syrian-Turkish border" is ``("SY", "TR")``; "the
    border" alone is ``()``), and then ``reference_place`` is None; it is
    None when the reference is a place.
    """

    article: str
    subject: str
    reference: str
    kind: ClaimKind
    evidence: Evidence
    subject_place: Place | None = None
    reference_place: Place | None = None
    value: float | None = None
    unit: str | None = None
    stated_km: float | None = None
    stated_range_km: tuple[float, float] | None = None
    direction: str | None = None
    hedge: str | None = None
    note: str = ""
    alt_value: float | None = None
    alt_unit: str | None = None
    border: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if isinstance(self.border, list):
            object.__setattr__(self, "border", tuple(self.border))
        if not isinstance(self.kind, ClaimKind):
            object.__setattr__(self, "kind", ClaimKind(self.kind))


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class DistanceCheck:
    """A claim checked against the gazetteer's coordinates.

    In the record, ``subject`` and ``reference`` are the gazetteer's names
    where the text's words resolved to a place (the names the maps use);
    ``subject_text`` and ``reference_text`` are the words as written.
    ``conversion`` says how a conversion given beside the figure fares
    (``agrees``, ``loose``, ``wrong``; None when there is none).
    """

    claim: DistanceClaim
    measured_km: float | None = None
    bearing_deg: float | None = None
    ratio: float | None = None
    verdict: Verdict = Verdict.UNVERIFIABLE
    direction_verdict: DirectionVerdict | None = None
    tolerance: tuple[float, float] | None = None
    note: str = ""
    conversion: str | None = None
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def as_record(self) -> dict:
        c = self.claim
        return {
            "article": c.article,
            "subject": c.subject_place.name if c.subject_place else c.subject,
            "subject_id": c.subject_place.id if c.subject_place else None,
            "reference": c.reference_place.name if c.reference_place else c.reference,
            "reference_id": c.reference_place.id if c.reference_place else None,
            "subject_text": c.subject,
            "reference_text": c.reference,
            "value": c.value,
            "unit": c.unit,
            "alt_value": c.alt_value,
            "alt_unit": c.alt_unit,
            "stated_km": None if c.stated_km is None else round(c.stated_km, 3),
            "stated_low_km": None if c.stated_range_km is None else round(c.stated_range_km[0], 3),
            "stated_high_km": None if c.stated_range_km is None else round(c.stated_range_km[1], 3),
            "direction": c.direction,
            "hedge": c.hedge,
            "kind": c.kind.value,
            "measured_km": None if self.measured_km is None else round(self.measured_km, 3),
            "bearing_deg": None if self.bearing_deg is None else round(self.bearing_deg, 1),
            "ratio": None if self.ratio is None else round(self.ratio, 3),
            "verdict": self.verdict.value,
            "direction_verdict": self.direction_verdict.value if self.direction_verdict else None,
            "tolerance_low": None if self.tolerance is None else round(self.tolerance[0], 3),
            "tolerance_high": None if self.tolerance is None else round(self.tolerance[1], 3),
            "note": self.note or c.note or None,
            "conversion": self.conversion,
            "evidence": c.evidence.sentence,
        }


@dataclass(frozen=True, slots=True)
class Timeline:
    """Control of every place over the period the corpus covers.

    ``states`` holds one entry per known place and day, sorted by day then
    place id; ``incidents`` the merged events, sorted by date then place id.
    """

    days: tuple[date, ...] = ()
    incidents: tuple[Incident, ...] = ()
    states: tuple[ControlState, ...] = ()
    _by_day: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_day: dict[date, list[ControlState]] = {}
        for state in self.states:
            by_day.setdefault(state.day, []).append(state)
        object.__setattr__(self, "_by_day", {day: tuple(states) for day, states in by_day.items()})

    def on(self, day: date) -> tuple[ControlState, ...]:
        """The states of ``day``, in the order of ``states`` (looked up, not searched)."""
        return self._by_day.get(day, ())


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class ArticleResult:
    """What the per-article stages found in one article."""

    article: Article
    mentions: tuple[Mention, ...] = ()
    events: tuple[ControlEvent, ...] = ()
    checks: tuple[DistanceCheck, ...] = ()


@dataclass(frozen=True, slots=True)
class RunResult:
    """Everything a run found: the input of export and render.

    ``failures`` are one-line messages about inputs that could not be read.
    """

    results: tuple[ArticleResult, ...] = ()
    timeline: Timeline = field(default_factory=Timeline)
    failures: tuple[str, ...] = ()
    _published: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_published", {r.article.id: r.article.published for r in self.results})

    @property
    def articles(self) -> tuple[Article, ...]:
        return tuple(result.article for result in self.results)

    def published(self, article_id: str) -> date | None:
        """The publication date of article ``article_id`` (None if undated or unknown)."""
        return self._published.get(article_id)
