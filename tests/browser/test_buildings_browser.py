"""The building directory and a building page in real Chromium, served by the
live server with the demo content: accessibility (axe-core), HTML conformance
(Nu checker), small screens, the filter form by keyboard, and what the pages load."""

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

PAGES = [
    pytest.param("/ru/buildings/", id="ru-directory"),
    pytest.param("/en/buildings/", id="en-directory"),
    pytest.param("/en/buildings/?purpose=offices&status=planned", id="en-directory-filtered"),
    pytest.param("/ru/buildings/?purpose=housing&status=in_service", id="ru-directory-no-match"),
    pytest.param("/ru/buildings/business-support-centre/", id="ru-building"),
    pytest.param("/en/buildings/business-support-centre/", id="en-building"),
]
VIEWPORTS = [
    pytest.param({"width": 1280, "height": 800}, id="desktop"),
    pytest.param({"width": 360, "height": 740}, id="360px"),
]


def open_page(page, live_site, url, **options):
    """Go to a URL of the live site and make sure it answered (not the not-found page)."""
    response = page.goto(live_site.url + url, **options)
    assert response.ok, f"{url} answered {response.status}"
    return response


def focused(page, expression):
    """Evaluate a JS expression about document.activeElement (bound as `el`)."""
    return page.evaluate(f"(() => {{ const el = document.activeElement; return {expression}; }})()")


def tab_to(page, selector, limit=60):
    """Press Tab until the element matching `selector` has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{limit} presses of Tab never reached {selector}")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("url", PAGES)
def test_building_pages_have_no_axe_violations(page, live_site, assert_no_axe_violations, url, viewport):
    """If this fails, some readers cannot use the directory or a building page: unnamed
    controls or links on the plan, unreadable contrast, headings out of order, and so on."""
    page.set_viewport_size(viewport)
    open_page(page, live_site, url)
    assert_no_axe_violations(page)


@pytest.mark.parametrize("url", PAGES)
def test_building_pages_html_is_valid(page, live_site, assert_valid_html, url):
    """If this fails, the markup (the inline SVG plan included) is broken somewhere, and
    browsers or assistive technology may each repair it differently."""
    response = page.goto(live_site.url + url)
    assert response.ok, f"{url} answered {response.status}"
    assert_valid_html(response.text(), source=url)


@pytest.mark.parametrize("url", PAGES)
def test_no_horizontal_scrolling_at_320px(page, live_site, url):
    """If this fails, a reader on a small phone has to scroll sideways through the cards, the filters or the plan."""
    page.set_viewport_size({"width": 320, "height": 640})
    open_page(page, live_site, url)
    scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= inner_width, f"the page is {scroll_width} px wide in a {inner_width} px window"


@pytest.mark.parametrize("url", PAGES)
def test_building_pages_load_everything_from_their_own_host(page, live_site, url):
    """If this fails, the page leaks readers' visits to a third party (or breaks offline and
    under a strict CSP), or one of its own styles or images is missing."""
    page.goto(live_site.url + url, wait_until="networkidle")
    assert page.blocked_requests == [], "requests to other hosts"
    assert page.failed_responses == [], "same-host requests that failed"
    assert page.failed_requests == [], "same-host requests that got no answer"


def test_filter_form_works_by_keyboard_and_gives_a_shareable_url(page, live_site):
    """If this fails, a keyboard user cannot filter the directory, or the filtered view
    cannot be bookmarked or shared."""
    page.goto(live_site.url + "/en/buildings/")
    tab_to(page, "#filter-purpose")
    page.keyboard.press("ArrowDown")  # All purposes -> Administration
    page.keyboard.press("ArrowDown")  # -> Offices
    assert page.eval_on_selector("#filter-purpose", "el => el.value") == "offices"
    tab_to(page, "#filter-status", limit=2)
    page.keyboard.press("ArrowDown")  # All statuses -> Planned
    assert page.eval_on_selector("#filter-status", "el => el.value") == "planned"
    tab_to(page, ".building-filter button[type=submit]", limit=2)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    query = parse_qs(urlsplit(page.url).query)
    assert query == {"purpose": ["offices"], "status": ["planned"]}
    expect(page.locator(".building-card")).to_have_count(2)
    expect(page.locator(".building-directory__count")).to_have_text("2 of 17 buildings match")
    expect(page.locator("#filter-purpose")).to_have_value("offices")

    # The shared URL opens the same view in a fresh page.
    shared = page.context.new_page()
    shared.goto(page.url)
    expect(shared.locator(".building-card")).to_have_count(2)


def test_clearing_the_filters_shows_every_building_again(page, live_site):
    """If this fails, a reader who filtered the directory has no obvious way back to all buildings."""
    page.goto(live_site.url + "/en/buildings/?purpose=offices")
    expect(page.locator(".building-card")).to_have_count(6)
    page.get_by_role("link", name="Clear filters").click()
    assert urlsplit(page.url).path == "/en/buildings/" and urlsplit(page.url).query == ""
    expect(page.locator(".building-card")).to_have_count(17)


def test_plan_buildings_are_keyboard_links_with_visible_focus(page, live_site):
    """If this fails, keyboard users cannot reach the buildings on the plan or cannot see which one they are on."""
    page.goto(live_site.url + "/en/buildings/")
    tab_to(page, "svg.site-plan__drawing a", limit=80)
    stroke = page.evaluate("getComputedStyle(document.activeElement.querySelector('path')).stroke")
    assert stroke == "rgb(194, 65, 12)", f"the focused building is not outlined in the focus colour ({stroke})"
    name = focused(page, "el.getAttribute('aria-label')")
    href = focused(page, "el.getAttribute('href')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path == href
    expect(page.locator("h1")).to_have_text(name.rsplit(" (", 1)[0])


def test_building_page_map_link_and_breadcrumb(page, live_site):
    """If this fails, a reader on a building page cannot get back to the directory or on to the full map."""
    page.goto(live_site.url + "/en/buildings/office-a/")
    expect(page.get_by_role("link", name="Open on the full map")).to_have_attribute(
        "href", "/en/map/?building=office-a"
    )
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Buildings").click()
    assert urlsplit(page.url).path == "/en/buildings/"
