"""QR codes and the embed's way out, in real Chromium: the SVG code drawn by
the browser reads back (zbar) as the page's address, the embed dialog links
the code of the building chosen there, a printed building page carries its
plan and its code with the address in words, and "Open the full map" in a
sandboxed frame opens the map page in a new tab with the same options."""

import shutil
import subprocess
from urllib.parse import parse_qs, urlsplit

from django.conf import settings

import pytest

from tests.browser.test_embed_browser import framed  # noqa: F401 (the fixture)
from tests.browser.waiting import wait_until

ZBARIMG = shutil.which("zbarimg")
READY = "#park-map[data-ready='true']"


def read_code(png, tmp_path):
    """The text of the one QR code in a screenshot, read by zbar."""
    assert ZBARIMG, "zbarimg is missing: run scripts/install-system-packages.sh --test"
    path = tmp_path / "screenshot.png"
    path.write_bytes(png)
    result = subprocess.run(
        [ZBARIMG, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(path)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def base():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


@pytest.mark.parametrize(
    ("path", "expected"),
    [("/ru/map/qr.svg", "/ru/map/"), ("/en/map/qr.svg?building=office-a", "/en/buildings/office-a/")],
)
def test_the_svg_code_as_chromium_draws_it_reads_as_the_page_address(page, live_site, tmp_path, path, expected):
    """If this fails, the vector QR code a designer puts on a poster does not lead to the page."""
    page.goto(live_site + path)
    png = page.locator("svg").screenshot()
    assert read_code(png, tmp_path) == base() + expected
    assert page.title().startswith(("QR-код:", "QR code:"))


def test_the_embed_dialog_links_the_code_of_the_chosen_building(page, live_site):
    """If this fails, a journalist downloads the QR code of the whole map for an article about one building."""
    page.goto(live_site + "/en/map/")
    page.locator(READY).wait_for()
    page.locator("#embed-open").click()
    page.locator("dialog#embed-dialog[open]").wait_for()
    link = page.locator("#embed-link-qr-svg")
    assert link.get_attribute("href").endswith("/en/map/qr.svg")
    page.select_option("#embed-building", "office-a")
    wait_until(page, "() => document.getElementById('embed-link-qr-png').href.endsWith('qr.png?building=office-a')")
    assert link.get_attribute("href").endswith("/en/map/qr.svg?building=office-a")
    page.select_option("#embed-lang", "ru")
    wait_until(page, "() => document.getElementById('embed-link-qr-svg').href.includes('/ru/map/qr.svg')")
    response = page.request.get(page.locator("#embed-link-qr-png").get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == "image/png"


@pytest.mark.parametrize("path", ["/en/buildings/office-a/", "/ru/map/"])
def test_a_printed_page_has_the_plan_and_the_code_with_the_address(page, live_site, tmp_path, path):
    """If this fails, a printed building page (or map) leaves out the plan, or the way back to the page."""
    page.goto(live_site + path)
    page.wait_for_load_state("networkidle")
    qr = page.locator(".print-qr")
    assert qr.is_hidden()  # on screen, the page needs no code
    page.emulate_media(media="print")
    assert qr.is_visible()
    assert page.locator(".site-header").is_hidden()
    assert page.locator(".site-plan__drawing").first.is_visible()
    address = page.locator(".print-qr__url").inner_text()
    assert address == base() + path
    image = page.locator(".print-qr__code")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    assert read_code(image.screenshot(), tmp_path) == address
    page.set_viewport_size({"width": 360, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_open_the_full_map_from_a_sandboxed_frame_keeps_the_options(framed):  # noqa: F811 (the fixture)
    """If this fails, a reader who leaves the article for the full map loses the building, layers or year shown,
    or the sandboxed frame blocks the new tab."""
    page, frame, context, _record = framed(
        "/en/map/embed/?building=office-a&layers=buildings,street&year=2027&theme=dark"
    )
    with context.expect_page() as new_tab:
        frame.locator("#map-full-link").click()
    opened = new_tab.value
    opened.wait_for_load_state()
    url = urlsplit(opened.url)
    assert url.path == "/en/map/"
    query = parse_qs(url.query)
    assert query["building"] == ["office-a"] and query["year"] == ["2027"]
    assert query["layers"] == ["buildings,street"]
    opened.locator(READY).wait_for()
    assert opened.locator("path.map-building--selected").count() == 1
    assert opened.locator("path.map-boundary").count() == 0
    assert urlsplit(page.url).path == "/article.html"  # the article stays where it was
