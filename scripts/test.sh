#!/usr/bin/env bash
# Set up .venv with the test extras, Debian's Chromium (for the browser
# tests), gdal-bin (ogrinfo, for the GIS round trips) and PostgreSQL with
# PostGIS (the store's tests start a throwaway server of their own on a free
# local port and stop it), then run the whole test suite. Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test,dask,bench]'
# Debian's packages: Chromium for the browser tests, gdal-bin (ogrinfo) for the GIS round trips,
# postgresql and postgresql-postgis (initdb, pg_ctl, the PostGIS extension) for the store on PostGIS.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v ogrinfo >/dev/null || missing+=(gdal-bin)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
compgen -G "/usr/share/postgresql/*/extension/postgis.control" >/dev/null || missing+=(postgresql-postgis)
if [ "${#missing[@]}" -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# pytest exits 5 when no test ran: that is a failure here, as is any other non-zero code.
exec .venv/bin/python -m pytest "$@"
