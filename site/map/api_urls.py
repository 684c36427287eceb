"""The map's GeoJSON API, mounted at /api/map/ outside the language prefixes (see map/api.py).

Short public caching: a CDN or browser may keep a copy for a minute, and
revalidates it cheaply with the ETag after that, so an editor's change shows
within a minute. Other sites' scripts use it (CORS, and
Cross-Origin-Resource-Policy: cross-origin).
"""

from django.urls import path
from django.views.decorators.cache import cache_control

from core.security import shared_with_other_sites
from map import api

app_name = "map_api"


def public_for_a_minute(view):
    return shared_with_other_sites(cache_control(public=True, max_age=60)(view))


urlpatterns = [
    path("buildings.geojson", public_for_a_minute(api.buildings_geojson), name="buildings"),
    path("site.geojson", public_for_a_minute(api.site_geojson), name="site"),
]
