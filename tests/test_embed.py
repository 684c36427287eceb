"""The embeddable map (/{lang}/map/embed/) and the embed code generator on the
map page and the building pages, as the server sends them: the configuration
the map's script reads in embed mode, the query parameters, the headers that
let other sites frame the embed (and only the embed), no cookies, and the
generator's markup."""

import json
from urllib.parse import parse_qs, urlsplit

from django.test import override_settings

import pytest

from tests.html import Html

pytestmark = pytest.mark.django_db

LANGUAGES = ["ru", "en"]
ALL_LAYERS = ["buildings", "boundary", "street", "entrance", "parking", "stop", "square", "green", "lane"]


def map_config(html):
    return json.loads(html.one("script#map-config").get_text())


def query_of(url):
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


# The embed


@pytest.mark.parametrize("lang", LANGUAGES)
def test_embed_renders_the_map_configuration_in_both_languages(get_html, lang):
    """If this fails, the embedded map is missing, in the wrong language, or would draw nothing."""
    html = get_html(f"/{lang}/map/embed/")
    assert html.lang == lang
    config = map_config(html)
    assert config["lang"] == lang
    assert config["buildingsUrl"] == f"/api/map/buildings.geojson?lang={lang}"
    assert config["siteUrl"] == f"/api/map/site.geojson?lang={lang}"
    assert config["embed"] == {
        "building": None,
        "layers": ALL_LAYERS,
        "scroll": False,
        "gesture": True,
        "year": None,
        "mapUrl": f"/{lang}/map/",
    }
    assert config["strings"]["twoFingers"]  # the touch hint's text (translated through the catalog)
    assert html.texts("h1") == [{"ru": "Карта", "en": "Map"}[lang]]
    assert len(html.select("#map-list li")) == 17
    assert html.third_party_urls() == []


def test_embed_uses_the_map_pages_configuration(get_html):
    """If this fails, the embed has drifted from the map page: a second implementation to keep in step."""
    page_config = map_config(get_html("/en/map/"))
    embed_config = map_config(get_html("/en/map/embed/"))
    embed_config.pop("embed")
    embed_config["strings"].pop("twoFingers")
    assert embed_config == page_config


@pytest.mark.parametrize("lang", LANGUAGES)
def test_building_layers_and_scroll_reach_the_script(get_html, lang):
    """If this fails, a journalist's chosen building, layers or scroll-wheel setting are ignored by the map."""
    html = get_html(f"/{lang}/map/embed/?building=office-a&layers=street,buildings,nonsense&scroll=1")
    embed = map_config(html)["embed"]
    assert embed["building"] == "office-a"
    assert embed["layers"] == ["buildings", "street"]  # the map's order; unknown names dropped
    assert embed["scroll"] is True
    assert html.texts("h1") == [{"ru": "Карта: Офисный центр A", "en": "Map: Office Building A"}[lang]]
    checked = [box["value"] for box in html.select('#map-controls input[name="layer"][checked]')]
    assert checked == ["buildings", "street"]
    assert html.select(".embed-note") == []


@pytest.mark.parametrize("scroll", ["0", "yes", "", "2"])
def test_scroll_wheel_zoom_is_off_unless_asked_for_exactly(get_html, scroll):
    """If this fails, an embed could trap readers' scrolling on phones without the journalist asking for it."""
    assert map_config(get_html(f"/ru/map/embed/?scroll={scroll}"))["embed"]["scroll"] is False


@pytest.mark.parametrize("layers", ["", "nonsense", ",,,", "buildings;street"])
def test_layers_with_nothing_known_show_every_layer(get_html, layers):
    """If this fails, a mistyped layers= would embed an empty map."""
    assert map_config(get_html(f"/en/map/embed/?layers={layers}"))["embed"]["layers"] == ALL_LAYERS


@pytest.mark.parametrize("slug", ["no-such-building", "office-a'><script>", "x" * 500])
def test_an_unknown_building_shows_the_whole_park_with_a_note(client, slug):
    """If this fails, an article whose building was renamed or mistyped shows a broken frame (or worse, runs script)."""
    response = client.get("/en/map/embed/", {"building": slug})
    assert response.status_code == 200
    html = Html(response.content.decode())
    assert map_config(html)["embed"]["building"] is None
    note = html.one(".embed-note")
    assert note["role"] == "status"
    assert "the whole park is shown" in note.get_text()
    assert slug[:60] in note.get_text()
    assert "<script>" not in str(note)  # escaped
    assert html.texts("h1") == ["Map"]


@pytest.mark.parametrize(
    "query",
    [
        {"building": "\x00office-a"},
        {"building": ["office-a", "nope"]},
        {"layers": "," * 10_000},
        {"layers": ["stop", "street"], "scroll": ["1", "0"]},
        {"building": "офис-а", "layers": "здания"},
    ],
)
def test_odd_query_strings_never_break_the_embed(client, query):
    """If this fails, a mangled link (by a CMS, a messenger, a bot) gets a server error instead of the map."""
    response = client.get("/ru/map/embed/", query)
    assert response.status_code == 200
    embed = map_config(Html(response.content.decode()))["embed"]
    assert set(embed["layers"]) <= set(ALL_LAYERS)
    assert embed["building"] in (None, "office-a")


def test_a_draft_building_is_not_highlighted(client, en):
    """If this fails, an embed would reveal a building that is not published."""
    from buildings.models import BuildingPage

    building = BuildingPage.objects.get(locale=en, slug="office-b")
    building.unpublish()
    response = client.get("/en/map/embed/?building=office-b")
    html = Html(response.content.decode())
    assert map_config(html)["embed"]["building"] is None
    assert html.select(".embed-note")
    assert "office-b" not in [item["data-slug"] for item in html.select("#map-list li")]


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_only_safe_methods_are_answered(client, method):
    """If this fails, the embed accepts writes it has no use for."""
    assert getattr(client, method)("/ru/map/embed/").status_code == 405


def test_without_a_map_page_in_that_language_the_embed_is_a_404(client, en):
    """If this fails, a language with no map page would crash the embed (500) instead of answering 404."""
    from map.models import MapPage

    MapPage.objects.filter(locale=en).update(live=False)
    assert client.get("/en/map/embed/").status_code == 404
    assert client.get("/ru/map/embed/").status_code == 200


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {}),
        ("?building=office-a", {"building": "office-a"}),
        (
            "?building=office-a&layers=buildings,boundary&scroll=1",
            {"building": "office-a", "layers": "buildings,boundary"},
        ),
        ("?building=unknown&layers=stop", {"layers": "stop"}),
    ],
)
def test_open_the_full_map_keeps_the_options(get_html, query, expected):
    """If this fails, readers who leave the article for the full map lose the building or layers they were shown."""
    html = get_html(f"/en/map/embed/{query}")
    link = html.one("a#map-full-link")
    assert link["target"] == "_blank"
    assert link["rel"] == ["noopener"]
    assert urlsplit(link["href"]).path == "/en/map/"
    assert query_of(link["href"]) == expected
    assert html.one('link[rel="canonical"]')["href"] == link["href"]


def test_list_links_open_the_site_in_a_new_tab(get_html):
    """If this fails, a reader clicking a building in the embed replaces the map inside the article with our page."""
    html = get_html("/ru/map/embed/")
    links = html.select("#map-list a")
    assert len(links) == 17
    assert all(link["target"] == "_blank" and link["rel"] == ["noopener"] for link in links)
    assert all(link["href"].startswith("/ru/buildings/") for link in links)


# Headers: who may frame what; cookies


def test_the_embed_may_be_framed_by_any_site(client):
    """If this fails, newsrooms' pages cannot show the embedded map (the browser refuses to frame it)."""
    response = client.get("/ru/map/embed/?building=office-a")
    assert "X-Frame-Options" not in response
    assert "; frame-ancestors *;" in f"; {response['Content-Security-Policy']};"
    assert "public" in response["Cache-Control"]


@override_settings(EMBED_FRAME_ANCESTORS=["https://news.example", "https://*.media.example"])
def test_frame_ancestors_follow_the_setting(client):
    """If this fails, a deployment cannot restrict which sites may frame the map."""
    response = client.get("/en/map/embed/")
    policy = f"; {response['Content-Security-Policy']};"
    assert "; frame-ancestors https://news.example https://*.media.example;" in policy


@pytest.mark.parametrize("url", ["/ru/map/", "/en/map/", "/ru/buildings/office-a/", "/en/buildings/office-a/", "/ru/"])
def test_every_other_page_still_refuses_to_be_framed(client, url):
    """If this fails, other sites could frame the rest of the site (clickjacking)."""
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert "; frame-ancestors 'none';" in f"; {response['Content-Security-Policy']};"


@pytest.mark.parametrize("query", ["", "?building=office-a&scroll=1", "?building=nope"])
def test_the_embed_sets_no_cookie(client, query):
    """If this fails, every article with the map would set our cookies on its readers (consent banners, privacy)."""
    client.cookies.clear()
    response = client.get(f"/ru/map/embed/{query}", headers={"accept-language": "en"})
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert not response.cookies
    assert 'name="csrfmiddlewaretoken"' not in response.content.decode()


def test_the_embed_asks_no_third_party_host_even_with_tiles(get_html):
    """If this fails, the embed loads files from other hosts than ours (the tile server is only named in the config)."""
    with override_settings(MAP_TILE_URL="https://tiles.example.org/{z}/{x}/{y}.png"):
        html = get_html("/en/map/embed/")
    assert html.third_party_urls() == []
    assert map_config(html)["tileUrl"] == "https://tiles.example.org/{z}/{x}/{y}.png"


# The embed code generator


def generator(html):
    return html.one("section.embed-generator")


def snippet_iframe(textarea):
    return Html(textarea.get_text()).one("iframe")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_map_page_offers_the_generator_with_labelled_fields(get_html, lang):
    """If this fails, journalists find no "Embed this map" on the map page, or its fields have no labels."""
    html = get_html(f"/{lang}/map/")
    section = generator(html)
    button = html.one("#embed-open")
    assert button["type"] == "button"
    assert button.has_attr("hidden")  # shown by the script, which also hides the ready code
    dialog = html.one("dialog#embed-dialog")
    assert dialog["aria-labelledby"] == "embed-dialog-title"
    assert html.one("#embed-dialog-title").get_text(strip=True) == button.get_text(strip=True)
    for field in dialog.select("select, input, textarea"):
        assert html.select(f'label[for="{field["id"]}"]'), f"no label for #{field['id']}"
    assert [option["value"] for option in html.select("#embed-lang option")] == ["ru", "en"]
    assert html.one("#embed-lang option[selected]")["value"] == lang
    building_options = html.select("#embed-building option")
    assert len(building_options) == 18  # "none" and the 17 buildings
    assert html.one("#embed-building option[selected]")["value"] == ""
    assert [box["value"] for box in html.select('#embed-form input[name="layers"]')] == ALL_LAYERS
    preview = html.one("iframe#embed-preview")
    assert preview["title"]
    assert not preview.get("src")  # loaded only when the dialog opens
    assert section.select(".data-downloads")


def test_the_ready_code_is_a_responsive_lazy_iframe_with_a_link(get_html):
    """If this fails, the code journalists paste makes a frame without a title, fixed width, or no fallback link."""
    html = get_html("/en/map/")
    code = html.one("#embed-static-code")
    assert code.has_attr("readonly")
    frame = snippet_iframe(code)
    assert frame["src"] == "http://testserver/en/map/embed/"
    assert frame["title"] == "Map"
    assert frame["width"] == "100%"
    assert frame["height"] == "500"
    assert frame["loading"] == "lazy"
    assert frame.has_attr("allowfullscreen")
    assert not frame.has_attr("style")
    link = Html(code.get_text()).one("p > a")
    assert link["href"] == "http://testserver/en/map/"
    assert html.one("#embed-code").get_text() == code.get_text()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_building_page_preselects_its_building(get_html, lang):
    """If this fails, a journalist on a building's page gets the code for the whole park instead of that building."""
    html = get_html(f"/{lang}/buildings/office-a/")
    assert html.one("#embed-building option[selected]")["value"] == "office-a"
    frame = snippet_iframe(html.one("#embed-static-code"))
    assert frame["src"] == f"http://testserver/{lang}/map/embed/?building=office-a"
    assert frame["title"] == {"ru": "Карта: Офисный центр A", "en": "Map: Office Building A"}[lang]
    assert html.one("#embed-link-svg")["href"] == f"/{lang}/map/plan.svg?building=office-a"
    assert html.one("#embed-link-png")["href"] == f"/{lang}/map/plan.png?building=office-a"
    config = json.loads(html.one("script#embed-config").get_text())
    assert config["titles"]["en"]["office-a"] == "Map: Office Building A"
    assert config["titles"]["ru"]["office-a"] == "Карта: Офисный центр A"
    assert config["origin"] == "http://testserver"


def test_the_map_page_preselects_the_building_in_its_url_only_if_it_exists(get_html):
    """If this fails, the generator preselects a building the map has not got (a broken embed) or ignores the map's selection."""
    assert get_html("/en/map/?building=office-b").one("#embed-building option[selected]")["value"] == "office-b"
    assert get_html("/en/map/?building=nope").one("#embed-building option[selected]")["value"] == ""


def test_the_generator_links_answer(client, get_html):
    """If this fails, the generator hands journalists links to the embed or plan that do not work."""
    html = get_html("/ru/buildings/office-a/")
    for selector in ("#embed-link-embed", "#embed-link-svg"):
        assert client.get(html.one(selector)["href"]).status_code == 200, selector
    frame = snippet_iframe(html.one("#embed-static-code"))
    assert client.get(urlsplit(frame["src"]).path, {"building": "office-a"}).status_code == 200
