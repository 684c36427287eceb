"""Journalists' downloads and the oEmbed provider, on the demo content (17
buildings in Russian and English): the static site plan as SVG and PNG
(/{lang}/map/plan.svg, .png), the buildings as KML and CSV
(/{lang}/map/buildings.kml, .csv), /oembed and the head tags that point to
them (og:image, oEmbed discovery). The same provider through a real oEmbed
consumer is in tests/browser/test_oembed_consumer.py."""

import csv
import io
import json
from html import unescape
from urllib.parse import parse_qs, urlsplit

from django.contrib.gis.geos import Point

import pytest
from defusedxml import ElementTree
from PIL import Image

from buildings.models import BuildingPage

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
KML = "{http://www.opengis.net/kml/2.2}"
PARK_LON = (20.455, 20.485)
PARK_LAT = (54.73, 54.75)


def titles(language_code):
    """The names of the live buildings in that language, from the database."""
    return set(BuildingPage.objects.live().filter(locale__language_code=language_code).values_list("title", flat=True))


def get_ok(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, f"{url} answered {response.status_code}: {response.content[:300]!r}"
    return response


def svg_root(client, url):
    response = get_ok(client, url)
    assert response["Content-Type"].startswith("image/svg+xml")
    return response, ElementTree.fromstring(response.content)


def text_of(element):
    return " ".join("".join(element.itertext()).split())


# The site plan as SVG


def test_svg_is_a_standalone_drawing_with_names_in_russian(client):
    """A journalist downloading the Russian plan gets an SVG any program opens, titled and labelled in Russian."""
    response, root = svg_root(client, "/ru/map/plan.svg")
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == "0 0 1200 630"
    assert "sans-serif" in root.get("font-family")
    assert root.get("lang") == "ru"
    assert root.find(f"{SVG}title").text
    assert root.find(f"{SVG}desc").text
    key = {text_of(text) for text in root.iter(f"{SVG}text")}
    assert titles("ru") <= key, "every building is named in the key"
    assert "Советский проспект" in key, "streets are labelled in Russian"
    assert "Sovetsky Prospekt" not in key
    buildings = root.findall(f".//{SVG}g[@class]")
    assert len([g for g in buildings if g.get("id", "").startswith("building-")]) == 17
    assert not [g for g in buildings if "highlight" in g.get("class").split()], "nothing highlighted unless asked"
    assert response["Content-Disposition"] == 'inline; filename="itpark-plan-ru.svg"'
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["ETag"] and response["Last-Modified"]


def test_svg_highlights_the_building_asked_for_in_english(client):
    """With building=office-a, that building stands out on the English plan, and the title names it."""
    response, root = svg_root(client, "/en/map/plan.svg?building=office-a")
    highlighted = [g for g in root.iter(f"{SVG}g") if "highlight" in (g.get("class") or "").split()]
    assert [g.get("id") for g in highlighted] == ["building-office-a"]
    assert "Office Building A" in text_of(highlighted[0].find(f"{SVG}title"))
    assert "Office Building A" in root.find(f"{SVG}title").text
    assert titles("en") <= {text_of(text) for text in root.iter(f"{SVG}text")}
    assert response["Content-Disposition"] == 'inline; filename="itpark-plan-en-office-a.svg"'


def test_svg_has_north_arrow_scale_bar_and_credits(client):
    """The plan says which way is north, how long 100 m is, and credits OpenStreetMap for the streets."""
    _response, root = svg_root(client, "/en/map/plan.svg")
    north = root.find(f".//{SVG}g[@id='north-arrow']")
    assert north is not None and text_of(north.find(f"{SVG}text")) == "N"
    scale = root.find(f".//{SVG}g[@id='scale-bar']")
    metres = scale.get("data-metres")
    assert metres.isdigit() and f"{metres} m" in {text_of(text) for text in scale.iter(f"{SVG}text")}
    credits = text_of(root.find(f".//{SVG}g[@id='credits']"))
    assert "© OpenStreetMap contributors" in credits
    assert "Schematic layout" in credits


def test_svg_scale_bar_matches_the_projection(client):
    """The scale bar is as long as its metres on the drawing: a distance measured in UTM agrees with the plan."""
    from buildings.models import BuildingPage
    from map import plan_image
    from map.models import MapFeature

    scene = plan_image.compose("en")
    scale_bar = next(
        item for item in scene.items if isinstance(item, plan_image.Group) and item.attrs.get("id") == "scale-bar"
    )
    outline = scale_bar.items[3].rings[0]  # the outline of the whole bar
    pixels_per_metre = (outline[1][0] - outline[0][0]) / int(scale_bar.attrs["data-metres"])
    # The same fit as compose(): across the site boundary, pixels on the plan per metre in UTM zone 34N.
    layout = plan_image._Layout(
        list(MapFeature.objects.filter(locale__language_code="en")), list(BuildingPage.objects.public_in("en"))
    )
    a, b = Point(20.467392, 54.740933, srid=4326), Point(20.473395, 54.740959, srid=4326)
    metres = a.transform(32634, clone=True).distance(b.transform(32634, clone=True))
    (ax, ay), (bx, by) = layout.pixel(*a.coords), layout.pixel(*b.coords)
    assert pixels_per_metre == pytest.approx(((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5 / metres, rel=0.01)


@pytest.mark.parametrize("value", ["no-such-building", "../../etc", "office a", "x" * 300])
def test_svg_with_an_unknown_or_malformed_building_is_404(client, value):
    """A mistyped building= gets a clear 404 naming the problem, not a plan that silently highlights nothing."""
    response = client.get("/en/map/plan.svg", {"building": value})
    assert response.status_code == 404


def test_svg_answers_304_when_unchanged(client):
    """A CDN or newsroom tool revalidating its copy gets a 304 while nothing changed."""
    response = get_ok(client, "/ru/map/plan.svg")
    again = client.get("/ru/map/plan.svg", headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304
    english = get_ok(client, "/en/map/plan.svg")
    assert english["ETag"] != response["ETag"], "each language has its own version"


def test_svg_etag_changes_when_a_building_is_republished(client):
    """After an editor publishes a change, the plan's ETag changes, so caches fetch the new plan."""
    before = get_ok(client, "/ru/map/plan.svg")["ETag"]
    building = BuildingPage.objects.get(slug="office-a", locale__language_code="ru")
    building.title = "Офисный центр А-1"
    building.save_revision().publish()
    response = get_ok(client, "/ru/map/plan.svg")
    assert response["ETag"] != before
    assert b"\xd0\x90-1" in response.content, "the new name is drawn"


# The site plan as PNG


@pytest.mark.parametrize("language", ["ru", "en"])
@pytest.mark.parametrize("query", ["", "?building=office-a"])
def test_png_is_an_opengraph_sized_image(client, language, query):
    """The PNG for social media is a real 1200×630 RGB image in both languages, with and without a highlight."""
    response = get_ok(client, f"/{language}/map/plan.png{query}")
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith('inline; filename="itpark-plan-')
    image = Image.open(io.BytesIO(response.content))
    image.verify()
    image = Image.open(io.BytesIO(response.content))
    assert (image.format, image.size, image.mode) == ("PNG", (1200, 630), "RGB")
    assert len(image.getcolors(1_000_000)) > 50, "a drawing, not a blank canvas"


def test_png_highlight_changes_the_picture(client):
    """With building= the picture differs from the plain plan (the building stands out)."""
    plain = get_ok(client, "/en/map/plan.png").content
    highlighted = get_ok(client, "/en/map/plan.png?building=kindergarten").content
    assert plain != highlighted


def test_png_width_scales_it(client):
    """width=600 gives a 600×315 picture for a small thumbnail."""
    image = Image.open(io.BytesIO(get_ok(client, "/ru/map/plan.png?width=600").content))
    assert image.size == (600, 315)


@pytest.mark.parametrize("width", ["100", "5000", "abc", "-600", "600.5"])
def test_png_width_out_of_range_is_400(client, width):
    """A width the server will not draw gets a 400 saying which widths it takes."""
    response = client.get("/ru/map/plan.png", {"width": width})
    assert response.status_code == 400
    assert "300" in response.content.decode() and "2400" in response.content.decode()


def test_png_unknown_building_is_404(client):
    """A PNG for a building that does not exist is a 404."""
    assert client.get("/ru/map/plan.png?building=nope").status_code == 404


# KML


@pytest.mark.parametrize("language", ["ru", "en"])
def test_kml_has_a_placemark_per_building_in_the_language(client, language):
    """Google Earth users get 17 placemarks named in the chosen language, with footprints inside the park."""
    response = get_ok(client, f"/{language}/map/buildings.kml")
    assert response["Content-Type"] == "application/vnd.google-earth.kml+xml"
    assert response["Content-Disposition"] == f'attachment; filename="itpark-buildings-{language}.kml"'
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{KML}kml"
    document = root.find(f"{KML}Document")
    assert document.find(f"{KML}name").text
    placemarks = document.findall(f"{KML}Placemark")
    assert len(placemarks) == 17
    assert {p.find(f"{KML}name").text for p in placemarks} == titles(language)
    for placemark in placemarks:
        data = {d.get("name"): d.find(f"{KML}value").text for d in placemark.iter(f"{KML}Data")}
        assert data["slug"] == placemark.get("id")
        assert data["url"].endswith(f"/{language}/buildings/{data['slug']}/")
        assert data["url"] in placemark.find(f"{KML}description").text
        rings = placemark.findall(f".//{KML}outerBoundaryIs/{KML}LinearRing/{KML}coordinates")
        assert rings
        for ring in rings:
            points = [tuple(map(float, pair.split(","))) for pair in ring.text.split()]
            assert points[0] == points[-1] and len(points) >= 4
            assert all(PARK_LON[0] < lon < PARK_LON[1] and PARK_LAT[0] < lat < PARK_LAT[1] for lon, lat in points)


def test_kml_escapes_names(client):
    """A name with markup characters is escaped, so the file stays valid XML."""
    building = BuildingPage.objects.get(slug="office-b", locale__language_code="en")
    building.title = "Office <B> & Co"
    building.save_revision().publish()
    root = ElementTree.fromstring(get_ok(client, "/en/map/buildings.kml").content)
    assert "Office <B> & Co" in {p.text for p in root.iter(f"{KML}name")}


# CSV


def read_csv(client, language):
    response = get_ok(client, f"/{language}/map/buildings.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="itpark-buildings-{language}.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf"), "a byte order mark, so Excel reads the Cyrillic right"
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize("language", ["ru", "en"])
def test_csv_has_a_row_per_building_with_centroids_inside(client, language):
    """A data journalist's spreadsheet gets 17 rows with the documented columns and a point inside each building."""
    rows = read_csv(client, language)
    header, *rows = rows
    assert header == [
        "slug",
        "name",
        "purpose",
        "status",
        "completion_year",
        "floors",
        "gross_floor_area_m2",
        "centroid_lon",
        "centroid_lat",
        "url",
    ]
    assert len(rows) == 17
    records = [dict(zip(header, row, strict=True)) for row in rows]
    assert {record["name"] for record in records} == titles(language)
    footprints = dict(BuildingPage.objects.filter(locale__language_code=language).values_list("slug", "footprint"))
    for record in records:
        point = Point(float(record["centroid_lon"]), float(record["centroid_lat"]), srid=4326)
        assert footprints[record["slug"]].buffer(0.000002).contains(point), record["slug"]
        assert record["url"] == f"http://testserver/{language}/buildings/{record['slug']}/"
        assert int(record["floors"]) >= 1 and int(record["gross_floor_area_m2"]) >= 10
        assert 2020 <= int(record["completion_year"]) <= 2040


# oEmbed


def oembed(client, **params):
    return client.get("/oembed", params)


def test_oembed_for_a_building_page(client):
    """A CMS that takes only a URL gets a rich oEmbed answer: an iframe of the embed with that building highlighted."""
    response = oembed(client, url="http://testserver/ru/buildings/office-a/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    assert data["version"] == "1.0" and data["type"] == "rich"
    assert "Офисный центр A" in data["title"]
    assert data["provider_name"] and data["provider_url"] == "http://testserver/ru/"
    assert (data["width"], data["height"]) == (800, 500)
    assert data["cache_age"] == 300
    html = data["html"]
    assert html.startswith('<iframe src="http://testserver/ru/map/embed/?building=office-a"')
    for attribute in ('loading="lazy"', "allowfullscreen", f'width="{data["width"]}"', f'height="{data["height"]}"'):
        assert attribute in html
    assert 'title="' in html and "style=" not in html
    assert '<a href="http://testserver/ru/buildings/office-a/">' in html, "a plain link inside, as fallback"
    thumbnail = urlsplit(data["thumbnail_url"])
    assert thumbnail.path == "/ru/map/plan.png" and parse_qs(thumbnail.query) == {"building": ["office-a"]}
    assert (data["thumbnail_width"], data["thumbnail_height"]) == (1200, 630)
    image = Image.open(io.BytesIO(get_ok(client, data["thumbnail_url"]).content))
    assert image.size == (data["thumbnail_width"], data["thumbnail_height"])


def test_oembed_for_the_map_page_keeps_its_options(client):
    """The map page's URL with a building and layers gives an embed with the same options, titled in English."""
    url = "http://testserver/en/map/?building=data-centre&layers=buildings,street"
    data = oembed(client, url=url, format="json").json()
    src = urlsplit(unescape(data["html"].split('src="')[1].split('"')[0]))
    assert src.path == "/en/map/embed/"
    assert parse_qs(src.query) == {"building": ["data-centre"], "layers": ["buildings,street"]}
    assert "Data Centre" in data["title"]
    plain = oembed(client, url="http://localhost/en/map/").json()
    assert plain["html"].startswith('<iframe src="http://testserver/en/map/embed/"'), "on the configured base URL"
    assert "building=" not in plain["thumbnail_url"]
    embed = oembed(client, url="http://testserver/ru/map/embed/?building=kindergarten").json()
    assert "building=kindergarten" in embed["html"]


def test_oembed_honours_maxwidth_and_maxheight(client):
    """A CMS column 400 px wide and 300 px high gets an iframe and thumbnail that fit it."""
    data = oembed(client, url="http://testserver/ru/buildings/office-a/", maxwidth="400", maxheight="300").json()
    assert data["width"] <= 400 and data["height"] <= 300
    assert f'width="{data["width"]}"' in data["html"] and f'height="{data["height"]}"' in data["html"]
    assert data["thumbnail_width"] <= 400 and data["thumbnail_height"] <= 300
    image = Image.open(io.BytesIO(get_ok(client, data["thumbnail_url"]).content))
    assert image.size == (data["thumbnail_width"], data["thumbnail_height"])
    tiny = oembed(client, url="http://testserver/ru/map/", maxwidth="120", maxheight="90").json()
    assert (tiny["width"], tiny["height"]) == (120, 90)
    assert "thumbnail_url" not in tiny, "no thumbnail rather than one larger than allowed"


@pytest.mark.parametrize(
    "url",
    [
        "http://evil.example/ru/buildings/office-a/",
        "https://testserver.evil.example/ru/map/",
        "http://testserver/ru/buildings/no-such-building/",
        "http://testserver/ru/map/?building=no-such-building",
        "http://testserver/ru/news/",
        "http://testserver/ru/",
        "http://testserver/de/map/",
        "http://testserver/ru/buildings/",
        "http://testserver/api/map/buildings.geojson",
    ],
)
def test_oembed_404_for_urls_that_are_not_our_map_or_buildings(client, url):
    """Another site's URL, an unknown building or a page without a map gets a 404 with a message."""
    response = oembed(client, url=url)
    assert response.status_code == 404
    assert response.json()["error"]
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"url": ""},
        {"url": "not a url"},
        {"url": "/ru/map/"},
        {"url": "ftp://testserver/ru/map/"},
        {"url": "http://"},
        {"url": "http://testserver:notaport/ru/map/"},
        {"url": "http://user@testserver/ru/map/"},
        {"url": "http://testserver/ru/map/", "maxwidth": "wide"},
        {"url": "http://testserver/ru/map/", "maxwidth": "0"},
        {"url": "http://testserver/ru/map/", "maxheight": "-5"},
        {"url": "http://testserver/ru/map/", "maxheight": "2.5"},
    ],
)
def test_oembed_400_for_missing_or_malformed_parameters(client, params):
    """A missing or malformed url, or a size that is not a positive whole number, gets a 400 saying so."""
    response = oembed(client, **params)
    assert response.status_code == 400
    assert response.json()["error"]


def test_oembed_501_for_xml(client):
    """oEmbed's XML format is not offered: 501 Not Implemented, as the spec says."""
    response = oembed(client, url="http://testserver/ru/map/", format="xml")
    assert response.status_code == 501
    assert "json" in response.json()["error"]


# Head tags and download links on the pages


def test_building_page_advertises_oembed_and_og_image(client, get_html):
    """Social networks find the plan picture, and CMSs the oEmbed endpoint, on a building page."""
    html = get_html("/en/buildings/office-a/")
    image = html.one('meta[property="og:image"]')["content"]
    assert urlsplit(image).path == "/en/map/plan.png" and "building=office-a" in image
    assert html.one('meta[property="og:image:width"]')["content"] == "1200"
    assert html.one('meta[property="og:image:height"]')["content"] == "630"
    assert "Office Building A" in html.one('meta[property="og:image:alt"]')["content"]
    assert Image.open(io.BytesIO(get_ok(client, image).content)).size == (1200, 630)
    link = html.one('link[rel="alternate"][type="application/json+oembed"]')
    assert link["title"] == "Office Building A"
    href = urlsplit(link["href"])
    assert href.path == "/oembed"
    query = parse_qs(href.query)
    assert query["format"] == ["json"]
    assert urlsplit(query["url"][0]).path == "/en/buildings/office-a/"
    data = get_ok(client, f"/oembed?{href.query}").json()
    assert "Office Building A" in data["title"]


def test_directory_lists_the_downloads_with_licence(client, get_html):
    """The building directory offers every download, each link works, and the licence and credit are stated."""
    html = get_html("/ru/buildings/")
    section = html.one(".data-downloads")
    links = [a["href"] for a in section.select("a")]
    assert {urlsplit(link).path for link in links} == {
        "/ru/map/plan.svg",
        "/ru/map/plan.png",
        "/api/map/buildings.geojson",
        "/ru/map/buildings.kml",
        "/ru/map/buildings.csv",
    }
    for link in links:
        get_ok(client, link)
    assert "/api/map/buildings.geojson?lang=ru" in links
    assert "OpenStreetMap" in section.get_text() and "ODbL" in section.get_text()


def test_map_page_advertises_oembed_and_og_image(get_html):
    """The interactive map page carries the plan as og:image and an oEmbed discovery link."""
    html = get_html("/ru/map/")
    assert urlsplit(html.one('meta[property="og:image"]')["content"]).path == "/ru/map/plan.png"
    href = html.one('link[rel="alternate"][type="application/json+oembed"]')["href"]
    assert urlsplit(parse_qs(urlsplit(href).query)["url"][0]).path == "/ru/map/"


def test_only_get_and_head(client):
    """The downloads are read-only: a POST is refused with 405."""
    for url in ("/ru/map/plan.svg", "/ru/map/plan.png", "/ru/map/buildings.kml", "/ru/map/buildings.csv", "/oembed"):
        assert client.post(url).status_code == 405, url
    assert json.loads(get_ok(client, "/oembed?url=http://testserver/ru/map/").content)["type"] == "rich"
