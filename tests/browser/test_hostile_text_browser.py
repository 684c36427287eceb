"""Stored text is hostile: names and summaries an editor or translator types
reach the map, the embed and the admin map widget as text, never as markup.

A building and a map feature of every labelled kind (street, entrance,
parking, stop) are committed with hostile names, summaries and credits (the
live server sees only committed data; everything is removed afterwards, as
in test_admin_map.py). Each page is loaded in Chromium and fails on any
dialog, any element the values would have injected, or any
`securitypolicyviolation`. The public pages are loaded under the site's own
strict Content-Security-Policy (no inline script or style; see
test_csp_browser.py), so an injected script or style attribute would be a
reported violation.

No URL field reaches these pages (a building's link is made by the site), so
a `javascript:` value goes into the credit, which Leaflet shows as HTML."""

import uuid

from django.contrib.auth import get_user_model
from django.contrib.gis.geos import LineString, MultiPolygon, Point, Polygon
from django.urls import reverse

from wagtail.models import Locale, PageLogEntry, Revision

import pytest
from playwright.sync_api import expect

from buildings.models import BuildingIndexPage, BuildingPage
from map.models import MapFeature
from tests.browser.committed import committed
from tests.browser.hostile import END_JSON, IMG, JS_URL, SANDBOX, SCRIPT, assert_harmless
from tests.browser.test_admin_map import log_in
from tests.factories import SuperuserFactory

TITLE = f"Hostile {IMG} {END_JSON}"
SUMMARY = f"{SCRIPT} {IMG} {END_JSON}"
FEATURE_NAMES = {
    MapFeature.Kind.STREET: f"Street {IMG}",
    MapFeature.Kind.ENTRANCE: f"Gate {SCRIPT}",
    MapFeature.Kind.PARKING: f"Parking {END_JSON}",
    MapFeature.Kind.TRANSPORT_STOP: f"Stop {IMG}",
}
CREDIT = f'<a href="{JS_URL}">credit</a> {IMG}'
# In the empty north of the site, away from the demo buildings (see test_admin_map.CORNERS).
FOOTPRINT = MultiPolygon(
    Polygon(
        ((20.46990, 54.74230), (20.47040, 54.74230), (20.47040, 54.74250), (20.46990, 54.74250), (20.46990, 54.74230))
    )
)
FEATURE_GEOMETRY = {
    MapFeature.Kind.STREET: LineString((20.46985, 54.74225), (20.47045, 54.74225)),
    MapFeature.Kind.ENTRANCE: Point(20.46995, 54.74228),
    MapFeature.Kind.PARKING: Point(20.47010, 54.74228),
    MapFeature.Kind.TRANSPORT_STOP: Point(20.47030, 54.74228),
}


def store_hostile_content(tag):
    ru = Locale.objects.get(language_code="ru")
    index = BuildingIndexPage.objects.get(locale=ru)
    building = BuildingPage(
        title=TITLE,
        slug=f"hostile-{tag}",
        summary=SUMMARY,
        purpose="offices",
        status="planned",
        completion_year=2029,
        floors=3,
        gross_floor_area=2400,
        footprint=FOOTPRINT,
    )
    index.add_child(instance=building)
    building.save_revision().publish()
    features = [
        MapFeature.objects.create(
            locale=ru,
            kind=kind,
            name=name,
            geometry=FEATURE_GEOMETRY[kind],
            credit=CREDIT if kind == MapFeature.Kind.STREET else "",
            sort_order=900,
        )
        for kind, name in FEATURE_NAMES.items()
    ]
    SuperuserFactory(username=f"hostile-{tag}", admin_language="en")
    return {"slug": building.slug, "building": building.pk, "features": {f.kind: f.pk for f in features}}


def remove_hostile_content(tag, stored):
    MapFeature.objects.filter(pk__in=stored["features"].values()).delete()
    PageLogEntry.objects.filter(page_id=stored["building"]).delete()
    Revision.page_revisions.filter(object_id=str(stored["building"])).delete()
    BuildingPage.objects.filter(pk=stored["building"]).delete()
    get_user_model().objects.filter(username=f"hostile-{tag}").delete()


@pytest.fixture(scope="module")
def hostile(django_db_blocker, live_site):
    """The hostile building, features and an administrator, committed for the module and removed after it."""
    tag = uuid.uuid4().hex[:8]
    with django_db_blocker.unblock():
        stored = committed(store_hostile_content, tag)
        try:
            yield {"tag": tag, **stored}
        finally:
            committed(remove_hostile_content, tag, stored)


def tooltip_texts(root):
    """The text of every tooltip: the streets' (always shown), and each entrance's, parking's and stop's on hover."""
    texts = set(root.locator(".leaflet-tooltip").all_text_contents())
    for kind in ("entrance", "parking", "stop"):
        markers = root.locator(f"path.map-{kind}")
        for index in range(markers.count()):
            markers.nth(index).dispatch_event("mouseover")  # wherever it is, under a popup or not
            texts.update(root.locator(".leaflet-tooltip").all_text_contents())
    return texts


@pytest.mark.parametrize("path", ["/ru/map/?building={slug}", "/ru/map/embed/?building={slug}"])
def test_hostile_names_on_the_map_and_the_embed_stay_text(guarded, live_site, hostile, path):
    """If this fails, a translator's map feature or an editor's building name runs script on the public map
    or in every article that embeds it."""
    page = guarded()
    page.goto(live_site.url + path.format(slug=hostile["slug"]))
    page.locator("#park-map[data-ready='true']").wait_for()
    expect(page.locator(".leaflet-popup .map-popup__name")).to_have_text(TITLE)
    shown = tooltip_texts(page)
    for name in FEATURE_NAMES.values():
        assert name in shown, f"{name!r} not shown as text among {shown}"
    assert IMG in page.locator(".leaflet-control-attribution").text_content()
    expect(page.locator(f"#map-list li[data-slug='{hostile['slug']}'] button")).to_have_text(TITLE)
    assert_harmless(page)


def test_hostile_names_in_an_embed_framed_by_another_origin_stay_text(guarded, live_site, article_site, hostile):
    """If this fails, a hostile name runs script inside newsroom articles that frame the embed."""
    page = guarded(also=[article_site.url])
    src = f"{live_site.url}/ru/map/embed/?building={hostile['slug']}"
    article_site.html = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Article</title></head><body>'
        f'<iframe id="embed" src="{src}" title="Map" width="800" height="500" sandbox="{SANDBOX}"></iframe>'
        "</body></html>"
    )
    page.goto(article_site.url + "/article.html")
    frame = page.frame_locator("#embed")
    frame.locator("#park-map[data-ready='true']").wait_for(timeout=15_000)
    expect(frame.locator(".leaflet-popup .map-popup__name")).to_have_text(TITLE)
    assert FEATURE_NAMES[MapFeature.Kind.TRANSPORT_STOP] in tooltip_texts(frame)
    assert_harmless(page)


@pytest.mark.parametrize("edited", ["building", "feature"])
def test_hostile_building_title_in_the_admin_map_widget_stays_text(guarded, live_site, hostile, edited, ru):
    """If this fails, an editor's building title runs script in the admin of whoever edits another building
    or a map feature: the editor could act as an administrator."""
    page = guarded()  # under the admin's own policy
    log_in(page, live_site, f"hostile-{hostile['tag']}")
    if edited == "building":
        other = BuildingPage.objects.get(locale=ru, slug="office-b")
        url = reverse("wagtailadmin_pages:edit", args=[other.pk])
    else:
        url = reverse("wagtailsnippets_map_mapfeature:edit", args=[hostile["features"][MapFeature.Kind.STREET]])
    page.goto(live_site.url + url)
    labels = page.locator(".leaflet-reference-pane .map-widget__label")  # on each map of the form
    expect(labels.filter(has_text=TITLE).first).to_be_attached()
    assert_harmless(page)
