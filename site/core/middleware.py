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
