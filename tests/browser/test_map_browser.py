"""The interactive map in real Chromium, tiles blocked (and none configured):
what it draws, popups, filters, the timeline, links that select a building,
keyboard use, the back button, accessibility and valid HTML, in both languages.

Shapes are counted by the class each layer gives its SVG paths (map-building,
map-boundary, map-street...); buildings carry their phase in the timeline's
year as a class (map-building--phase-standing / -construction / -planned)."""

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.waiting import wait_until

BUILDINGS = "#park-map path.map-building"


def open_map(page, live_site, path="/en/map/"):
    response = page.goto(live_site.url + path)
    assert response.ok, f"{path} answered {response.status}"
    page.wait_for_selector('#park-map[data-ready="true"]')
    return page


def query(page):
    return parse_qs(urlsplit(page.url).query)


def shown_items(page):
    return page.locator("#map-list li.map-list__item:not([hidden])")


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_map_draws_the_buildings_the_boundary_and_the_streets(page, live_site, lang):
    """If this fails, readers see an empty or incomplete map of the park."""
    open_map(page, live_site, f"/{lang}/map/")
    assert page.locator(BUILDINGS).count() == 17
    assert page.locator("#park-map path.map-boundary").count() == 1
    assert page.locator("#park-map path.map-street").count() >= 3
    assert page.locator("#park-map .map-street-label").count() >= 3
    assert page.locator("#map-fallback").is_hidden()
    assert shown_items(page).count() == 17


def test_clicking_a_building_opens_its_popup_with_a_link_in_the_readers_language(page, live_site):
    """If this fails, a reader who taps a building learns nothing, or lands on the wrong language's page."""
    open_map(page, live_site, "/en/map/")
    page.locator("#park-map path.map-building").first.click()
    popup = page.locator(".leaflet-popup")
    popup.wait_for()
    link = popup.locator("a.map-popup__link")
    assert "/en/buildings/" in link.get_attribute("href")
    terms = popup.locator("dt").all_inner_texts()
    assert terms[:4] == ["Purpose", "Status", "Completion year", "Floors"]
    assert set(terms[4:]) <= {"Free now", "Organisations"}  # where the building has space stated, or residents
    slug = query(page)["building"][0]
    assert link.get_attribute("href").endswith(f"/en/buildings/{slug}/")
    assert page.locator(f'#map-list li[data-slug="{slug}"] button').get_attribute("aria-pressed") == "true"
    wait_until(page, "document.getElementById('map-announcer').textContent.length > 0")
    name = popup.locator(".map-popup__name").inner_text()
    assert name in page.locator("#map-announcer").inner_text()


def test_purpose_and_status_filters_change_what_is_drawn_and_listed(page, live_site):
    """If this fails, filters lie: the map or the list shows buildings the reader filtered out."""
    open_map(page, live_site, "/en/map/")
    page.locator("#map-purpose-offices").uncheck()
    # 6 of the 17 demo buildings are offices.
    assert page.locator(BUILDINGS).count() == 11
    assert shown_items(page).count() == 11
    assert "11 of 17" in page.locator("#map-summary").inner_text()
    assert query(page)["purpose"][0].split(",") == ["administration", "housing", "institution", "commercial"]
    page.locator("#map-status-planned").uncheck()
    # Of the 11 other buildings, 4 are not planned: 2 in service, 2 under construction.
    assert page.locator(BUILDINGS).count() == 4
    assert shown_items(page).count() == 4
    page.locator("#map-layer-buildings").uncheck()
    assert page.locator(BUILDINGS).count() == 0
    page.locator("#map-layer-boundary").uncheck()
    assert page.locator("#park-map path.map-boundary").count() == 0


def test_timeline_shows_what_stands_in_each_year(page, live_site):
    """If this fails, the construction timeline shows the wrong buildings standing, rising or planned."""
    open_map(page, live_site, "/en/map/?year=2023")
    standing = "#park-map path.map-building--phase-standing"
    construction = "#park-map path.map-building--phase-construction"
    planned = "#park-map path.map-building--phase-planned"
    # 2023: two buildings complete; due 2024-2025 under construction (office-a, coworking).
    assert page.locator(standing).count() == 2
    assert page.locator(construction).count() == 2
    assert page.locator(planned).count() == 13
    assert page.locator("#map-year-output").inner_text() == "2023"
    slider = page.locator("#map-year")
    slider.focus()
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    assert page.locator("#map-year-output").inner_text() == "2027"
    # Completed by 2027: 2023 x2, 2024, 2025, 2026 x2, 2027 x3.
    assert page.locator(standing).count() == 9
    assert page.locator(construction).count() == 4  # due 2028 x2, 2029 x2
    assert page.locator(planned).count() == 4  # due 2030 x2, 2031 x2
    assert query(page)["year"] == ["2027"]
    assert page.locator('#map-phases li[data-phase="standing"]').inner_text().endswith("(9)")
    assert "In 2027" in page.locator('#map-list li[data-slug="residence-4"]').inner_text()
    slider.press("End")
    assert page.locator(standing).count() == 17


def test_a_link_to_a_building_selects_it_and_zooms_to_it(page, live_site):
    """If this fails, links shared by journalists and building pages open the map without their building."""
    open_map(page, live_site, "/en/map/")
    overview_zoom = int(query(page)["z"][0])
    open_map(page, live_site, "/en/map/?building=office-a")
    popup = page.locator(".leaflet-popup")
    popup.wait_for()
    assert popup.locator(".map-popup__name").inner_text() == "Office Building A"
    item = page.locator('#map-list li[data-slug="office-a"]')
    assert item.get_attribute("aria-current") == "true"
    assert item.locator("button").get_attribute("aria-pressed") == "true"
    wait_until(page, f"new URLSearchParams(location.search).get('z') > {overview_zoom}")
    assert page.locator("#park-map path.map-building--selected").count() == 1


def test_keyboard_alone_selects_a_building_from_the_list(page, live_site):
    """If this fails, readers who do not use a mouse cannot pick a building on the map."""
    open_map(page, live_site, "/en/map/")
    first_button = page.locator("#map-list button").first
    for _ in range(200):
        page.keyboard.press("Tab")
        if first_button.evaluate("button => button === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the first building in the list")
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup")
    popup.wait_for()
    assert popup.locator(".map-popup__name").inner_text() == first_button.inner_text()
    assert first_button.get_attribute("aria-pressed") == "true"
    page.keyboard.press("Escape")
    expect(page.locator(".leaflet-popup")).to_have_count(0)
    assert first_button.get_attribute("aria-pressed") == "false"
    assert first_button.evaluate("button => button === document.activeElement")


def test_back_button_restores_the_previous_view_and_selection(page, live_site):
    """If this fails, the browser's back button leaves the reader on the wrong building or view."""
    open_map(page, live_site, "/en/map/")
    before = query(page)
    page.locator('#map-list li[data-slug="office-b"] button').click()
    page.locator(".leaflet-popup").wait_for()
    # URL waits on the Python side: the page's CSP (no 'unsafe-eval') refuses Playwright's string predicates.
    page.wait_for_url(lambda url: float(parse_qs(urlsplit(url).query).get("z", ["0"])[0]) > float(before["z"][0]))
    page.locator('#map-list li[data-slug="kindergarten"] button').click()
    page.wait_for_url(lambda url: parse_qs(urlsplit(url).query).get("building") == ["kindergarten"])
    page.go_back()
    page.wait_for_url(lambda url: parse_qs(urlsplit(url).query).get("building") == ["office-b"])
    assert page.locator(".leaflet-popup .map-popup__name").inner_text() == "Office Building B"
    page.go_back()
    page.wait_for_url(lambda url: "building" not in parse_qs(urlsplit(url).query))
    expect(page.locator(".leaflet-popup")).to_have_count(0)
    assert page.locator('#map-list button[aria-pressed="true"]').count() == 0
    assert query(page)["z"] == before["z"]
    assert query(page)["lat"] == before["lat"]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_map_page_has_no_axe_violations(page, live_site, assert_no_axe_violations, lang):
    """If this fails, some readers cannot use the map page: unnamed controls, poor contrast and the like."""
    open_map(page, live_site, f"/{lang}/map/?building=office-a")
    page.locator(".leaflet-popup").wait_for()
    assert_no_axe_violations(page)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_map_page_html_is_valid(page, live_site, assert_valid_html, lang):
    """If this fails, the markup is broken and browsers or assistive technology may read it differently."""
    response = page.goto(live_site.url + f"/{lang}/map/")
    assert_valid_html(response.text(), source=f"/{lang}/map/")


def test_map_loads_nothing_from_other_hosts(page, live_site):
    """If this fails, the map leaks readers' visits to a third party (tiles, scripts, fonts) or misses a file."""
    open_map(page, live_site, "/en/map/?building=office-a")
    page.wait_for_load_state("networkidle")
    assert page.blocked_requests == []
    assert page.failed_responses == []
    assert page.failed_requests == []


def test_map_fits_a_narrow_phone_with_the_list_below(new_page, live_site):
    """If this fails, the map page scrolls sideways or hides the list on a 320-pixel phone."""
    page = new_page(viewport={"width": 320, "height": 640})
    open_map(page, live_site, "/en/map/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    map_box = page.locator("#park-map").bounding_box()
    list_box = page.locator("#map-list").bounding_box()
    assert list_box["y"] >= map_box["y"] + map_box["height"]
    assert map_box["width"] <= 320


def test_free_space_filter_and_organisation_search_narrow_the_list(page, live_site):
    """If this fails, a company cannot find the buildings with space free for it, or the building a
    given organisation is in, from the map's list."""
    open_map(page, live_site)
    total = shown_items(page).count()
    page.select_option("#map-free", "now")
    expect(shown_items(page)).not_to_have_count(total)
    assert shown_items(page).count() > 0
    assert query(page)["free"] == ["now"]
    page.select_option("#map-free", "")
    expect(shown_items(page)).to_have_count(total)
    page.fill("#map-search", "fintech")
    expect(shown_items(page)).to_have_count(1)
    expect(shown_items(page).locator(".map-list__select")).to_have_text("Office Building A")
    expect(shown_items(page).locator(".map-list__organisations")).to_contain_text("Baltic Fintech Lab")
