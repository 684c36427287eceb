"""Which URLs carry a language and which do not: pages redirect to a language,
the API, oEmbed and other machine routes answer for themselves."""

import pytest

pytestmark = pytest.mark.django_db


def test_page_path_without_language_redirects_to_the_readers_language(client):
    """A shared link without the language prefix still reaches the page."""
    response = client.get("/buildings/", headers={"accept-language": "en"})
    assert response.status_code == 302
    assert response["Location"] == "/en/buildings/"


@pytest.mark.parametrize("url", ["/api/map/nothing.geojson", "/oembed?url=http://testserver/ru/nowhere/", "/api/map/"])
def test_unknown_machine_routes_are_404_not_redirects(client, url):
    """An API or oEmbed client asking for something that isn't there gets a 404, never a page in Russian."""
    response = client.get(url)
    assert response.status_code == 404


def test_api_responses_do_not_vary_on_the_browsers_language(client):
    """The API's language comes from ?lang=, so caches must not split its answers by Accept-Language."""
    response = client.get("/api/map/buildings.geojson?lang=en", headers={"accept-language": "ru"})
    assert response.status_code == 200
    assert "Accept-Language" not in response.get("Vary", "")


def test_pages_still_vary_on_nothing_but_their_prefix(client):
    """Prefixed pages are cacheable per URL; / varies on Accept-Language because it redirects by it."""
    assert "Accept-Language" in client.get("/")["Vary"]
    assert client.get("/ru/").status_code == 200
