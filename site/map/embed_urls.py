"""/{lang}/map/embed/, inside the language prefixes (see map/embed.py).

Served from the application's public cache (core/page_cache.py) with the
options it reads; browsers keep a copy for five minutes.

Mounted in itpark/urls.py before Wagtail's catch-all (the map page, /{lang}/map/,
is a Wagtail page).
"""

from django.urls import path

from core.page_cache import public_cache
from core.security import shared_with_other_sites
from map import embed

app_name = "map_embed"

OPTIONS = ("building", "layers", "scroll", "gesture", "theme", "year", "since", "description")

urlpatterns = [
    path("", shared_with_other_sites(public_cache(embed.embed, max_age=300, query=OPTIONS)), name="embed"),
]
