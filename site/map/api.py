"""The map's GeoJSON API: the park's buildings and its other map layers.

Two read-only endpoints, outside the language prefixes (see docs/contract.md):

``GET /api/map/buildings.geojson``
    The live, public buildings as a GeoJSON FeatureCollection. One Feature
    per building:

    - ``id``: the building's slug (the same in every language);
    - ``geometry``: its footprint, a MultiPolygon;
    - ``properties``: ``name``, ``summary`` (in the language asked for),
      ``purpose`` and ``status`` (stable codes, see buildings.models.Purpose
      and Status) with ``purpose_label`` and ``status_label`` (their names in
      that language), ``completion_year``, ``floors``, ``gross_floor_area``
      (m²), ``url`` (the absolute URL of the building's page in that
      language, null if it has none) and ``entrances``: the positions
      ``[[lon, lat], ...]`` of the building's doors, ``[]`` when none are
      drawn. The footprint alone is the geometry, so every client can draw
      it; entrances are a property for clients that want markers.

    Query parameters (others are ignored):

    - ``lang``: ``ru`` (the default) or ``en``;
    - ``bbox=minLon,minLat,maxLon,maxLat``: only buildings whose footprint
      intersects that box (WGS84 degrees; the box may not cross the
      antimeridian);
    - ``purpose``: one purpose code, or several separated by commas;
    - ``free``: ``now`` for the buildings with some area free to let this
      quarter, or a quarter ``YYYY-Qn`` (2021–2031) for those with area free
      as of that quarter (what the latest quarter stated up to it says).

    Space and residents (properties too): ``space`` lists the stated
    quarters, ``[{"quarter": "2027-Q3", "lettable": m², "free": m²,
    "reserved": m²}, ...]`` in time order (``[]`` when none is stated);
    ``space_now`` is the one in force this quarter (or null); and
    ``organisations`` the names (in the language asked for) of the published
    organisations housed in the building, ``[]`` when none.

    Features are ordered by completion year, then name.

``GET /api/map/site.geojson``
    The site boundary and the context layers (streets, entrances to the
    site, parking, public transport stops, and the open space: squares,
    greens, lanes), with ``lang`` as above. One
    Feature per map feature: ``id`` is its translation key (a UUID, the same
    in every language), ``geometry`` any GeoJSON geometry type, and
    ``properties`` are ``kind`` (``boundary``, ``street``, ``entrance``,
    ``parking``, ``stop``, ``square``, ``green`` or ``lane``), ``kind_label`` and ``name`` (in that language)
    and ``credit`` (where the geometry comes from; show it with the feature).

Both follow RFC 7946: WGS84 longitude, latitude order, no ``crs`` member,
exterior rings counter-clockwise and holes clockwise, coordinates rounded to
6 decimals (about 10 cm). ``Content-Type: application/geo+json``.

HTTP: responses carry ``ETag`` and ``Last-Modified`` (the latest publication
of the data in that language) and ``Cache-Control: public, max-age=60`` (set
in map/api_urls.py), and answer ``If-None-Match`` / ``If-Modified-Since`` with
304. The ETag changes as soon as an editor publishes, unpublishes or deletes
a building (or saves or deletes a map feature); Last-Modified is the latest
publication, which an unpublication or deletion does not move, so clients
should prefer If-None-Match (browsers send both, and then the ETag decides). Every response, errors and 304s
included, has ``Access-Control-Allow-Origin: *``, so pages on other sites may
read the data. Only GET and HEAD are allowed (405 otherwise).

Errors: a bad parameter gets a 400 with ``Content-Type: application/json``
and the body ``{"error": {"parameter": "bbox", "message": "..."}}``. The
messages are in English and not translated: this is an interface for
developers, and the text stays stable across the site's languages.

Cost: the features come from one database query, with the geometry
serialised (and its rings oriented) by the database, and page URLs built
from each page's url_path without a query per page; their space, their
tenancies and the organisations housed take one query each; two small
aggregate queries (the selection, and the organisations) give the ETag and
Last-Modified (they are the only queries of a 304). A bbox query uses the footprint's spatial index,
so a small box over a large table costs about as much as a small answer
(bench/map_api.py measures it).
"""

import hashlib
import json
import math
from dataclasses import dataclass

from django.conf import settings
from django.contrib.gis.db.models.functions import AsGeoJSON, GeomOutputGeoFunc
from django.contrib.gis.geos import Polygon
from django.db.models import Count, Max
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.encoding import iri_to_uri
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import require_safe

from wagtail.models import Site

from buildings.models import (
    FIRST_SPACE_YEAR,
    LAST_SPACE_YEAR,
    BuildingPage,
    Organisation,
    Purpose,
    Quarter,
    Status,
    figures_at,
    organisations_by_building,
    space_by_building,
)
from core.urls import absolute_url
from map.models import MapFeature

GEOJSON_CONTENT_TYPE = "application/geo+json"
# Decimal places of every coordinate: RFC 7946 recommends 6 (about 10 cm).
PRECISION = 6
# Bumped whenever the output format changes, so cached copies are not reused.
FORMAT_VERSION = "2"


class ForcePolygonCCW(GeomOutputGeoFunc):
    """Exterior rings counter-clockwise, holes clockwise (RFC 7946's right-hand rule).

    Django ships only ForcePolygonCW; PostGIS (2.4+) and SpatiaLite (5+) both
    have ST_ForcePolygonCCW. Other geometry types pass through unchanged.
    """

    function = "ST_ForcePolygonCCW"
    arity = 1


def as_geojson(field):
    """The field as RFC 7946 GeoJSON text, computed by the database."""
    return AsGeoJSON(ForcePolygonCCW(field), precision=PRECISION)


# Reading the query string


class BadParameter(Exception):
    """A query parameter the API cannot use: which one, and why (in English)."""

    def __init__(self, parameter, message):
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
        self.message = message


def bad_request(error):
    return JsonResponse({"error": {"parameter": error.parameter, "message": error.message}}, status=400)


def read_lang(query):
    """The language asked for (`lang`), the default language when absent or empty."""
    value = query.get("lang", "").strip()
    if not value:
        return settings.LANGUAGE_CODE
    codes = [code for code, _name in settings.LANGUAGES]
    if value not in codes:
        raise BadParameter("lang", f"Unknown language {value[:20]!r}; use one of: {', '.join(codes)}.")
    return value


def read_bbox(query):
    """The box asked for (`bbox=minLon,minLat,maxLon,maxLat`) as a Polygon, or None."""
    value = query.get("bbox", "").strip()
    if not value:
        return None
    parts = value.split(",")
    if len(parts) != 4:
        raise BadParameter("bbox", f"Expected four numbers minLon,minLat,maxLon,maxLat; got {len(parts)} values.")
    try:
        min_lon, min_lat, max_lon, max_lat = (float(part) for part in parts)
    except ValueError:
        raise BadParameter(
            "bbox", "Expected four numbers minLon,minLat,maxLon,maxLat; not all of them are numbers."
        ) from None
    if not all(math.isfinite(number) for number in (min_lon, min_lat, max_lon, max_lat)):
        raise BadParameter("bbox", "Coordinates must be finite numbers (no NaN or infinity).")
    if not all(-180 <= lon <= 180 for lon in (min_lon, max_lon)):
        raise BadParameter("bbox", "Longitudes must be between -180 and 180.")
    if not all(-90 <= lat <= 90 for lat in (min_lat, max_lat)):
        raise BadParameter("bbox", "Latitudes must be between -90 and 90.")
    if min_lon > max_lon:
        raise BadParameter("bbox", "minLon is greater than maxLon (boxes across the antimeridian are not supported).")
    if min_lat > max_lat:
        raise BadParameter("bbox", "minLat is greater than maxLat.")
    box = Polygon.from_bbox((min_lon, min_lat, max_lon, max_lat))
    box.srid = 4326
    return box


def read_purposes(query):
    """The purposes asked for (`purpose=offices` or `purpose=offices,housing`), or None for all."""
    value = query.get("purpose", "").strip()
    if not value:
        return None
    purposes = [part.strip() for part in value.split(",")]
    for purpose in purposes:
        if purpose not in Purpose.values:
            raise BadParameter(
                "purpose", f"Unknown purpose {purpose[:40]!r}; use one or more of: {', '.join(Purpose.values)}."
            )
    return sorted(set(purposes))


def read_free(query):
    """The quarter whose free space is asked for (`free=now` or `free=2027-Q3`), or None for no filter."""
    value = query.get("free", "").strip()
    if not value:
        return None
    if value == "now":
        return Quarter.now()
    quarter = Quarter.parse(value)
    if quarter is None:
        raise BadParameter(
            "free",
            f"Expected now or a quarter YYYY-Qn between {FIRST_SPACE_YEAR} and {LAST_SPACE_YEAR}; got {value[:20]!r}.",
        )
    return quarter


# Responses


@dataclass
class Version:
    """What the conditional headers are made of: when the data last changed, and a tag for its exact state."""

    last_modified: object  # an aware datetime, or None when there is no data
    etag: str


def version_of(queryset, timestamp_field, *parts):
    """One aggregate query over `queryset`: its latest `timestamp_field` and size, hashed with `parts` into an ETag."""
    state = queryset.aggregate(latest=Max(timestamp_field), count=Count("pk"), last_pk=Max("pk"))
    latest = state["latest"]
    key = "|".join(
        str(part)
        for part in (FORMAT_VERSION, *parts, latest.isoformat() if latest else "", state["count"], state["last_pk"])
    )
    return Version(last_modified=latest, etag=quote_etag(hashlib.sha256(key.encode()).hexdigest()[:32]))


def feature_collection(features):
    """A GeoJSON FeatureCollection around features already serialised as JSON text."""
    return '{"type":"FeatureCollection","features":[' + ",".join(features) + "]}"


def feature(feature_id, geometry, properties):
    """One Feature as JSON text; `geometry` is GeoJSON text from the database (or None)."""
    return (
        '{"type":"Feature","id":'
        + json.dumps(feature_id, ensure_ascii=False)
        + ',"geometry":'
        + (geometry or "null")
        + ',"properties":'
        + json.dumps(properties, ensure_ascii=False, separators=(",", ":"))
        + "}"
    )


def conditional_response(request, version, render, content_type, headers):
    """304 if the client's copy is current, else a 200 with the body from `render()` and `headers`.

    `render` is only called for a 200: the work of building the body is saved on a 304.
    """
    # Whole seconds, as HTTP dates carry them (else If-Modified-Since never matches).
    last_modified = int(version.last_modified.timestamp()) if version.last_modified else None
    response = get_conditional_response(request, etag=version.etag, last_modified=last_modified)
    if response is None:
        response = HttpResponse(render(), content_type=content_type)
        for name, value in headers.items():
            response[name] = value
    response.headers.setdefault("ETag", version.etag)
    if last_modified is not None:
        response.headers.setdefault("Last-Modified", http_date(last_modified))
    return response


def geojson_response(request, version, language_code, render):
    """304 if the client's copy is current, else a 200 with the GeoJSON from `render()`."""
    return conditional_response(request, version, render, GEOJSON_CONTENT_TYPE, {"Content-Language": language_code})


def allow_cross_origin_reads(view):
    """Let pages on any site read the responses, errors and 304s included (the API has no private data)."""

    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag"
        return response

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def api_view(view):
    """GET and HEAD only, cross-origin readable, and a BadParameter becomes a 400."""

    @allow_cross_origin_reads
    @require_safe
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except BadParameter as error:
            return bad_request(error)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


# Buildings


def page_url_maker(request, language_code):
    """A function url_path → absolute URL of a page in that language, with no query per page.

    It does what Page.get_url_parts() does for one page, once: find the site
    root path(s) of that language (Wagtail caches them), and reverse its
    page-serving URL under that language's prefix.
    """
    roots = [root for root in Site.get_site_root_paths() if root.language_code == language_code]
    with translation.override(language_code):
        prefix = reverse("wagtail_serve", args=("",))

    def url(url_path):
        for root in roots:
            if url_path.startswith(root.root_path):
                return absolute_url(iri_to_uri(prefix + url_path[len(root.root_path) :]))
        return None

    return url


BUILDING_FIELDS = (
    "pk",
    "slug",
    "title",
    "summary",
    "purpose",
    "status",
    "completion_year",
    "floors",
    "gross_floor_area",
    "url_path",
    "geometry",
    "entrance_points",
)


def space_json(figures):
    if figures is None:
        return None
    return {
        "quarter": str(figures.quarter),
        "lettable": figures.lettable,
        "free": figures.free,
        "reserved": figures.reserved,
    }


def building_features(request, buildings, language_code):
    """The buildings as GeoJSON Feature texts, from one query."""
    rows = (
        buildings.annotate(
            geometry=as_geojson("footprint"), entrance_points=AsGeoJSON("entrances", precision=PRECISION)
        )
        .in_plan_order()
        .values_list(*BUILDING_FIELDS, named=True)
    )
    rows = list(rows)
    page_ids = [row.pk for row in rows]
    space = space_by_building(page_ids)
    housed = organisations_by_building(page_ids, language_code)
    now = Quarter.now()
    page_url = page_url_maker(request, language_code)
    purpose_labels = {value: str(label) for value, label in Purpose.choices}
    status_labels = {value: str(label) for value, label in Status.choices}
    return [
        feature(
            row.slug,
            row.geometry,
            {
                "name": row.title,
                "purpose": row.purpose,
                "purpose_label": purpose_labels.get(row.purpose, row.purpose),
                "status": row.status,
                "status_label": status_labels.get(row.status, row.status),
                "completion_year": row.completion_year,
                "floors": row.floors,
                "gross_floor_area": row.gross_floor_area,
                "url": page_url(row.url_path),
                "summary": row.summary,
                "entrances": json.loads(row.entrance_points)["coordinates"] if row.entrance_points else [],
                "space": [space_json(figures) for figures in space.get(row.pk, [])],
                "space_now": space_json(figures_at(space.get(row.pk, []), now)),
                "organisations": [organisation.name for organisation in housed.get(row.pk, [])],
            },
        )
        for row in rows
    ]


@api_view
def buildings_geojson(request):
    """The buildings as GeoJSON: see this module's docstring for the contract."""
    language_code = read_lang(request.GET)
    bbox = read_bbox(request.GET)
    purposes = read_purposes(request.GET)
    free = read_free(request.GET)
    buildings = BuildingPage.objects.public_in(language_code)
    if bbox is not None:
        buildings = buildings.in_box(bbox)
    if purposes:
        buildings = buildings.filter(purpose__in=purposes)
    if free is not None:
        buildings = buildings.with_free_space(free)
    # The version of exactly what is asked for, so a small box stays cheap on
    # a large table. A building entering the selection was just published (the
    # latest time changes); one leaving it changes the count.
    # Organisations housed in them are published on their own: their latest publication counts too.
    organisations = Organisation.objects.live().aggregate(latest=Max("last_published_at"), count=Count("pk"))
    version = version_of(
        buildings,
        "last_published_at",
        "buildings",
        language_code,
        bbox.extent if bbox else "",
        purposes or "",
        free or "",
        Quarter.now(),
        organisations["latest"],
        organisations["count"],
    )

    def render():
        with translation.override(language_code):
            return feature_collection(building_features(request, buildings, language_code))

    return geojson_response(request, version, language_code, render)


# The site and its context layers


def site_features(features):
    """The map features as GeoJSON Feature texts, from one query."""
    rows = features.annotate(geojson=as_geojson("geometry")).values_list(
        "translation_key", "kind", "name", "credit", "geojson", named=True
    )
    kind_labels = {value: str(label) for value, label in MapFeature.Kind.choices}
    return [
        feature(
            str(row.translation_key),
            row.geojson,
            {
                "kind": row.kind,
                "kind_label": kind_labels.get(row.kind, row.kind),
                "name": row.name,
                "credit": row.credit,
            },
        )
        for row in rows
    ]


@api_view
def site_geojson(request):
    """The site boundary and context layers as GeoJSON: see this module's docstring for the contract."""
    language_code = read_lang(request.GET)
    features = MapFeature.objects.public_in(language_code).order_by("kind", "sort_order", "pk")
    version = version_of(features.order_by(), "updated_at", "site", language_code)

    def render():
        with translation.override(language_code):
            return feature_collection(site_features(features))

    return geojson_response(request, version, language_code, render)
