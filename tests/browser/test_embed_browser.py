"""The embeddable map in real Chromium, framed by a page of another origin in
a sandboxed iframe as a newsroom's article would, and the embed code
generator's dialog on the map page.

The article is served by the `article_site` fixture on http://localhost:<port>,
the site by the live server on http://127.0.0.1:<port>: two origins. The
frame has sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"
(no allow-same-origin), so the embed runs in an opaque origin: its module
scripts and API requests are CORS requests."""

import gzip
import urllib.request
from urllib.parse import urlsplit

import pytest

from tests.browser.waiting import wait_until

SANDBOX = "allow-scripts allow-popups allow-popups-to-escape-sandbox"
BUDGET_BYTES = 150 * 1024
READY = "#park-map[data-ready='true']"


def article(embed_url):
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A newsroom article</title></head>
<body><h1>News about the park</h1>
<iframe id="embed" src="{embed_url}" title="Map of the IT park" width="800" height="500"
 sandbox="{SANDBOX}" loading="lazy" allowfullscreen></iframe>
<p style="height: 2000px">More of the article.</p>
</body></html>"""


@pytest.fixture
def framed(browser, live_site, article_site):
    """Factory: open the article framing `path` of the live site; returns (page, frame, context, record).

    The context lets only the two local origins through and records every
    other request in record["blocked"] and the embed's responses in
    record["responses"]."""
    contexts = []
    allowed = {urlsplit(live_site.url).netloc, urlsplit(article_site.url).netloc}

    def make(path, **context_options):
        context_options.setdefault("viewport", {"width": 1000, "height": 800})
        context = browser.new_context(**context_options)
        contexts.append(context)
        record = {"blocked": [], "responses": [], "errors": []}

        def only_local(route):
            url = route.request.url
            if url.startswith(("data:", "blob:")) or urlsplit(url).netloc in allowed:
                route.continue_()
            else:
                record["blocked"].append(url)
                route.abort("blockedbyclient")

        context.route("**/*", only_local)
        page = context.new_page()
        page.on("pageerror", lambda error: record["errors"].append(str(error)))
        page.on(
            "response",
            lambda response: (
                record["responses"].append(response)
                if urlsplit(response.url).netloc == urlsplit(live_site.url).netloc
                else None
            ),
        )
        article_site.html = article(live_site + path)
        page.goto(article_site.url + "/article.html")
        frame = page.frame_locator("#embed")
        frame.locator(READY).wait_for(timeout=15_000)
        return page, frame, context, record

    yield make
    for context in contexts:
        context.close()


def test_framed_embed_shows_the_park_with_the_building_highlighted(framed, live_site):
    """If this fails, the map inside a newsroom's sandboxed frame is empty, or not showing the chosen building."""
    _page, frame, _context, record = framed("/ru/map/embed/?building=office-a")
    assert frame.locator("path.map-building").count() == 17
    selected = frame.locator("path.map-building--selected")
    assert selected.count() == 1
    popup = frame.locator(".leaflet-popup")
    assert popup.count() == 1
    assert popup.locator(".map-popup__name").inner_text() == "Офисный центр A"
    link = popup.locator("a.map-popup__link")
    assert link.get_attribute("target") == "_blank"
    assert link.get_attribute("rel") == "noopener"
    assert urlsplit(link.get_attribute("href")).path == "/ru/buildings/office-a/"
    assert frame.locator("html").get_attribute("lang") == "ru"
    assert record["errors"] == []


def test_popup_link_opens_the_site_in_a_new_tab_from_the_sandbox(framed):
    """If this fails, readers clicking "open the building's page" inside the article get nothing, or lose the article."""
    page, frame, context, _record = framed("/en/map/embed/?building=office-a")
    with context.expect_page() as new_tab:
        frame.locator(".leaflet-popup a.map-popup__link").click()
    opened = new_tab.value
    opened.wait_for_load_state()
    assert urlsplit(opened.url).path == "/en/buildings/office-a/"
    assert urlsplit(page.url).path == "/article.html"  # the article stays where it was


def test_framed_embed_sets_no_cookies_and_asks_no_other_host(framed, live_site):
    """If this fails, the embed would put cookies on newsroom readers or leak their visits to third parties."""
    _page, frame, context, record = framed("/ru/map/embed/?building=office-a&scroll=1")
    frame.locator(".leaflet-popup").wait_for()
    assert context.cookies() == []
    assert record["blocked"] == []
    failed = [f"{response.status} {response.url}" for response in record["responses"] if response.status >= 400]
    assert failed == []


def test_embed_loads_within_its_budget(framed):
    """If this fails, the embed has grown past 150 KB before tiles: slow articles on phones.

    "Transferred" is measured as production sends it: WhiteNoise serves static
    files pre-compressed, so every response the embed loads (HTML, CSS, JS,
    JSON) counts at its gzip-compressed size (level 9, as WhiteNoise's)."""
    page, _frame, _context, record = framed("/en/map/embed/?building=office-a")
    page.wait_for_load_state("networkidle")
    sizes = {response.url: len(gzip.compress(response.body(), compresslevel=9)) for response in record["responses"]}
    kinds = {urlsplit(url).path.rsplit(".", 1)[-1] for url in sizes}
    assert {"js", "css", "geojson"} <= kinds, sizes
    total = sum(sizes.values())
    assert total <= BUDGET_BYTES, f"{total} bytes: {sorted(sizes.items(), key=lambda item: -item[1])}"


def test_scroll_wheel_zooms_only_when_asked(framed):
    """If this fails, readers scrolling the article over the map get the map zoomed instead (or scroll=1 does nothing)."""
    for query, zooms in (("", False), ("?scroll=1", True)):
        page, frame, _context, _record = framed(f"/en/map/embed/{query}")
        before = frame.locator("#map-full-link").get_attribute("href")
        box = page.locator("#embed").bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.wheel(0, -300)
        page.wait_for_timeout(600)
        after = frame.locator("#map-full-link").get_attribute("href")
        assert ("z=" in after and after != before) is zooms, (query, before, after)


def test_layers_toggle_and_full_map_link_follow_the_readers_choice(framed):
    """If this fails, the embed's layer switch does nothing, or "Open the full map" forgets what the reader chose."""
    page, frame, _context, _record = framed("/en/map/embed/?layers=buildings,street")
    assert frame.locator("path.map-boundary").count() == 0
    assert frame.locator("path.map-street").count() > 0
    frame.locator(".embed-controls summary").click()
    frame.locator("#map-layer-boundary").check()
    assert frame.locator("path.map-boundary").count() == 1
    # A click on the footprint itself (a click at its box's centre may land in a courtyard or an L's corner).
    frame.locator("path.map-building").first.dispatch_event("click")
    href = frame.locator("#map-full-link").get_attribute("href")
    assert href.startswith("/en/map/?building=")
    assert "layers=buildings,boundary,street" in href
    assert urlsplit(page.url).path == "/article.html"  # no navigation, no history entries in the article


@pytest.mark.parametrize(("query", "touch_action"), [("", "pan-x pan-y"), ("?scroll=1", "none")])
def test_on_touch_screens_one_finger_scrolls_the_article(new_page, live_site, query, touch_action):
    """If this fails, readers on phones get stuck in the map when they scroll the article (or scroll=1 loses one-finger panning).

    One-finger dragging is off, so the browser keeps one-finger panning for
    the page (touch-action pan-x pan-y), and Leaflet's two-finger touchZoom
    moves and zooms the map; with scroll=1 the map takes every touch."""
    page = new_page(viewport={"width": 390, "height": 700}, has_touch=True, is_mobile=True)
    page.goto(live_site + f"/en/map/embed/{query}")
    page.locator(READY).wait_for()
    assert page.evaluate("getComputedStyle(document.getElementById('park-map')).touchAction") == touch_action


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_embed_has_no_axe_violations(page, live_site, assert_no_axe_violations, lang):
    """If this fails, the embedded map is harder to use with a screen reader or keyboard than the site's own pages."""
    page.goto(live_site + f"/{lang}/map/embed/?building=office-a")
    page.locator(READY).wait_for()
    assert_no_axe_violations(page)
    assert page.blocked_requests == []


# The embed code generator


def open_generator(page, live_site, path):
    page.goto(live_site + path)
    page.locator(READY).wait_for()
    button = page.locator("#embed-open")
    assert button.is_visible()
    assert page.locator("#embed-static").is_hidden()
    button.focus()
    page.keyboard.press("Enter")
    page.locator("dialog#embed-dialog[open]").wait_for()


def test_generator_dialog_with_keyboard_preview_and_copy(new_page, live_site):
    """If this fails, journalists cannot open the generator from the keyboard, see their choices, or copy the code."""
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    open_generator(page, live_site, "/en/map/")
    assert page.evaluate("document.activeElement.id") == "embed-lang"
    preview = page.locator("#embed-preview")
    origin = live_site.url
    wait_until(
        page, "expected => document.getElementById('embed-preview').src === expected", arg=f"{origin}/en/map/embed/"
    )

    page.select_option("#embed-lang", "ru")
    page.select_option("#embed-building", "office-a")
    page.locator("#embed-layer-stop").uncheck()
    page.locator("#embed-scroll").check()
    page.fill("#embed-height", "400")
    expected = f"{origin}/ru/map/embed/?building=office-a&layers=buildings,boundary,street,entrance,parking,square,green,lane&scroll=1"
    wait_until(page, "expected => document.getElementById('embed-preview').src === expected", arg=expected)
    assert preview.get_attribute("height") == "400"
    wait_until(
        page,
        """expected => {
            const frame = document.getElementById('embed-preview');
            return frame.contentWindow.location.href === expected
                && frame.contentDocument.querySelector("#park-map[data-ready='true']") !== null;
        }""",
        arg=expected,
        timeout=15_000,
    )
    assert page.frame_locator("#embed-preview").locator("path.map-building--selected").count() == 1

    code = page.locator("#embed-code").input_value()
    since = page.evaluate("() => new Date().toLocaleDateString('sv')")  # today, YYYY-MM-DD
    assert f'<iframe src="{expected.replace("&", "&amp;")}&amp;since={since}"' in code
    assert 'title="Карта: Офисный центр A"' in code
    assert 'width="100%" height="400" loading="lazy" allowfullscreen></iframe>' in code
    assert (
        f'<a href="{origin}/ru/map/?building=office-a&amp;layers=buildings,boundary,street,entrance,parking,square,green,lane">'
        in code
    )
    assert page.locator("#embed-link-png").get_attribute("href") == f"{origin}/ru/map/plan.png?building=office-a"

    page.locator("#embed-copy").click()
    page.locator("#embed-copy-status").filter(has_text="Copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == code

    page.fill("#embed-height", "5000")  # out of range: the largest height
    wait_until(page, "() => document.getElementById('embed-code').value.includes('height=\"1200\"')")
    page.fill("#embed-height", "")  # empty: the default height
    wait_until(page, "() => document.getElementById('embed-code').value.includes('height=\"500\"')")

    page.keyboard.press("Escape")
    page.locator("dialog#embed-dialog:not([open])").wait_for(state="attached")
    assert page.evaluate("document.activeElement.id") == "embed-open"
    assert page.blocked_requests == []


def test_without_the_clipboard_api_the_code_is_selected_for_copying(page, live_site):
    """If this fails, journalists whose browser refuses the Clipboard API get no code and no hint."""
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', { value: undefined })")
    open_generator(page, live_site, "/ru/map/")
    page.locator("#embed-copy").click()
    page.locator("#embed-copy-status").filter(has_text="Ctrl+C").wait_for()
    selected = page.evaluate(
        "() => { const code = document.getElementById('embed-code');"
        " return code.value.substring(code.selectionStart, code.selectionEnd); }"
    )
    assert selected == page.locator("#embed-code").input_value()
    assert selected.startswith("<iframe ")


def test_generator_on_a_building_page_starts_with_that_building(page, live_site):
    """If this fails, a journalist on a building's page has to find the building again in the generator."""
    page.goto(live_site + "/en/buildings/office-a/")
    page.locator("#embed-open").click()
    assert page.locator("#embed-building").input_value() == "office-a"
    wait_until(
        page,
        "expected => document.getElementById('embed-preview').src === expected",
        arg=f"{live_site.url}/en/map/embed/?building=office-a",
    )
    page.locator("#embed-close").click()
    assert page.evaluate("document.activeElement.id") == "embed-open"


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_generator_dialog_has_no_axe_violations(page, live_site, assert_no_axe_violations, lang):
    """If this fails, the generator dialog is harder to use with a screen reader or keyboard."""
    open_generator(page, live_site, f"/{lang}/map/")
    page.frame_locator("#embed-preview").locator(READY).wait_for(timeout=15_000)
    assert_no_axe_violations(page)


@pytest.mark.parametrize(
    "path", ["/ru/map/embed/?building=office-a", "/en/map/embed/?building=nope", "/en/map/", "/ru/buildings/office-a/"]
)
def test_embed_and_generator_markup_is_valid_html(live_site, assert_valid_html, path):
    """If this fails, the embed or the generator's markup is invalid HTML, which browsers and assistive technology may misread."""
    with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(live_site + path, timeout=30) as response:
        assert_valid_html(response.read().decode(), source=path)
