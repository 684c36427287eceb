"""QR codes of the map and of each building page, for posters, signage and printed articles.

``/{lang}/map/qr.svg`` and ``/{lang}/map/qr.png``
    A QR code (segno; error correction level M, the standard quiet zone of
    four modules) of the map page in that language, or with
    ``building=<slug>`` of that building's page (live and public in that
    language: ``BuildingPage.objects.public_in``; any other slug is a 404
    that names it). The URL is absolute, from the one configured base
    (``core.urls.absolute_url``), never from the request's Host: a printed
    code outlives any request. ``scale=`` (SCALES: pixels per module in the
    PNG, user units per module in the SVG; 10 by default) out of range or not
    a number is a 400 saying so. The SVG has a ``<title>`` naming the page
    and its URL. ``Content-Disposition: inline``.

Cacheable as the plans are (map/download_urls.py: public for five minutes);
the ETag is the hash of what the code says (the URL) and how it is drawn,
so a revalidation costs one query and no drawing.
"""

import hashlib
import io

from django.http import Http404
from django.utils.http import quote_etag
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_safe

import segno

from buildings.models import BuildingPage
from core.urls import absolute_url
from core.views import whole_number
from map.api import Version
from map.downloads import BadRequest, conditional, plain_400
from map.models import MapPage

SCALES = (2, 40)
DEFAULT_SCALE = 10
BORDER = 4  # modules of quiet zone, as ISO/IEC 18004 asks
ERROR_CORRECTION = "m"
MAX_SLUG_SHOWN = 60


def target(request):
    """(title, absolute URL) of the page the code leads to: the map, or the building asked for."""
    language_code = get_language()
    slug = request.GET.get("building", "").strip()
    if slug:
        building = BuildingPage.objects.public_in(language_code).filter(slug=slug).first()
        if building is None:
            raise Http404(
                gettext("There is no building “%(slug)s” on the site to make a QR code for.")
                % {"slug": slug[:MAX_SLUG_SHOWN]}
            )
        page = building
    else:
        page = MapPage.in_language(language_code)
        if page is None:
            raise Http404(gettext("There is no map in this language."))
    _site_id, _root, path = page.get_url_parts()
    return page.title, absolute_url(path), slug


def read_scale(request):
    value = request.GET.get("scale", "").strip()
    if not value:
        return DEFAULT_SCALE
    low, high = SCALES
    scale = whole_number(value)
    if scale is None or not low <= scale <= high:
        raise BadRequest(
            gettext("The scale must be a whole number from %(low)s to %(high)s.") % {"low": low, "high": high}
        )
    return scale


def version(url, kind, scale):
    digest = hashlib.sha256(f"{url}|{kind}|{scale}|{BORDER}|{ERROR_CORRECTION}".encode()).hexdigest()[:32]
    return Version(last_modified=None, etag=quote_etag(digest))


def filename(slug, extension):
    return f"itpark-qr-{get_language()}{'-' + slug if slug else ''}.{extension}"


def render(url, kind, scale, title=None):
    code = segno.make(url, error=ERROR_CORRECTION, micro=False)
    out = io.BytesIO()
    options = {"title": title, "svgclass": None, "lineclass": None} if kind == "svg" else {}
    # Dark modules on a white ground, quiet zone included, whatever the page or paper behind it.
    code.save(out, kind=kind, scale=scale, border=BORDER, dark="#000", light="#fff", **options)
    return out.getvalue()


@plain_400
@require_safe
def qr_svg(request):
    """The QR code as SVG: see the module docstring."""
    scale = read_scale(request)
    title, url, slug = target(request)
    label = gettext("QR code: %(title)s, %(url)s") % {"title": title, "url": url}
    return conditional(
        request,
        version(url, "svg", scale),
        lambda: render(url, "svg", scale, label),
        "image/svg+xml; charset=utf-8",
        filename(slug, "svg"),
    )


@plain_400
@require_safe
def qr_png(request):
    """The QR code as PNG: see the module docstring."""
    scale = read_scale(request)
    _title, url, slug = target(request)
    return conditional(
        request, version(url, "png", scale), lambda: render(url, "png", scale), "image/png", filename(slug, "png")
    )
