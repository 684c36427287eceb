#!/usr/bin/env bash
# Install the Debian packages the site and its tests need, if any is missing.
# Idempotent and quick when everything is there. Needs root (or sudo).
#   GeoDjango: GDAL, GEOS and PROJ (pulled in by gdal-bin), SpatiaLite
#   plans:     DejaVu fonts (Cyrillic text in the PNG site plan)
#   tests:     PostgreSQL with PostGIS (versioned package, derived below), Chromium, Java for the Nu checker,
#              zbar-tools (zbarimg reads the QR codes back);
#              the production stack of `make rehearsal`, the stack test and `make bench`:
#              nginx (nginx-light is enough), Varnish, Redis, openssl (its certificate), wrk (the load)
#   build:     gettext (compilemessages), python3-venv
set -euo pipefail

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi

want=(python3-venv gettext gdal-bin libsqlite3-mod-spatialite fonts-dejavu-core)
if [ "${1:-}" = "--test" ]; then
    want+=(postgresql chromium zbar-tools varnish redis-server openssl wrk)
    command -v nginx >/dev/null || want+=(nginx-light)
    command -v java >/dev/null || want+=(default-jre-headless)
fi

missing() {
    local pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || echo "$pkg"
    done
}

updated=""
install() {
    [ $# -gt 0 ] || return 0
    echo "Installing Debian packages: $*"
    if [ -z "$updated" ]; then $sudo apt-get update -qq; updated=1; fi
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@"
}

# shellcheck disable=SC2046
install $(missing "${want[@]}")

if [ "${1:-}" = "--test" ]; then
    # PostGIS is packaged per PostgreSQL major version: postgresql-15-postgis-3, ...
    # Take the version of the existing cluster, else the newest server installed.
    major=$(pg_lsclusters -h 2>/dev/null | awk 'NR == 1 { print $1 }')
    [ -n "$major" ] || major=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
    # shellcheck disable=SC2046
    install $(missing "postgresql-$major-postgis-3")
fi
