"""Security headers: the Content-Security-Policy (django-csp) and Cross-Origin-Resource-Policy.

The policies themselves are settings (`CONTENT_SECURITY_POLICY` for public
pages, `ADMIN_CONTENT_SECURITY_POLICY` for the Wagtail admin; see
itpark/settings/base.py); this module only decides, per request, which one
applies and adds what is known only at request time:

- the map's tile host (`MAP_TILE_URL`) to `img-src`, exactly that origin and
  nothing when no tile layer is configured;
- `frame-ancestors` from `EMBED_FRAME_ANCESTORS` on the views that other sites
  may frame (`framable_by_embedding_sites`, django-csp's per-view override);
- `Cross-Origin-Resource-Policy`: `same-origin` unless a view is meant to be
  used by other sites (`shared_with_other_sites`: the API, oEmbed, the plans
  and downloads, the embed).
"""

from functools import lru_cache, wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from csp.constants import HEADER
from csp.decorators import csp_replace
from csp.middleware import CSPMiddleware
from csp.utils import DEFAULT_DIRECTIVES

CORP_HEADER = "Cross-Origin-Resource-Policy"


@lru_cache(maxsize=8)
def tile_origin(template):
    """The origin a Leaflet tile URL template loads from, as a CSP source; "" for none or this site.

    A subdomain placeholder in the first label (`https://{s}.tile.example/...`)
    becomes a wildcard (`https://*.tile.example`); a placeholder anywhere else in
    the host cannot be written as a CSP source and is refused.
    """
    if not template:
        return ""
    parts = urlsplit(template)
    if not parts.netloc:
        return ""  # relative: tiles from this site, allowed by 'self'
    if parts.scheme not in ("http", "https"):
        raise ImproperlyConfigured(f"MAP_TILE_URL must be an http(s) URL template, not {template!r}.")
    host, _, port = parts.netloc.rpartition("@")[2].partition(":")
    labels = host.split(".")
    if "{" in labels[0]:
        labels[0] = "*"
    if any("{" in label or "}" in label for label in labels) or "{" in port:
        raise ImproperlyConfigured(
            f"MAP_TILE_URL {template!r}: a placeholder may stand only for the first label of the host."
        )
    return f"{parts.scheme}://{'.'.join(labels)}{':' + port if port else ''}"


def admin_prefix():
    return reverse("wagtailadmin_home")


DIRECTIVE_ORDER = {name: index for index, name in enumerate(DEFAULT_DIRECTIVES)}


def in_order(policy):
    """The policy's directives, default-src first, then in django-csp's documented order.

    django-csp builds them from a set, so without this their order changes from one process to the next."""
    directives = [directive.strip() for directive in policy.split(";") if directive.strip()]

    def key(directive):
        name = directive.split()[0]
        return (name != "default-src", DIRECTIVE_ORDER.get(name, len(DIRECTIVE_ORDER)))

    return "; ".join(sorted(directives, key=key))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, choosing the admin's policy under /admin/ and adding the tile host.

    The header lists its directives in one fixed order, so that the same policy is
    the same string on every server (caches, logs and tests compare it)."""

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if HEADER in response:
            response[HEADER] = in_order(response[HEADER])
        return response

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if parts.config is None and request.path_info.startswith(admin_prefix()):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        tiles = tile_origin(settings.MAP_TILE_URL)
        if tiles:
            # Leaflet also sets a data: image on tiles it unloads.
            parts.update = {
                **(parts.update or {}),
                "img-src": [*((parts.update or {}).get("img-src", [])), "data:", tiles],
            }
        return parts


def framable_by_embedding_sites(view):
    """Let the sites in settings.EMBED_FRAME_ANCESTORS frame this view (CSP frame-ancestors; no X-Frame-Options).

    The setting is read on each request, so it can change without re-importing the view."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        sources = list(settings.EMBED_FRAME_ANCESTORS) or ["'none'"]
        response = csp_replace({"frame-ancestors": sources})(view)(request, *args, **kwargs)
        response.xframe_options_exempt = True
        return response

    return wrapped


def shared_with_other_sites(view):
    """Mark a view's responses `Cross-Origin-Resource-Policy: cross-origin`: other sites may load them."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response[CORP_HEADER] = "cross-origin"
        return response

    return wrapped


class CrossOriginResourcePolicyMiddleware:
    """`Cross-Origin-Resource-Policy: same-origin` on every response that did not choose otherwise.

    Static files are served before this middleware runs (WhiteNoise) and get
    `cross-origin` from settings.WHITENOISE_ADD_HEADERS_FUNCTION (production.py):
    the sandboxed embed on another origin loads them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault(CORP_HEADER, "same-origin")
        return response
