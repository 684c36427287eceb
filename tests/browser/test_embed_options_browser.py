"""The embed's options in real Chromium: dark and automatic colours (with
axe's contrast checks), a frozen year and the "since this article" line after
a building's status changes through a real published revision, and the
two-finger gesture lock on a touch screen.

The revisions are committed from a thread of their own (the live server sees
only committed data) and everything is put back afterwards, as in
test_admin_map.py."""

import datetime
from urllib.parse import parse_qs, urlsplit

from django.utils import timezone

from wagtail.models import PageLogEntry, Revision

import pytest
from playwright.sync_api import expect

from buildings.models import BuildingPage
from tests.browser.committed import committed

READY = "#park-map[data-ready='true']"
RESTORED_FIELDS = ("status", "completion_year", "live_revision_id", "latest_revision_id", "last_published_at")
BACKGROUND = "getComputedStyle(document.body).backgroundColor"


def open_embed(page, live_site, query, lang="en"):
    page.goto(f"{live_site.url}/{lang}/map/embed/{query}")
    page.locator(READY).wait_for()
    return page


def luminance(css_colour):
    """Relative luminance (WCAG) of an `rgb(r, g, b)` colour."""
    channels = [int(part) / 255 for part in css_colour.removeprefix("rgb(").removesuffix(")").split(",")[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


# Colours


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_dark_theme_renders_dark_and_passes_axe(page, live_site, assert_no_axe_violations, lang):
    """If this fails, the dark embed is light after all, or its text is too faint to read."""
    open_embed(page, live_site, "?theme=dark&building=office-a", lang)
    assert luminance(page.evaluate(BACKGROUND)) < 0.05
    assert (
        luminance(
            page.evaluate("getComputedStyle(document.querySelector('.leaflet-popup-content-wrapper')).backgroundColor")
        )
        < 0.05
    )
    page.locator(".embed-controls summary").click()  # the layers, open, in the check too
    assert_no_axe_violations(page)


@pytest.mark.parametrize(("scheme", "dark"), [("dark", True), ("light", False)])
def test_auto_theme_follows_the_readers_colour_scheme(new_page, live_site, assert_no_axe_violations, scheme, dark):
    """If this fails, theme=auto ignores whether the reader's device is set to dark."""
    page = new_page(color_scheme=scheme)
    open_embed(page, live_site, "?theme=auto")
    assert (luminance(page.evaluate(BACKGROUND)) < 0.05) is dark
    assert_no_axe_violations(page)


def test_light_is_the_default(page, live_site):
    """If this fails, existing embeds changed colour under newsrooms' articles."""
    open_embed(page, live_site, "")
    assert page.evaluate(BACKGROUND) == "rgb(255, 255, 255)"


# A frozen year and what changed since the article


def change_status(slug, status):
    """office-a in Russian: published as `construction` on 10 Jan 2025 (backdated), then as `status` now."""
    building = BuildingPage.objects.get(locale__language_code="ru", slug=slug)
    original = {field: getattr(building, field) for field in RESTORED_FIELDS}
    made = []
    for value, day in (("construction", datetime.date(2025, 1, 10)), (status, None)):
        building.status = value
        revision = building.save_revision()
        revision.publish()
        made.append(revision.pk)
        if day is not None:
            moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
            PageLogEntry.objects.filter(revision=revision).update(timestamp=moment)
        building = BuildingPage.objects.get(pk=building.pk)
    return building.pk, original, made


def put_back(pk, original, made):
    BuildingPage.objects.filter(pk=pk).update(**original)
    PageLogEntry.objects.filter(revision_id__in=made).delete()
    Revision.objects.filter(pk__in=made).delete()


@pytest.fixture
def office_a_in_service():
    """Office Building A (Russian) changed from under construction to in service since 10 January 2025."""
    pk, original, made = committed(change_status, "office-a", "in_service")
    yield
    committed(put_back, pk, original, made)


def test_since_says_what_changed_and_year_freezes_the_park(page, live_site, office_a_in_service):
    """If this fails, readers of a 2025 article are not told that a building it shows is now in service,
    or a frozen embed shows the park of another year."""
    open_embed(page, live_site, "?since=2025-06-01&year=2024", lang="ru")
    line = page.locator(".embed-change")
    expect(line).to_have_count(1)
    expect(line).to_contain_text("После выхода статьи: Офисный центр A")
    expect(line).to_contain_text("строится → введено в эксплуатацию")
    link = line.locator("a")
    assert urlsplit(link.get_attribute("href")).path == "/ru/buildings/office-a/"
    assert link.get_attribute("target") == "_blank"

    completions = list(
        BuildingPage.objects.filter(locale__language_code="ru", live=True).values_list("completion_year", flat=True)
    )
    standing = page.locator("path.map-building--phase-standing")
    expect(standing).to_have_count(sum(1 for year in completions if year <= 2024))
    planned = page.locator("path.map-building--phase-planned")
    expect(planned).to_have_count(sum(1 for year in completions if year > 2024 + 2))
    expect(page.locator(".map-list__phase").first).to_contain_text("2024")
    href = page.locator("#map-full-link").get_attribute("href")
    assert parse_qs(urlsplit(href).query)["year"] == ["2024"]  # the full map opens at the same year

    open_embed(page, live_site, f"?since={timezone.localdate().isoformat()}", lang="ru")
    expect(page.locator(".embed-change")).to_have_count(0)  # nothing changed since today
    updated = page.locator(".embed-foot time")
    assert datetime.datetime.fromisoformat(updated.get_attribute("datetime")).date() == timezone.localdate()


# Phones


def drag(page, starts, dx, dy, steps=8):
    """Move fingers from `starts` ([(x, y), ...], one per finger) by (dx, dy), as real touches
    through Chromium's input pipeline (the DevTools protocol), then lift them."""
    cdp = page.context.new_cdp_session(page)

    def send(kind, points):
        touch_points = [{"x": x, "y": y, "id": finger} for finger, (x, y) in enumerate(points)]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": touch_points})

    send("touchStart", starts)
    for step in range(1, steps + 1):
        send("touchMove", [(x + dx * step / steps, y + dy * step / steps) for x, y in starts])
        page.wait_for_timeout(20)
    send("touchEnd", [])
    cdp.detach()
    page.wait_for_timeout(400)


def centre_of(page):
    """The map's centre, as the embed's "Open the full map" link says it after a move (None before any)."""
    query = parse_qs(urlsplit(page.locator("#map-full-link").get_attribute("href")).query)
    return (query["lat"][0], query["lng"][0]) if "lat" in query else None


def phone(new_page):
    return new_page(viewport={"width": 390, "height": 700}, has_touch=True, is_mobile=True)


def test_on_phones_two_fingers_move_the_map_and_one_finger_shows_the_hint(new_page, live_site):
    """If this fails, phone readers either get stuck in the map while scrolling the article,
    or cannot move the map at all."""
    page = phone(new_page)
    open_embed(page, live_site, "")
    box = page.locator("#park-map").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    before = centre_of(page)

    drag(page, [(x, y)], 0, -120)  # one finger: the map stays, the hint says how
    assert centre_of(page) == before
    expect(page.locator("#map-touch-hint")).to_be_visible()

    drag(page, [(x - 40, y), (x + 40, y)], 0, -120)  # two fingers: the map moves
    assert centre_of(page) not in (None, before)


def test_with_the_gesture_lock_off_one_finger_moves_the_map(new_page, live_site):
    """If this fails, a journalist who turned the two-finger lock off still gets it."""
    page = phone(new_page)
    open_embed(page, live_site, "?gesture=0")
    assert page.evaluate("getComputedStyle(document.getElementById('park-map')).touchAction") == "none"
    box = page.locator("#park-map").bounding_box()
    drag(page, [(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)], 0, -120)
    assert centre_of(page) is not None
    assert page.locator("#map-touch-hint").is_hidden()
