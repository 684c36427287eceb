"""Journalists' downloads under the language prefix: /{lang}/map/plan.svg, plan.png, qr.svg, qr.png,
buildings.kml, buildings.csv.

Mounted in itpark/urls.py inside i18n_patterns, before Wagtail's catch-all
(the map page itself, /{lang}/map/, is a Wagtail page). Views in map/downloads.py and map/qr.py.
Served from the application's public cache (core/page_cache.py, renewed when
an editor publishes); browsers keep a copy for five minutes and revalidate with the ETag.
"""

from django.urls import path

from core.page_cache import public_cache
from core.security import shared_with_other_sites
from map import downloads, qr

app_name = "map_downloads"


urlpatterns = [
    path(
        "plan.svg",
        shared_with_other_sites(public_cache(downloads.plan_svg, max_age=300, query=("building",))),
        name="plan_svg",
    ),
    path(
        "plan.png",
        shared_with_other_sites(public_cache(downloads.plan_png, max_age=300, query=("building", "width"))),
        name="plan_png",
    ),
    path(
        "buildings.kml",
        shared_with_other_sites(public_cache(downloads.buildings_kml, max_age=300)),
        name="buildings_kml",
    ),
    path(
        "buildings.csv",
        shared_with_other_sites(public_cache(downloads.buildings_csv, max_age=300)),
        name="buildings_csv",
    ),
    path(
        "qr.svg",
        shared_with_other_sites(public_cache(qr.qr_svg, max_age=300, query=("building", "scale"))),
        name="qr_svg",
    ),
    path(
        "qr.png",
        shared_with_other_sites(public_cache(qr.qr_png, max_age=300, query=("building", "scale"))),
        name="qr_png",
    ),
]
