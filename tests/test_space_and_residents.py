"""Space to let and the residents: editors state lettable, free and reserved area per building
(and floor) by quarter; bad figures are refused with a clear message and nothing saved; the
building pages, the directory, the map API, the residents page and the home page all show or
filter by the same figures, summed by the database, never typed twice."""

from django.db.models import F, Sum
from django.urls import reverse
from django.utils import translation

from wagtail.models import Revision
from wagtail.test.utils.form_data import inline_formset

import pytest

from buildings.models import BuildingPage, BuildingSpace, Organisation, Quarter
from residents.figures import park_figures
from tests.factories import SuperuserFactory
from tests.test_buildings_admin import edit_form, space_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = SuperuserFactory(admin_language="en")
    client.force_login(user)
    return user


def building(slug, lang="ru"):
    return BuildingPage.objects.get(slug=slug, locale__language_code=lang)


def publish(page):
    page.save_revision().publish()


def expected_totals(lang):
    """The totals worked out here, row by row, from each public building's latest quarter up to now."""
    now = Quarter.now()
    lettable = free = reserved = 0
    for page in BuildingPage.objects.public_in(lang):
        figures = page.space_now()
        if figures:
            lettable, free, reserved = lettable + figures.lettable, free + figures.free, reserved + figures.reserved
    assert now  # the quarter the totals are for
    return {"lettable": lettable, "free": free, "reserved": reserved, "let": lettable - free - reserved}


# Editors state the space


def post_spaces(client, page, rows):
    """Replace the building's space rows with `rows` through its edit form (the stored ones marked deleted)."""
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    stored = [space_row(space) | {"DELETE": "1"} for space in page.spaces.all()]
    with translation.override("en"):
        return client.post(url, edit_form(page, spaces=inline_formset([*stored, *rows], initial=len(stored))))


def row_errors(response, index):
    """The errors shown on the `index`-th new row, as the English-speaking editor reads them."""
    forms = [form for form in response.context["form"].formsets["spaces"].forms if not form.instance.pk]
    with translation.override("en"):
        return {field: [str(message) for message in messages] for field, messages in forms[index].errors.items()}


def new_row(**values):
    row = {
        "year": "2027",
        "quarter": "2",
        "floor": "",
        "lettable_area": "1000",
        "free_area": "300",
        "reserved_area": "100",
    }
    return row | values


def test_editor_states_space_by_quarter_and_floor(client, editor):
    """An editor adds next year's space floor by floor; readers see it on the building page at once."""
    page = building("office-c")
    response = post_spaces(client, page, [new_row(floor="1"), new_row(floor="2", free_area="0")])
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    page.refresh_from_db()
    assert sorted(page.spaces.values_list("floor", "free_area")) == [(1, 300), (2, 0)]


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        (new_row(free_area="800", reserved_area="300"), "free_area", "cannot exceed the lettable area (1000 m²)"),
        (new_row(lettable_area="999999"), "lettable_area", "cannot exceed the building's gross floor area"),
        (new_row(year="2035"), "year", "less than or equal to 2031"),
        (new_row(year="2019"), "year", "greater than or equal to 2021"),
        (new_row(floor="40"), "floor", "there is no floor 40"),
        (new_row(free_area="-5"), "free_area", "greater than or equal to 0"),
        (new_row(lettable_area="a lot"), "lettable_area", "Enter a whole number."),
    ],
)
def test_bad_space_is_refused_with_a_clear_message_and_nothing_saved(client, editor, row, field, message):
    """A figure that cannot be true is shown next to its field, and the building keeps its published space."""
    page = building("office-c")
    before = list(page.spaces.values_list("year", "quarter", "lettable_area", "free_area", "reserved_area"))
    revisions = Revision.page_revisions.filter(object_id=str(page.pk)).count()
    response = post_spaces(client, page, [row])
    assert response.status_code == 200
    errors = row_errors(response, 0)
    assert field in errors, errors
    assert any(message in str(text) for text in errors[field]), errors[field]
    page.refresh_from_db()
    assert list(page.spaces.values_list("year", "quarter", "lettable_area", "free_area", "reserved_area")) == before
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == revisions


def test_a_quarter_is_stated_once_per_floor(client, editor):
    """The same floor twice, or the whole building beside its floors, would be counted twice: refused."""
    page = building("office-c")
    response = post_spaces(client, page, [new_row(floor="1"), new_row(floor="1")])
    assert response.status_code == 200
    assert "floor" in row_errors(response, 1)
    response = post_spaces(client, page, [new_row(), new_row(floor="2")])
    assert response.status_code == 200
    assert "floor" in row_errors(response, 0)


def test_space_error_is_in_the_editors_language(client):
    """A Russian-speaking editor reads why the figures were refused in Russian."""
    client.force_login(SuperuserFactory(admin_language="ru"))
    page = building("office-c")
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    stored = [space_row(space) | {"DELETE": "1"} for space in page.spaces.all()]
    rows = [*stored, new_row(free_area="900", reserved_area="900")]
    response = client.post(url, edit_form(page, spaces=inline_formset(rows, initial=len(stored))))
    assert "не могут превышать арендопригодную площадь (1000 м²)" in response.content.decode()


def test_floors_lettable_areas_may_not_add_up_to_more_than_the_building(client, editor):
    """Floors stated one by one cannot together be larger than the building."""
    page = building("office-c")
    half = str(page.gross_floor_area // 2 + 10)
    response = post_spaces(
        client,
        page,
        [
            new_row(floor="1", lettable_area=half, free_area="0", reserved_area="0"),
            new_row(floor="2", lettable_area=half, free_area="0", reserved_area="0"),
        ],
    )
    assert response.status_code == 200
    assert "lettable_area" in row_errors(response, 1)


# Readers see it


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_building_page_shows_lettable_free_now_and_free_by_quarter(get_html, lang):
    """A company sees on the building's page how much is free now and in each later quarter."""
    page = building("office-a", lang)
    html = get_html(page.url)
    now = page.space_now()
    quarters = page.space_by_quarter()
    assert len(html.select(".space-table")[0].select("tbody tr")) == len(quarters)
    with translation.override(lang):
        assert html.one("#building-space-caption").get_text(strip=True) == translation.gettext("Space by quarter, m²")
    values = html.texts(".building-facts--space dd")
    assert [value.replace("\xa0", "").replace(" ", "").replace(",", "").rstrip("м²m") for value in values] == [
        str(now.lettable),
        str(now.free),
        str(now.reserved),
    ]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_residents_page_totals_are_the_sum_of_the_buildings_space(get_html, lang, django_assert_max_num_queries):
    """The totals are the buildings' own figures added up: change one, the totals follow."""
    url = f"/{lang}/residents/"
    get_html(url)  # warm Wagtail's cached site root paths, as in production
    # English pages cost three queries more than Russian ones before any content (finding the
    # localized home page for the header and footer: the building directory has the same overhead).
    with django_assert_max_num_queries(15 if lang == "ru" else 18):
        html = get_html(url)
    expected = expected_totals(lang)
    shown = [int("".join(c for c in text if c.isdigit())) for text in html.texts(".space-totals .key-fact__number")]
    assert shown == [expected["lettable"], expected["let"], expected["free"], expected["reserved"]]
    assert expected["free"] > 0

    # A building's free area changes: the totals change with it.
    page = building("coworking", lang)
    row = page.space_now()
    space = BuildingSpace.objects.filter(page=page, year=row.quarter.year, quarter=row.quarter.number).first()
    space.free_area = 0
    space.save()
    shown = [
        int("".join(c for c in text if c.isdigit())) for text in get_html(url).texts(".space-totals .key-fact__number")
    ]
    assert shown[2] == expected["free"] - row.free


def test_totals_are_a_database_sum():
    """The same figures as a plain aggregate over the current rows: nothing is typed twice."""
    totals = BuildingSpace.objects.filter(page__in=BuildingPage.objects.public_in("ru")).totals()
    expected = expected_totals("ru")
    assert (totals.lettable, totals.free, totals.reserved, totals.let) == (
        expected["lettable"],
        expected["free"],
        expected["reserved"],
        expected["let"],
    )
    assert BuildingSpace.objects.aggregate(s=Sum(F("free_area")))["s"] >= totals.free


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_residents_page_lists_institutions_with_their_building_and_map_link(get_html, lang):
    """A company finds each institution, what it offers and where it is, on the building page and the map."""
    html = get_html(f"/{lang}/residents/")
    names = html.texts("#institutions-heading ~ .organisation-list .organisation-card__name")
    assert len(names) == 3
    links = [a["href"] for a in html.select("#institutions-heading ~ .organisation-list a")]
    assert f"/{lang}/map/?building=business-support-centre" in links
    assert any(link.startswith(f"/{lang}/buildings/business-support-centre") for link in links)
    assert html.select(f'a[href="/{lang}/apply/"]')
    assert html.texts(".organisation-card__example")  # the demo companies say they are examples


def test_sector_filter_shows_only_that_sector_and_says_so_for_a_bad_value(get_html):
    """Without JavaScript, the GET form narrows the companies; an unknown sector shows all with a notice."""
    all_companies = get_html("/en/residents/").texts(".residents-sector .organisation-card__name")
    fintech = get_html("/en/residents/?sector=fintech")
    assert fintech.texts(".residents-sector .organisation-card__name") == ["Baltic Fintech Lab"]
    assert fintech.one("#filter-sector option[selected]")["value"] == "fintech"
    bad = get_html("/en/residents/?sector=%3Cscript%3E")
    assert bad.texts(".residents-sector .organisation-card__name") == all_companies
    assert "There is no sector “<script>”" in bad.texts(".building-directory__notice")[0]
    assert len(all_companies) == Organisation.objects.public_in("en").residents().count()


def test_directory_filters_by_free_space(get_html):
    """The directory shows only buildings with free space, now or from a chosen quarter."""
    now = get_html("/en/buildings/?free=now").texts(".building-card__name")
    expected_now = {b.title for b in BuildingPage.objects.public_in("en") if b.has_free_space()}
    assert set(now) == expected_now and now
    later = get_html("/en/buildings/?free=2031-Q4").texts(".building-card__name")
    expected_later = {b.title for b in BuildingPage.objects.public_in("en") if b.has_free_space(Quarter(2031, 4))}
    assert set(later) == expected_later and len(later) > len(now)
    bad = get_html("/en/buildings/?free=2040-Q9")
    assert len(bad.texts(".building-card__name")) == BuildingPage.objects.public_in("en").count()
    assert any("not a quarter from 2021 to 2031" in text for text in bad.texts(".building-directory__notice"))


def test_map_api_filters_by_free_space_and_names_a_bad_parameter(client):
    """Map clients ask for buildings with free space; a bad quarter is a 400 naming the parameter."""
    features = client.get("/api/map/buildings.geojson?lang=en&free=now").json()["features"]
    assert {f["id"] for f in features} == {b.slug for b in BuildingPage.objects.public_in("en") if b.has_free_space()}
    assert all(f["properties"]["space_now"]["free"] > 0 for f in features)
    later = client.get("/api/map/buildings.geojson?lang=en&free=2029-Q4").json()["features"]
    assert len(later) >= len(features)
    for value in ("2032-Q1", "soon", "2027-Q5", "2027Q"):
        response = client.get(f"/api/map/buildings.geojson?free={value}")
        assert response.status_code == 400
        assert response.json()["error"]["parameter"] == "free"


def test_map_api_says_who_is_in_each_building(client):
    """The map's list and popups name the organisations in each building, in the reader's language."""
    features = {f["id"]: f for f in client.get("/api/map/buildings.geojson?lang=en").json()["features"]}
    assert features["business-support-centre"]["properties"]["organisations"] == [
        "Entrepreneurship Support Fund",
        "One-stop service centre (MFC) for business",
    ]
    assert features["office-d"]["properties"]["organisations"] == []


def test_map_page_list_offers_the_free_space_filter_and_search(get_html):
    """The map's controls offer free space now and by quarter, and a search by organisation name."""
    html = get_html("/en/map/")
    values = [option["value"] for option in html.select("#map-free option")]
    assert values[:2] == ["", "now"] and values[-1] == "2031-Q4"
    assert html.one('label[for="map-search"]').get_text(strip=True) == "Find a building or organisation"


# The home page


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_home_page_leads_to_the_map_news_institutions_and_applying(get_html, lang):
    """A visitor lands on the park: its plan linking to the map, the latest news, the institutions, applying."""
    html = get_html(f"/{lang}/")
    assert html.select(f'.home-map a[href="/{lang}/map/"]')
    assert len(html.select(".home-news__item")) == 3
    assert len(html.select(".home-institutions__list li")) == 3
    assert html.select(f'.home-institutions a[href="/{lang}/apply/"]')


def figures_shown(get_html, lang="en"):
    return [text.replace("\xa0", " ") for text in get_html(f"/{lang}/").texts(".home-figures .key-fact__value")]


def test_home_figures_follow_a_buildings_changed_area_and_status(get_html):
    """The figures are counted from the buildings: publishing a change changes them, nothing to retype."""
    before = park_figures(building("office-d", "en").locale)
    assert figures_shown(get_html)[0] == str(before.buildings)
    # Publishing the Russian source is enough: its facts reach the English page at once.
    page = building("office-d", "ru")
    page.gross_floor_area += 1000
    page.status = "in_service"
    publish(page)
    after = park_figures(building("office-d", "en").locale)
    assert after.floor_area == before.floor_area + 1000
    assert after.in_service == before.in_service + 1
    shown = figures_shown(get_html)
    assert shown[1] == str(after.in_service)
    assert f"{after.floor_area:,} m²" in shown


def test_map_intro_does_not_count_buildings():
    """The map's intro must not say "17 buildings" when there are 18: stored texts carry no count."""
    from map.demo import PAGE

    for text in PAGE["intro"]:
        assert "17" not in text


def test_home_sections_cost_a_fixed_handful_of_queries(rf, ru, django_assert_max_num_queries):
    """The sections the other parts add to the home page stay cheap however many buildings and articles there are."""
    from core import registry
    from home.models import HomePage

    home = HomePage.objects.select_related("locale").get(locale=ru)
    with django_assert_max_num_queries(8):
        sections = registry.home_sections(home, rf.get("/ru/"))
    assert [section.template for section in sections] == [
        "residents/home_figures.html",
        "map/home_map.html",
        "news/home_news.html",
        "residents/home_institutions.html",
    ]
