"""Journalists' downloads under the language prefix: /{lang}/map/plan.svg, plan.png, buildings.kml, buildings.csv.

Mounted in itpark/urls.py inside i18n_patterns, before Wagtail's catch-all
(the map page itself, /{lang}/map/, is a Wagtail page). Views in map/downloads.py.
Public caching for five minutes; the ETag makes revalidation cheap. Other sites may
load them (Cross-Origin-Resource-Policy: cross-origin): an article shows the plan.
"""

from django.urls import path
from django.views.decorators.cache import cache_control

from core.security import shared_with_other_sites
from map import downloads

app_name = "map_downloads"


def public_for_five_minutes(view):
    return shared_with_other_sites(cache_control(public=True, max_age=300)(view))


urlpatterns = [
    path("plan.svg", public_for_five_minutes(downloads.plan_svg), name="plan_svg"),
    path("plan.png", public_for_five_minutes(downloads.plan_png), name="plan_png"),
    path("buildings.kml", public_for_five_minutes(downloads.buildings_kml), name="buildings_kml"),
    path("buildings.csv", public_for_five_minutes(downloads.buildings_csv), name="buildings_csv"),
]
