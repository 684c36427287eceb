"""Who may see a building is decided in one place (BuildingPageQuerySet.public_in), and every output obeys it.

A draft, a building in a private section, one scheduled for next year and
one that exists only in English are put beside the demo buildings; none of
them may appear in any Russian output (the English one only where every
language is offered by design: the sitemap, the embed generator's choice of
language): the API, the map page, the embed, the
directory, a building page's plan of its neighbours, an article's park map,
the site plan as SVG, KML and CSV, oEmbed, the sitemap, search, the timeline and
the application form's choice of building. If one
did, readers would see an unpublished or private building, or a list and a
map that disagree.
"""

import datetime
import json

from django.contrib.gis.geos import MultiPolygon, Polygon
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest
from bs4 import BeautifulSoup

from buildings.models import BuildingIndexPage, BuildingPage
from map.models import MapFeature
from news.models import ArticlePage

pytestmark = pytest.mark.django_db

HIDDEN = {
    "hidden-draft": "Черновик здания",
    "hidden-private": "Закрытое здание",
    "hidden-scheduled": "Здание на следующий год",
    "hidden-english-only": "English-only building",
}


def free_squares(locale, count, size=0.00003):
    """`count` small squares inside the site boundary that touch no building: room for test buildings."""
    boundary = MapFeature.objects.filter(locale=locale).boundary().geometry
    lon_min, lat_min, lon_max, lat_max = boundary.extent
    squares = []
    steps = 60
    for i in range(1, steps):
        for j in range(1, steps):
            lon = lon_min + (lon_max - lon_min) * i / steps
            lat = lat_min + (lat_max - lat_min) * j / steps
            square = Polygon.from_bbox((lon, lat, lon + size, lat + size))
            square.srid = 4326
            inside = boundary.buffer(-0.0001).contains(square)
            if inside and not any(square.intersects(other) for other in squares):
                taken = BuildingPage.objects.filter(footprint__intersects=square.buffer(0.00005)).exists()
                if not taken:
                    squares.append(square)
                    if len(squares) == count:
                        return [MultiPolygon(s, srid=4326) for s in squares]
    raise AssertionError("no room left on the site for the test buildings")


def add_building(index, slug, footprint, **fields):
    building = BuildingPage(
        title=HIDDEN[slug],
        slug=slug,
        purpose="offices",
        status="planned",
        completion_year=2030,
        floors=2,
        gross_floor_area=100,
        footprint=footprint,
        summary=HIDDEN[slug],
        **fields,
    )
    index.add_child(instance=building)
    return building


@pytest.fixture
def hidden_buildings(ru, en):
    index_ru = BuildingIndexPage.objects.get(locale=ru)
    index_en = BuildingIndexPage.objects.get(locale=en)
    draft, private, scheduled, english = free_squares(ru, 4)

    add_building(index_ru, "hidden-draft", draft, live=False).save_revision()

    private_page = add_building(index_ru, "hidden-private", private)
    private_page.save_revision().publish()
    PageViewRestriction.objects.create(
        page=private_page, restriction_type=PageViewRestriction.PASSWORD, password="only-for-staff"
    )

    next_year = timezone.now() + datetime.timedelta(days=365)
    scheduled_page = add_building(index_ru, "hidden-scheduled", scheduled, live=False, go_live_at=next_year)
    scheduled_page.save_revision().publish()  # with a go-live time in the future: approved, not yet live
    scheduled_page.refresh_from_db()
    assert not scheduled_page.live

    add_building(index_en, "hidden-english-only", english).save_revision().publish()
    return HIDDEN


def russian_outputs(client):
    """(name, text) of every Russian output that lists or draws buildings."""
    some_building = BuildingPage.objects.public_in("ru").in_plan_order().first()
    article = next(
        article
        for article in ArticlePage.objects.live().filter(locale__language_code="ru")
        if any(block.block_type == "park_map" for block in article.body)
    )
    urls = {
        "API": "/api/map/buildings.geojson?lang=ru",
        "map page": "/ru/map/",
        "embed": "/ru/map/embed/",
        "directory": "/ru/buildings/",
        "a building page (its neighbours)": some_building.get_url(),
        "article with a park map": article.get_url(),
        "plan.svg": "/ru/map/plan.svg",
        "KML": "/ru/map/buildings.kml",
        "CSV": "/ru/map/buildings.csv",
        "sitemap": "/sitemap.xml",
        "search": "/ru/search/?q=здание",
        "timeline": "/ru/timeline/",
        "apply form (building choices)": "/ru/apply/",
        "apply form asked for a hidden building": "/ru/apply/?building=hidden-draft",
    }
    outputs = []
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, f"{name} ({url}) answered {response.status_code}"
        outputs.append((name, response.content.decode()))
    return outputs


def without_other_languages(name, text):
    """The output less what is about every language by design: the sitemap, and the embed generator's choices."""
    if name == "sitemap":
        return ""
    if "embed-generator" in text:
        soup = BeautifulSoup(text, "html.parser")
        for generator in soup.select(".embed-generator"):
            generator.decompose()
        return str(soup)
    return text


def test_hidden_buildings_appear_in_no_output(client, hidden_buildings):
    outputs = russian_outputs(client)
    leaks = [
        f"{name} shows {slug}"
        for name, text in outputs
        for slug, title in hidden_buildings.items()
        if slug in (shown := without_other_languages(name, text) if slug == "hidden-english-only" else text)
        or title in shown
    ]
    assert leaks == [], "\n".join(leaks)


@pytest.mark.parametrize("slug", sorted(HIDDEN))
def test_oembed_and_the_embed_know_no_hidden_building(client, hidden_buildings, slug):
    """oEmbed refuses it and the embed says it is not on the map, rather than showing it."""
    response = client.get("/oembed", {"url": f"http://testserver/ru/map/embed/?building={slug}", "format": "json"})
    assert response.status_code == 404 or HIDDEN[slug] not in response.content.decode()
    embed = client.get("/ru/map/embed/", {"building": slug}).content.decode()
    assert HIDDEN[slug] not in embed
    config = json.loads(embed.split('id="map-config" type="application/json">')[1].split("</script>")[0])
    assert config["embed"]["building"] is None


def test_the_english_only_building_is_on_the_english_map(client, hidden_buildings):
    """The same rule shows a building in the language it is published in: the check is not simply "hide all"."""
    features = client.get("/api/map/buildings.geojson?lang=en").json()["features"]
    assert "hidden-english-only" in {feature["id"] for feature in features}
    assert "hidden-english-only" in client.get("/en/buildings/").content.decode()


def test_every_reader_of_buildings_asks_the_query_layer():
    """No module filters live/public buildings by hand: the rule stays in one place."""
    from pathlib import Path

    site = Path(__file__).resolve().parent.parent / "site"
    offenders = [
        str(path.relative_to(site))
        for path in site.rglob("*.py")
        if "migrations" not in path.parts
        and "BuildingPage.objects" in (text := path.read_text())
        and (".live().public()" in text or "PageViewRestriction" in text)
        and path.name != "models.py"
    ]
    assert offenders == []
