"""Every public page type renders in at most 15 SQL queries, uncached, in both languages.

A page that asks the database 29 times is a page that falls over first when a
story sends readers by the thousand: a reader would notice slow pages, then
errors. The budget holds for the cache's misses, which are what an editor's
publish produces for every page at once. It counts everything: routing,
view restrictions, header, footer, language links and the page's own content.
"""

from wagtail.models import Page, PageViewRestriction

import pytest

from buildings.models import BuildingPage
from news.models import ArticlePage

pytestmark = pytest.mark.django_db

BUDGET = 15


def first_live(model, language):
    return model.objects.live().filter(locale__language_code=language).order_by("path").first()


def page_urls(language):
    building = first_live(BuildingPage, language)
    article = first_live(ArticlePage, language)
    tag = article.tags.first()
    return {
        "home": f"/{language}/",
        "news index": f"/{language}/news/",
        "news index by tag": f"/{language}/news/?tag={tag.slug}",
        "news index, second page": f"/{language}/news/?page=2",
        "article": article.url,
        "building directory": f"/{language}/buildings/",
        "building directory, filtered": f"/{language}/buildings/?purpose=office",
        "building page": building.url,
        "map page": f"/{language}/map/",
        "embed": f"/{language}/map/embed/",
        "embed of one building": f"/{language}/map/embed/?building={building.slug}",
        "residents": f"/{language}/residents/",
        "residents by sector": f"/{language}/residents/?sector=software",
        "apply for space": f"/{language}/apply/",
        "apply for space in one building": f"/{language}/apply/?building={building.slug}",
        "construction timeline": f"/{language}/timeline/",
        "privacy": f"/{language}/privacy/",
        "search": f"/{language}/search/?q=park",
        "feed": f"/{language}/news/feed/",
        "page not found": f"/{language}/no-such-page/",
    }


@pytest.mark.parametrize("language", ["ru", "en"])
def test_every_public_page_type_stays_within_the_budget(client, language, django_assert_max_num_queries):
    """Readers of a freshly published site (nothing cached) would wait on the database page by page."""
    for name, url in page_urls(language).items():
        client.get(url)  # per-process caches (content types, site root paths) warm, as on a running server
        with django_assert_max_num_queries(BUDGET, info=f"{name}: {url}"):
            response = client.get(url)
        assert response.status_code in (200, 404), f"{name}: {url} answered {response.status_code}"


@pytest.mark.parametrize(
    "url", ["/sitemap.xml", "/api/map/buildings.geojson", "/api/map/site.geojson", "/ru/map/qr.svg", "/ru/map/plan.svg"]
)
def test_machine_outputs_stay_within_the_budget(client, url, django_assert_max_num_queries):
    """Search engines and embeds ask these most often."""
    client.get(url)
    with django_assert_max_num_queries(BUDGET, info=url):
        assert client.get(url).status_code == 200


def test_a_private_section_stays_private_when_routed_in_few_queries(client):
    """Routing reads view restrictions with the pages on the way; a private page must still ask for a login."""
    building = first_live(BuildingPage, "ru")
    restriction = PageViewRestriction.objects.create(page=building, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(building.url)
    assert response.status_code == 302 and "login" in response["Location"]
    restriction.delete()
    assert client.get(building.url).status_code == 200


def test_a_restriction_on_an_ancestor_covers_the_pages_below(client):
    """A private directory hides every building in it, not only its own page."""
    building = first_live(BuildingPage, "ru")
    PageViewRestriction.objects.create(page=building.get_parent(), restriction_type=PageViewRestriction.LOGIN)
    assert client.get(building.url).status_code == 302


def test_drafts_and_unknown_addresses_are_not_found(client):
    """A reader must never see a draft, and a mistyped address is a plain 404."""
    building = first_live(BuildingPage, "ru")
    url = building.url
    building.unpublish()
    assert client.get(url).status_code == 404
    assert client.get(url + "nothing-below/").status_code == 404
    assert client.get("/ru/buildings/no-such-building/").status_code == 404


def test_a_live_page_below_a_draft_section_is_served(client):
    """As with Wagtail's own routing: a section in draft does not hide its published pages."""
    building = first_live(BuildingPage, "ru")
    Page.objects.filter(pk=building.get_parent().pk).update(live=False)
    assert client.get(building.url).status_code == 200
