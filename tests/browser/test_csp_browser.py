"""The site works under its own Content-Security-Policy: every public page type
in both languages, the embed framed by another origin, the map with a tile
layer on a second origin, and the admin's main screens load in Chromium with
0 CSP violations.

An init script records every `securitypolicyviolation` event in each frame,
and the console's CSP errors are collected too; either fails the test. The
policies are the site's real headers (no test adds or removes one)."""

import http.server
import io
import threading
import uuid
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse

from wagtail.models import Page

import pytest
from PIL import Image

from buildings.models import BuildingPage
from map.models import MapFeature
from news.models import ArticlePage
from tests.browser.committed import committed
from tests.browser.test_admin_map import log_in
from tests.factories import SuperuserFactory

SANDBOX = "allow-scripts allow-popups allow-popups-to-escape-sandbox"
# Runs in every frame before the page's own scripts: records CSP violations for the test to read.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


def tile_png():
    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), (200, 220, 200)).save(buffer, "PNG")
    return buffer.getvalue()


class TileHandler(http.server.BaseHTTPRequestHandler):
    """Answers every GET with the same 256x256 PNG, and counts the requests."""

    def do_GET(self):
        self.server.requests += 1
        body = self.server.png
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def tile_server():
    """A tile server on a second loopback origin (http://127.0.0.1:<other port>)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), TileHandler)
    server.png = tile_png()
    server.requests = 0
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def watched(new_page):
    """Factory: a page recording CSP violations (events in every frame, and console errors)."""

    def make(**options):
        page = new_page(**options)
        page.csp_console = []
        page.add_init_script(LISTEN)
        page.on(
            "console",
            lambda message: (
                page.csp_console.append(message.text)
                if message.type == "error" and "Content Security Policy" in message.text
                else None
            ),
        )
        return page

    return make


def violations(page):
    found = list(page.csp_console)
    for frame in page.frames:
        found += frame.evaluate("window.__violations ?? ['listener missing']")
    return found


def public_urls():
    """Every public page type in both languages: (url, what the page must show)."""
    urls = []
    for language in ("ru", "en"):
        article = ArticlePage.objects.live().filter(locale__language_code=language).order_by("-date").first()
        tag = article.tags.first()
        urls += [
            f"/{language}/",
            f"/{language}/news/",
            article.url,
            f"/{language}/news/?tag={tag.slug}",
            f"/{language}/buildings/",
            f"/{language}/buildings/office-a/",
            f"/{language}/map/",
            f"/{language}/map/embed/?building=office-a",
            f"/{language}/search/?q=office",
            f"/{language}/no-such-page/",
        ]
    return urls


def test_every_public_page_type_loads_without_a_csp_violation(watched, live_site):
    """If this fails, the site's own policy blocks part of a public page (a script, a style, an image):
    readers see it broken, in one language or both."""
    page = watched()
    failures = {}
    for url in public_urls():
        response = page.goto(live_site.url + url)
        assert response.status == (404 if "no-such-page" in url else 200), url
        assert response.headers["content-security-policy"].startswith("default-src 'self'"), url
        if "/map/" in url:
            page.locator("#park-map[data-ready='true']").wait_for()
        page.wait_for_timeout(100)
        if found := violations(page):
            failures[url] = found
    assert failures == {}, "\n".join(f"{url}: {found}" for url, found in failures.items())
    assert page.blocked_requests == []


def test_the_embed_framed_by_another_origin_has_no_csp_violation(watched, live_site, article_site):
    """If this fails, the embed inside a newsroom's article is blocked or broken by our own policy."""
    page = watched(also=[article_site.url])
    src = f"{live_site.url}/en/map/embed/?building=office-a"
    article_site.html = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Article</title></head><body>'
        f'<iframe id="embed" src="{src}" title="Map" width="800" height="500" sandbox="{SANDBOX}"></iframe>'
        "</body></html>"
    )
    page.goto(article_site.url + "/article.html")
    page.frame_locator("#embed").locator("#park-map[data-ready='true']").wait_for(timeout=15_000)
    assert len(page.frames) == 2
    assert violations(page) == []


@pytest.mark.parametrize("path", ["/ru/map/", "/en/map/embed/"])
def test_map_tiles_from_the_configured_host_are_allowed(watched, live_site, tile_server, path):
    """If this fails, the map's tiles are blocked by the policy when a tile server is configured."""
    origin = f"http://127.0.0.1:{tile_server.server_address[1]}"
    before = tile_server.requests
    with override_settings(MAP_TILE_URL=origin + "/tiles/{z}/{x}/{y}.png"):
        page = watched(also=[origin])
        response = page.goto(live_site.url + path)
        assert f"img-src 'self' data: {origin};" in response.headers["content-security-policy"]
        page.locator("#park-map[data-ready='true']").wait_for()
        page.locator(".leaflet-tile-loaded").first.wait_for()
    assert tile_server.requests > before
    assert violations(page) == []
    assert page.blocked_requests == []


def store_admin(tag):
    SuperuserFactory(username=f"csp-{tag}", admin_language="en")


def remove_admin(tag):
    get_user_model().objects.filter(username=f"csp-{tag}").delete()


@pytest.fixture
def administrator(django_db_blocker):
    tag = uuid.uuid4().hex[:8]
    with django_db_blocker.unblock():
        committed(store_admin, tag)
        try:
            yield f"csp-{tag}"
        finally:
            committed(remove_admin, tag)


def test_the_admins_main_screens_work_under_its_policy(watched, live_site, administrator, ru):
    """If this fails, the admin's policy blocks part of an editor's screen (the map widget, the editor,
    the explorer): editors cannot do their work."""
    page = watched()
    log_in(page, live_site, administrator)
    building = BuildingPage.objects.get(locale=ru, slug="office-a")
    feature = MapFeature.objects.filter(locale=ru).first()
    home = Page.objects.get(depth=2, locale=ru)
    screens = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[home.pk]),
        reverse("wagtailadmin_pages:edit", args=[building.pk]),
        reverse("wagtailsnippets_map_mapfeature:edit", args=[feature.pk]),
        reverse("wagtailimages:index"),
    ]
    failures = {}
    for url in screens:
        response = page.goto(live_site.url + url)
        assert response.status == 200, url
        assert urlsplit(page.url).path == url
        assert "default-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
        if found := violations(page):
            failures[url] = found
    assert failures == {}, "\n".join(f"{url}: {found}" for url, found in failures.items())
