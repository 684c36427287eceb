"""Pages get Latin slugs; pages made with Cyrillic slugs are renamed and their old addresses redirect.

A Cyrillic slug is a percent-encoded address in every link a reader copies
(/ru/%D1%86%D0%B5%D0%BD.../) and a Cyrillic `id` in the GeoJSON API.
"""

import io
from urllib.parse import quote

from django.core.management import call_command
from django.test import override_settings

from wagtail.models import Page

import pytest

from core.pages import ascii_slug
from news.models import ArticlePage, NewsIndexPage


def test_russian_titles_become_latin_slugs():
    """The issue's example: the robotics centre's address reads as Latin letters."""
    assert ascii_slug("Центр робототехники") == "tsentr-robototekhniki"
    assert ascii_slug("Офисное здание «Б»") == "ofisnoe-zdanie-b"


def new_page(title, slug=""):
    """A page under the Russian news index (any page type takes the same path through full_clean)."""
    index = NewsIndexPage.objects.get(locale__language_code="ru")
    page = ArticlePage(title=title, slug=slug, lead="Тест")
    index.add_child(instance=page)
    return page


def test_a_page_made_in_code_with_a_russian_title_gets_a_latin_slug(db):
    """Imports and scripts give only a title: the address must still be Latin."""
    page = new_page("Центр робототехники")
    assert page.slug == "tsentr-robototekhniki"
    again = new_page("Центр робототехники")
    assert again.slug == "tsentr-robototekhniki-2", "a second page with that title gets the next free slug"


def test_a_cyrillic_slug_given_in_code_is_transliterated(db):
    """A slug copied from somewhere else (a translation, an import) is made Latin too."""
    assert new_page("Лаборатория", slug="лаборатория").slug == "laboratoriya"


@override_settings(WAGTAILREDIRECTS_AUTO_CREATE=False)
def test_transliterate_slugs_renames_and_redirects(client, db):
    """Links to the old Cyrillic address in old articles and bookmarks keep working."""
    page = new_page("Старый корпус")
    Page.objects.filter(pk=page.pk).update(
        slug="старый-корпус", url_path=page.url_path.replace(page.slug, "старый-корпус")
    )
    page.refresh_from_db()
    old_url = page.url
    assert old_url == "/ru/news/" + quote("старый-корпус") + "/", "the old address is percent-encoded"

    output = io.StringIO()
    call_command("transliterate_slugs", stdout=output)
    page.refresh_from_db()
    assert page.slug == "staryy-korpus"
    assert client.get(page.url).status_code == 200
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"].endswith(page.url)

    output = io.StringIO()
    call_command("transliterate_slugs", stdout=output)
    assert output.getvalue().strip().endswith(": 0."), "a second run finds nothing left to rename"


@pytest.mark.django_db
def test_dry_run_changes_nothing():
    """An operator can see what the command would do before it does it."""
    page = new_page("Склад")
    Page.objects.filter(pk=page.pk).update(slug="склад")
    call_command("transliterate_slugs", "--dry-run", stdout=io.StringIO())
    page.refresh_from_db()
    assert page.slug == "склад"
