"""Absolute URLs from one configured base, never from the request.

Everything that is cached or shared (hreflang, sitemap, feeds, the API, the
downloads, oEmbed, QR codes, og:url, JSON-LD) names pages by
``settings.WAGTAILADMIN_BASE_URL``. A request's ``Host`` header may be any
allowed name with any port (``localhost:6666``); writing it into a cached
response would hand that name to every later reader.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.utils.encoding import iri_to_uri


def base_url():
    """The public base URL, without a trailing slash (``https://itpark.example``)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(path):
    """The absolute URL of a site path (``/ru/map/``); an absolute URL is returned unchanged."""
    if urlsplit(path).scheme:
        return path
    return base_url() + iri_to_uri("/" + path.lstrip("/"))
