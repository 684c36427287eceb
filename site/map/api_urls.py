"""The map's GeoJSON API, mounted at /api/map/ outside the language prefixes (see map/api.py).

Served from the application's public cache (core/page_cache.py, renewed when
an editor publishes); a browser may keep a copy for a minute, and revalidates
it cheaply with the ETag after that, so an editor's change shows within a minute.
"""

from django.urls import path

from core.page_cache import public_cache
from core.security import shared_with_other_sites
from map import api

app_name = "map_api"


urlpatterns = [
    path(
        "buildings.geojson",
        shared_with_other_sites(public_cache(api.buildings_geojson, max_age=60, query=("lang", "bbox", "purpose"))),
        name="buildings",
    ),
    path(
        "site.geojson",
        shared_with_other_sites(public_cache(api.site_geojson, max_age=60, query=("lang",))),
        name="site",
    ),
]
