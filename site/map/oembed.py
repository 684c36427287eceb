"""The oEmbed 1.0 provider at /oembed (https://oembed.com/), outside the language prefixes.

``GET /oembed?url=...&format=json&maxwidth=...&maxheight=...``

``url`` is one of this site's pages that show the map: the map page
``/{lang}/map/`` (its ``building=``, ``layers=`` and ``year=`` are kept), the
embed ``/{lang}/map/embed/`` (every embed option is kept, validated as the
embed validates it: ``scroll``, ``gesture``, ``theme``, ``year``, ``since``,
``description``; see map/embed.py) or a building page
``/{lang}/buildings/<slug>/`` (that building highlighted). The answer is a
``rich`` response whose ``html`` is an ``<iframe>`` of ``/{lang}/map/embed/``
with those options (with a ``title``: the ``description`` if there is one,
``loading="lazy"``, ``allowfullscreen``, no inline style, and a plain link to
the page inside), its ``width``/``height`` (at most ``maxwidth``/``maxheight``),
a ``title`` in the page's language, and the static plan PNG as thumbnail.

Whose URLs: the URL's host (with its port, if any) must be one of the site's
own hosts: the configured base URL's (WAGTAILADMIN_BASE_URL), the host this
request came to, a Wagtail Site's hostname, or a name in settings.ALLOWED_HOSTS
(its patterns, such as ``.example.org``, count; the ``*`` wildcard does not, or
any host would be ours). The iframe, the page link and the thumbnail are on the
configured base URL (core.urls), whichever of our hosts the URL named: the
answer is cached and shared.

Errors are JSON ``{"error": "message"}`` (messages in English, stable for
developers): 400 for a missing or malformed ``url`` or a ``maxwidth`` /
``maxheight`` that is not a positive whole number; 404 for a URL that is not
one of this site's map or building pages, or names an unknown building; 501
for any ``format`` but ``json`` (oEmbed's answer to ``xml``). Every response
carries ``Access-Control-Allow-Origin: *``.
"""

import re
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import JsonResponse, QueryDict
from django.http.request import split_domain_port, validate_host
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from wagtail.models import Site

from buildings.models import BuildingPage
from core.urls import base_url
from core.views import whole_number
from map.embed import read_options
from map.models import MapPage

DEFAULT_WIDTH, DEFAULT_HEIGHT = 800, 500
THUMBNAIL_WIDTH, THUMBNAIL_MIN_WIDTH = 1200, 300
THUMBNAIL_RATIO = 630 / 1200
CACHE_AGE = 300
LANGUAGES = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
MAP_PATH = re.compile(rf"^/(?P<lang>{LANGUAGES})/map/(?:embed/)?$")
BUILDING_PATH = re.compile(rf"^/(?P<lang>{LANGUAGES})/buildings/(?P<slug>[-\w]+)/$")
SLUG = re.compile(r"^[-\w]+$")


class OEmbedError(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


def own_hosts_match(request, host):
    """Whether `host` (host[:port], lower case) is one of this site's own hosts: see the module docstring."""
    if host in (request.get_host().lower(), urlsplit(base_url()).netloc.lower()):
        return True
    domain, _port = split_domain_port(host)
    if not domain:
        return False
    if Site.objects.filter(hostname__iexact=domain).exists():
        return True
    return validate_host(domain, [pattern for pattern in settings.ALLOWED_HOSTS if pattern != "*"])


def read_url(request):
    """The `url` asked about, split; 400 when missing or not an absolute http(s) URL, 404 when not ours."""
    value = request.GET.get("url", "").strip()
    if not value:
        raise OEmbedError(400, "The url parameter is required.")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 (raises ValueError for a port that is not a number)
    except ValueError:
        raise OEmbedError(400, "The url parameter is not a valid URL.") from None
    if parts.scheme not in ("http", "https") or not parts.hostname or "@" in parts.netloc:
        raise OEmbedError(400, "The url parameter must be an absolute http or https URL.")
    if not own_hosts_match(request, parts.netloc.lower()):
        raise OEmbedError(404, "That URL is not on this site.")
    return parts


def read_size(request, name):
    value = request.GET.get(name, "").strip()
    if not value:
        return None
    size = whole_number(value)
    if not size:
        raise OEmbedError(400, f"{name} must be a positive whole number of pixels.")
    return size


def read_target(parts):
    """(language, building slug or None, the URL's query) for a map or building page URL; 404 for any other page."""
    if match := MAP_PATH.match(parts.path):
        query = QueryDict(parts.query)
        slug = query.get("building", "").strip() or None
        if slug is not None and not SLUG.match(slug):
            raise OEmbedError(404, "There is no such building on the map.")
        return match["lang"], slug, query
    if match := BUILDING_PATH.match(parts.path):
        query = QueryDict(mutable=True)
        query["building"] = match["slug"]
        return match["lang"], match["slug"], query
    raise OEmbedError(404, "That URL is not a map or building page of this site.")


def map_title(language_code):
    page = MapPage.in_language(language_code)
    return page.title if page else gettext("Map of the Kaliningrad IT Park")


def fit(maxwidth, maxheight):
    """The iframe's size: the default, no larger than the maxima (the embed is responsive, any size works)."""
    return min(DEFAULT_WIDTH, maxwidth or DEFAULT_WIDTH), min(DEFAULT_HEIGHT, maxheight or DEFAULT_HEIGHT)


def thumbnail(maxwidth, maxheight):
    """The plan PNG's width and height for these maxima, or None if it cannot be made that small."""
    width = THUMBNAIL_WIDTH
    if maxwidth:
        width = min(width, maxwidth)
    if maxheight:
        width = min(width, int(maxheight / THUMBNAIL_RATIO))
    if width < THUMBNAIL_MIN_WIDTH:
        return None
    return width, round(width * THUMBNAIL_RATIO)


def describe(request, parts, maxwidth, maxheight):
    """The oEmbed response for a map or building URL of this site."""
    language_code, slug, query = read_target(parts)
    origin = base_url()
    with translation.override(language_code):
        building = None
        if slug:
            building = BuildingPage.objects.public_in(language_code).filter(slug=slug).first()
            if building is None:
                raise OEmbedError(404, "There is no such building on the map.")
        title = map_title(language_code)
        if building:
            title = gettext("%(map)s: %(building)s") % {"map": title, "building": building.title}
        options = read_options(query, {slug} if slug else set())
        embed_query = options.embed_query()
        embed_url = f"{origin}/{language_code}/map/embed/{'?' + embed_query if embed_query else ''}"
        page_url = f"{origin}{parts.path}{'?' + parts.query if parts.query else ''}"
        width, height = fit(maxwidth, maxheight)
        html = format_html(
            '<iframe src="{}" title="{}" width="{}" height="{}" loading="lazy" allowfullscreen '
            'referrerpolicy="strict-origin-when-cross-origin"><a href="{}">{}</a></iframe>',
            embed_url,
            options.description or title,
            width,
            height,
            page_url,
            title,
        )
        data = {
            "version": "1.0",
            "type": "rich",
            "title": title,
            "provider_name": gettext("Kaliningrad IT Park"),
            "provider_url": f"{origin}/{language_code}/",
            "html": str(html),
            "width": width,
            "height": height,
            "cache_age": CACHE_AGE,
        }
    if size := thumbnail(maxwidth, maxheight):
        thumb_query = {"building": slug} if slug else {}
        if size[0] != THUMBNAIL_WIDTH:
            thumb_query["width"] = size[0]
        suffix = f"?{urlencode(thumb_query)}" if thumb_query else ""
        data.update(
            thumbnail_url=f"{origin}/{language_code}/map/plan.png{suffix}",
            thumbnail_width=size[0],
            thumbnail_height=size[1],
        )
    return data


@require_safe
def oembed(request):
    """The oEmbed endpoint: see this module's docstring for the contract."""
    try:
        response_format = request.GET.get("format", "json").strip() or "json"
        if response_format != "json":
            raise OEmbedError(501, "Only format=json is supported.")
        parts = read_url(request)
        maxwidth = read_size(request, "maxwidth")
        maxheight = read_size(request, "maxheight")
        response = JsonResponse(
            describe(request, parts, maxwidth, maxheight), json_dumps_params={"ensure_ascii": False}
        )
    except OEmbedError as error:
        response = JsonResponse({"error": error.message}, status=error.status)
        if error.status == 501:
            # The spec's answer to a format the consumer asked for and no provider must offer: the
            # consumer's choice, not a fault of this server, so not logged as a server error.
            response._has_been_logged = True
    response["Access-Control-Allow-Origin"] = "*"
    return response
