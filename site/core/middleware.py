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
