"""Journalists' downloads under the language prefix: /{lang}/map/plan.svg, plan.png, qr.svg, qr.png,
buildings.kml, buildings.csv.

Mounted in itpark/urls.py inside i18n_patterns, before Wagtail's catch-all
(the map page itself, /{lang}/map/, is a Wagtail page). Views in map/downloads.py and map/qr.py.
Public caching for five minutes; the ETag makes revalidation cheap.
"""

from django.urls import path
from django.views.decorators.cache import cache_control

from map import downloads, qr

app_name = "map_downloads"

public_for_five_minutes = cache_control(public=True, max_age=300)

urlpatterns = [
    path("plan.svg", public_for_five_minutes(downloads.plan_svg), name="plan_svg"),
    path("plan.png", public_for_five_minutes(downloads.plan_png), name="plan_png"),
    path("buildings.kml", public_for_five_minutes(downloads.buildings_kml), name="buildings_kml"),
    path("qr.svg", public_for_five_minutes(qr.qr_svg), name="qr_svg"),
    path("qr.png", public_for_five_minutes(qr.qr_png), name="qr_png"),
    path("buildings.csv", public_for_five_minutes(downloads.buildings_csv), name="buildings_csv"),
]
