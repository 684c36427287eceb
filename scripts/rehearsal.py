"""The production stack on loopback: `make rehearsal`, and what the stack test and `make bench` start.

    reader ──HTTPS──▶ nginx ──▶ Varnish ──▶ gunicorn (itpark.settings.production) ──▶ PostGIS, Redis
                                                       scheduler (scheduled publishing)

Runs the very files in deploy/ (nginx/itpark.conf, varnish/default.vcl,
gunicorn.conf.py), with only their public name, ports and paths swapped for
loopback ones (each swap must match, or the rehearsal refuses to start: the
files and this script cannot drift apart unnoticed). TLS uses a self-signed
certificate for 127.0.0.1 made on the first run; the production settings get
a throwaway secret key made on the first run. Both live under var/ (never in
the repository), as does everything the stack writes: logs, Varnish's work
directory, collected static files, media.

    .venv/bin/python scripts/rehearsal.py             # until Ctrl-C
    .venv/bin/python scripts/rehearsal.py --seconds 60

In Python (the stack test, the benchmark):

    with Stack(Ports.rehearsal()) as stack:
        urllib.request.urlopen(stack.url("/ru/"), context=stack.tls_context())
"""

import argparse
import os
import secrets
import shutil
import signal
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
VAR = ROOT / "var"
# The virtualenv this runs in (the project's .venv under make).
PYTHON = Path(sys.executable)
GUNICORN = PYTHON.parent / "gunicorn"
PG = "postgis://itpark:itpark@127.0.0.1:5432"
REHEARSAL_DATABASE = "itpark_rehearsal"
START_TIMEOUT = 60  # seconds for each server to answer
OWN_REDIS_PORT = 18479  # started only when no Redis answers at the configured URL


@dataclass(frozen=True)
class Ports:
    """Loopback ports of one stack (all in b2's range, 18400-18499)."""

    gunicorn: int
    varnish: int
    varnish_admin: int
    http: int
    https: int

    @classmethod
    def rehearsal(cls):
        return cls(gunicorn=18401, varnish=18481, varnish_admin=18482, http=18480, https=18443)

    @classmethod
    def stack_test(cls):
        return cls(gunicorn=18411, varnish=18491, varnish_admin=18492, http=18490, https=18453)


def log(message):
    print(message, file=sys.stderr, flush=True)


def swap(text, replacements, source):
    """Replace each `old` with `new` in `text`; every `old` must be there (the deploy file changed otherwise)."""
    for old, new in replacements:
        if old not in text:
            raise SystemExit(f"{source} no longer contains {old!r}: update scripts/rehearsal.py with it")
        text = text.replace(old, new)
    return text


def local_secret_key():
    """A throwaway secret for the loopback stack, made once in var/ (never a real deployment's)."""
    path = VAR / "rehearsal-secret-key"
    if not path.exists():
        VAR.mkdir(exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


def self_signed_certificate():
    """A certificate for 127.0.0.1 and localhost, made once in var/tls/ with openssl."""
    directory = VAR / "tls"
    certificate, key = directory / "rehearsal.pem", directory / "rehearsal.key"
    if not (certificate.exists() and key.exists()):
        directory.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "365",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout", str(key), "-out", str(certificate),
            ],
            check=True,
            capture_output=True,
        )  # fmt: skip
        key.chmod(0o600)
    return certificate, key


class Stack:
    """nginx → Varnish → gunicorn (production settings) → PostGIS and Redis, plus the scheduler, on loopback.

    `database_url`: the database to serve; by default `itpark_rehearsal`, made
    from itpark_template if missing, migrated and given the demo content
    (`prepare_database=False` serves the given database as it is, as the
    stack test does with its test database). `cache_url`: the Redis the app
    caches in. `workers`: gunicorn's worker count. `scheduler`: also run
    scheduled publishing. `media_root`: MEDIA_ROOT (a directory named
    media; by default the rehearsal database's, var/rehearsal/media). `extra_env`: more settings
    for the app processes.
    """

    def __init__(
        self,
        ports,
        *,
        name="rehearsal",
        database_url=None,
        prepare_database=True,
        cache_url="redis://127.0.0.1:6379/5",
        workers=2,
        scheduler=True,
        media_root=None,
        extra_env=None,
    ):
        self.ports = ports
        self.workdir = VAR / name
        self.database_url = database_url or f"{PG}/{REHEARSAL_DATABASE}?conn_max_age=600"
        self.prepare_database = prepare_database
        self.cache_url = cache_url
        self.workers = workers
        self.with_scheduler = scheduler
        self.extra_env = extra_env or {}
        self.processes = {}
        self.base_url = f"https://127.0.0.1:{ports.https}"
        # The rehearsal database's uploads live with it, whichever stack serves it.
        self.media_root = Path(media_root) if media_root else VAR / "rehearsal" / "media"
        if self.media_root.name != "media":  # nginx serves /media/ from its parent (root, as in deploy/)
            raise ValueError(f"MEDIA_ROOT must be a directory named media, not {self.media_root}")
        self.static_root = VAR / "static"  # STATIC_ROOT of the settings

    # Where things are

    def url(self, path):
        """An absolute URL through nginx (HTTPS)."""
        return self.base_url + path

    @property
    def varnish_url(self):
        return f"http://127.0.0.1:{self.ports.varnish}"

    @property
    def gunicorn_url(self):
        return f"http://127.0.0.1:{self.ports.gunicorn}"

    def tls_context(self):
        """An SSL context that trusts the stack's own certificate (and checks the name)."""
        return ssl.create_default_context(cafile=str(self.certificate))

    def app_env(self, **overrides):
        """The environment of the app processes: production settings, as deploy/itpark.env.example lists them."""
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "itpark.settings.production",
            "SECRET_KEY": local_secret_key(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            # nginx passes Host without the port (on 443 there is none): name the loopback origin.
            "CSRF_TRUSTED_ORIGINS": f"{self.base_url},https://localhost:{self.ports.https}",
            "WAGTAILADMIN_BASE_URL": self.base_url,
            "DATABASE_URL": self.database_url,
            "CACHE_URL": self.cache_url,
            "MEDIA_ROOT": str(self.media_root),
            "FRONTEND_CACHE_VARNISH_URL": self.varnish_url,
            "LOG_LEVEL": "WARNING",
            **self.extra_env,
            **overrides,
        }

    # Starting and stopping

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def start(self):
        started = time.monotonic()
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.media_root.mkdir(parents=True, exist_ok=True)
        self.certificate, self.certificate_key = self_signed_certificate()
        self.ensure_redis()
        if self.prepare_database:
            self.make_database()
            log("migrating and loading the demo content…")
            self.manage("migrate", "--no-input")
            self.manage("load_demo_content")
        if self.static_is_stale():
            log("collecting static files…")
            self.manage("collectstatic", "--no-input")
        self.start_gunicorn("gunicorn", self.ports.gunicorn, self.workers)
        self.start_varnish()
        self.start_nginx()
        if self.with_scheduler:
            self.start_scheduler()
        self.wait_for(self.url("/healthz"), "nginx → Varnish → gunicorn", context=self.tls_context())
        log(f"stack up in {time.monotonic() - started:.0f} s: {self.base_url}/ (logs in {self.workdir})")

    def stop(self):
        """Stop every process the stack started, newest first: TERM, then KILL after 10 s."""
        for process in reversed(list(self.processes.values())):
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    continue
        for name, process in reversed(list(self.processes.items())):
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                log(f"{name} did not stop in 10 s: killing it")
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
        self.processes.clear()

    def spawn(self, name, command, env=None):
        log_file = open(self.workdir / f"{name}.log", "ab")  # noqa: SIM115 - the child keeps it open
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True
        )
        log_file.close()
        self.processes[name] = process
        return process

    def manage(self, *args):
        result = subprocess.run(
            [str(PYTHON), "manage.py", *args], cwd=ROOT, env=self.app_env(), capture_output=True, text=True
        )
        if result.returncode:
            raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")

    def ensure_redis(self):
        """Use the Redis at cache_url; if none answers (a fresh machine), start one of our own on loopback."""
        import redis

        try:
            redis.Redis.from_url(self.cache_url, socket_connect_timeout=2).ping()
            return
        except redis.exceptions.ConnectionError:
            pass
        log(f"no Redis at {self.cache_url}: starting one on 127.0.0.1:{OWN_REDIS_PORT}")
        command = [
            "redis-server",
            "--bind",
            "127.0.0.1",
            "--port",
            str(OWN_REDIS_PORT),
            "--save",
            "",
            "--appendonly",
            "no",
        ]
        self.spawn("redis", command)
        database = self.cache_url.rsplit("/", 1)[1] if self.cache_url.count("/") > 2 else "0"
        self.cache_url = f"redis://127.0.0.1:{OWN_REDIS_PORT}/{database}"
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                redis.Redis.from_url(self.cache_url, socket_connect_timeout=2).ping()
                return
            except redis.exceptions.ConnectionError:
                if time.monotonic() > deadline:
                    raise SystemExit("redis-server did not start") from None
                time.sleep(0.2)

    def static_is_stale(self):
        """Is any static source (or the pinned packages that ship static files) newer than the last collectstatic?"""
        manifest = self.static_root / "staticfiles.json"
        if not manifest.exists():
            return True
        sources = [ROOT / "requirements.txt", *(ROOT / "static").rglob("*"), *(ROOT / "site").glob("*/static/**/*")]
        return max(source.stat().st_mtime for source in sources) > manifest.stat().st_mtime

    def make_database(self):
        import psycopg

        name = self.database_url.rsplit("/", 1)[1].split("?")[0]
        with psycopg.connect("postgresql://itpark:itpark@127.0.0.1:5432/itpark", autocommit=True) as connection:
            exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                log(f"creating the database {name} from itpark_template…")
                connection.execute(f'CREATE DATABASE "{name}" TEMPLATE itpark_template')

    def start_gunicorn(self, name, port, workers, **env):
        """gunicorn with deploy/gunicorn.conf.py, on `port`; returns once /healthz answers."""
        environment = self.app_env(
            GUNICORN_BIND=f"127.0.0.1:{port}",
            WEB_CONCURRENCY=str(workers),
            GUNICORN_ACCESS_LOG=str(self.workdir / f"{name}-access.log"),
            **env,
        )
        self.spawn(name, [str(GUNICORN), "--config", str(DEPLOY / "gunicorn.conf.py")], env=environment)
        # Production redirects plain HTTP: ask as nginx does, for HTTPS.
        self.wait_for(f"http://127.0.0.1:{port}/healthz", name, headers={"X-Forwarded-Proto": "https"})

    def start_varnish(self):
        vcl = swap(
            (DEPLOY / "varnish" / "default.vcl").read_text(),
            [('.port = "8001";', f'.port = "{self.ports.gunicorn}";'), ('"Host: itpark.example"', '"Host: 127.0.0.1"')],
            "deploy/varnish/default.vcl",
        )
        (self.workdir / "default.vcl").write_text(vcl)
        secret = self.workdir / "varnish-secret"
        if not secret.exists():
            secret.touch(mode=0o600)
            secret.write_text(secrets.token_hex(32))
        varnish_dir = self.workdir / "varnish"
        shutil.rmtree(varnish_dir, ignore_errors=True)
        command = [
            "varnishd", "-F", "-n", str(varnish_dir),
            "-a", f"127.0.0.1:{self.ports.varnish}", "-T", f"127.0.0.1:{self.ports.varnish_admin}",
            "-S", str(secret), "-f", str(self.workdir / "default.vcl"), "-s", "malloc,128m",
        ]  # fmt: skip
        if os.geteuid() != 0:
            command += ["-j", "none"]  # unprivileged: no jail to drop into
        self.spawn("varnish", command)
        self.wait_for(f"{self.varnish_url}/healthz", "varnish", headers={"X-Forwarded-Proto": "https"})

    def start_nginx(self):
        prefix = self.workdir / "nginx"
        prefix.mkdir(exist_ok=True)
        proxy = prefix / "itpark-proxy.conf"
        shutil.copyfile(DEPLOY / "nginx" / "itpark-proxy.conf", proxy)
        site = swap(
            (DEPLOY / "nginx" / "itpark.conf").read_text(),
            [
                ("server 127.0.0.1:6081;", f"server 127.0.0.1:{self.ports.varnish};"),
                ("    listen 80;\n    listen [::]:80;\n", f"    listen 127.0.0.1:{self.ports.http};\n"),
                (
                    "    listen 443 ssl http2;\n    listen [::]:443 ssl http2;\n",
                    f"    listen 127.0.0.1:{self.ports.https} ssl http2;\n",
                ),
                ("server_name itpark.example;", "server_name 127.0.0.1 localhost;"),
                ("return 301 https://$host$request_uri;", f"return 301 https://$host:{self.ports.https}$request_uri;"),
                ("/etc/ssl/certs/itpark.example.pem", str(self.certificate)),
                ("/etc/ssl/private/itpark.example.key", str(self.certificate_key)),
                ("include /etc/nginx/itpark-proxy.conf;", f"include {proxy};"),
                ("location ~ \"^/static/.+\\.[0-9a-f]{12}\\.[A-Za-z0-9]+$\" {\n        root /srv/itpark/var;",
                 f"location ~ \"^/static/.+\\.[0-9a-f]{{12}}\\.[A-Za-z0-9]+$\" {{\n        root {self.static_root.parent};"),
                ("location /static/ {\n        root /srv/itpark/var;",
                 f"location /static/ {{\n        root {self.static_root.parent};"),
                ("location ^~ /media/ {\n        root /srv/itpark/var;",
                 f"location ^~ /media/ {{\n        root {self.media_root.parent};"),
            ],
            "deploy/nginx/itpark.conf",
        )  # fmt: skip
        (prefix / "itpark.conf").write_text(site)
        (prefix / "nginx.conf").write_text(
            f"""# Written by scripts/rehearsal.py: the main file Debian's /etc/nginx/nginx.conf would be.
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    server_tokens off;
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {prefix}/itpark.conf;
}}
"""
        )
        command = ["nginx", "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"]
        check = subprocess.run([*command[:-2], "-t"], capture_output=True, text=True)
        if check.returncode:
            raise SystemExit(f"nginx refuses the configuration:\n{check.stderr}")
        self.spawn("nginx", command)

    def start_scheduler(self):
        """Scheduled publishing: `manage.py run_scheduler`, the worker the systemd unit runs."""
        command = [str(PYTHON), "manage.py", "run_scheduler"]
        if not any((ROOT / "site").glob("*/management/commands/run_scheduler.py")):
            # Not on this branch yet: Wagtail's own command, once a minute (what the worker does).
            command = [
                "bash", "-c",
                f"while true; do {PYTHON} manage.py publish_scheduled || exit 1; sleep 60; done",
            ]  # fmt: skip
        self.spawn("scheduler", command, env=self.app_env())

    def wait_for(self, url, name, headers=None, context=None):
        deadline = time.monotonic() + START_TIMEOUT
        last = None
        while time.monotonic() < deadline:
            for process_name, process in self.processes.items():
                if process.poll() is not None:
                    tail = (self.workdir / f"{process_name}.log").read_text(errors="replace")[-2000:]
                    raise SystemExit(f"{process_name} exited ({process.returncode}):\n{tail}")
            try:
                request = urllib.request.Request(url, headers=headers or {})
                with urllib.request.urlopen(request, timeout=5, context=context) as response:
                    if response.status == 200:
                        return
            except (OSError, urllib.error.URLError) as error:
                last = error
            time.sleep(0.3)
        raise SystemExit(f"{name} did not answer {url} within {START_TIMEOUT} s: {last}")


def main():
    parser = argparse.ArgumentParser(description="The production stack on loopback (make rehearsal).")
    parser.add_argument("--seconds", type=int, default=0, help="stop after this many seconds (default: at Ctrl-C)")
    args = parser.parse_args()
    # Ctrl-C, and a plain `kill` too, stop the stack cleanly (its servers run in sessions of their own).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))
    with Stack(Ports.rehearsal()) as stack:
        print(f"\nThe production rehearsal is up: {stack.url('/')}  (admin: {stack.url('/admin/')})")
        print(f"  its certificate: {stack.certificate} (self-signed; trust it or accept the warning)")
        print(f"  Varnish {stack.varnish_url}, gunicorn {stack.gunicorn_url}, logs in {stack.workdir}")
        print("Ctrl-C stops everything.", flush=True)
        try:
            if args.seconds:
                time.sleep(args.seconds)
            else:
                while True:
                    time.sleep(3600)
        except KeyboardInterrupt:
            print("\nstopping…", flush=True)


if __name__ == "__main__":
    main()
