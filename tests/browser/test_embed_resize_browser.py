"""The embed sizes itself in real Chromium: framed sandboxed by a page of
another origin (the `article_site` fixture), it posts Pym.js `height`
messages that match its content at phone and desktop widths; the site's own
static/js/embed-resize.js and a real Pym.js parent (vendored in
tests/browser/vendor/, test-only) set the frame's height from them; without
any script the frame keeps its fixed height and the map fills it."""

import pytest

from tests.browser.waiting import wait_until

SANDBOX = "allow-scripts allow-popups allow-popups-to-escape-sandbox"
READY = "#park-map[data-ready='true']"
# Records every message the page receives, for the test to read.
RECORD_MESSAGES = """<script>
window.received = [];
window.addEventListener("message", (event) => { if (typeof event.data === "string") window.received.push(event.data); });
</script>"""


def article(body, head=""):
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>A newsroom article</title>'
        f"{head}</head><body><h1>News about the park</h1>{body}<p>More of the article.</p></body></html>"
    )


def frame_tag(src, height=500):
    return f'<iframe id="embed" src="{src}" title="Map" width="100%" height="{height}" sandbox="{SANDBOX}"></iframe>'


def open_article(new_page, article_site, html, width):
    page = new_page(viewport={"width": width, "height": 800}, also=[article_site.url])
    article_site.html = html
    page.goto(article_site.url + "/article.html")
    page.frame_locator("#embed").locator(READY).wait_for(timeout=15_000)
    return page


def embed_frame(page):
    return next(frame for frame in page.frames if "/map/embed/" in frame.url)


def content_height(frame):
    """The embed's content as its document lays it out: the body's height and the page's scroll height."""
    return frame.evaluate(
        "() => [Math.ceil(document.body.getBoundingClientRect().height), document.documentElement.scrollHeight,"
        " document.documentElement.clientHeight]"
    )


def heights(page):
    return [
        int(message.rsplit("xPYMx", 1)[1])
        for message in page.evaluate("window.received")
        if "xPYMxheightxPYMx" in message
    ]


@pytest.mark.parametrize("width", [360, 1024])
def test_the_resize_script_fits_the_frame_to_the_embeds_content(new_page, live_site, article_site, width):
    """If this fails, journalists' frames stay at a fixed height: a map cut off on phones or a gap on desktops."""
    src = f"{live_site.url}/en/map/embed/?building=office-a"
    script = f'<script src="{live_site.url}/static/js/embed-resize.js" async></script>'
    page = open_article(new_page, article_site, article(frame_tag(src) + script, head=RECORD_MESSAGES), width)
    frame = embed_frame(page)
    wait_until(page, "() => document.getElementById('embed').getAttribute('height') !== '500'", timeout=10_000)
    page.wait_for_timeout(300)  # any later message (the popup, the fonts) has come in
    body, scroll_height, client_height = content_height(frame)
    posted = heights(page)
    assert posted, "no height message reached the article"
    assert all(message.startswith("pymxPYMx") for message in page.evaluate("window.received"))
    assert posted[-1] == body == scroll_height  # the last message is the content's height
    assert page.locator("#embed").get_attribute("height") == str(body)
    assert client_height == body  # the frame shows all of it: no scroll bar, no gap
    map_height = frame.evaluate("document.getElementById('park-map').getBoundingClientRect().height")
    assert map_height >= 250, f"the map is {map_height} px high at {width} px"


def test_the_content_height_follows_the_width(new_page, live_site, article_site):
    """If this fails, the map in a resized frame is as tall on a phone as on a desktop (or the other way round)."""
    src = f"{live_site.url}/en/map/embed/"
    script = f'<script src="{live_site.url}/static/js/embed-resize.js" async></script>'
    found = {}
    for width in (360, 1024):
        page = open_article(new_page, article_site, article(frame_tag(src) + script, head=RECORD_MESSAGES), width)
        wait_until(page, "() => document.getElementById('embed').getAttribute('height') !== '500'")
        found[width] = int(page.locator("#embed").get_attribute("height"))
    assert found[360] < found[1024], found


def test_a_pym_parent_resizes_the_frame(new_page, live_site, article_site):
    """If this fails, newsroom CMSs that embed with Pym.js get a frame of the wrong height."""
    src = f"{live_site.url}/ru/map/embed/?building=office-a"
    body = (
        '<div id="map-container"></div><script src="/vendor/pym.v1.min.js"></script>'
        f"<script>new pym.Parent('map-container', '{src}', {{sandbox: '{SANDBOX}', title: 'Map'}});</script>"
    )
    page = new_page(viewport={"width": 800, "height": 800}, also=[article_site.url])
    article_site.html = article(body)
    page.goto(article_site.url + "/article.html")
    page.frame_locator("#map-container iframe").locator(READY).wait_for(timeout=15_000)
    iframe = page.locator("#map-container iframe")
    wait_until(
        page, "() => (document.querySelector('#map-container iframe').getAttribute('height') || '').endsWith('px')"
    )
    page.wait_for_timeout(300)
    frame = embed_frame(page)
    assert "childId=map-container" in frame.url
    content, _scroll, _client = content_height(frame)
    assert iframe.get_attribute("height") == f"{content}px"
    assert iframe.bounding_box()["height"] == pytest.approx(content, abs=1)
    assert iframe.get_attribute("sandbox") == SANDBOX


def test_without_a_script_the_frame_keeps_its_height_and_the_map_fills_it(new_page, live_site, article_site):
    """If this fails, a journalist who pastes only the iframe gets a map that does not fill its frame."""
    src = f"{live_site.url}/en/map/embed/"
    page = open_article(new_page, article_site, article(frame_tag(src, height=420), head=RECORD_MESSAGES), 1024)
    page.wait_for_timeout(500)
    frame = embed_frame(page)
    assert heights(page) == []  # nobody asked: the embed keeps quiet
    assert page.locator("#embed").get_attribute("height") == "420"
    assert frame.evaluate("document.body.classList.contains('embed--fit')") is False
    _body, scroll_height, client_height = content_height(frame)
    assert scroll_height == client_height == 420
    stage = frame.evaluate("document.getElementById('park-map').getBoundingClientRect().bottom")
    assert stage >= 380, "the map does not reach the bottom of the frame"
