"""/{lang}/map/embed/, inside the language prefixes (see map/embed.py). Public for five minutes;
other sites frame it (Cross-Origin-Resource-Policy: cross-origin).

Mounted in itpark/urls.py before Wagtail's catch-all (the map page, /{lang}/map/,
is a Wagtail page).
"""

from django.urls import path
from django.views.decorators.cache import cache_control

from core.security import shared_with_other_sites
from map import embed

app_name = "map_embed"

urlpatterns = [
    path("", shared_with_other_sites(cache_control(public=True, max_age=300)(embed.embed)), name="embed"),
]
