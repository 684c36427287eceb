"""Benchmark of every public page type through the production stack: `make bench`.

In one run, on this machine, with wrk (Debian's):

1. starts the production rehearsal stack (scripts/rehearsal.py: nginx →
   Varnish → gunicorn with production settings, PostGIS with the demo content
   in its own database, Redis) on loopback ports of its own, and a second
   gunicorn with the app's page cache off (PAGE_CACHE_SECONDS=0), reached
   straight, without Varnish;
2. for each public page type (home, news index, article, building directory,
   building page, map page, embed, search), the GeoJSON API and one static
   file, runs wrk for a few seconds at 8 connections:
   - **cached**: through nginx and a warm Varnish, over HTTPS; the static file
     is served by nginx from STATIC_ROOT;
   - **uncached**: straight to the second gunicorn (the page rendered on every
     request); the static file is served by the same gunicorn (WhiteNoise);
   and reports requests/s, p50, p99 and errors, and each page's requests/s as
   a share of the static file's on the same server in the same run;
3. then 60 s at 64 connections over a mix of those URLs through the cached
   stack (a wrk Lua script), counting errors and 5xx, and the resident memory
   of every gunicorn worker afterwards;
4. writes Markdown and JSON to bench/results/ (with the date and the machine).

Targets: cached pages ≥ 50 % of the static file's requests/s, uncached ≥ 4 %,
and no error in the 60 s run. Bounded: every wrk run has a fixed duration and
timeout, and the stack is stopped at the end whatever happens.

Usage: .venv/bin/python bench/pages.py [--seconds N] [--uncached-seconds N] [--mix-seconds N]
"""

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.rehearsal import Ports, Stack  # noqa: E402

RESULTS = ROOT / "bench" / "results"
PORTS = Ports(gunicorn=18421, varnish=18471, varnish_admin=18472, http=18470, https=18463)
UNCACHED_PORT = 18422
WORKERS = 2
CONNECTIONS = 8
MIX_CONNECTIONS = 64
TARGETS = {"cached": 0.50, "uncached": 0.04}
MIN_REQUESTS = 10  # fewer in a run: its percentiles are not reported

# wrk reports one line of JSON at the end of a run.
REPORT_LUA = """
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    errors.connect, errors.read, errors.write, errors.status, errors.timeout))
end
"""

# The 60 s mix: each thread walks the list of paths; 5xx and other failures counted per thread.
MIX_LUA = """
local paths = {%(paths)s}
local threads = {}
setup = function(thread)
  table.insert(threads, thread)
end
init = function(args)
  index = 0
  server_errors = 0
  wrk.headers["Accept-Encoding"] = "gzip"
end
request = function()
  index = index %% #paths + 1
  return wrk.format("GET", paths[index])
end
response = function(status, headers, body)
  if status >= 500 then server_errors = server_errors + 1 end
end
done = function(summary, latency, requests)
  local total_5xx = 0
  for _, thread in ipairs(threads) do total_5xx = total_5xx + thread:get("server_errors") end
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p99_us": %%d, "connect": %%d, "read": %%d, "write": %%d, "status": %%d, "timeout": %%d, "server_errors": %%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    errors.connect, errors.read, errors.write, errors.status, errors.timeout, total_5xx))
end
"""


def log(message):
    print(message, file=sys.stderr, flush=True)


def fetch(url, context=None, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30, context=context) as response:
        return response.status, response.read().decode("utf-8", "replace")


def page_paths(stack):
    """One URL of each public page type, found through the site itself (the demo content's first article and building)."""
    context = stack.tls_context()
    _status, news = fetch(stack.url("/ru/news/"), context)
    article = re.search(r'href="(/ru/news/(?!feed/)[a-z0-9-]+/)"', news).group(1)
    _status, directory = fetch(stack.url("/ru/buildings/"), context)
    building = re.search(r'href="(/ru/buildings/[a-z0-9-]+/)"', directory).group(1)
    manifest = json.loads((stack.static_root / "staticfiles.json").read_text())
    static = "/static/" + manifest["paths"]["css/site.css"]
    return {
        "home": "/ru/",
        "news index": "/ru/news/",
        "article": article,
        "building directory": "/ru/buildings/",
        "building page": building,
        "map page": "/ru/map/",
        "embed": "/ru/map/embed/",
        "search": "/ru/search/?q=%D0%BF%D0%B0%D1%80%D0%BA",  # "парк"
        "GeoJSON API": "/api/map/buildings.geojson?lang=ru",
        "static file": static,
    }


def wrk(url, seconds, connections, script, headers=()):
    """Run wrk once; its JSON summary with requests/s, p50/p99 in ms and the error count."""
    command = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s", "-s", script]
    for header in headers:
        command += ["-H", header]
    result = subprocess.run([*command, url], capture_output=True, text=True, timeout=seconds + 60)
    if result.returncode:
        raise SystemExit(f"wrk failed on {url}:\n{result.stderr}")
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    seconds_run = summary["duration_us"] / 1e6
    errors = sum(summary[key] for key in ("connect", "read", "write", "status", "timeout"))
    return {
        "requests": summary["requests"],
        "rps": summary["requests"] / seconds_run,
        "p50_ms": summary["p50_us"] / 1000,
        "p99_ms": summary["p99_us"] / 1000,
        "errors": errors,
        **({"server_errors": summary["server_errors"]} if "server_errors" in summary else {}),
    }


def measure(base, paths, seconds, script, headers=(), warm=None):
    rows = {}
    for name, path in paths.items():
        if warm:
            warm(path)
        rows[name] = wrk(base + path, seconds, CONNECTIONS, script, headers)
        log(
            f"  {name:<20} {rows[name]['rps']:>9.0f} req/s  p50 {rows[name]['p50_ms']:.1f} ms  p99 {rows[name]['p99_ms']:.1f} ms"
        )
    static = rows["static file"]["rps"]
    for row in rows.values():
        row["share_of_static"] = row["rps"] / static
    return rows


def worker_memory():
    """Resident memory (MiB) of every gunicorn worker on this machine that belongs to this benchmark's servers."""
    masters = {}
    processes = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
            command = (status.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, ValueError):
            continue
        pid, ppid = int(status.parent.name), int(fields["PPid"])
        processes[pid] = (ppid, int(fields.get("VmRSS", "0 kB").split()[0]) / 1024, command)
        if "gunicorn" in command:
            masters[pid] = command
    workers = {}
    for ppid, rss, _command in processes.values():
        if ppid in masters and processes.get(ppid, (0,))[0] not in masters:
            port = masters_port(ppid)
            if port in (PORTS.gunicorn, UNCACHED_PORT):
                workers.setdefault(str(port), []).append(round(rss, 1))
    return workers


def masters_port(pid):
    environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    for entry in environ:
        if entry.startswith(b"GUNICORN_BIND="):
            return int(entry.split(b":")[-1])
    return None


def machine():
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        line.split(":", 1)[1].strip()
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    return {
        "host": platform.node(),
        "cpu": model,
        "cpus": os.cpu_count(),
        "memory": memory,
        "os": platform.platform(),
        "load_average": [round(load, 1) for load in os.getloadavg()],  # other work on the machine skews every figure
    }


def table(rows, title):
    lines = [
        f"### {title}",
        "",
        "| request | req/s | share of static | p50 ms | p99 ms | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, row in rows.items():
        if row["requests"] < MIN_REQUESTS:  # no latency worth the name from a handful of requests
            lines.append(
                f"| {name} | {row['rps']:.1f} | {row['share_of_static'] * 100:.1f} % | ({row['requests']} requests) | | {row['errors']} |"
            )
            continue
        lines.append(
            f"| {name} | {row['rps']:.0f} | {row['share_of_static'] * 100:.1f} % | {row['p50_ms']:.1f} | {row['p99_ms']:.1f} | {row['errors']} |"
        )
    return lines


def verdicts(results):
    lines = []
    for mode, target in TARGETS.items():
        pages = {name: row for name, row in results[mode].items() if name != "static file"}
        worst = min(pages, key=lambda name: pages[name]["share_of_static"])
        share = pages[worst]["share_of_static"]
        met = "met" if share >= target else "NOT met"
        lines.append(
            f"- {mode}: every page ≥ {target * 100:.0f} % of the static file? {met} (lowest: {worst}, {share * 100:.1f} %)"
        )
    mix = results["mix"]
    met = "met" if mix["errors"] == 0 and mix["server_errors"] == 0 else "NOT met"
    lines.append(
        f"- {MIX_CONNECTIONS} connections: 0 errors and 0 5xx? {met} ({mix['errors']} errors, {mix['server_errors']} 5xx)"
    )
    return lines


def report(results):
    meta = results["meta"]
    mix = results["mix"]
    lines = [
        f"# Page benchmark, {meta['when']}",
        "",
        f"Machine: {meta['machine']['cpu']}, {meta['machine']['cpus']} CPUs, {meta['machine']['memory']} ({meta['machine']['host']}); "
        f"load average at the start {meta['load_at_start']}, at the end {meta['machine']['load_average']}.",
        f"wrk, {CONNECTIONS} connections, {meta['seconds']} s per URL cached, {meta['uncached_seconds']} s uncached; gunicorn {WORKERS} sync workers per server; "
        "shares are of the static file's requests/s on the same server in this run.",
        "",
        *table(results["cached"], "Cached: nginx (HTTPS) → Varnish (warm); static file from nginx"),
        "",
        *table(results["uncached"], "Uncached: gunicorn straight, PAGE_CACHE_SECONDS=0; static file from WhiteNoise"),
        "",
        f"### {meta['mix_seconds']} s at {MIX_CONNECTIONS} connections over a mix of the URLs (cached stack)",
        "",
        f"{mix['requests']} requests, {mix['rps']:.0f} req/s, p50 {mix['p50_ms']:.1f} ms, p99 {mix['p99_ms']:.1f} ms, "
        f"{mix['errors']} errors, {mix['server_errors']} 5xx.",
        "",
        "Resident memory of each gunicorn worker afterwards (MiB): "
        + "; ".join(f"port {port}: {', '.join(map(str, sizes))}" for port, sizes in results["worker_rss_mib"].items()),
        "",
        "### Targets",
        "",
        *verdicts(results),
        "",
        f"Reproduce: `make bench` (or `.venv/bin/python bench/pages.py`); {meta['total_seconds']} s in all.",
    ]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5, help="wrk duration per URL, cached")
    parser.add_argument("--uncached-seconds", type=int, default=10, help="wrk duration per URL, uncached")
    parser.add_argument("--mix-seconds", type=int, default=60, help="duration of the 64-connection run")
    args = parser.parse_args()
    started = time.monotonic()
    load_at_start = [round(load, 1) for load in os.getloadavg()]
    results = {}
    with (
        tempfile.TemporaryDirectory() as scripts,
        Stack(PORTS, name="bench", workers=WORKERS, scheduler=False) as stack,
    ):
        report_lua = Path(scripts) / "report.lua"
        report_lua.write_text(REPORT_LUA)
        stack.start_gunicorn("gunicorn-uncached", UNCACHED_PORT, WORKERS, PAGE_CACHE_SECONDS="0")
        paths = page_paths(stack)
        context = stack.tls_context()

        def warm(path):
            for _ in range(2):
                fetch(stack.url(path), context, {"Accept-Encoding": "gzip"})

        log("cached, through nginx and Varnish:")
        results["cached"] = measure(
            stack.base_url, paths, args.seconds, str(report_lua), ["Accept-Encoding: gzip"], warm
        )
        log("uncached, gunicorn straight (PAGE_CACHE_SECONDS=0):")
        # Production redirects plain HTTP: tell it, as nginx does, that the reader came over HTTPS.
        results["uncached"] = measure(
            f"http://127.0.0.1:{UNCACHED_PORT}",
            paths,
            args.uncached_seconds,
            str(report_lua),
            ["X-Forwarded-Proto: https", "Accept-Encoding: gzip"],
        )
        log(f"{args.mix_seconds} s at {MIX_CONNECTIONS} connections over the mix…")
        mix_lua = Path(scripts) / "mix.lua"
        mix_lua.write_text(MIX_LUA % {"paths": ", ".join(json.dumps(path) for path in paths.values())})
        results["mix"] = wrk(stack.url("/"), args.mix_seconds, MIX_CONNECTIONS, str(mix_lua))
        results["mix"]["paths"] = list(paths.values())
        results["worker_rss_mib"] = worker_memory()
    when = datetime.now(UTC)
    results["meta"] = {
        "when": when.strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "load_at_start": load_at_start,
        "seconds": args.seconds,
        "uncached_seconds": args.uncached_seconds,
        "mix_seconds": args.mix_seconds,
        "connections": CONNECTIONS,
        "gunicorn_workers": WORKERS,
        "total_seconds": round(time.monotonic() - started),
    }
    markdown = report(results)
    print(markdown)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = when.strftime("%Y%m%dT%H%M%SZ")
    (RESULTS / f"pages-{stamp}.md").write_text(markdown)
    (RESULTS / f"pages-{stamp}.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    log(f"results in {RESULTS}/pages-{stamp}.*")


if __name__ == "__main__":
    main()
