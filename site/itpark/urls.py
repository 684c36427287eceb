"""URLconf. Public routes live inside i18n_patterns (/ru/..., /en/...);
the admin, health check and APIs outside. Caching decisions are made here,
and so is the rule that read-only views answer only GET and HEAD
(`require_safe`; the map's views carry it themselves, Wagtail pages get it
from core/wagtail_hooks.py)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core import views as core_views
from core.page_cache import public_cache
from core.search import search_view
from core.security import shared_with_other_sites
from core.sitemap import robots_txt, sitemap_xml
from map.oembed import oembed
from news.feeds import news_feed

# A database outage raised outside any view still answers 503 (core/views.py).
handler500 = "core.views.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", never_cache(require_safe(core_views.healthz)), name="healthz"),
    path("api/map/", include("map.api_urls")),  # caching decided in map/api_urls.py
    path(
        "oembed",
        shared_with_other_sites(public_cache(oembed, max_age=300, query=("url", "format", "maxwidth", "maxheight"))),
        name="oembed",
    ),
    path("sitemap.xml", public_cache(require_safe(sitemap_xml), max_age=3600), name="sitemap"),
    path("robots.txt", cache_control(max_age=86400)(require_safe(robots_txt)), name="robots"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)


urlpatterns += i18n_patterns(
    path("news/feed/", public_cache(require_safe(news_feed), max_age=600), name="news_feed"),
    # Any query is kept for PAGE_CACHE_SECONDS at most (see core/page_cache.py).
    path("search/", public_cache(require_safe(search_view), max_age=300, query=("q", "page")), name="search"),
    path("map/embed/", include("map.embed_urls")),  # the embeddable map; caching decided there
    path("map/", include("map.download_urls")),  # plan.svg/png, buildings.kml/csv; caching decided there
    # Wagtail's page serving: the catch-all, so it comes last.
    path("", include("core.page_urls")),  # pages through the public cache, decided there
    prefix_default_language=True,
)
