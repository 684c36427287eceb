"""Wagtail's front-end URLs (wagtail.urls), with pages served through core.routing.serve.

Caching is decided here, as in every URLconf: pages go through the public
cache (core.page_cache; the page type names its query parameters and may
refuse with `public_cache = False`), Wagtail's login and password views never.
"""

from django.urls import URLPattern, re_path
from django.views.decorators.cache import never_cache

from wagtail import urls as wagtail_urls

from core import routing
from core.page_cache import public_cache

urlpatterns = [
    *(
        URLPattern(pattern.pattern, never_cache(pattern.callback), pattern.default_args, pattern.name)
        for pattern in wagtail_urls.urlpatterns
        if getattr(pattern, "name", None) != "wagtail_serve"
    ),
    re_path(wagtail_urls.serve_pattern, public_cache(routing.serve, max_age=60, query=None), name="wagtail_serve"),
]
