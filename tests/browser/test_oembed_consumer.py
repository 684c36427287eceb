"""/oembed through a real oEmbed consumer: Wagtail's own OEmbedFinder, configured
with this site as a provider, fetching over HTTP from the live server (no
browser needed, but the live server lives with the browser tests' fixtures)."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

from wagtail.embeds.exceptions import EmbedNotFoundException
from wagtail.embeds.finders.oembed import OEmbedFinder

import pytest
import requests


@pytest.fixture
def finder(live_site):
    """Wagtail's oEmbed finder with this site's map and building pages as a provider."""
    origin = re.escape(live_site.url)
    return OEmbedFinder(
        providers=[
            {
                "endpoint": f"{live_site.url}/oembed",
                "urls": [rf"^{origin}/(ru|en)/map/.*$", rf"^{origin}/(ru|en)/buildings/.+$"],
            }
        ]
    )


def test_wagtail_embeds_a_building_page(finder, live_site):
    """An editor pasting a building page's URL into a Wagtail CMS gets the map iframe, titled, sized and with a thumbnail."""
    url = f"{live_site.url}/en/buildings/office-a/"
    assert finder.accept(url)
    embed = finder.find_embed(url, max_width=640)
    assert embed["type"] == "rich"
    assert "Office Building A" in embed["title"]
    assert embed["provider_name"] == "Kaliningrad IT Park"
    assert embed["width"] == 640 and embed["height"] <= 500
    src = unescape(re.search(r'<iframe src="([^"]+)"', embed["html"])[1])
    assert urlsplit(src).path == "/en/map/embed/" and parse_qs(urlsplit(src).query) == {"building": ["office-a"]}
    assert 'loading="lazy"' in embed["html"] and "allowfullscreen" in embed["html"]
    assert embed["cache_until"] is not None
    thumbnail = requests.get(embed["thumbnail_url"], timeout=10)
    assert thumbnail.status_code == 200 and thumbnail.headers["Content-Type"] == "image/png"


def test_wagtail_embeds_the_map_page_with_height_limit(finder, live_site):
    """The map page's URL, with a height limit, gives an iframe no taller than asked, in Russian."""
    embed = finder.find_embed(f"{live_site.url}/ru/map/?building=kindergarten", max_height=300)
    assert embed["height"] == 300
    assert "Детский сад" in embed["title"]


@pytest.mark.parametrize("path", ["/en/buildings/no-such-building/", "/en/map/?building=nope"])
def test_wagtail_reports_unknown_buildings_as_not_found(finder, live_site, path):
    """A URL of a building that does not exist is not embedded: the provider's 404 reaches the consumer."""
    with pytest.raises(EmbedNotFoundException, match="404"):
        finder.find_embed(f"{live_site.url}{path}")
