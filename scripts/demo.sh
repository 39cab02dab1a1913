#!/usr/bin/env bash
# Set up a virtual environment in .venv, install Frontline, and run it on the
# bundled seed articles: maps, GeoJSON and the distance report land in maps/.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet .
.venv/bin/frontline run seeds/ --out maps "$@"
echo "Open maps/index.html in a browser (no internet needed)."
