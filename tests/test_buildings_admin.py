"""Editors drawing buildings in the Wagtail admin: creating a building with its
footprint, changing a footprint, every kind of bad geometry refused with a
message that says what is wrong (and nothing saved), and the edit form's map
showing the rest of the park for reference."""

import json

from django.contrib.gis.geos import GEOSGeometry
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from wagtail.models import Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from buildings.models import BuildingIndexPage, BuildingPage
from map.models import MapFeature
from tests.factories import SuperuserFactory
from tests.html import Html

pytestmark = pytest.mark.django_db

# An empty corner of the demo site, in the north of the triangle (lon, lat).
FREE = (20.4699, 54.7423, 20.4704, 54.7425)


def rectangle(west, south, east, north):
    """A rectangle as the map sends it: a GeoJSON MultiPolygon, longitude first."""
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return json.dumps({"type": "MultiPolygon", "coordinates": [[ring]]})


def shifted(geometry, dlon, dlat):
    """A footprint moved by a few metres, as GeoJSON."""
    data = json.loads(geometry.geojson)
    data["coordinates"] = [
        [[[x + dlon, y + dlat] for x, y in ring] for ring in polygon] for polygon in data["coordinates"]
    ]
    return json.dumps(data)


def geojson(kind, coordinates):
    return json.dumps({"type": kind, "coordinates": coordinates})


def free_square_swapped():
    west, south, east, north = FREE
    ring = [[south, west], [south, east], [north, east], [north, west], [south, west]]
    return geojson("MultiPolygon", [[ring]])


def bow_tie():
    west, south, east, north = FREE
    ring = [[west, south], [east, north], [east, south], [west, north], [west, south]]
    return geojson("MultiPolygon", [[ring]])


def overlapping_office_a():
    office = BuildingPage.objects.get(locale__language_code="ru", slug="office-a")
    return shifted(office.footprint, 0.00005, 0.00002)


# (footprint GeoJSON, or a function making it; the one message the editor must see)
BAD_FOOTPRINTS = [
    pytest.param(bow_tie, "The outline crosses itself: move the corners so that no two edges cross.", id="bow-tie"),
    pytest.param(
        geojson("MultiPolygon", []), "The footprint is empty: draw the outline of the building.", id="empty-geometry"
    ),
    pytest.param("", "No geometry value provided.", id="nothing-drawn"),
    pytest.param(
        geojson("LineString", [[20.4699, 54.7423], [20.4704, 54.7425]]),
        "Draw one or more polygons here, not a line.",
        id="line-as-footprint",
    ),
    pytest.param(
        geojson("Point", [20.4701, 54.7424]),
        "Draw one or more polygons here, not a point.",
        id="point-as-footprint",
    ),
    pytest.param("not GeoJSON at all", "Invalid geometry value.", id="not-geojson"),
    pytest.param(
        rectangle(37.6170, 55.7550, 37.6180, 55.7560),
        "It lies outside the park: more than 100 m from the site boundary.",
        id="far-outside-the-site",
    ),
    pytest.param(
        free_square_swapped(),
        "The coordinates are in latitude, longitude order; GeoJSON and the map expect longitude first, then latitude.",
        id="lat-lon-swapped",
    ),
    pytest.param(
        overlapping_office_a, "The footprint overlaps another building: Офисный центр A.", id="overlaps-a-building"
    ),
]

BAD_ENTRANCES = [
    pytest.param(rectangle(*FREE), "Draw one or more points here, not polygons.", id="polygon-as-entrance"),
    pytest.param(
        geojson("MultiPoint", [[20.5100, 54.7100]]),
        "It lies outside the park: more than 100 m from the site boundary.",
        id="entrance-far-away",
    ),
    pytest.param(
        geojson("MultiPoint", [[54.7424, 20.4701]]),
        "The coordinates are in latitude, longitude order; GeoJSON and the map expect longitude first, then latitude.",
        id="entrance-lat-lon-swapped",
    ),
]


@pytest.fixture
def editor(client):
    user = SuperuserFactory(admin_language="en")
    client.force_login(user)
    return user


@pytest.fixture
def index(ru):
    return BuildingIndexPage.objects.get(locale=ru)


def add_url(index):
    return reverse("wagtailadmin_pages:add", args=["buildings", "buildingpage", index.pk])


def edit_url(building):
    return reverse("wagtailadmin_pages:edit", args=[building.pk])


def new_building_form(**changes):
    """The add form as the admin posts it, for a building in the free corner of the site."""
    data = {
        "title": "Лаборатория робототехники",
        "slug": "robotics-lab",
        "summary": "Лаборатория для стартапов в области робототехники.",
        "purpose": "offices",
        "status": "planned",
        "completion_year": "2029",
        "floors": "3",
        "gross_floor_area": "2400",
        "footprint": rectangle(*FREE),
        "entrances": geojson("MultiPoint", [[20.47015, 54.7423]]),
        "tenants": inline_formset([]),
        "spaces": inline_formset([]),
        "image": "",
        "photos": inline_formset([]),
        "description": streamfield([("paragraph", rich_text("<p>Мастерские и испытательный зал.</p>"))]),
        "action-publish": "action-publish",
    }
    data.update(changes)
    return nested_form_data(data)


def edit_form(building, **changes):
    """The edit form as the admin posts it for an existing building, with its current values."""
    tenants = [{"id": str(t.pk), "organisation": str(t.organisation_id)} for t in building.tenants.all()]
    photos = [{"id": str(p.pk), "image": str(p.image_id), "caption": p.caption} for p in building.photos.all()]
    spaces = [space_row(space) for space in building.spaces.all()]
    data = {
        "title": building.title,
        "slug": building.slug,
        "summary": building.summary,
        "purpose": building.purpose,
        "status": building.status,
        "completion_year": str(building.completion_year),
        "floors": str(building.floors),
        "gross_floor_area": str(building.gross_floor_area),
        "footprint": building.footprint.geojson,
        "entrances": building.entrances.geojson if building.entrances else "",
        "tenants": inline_formset(tenants, initial=len(tenants)),
        "spaces": inline_formset(spaces, initial=len(spaces)),
        "image": str(building.image_id or ""),
        "photos": inline_formset(photos, initial=len(photos)),
        "description": streamfield([("paragraph", rich_text("<p>Описание здания.</p>"))]),
        "action-publish": "action-publish",
    }
    data.update(changes)
    return nested_form_data(data)


def space_row(space):
    """A space-to-let row of the edit form, as it shows a stored one."""
    return {
        "id": str(space.pk),
        "year": str(space.year),
        "quarter": str(space.quarter),
        "floor": str(space.floor or ""),
        "lettable_area": str(space.lettable_area),
        "free_area": str(space.free_area),
        "reserved_area": str(space.reserved_area),
    }


def revision_count(building):
    return Revision.page_revisions.filter(object_id=str(building.pk)).count()


def field_errors(response, field):
    """The messages shown on a field of the refused form, as the (English-speaking) editor reads them."""
    with translation.override("en"):
        return [str(message) for message in response.context["form"].errors.get(field, [])]


def value(param):
    return param() if callable(param) else param


def test_editor_creates_a_building_with_its_footprint(client, editor, ru, index):
    """An editor draws a new building under the Russian directory and publishes it: it is
    saved in Russian, live, with the footprint and entrance exactly as drawn."""
    assert client.get(add_url(index)).status_code == 200
    response = client.post(add_url(index), new_building_form())
    assert response.status_code == 302, response.context and response.context["form"].errors

    building = BuildingPage.objects.get(slug="robotics-lab")
    assert building.locale == ru
    assert building.live
    assert building.get_parent().specific == index
    assert building.footprint.srid == 4326
    assert building.footprint.equals_exact(GEOSGeometry(rectangle(*FREE)), 1e-9)
    assert building.entrances.equals_exact(GEOSGeometry(geojson("MultiPoint", [[20.47015, 54.7423]])), 1e-9)
    assert building.gross_floor_area == 2400


def test_editor_creates_a_building_without_entrances(client, editor, index):
    """Entrances are optional: a building with only its outline drawn is saved."""
    response = client.post(add_url(index), new_building_form(entrances=""))
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert BuildingPage.objects.get(slug="robotics-lab").entrances is None


def test_pasted_polygon_is_stored_as_a_multipolygon(client, editor, index):
    """An editor may paste a plain GeoJSON Polygon (e.g. from geojson.io) instead of drawing:
    it is accepted and stored as the one-part MultiPolygon it is."""
    ring = json.loads(rectangle(*FREE))["coordinates"][0]
    response = client.post(add_url(index), new_building_form(footprint=geojson("Polygon", ring)))
    assert response.status_code == 302, response.context and response.context["form"].errors
    footprint = BuildingPage.objects.get(slug="robotics-lab").footprint
    assert footprint.geom_type == "MultiPolygon"
    assert footprint.equals_exact(GEOSGeometry(rectangle(*FREE)), 1e-9)


def test_editor_changes_a_buildings_footprint(client, editor, ru):
    """An editor redraws an existing building's outline (with an entrance) and publishes:
    the new outline is stored, as a new revision, and its organisations stay."""
    building = BuildingPage.objects.get(locale=ru, slug="administration-building")
    tenants = list(building.tenants.values_list("organisation_id", flat=True))
    revisions = revision_count(building)
    west, south, east, north = building.footprint.extent
    smaller = rectangle(west, south, east - 0.0001, north)
    entrance = geojson("MultiPoint", [[west + 0.0002, south]])

    response = client.post(edit_url(building), edit_form(building, footprint=smaller, entrances=entrance))
    assert response.status_code == 302, response.context and response.context["form"].errors

    building.refresh_from_db()
    assert building.footprint.equals_exact(GEOSGeometry(smaller), 1e-9)
    assert building.entrances.equals_exact(GEOSGeometry(entrance), 1e-9)
    assert revision_count(building) == revisions + 1
    assert list(building.tenants.values_list("organisation_id", flat=True)) == tenants


@pytest.mark.parametrize(("footprint", "message"), BAD_FOOTPRINTS)
def test_bad_footprint_is_refused_when_creating(client, editor, index, footprint, message):
    """The editor sees what is wrong with the outline, next to the map, and no building is created."""
    pages = BuildingPage.objects.count()
    response = client.post(add_url(index), new_building_form(footprint=value(footprint)))
    assert response.status_code == 200
    assert field_errors(response, "footprint") == [message]
    assert escape(message) in response.content.decode()
    assert BuildingPage.objects.count() == pages
    assert not BuildingPage.objects.filter(slug="robotics-lab").exists()


@pytest.mark.parametrize(("footprint", "message"), BAD_FOOTPRINTS)
def test_bad_footprint_is_refused_when_editing(client, editor, ru, footprint, message):
    """A bad outline drawn over an existing building is refused: its footprint and its
    history stay as they were."""
    building = BuildingPage.objects.get(locale=ru, slug="coworking")
    before = building.footprint.clone()
    revisions = revision_count(building)

    response = client.post(edit_url(building), edit_form(building, footprint=value(footprint)))
    assert response.status_code == 200
    assert field_errors(response, "footprint") == [message]
    assert escape(message) in response.content.decode()
    building.refresh_from_db()
    assert building.footprint.equals_exact(before, 0)
    assert revision_count(building) == revisions


@pytest.mark.parametrize(("entrances", "message"), BAD_ENTRANCES)
def test_bad_entrances_are_refused(client, editor, index, entrances, message):
    """Entrances must be points on the site; anything else is refused and nothing is created."""
    pages = BuildingPage.objects.count()
    response = client.post(add_url(index), new_building_form(entrances=entrances))
    assert response.status_code == 200
    assert field_errors(response, "entrances") == [message]
    assert escape(message) in response.content.decode()
    assert BuildingPage.objects.count() == pages


def test_moving_a_building_onto_its_own_translation_is_not_an_overlap(client, editor, ru):
    """A building is never reported as overlapping itself (or its English translation)."""
    building = BuildingPage.objects.get(locale=ru, slug="office-a")
    response = client.post(edit_url(building), edit_form(building, footprint=shifted(building.footprint, 0, 0.00001)))
    assert response.status_code == 302, response.context and response.context["form"].errors


def test_geometry_message_is_in_the_editors_language(client, index):
    """A Russian-speaking editor reads what is wrong with the outline in Russian."""
    client.force_login(SuperuserFactory(admin_language="ru"))
    response = client.post(add_url(index), new_building_form(footprint=bow_tie()))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ru"' in html
    with translation.override("ru"):
        message = gettext("The outline crosses itself: move the corners so that no two edges cross.")
    assert escape(message) in html


def reference_data(html, field):
    """The JSON the map widget renders for static/js/admin/map-widget.js."""
    return json.loads(Html(html).one(f"script#id_{field}-map-reference").string)


def test_edit_form_shows_the_site_and_the_other_buildings_for_reference(client, editor, ru):
    """The editor draws with the site boundary and the neighbouring buildings on the map,
    but the building being edited is only there once: as the editable outline."""
    building = BuildingPage.objects.get(locale=ru, slug="office-b")
    html = client.get(edit_url(building)).content.decode()

    for field in ("footprint", "entrances"):
        reference = reference_data(html, field)
        features = reference["features"]["features"]
        names = {f["properties"]["layer"]: [] for f in features}
        for feature in features:
            names[feature["properties"]["layer"]].append(feature["properties"]["name"])
        boundary = MapFeature.objects.filter(locale=ru).boundary()
        assert names["boundary"] == [boundary.name]
        others = BuildingPage.objects.filter(locale=ru).exclude(pk=building.pk)
        assert sorted(names["building"]) == sorted(others.values_list("title", flat=True))
        assert building.title not in names["building"]
        assert reference["legend"] == {"boundary": "Site boundary", "building": "Other buildings"}
        office_a = next(f for f in features if f["properties"]["name"] == "Офисный центр A")
        assert GEOSGeometry(json.dumps(office_a["geometry"])).equals_exact(
            BuildingPage.objects.get(locale=ru, slug="office-a").footprint, 1e-9
        )


def test_add_form_shows_every_building_for_reference(client, editor, ru, index):
    """On a new building's form, all the buildings of the site are on the map."""
    html = client.get(add_url(index)).content.decode()
    features = reference_data(html, "footprint")["features"]["features"]
    buildings = [f["properties"]["name"] for f in features if f["properties"]["layer"] == "building"]
    assert len(buildings) == BuildingPage.objects.filter(locale=ru).count()


def test_edit_form_loads_the_map_and_its_styles(client, editor, ru):
    """Without Leaflet, its extra styles and our script, the map is missing, 0 px high or bare."""
    building = BuildingPage.objects.get(locale=ru, slug="office-b")
    page = Html(client.get(edit_url(building)).content.decode())
    scripts = [el["src"] for el in page.select("script[src]")]
    styles = [el["href"] for el in page.select('link[rel="stylesheet"]')]
    assert any(src.endswith("leaflet/leaflet.js") for src in scripts)
    assert any(src.endswith("leaflet/draw/leaflet.draw.js") for src in scripts)
    assert any(src.endswith("leaflet/leaflet.forms.js") for src in scripts)
    assert any(src.endswith("js/admin/map-widget.js") for src in scripts)
    assert any(href.endswith("leaflet/leaflet.extras.css") for href in styles)
    assert any(href.endswith("css/admin.css") for href in styles)
    assert len(page.select("#id_footprint-map")) == 1
    assert len(page.select("#id_entrances-map")) == 1
    textarea = page.one("textarea#id_footprint")
    assert GEOSGeometry(textarea.get_text()).equals_exact(building.footprint, 1e-9)


def test_draw_toolbar_speaks_the_editors_language(client, ru):
    """A Russian-speaking editor gets Leaflet.draw's buttons and hints in Russian."""
    client.force_login(SuperuserFactory(admin_language="ru"))
    building = BuildingPage.objects.get(locale=ru, slug="office-b")
    reference = reference_data(client.get(edit_url(building)).content.decode(), "footprint")
    assert reference["draw"]["draw_toolbar_buttons_polygon"] == "Нарисовать многоугольник"
    with translation.override("ru"):
        assert reference["legend"] == {"boundary": gettext("Site boundary"), "building": gettext("Other buildings")}


def test_admin_map_requests_no_tiles_without_a_tile_url(client, editor, ru, settings):
    """With MAP_TILE_URL empty (as in tests), the admin map asks no other host for tiles."""
    building = BuildingPage.objects.get(locale=ru, slug="office-b")
    html = client.get(edit_url(building)).content.decode()
    assert "tile.openstreetmap" not in html
    assert Html(html).third_party_urls() == []
    assert '"layers": []' in html
