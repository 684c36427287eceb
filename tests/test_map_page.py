"""The map page (/{lang}/map/) as the server sends it: the configuration the
map's script reads, and what readers get without JavaScript (the site plan and
the list of buildings), in Russian and English; and the demo map page."""

import io
import json

from django.core.management import call_command
from django.test import override_settings

from wagtail.models import Page

import pytest

from buildings.models import BuildingIndexPage, BuildingPage
from home.models import HomePage
from map.models import MapPage

pytestmark = pytest.mark.django_db

LANGUAGES = ["ru", "en"]


def map_config(html):
    return json.loads(html.one("script#map-config").get_text())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_map_page_renders_in_both_languages_with_its_configuration(get_html, lang):
    """If this fails, the map page is missing, or its script asks the API for the wrong language's data."""
    html = get_html(f"/{lang}/map/")
    assert html.lang == lang
    assert html.texts("h1") == [{"ru": "Карта", "en": "Map"}[lang]]
    config = map_config(html)
    assert config["lang"] == lang
    assert config["buildingsUrl"] == f"/api/map/buildings.geojson?lang={lang}"
    assert config["siteUrl"] == f"/api/map/site.geojson?lang={lang}"
    assert config["tileUrl"] == ""  # tests run without a tile server
    assert config["tileAttribution"] == ""
    assert config["years"]["min"] == 2023
    assert config["years"]["max"] == 2031
    assert config["years"]["min"] <= config["years"]["initial"] <= config["years"]["max"]
    assert [layer["value"] for layer in config["layers"]] == [
        "buildings",
        "boundary",
        "street",
        "entrance",
        "parking",
        "stop",
        "square",
        "green",
        "lane",
    ]


def test_configuration_texts_and_labels_are_in_the_page_language(get_html):
    """If this fails, the map's buttons, popups and legend speak the wrong language."""
    ru = map_config(get_html("/ru/map/"))
    en = map_config(get_html("/en/map/"))
    assert en["strings"]["openPage"] == "Open the building’s page"
    assert {choice["value"]: choice["label"] for choice in en["purposes"]}["offices"] == "Offices"
    assert {choice["value"]: choice["label"] for choice in ru["purposes"]}["offices"] == "Офисы"
    assert {choice["value"]: choice["label"] for choice in en["statuses"]}["in_service"] == "In service"


def test_api_urls_in_the_configuration_answer(client, get_html):
    """If this fails, the map would draw nothing: the URLs it is given do not serve its data."""
    config = map_config(get_html("/en/map/"))
    buildings = client.get(config["buildingsUrl"])
    site = client.get(config["siteUrl"])
    assert buildings.status_code == 200
    assert site.status_code == 200
    assert len(json.loads(buildings.content)["features"]) == 17


@override_settings(MAP_TILE_URL="https://tiles.example.org/{z}/{x}/{y}.png")
def test_configured_tiles_come_with_their_attribution(get_html):
    """If this fails, a deployment with a tile server would show no tiles, or tiles without their credit."""
    config = map_config(get_html("/ru/map/"))
    assert config["tileUrl"] == "https://tiles.example.org/{z}/{x}/{y}.png"
    assert config["tileAttribution"] == "© OpenStreetMap contributors"


def test_timeline_follows_the_completion_years_in_the_data(get_html, ru, en):
    """If this fails, a building due later than 2031 could not be reached with the timeline."""
    BuildingPage.objects.filter(slug="sports-centre").update(completion_year=2034)
    config = map_config(get_html("/en/map/"))
    assert (config["years"]["min"], config["years"]["max"]) == (2023, 2034)
    html = get_html("/en/map/")
    slider = html.one("input#map-year")
    assert (slider["min"], slider["max"], slider["type"]) == ("2023", "2034", "range")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_without_javascript_the_page_has_the_site_plan_and_the_list(get_html, lang):
    """If this fails, readers without JavaScript (or whose script failed) get an empty map page."""
    html = get_html(f"/{lang}/map/")
    plan_links = html.select("#map-fallback svg.site-plan__drawing a.site-plan__building")
    assert len(plan_links) == 17
    assert all(link["href"].startswith(f"/{lang}/buildings/") for link in plan_links)
    items = html.select("#map-list li.map-list__item")
    assert len(items) == 17
    links = html.select("#map-list a.map-list__name")
    assert {link["href"] for link in links} == {link["href"] for link in plan_links}
    assert f"/{lang}/buildings/office-a/" in {link["href"] for link in links}
    # The interactive parts wait for the script.
    assert html.one("#park-map").has_attr("hidden")
    assert html.one("#map-controls").has_attr("hidden")


def test_list_says_what_each_building_is(get_html):
    """If this fails, the list no longer tells purpose, status and year, and is no alternative to the map."""
    html = get_html("/en/map/")
    office_a = html.one('#map-list li[data-slug="office-a"]')
    assert " ".join(office_a.get_text(" ", strip=True).split()) == "Office Building A Offices · in service · 2024"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_map_and_controls_are_named_for_assistive_technology(get_html, lang):
    """If this fails, screen reader users meet an unnamed map, unlabelled controls or silent updates."""
    html = get_html(f"/{lang}/map/")
    region = html.one("#park-map")
    assert region["role"] == "region"
    assert region["aria-label"].strip()
    for control in html.select("#map-controls input"):
        assert html.select(f'label[for="{control["id"]}"]'), f"{control['id']} has no label"
    assert html.one("output#map-year-output")["for"] == ["map-year"]  # a list of ids
    assert html.one("#map-announcer")["aria-live"] == "polite"
    assert html.select("h1, h2")[0].name == "h1"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_map_page_has_no_inline_script_or_style_and_no_third_party_files(get_html, lang):
    """If this fails, the page breaks under a strict CSP or tells another host about its readers."""
    html = get_html(f"/{lang}/map/")
    for script in html.select("script"):
        assert script.get("src") or script.get("type") == "application/json", script
    assert html.select("[style]") == []
    assert html.third_party_urls() == []
    sources = [script.get("src") for script in html.select("script[src]")]
    assert "/static/leaflet/leaflet.js" in sources
    assert "/static/js/map/main.js" in sources
    assert html.one('script[src="/static/js/map/main.js"]')["type"] == "module"
    assert html.select('link[rel="stylesheet"][href="/static/leaflet/leaflet.css"]')


@pytest.mark.parametrize("lang", LANGUAGES)
def test_map_page_links_its_translation(get_html, lang):
    """If this fails, search engines and the language switcher lose the other language's map."""
    alternates = get_html(f"/{lang}/map/").hreflangs()
    assert alternates["ru"].endswith("/ru/map/")
    assert alternates["en"].endswith("/en/map/")


def test_demo_content_has_the_map_page_in_both_languages(ru, en):
    """If this fails, `make run` gives a site without its map, or an English map that is not a translation."""
    map_ru = MapPage.objects.get(locale=ru)
    map_en = MapPage.objects.get(locale=en)
    assert map_en.translation_key == map_ru.translation_key
    assert map_ru.live and map_en.live and map_ru.show_in_menus and map_en.show_in_menus
    assert (map_ru.slug, map_en.slug) == ("map", "map")
    assert (map_ru.title, map_en.title) == ("Карта", "Map")
    assert "5,4" in map_ru.intro and "5.4" in map_en.intro
    assert map_ru.get_parent().specific == HomePage.objects.get(locale=ru)
    assert map_en.get_parent().specific == HomePage.objects.get(locale=en)


def test_running_the_demo_again_keeps_the_map_page_and_an_editors_intro(ru):
    """If this fails, every `make run` duplicates the map page or undoes an editor's intro."""
    page = MapPage.objects.get(locale=ru)
    page.intro = "Текст редактора."
    page.save_revision().publish()
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    assert "map page: kept" in out.getvalue()
    assert MapPage.objects.filter(locale=ru).count() == 1
    page.refresh_from_db()
    assert page.intro == "Текст редактора."


def test_only_one_map_page_per_home_page_and_only_under_it(ru):
    """If this fails, editors can make a second map page, or one in a place readers would not find."""
    home = HomePage.objects.get(locale=ru)
    assert not MapPage.can_create_at(home)
    assert not MapPage.can_create_at(BuildingIndexPage.objects.get(locale=ru))
    assert not MapPage.can_create_at(Page.objects.get(depth=1))
    assert MapPage.allowed_subpage_models() == []


def test_unpublished_map_page_is_not_served(client, ru):
    """If this fails, an editor's unpublished map page stays visible to the public."""
    MapPage.objects.get(locale=ru).unpublish()
    assert client.get("/ru/map/").status_code == 404
    assert client.get("/en/map/").status_code == 200
