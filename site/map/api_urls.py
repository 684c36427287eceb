"""The map's GeoJSON API, mounted at /api/map/ outside the language prefixes (see map/api.py).

Short public caching: a CDN or browser may keep a copy for a minute, and
revalidates it cheaply with the ETag after that, so an editor's change shows
within a minute.
"""

from django.urls import path
from django.views.decorators.cache import cache_control

from map import api

app_name = "map_api"

public_for_a_minute = cache_control(public=True, max_age=60)

urlpatterns = [
    path("buildings.geojson", public_for_a_minute(api.buildings_geojson), name="buildings"),
    path("site.geojson", public_for_a_minute(api.site_geojson), name="site"),
]
