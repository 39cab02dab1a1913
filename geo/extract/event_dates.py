"""The date of an event: the date expression of its own clause, as a reader of the report takes it.

Read by :mod:`geo.extract.events` for each trigger it reads: the date nearest
the trigger or its places in the trigger's clause, not a date of another verb,
of a relative clause or apposition of its own, nor the dateline's; a date
"N months after" shifted; a statement's date only failing all else.
"""

from __future__ import annotations

import re

from geo.extract.clauses import clause
from geo.extract.dates import apart
from geo.extract.triggers import speech_pattern
from geo.records import DateSpan, Precision

__all__ = ["RESTRICTIVE_BEFORE", "VAGUE_APART", "closed_relatives", "date_for"]


def date_for(text, start, end, places, dates, state=False, triggers=(), published=None) -> DateSpan | None:
    """The date expression of the trigger's clause nearest to the trigger or its places.

    A statement's date ("the army said on Monday") counts only failing all
    else, and may date what it reports beyond the clause ("said on Monday
    that ... while fighting continued in X"); a date in a clause of another
    verb ("after the war began in April 2023") is not the event's. A state
    keeps only a date that starts it: "held since 2015"; a deed told after
    "since" a date happened between it and ``published`` (the report's day),
    and a "since" after the deed is a comparison's ("the first to fall since 2001").
    """
    clause_start, clause_end = clause(text, start)
    relatives = closed_relatives(text, max(0, clause_start - 1), len(text))
    # "The Houthis, who control Sanaa, have held Hodeidah since 2014": a relative clause ends at its comma
    inside = next((y for x, y in relatives if x <= start < y), None)
    if inside is not None:
        clause_end = min(clause_end, inside)
    before = [(x, y) for x, y in relatives if x >= clause_start and y <= start]  # closed before the trigger
    last = max((p.end for p in places if p.start >= end), default=None)
    anchors = [(start, end)] + [(p.start, p.end) for p in places]
    speech = speech_pattern()
    best = None
    for a, b, span in dates:
        if a < 60 and _DATELINE_BEFORE.fullmatch(text, 0, a) and _DATELINE_AFTER.match(text, b):
            continue  # "KHARKIV, Sept 12 - Ukrainian forces recaptured ...": the day of filing, not of the event
        said = bool(speech.search(text[max(0, a - 30):a]))
        if state:
            since = span.text.casefold().startswith("since") or re.search(r"\bsince\s+$", text[max(0, a - 8):a], re.IGNORECASE)
            if since and clause_start <= a and b <= clause_end:
                return span
            continue
        if a < clause_start or b > clause_end:
            if said and b <= start and best is None:  # the statement the trigger's words report
                gap = _SPAN_APART.search(text, b, start)  # "said on Monday ..., a day after claiming Dessie"
                shifted = gap and _shifted(span, gap)
                best = (_SAID, shifted or span)
            continue
        if a > end and _OTHER_VERB.search(text, end, a):
            continue
        if a > end and _COORDINATED.fullmatch(text, last if last is not None else end, a) and \
                any(x >= b and _FRONTED.fullmatch(text, b, x) for x, _, _ in triggers):
            continue  # "overran Srebrenica, and in August 1995 Croatian forces recaptured Knin": the next verb's date
        if a >= end and published is not None and span.text.casefold().startswith("since"):
            continue  # "Kunduz, the first provincial capital to fall since 2001": a comparison, not the deed's date
        if last is not None and a >= last and (describing := _DESCRIBING.fullmatch(text, last, a)) and (
                describing.group("clause") or describing.group("contact") or any(last <= x and y <= a for x, y, _ in triggers)):
            continue  # "entered Maarat al-Numan, a town they lost to government forces in 2020": the loss's year
        if b <= start and any(x <= a and b <= y for x, y in before):
            continue  # "The rebels, who seized Bor in December, pulled back": December is the seizure's
        if b <= start and _RELATIVE_OPEN.search(text, clause_start, a) and _TO_MAIN_VERB.fullmatch(text, b, start):
            continue  # "Insurgents who seized Palma in March have withdrawn": March is the seizure's
        if b <= start and (gap := _SPAN_APART.search(text, b, start)):
            # "declared Marawi liberated on Tuesday, five months after militants seized it": that month
            shifted = _shifted(span, gap)
            if shifted is not None and (best is None or best[0] == _SHIFTED):  # the nearest date before the gap
                best = (_SHIFTED, shifted)  # ... unless the event has a date of its own: "three days after Kidal fell on Friday"
            continue
        if b <= start and (_SUBORDINATE.fullmatch(text, b, start) or VAGUE_APART.search(text, b, start)):
            continue  # "shelled Kidal on Monday after Gao fell on Sunday", "in October, months after Gao was seized": the main verb's
        distance = min(max(a - y, x - b, 0) for x, y in anchors)
        key = (said and a > end, distance)
        if best is None or key < best[0]:
            best = (key, span)
    if best is None or best[0] == _SAID:  # no date of its own clause: a "when" clause takes the date it explains
        when = _WHEN.match(text, clause_start) if clause_start else None
        said = best[1] if best else None
        before = [span for a, b, span in dates if when and not text[b:clause_start].strip(" ,")]
        if before:  # "held Kirkuk since 2014, when the Iraqi army fled": in 2014; "since Tuesday, when": that day
            span = before[-1]
            since_day = span.text.casefold().startswith("since") and span.precision is Precision.DAY and span.start
            return DateSpan.day(span.start, span.text) if since_day else span
        return said
    return _since(text, start, best[1], dates, published)


def _since(text: str, start: int, span: DateSpan, dates, published) -> DateSpan:
    """ "Since launching Operation 1027 in late October, the alliance has seized ...": between then and ``published``;
    but "since taking control of Goma on January 27" is the day of the deed."""
    at = next((a for a, _, other in dates if other is span), None)
    if at is None or published is None or span.start is None or span.start > published:
        return span
    since = _SINCE_BEFORE.search(text, max(0, at - 60), at)
    if not (since and not since.start() <= start < at):
        return span
    days = (published - span.start).days
    precision = Precision.DAY if days == 0 else Precision.WEEK if days <= 7 else Precision.MONTH if days <= 31 else Precision.YEAR
    return DateSpan(span.start, published, precision, span.text)


_WHEN = re.compile(r"[\s,]*when\b", re.IGNORECASE)
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:[^,;:.()]*?\s)?$", re.IGNORECASE)
_SHIFTED = (False, 10**5)  # below every date of the clause itself, above a statement's
_SAID = (True, 10**6)  # a statement's date, failing all else


def _shifted(span: DateSpan, gap: re.Match) -> DateSpan | None:
    """``span`` moved by a ``_SPAN_APART`` match: "five months after" the seizure is five months before."""
    return apart(span, gap.group("count"), gap.group("unit"), gap.group("rel").casefold() == "before")


def closed_relatives(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The relative clauses between commas that open and close inside ``text[start:end]``."""
    return [m.span() for m in _RELATIVE_CLAUSE.finditer(text, start, end)]


_DESCRIBING = re.compile(r"(?:\s*,\s*(?:a|an|the)\s+[^,;:()]*?(?P<clause>\b(?:they|it|he|she|we|which|that|who|whom|where|when)\b)?"
                         # "leaving the city it had occupied since March": a clause of the place's own, with no pronoun
                         r"|\s+(?P<contact>(?:they|it|he|she|we)\s+(?:had|has|have)\b))"
                         r"[^,;:()]*?\s(?:(?:on|in|during|by|since)\s+)?", re.IGNORECASE)  # an apposition with a clause of its own
_SPAN_APART = re.compile(r"\b(?P<count>\d+|[a-z]+)\s+(?P<unit>days?|weeks?|months?|years?|decades?)\s+(?P<rel>after|since|before)\b",
                         re.IGNORECASE)
# Between a place and a date that opens the next coordinated clause, and between that date and the clause's verb.
_COORDINATED = re.compile(r"\s*,?\s*(?:and|but|while|whereas|then)\s+(?:then\s+|later\s+)?", re.IGNORECASE)
_FRONTED = re.compile(r"\s*,?\s*(?:[\w'’.-]+\s+){1,5}?", re.IGNORECASE)
# ... or, past other words, a span with no count of its own opens the trigger's stretch: "on Tuesday ..., days after X
# fell" (a counted one, "a week after", is shifted by _SPAN_APART before this is asked).
VAGUE_APART = re.compile(r"\b(?:hours|days|weeks|months|years|decades|shortly|soon|long|a\s+day|a\s+week|a\s+month|a\s+year)"
                         r"\s+(?:after|before)\s+[^,;:()]{0,60}$", re.IGNORECASE)
# Between a date and a trigger: a clause the trigger's deed opens, after a time word, told against the date before it.
_SUBORDINATE = re.compile(r"\s*,?\s*(?:[\w'’-]+\s+){0,2}?(?:after|before|until|once)\s+[^,;:()]{0,60}", re.IGNORECASE)
_DATELINE_BEFORE = re.compile(r"[\s\"“]*[A-Z][A-Z\s.'’-]+(?:,\s*[A-Z][\w\s.'’-]*)*,\s*")
_DATELINE_AFTER = re.compile(r"\s*(?:\([^()]{1,30}\)\s*)?[-–—]+\s")
RESTRICTIVE_BEFORE = re.compile(r"(?<=\w)\s+(?:who|that)\s+(?:(?:had|have|has)\s+)?$", re.IGNORECASE)
_RELATIVE_OPEN = re.compile(r"\b(?:who|which|that)\s", re.IGNORECASE)
_TO_MAIN_VERB = re.compile(r"\s*(?:(?:have|has|had|were|was|are|is|now|also|since|reportedly|finally|then)\s+)*",
                           re.IGNORECASE)
_RELATIVE_CLAUSE = re.compile(r",\s*(?:who|which|whom|whose|where)\b[^,;:—–()]*,", re.IGNORECASE)
_OTHER_VERB = re.compile(r"\b(?:after|before|since|until|when|while|as)\s+(?:[\w'’.-]+\s+){0,5}?"
                         r"(?:began|begun|beginning|started|starting|erupted|broke\s+out|launched|launching|seized|seizing|took|taking|"
                         r"ended|ending|fled|fleeing|signed|signing|withdrew|withdrawn|pulled\s+out|left|invaded|invading|"
                         r"arrived|collapsed|toppled|ousted|overthrew|overthrown)\b", re.IGNORECASE)
