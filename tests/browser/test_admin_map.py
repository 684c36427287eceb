"""An editor draws a building's footprint on the admin map in real Chromium,
publishes it, and finds the building on the public site.

The live server has its own database connection and only sees committed
data, so the editor's account is created, and everything the test made is
removed, from another thread (a connection of its own, autocommitted)."""

import uuid

from django.contrib.auth import get_user_model
from django.urls import reverse

from wagtail.models import PageLogEntry, Revision

import pytest
from playwright.sync_api import expect

from buildings.models import BuildingIndexPage, BuildingPage
from tests.browser.committed import committed
from tests.factories import SuperuserFactory

PASSWORD = "correct horse battery staple"  # noqa: S105 (tests.factories sets it for every user)
# Corners of a new building, (lat, lon), in the empty north of the site.
CORNERS = [(54.74230, 20.46990), (54.74230, 20.47040), (54.74250, 20.47040), (54.74250, 20.46990)]
MAP = "#id_footprint-map"


def make_editor(username):
    SuperuserFactory(username=username, admin_language="en")


def remove(username, title):
    for building in BuildingPage.objects.filter(title=title):
        PageLogEntry.objects.filter(page_id=building.pk).delete()
        Revision.page_revisions.filter(object_id=str(building.pk)).delete()
        building.delete()
    get_user_model().objects.filter(username=username).delete()


@pytest.fixture
def editor():
    """A superuser committed to the database (and deleted afterwards), with what the test creates."""
    tag = uuid.uuid4().hex[:8]
    account = {"username": f"map-editor-{tag}", "title": f"Robotics Lab {tag}"}
    committed(make_editor, account["username"])
    yield account
    committed(remove, account["username"], account["title"])


def log_in(page, live_site, username):
    page.goto(live_site.url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page).not_to_have_url(f"{live_site.url}/admin/login/")


def screen_point(page, lat, lon):
    """Where (lat, lon) is on the screen, from the Leaflet map django-leaflet puts on `window`."""
    x, y = page.evaluate(
        """([selector, lat, lon]) => {
            const map = window["leafletmap" + selector.slice(1)];
            const point = map.latLngToContainerPoint([lat, lon]);
            return [point.x, point.y];
        }""",
        [MAP, lat, lon],
    )
    box = page.locator(MAP).bounding_box()
    return box["x"] + x, box["y"] + y


def fill_facts(page, title):
    page.fill("#id_title", title)
    page.fill("#id_summary", "A laboratory for robotics start-ups.")
    page.select_option("#id_purpose", "offices")
    page.fill("#id_completion_year", "2029")
    page.fill("#id_floors", "3")
    page.fill("#id_gross_floor_area", "2400")


def draw_footprint(page):
    """Click the polygon tool, click the corners, and close the outline on the first one.

    Leaflet.draw ignores a click that comes within 50 ms of the previous
    corner (it takes it for a double click), so the clicks are spaced as a
    person's would be."""
    page.locator(MAP).scroll_into_view_if_needed()
    page.click(f"{MAP} .leaflet-draw-draw-polygon")
    corners = page.locator(f"{MAP} .leaflet-editing-icon")
    for count, (lat, lon) in enumerate(CORNERS, start=1):
        page.mouse.click(*screen_point(page, lat, lon))
        expect(corners).to_have_count(count)
        page.wait_for_timeout(150)
    page.mouse.click(*screen_point(page, *CORNERS[0]))


def publish(page):
    page.click("footer .w-dropdown__toggle")
    page.click('button[name="action-publish"]')
    page.wait_for_url(lambda url: "/add/" not in url)


def test_editor_draws_a_footprint_and_finds_the_building_on_the_site(page, live_site, editor, ru):
    """If this fails, editors cannot draw buildings in the admin: the map is missing or
    flat, the park is not shown around it, or what they draw is not saved or not published."""
    index = BuildingIndexPage.objects.get(locale=ru)
    others = BuildingPage.objects.filter(locale=ru).count()
    log_in(page, live_site, editor["username"])
    page.goto(live_site.url + reverse("wagtailadmin_pages:add", args=["buildings", "buildingpage", index.pk]))

    box = page.locator(MAP).bounding_box()
    assert box["height"] >= 400, f"the map is {box['height']} px high"
    reference = page.locator(f"{MAP} .leaflet-reference-pane path")
    expect(reference).to_have_count(1 + others)  # the site boundary and every building

    fill_facts(page, editor["title"])
    draw_footprint(page)
    drawn = page.input_value("#id_footprint")
    assert '"MultiPolygon"' in drawn, f"the map put {drawn!r} in the form"
    publish(page)

    building = BuildingPage.objects.get(title=editor["title"])
    assert building.live
    assert building.locale == ru
    lons = [lon for lat, lon in CORNERS]
    lats = [lat for lat, lon in CORNERS]
    west, south, east, north = building.footprint.extent
    tolerance = 0.00002  # a pixel or two at the map's zoom
    assert abs(west - min(lons)) < tolerance and abs(east - max(lons)) < tolerance
    assert abs(south - min(lats)) < tolerance and abs(north - max(lats)) < tolerance
    assert len(building.footprint.coords[0][0]) == len(CORNERS) + 1

    response = page.goto(f"{live_site.url}/ru/buildings/{building.slug}/")
    assert response.status == 200
    expect(page.locator("h1")).to_contain_text(editor["title"])
    assert page.blocked_requests == [], f"requests to other hosts: {page.blocked_requests}"


def test_admin_map_draws_the_park_around_an_existing_building(page, live_site, editor, ru):
    """If this fails, an editor changing a building sees it alone on a blank map, with no
    boundary or neighbours to draw against, or sees it twice."""
    building = BuildingPage.objects.get(locale=ru, slug="office-b")
    others = BuildingPage.objects.filter(locale=ru).exclude(pk=building.pk).count()
    log_in(page, live_site, editor["username"])
    page.goto(live_site.url + reverse("wagtailadmin_pages:edit", args=[building.pk]))

    expect(page.locator(f"{MAP} .leaflet-reference-pane path")).to_have_count(1 + others)
    expect(page.locator(f"{MAP} .leaflet-overlay-pane path")).to_have_count(1)  # the editable outline
    expect(page.locator(f"{MAP} .map-widget__legend")).to_contain_text("Site boundary")
    box = page.locator(MAP).bounding_box()
    assert box["height"] >= 400, f"the map is {box['height']} px high"
    assert page.blocked_requests == [], f"requests to other hosts: {page.blocked_requests}"
