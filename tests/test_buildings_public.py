"""The building directory and the building pages as readers get them, on the
demo content (17 buildings in Russian and English): cards, filters, the site
plan, facts, organisations, JSON-LD and the links between languages."""

import io
import json
import math
import re
from pathlib import Path

from django.contrib.gis.geos import LineString, Point, Polygon
from django.core.files.images import ImageFile
from django.utils import translation

from wagtail.images.models import Image

import pytest
from PIL import Image as PILImage

from buildings.models import BuildingPage, BuildingPhoto, Purpose, Status
from core.templatetags.jsonld import jsonld
from map import inline_plan as plan
from map import projection as flat
from map.models import MapFeature

pytestmark = pytest.mark.django_db

DEMO = json.loads(
    (Path(__file__).resolve().parent.parent / "site" / "buildings" / "demo" / "buildings.geojson").read_text()
)
DEMO_BUILDINGS = {feature["properties"]["slug"]: feature["properties"] for feature in DEMO["features"]}
LANGUAGES = ["ru", "en"]

# What the demo file says, counted by hand: the filters must find exactly these.
OFFICES = {"office-a", "office-b", "office-c", "office-d", "office-e", "coworking"}
PLANNED = {
    "office-d",
    "office-e",
    "residence-2",
    "residence-3",
    "residence-4",
    "conference-hall",
    "data-centre",
    "kindergarten",
    "sports-centre",
}
PLANNED_OFFICES = {"office-d", "office-e"}
IN_SERVICE_INSTITUTIONS = {"business-support-centre"}

ORGANISATIONS = {
    ("administration-building", "ru"): ["Министерство цифрового развития Калининградской области"],
    ("administration-building", "en"): ["Ministry of Digital Development of the Kaliningrad Region"],
    ("business-support-centre", "ru"): ["Фонд поддержки предпринимательства", "МФЦ для бизнеса"],
    ("business-support-centre", "en"): ["Entrepreneurship Support Fund", "One-stop service centre (MFC) for business"],
}


def directory(lang, query=""):
    return f"/{lang}/buildings/{query}"


def building_url(lang, slug):
    return f"/{lang}/buildings/{slug}/"


def card_slugs(page):
    """The slugs of the buildings on the directory's cards, in order."""
    return [link["href"].rstrip("/").rsplit("/", 1)[-1] for link in page.select(".building-card__name a")]


def label(lang, text):
    """An interface label as the catalog translates it."""
    with translation.override(lang):
        return str(text)


def facts(page):
    """{term: description} of a building page's facts, spaces kept as they are (no-break ones included)."""
    terms = [dt.get_text(strip=True) for dt in page.select(".building-facts:not(.building-facts--space) dt")]
    values = [dd.get_text(strip=True) for dd in page.select(".building-facts:not(.building-facts--space) dd")]
    return dict(zip(terms, values, strict=True))


def demo_slugs(lang, **filters):
    """The slugs the ORM finds for these filters, counted independently of the page."""
    buildings = BuildingPage.objects.live().filter(locale__language_code=lang, **filters)
    return set(buildings.values_list("slug", flat=True))


# The directory


@pytest.mark.parametrize("lang", LANGUAGES)
def test_directory_lists_all_17_buildings_with_names_in_the_readers_language(get_html, lang):
    """A reader sees a card for each of the park's 17 buildings, named in their language and linking to its page."""
    page = get_html(directory(lang))
    names = page.texts(".building-card__name")
    assert len(names) == 17
    assert set(names) == {props[f"name_{lang}"] for props in DEMO_BUILDINGS.values()}
    hrefs = [link["href"] for link in page.select(".building-card__name a")]
    assert set(hrefs) == {building_url(lang, slug) for slug in DEMO_BUILDINGS}
    assert page.texts("h1") == [{"ru": "Здания", "en": "Buildings"}[lang]]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_cards_are_sorted_by_completion_year_then_name(get_html, lang):
    """The directory reads as a timeline: buildings in service first, the last ones due in 2031 at the end."""
    page = get_html(directory(lang))
    slugs = card_slugs(page)
    years = [DEMO_BUILDINGS[slug]["completion_year"] for slug in slugs]
    assert years == sorted(years)
    assert slugs[-2:] == sorted(["residence-4", "sports-centre"], key=lambda s: DEMO_BUILDINGS[s][f"name_{lang}"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_card_shows_purpose_status_and_completion_year(get_html, lang):
    """Each card says what the building is for, how far along it is and when it is due."""
    page = get_html(directory(lang))
    card = page.one('.building-card:has(a[href$="/office-b/"])')
    text = " ".join(card.get_text(" ", strip=True).split())
    assert label(lang, Purpose.OFFICES.label) in text
    assert label(lang, Status.UNDER_CONSTRUCTION.label) in text
    assert "2026" in text
    # Without a photo the card draws the footprint, as decoration the name already describes.
    drawing = card.select_one("svg.building-card__footprint")
    assert drawing["aria-hidden"] == "true"
    assert drawing.select("path")


@pytest.mark.parametrize(
    ("query", "filters", "expected"),
    [
        ("?purpose=offices", {"purpose": "offices"}, OFFICES),
        ("?status=planned", {"status": "planned"}, PLANNED),
        ("?purpose=offices&status=planned", {"purpose": "offices", "status": "planned"}, PLANNED_OFFICES),
        (
            "?purpose=institution&status=in_service",
            {"purpose": "institution", "status": "in_service"},
            IN_SERVICE_INSTITUTIONS,
        ),
    ],
)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_filters_show_exactly_the_matching_buildings(get_html, lang, query, filters, expected):
    """Filtering by purpose, status or both shows those buildings and no others, and says how many match."""
    assert demo_slugs(lang, **filters) == expected
    page = get_html(directory(lang, query))
    assert set(card_slugs(page)) == expected
    assert len(card_slugs(page)) == len(expected)
    count = page.texts(".building-directory__count")[0]
    assert re.findall(r"\d+", count) == [str(len(expected)), "17"], count
    for name, value in filters.items():
        assert page.one(f'select[name="{name}"] option[selected]')["value"] == value
    assert page.one(".building-filter__clear")["href"] == directory(lang)


def test_filter_form_is_a_plain_labelled_get_form(get_html):
    """The filters work without JavaScript, by keyboard and screen reader, and give a shareable URL."""
    page = get_html(directory("en"))
    form = page.one("form.building-filter")
    assert form["method"] == "get"
    assert form["action"] == "/en/buildings/"
    for name in ("purpose", "status"):
        select = form.select_one(f'select[name="{name}"]')
        assert form.select_one(f'label[for="{select["id"]}"]').get_text(strip=True) == name.capitalize()
        assert select.select_one("option[selected]")["value"] == ""
    assert [o["value"] for o in form.select('select[name="purpose"] option')] == ["", *Purpose.values]
    assert [o["value"] for o in form.select('select[name="status"] option')] == ["", *Status.values]
    assert form.select_one('button[type="submit"]')
    assert not page.select(".building-filter__clear"), "nothing to clear when nothing is filtered"
    assert page.texts(".building-directory__count") == ["17 buildings"]


def test_filtered_count_reads_naturally_in_english(get_html):
    """The count says how many of all the buildings match."""
    assert get_html(directory("en", "?purpose=offices")).texts(".building-directory__count") == [
        "6 of 17 buildings match"
    ]
    assert get_html(directory("en", "?purpose=administration")).texts(".building-directory__count") == [
        "1 of 17 building matches"
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_filters_with_no_match_say_so_and_offer_the_way_back(get_html, lang):
    """No housing is in service yet: the reader is told, rather than shown an empty page, and can clear the filters."""
    assert demo_slugs(lang, purpose="housing", status="in_service") == set()
    page = get_html(directory(lang, "?purpose=housing&status=in_service"))
    assert card_slugs(page) == []
    empty = page.one(".building-directory__empty")
    assert empty.select_one("a")["href"] == directory(lang)
    assert len(page.select(".site-plan__building--highlighted")) == 0
    assert len(page.select(".site-plan__building--dimmed")) == 17


@pytest.mark.parametrize(
    ("query", "expected", "ignored"),
    [
        ("?purpose=spaceships", set(DEMO_BUILDINGS), "spaceships"),
        ("?status=demolished", set(DEMO_BUILDINGS), "demolished"),
        ("?purpose=offices&status=demolished", OFFICES, "demolished"),
        ("?purpose=Offices", set(DEMO_BUILDINGS), "Offices"),
    ],
)
def test_unknown_filter_values_are_ignored_with_a_message(get_html, query, expected, ignored):
    """An old or mistyped link still opens the directory: the unknown value is left out and the reader is told which."""
    page = get_html(directory("en", query))
    assert set(card_slugs(page)) == expected
    notices = page.texts(".building-directory__notice")
    assert len(notices) == 1
    assert f"\u201c{ignored}\u201d" in notices[0]
    assert page.one(".building-filter__clear")["href"] == "/en/buildings/"


def test_unknown_filter_values_are_escaped_and_shortened(client):
    """Whatever is typed into the address bar comes back as text, never as markup, and not at any length."""
    evil = "<script>alert(1)</script>" + "x" * 500
    response = client.get(directory("en"), {"purpose": evil})
    assert response.status_code == 200
    content = response.content.decode()
    assert "<script>alert(1)" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "x" * 100 not in content


def test_repeated_filter_parameter_uses_one_value(get_html):
    """A URL with a parameter twice still answers with one selected option (the last, as Django reads it)."""
    page = get_html(directory("en", "?purpose=housing&purpose=offices"))
    assert set(card_slugs(page)) == OFFICES
    assert len(page.select('select[name="purpose"] option[selected]')) == 1


def test_directory_shows_only_live_buildings(get_html, ru):
    """A building taken offline disappears from the directory and from the plan, in that language."""
    building = BuildingPage.objects.get(locale=ru, slug="kindergarten")
    building.unpublish()
    page = get_html(directory("ru"))
    assert "kindergarten" not in card_slugs(page)
    assert len(card_slugs(page)) == 16
    assert len(page.select("svg.site-plan__drawing a")) == 16
    assert len(card_slugs(get_html(directory("en")))) == 17


# The site plan on the directory


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plan_links_every_building_by_name_and_draws_the_site(get_html, lang):
    """The plan shows where each building stands; each one is a named link, so it is usable without sight or a mouse."""
    page = get_html(directory(lang))
    plan = page.one("svg.site-plan__drawing")
    assert plan["aria-label"]
    links = plan.select("a")
    assert len(links) == 17
    assert {link["href"] for link in links} == {building_url(lang, slug) for slug in DEMO_BUILDINGS}
    for link in links:
        slug = link["href"].rstrip("/").rsplit("/", 1)[-1]
        name = DEMO_BUILDINGS[slug][f"name_{lang}"]
        assert link["aria-label"].startswith(name)
        assert link.select_one("title").get_text().startswith(name)
        assert link.select_one("path")["d"].startswith("M")
    assert len(plan.select("path.site-plan__boundary")) == 1
    streets = MapFeature.objects.filter(locale__language_code=lang, kind=MapFeature.Kind.STREET)
    assert {s.get_text() for s in plan.select("textPath")} == {street.name for street in streets}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plan_says_it_is_schematic_and_credits_openstreetmap(get_html, lang):
    """Readers are not misled into taking the layout for the real plots, and the street data's licence is honoured."""
    page = get_html(directory(lang))
    caption = " ".join(page.one(".site-plan__caption").get_text(" ", strip=True).split())
    with translation.override(lang):
        assert translation.gettext("Schematic layout: the exact plot boundaries are not public.") in caption
    assert "© OpenStreetMap contributors" in caption


def test_plan_legend_names_each_purpose_in_words(get_html):
    """The colours of the plan are explained in text, so colour is never the only clue."""
    page = get_html(directory("en"))
    open_space = [str(label) for kind, label in MapFeature.Kind.choices if kind in ("square", "green", "lane")]
    assert page.texts(".site-plan__legend li") == [str(label) for label in Purpose.labels] + open_space


def test_plan_highlights_the_buildings_that_match_the_filters(get_html):
    """After filtering, the plan shows at a glance where the matching buildings are."""
    page = get_html(directory("en", "?purpose=offices"))
    highlighted = {link["href"] for link in page.select(".site-plan__building--highlighted")}
    assert highlighted == {building_url("en", slug) for slug in OFFICES}
    assert len(page.select(".site-plan__building--dimmed")) == 17 - len(OFFICES)
    assert len(page.select("svg.site-plan__drawing a")) == 17
    assert "Not matching the filters" in page.texts(".site-plan__legend li")


def test_directory_has_no_inline_script_or_style(get_html):
    """A strict Content-Security-Policy must not need exceptions for the directory."""
    page = get_html(directory("en", "?purpose=offices"))
    assert not page.select("script")
    assert not page.select("style, [style]")


# A building page


@pytest.mark.parametrize(
    ("lang", "area"),
    [("ru", "3\u00a0700\u00a0м²"), ("en", "3,700\u00a0m²")],
)
def test_building_page_shows_its_facts_formatted_for_the_reader(get_html, lang, area):
    """The facts read naturally in each language: "3 700 м²" in Russian, "3,700 m²" in English, the year ungrouped."""
    page = get_html(building_url(lang, "administration-building"))
    props = DEMO_BUILDINGS["administration-building"]
    assert page.texts("h1") == [props[f"name_{lang}"]]
    assert page.texts(".lead") == [props[f"summary_{lang}"]]
    with translation.override(lang):
        expected = {
            translation.gettext("Purpose"): str(Purpose.ADMINISTRATION.label),
            translation.gettext("Status"): str(Status.IN_SERVICE.label),
            translation.gettext("Completion year"): "2023",
            translation.gettext("Floors"): "5",
            translation.gettext("Gross floor area"): area,
        }
    assert facts(page) == expected


def test_large_areas_are_grouped_in_russian_with_a_no_break_space(get_html):
    """Every building's area is grouped, never "8060" in one place and "8 060" in another."""
    page = get_html(building_url("ru", "office-c"))
    assert "8\u00a0060\u00a0м²" in facts(page).values()


@pytest.mark.parametrize(
    ("slug", "lang"),
    [(slug, lang) for slug in ("administration-building", "business-support-centre") for lang in LANGUAGES],
)
def test_building_page_lists_the_organisations_in_the_readers_language(get_html, slug, lang):
    """The ministry, the fund and the MFC are named in the reader's language where they are housed."""
    page = get_html(building_url(lang, slug))
    names = [
        " ".join(item.select_one("strong, a").get_text(" ", strip=True).split())
        for item in page.select(".building-organisations li")
    ]
    assert names == ORGANISATIONS[(slug, lang)]


def test_building_without_organisations_has_no_empty_section(get_html):
    """A building with no tenants yet does not show an empty heading."""
    page = get_html(building_url("en", "residence-1"))
    assert not page.select(".building-organisations")
    assert "Organisations housed here" not in page.texts("h2")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_building_page_shows_the_description(get_html, lang):
    """The StreamField description is rendered in the page's language."""
    page = get_html(building_url(lang, "office-a"))
    text = " ".join(page.one("section.stream").get_text(" ", strip=True).split())
    expected = {
        "ru": "Офисы IT-парка рассчитаны на компании",
        "en": "The IT park's offices are designed for companies",
    }[lang]
    assert expected in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_building_page_json_ld_describes_a_place_on_the_site(get_html, lang, ru):
    """Search engines get the building as a schema.org Place with coordinates inside the park."""
    scripts = get_html(building_url(lang, "business-support-centre")).select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    props = DEMO_BUILDINGS["business-support-centre"]
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Place"
    assert data["name"] == props[f"name_{lang}"]
    assert data["description"] == props[f"summary_{lang}"]
    assert data["url"] == f"http://testserver{building_url(lang, 'business-support-centre')}"
    geo = data["geo"]
    assert geo["@type"] == "GeoCoordinates"
    for value in (geo["latitude"], geo["longitude"]):
        assert round(value, 6) == value
    boundary = MapFeature.objects.filter(locale=ru).boundary().geometry
    assert boundary.contains(Point(geo["longitude"], geo["latitude"], srid=4326))
    building = BuildingPage.objects.get(locale=ru, slug="business-support-centre")
    assert building.footprint.contains(Point(geo["longitude"], geo["latitude"], srid=4326))
    assert data["containedInPlace"]["@type"] == "Place"
    assert data["containedInPlace"]["name"] == {"ru": "Калининградский IT-парк", "en": "Kaliningrad IT Park"}[lang]
    assert data["containedInPlace"]["url"] == f"http://testserver/{lang}/"
    assert data["address"]["@type"] == "PostalAddress"
    street = {"ru": "Советского проспекта", "en": "Sovetsky Prospekt"}[lang]
    assert street in data["address"]["streetAddress"]
    assert data["address"]["addressCountry"] == "RU"


def test_json_ld_cannot_be_broken_out_of_by_editors_text(ru, en):
    """An editor's "</script>" in a title stays text inside the JSON-LD, never ending the script element early."""
    html = str(jsonld({"name": "</script><script>alert(1)</script> & <b>"}))
    assert html.startswith('<script type="application/ld+json">') and html.endswith("</script>")
    body = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in body and ">" not in body and "&" not in body
    assert json.loads(body) == {"name": "</script><script>alert(1)</script> & <b>"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_building_page_links_the_full_map_with_the_building_selected(get_html, lang):
    """From a building, the reader can open the big map centred on it."""
    page = get_html(building_url(lang, "office-a"))
    link = page.one("a.building__map-link")
    assert link["href"] == f"/{lang}/map/?building=office-a"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_building_page_plan_is_centred_on_the_building_and_highlights_it(get_html, lang):
    """The small plan on a building page shows this building, emphasised, among its neighbours."""
    directory_plan = get_html(directory(lang)).one("svg.site-plan__drawing")
    page = get_html(building_url(lang, "office-a"))
    plan = page.one("svg.site-plan__drawing")
    highlighted = plan.select(".site-plan__building--highlighted")
    assert [link["href"] for link in highlighted] == [building_url(lang, "office-a")]
    min_x, min_y, width, height = (float(n) for n in plan["viewbox"].split())
    assert min_x == -width / 2 and min_y == -height / 2, "the building is not in the middle"
    assert width < float(directory_plan["viewbox"].split()[2]), "the plan is not zoomed in"
    assert 1 < len(plan.select("a")) <= 17


@pytest.mark.parametrize("lang", LANGUAGES)
def test_building_page_breadcrumb_leads_home_and_to_the_directory(get_html, lang):
    """The reader sees where the page sits and can go up a level."""
    page = get_html(building_url(lang, "office-a"))
    nav = page.one("nav.breadcrumb")
    assert nav["aria-label"]
    links = nav.select("a")
    assert [link["href"] for link in links] == [f"/{lang}/", directory(lang), building_url(lang, "office-a")]
    assert links[-1]["aria-current"] == "page"
    assert links[1].get_text(strip=True) == {"ru": "Здания", "en": "Buildings"}[lang]


def test_building_pages_link_each_other_as_translations(get_html):
    """Search engines and the language switcher pair the Russian and English pages of a building both ways."""
    ru_page = get_html(building_url("ru", "office-a"))
    en_page = get_html(building_url("en", "office-a"))
    expected = {
        "ru": "http://testserver/ru/buildings/office-a/",
        "en": "http://testserver/en/buildings/office-a/",
        "x-default": "http://testserver/ru/buildings/office-a/",
    }
    assert ru_page.hreflangs() == expected
    assert en_page.hreflangs() == expected
    assert ru_page.one('nav.language-switcher a[lang="en"]')["href"] == "/en/buildings/office-a/"
    assert en_page.one('nav.language-switcher a[lang="ru"]')["href"] == "/ru/buildings/office-a/"


def test_directory_pages_link_each_other_as_translations(get_html):
    """The Russian and English directories are paired as translations."""
    assert get_html(directory("ru")).hreflangs()["en"] == "http://testserver/en/buildings/"
    assert get_html(directory("en")).hreflangs()["ru"] == "http://testserver/ru/buildings/"


def test_unknown_building_is_a_404(client):
    """A mistyped building address gets the site's not-found page, not an error."""
    assert client.get(building_url("en", "no-such-building")).status_code == 404


# Photos


@pytest.fixture
def photo(settings, tmp_path):
    """A small image in a throwaway media folder."""
    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), "#3a86c8").save(buffer, "PNG")
    return Image.objects.create(
        title="Office A at dusk",
        description="The glass front of Office Building A",
        file=ImageFile(buffer, name="office-a.png"),
    )


def test_building_photos_show_with_captions_and_alt_text(get_html, photo):
    """Photos of a building appear on its page, each described for screen readers and captioned."""
    building = BuildingPage.objects.get(locale__language_code="en", slug="office-a")
    BuildingPhoto.objects.create(page=building, image=photo, caption="Office Building A from Krasnaya Street")
    page = get_html(building_url("en", "office-a"))
    figure = page.one(".building-photos figure")
    assert figure.select_one("img")["alt"] == "The glass front of Office Building A"
    assert figure.select_one("figcaption").get_text(strip=True) == "Office Building A from Krasnaya Street"


def test_card_shows_the_photo_when_the_building_has_one(get_html, photo):
    """A building with a photo shows it on its card instead of the footprint drawing."""
    BuildingPage.objects.filter(locale__language_code="en", slug="office-a").update(image=photo)
    page = get_html(directory("en"))
    card = page.one('.building-card:has(a[href$="/office-a/"])')
    assert card.select_one("img.building-card__photo")["src"]
    assert not card.select("svg")
    other = page.one('.building-card:has(a[href$="/office-b/"])')
    assert other.select("svg.building-card__footprint")


# The projection behind the plans (map.projection, map.inline_plan)


def test_plan_projection_is_metric_and_centred_on_the_frame():
    """The plan keeps distances true: 100 m east and 100 m north of the centre land 100 units away."""
    projection = flat.Projection(20.47, 54.742)
    east = projection.forward(20.47 + 100 / (flat.METRES_PER_DEGREE * math.cos(math.radians(54.742))), 54.742)
    north = projection.forward(20.47, 54.742 + 100 / flat.METRES_PER_DEGREE)
    assert east == pytest.approx((100, 0))
    assert north == pytest.approx((0, -100)), "north is up: SVG y grows downwards"
    assert projection.inverse(*projection.forward(20.4711, 54.7433)) == pytest.approx((20.4711, 54.7433))


def test_plan_leaves_out_what_lies_outside_and_cuts_lines_at_the_edge():
    """A building page's zoomed plan has no invisible links off its edges, and street names stay in view."""
    square = Polygon.from_bbox((20.470, 54.741, 20.471, 54.7415))
    square.srid = 4326
    far = Polygon.from_bbox((20.480, 54.750, 20.481, 54.7505))
    far.srid = 4326
    street = LineString((20.472, 54.7412), (20.460, 54.7412), srid=4326)
    drawing = plan.draw(
        [
            plan.PlanFeature(geometry=square, kind="building", name="near"),
            plan.PlanFeature(geometry=far, kind="building", name="far"),
            plan.PlanFeature(geometry=street, kind="street", name="street", credit="© OpenStreetMap contributors"),
        ],
        frame=square,
        padding=10,
    )
    assert [shape.name for shape in drawing.buildings] == ["near"]
    assert drawing.credits == ["© OpenStreetMap contributors"]
    (line,) = drawing.streets
    xs = [float(part.split()[0]) for part in line.d.replace("M", "L").split("L") if part]
    assert xs == sorted(xs), "the street was not turned to run left to right, so its name would be upside down"
    assert min(xs) >= drawing.min_x - 0.1 and max(xs) <= drawing.min_x + drawing.width + 0.1
    width = float(drawing.view_box.split()[2])
    assert width == pytest.approx(0.001 * math.cos(math.radians(54.74125)) * flat.METRES_PER_DEGREE + 20, abs=0.2)
