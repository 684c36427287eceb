"""The home page in real Chromium, served by the live server with the demo content:
accessibility (axe-core), HTML conformance (Nu checker), small screens,
keyboard use, the language switcher and what the page loads."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

HOME_PAGES = [pytest.param("/ru/", id="ru"), pytest.param("/en/", id="en")]
VIEWPORTS = [
    pytest.param({"width": 1280, "height": 800}, id="desktop"),
    pytest.param({"width": 360, "height": 740}, id="360px"),
]
HEADINGS = {"ru": "Калининградский IT-парк", "en": "Kaliningrad IT Park"}


def path_of(page):
    return urlsplit(page.url).path


def focused(page, expression):
    """Evaluate a JS expression about document.activeElement (bound as `el`)."""
    return page.evaluate(f"(() => {{ const el = document.activeElement; return {expression}; }})()")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("url", HOME_PAGES)
def test_home_page_has_no_axe_violations(page, live_site, assert_no_axe_violations, url, viewport):
    """If this fails, some readers cannot use the page: screen-reader users meet unnamed
    controls or landmarks, low-vision readers unreadable contrast, and so on."""
    page.set_viewport_size(viewport)
    page.goto(live_site.url + url)
    assert_no_axe_violations(page)


@pytest.mark.parametrize("url", HOME_PAGES)
def test_home_page_html_is_valid(page, live_site, assert_valid_html, url):
    """If this fails, the markup is broken somewhere: browsers and assistive technology
    may each repair it differently, so the page can look or read wrong in some of them."""
    response = page.goto(live_site.url + url)
    assert response.ok, f"{url} answered {response.status}"
    assert_valid_html(response.text(), source=url)


@pytest.mark.parametrize("url", HOME_PAGES)
def test_no_horizontal_scrolling_at_320px(page, live_site, url):
    """If this fails, a reader on a small phone has to scroll sideways to read each line."""
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_site.url + url)
    scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= inner_width, f"the page is {scroll_width} px wide in a {inner_width} px window"


@pytest.mark.parametrize("url", HOME_PAGES)
def test_first_tab_reaches_a_visible_skip_link_that_moves_focus_to_main(page, live_site, url):
    """If this fails, keyboard users cannot see or use the skip link and must tab
    through the whole header on every page to reach the content."""
    page.goto(live_site.url + url)
    page.keyboard.press("Tab")
    assert focused(page, "el.classList.contains('skip-link')"), "the first Tab did not focus the skip link"

    box = page.locator("a.skip-link").bounding_box()
    viewport = page.viewport_size
    assert box is not None, "the focused skip link is not rendered"
    assert box["x"] >= 0 and box["y"] >= 0, f"the focused skip link is off screen: {box}"
    assert box["x"] + box["width"] <= viewport["width"], f"the focused skip link is off screen: {box}"
    assert box["y"] + box["height"] <= viewport["height"], f"the focused skip link is off screen: {box}"

    page.keyboard.press("Enter")
    assert focused(page, "el.tagName === 'MAIN' && el.id === 'main'"), "Enter on the skip link did not focus main#main"


@pytest.mark.parametrize("url", HOME_PAGES)
def test_keyboard_focus_is_visible_on_links(page, live_site, url):
    """If this fails, keyboard users cannot see which link they are on."""
    page.goto(live_site.url + url)
    outlines = {}
    for _ in range(8):
        page.keyboard.press("Tab")
        if focused(page, "el.tagName") == "A":
            outlines[focused(page, "el.outerHTML")] = focused(page, "getComputedStyle(el).outlineStyle")
    assert len(outlines) >= 3, f"Tab reached only {len(outlines)} link(s) in the header"
    invisible = [link for link, style in outlines.items() if style == "none"]
    assert not invisible, "focused links without an outline:\n" + "\n".join(invisible)


def test_language_switcher_moves_between_the_two_home_pages(page, live_site):
    """If this fails, a reader cannot switch the site between Russian and English."""
    page.goto(live_site.url + "/ru/")
    switcher = page.locator("nav.language-switcher")

    switcher.get_by_role("link", name="English").click()
    expect(page).to_have_url(live_site.url + "/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text(HEADINGS["en"])

    switcher.get_by_role("link", name="Русский").click()
    expect(page).to_have_url(live_site.url + "/ru/")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator("h1")).to_have_text(HEADINGS["ru"])


@pytest.mark.parametrize("url", HOME_PAGES)
def test_home_page_loads_everything_from_its_own_host(page, live_site, url):
    """If this fails, the page leaks readers' visits to a third party (or breaks offline
    and under a strict CSP), or one of its own styles, images or scripts is missing."""
    page.goto(live_site.url + url, wait_until="networkidle")
    assert page.blocked_requests == [], "requests to other hosts"
    assert page.failed_responses == [], "same-host requests that failed"
    assert page.failed_requests == [], "same-host requests that got no answer"


@pytest.mark.parametrize(("locale", "expected"), [("en-GB", "/en/"), ("ru-RU", "/ru/")])
def test_root_opens_the_home_page_in_the_browsers_language(new_page, live_site, locale, expected):
    """If this fails, a reader whose browser prefers English (or Russian) opening the bare
    address lands on the home page in the wrong language."""
    page = new_page(locale=locale)
    page.goto(live_site.url + "/")
    assert path_of(page) == expected
    expect(page.locator("html")).to_have_attribute("lang", expected.strip("/"))
