"""Every cached or shared output names pages by the one configured base URL, never by the request's Host.

A request with ``Host: localhost:6666`` (an allowed host, any port) used to
write that name into hreflang links, the sitemap (cached an hour), RSS, the
GeoJSON ``url``, KML and CSV; and the outputs disagreed on a page's URL.
"""

import json
import re

from django.test import override_settings

import pytest

from tests.public_urls import example_article_slug, example_building_slug, page_urls, route_urls

pytestmark = pytest.mark.django_db

BASE = "https://itpark.example"
PROBE = {"HTTP_HOST": "localhost:6666"}


@pytest.fixture
def outputs(client):
    """Every public URL fetched with the probing Host, as {url: text}."""
    texts = {}
    with override_settings(WAGTAILADMIN_BASE_URL=BASE):
        for url in (
            page_urls() + route_urls() + [f"/oembed?url=http://localhost:6666/ru/buildings/{example_building_slug()}/"]
        ):
            response = client.get(url, **PROBE)
            assert response.status_code == 200, url
            texts[url] = response.content.decode("utf-8", errors="replace")
    return texts


def test_no_output_names_the_host_the_request_used(outputs):
    """A probe's Host never leaks into what caches and other sites keep."""
    leaking = [url for url, text in outputs.items() if "localhost:6666" in text or "localhost%3A6666" in text]
    assert not leaking


def test_every_output_names_a_building_by_the_same_absolute_url(outputs):
    """The sitemap, hreflang, the API, KML, CSV, oEmbed and the page's own og:url agree on a building's address."""
    slug = example_building_slug()
    expected = f"{BASE}/ru/buildings/{slug}/"
    page = outputs[f"/ru/buildings/{slug}/"]
    assert f'<link rel="alternate" hreflang="ru" href="{expected}">' in page
    assert expected in outputs["/sitemap.xml"]
    geojson = json.loads(outputs["/api/map/buildings.geojson"])
    urls = {feature["id"]: feature["properties"]["url"] for feature in geojson["features"]}
    assert urls[slug] == expected
    assert expected in outputs["/ru/map/buildings.kml"]
    assert expected in outputs["/ru/map/buildings.csv"]
    oembed = json.loads(next(text for url, text in outputs.items() if url.startswith("/oembed?url=http://localhost")))
    assert f'<a href="{expected}">' in oembed["html"]
    assert oembed["provider_url"] == f"{BASE}/ru/"


def test_an_article_is_named_alike_in_its_page_the_feed_and_the_sitemap(outputs):
    """og:url, JSON-LD, the RSS item and the sitemap give a news article one address."""
    slug = example_article_slug()
    page_url = next(url for url in outputs if url.endswith(f"/news/{slug}/"))
    expected = BASE + page_url
    page = outputs[page_url]
    assert f'<meta property="og:url" content="{expected}">' in page
    assert f'"url": "{expected}"' in page or f'"url":"{expected}"' in page
    feed = outputs[f"/{page_url[1:3]}/news/feed/"]
    assert f"<link>{expected}</link>" in feed
    assert expected in outputs["/sitemap.xml"]
    assert re.search(rf"Sitemap: {re.escape(BASE)}/sitemap.xml", outputs["/robots.txt"])
