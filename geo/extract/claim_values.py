"""What a measure says: its number, unit, kilometres and the range a hedge allows.

Read by :mod:`geo.extract.distances` for each measure it ties to places; a
bare number ("30 from the border") takes the unit the article uses.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from text_to_num import text2num

from geo.extract.checks import to_km
from geo.extract.claim_words import ClaimPatterns, fold
from geo.lexicon import load as load_lexicon
from geo.records import Article, ClaimKind

__all__ = ["fill_missing_units", "measure_values", "number"]


def number(text: str, pat: ClaimPatterns) -> float:
    folded = fold(text)
    if folded in pat.numbers:
        return pat.numbers[folded]
    if folded[:1].isdigit():
        return float(folded.replace(",", ""))
    return float(text2num(folded.replace("-", " "), "en"))


def measure_values(match: re.Match, kind: ClaimKind, hedge: str | None, pat: ClaimPatterns) -> dict | None:
    """value, unit, stated_km, stated_range_km and note of a measure."""
    low_factor, high_factor = pat.hedges[hedge]["range"] if hedge else (1.0, 1.0)
    groups = match.groupdict()
    if kind is ClaimKind.TRAVEL_TIME:
        value = number(groups["num"], pat) if groups["num"] else 1.0
        tunit = pat.time_units[fold(groups["tunit"])]
        mode_name = pat.modes[fold(groups["mode"])]
        speeds = load_lexicon("distances")["travel"]["modes"][mode_name]["speed_kmh"]
        hours = value * pat.minutes_per[tunit] / 60.0
        low, high = hours * speeds[0] * low_factor, hours * speeds[1] * high_factor
        note = f"{value:g} {tunit} by {mode_name} at {speeds[0]}-{speeds[1]} km/h is {low:.1f}-{high:.1f} km"
        return dict(value=value, unit=f"{tunit}_{mode_name}", stated_range_km=(low, high), note=note)
    if groups.get("unit") is None:  # a bare number: its unit is filled in later
        return dict(value=number(groups["num"], pat), unit=None, note="")
    unit = pat.units[fold(groups["unit"])]
    alt = {}
    if groups["alt"]:
        alt = dict(alt_value=number(groups["alt"], pat), alt_unit=pat.units[fold(groups["altunit"])])
    if groups["vague"]:
        vague = fold(groups["vague"])
        low, high = pat.vague[vague]
        note = f"vague quantity {vague!r}: taken as {low:g}-{high:g} {unit}"
        return dict(value=None, unit=unit, stated_range_km=(to_km(low, unit), to_km(high, unit)), note=note)
    value = number(groups["num"], pat)
    if groups["num2"]:
        high_value = number(groups["num2"], pat)
        if high_value < value:
            return None
        low, high = to_km(value, unit), to_km(high_value, unit)
        return dict(value=(value + high_value) / 2, unit=unit, stated_km=(low + high) / 2,
                    stated_range_km=(low * low_factor, high * high_factor),
                    note=f"range {value:g}-{high_value:g} {unit}", **alt)
    stated = to_km(value, unit)
    span = None if (low_factor, high_factor) == (1.0, 1.0) else (stated * low_factor, stated * high_factor)
    return dict(value=value, unit=unit, stated_km=stated, stated_range_km=span, note="", **alt)


def fill_missing_units(found: list, article: Article, pat: ClaimPatterns) -> list:
    """Give bare numbers the unit the article's other claims use most (else its text), and say so."""
    if not any(c.kind is ClaimKind.DISTANCE and c.unit is None and c.value is not None for _, _, c in found):
        return found
    counts = Counter(c.unit for _, _, c in found if c.kind is ClaimKind.DISTANCE and c.unit is not None)
    where = "the unit the article's other distances use"
    if not counts:
        counts = Counter(pat.units[fold(m.group("unit"))] for m in pat.measure.finditer(article.text))
        where = "the unit the article's text uses elsewhere"
    unit = max(counts, key=lambda u: (counts[u], u)) if counts else None
    out = []
    for start, order, claim in found:
        if claim.kind is ClaimKind.DISTANCE and claim.unit is None and claim.value is not None:
            if unit is None:
                claim = replace(claim, note="no unit given, and the article uses none elsewhere")
            else:
                note = f"no unit given: took {unit}, {where}"
                claim = replace(claim, unit=unit, stated_km=to_km(claim.value, unit), note=note)
        out.append((start, order, claim))
    return out
