"""Downloads for journalists, under the language prefix (see map/download_urls.py).

``/{lang}/map/plan.svg`` and ``/{lang}/map/plan.png``
    The site plan as a picture (map/plan_image.py) in that language; ``building=<slug>``
    highlights one building (404 if there is no such live building in that
    language). The PNG is 1200×630 (OpenGraph's size); ``width=`` (300–2400)
    scales it, keeping the ratio. ``Content-Disposition: inline``.

``/{lang}/map/buildings.kml`` and ``/{lang}/map/buildings.csv``
    The live, public buildings in that language: KML 2.2 (one Placemark per
    building, footprint as Polygon(s), the facts in the description and in
    ExtendedData) and CSV (UTF-8 with a byte order mark, so spreadsheet
    programs read the Cyrillic right; one row per building, the centroid
    being a point on the footprint's surface, computed by the database).
    Sent as attachments named ``itpark-buildings-<lang>.<ext>``.

The GeoJSON download is the API itself (/api/map/buildings.geojson?lang=).

Every response carries ETag and Last-Modified computed as the map API does
(map.api.version_of over the buildings and the map features of that
language), and answers If-None-Match / If-Modified-Since with 304.
"""

import hashlib
import io
import xml.etree.ElementTree as ET
from decimal import Decimal

from django.contrib.gis.db.models.functions import PointOnSurface
from django.http import Http404, HttpResponse
from django.utils import formats
from django.utils.http import content_disposition_header, quote_etag
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_safe

from buildings.models import BuildingPage, Purpose, Status
from core.spreadsheets import SafeWriter
from core.views import whole_number
from map import plan_image
from map.api import Version, conditional_response, page_url_maker, version_of
from map.inline_plan import SCHEMATIC_NOTE
from map.models import MapFeature

PNG_WIDTHS = (300, 2400)
COORDINATE_DECIMALS = 6


# Versions and conditional responses


def data_version(language_code, *parts):
    """The version of everything a download in that language is drawn from: buildings and map features."""
    buildings = version_of(
        BuildingPage.objects.public_in(language_code), "last_published_at", "press", language_code, *parts
    )
    features = version_of(MapFeature.objects.public_in(language_code), "updated_at", "press-site", language_code)
    times = [time for time in (buildings.last_modified, features.last_modified) if time]
    etag = quote_etag(hashlib.sha256(f"{buildings.etag}|{features.etag}".encode()).hexdigest()[:32])
    return Version(last_modified=max(times) if times else None, etag=etag)


def conditional(request, version, render, content_type, filename, disposition="inline"):
    """304 if the client's copy is current, else a 200 with the body from `render()`, as a named file."""
    headers = {
        "Content-Disposition": content_disposition_header(disposition == "attachment", filename),
        "Content-Language": get_language(),
    }
    return conditional_response(request, version, render, content_type, headers)


def read_building(request):
    """The slug asked for in `building=`, or None; a malformed one is a 404 like an unknown one."""
    slug = request.GET.get("building", "").strip()
    if not slug:
        return None
    if len(slug) > 255 or not slug.replace("-", "").replace("_", "").isalnum():
        raise Http404(gettext("There is no building “%(slug)s” on the site plan.") % {"slug": slug[:60]})
    return slug


def check_building(slug):
    """404 for a building that is not on the plan: before any 304, so a stale cache never hides it."""
    if slug and not BuildingPage.objects.public_in(get_language()).filter(slug=slug).exists():
        raise Http404(gettext("There is no building “%(slug)s” on the site plan.") % {"slug": slug})


def plan_filename(extension, slug):
    return f"itpark-plan-{get_language()}{'-' + slug if slug else ''}.{extension}"


class BadRequest(Exception):
    """Turned into a 400 with its message as plain text by the view wrapper."""


def plain_400(view):
    """A BadRequest becomes a 400 with the message as plain text."""

    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except BadRequest as error:
            return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


# The site plan


@require_safe
def plan_svg(request):
    """The site plan as SVG."""
    slug = read_building(request)
    check_building(slug)
    version = data_version(get_language(), "svg", slug or "")
    return conditional(
        request,
        version,
        lambda: plan_image.to_svg(plan_image.compose(get_language(), slug)),
        "image/svg+xml; charset=utf-8",
        plan_filename("svg", slug),
    )


@plain_400
@require_safe
def plan_png(request):
    """The site plan as PNG, `width=` pixels wide (1200 by default)."""
    slug = read_building(request)
    width = read_width(request)
    check_building(slug)
    version = data_version(get_language(), "png", slug or "", width)
    return conditional(
        request,
        version,
        lambda: plan_image.to_png(plan_image.compose(get_language(), slug), width),
        "image/png",
        plan_filename("png", slug),
    )


def read_width(request):
    value = request.GET.get("width", "").strip()
    if not value:
        return plan_image.WIDTH
    low, high = PNG_WIDTHS
    width = whole_number(value)
    if width is None or not low <= width <= high:
        raise BadRequest(
            gettext("The width must be a whole number of pixels from %(low)s to %(high)s.") % {"low": low, "high": high}
        )
    return width


# The data


def building_rows(request, language_code):
    """The public buildings in that language with their facts, centroid and page URL: one query."""
    buildings = (
        BuildingPage.objects.public_in(language_code).annotate(centroid=PointOnSurface("footprint")).in_plan_order()
    )
    page_url = page_url_maker(request, language_code)
    purposes = dict(Purpose.choices)
    statuses = dict(Status.choices)
    for building in buildings:
        building.page_url = page_url(building.url_path) or ""
        building.purpose_label = str(purposes.get(building.purpose, building.purpose))
        building.status_label = str(statuses.get(building.status, building.status))
        yield building


CSV_COLUMNS = (
    "slug",
    "name",
    "purpose",
    "status",
    "completion_year",
    "floors",
    "gross_floor_area_m2",
    "centroid_lon",
    "centroid_lat",
    "url",
)


@require_safe
def buildings_csv(request):
    """The buildings as CSV (UTF-8 with BOM): see this module's docstring."""
    language_code = get_language()

    def render():
        output = io.StringIO()
        writer = SafeWriter(output)
        writer.writerow(CSV_COLUMNS)
        for building in building_rows(request, language_code):
            lon, lat = building.centroid.coords
            writer.writerow(
                [
                    building.slug,
                    building.title,
                    building.purpose_label,
                    building.status_label,
                    building.completion_year,
                    building.floors,
                    building.gross_floor_area,
                    Decimal(f"{lon:.{COORDINATE_DECIMALS}f}"),
                    Decimal(f"{lat:.{COORDINATE_DECIMALS}f}"),
                    building.page_url,
                ]
            )
        return ("\ufeff" + output.getvalue()).encode()

    version = data_version(language_code, "csv")
    filename = f"itpark-buildings-{language_code}.csv"
    return conditional(request, version, render, "text/csv; charset=utf-8", filename, "attachment")


KML_NS = "http://www.opengis.net/kml/2.2"


@require_safe
def buildings_kml(request):
    """The buildings as KML 2.2: see this module's docstring."""
    language_code = get_language()

    def render():
        root = ET.Element("kml", {"xmlns": KML_NS})
        document = ET.SubElement(root, "Document")
        ET.SubElement(document, "name").text = gettext("Buildings of the Kaliningrad IT Park")
        ET.SubElement(document, "description").text = " ".join(
            [
                gettext("Footprints of the park's buildings with their purpose, status and facts."),
                str(SCHEMATIC_NOTE),
            ]
        )
        for building in building_rows(request, language_code):
            document.append(kml_placemark(building))
        ET.indent(root, space=" ")
        return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8")

    version = data_version(language_code, "kml")
    filename = f"itpark-buildings-{language_code}.kml"
    return conditional(request, version, render, "application/vnd.google-earth.kml+xml", filename, "attachment")


def kml_placemark(building):
    """One building as a KML Placemark: name, description, ExtendedData and its footprint."""
    area = formats.number_format(building.gross_floor_area, force_grouping=True)
    facts = [
        (gettext("Purpose"), building.purpose_label),
        (gettext("Status"), building.status_label),
        (gettext("Completion year"), str(building.completion_year)),
        (gettext("Floors"), str(building.floors)),
        (gettext("Gross floor area"), gettext("%(area)s m²") % {"area": area}),
    ]
    placemark = ET.Element("Placemark", {"id": building.slug})
    ET.SubElement(placemark, "name").text = building.title
    lines = [f"{label}: {value}" for label, value in facts]
    if building.page_url:
        lines.append(building.page_url)
    ET.SubElement(placemark, "description").text = "\n".join(lines)
    data = ET.SubElement(placemark, "ExtendedData")
    values = {
        "slug": building.slug,
        "purpose": building.purpose,
        "status": building.status,
        "completion_year": building.completion_year,
        "floors": building.floors,
        "gross_floor_area_m2": building.gross_floor_area,
        "url": building.page_url,
    }
    for name, value in values.items():
        ET.SubElement(ET.SubElement(data, "Data", {"name": name}), "value").text = str(value)
    polygons = list(building.footprint)
    container = ET.SubElement(placemark, "MultiGeometry") if len(polygons) > 1 else placemark
    for polygon in polygons:
        element = ET.SubElement(container, "Polygon")
        for index, ring in enumerate(polygon):
            boundary = ET.SubElement(element, "outerBoundaryIs" if index == 0 else "innerBoundaryIs")
            ET.SubElement(ET.SubElement(boundary, "LinearRing"), "coordinates").text = " ".join(
                f"{lon:.{COORDINATE_DECIMALS}f},{lat:.{COORDINATE_DECIMALS}f}" for lon, lat, *_ in ring.coords
            )
    return placemark
