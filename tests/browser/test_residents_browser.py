"""The residents page in real Chromium, served by the live server with the demo content:
accessibility (axe-core), HTML conformance (Nu checker) and small screens, in both languages;
the sector filter works without JavaScript."""

import pytest

RESIDENTS_PAGES = [pytest.param("/ru/residents/", id="ru"), pytest.param("/en/residents/", id="en")]
VIEWPORTS = [
    pytest.param({"width": 1280, "height": 800}, id="desktop"),
    pytest.param({"width": 360, "height": 740}, id="360px"),
]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("url", RESIDENTS_PAGES)
def test_residents_page_has_no_axe_violations(page, live_site, assert_no_axe_violations, url, viewport):
    """If this fails, some companies cannot use the page: unnamed controls, unreadable contrast, broken landmarks."""
    page.set_viewport_size(viewport)
    page.goto(live_site.url + url)
    assert_no_axe_violations(page)


@pytest.mark.parametrize("url", [*RESIDENTS_PAGES, "/ru/residents/?sector=software", "/en/residents/?sector=nope"])
def test_residents_page_html_is_valid(page, live_site, assert_valid_html, url):
    """If this fails, the markup is broken: browsers and assistive technology may each read it differently."""
    response = page.goto(live_site.url + url)
    assert response.ok, f"{url} answered {response.status}"
    assert_valid_html(response.text(), source=url)


@pytest.mark.parametrize("url", RESIDENTS_PAGES)
def test_no_horizontal_scrolling_at_360px(page, live_site, url):
    """If this fails, a reader on a phone has to scroll sideways to read the cards and the totals."""
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_site.url + url)
    scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= inner_width, f"the page is {scroll_width} px wide in a {inner_width} px window"


def test_sector_filter_works_without_javascript(new_page, live_site):
    """If this fails, a company without JavaScript cannot narrow the list to its sector."""
    page = new_page(java_script_enabled=False)
    page.goto(live_site.url + "/en/residents/")
    page.select_option("#filter-sector", "fintech")
    page.get_by_role("button", name="Show companies").click()
    page.wait_for_url("**sector=fintech**")
    names = page.locator(".residents-sector .organisation-card__name").all_inner_texts()
    assert names == ["Baltic Fintech Lab"]
    assert page.locator("#filter-sector").input_value() == "fintech"


@pytest.mark.parametrize("url", ["/ru/buildings/office-a/", "/en/buildings/office-a/"])
def test_building_page_with_space_table_is_valid_and_fits_360px(page, live_site, assert_valid_html, url):
    """If this fails, the space-to-let table breaks the building page's markup or pushes it sideways on a phone."""
    response = page.goto(live_site.url + url)
    assert_valid_html(response.text(), source=url)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_site.url + url)
    scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= inner_width, f"the page is {scroll_width} px wide in a {inner_width} px window"
