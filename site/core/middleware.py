import contextlib
import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse, JsonResponse, QueryDict
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.template import loader
from django.urls import LocalePrefixPattern, get_resolver
from django.utils import translation


def outside_language_prefixes(request):
    """True for URLs routed outside i18n_patterns: the admin, the APIs, /oembed, /healthz, /sitemap.xml..."""
    path = request.path_info.lstrip("/")
    resolver = get_resolver(getattr(request, "urlconf", None))
    return any(
        pattern.pattern.match(path)
        for pattern in resolver.url_patterns
        if not isinstance(pattern.pattern, LocalePrefixPattern)
    )


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, leaving the routes outside the language prefixes alone.

    Django redirects a 404 at /x to /ru/x whenever /ru/x resolves, and
    Wagtail's catch-all page route resolves every path: an API or oEmbed 404
    would become a redirect to a page. Those routes also don't depend on
    Accept-Language, so they get no `Vary: Accept-Language` (which would only
    split caches).
    """

    def process_response(self, request, response):
        if outside_language_prefixes(request):
            return response
        return super().process_response(request, response)


class StripNulBytesMiddleware:
    """Drop NUL bytes from the URL's path and query before any view sees them.

    No page, API or form of the site gives NUL a meaning; passed on, it would
    reach the database, where PostgreSQL refuses NUL in text and SQLite's
    search parser chokes on it (a 500). Without it, "?page=%00" is simply
    "?page=" and the view answers as it does for that.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info:
            request.path_info = request.path_info.replace("\x00", "")
            request.path = request.path.replace("\x00", "")
        if "\x00" in request.META.get("QUERY_STRING", "") or "%00" in request.META.get("QUERY_STRING", ""):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)


class PublicResponseVaryMiddleware:
    """Drop `Vary: Cookie` from responses the public cache (core.page_cache) judged the same for every reader.

    Rendering a public page for an anonymous reader reads the (empty) session,
    so Django's SessionMiddleware adds `Vary: Cookie`: every shared cache
    would then keep one copy per cookie (analytics cookies included). The
    page cache only calls a response public when no logged-in user asked for
    it and it set no cookie, used no CSRF token and touched no session data;
    logged-in readers' responses are private and not stored anywhere. Sits
    above SessionMiddleware so that it sees the header that one adds.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(response, "itpark_public", False) and response.has_header("Vary"):
            kept = [value.strip() for value in response["Vary"].split(",") if value.strip().lower() != "cookie"]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response


logger = logging.getLogger("itpark.outage")

RETRY_AFTER_SECONDS = 30
OUTAGE_ERRORS = (OperationalError, InterfaceError)


def json_routes(request):
    """The API and oEmbed answer in JSON, and other sites read them (CORS)."""
    return request.path_info.startswith(("/api/", "/oembed"))


def unavailable_response(request):
    """503 with Retry-After: JSON with the CORS header for the API and oEmbed, else the bilingual page.

    Renders templates/503.html through the template engine alone: no page tree,
    no site settings, no menus, nothing that would ask the missing database.
    """
    if json_routes(request):
        response = JsonResponse({"error": "The service is temporarily unavailable; try again shortly."}, status=503)
        response["Access-Control-Allow-Origin"] = "*"
    else:
        languages = [code for code, _name in settings.LANGUAGES]
        first = translation.get_language() if translation.get_language() in languages else settings.LANGUAGE_CODE
        order = [first, *[code for code in languages if code != first]]
        response = HttpResponse(
            loader.render_to_string("503.html", {"languages": order, "STATIC_URL": settings.STATIC_URL}), status=503
        )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    # Logged once, by log_outage; Django would log "Service Unavailable" again.
    response._has_been_logged = True
    return response


def log_outage(request, exception):
    """One line per failed request: what was asked and why the database did not answer."""
    reason = " ".join(str(exception).split()) or type(exception).__name__
    logger.error("Database unavailable (%s) for %s %s", reason, request.method, request.path)


class DatabaseUnavailableMiddleware:
    """A database that is gone, refuses or times out makes an honest 503, not a 500 with two tracebacks.

    The connection is closed, so the next request connects afresh and the
    site recovers as soon as the database answers again.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OUTAGE_ERRORS):
            return None
        log_outage(request, exception)
        close_broken_connections()
        return unavailable_response(request)


def close_broken_connections():
    for connection in connections.all(initialized_only=True):
        with contextlib.suppress(Exception):
            connection.close()


class SkipOutageTracebacks(logging.Filter):
    """Logging filter for ``django.request``: an outage is logged once, in one line, by log_outage.

    Without it, a database error raised outside a view (in a middleware) would
    log Django's "Internal Server Error" traceback before server_error answers 503.
    """

    def filter(self, record):
        exc_info = record.exc_info
        return not (exc_info and isinstance(exc_info[1], OUTAGE_ERRORS))
