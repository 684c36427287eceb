"""Hostile or mistyped input anywhere in a URL gets a clear 4xx, never a 500."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.smoke
@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/ru/news/?tag=%00", 200),
        ("/ru/search/?q=a%00b", 200),
        ("/en/buildings/?purpose=%00", 200),
        ("/ru/map/plan.svg?building=%00", 200),
        ("/oembed?url=http://testserver/ru/map/%00", 200),
        ("/ru/map/embed/?theme=%00&year=20%0027&since=2026-01-0%00&description=a%00b&gesture=%00", 200),
        ("/oembed?url=http://testserver/ru/map/embed/%3Fsince%3D%2500%26year%3D%2500", 200),
        ("/ru/%00/", 404),
        ("/ru/no-such%00-page/", 404),
    ],
)
def test_a_nul_byte_in_the_url_is_ignored(client, url, status):
    """PostgreSQL refuses NUL in text and SQLite's search parser chokes on it: the URL is read without it."""
    assert client.get(url).status_code == status


def test_a_nul_byte_does_not_change_what_an_api_filter_means(client):
    response = client.get("/api/map/buildings.geojson?lang=ru&purpose=of%00fices")
    assert response.status_code == 200
    assert len(response.json()["features"]) == 6


@pytest.mark.smoke
@pytest.mark.parametrize("query", ['"', '"""', "'", 'здание"', "&|!*()", "-", "NEAR(a b)"])
def test_search_syntax_characters_are_searched_as_nothing_or_words(get_html, query):
    """Quotes and operators are not search syntax for readers: the page answers, with results for any words left."""
    html = get_html(f"/ru/search/?q={query}")
    assert html.one("h1")


@pytest.mark.parametrize("width", ["²", "٣٠٠", "9" * 5000, "+600", "600.0"])
def test_plan_png_width_that_is_not_a_plain_number_is_400(client, width):
    """Only plain decimal pixel counts are widths; anything else is explained, not a crash."""
    response = client.get("/en/map/plan.png", {"width": width})
    assert response.status_code == 400
    assert "whole number of pixels" in response.content.decode()


@pytest.mark.parametrize("maxwidth", ["²", "9" * 5000, "0"])
def test_oembed_size_that_is_not_a_positive_plain_number_is_400(client, maxwidth):
    response = client.get("/oembed", {"url": "http://testserver/en/map/", "maxwidth": maxwidth})
    assert response.status_code == 400
    assert "maxwidth" in response.json()["error"]


@pytest.mark.parametrize(
    "query",
    [
        {"year": "9" * 5000},
        {"since": "9" * 5000},
        {"since": "2026-13-45"},
        {"theme": "x" * 5000},
        {"description": "é" * 100_000},
        {"year": ["2027", "2028"], "theme": ["dark", "light"]},
        {"childId": "<script>", "initialWidth": "-1"},
    ],
)
def test_the_embeds_options_fall_back_instead_of_failing(client, query):
    """A mangled embed option (a CMS, a messenger, a bot) shows the map with the default, never an error."""
    response = client.get("/en/map/embed/", query)
    assert response.status_code == 200
    assert b"<script>" not in response.content  # the childId is the script's to read, and never echoed
