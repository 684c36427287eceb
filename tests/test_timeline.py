"""/{lang}/timeline/: the park year by year, generated from the buildings' own status and completion year."""

import pytest

from buildings.models import BuildingPage, Status, TimelinePage

pytestmark = pytest.mark.django_db


def years_of(html):
    """{year: [(building name, status text)]} as the page lists them."""
    result = {}
    for item in html.select("ol.timeline > li"):
        year = int(item.select_one("h2").get_text())
        result[year] = [
            (link.get_text(), link.find_next_sibling("span").get_text())
            for link in item.select(".timeline__buildings a")
        ]
    return result


@pytest.mark.parametrize("language", ["ru", "en"])
def test_timeline_lists_every_public_building_under_its_year(get_html, language):
    """If this fails, the timeline and the buildings disagree: a building is missing or in the wrong year."""
    html = get_html(f"/{language}/timeline/")
    assert html.lang == language
    years = years_of(html)
    assert list(years) == sorted(years)
    assert min(years) == 2021 and max(years) == 2031  # from the 2021 plan to completion by 2031
    buildings = BuildingPage.objects.public_in(language).in_plan_order()
    listed = [name for names in years.values() for name, _status in names]
    assert listed == [building.title for building in buildings]
    for building in buildings:
        assert (building.title, building.get_status_display()) in years[building.completion_year]


def test_timeline_is_an_ordered_list_with_headings_in_order(get_html):
    """If this fails, screen-reader users cannot move through the years by heading or hear how many there are."""
    html = get_html("/en/timeline/")
    assert len(html.select("main h1")) == 1
    assert html.select("main ol.timeline > li > h2")
    assert not html.select("main h3, main h4")


@pytest.mark.parametrize(
    ("language", "link_text"), [("ru", "Парк в 2027 году на карте"), ("en", "The park in 2027 on the map")]
)
def test_each_year_with_buildings_links_to_the_map_at_that_year(get_html, client, language, link_text):
    """If this fails, a reader can't see a year of the timeline on the map's timeline slider."""
    html = get_html(f"/{language}/timeline/")
    item = html.one("#year-2027").parent
    link = item.select_one("a[href*='year=']")
    assert link.get_text() == link_text
    assert link["href"] == f"/{language}/map/?year=2027"
    assert client.get(link["href"]).status_code == 200
    # 2021 has no building: a milestone only, no map link.
    assert not html.one("#year-2021").parent.select("a[href*='year=']")


def test_timeline_follows_a_building_changing_status_and_year(get_html, en):
    """If this fails, the timeline shows a second, stale copy of the buildings' data."""
    building = BuildingPage.objects.get(slug="office-d", locale=en)
    assert building.completion_year == 2028
    building.status = Status.UNDER_CONSTRUCTION
    building.completion_year = 2030
    building.save_revision().publish()
    years = years_of(get_html("/en/timeline/"))
    assert building.title not in [name for name, _status in years[2028]]
    assert (building.title, "Under construction") in years[2030]


def test_unpublished_building_leaves_the_timeline(get_html, en):
    """If this fails, a draft or withdrawn building is announced on the timeline."""
    building = BuildingPage.objects.get(slug="sports-centre", locale=en)
    building.unpublish()
    html = get_html("/en/timeline/")
    assert building.title not in html.one("main").get_text()


def test_year_phase_comes_from_its_buildings(get_html):
    """If this fails, a year whose buildings all stand is shown as still under way (or the reverse)."""
    html = get_html("/en/timeline/")
    assert html.one("#year-2023").parent.select_one(".timeline__phase").get_text() == "Completed"
    assert html.one("#year-2031").parent.select_one(".timeline__phase").get_text() == "Planned"
    assert TimelinePage.year_phase([]) == ""


def test_timeline_stays_within_the_query_budget(client):
    """If this fails, the timeline asks the database per building or per year and slows down as the park grows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    # The shared layout's queries (measured on the privacy page, which adds none) plus three of its own.
    assert count("/en/timeline/") <= count("/en/privacy/") + 3
