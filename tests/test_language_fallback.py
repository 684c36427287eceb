"""Readers switching language never hit a 404 or a silent home page: they land on the
nearest translated ancestor with a notice; untranslated banners show in Russian marked
lang="ru"; an English page older than its Russian original says so."""

import datetime

from django.contrib.gis.geos import GEOSGeometry
from django.utils import timezone

import pytest

from buildings.models import BuildingIndexPage, BuildingPage
from home.models import HeaderBanner
from tests.test_buildings_admin import FREE, rectangle

pytestmark = pytest.mark.django_db


def russian_only_building(ru):
    """A new Russian building, published, never translated."""
    index = BuildingIndexPage.objects.get(locale=ru)
    building = BuildingPage(
        title="Центр робототехники",
        slug="tsentr-robototekhniki",
        summary="Центр для стартапов в области робототехники.",
        purpose="offices",
        status="planned",
        completion_year=2029,
        floors=3,
        gross_floor_area=2400,
        footprint=GEOSGeometry(rectangle(*FREE)),
    )
    index.add_child(instance=building)
    building.save_revision().publish()
    return building


def switcher_link(html, code):
    return next(a for a in html.select(".language-switcher a") if a["lang"] == code)


def test_switching_to_english_on_a_russian_only_page_lands_on_the_directory_with_a_notice(client, ru, get_html):
    """The English link of a Russian-only building leads to the English building directory,
    which says the page exists only in Russian and links it, marked as Russian."""
    building = russian_only_building(ru)
    html = get_html(building.url)
    link = switcher_link(html, "en")
    assert link["href"] == f"/en/buildings/?untranslated={building.pk}"
    assert "en" not in html.hreflangs() or html.hreflangs()["en"] != link["href"]

    landed = get_html(link["href"])
    notice = landed.one(".translation-notice")
    assert "exists only in Russian" in notice.get_text()
    original = notice.find("a")
    assert original["lang"] == "ru" and original["href"] == building.url
    assert original.get_text() == "Центр робототехники"
    assert landed.lang == "en"


@pytest.mark.parametrize(
    "value",
    ["abc", "999999999", "-1", "", "1 OR 1=1", "<script>alert(1)</script>"],
)
def test_a_bad_untranslated_parameter_shows_no_notice(get_html, value):
    """Hand-edited addresses show the page as usual, with no notice and no error."""
    html = get_html(f"/en/buildings/?untranslated={value}")
    assert html.select(".translation-notice") == []


def test_no_notice_for_an_unpublished_or_translated_page(get_html, ru):
    """The notice names only live pages that truly have no English version."""
    building = russian_only_building(ru)
    building.unpublish()
    assert get_html(f"/en/buildings/?untranslated={building.pk}").select(".translation-notice") == []
    translated = BuildingPage.objects.filter(locale=ru).live().exclude(pk=building.pk).first()
    assert get_html(f"/en/buildings/?untranslated={translated.pk}").select(".translation-notice") == []


def test_an_english_page_older_than_its_russian_original_says_so(get_html, ru, en):
    """After the Russian summary changes, the English page notes, in English, when the original was updated."""
    source = BuildingPage.objects.filter(locale=ru).live().first()
    english = source.get_translation(en)
    assert get_html(english.url).select(".translation-notice") == []
    source.summary = "Совсем новое описание корпуса."
    revision = source.save_revision()
    revision.publish()
    source.refresh_from_db()
    source.last_published_at = timezone.make_aware(datetime.datetime(2026, 5, 12, 10, 0))
    source.save(update_fields=["last_published_at"])
    html = get_html(english.url)
    notice = html.one(".translation-notice--quiet")
    assert " ".join(notice.get_text().split()) == "The Russian original was updated on May 12, 2026."
    assert notice.find("a")["hreflang"] == "ru"
    assert notice.find("time")["datetime"].startswith("2026-05-12")
    assert "Совсем новое" not in html.text


def test_an_untranslated_banner_shows_in_russian_marked_as_russian(get_html, ru):
    """A Russian banner with no English version shows on English pages with lang="ru"; translated
    banners show in English with no lang of their own."""
    HeaderBanner.objects.create(locale=ru, text="День открытых дверей", sort_order=0, active_from=timezone.now())
    html = get_html("/en/")
    banners = html.select(".header-banner")
    russian = [b for b in banners if "День открытых дверей" in b.get_text()]
    assert len(russian) == 1 and russian[0]["lang"] == "ru"
    assert all(not b.has_attr("lang") for b in banners if b is not russian[0])
    ru_html = get_html("/ru/")
    assert all(not b.has_attr("lang") for b in ru_html.select(".header-banner"))


def test_an_untranslated_organisation_shows_in_russian_marked_as_russian(get_html, ru, en):
    """A screen reader reads an organisation with no English version in Russian, not as mangled English."""
    from buildings.models import BuildingTenant, Organisation

    english = BuildingPage.objects.live().filter(locale=en, slug="administration-building").first()
    organisation = Organisation.objects.create(locale=ru, name="Фонд поддержки предпринимательства (тест)")
    BuildingTenant.objects.create(page=english, organisation=organisation, sort_order=99)
    items = get_html(english.url).select(".building-organisations li")
    russian = [item for item in items if "Фонд поддержки предпринимательства (тест)" in item.get_text()]
    assert len(russian) == 1 and russian[0]["lang"] == "ru"
    assert all(not item.has_attr("lang") for item in items if item is not russian[0]), "translated ones are English"
