"""With the database gone or hung, the site says so quickly and honestly, and recovers by itself.

A real gunicorn with production settings runs in a subprocess per scenario,
its DATABASE_URL pointing at (a) a port where nothing listens, (b) a socket
that accepts connections and never answers, (c) a port that starts closed
and then forwards to the real PostgreSQL.
"""

import contextlib
import http.client
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
REFUSED_DB_PORT, HUNG_DB_PORT, RETURNING_DB_PORT = 18211, 18212, 18213
SERVER_PORTS = {"refused": 18221, "hung": 18222, "returning": 18223}
BUDGET_SECONDS = 5
HTTPS = {"X-Forwarded-Proto": "https"}  # as the proxy says for HTTPS visitors


def real_database():
    """Host, port and name of the database the tests use, from DATABASE_URL."""
    from django.conf import settings

    config = settings.DATABASES["default"]
    return config["HOST"] or "127.0.0.1", int(config["PORT"] or 5432), config["NAME"]


class SilentDatabase:
    """A TCP port that accepts connections and never says a word: a hung database server."""

    def __init__(self, port):
        self.listener = socket.create_server(("127.0.0.1", port))
        self.accepted = []
        self.thread = threading.Thread(target=self.accept, daemon=True)
        self.thread.start()

    def accept(self):
        with contextlib.suppress(OSError):
            while True:
                connection, _address = self.listener.accept()
                self.accepted.append(connection)

    def close(self):
        self.listener.close()
        for connection in self.accepted:
            connection.close()


class Forwarder:
    """Once started, forwards a local port to the real PostgreSQL: the database coming back."""

    def __init__(self, port, target):
        self.port, self.target = port, target
        self.listener = None
        self.sockets = []

    def start(self):
        self.listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        with contextlib.suppress(OSError):
            while True:
                client, _address = self.listener.accept()
                upstream = socket.create_connection(self.target, timeout=5)
                self.sockets += [client, upstream]
                for source, sink in ((client, upstream), (upstream, client)):
                    threading.Thread(target=self.pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def pump(source, sink):
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)

    def close(self):
        if self.listener:
            self.listener.close()
        for sock in self.sockets:
            sock.close()


class Server:
    """gunicorn with production settings on `port`, logging to `log`."""

    def __init__(self, port, database_url, log):
        self.port, self.log = port, log
        env = {key: value for key, value in os.environ.items() if key not in ("DJANGO_SETTINGS_MODULE",)}
        env.update(
            DJANGO_SETTINGS_MODULE="itpark.settings.production",
            DATABASE_URL=database_url,
            SECRET_KEY="outage-test-key-" + "x" * 40,
            ALLOWED_HOSTS="127.0.0.1",
            WAGTAILADMIN_BASE_URL="https://itpark.example",
            CACHE_URL="locmemcache://",
            LOG_LEVEL="INFO",
        )
        self.log_file = log.open("w")
        self.process = subprocess.Popen(
            [
                str(GUNICORN),
                "itpark.wsgi",
                "--pythonpath",
                "site",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--threads",
                "4",
                "--timeout",
                "30",
                "--no-control-socket",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            assert self.process.poll() is None, log.read_text()
            time.sleep(0.2)
        else:
            raise AssertionError(f"gunicorn did not start: {log.read_text()}")
        # The first request waits for the worker to boot and load the URLconf, templates and
        # translations: not what the budget measures.
        for path in ("/healthz", "/ru/", "/api/map/site.geojson"):
            self.get(path, headers=HTTPS)

    def get(self, path, headers=HTTPS):
        """(response, body, seconds) for a GET of `path`."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        started = time.monotonic()
        connection.request("GET", path, headers=dict(headers))
        response = connection.getresponse()
        body = response.read().decode()
        seconds = time.monotonic() - started
        connection.close()
        return response, body, seconds

    def log_lines(self):
        self.log_file.flush()
        return self.log.read_text().splitlines()

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log_file.close()


def database_url(port):
    _host, _port, name = real_database()
    return f"postgis://itpark:itpark@127.0.0.1:{port}/{name}"


@pytest.fixture(scope="module", params=["refused", "hung"])
def down(request, tmp_path_factory):
    """A production server whose database refuses connections, or accepts and never answers."""
    silent = SilentDatabase(HUNG_DB_PORT) if request.param == "hung" else None
    port = HUNG_DB_PORT if silent else REFUSED_DB_PORT
    server = Server(
        SERVER_PORTS[request.param], database_url(port), tmp_path_factory.mktemp(request.param) / "gunicorn.log"
    )
    yield server
    server.stop()
    if silent:
        silent.close()


def outage_lines(server):
    return [line for line in server.log_lines() if "Database unavailable" in line]


def test_healthz_answers_503_within_five_seconds_even_over_plain_http(down):
    """A load balancer asking over plain HTTP learns at once that this instance is down, not after 30 s or a redirect."""
    response, body, seconds = down.get("/healthz", headers={})
    assert response.status == 503
    assert seconds < BUDGET_SECONDS
    assert '"database": "unreachable"' in body


@pytest.mark.parametrize(
    ("path", "heading", "second"),
    [
        ("/ru/", "Временно недоступно", "Temporarily unavailable"),
        ("/en/news/", "Temporarily unavailable", "Временно недоступно"),
        ("/ru/buildings/", "Временно недоступно", "Temporarily unavailable"),
    ],
)
def test_public_pages_say_temporarily_unavailable_with_retry_after(down, path, heading, second):
    """Visitors see a short "temporarily unavailable" page in their language first (not "server error"), quickly."""
    before = len(outage_lines(down))
    response, body, seconds = down.get(path)
    assert response.status == 503
    assert seconds < BUDGET_SECONDS
    assert response.getheader("Retry-After") == "30"
    assert response.getheader("Content-Type").startswith("text/html")
    assert "no-store" in response.getheader("Cache-Control")
    language = path[1:3]
    assert f'<h1 id="unavailable-{language}">{heading}</h1>' in body
    assert f">{second}</h2>" in body
    assert f'<html lang="{language}">' in body
    lines = outage_lines(down)
    assert len(lines) == before + 1, "one log line per failed request"
    assert f"for GET {path}" in lines[-1]


@pytest.mark.parametrize(
    "path",
    ["/api/map/buildings.geojson?lang=ru", "/api/map/site.geojson", "/oembed?url=https://itpark.example/ru/map/"],
)
def test_api_and_oembed_answer_json_503_with_cors(down, path):
    """Other sites' maps and embeds get a JSON 503 they are allowed to read, not an HTML 500 blocked by CORS."""
    response, body, seconds = down.get(path)
    assert response.status == 503
    assert seconds < BUDGET_SECONDS
    assert response.getheader("Content-Type") == "application/json"
    assert response.getheader("Access-Control-Allow-Origin") == "*"
    assert response.getheader("Retry-After") == "30"
    assert "temporarily unavailable" in body


def test_each_failure_is_one_log_line_without_tracebacks(down):
    """The log says once per request what went wrong, instead of burying it in two tracebacks."""
    down.get("/en/map/")
    lines = down.log_lines()
    assert not [line for line in lines if "Traceback" in line], "\n".join(lines)
    assert not [line for line in lines if "Internal Server Error" in line or "Service Unavailable" in line]
    assert outage_lines(down)


@pytest.fixture(scope="module")
def returning(tmp_path_factory):
    forwarder = Forwarder(RETURNING_DB_PORT, real_database()[:2])
    server = Server(
        SERVER_PORTS["returning"], database_url(RETURNING_DB_PORT), tmp_path_factory.mktemp("returning") / "g.log"
    )
    yield server, forwarder
    server.stop()
    forwarder.close()


def test_the_site_recovers_on_the_next_request_when_the_database_returns(returning):
    """After an outage nobody needs to restart the app: the first request after the database is back succeeds."""
    server, forwarder = returning
    response, _body, _seconds = server.get("/healthz")
    assert response.status == 503
    forwarder.start()
    response, body, _seconds = server.get("/healthz")
    assert response.status == 200, body
    assert '"database": "ok"' in body


def test_timeouts_are_set_by_default_and_can_be_changed_in_database_url(monkeypatch):
    """Without configuration PostgreSQL gives up after 3 s to connect and 10 s per query; an operator may choose others."""
    from itpark.settings.base import database_from_env

    monkeypatch.setenv("DATABASE_URL", "postgis://itpark:secret@db.example:5432/itpark")
    options = database_from_env("spatialite://")["OPTIONS"]
    assert options == {"connect_timeout": 3, "options": "-c statement_timeout=10000"}
    monkeypatch.setenv(
        "DATABASE_URL",
        "postgis://itpark:secret@db.example:5432/itpark?connect_timeout=7&options=-c%20statement_timeout%3D30000",
    )
    options = database_from_env("spatialite://")["OPTIONS"]
    assert options == {"connect_timeout": 7, "options": "-c statement_timeout=30000"}
    monkeypatch.setenv("DATABASE_URL", "spatialite:///var/test.sqlite3")
    assert "connect_timeout" not in database_from_env("spatialite://").get("OPTIONS", {})


def test_an_outage_raised_outside_any_view_still_answers_503_in_one_line(rf, caplog):
    """A database error in a middleware (not a view) still gives visitors the "temporarily unavailable" page.

    Django's own "Internal Server Error" traceback for it is filtered out of the
    production log, leaving the one line that says what happened."""
    from django.db import OperationalError

    from core.middleware import SkipOutageTracebacks
    from core.views import server_error

    caplog.set_level(logging.INFO, logger="itpark.outage")
    try:
        raise OperationalError("connection to server failed:\n  Connection refused")
    except OperationalError as error:
        response = server_error(rf.get("/en/news/"))
        traceback_record = logging.LogRecord(
            "django.request", logging.ERROR, "", 0, "Internal Server Error", (), (type(error), error, None)
        )
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Temporarily unavailable" in response.content.decode()
    assert [record.getMessage() for record in caplog.records] == [
        "Database unavailable (connection to server failed: Connection refused) for GET /en/news/"
    ]
    assert not SkipOutageTracebacks().filter(traceback_record)
    try:
        raise ValueError("a bug")
    except ValueError as error:
        assert server_error(rf.get("/en/news/")).status_code == 500, "other errors stay 500s"
        assert SkipOutageTracebacks().filter(
            logging.LogRecord("django.request", logging.ERROR, "", 0, "x", (), (ValueError, error, None))
        )
