from django.http import QueryDict
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import LocalePrefixPattern, get_resolver


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
