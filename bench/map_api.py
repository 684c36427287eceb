"""Benchmark of the map's GeoJSON API as the park grows: `make bench`.

In one run, on one real HTTP server (gunicorn, one sync worker, the site's
WSGI application with WhiteNoise for static files):

1. makes a separate database, itpark_bench, from itpark_template (PostGIS),
   migrates it and loads the demo content (17 buildings);
2. times /api/map/buildings.geojson with the 17 demo buildings, and a static
   file (the baseline: what the server costs doing almost nothing);
3. adds 10,000 synthetic building pages (real Wagtail pages in the page tree,
   written in bulk), then times the full answer (10,017 features) and a small
   bbox over them (about as many buildings as the demo has);
4. prints a table of medians and ratios and writes it to bench/results/.

The small bbox must cost about as much as the 17-building answer, not as much
as the full table: the box is tested through the footprint's spatial index.
The bench database is dropped at the end (--keep keeps it).

Usage: .venv/bin/python bench/map_api.py [--keep] [--runs N]
"""

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
import uuid
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PG = {"host": "127.0.0.1", "port": 5432, "user": "itpark", "password": "itpark"}
BENCH_DB = "itpark_bench"
# Persistent connections, as a deployment should have them (the DATABASE_URL option
# conn_max_age): without, each request pays for a new PostgreSQL connection.
DATABASE_URL = f"postgis://{PG['user']}:{PG['password']}@{PG['host']}:{PG['port']}/{BENCH_DB}?conn_max_age=600"
SYNTHETIC = 10_000
# The synthetic buildings: a 100 × 100 grid of squares around the park.
GRID = 100
WEST, SOUTH, EAST, NORTH = 20.40, 54.70, 20.55, 54.78
# The small box: 4 × 4 grid cells, away from the demo buildings.
SMALL_CELLS = (10, 10, 4)  # first column, first row, size in cells

SERVER_ENV = {
    "DATABASE_URL": DATABASE_URL,
    "DJANGO_SETTINGS_MODULE": "itpark.settings.dev",
    "DEBUG": "false",  # no query logging, as in production
    "MAP_TILE_URL": "",
}


def log(message):
    print(message, file=sys.stderr, flush=True)


# The database


def admin_connection():
    import psycopg

    return psycopg.connect(dbname="itpark", autocommit=True, **PG)


def create_database():
    with admin_connection() as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")
        connection.execute(f"CREATE DATABASE {BENCH_DB} TEMPLATE itpark_template")


def drop_database():
    with admin_connection() as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")


def manage(*args):
    env = {**os.environ, **SERVER_ENV}
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], cwd=ROOT, env=env, check=True, capture_output=True)


def cell_box(column, row, fill=0.6):
    """The square of one grid cell, `fill` of its width, as (west, south, east, north)."""
    width, height = (EAST - WEST) / GRID, (NORTH - SOUTH) / GRID
    west, south = WEST + column * width, SOUTH + row * height
    margin = (1 - fill) / 2
    return (west + width * margin, south + height * margin, west + width * (1 - margin), south + height * (1 - margin))


def add_synthetic_buildings(count):
    """`count` live BuildingPages under the Russian directory, written in bulk with correct tree paths."""
    os.environ.update(SERVER_ENV)
    sys.path.insert(0, str(ROOT / "site"))
    import django

    django.setup()
    from django.contrib.contenttypes.models import ContentType
    from django.contrib.gis.geos import MultiPolygon, Polygon
    from django.db import connection, transaction
    from django.db.models import F

    from wagtail.models import Page

    from buildings.models import BuildingIndexPage, BuildingPage, Purpose, Status

    index = BuildingIndexPage.objects.get(locale__language_code="ru")
    first_step = int(index.get_last_child().path[-BuildingPage.steplen :], 36) + 1
    content_type = ContentType.objects.get_for_model(BuildingPage)
    now = datetime.now(UTC)
    purposes, statuses = Purpose.values, Status.values
    with transaction.atomic():
        pages = []
        for number in range(count):
            slug = f"synthetic-{number:05d}"
            pages.append(
                Page(
                    title=f"Synthetic building {number}",
                    draft_title=f"Synthetic building {number}",
                    slug=slug,
                    content_type=content_type,
                    path=BuildingPage._get_path(index.path, index.depth + 1, first_step + number),
                    depth=index.depth + 1,
                    numchild=0,
                    url_path=f"{index.url_path}{slug}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                    locale_id=index.locale_id,
                    translation_key=uuid.uuid4(),
                )
            )
        Page.objects.bulk_create(pages, batch_size=1000)
        buildings = []
        for number, page in enumerate(pages):
            column, row = number % GRID, number // GRID
            buildings.append(
                BuildingPage(
                    page_ptr_id=page.pk,
                    purpose=purposes[number % len(purposes)],
                    status=statuses[number % len(statuses)],
                    completion_year=2023 + number % 9,
                    floors=1 + number % 12,
                    gross_floor_area=500 + number % 5000,
                    footprint=MultiPolygon(Polygon.from_bbox(cell_box(column, row)), srid=4326),
                    summary=f"A synthetic building for the benchmark, number {number}.",
                )
            )
        # Django cannot bulk_create a multi-table child; the page rows exist, so
        # insert only BuildingPage's own table, in batches.
        fields = BuildingPage._meta.local_concrete_fields
        for start in range(0, len(buildings), 1000):
            BuildingPage.objects._insert(buildings[start : start + 1000], fields=fields)
        Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + count)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return BuildingPage.objects.filter(locale__language_code="ru", live=True).count()


def explain_small_box(box):
    """Does the database answer the small box through the spatial index? (EXPLAIN of the features query)."""
    from django.contrib.gis.geos import Polygon
    from django.db import connection

    from map import api

    polygon = Polygon.from_bbox(box)
    polygon.srid = 4326
    queryset = api.public_buildings("ru").filter(footprint__intersects=polygon)
    sql, params = (
        queryset.annotate(geometry=api.as_geojson("footprint")).values("slug", "geometry").query.sql_with_params()
    )
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    return "Index" in plan and "footprint" in plan, plan


# The server and the timings


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port):
    env = {**os.environ, **SERVER_ENV}
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "--pythonpath",
        f"{ROOT / 'site'},{ROOT / 'bench'}",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "1",
        "--log-level",
        "warning",
        "bench_wsgi:application",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the benchmark server did not start")


def stop_server(server):
    os.killpg(server.pid, 15)
    server.wait(timeout=10)


def fetch(url):
    with urllib.request.urlopen(url, timeout=120) as response:
        return response.status, response.read()


def time_url(url, runs, warmup=2):
    """Median and 90th percentile seconds of GET `url` (a new connection each time), and the last body."""
    for _ in range(warmup):
        fetch(url)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        status, body = fetch(url)
        times.append(time.perf_counter() - start)
        assert status == 200, f"{url} answered {status}"
    times.sort()
    return {"median": statistics.median(times), "p90": times[int(len(times) * 0.9) - 1], "runs": runs}, body


def feature_count(body):
    return len(json.loads(body)["features"])


def report(rows, meta):
    baseline = rows["static file"]["median"]
    small = rows["17 buildings (demo)"]["median"]
    lines = [
        f"Map API benchmark, {meta['when']} ({meta['server']})",
        "",
        f"{'request':<34} {'features':>8} {'bytes':>10} {'median ms':>10} {'p90 ms':>8} {'× static':>9} {'× 17 bldg':>10}",
    ]
    for name, row in rows.items():
        lines.append(
            f"{name:<34} {row.get('features', ''):>8} {row['bytes']:>10} {row['median'] * 1000:>10.2f}"
            f" {row['p90'] * 1000:>8.2f} {row['median'] / baseline:>9.1f} {row['median'] / small:>10.2f}"
        )
    lines += ["", f"small bbox uses the spatial index: {meta['small_box_uses_index']}"]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the itpark_bench database")
    parser.add_argument("--runs", type=int, default=30, help="timed requests per small measurement")
    args = parser.parse_args()
    started = time.monotonic()

    log(f"creating {BENCH_DB} from itpark_template, migrating, loading the demo content…")
    create_database()
    server = None
    try:
        manage("migrate", "--no-input")
        manage("load_demo_content")
        port = free_port()
        server = start_server(port)
        base = f"http://127.0.0.1:{port}"
        api = f"{base}/api/map/buildings.geojson"
        rows = {}

        log("timing the static file and the 17 demo buildings…")
        baselines = (("static file", f"{base}/static/css/site.css"), ("/healthz (one query)", f"{base}/healthz"))
        for name, url in (*baselines, ("17 buildings (demo)", api)):
            timing, body = time_url(url, args.runs)
            rows[name] = {**timing, "bytes": len(body)}
        rows["17 buildings (demo)"]["features"] = feature_count(fetch(api)[1])

        log(f"adding {SYNTHETIC} synthetic building pages…")
        total = add_synthetic_buildings(SYNTHETIC)
        log(f"{total} live buildings in Russian")

        column, row, size = SMALL_CELLS
        west, south, *_ = cell_box(column, row, fill=1)
        *_, east, north = cell_box(column + size - 1, row + size - 1, fill=1)
        box = (west, south, east, north)
        bbox = ",".join(f"{value:.6f}" for value in box)

        log("timing the small bbox and the full answer over the large table…")
        timing, body = time_url(f"{api}?bbox={bbox}", args.runs)
        rows[f"small bbox ({size}×{size} cells) of {total}"] = {
            **timing,
            "bytes": len(body),
            "features": feature_count(body),
        }
        timing, body = time_url(api, max(3, args.runs // 6), warmup=1)
        rows[f"all {total} buildings"] = {**timing, "bytes": len(body), "features": feature_count(body)}

        uses_index, plan = explain_small_box(box)
    finally:
        if server is not None:
            stop_server(server)
        if not args.keep:
            drop_database()

    meta = {
        "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "server": "gunicorn, 1 sync worker, PostGIS with persistent connections, a new HTTP connection per request",
        "small_box_uses_index": uses_index,
        "seconds": round(time.monotonic() - started, 1),
    }
    table = report(rows, meta)
    print(table)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (RESULTS / f"map_api-{stamp}.txt").write_text(table + "\n\nPlan of the small bbox query:\n" + plan + "\n")
    (RESULTS / f"map_api-{stamp}.json").write_text(json.dumps({"meta": meta, "rows": rows}, indent=2))
    log(f"results in {RESULTS}/map_api-{stamp}.* ({meta['seconds']} s)")


if __name__ == "__main__":
    main()
