"""The security headers every response carries: Content-Security-Policy (public
pages, the embed, the admin), Permissions-Policy, Cross-Origin-Resource-Policy
and Django's own (nosniff, Referrer-Policy, X-Frame-Options, COOP).

The exact strings are pinned here; README.md ("Security headers") quotes them."""

from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

import pytest

from core.security import in_order, tile_origin
from tests.factories import SuperuserFactory

PUBLIC_CSP = (
    "default-src 'self'; connect-src 'self'; script-src 'self'; object-src 'none'; style-src 'self'; "
    "font-src 'self'; frame-src 'self'; img-src 'self'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
EMBED_CSP = PUBLIC_CSP.replace("frame-ancestors 'none'", "frame-ancestors *")
ADMIN_CSP = (
    "default-src 'self'; connect-src 'self'; script-src 'self' 'unsafe-inline'; object-src 'none'; "
    "style-src 'self' 'unsafe-inline'; "
    "font-src 'self'; frame-src 'self'; img-src 'self' data: blob:; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'self'"
)
PERMISSIONS_POLICY = (
    "accelerometer=(), ambient-light-sensor=(), autoplay=(), bluetooth=(), browsing-topics=(), camera=(), "
    "clipboard-write=(self), display-capture=(), encrypted-media=(), fullscreen=(self), "
    "geolocation=(), gyroscope=(), hid=(), idle-detection=(), interest-cohort=(), local-fonts=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), screen-wake-lock=(), "
    "serial=(), usb=(), xr-spatial-tracking=()"
)
pytestmark = pytest.mark.django_db

TILES = "https://{s}.tiles.example:8443/{z}/{x}/{y}.png"


@pytest.mark.parametrize(
    "url",
    [
        "/ru/",
        "/en/",
        "/ru/news/",
        "/en/buildings/",
        "/ru/buildings/office-a/",
        "/en/map/",
        "/ru/search/?q=office",
        "/en/no-such-page/",
    ],
)
def test_public_pages_send_the_strict_policy(client, url):
    """If this fails, a public page runs without a CSP (or with a weaker one): stored script could run there,
    other sites could frame it, and Observatory marks the site down."""
    response = client.get(url)
    assert response.status_code in (200, 404)
    assert response["Content-Security-Policy"] == PUBLIC_CSP
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_the_embed_may_be_framed_and_loaded_by_other_sites(client):
    """If this fails, newsrooms cannot frame the map, or the embed runs with a weaker policy than the site."""
    response = client.get("/ru/map/embed/?building=office-a")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == EMBED_CSP
    assert "X-Frame-Options" not in response
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY


@override_settings(EMBED_FRAME_ANCESTORS=[])
def test_an_empty_frame_ancestors_setting_lets_nobody_frame_the_embed(client):
    """If this fails, a deployment that lists no embedding site would let every site frame the map."""
    response = client.get("/en/map/embed/")
    assert response["Content-Security-Policy"] == PUBLIC_CSP


@pytest.mark.parametrize(
    "url",
    [
        "/api/map/buildings.geojson",
        "/api/map/site.geojson?lang=en",
        "/oembed?url=http://testserver/ru/map/&format=json",
        "/ru/map/plan.svg",
        "/en/map/plan.png?width=300",
        "/ru/map/buildings.kml",
        "/en/map/buildings.csv",
    ],
)
def test_data_for_other_sites_may_be_loaded_by_them(client, url):
    """If this fails, other sites' pages can no longer show the plan or use the API and oEmbed answers."""
    response = client.get(url)
    assert response.status_code == 200, response.content[:200]
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_admin_gets_its_own_strict_policy(client):
    """If this fails, the admin runs without a CSP (stored script could act as an administrator),
    or with the public one, under which parts of it break."""
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == ADMIN_CSP
    client.force_login(SuperuserFactory(username="csp-admin"))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == ADMIN_CSP
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


@override_settings(MAP_TILE_URL=TILES)
@pytest.mark.parametrize("url", ["/ru/map/", "/en/map/embed/", "/admin/login/"])
def test_the_configured_tile_host_and_only_it_may_serve_images(client, url):
    """If this fails, the map shows no tiles (blocked by the policy), or the policy allows more hosts than the
    one configured."""
    response = client.get(url)
    img_src = [d for d in response["Content-Security-Policy"].split("; ") if d.startswith("img-src ")]
    expected = "img-src 'self' data: blob: https://*.tiles.example:8443" if url.startswith("/admin/") else None
    assert img_src == [expected or "img-src 'self' data: https://*.tiles.example:8443"]


@pytest.mark.parametrize(
    ("template", "origin"),
    [
        ("", ""),
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("https://{s}.tile.example/{z}/{x}/{y}.png?key=abc", "https://*.tile.example"),
        ("http://127.0.0.1:18150/tiles/{z}/{x}/{y}.png", "http://127.0.0.1:18150"),
        ("/tiles/{z}/{x}/{y}.png", ""),
    ],
)
def test_tile_origin_is_exactly_the_templates_host(template, origin):
    """If this fails, the policy names the wrong tile host: no tiles, or a wider allowance than configured."""
    assert tile_origin(template) == origin


@pytest.mark.parametrize(
    "template",
    ["https://tiles.{s}.example/{z}/{x}/{y}.png", "ftp://tiles.example/{z}/{x}/{y}.png", "https://t.example:{p}/"],
)
def test_a_tile_template_that_cannot_be_a_csp_source_is_refused(template):
    """If this fails, a mistyped MAP_TILE_URL silently yields a policy that blocks or over-allows tiles."""
    with pytest.raises(ImproperlyConfigured, match="MAP_TILE_URL"):
        tile_origin(template)


def test_directives_come_in_one_order():
    """If this fails, the same policy is a different string per server process (caches and logs disagree)."""
    assert in_order("img-src 'self'; frame-ancestors 'none'; default-src 'self'") == (
        "default-src 'self'; img-src 'self'; frame-ancestors 'none'"
    )


@pytest.mark.parametrize(
    ("stored", "href"),
    [
        ("https://klops.ru/news/1", "https://klops.ru/news/1"),
        ("http://example.org/?a=1&b=2", "http://example.org/?a=1&b=2"),
        ("mailto:info@itpark.example", "mailto:info@itpark.example"),
        ("/ru/buildings/office-a/", "/ru/buildings/office-a/"),
        ("javascript:alert(1)", ""),
        (" JavaScript:alert(1)", ""),
        ("java\tscript:alert(1)", ""),
        ("data:text/html,<script>alert(1)</script>", ""),
        ("vbscript:msgbox(1)", ""),
        ("//evil.example/", ""),
        ("/\\evil.example/", ""),
        ("relative/path", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_only_web_addresses_become_link_targets(stored, href):
    """If this fails, a `javascript:` address stored in a banner, organisation or article source (through a
    translation, an import or the shell) becomes a link that runs script when a reader clicks it."""
    from core.templatetags.links import web_url

    assert web_url(stored) == href
