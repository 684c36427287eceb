"""The map's GeoJSON API (/api/map/buildings.geojson and /api/map/site.geojson)
as developers, the map page and journalists' embeds get it, on the demo
content (17 buildings and 11 map features in Russian and English): RFC 7946
validity, languages, filters, errors, conditional requests, CORS, and the
cost of an answer in queries."""

import itertools
import json
from email.utils import parsedate_to_datetime

from django.contrib.gis.geos import MultiPoint, MultiPolygon, Point, Polygon
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.models import PageViewRestriction

import geojson
import pytest

from buildings.models import BuildingPage, Purpose, Status
from map.models import MapFeature

pytestmark = pytest.mark.django_db

BUILDINGS = "/api/map/buildings.geojson"
SITE = "/api/map/site.geojson"
# The park and the streets around it, generously: every coordinate must fall inside.
PARK_LON = (20.455, 20.485)
PARK_LAT = (54.73, 54.75)
OFFICES = {"office-a", "office-b", "office-c", "office-d", "office-e", "coworking"}


# Helpers


def get_geojson(client, url, **headers):
    """GET a GeoJSON URL, check it is a 200 GeoJSON answer valid for a validator library, return it parsed."""
    response = client.get(url, headers=headers)
    assert response.status_code == 200, f"{url} answered {response.status_code}: {response.content[:300]!r}"
    assert response["Content-Type"] == "application/geo+json"
    collection = geojson.loads(response.content.decode())
    assert isinstance(collection, geojson.FeatureCollection)
    assert collection.is_valid, collection.errors()
    return response, json.loads(response.content, parse_float=str)


def positions(coordinates):
    """Every [lon, lat] position in a GeoJSON coordinates array, however nested."""
    if isinstance(coordinates[0], list):
        for part in coordinates:
            yield from positions(part)
    else:
        yield coordinates


def polygons(geometry):
    """The polygons (lists of rings) of a Polygon or MultiPolygon geometry."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    return []


def signed_area(ring):
    """Twice the shoelace area in degrees²: positive for a counter-clockwise ring in lon/lat."""
    points = [(float(lon), float(lat)) for lon, lat in ring]
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise(points))


def assert_rfc7946(collection):
    """No crs, lon/lat order inside the park, at most 6 decimals, right-hand rule rings."""
    assert "crs" not in collection
    for feature in collection["features"]:
        assert "crs" not in feature and "crs" not in feature["geometry"], feature["id"]
        for lon, lat in positions(feature["geometry"]["coordinates"]):
            assert PARK_LON[0] < float(lon) < PARK_LON[1], f"{feature['id']}: longitude {lon} (lat/lon swapped?)"
            assert PARK_LAT[0] < float(lat) < PARK_LAT[1], f"{feature['id']}: latitude {lat} (lat/lon swapped?)"
            for number in (lon, lat):
                decimals = number.split(".")[1] if "." in number else ""
                assert len(decimals) <= 6, f"{feature['id']}: {number} has more than 6 decimals"
        for exterior, *holes in polygons(feature["geometry"]):
            assert signed_area(exterior) > 0, f"{feature['id']}: exterior ring is clockwise"
            for hole in holes:
                assert signed_area(hole) < 0, f"{feature['id']}: hole is counter-clockwise"


def by_id(collection):
    return {feature["id"]: feature for feature in collection["features"]}


def bbox_param(geometry, margin=0.0):
    min_lon, min_lat, max_lon, max_lat = geometry.extent
    return f"{min_lon - margin},{min_lat - margin},{max_lon + margin},{max_lat + margin}"


def building(slug, language_code="ru"):
    return BuildingPage.objects.get(slug=slug, locale__language_code=language_code)


def courtyard_footprint(footprint):
    """The footprint shrunk around its centre, drawn clockwise, with a courtyard drawn counter-clockwise.

    It stays inside the old outline (so it overlaps no neighbour) and has both
    ring orientations wrong for RFC 7946, so the API must turn them.
    """
    (x0, y0), (x1, y1) = footprint.extent[:2], footprint.extent[2:]
    cx, cy, w, h = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2, (y1 - y0) / 2

    def box(scale, clockwise):
        ring = [
            (cx - w * scale, cy - h * scale),
            (cx + w * scale, cy - h * scale),
            (cx + w * scale, cy + h * scale),
            (cx - w * scale, cy + h * scale),
        ]
        ring = ring[::-1] if clockwise else ring
        return [*ring, ring[0]]

    return MultiPolygon(Polygon(box(0.8, clockwise=True), box(0.3, clockwise=False)), srid=4326)


def publish(page):
    page.save_revision().publish()


# The buildings


@pytest.mark.smoke
def test_buildings_are_valid_rfc7946_geojson(client):
    """Map libraries and GIS tools read the buildings: if this fails, shapes land in the sea or do not load."""
    _response, collection = get_geojson(client, BUILDINGS)
    assert len(collection["features"]) == 17
    assert_rfc7946(collection)
    for feature in collection["features"]:
        assert feature["geometry"]["type"] == "MultiPolygon"
        assert set(feature["properties"]) == {
            "name",
            "purpose",
            "purpose_label",
            "status",
            "status_label",
            "completion_year",
            "floors",
            "gross_floor_area",
            "url",
            "summary",
            "entrances",
            "space",
            "space_now",
            "organisations",
        }


@pytest.mark.smoke
def test_buildings_are_in_the_language_asked_for(client):
    """A reader of the English map gets English names and labels and links to English pages, absolute."""
    _response, english = get_geojson(client, f"{BUILDINGS}?lang=en")
    _response, russian = get_geojson(client, BUILDINGS)  # Russian is the default
    assert set(by_id(english)) == set(by_id(russian)) == set(BuildingPage.objects.values_list("slug", flat=True))
    admin_en, admin_ru = by_id(english)["administration-building"], by_id(russian)["administration-building"]
    assert admin_en["properties"]["name"] == "Administration Building"
    assert admin_ru["properties"]["name"] == building("administration-building").title
    assert admin_ru["properties"]["name"] != admin_en["properties"]["name"]
    assert admin_en["properties"]["purpose_label"] == "Administration"
    with translation.override("ru"):
        assert admin_ru["properties"]["purpose_label"] == str(Purpose.ADMINISTRATION.label)
        assert admin_ru["properties"]["status_label"] == str(Status.IN_SERVICE.label)
    for collection, language_code in ((english, "en"), (russian, "ru")):
        for feature in collection["features"]:
            props = feature["properties"]
            page = building(feature["id"], language_code)
            assert props["url"] == f"http://testserver/{language_code}/buildings/{feature['id']}/"
            assert props["url"] == f"http://testserver{page.url}"
            assert props["name"] == page.title and props["summary"] == page.summary
            assert props["purpose"] == page.purpose and props["status"] == page.status
            assert (props["completion_year"], props["floors"]) == (page.completion_year, page.floors)
    assert client.get(admin_ru["properties"]["url"]).status_code == 200
    assert client.get(admin_en["properties"]["url"]).status_code == 200


def test_buildings_carry_their_entrances_as_positions(client):
    """The map page draws doors from `entrances`: if this fails, a building's entrances are missing or swapped."""
    page = building("office-a")
    centre = page.footprint.point_on_surface
    page.entrances = MultiPoint(Point(centre.x, centre.y), srid=4326)
    publish(page)
    _response, collection = get_geojson(client, BUILDINGS)
    [[lon, lat]] = by_id(collection)["office-a"]["properties"]["entrances"]
    assert (float(lon), float(lat)) == pytest.approx((centre.x, centre.y), abs=1e-6)
    assert by_id(collection)["office-b"]["properties"]["entrances"] == []


def test_bbox_returns_what_it_touches_and_not_the_rest(client):
    """A client asking for one corner of the park gets that corner's buildings, not the whole park."""
    target = building("administration-building").footprint
    _response, collection = get_geojson(client, f"{BUILDINGS}?bbox={bbox_param(target, margin=0.00001)}")
    found = set(by_id(collection))
    assert "administration-building" in found
    far = [
        page.slug
        for page in BuildingPage.objects.filter(locale__language_code="ru")
        if page.footprint.distance(target) > 0.0005
    ]
    assert far, "the demo park should have buildings far from the administration building"
    assert not found & set(far)
    assert len(found) < 17
    # A box away from the park finds nothing (and is still valid GeoJSON).
    _response, empty = get_geojson(client, f"{BUILDINGS}?bbox=10,10,11,11")
    assert empty["features"] == []


def test_purpose_filter_takes_one_or_several_purposes(client):
    """Filtering by purpose shows only buildings of that purpose: offices, or offices and housing."""
    _response, offices = get_geojson(client, f"{BUILDINGS}?purpose=offices")
    assert set(by_id(offices)) == OFFICES
    _response, both = get_geojson(client, f"{BUILDINGS}?purpose=offices,housing&lang=en")
    housing = set(BuildingPage.objects.filter(purpose=Purpose.HOUSING).values_list("slug", flat=True))
    assert housing and set(by_id(both)) == OFFICES | housing


def test_unknown_parameters_are_ignored(client):
    """A link with an extra parameter (a cache buster, a tracker) still gets the whole answer."""
    _response, collection = get_geojson(client, f"{BUILDINGS}?_=123&status=planned")
    assert len(collection["features"]) == 17


def test_unpublished_and_private_buildings_are_left_out(client):
    """Drafts and pages in a private section never reach the public map."""
    unpublished = building("office-b")
    unpublished.unpublish()
    private = building("office-c")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    _response, collection = get_geojson(client, BUILDINGS)
    assert len(collection["features"]) == 15
    assert not {"office-b", "office-c"} & set(by_id(collection))


# Bad parameters


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        (f"{BUILDINGS}?bbox=20.46,54.73,20.48", "bbox"),
        (f"{BUILDINGS}?bbox=20.46,54.73,20.48,54.75,1", "bbox"),
        (f"{BUILDINGS}?bbox=a,b,c,d", "bbox"),
        (f"{BUILDINGS}?bbox=20,46,54,73,20,48,54,75", "bbox"),
        (f"{BUILDINGS}?bbox=nan,54.73,20.48,54.75", "bbox"),
        (f"{BUILDINGS}?bbox=20.46,-inf,20.48,54.75", "bbox"),
        (f"{BUILDINGS}?bbox=20.48,54.73,20.46,54.75", "bbox"),
        (f"{BUILDINGS}?bbox=20.46,54.75,20.48,54.73", "bbox"),
        (f"{BUILDINGS}?bbox=-181,54.73,20.48,54.75", "bbox"),
        (f"{BUILDINGS}?bbox=20.46,54.73,20.48,90.5", "bbox"),
        (f"{BUILDINGS}?purpose=garden", "purpose"),
        (f"{BUILDINGS}?purpose=offices,garden", "purpose"),
        (f"{BUILDINGS}?lang=de", "lang"),
        (f"{SITE}?lang=fr", "lang"),
    ],
)
def test_bad_parameters_get_a_400_naming_the_parameter(client, url, parameter):
    """A developer with a typo learns which parameter is wrong and why, instead of getting silent nonsense."""
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    error = response.json()["error"]
    assert error["parameter"] == parameter
    assert len(error["message"]) > 10


def test_bad_parameter_messages_say_why(client):
    """The message tells the developer what to send: the allowed values, the expected form."""
    assert "ru, en" in client.get(f"{BUILDINGS}?lang=de").json()["error"]["message"]
    assert "offices" in client.get(f"{BUILDINGS}?purpose=garden").json()["error"]["message"]
    assert "four numbers" in client.get(f"{BUILDINGS}?bbox=1,2").json()["error"]["message"]
    assert "minLat" in client.get(f"{BUILDINGS}?bbox=20,55,21,54").json()["error"]["message"]


def test_only_reads_are_allowed(client):
    """The API is read-only: a POST is refused and changes nothing."""
    before = client.get(BUILDINGS).content
    response = client.post(BUILDINGS, {"purpose": "offices"})
    assert response.status_code == 405
    assert client.get(BUILDINGS).content == before


# HTTP: caching, conditional requests, CORS


def test_headers_allow_caching_and_cross_origin_reads(client):
    """Journalists' pages on other sites can read the data, and a CDN may keep it for a minute."""
    for url in (BUILDINGS, f"{BUILDINGS}?lang=en", SITE):
        response = client.get(url)
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "ETag" in response["Access-Control-Expose-Headers"]
        assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=60"}
        assert response["ETag"].startswith('"')
        assert parsedate_to_datetime(response["Last-Modified"])
    assert client.get(f"{BUILDINGS}?lang=en")["Content-Language"] == "en"


def test_etag_differs_between_languages_and_filters(client):
    """Caches never hand the English answer (or a filtered one) to someone asking for another."""
    etags = {client.get(url)["ETag"] for url in (BUILDINGS, f"{BUILDINGS}?lang=en", f"{BUILDINGS}?purpose=offices")}
    assert len(etags) == 3


def test_conditional_requests_get_304(client):
    """A browser revalidating its copy gets an empty 304, cheaply, with the CORS header still there."""
    first = client.get(BUILDINGS)
    again = client.get(BUILDINGS, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert again["Access-Control-Allow-Origin"] == "*"
    since = client.get(BUILDINGS, headers={"If-Modified-Since": first["Last-Modified"]})
    assert since.status_code == 304
    stale = client.get(BUILDINGS, headers={"If-None-Match": '"not-the-current-one"'})
    assert stale.status_code == 200 and len(stale.json()["features"]) == 17
    site = client.get(SITE)
    assert client.get(SITE, headers={"If-None-Match": site["ETag"]}).status_code == 304


def test_head_answers_headers_only(client):
    """HEAD gives the same headers as GET with no body, so tools can check for changes cheaply."""
    response = client.head(BUILDINGS)
    assert response.status_code == 200
    assert response.content == b""
    assert response["ETag"] == client.get(BUILDINGS)["ETag"]


@pytest.mark.smoke
def test_publishing_new_geometry_changes_the_answer_and_its_etag(client):
    """An editor redraws a building and publishes: the map shows the new shape at once, correctly oriented."""
    before = client.get(BUILDINGS)
    page = building("office-a")
    page.footprint = courtyard_footprint(page.footprint)
    publish(page)
    after_response, after = get_geojson(client, BUILDINGS)
    assert after_response["ETag"] != before["ETag"]
    assert client.get(BUILDINGS, headers={"If-None-Match": before["ETag"]}).status_code == 200
    assert_rfc7946(after)
    [[exterior, courtyard]] = by_id(after)["office-a"]["geometry"]["coordinates"]
    assert signed_area(exterior) > 0 > signed_area(courtyard)
    lons = [float(lon) for lon, _lat in exterior]
    assert min(lons) == pytest.approx(page.footprint.extent[0], abs=1e-6)


def test_unpublishing_a_building_changes_the_etag(client):
    """A building taken off the site disappears from maps that revalidate their copy."""
    before = client.get(BUILDINGS)["ETag"]
    building("office-b").unpublish()
    after = client.get(BUILDINGS, headers={"If-None-Match": before})
    assert after.status_code == 200
    assert "office-b" not in by_id(after.json())


# Cost


def test_features_come_from_one_query_whatever_their_number(client):
    """The API stays fast as the park grows: a query per building would make the full answer slow."""
    client.get(BUILDINGS)  # warm Wagtail's cached site root paths, as in production
    with CaptureQueriesContext(connection) as everything:
        assert len(client.get(BUILDINGS).json()["features"]) == 17
    target = bbox_param(building("administration-building").footprint)
    with CaptureQueriesContext(connection) as one_corner:
        assert len(client.get(f"{BUILDINGS}?bbox={target}").json()["features"]) < 17
    geometry_queries = [q["sql"] for q in everything.captured_queries if "asgeojson" in q["sql"].lower()]
    assert len(geometry_queries) == 1
    # The ETag's two queries (the selection, the organisations), the features, their space, their
    # tenancies and those organisations: the same whatever the number of buildings.
    assert len(everything.captured_queries) == len(one_corner.captured_queries) == 6
    with CaptureQueriesContext(connection) as revalidation:
        assert client.get(BUILDINGS, headers={"If-None-Match": client.get(BUILDINGS)["ETag"]}).status_code == 304
    assert len(revalidation.captured_queries) == 6 + 2  # the GET for the ETag, then only the ETag's queries


def test_bbox_filter_runs_in_the_database(client):
    """The box is tested by the database (its spatial index), not by reading every building into Python."""
    target = bbox_param(building("administration-building").footprint)
    with CaptureQueriesContext(connection) as queries:
        client.get(f"{BUILDINGS}?bbox={target}")
    features_sql = next(q["sql"] for q in queries.captured_queries if "asgeojson" in q["sql"].lower())
    assert "ST_Intersects" in features_sql or "Intersects" in features_sql


# The site and its layers


@pytest.mark.smoke
def test_site_layers_are_valid_rfc7946_geojson_in_both_languages(client):
    """The map's boundary, streets, entrances, parking, stops and open space load in any GeoJSON tool, named in the reader's language."""
    _response, russian = get_geojson(client, SITE)
    _response, english = get_geojson(client, f"{SITE}?lang=en")
    for collection in (russian, english):
        assert len(collection["features"]) == 17  # 11 context features, and the square, 3 greens and 2 lanes
        assert_rfc7946(collection)
    assert set(by_id(russian)) == set(by_id(english)), "ids must be the same in every language"
    kinds = {feature["properties"]["kind"] for feature in english["features"]}
    assert kinds == set(MapFeature.Kind.values)
    boundary_en = next(f for f in english["features"] if f["properties"]["kind"] == "boundary")
    boundary_ru = by_id(russian)[boundary_en["id"]]
    assert boundary_en["properties"]["kind_label"] == "Site boundary"
    with translation.override("ru"):
        assert boundary_ru["properties"]["kind_label"] == str(MapFeature.Kind.BOUNDARY.label)
    assert boundary_en["properties"]["name"] != boundary_ru["properties"]["name"]
    assert boundary_en["geometry"]["type"] == "Polygon"
    streets = [f for f in english["features"] if f["properties"]["kind"] == "street"]
    assert streets and all("OpenStreetMap" in f["properties"]["credit"] for f in streets)
    assert {"Sovetsky Prospekt", "Krasnaya Street"} <= {f["properties"]["name"] for f in streets}


def test_saving_a_map_feature_changes_the_site_etag(client):
    """An editor corrects a street's name: maps that revalidate get the new name, not the cached one."""
    before = client.get(f"{SITE}?lang=en")["ETag"]
    street = MapFeature.objects.get(locale__language_code="en", name="Krasnaya Street")
    street.name = "Krasnaya Str."
    street.save()
    after = client.get(f"{SITE}?lang=en", headers={"If-None-Match": before})
    assert after.status_code == 200
    assert "Krasnaya Str." in {f["properties"]["name"] for f in after.json()["features"]}
    assert client.get(SITE, headers={"If-None-Match": before}).status_code == 200  # other language, other tag
