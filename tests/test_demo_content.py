"""load_demo_content: the park in both languages, safe to run again."""

import io

from django.core.management import call_command

from wagtail.models import Page, Site
from wagtail_localize.models import TranslationSource

import pytest

from home.models import HeaderBanner, HomePage, SiteSettings

pytestmark = pytest.mark.django_db


def counts():
    return {
        "pages": Page.objects.count(),
        "banners": HeaderBanner.objects.count(),
        "sites": Site.objects.count(),
        "sources": TranslationSource.objects.count(),
    }


@pytest.mark.smoke
def test_running_it_again_changes_nothing():
    """`make run` loads the demo content every time: the second run must not duplicate anything."""
    before = counts()
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    assert counts() == before
    assert "home page (ru): kept" in out.getvalue()


def test_running_it_again_keeps_an_editors_changes(ru):
    """An editor's edit survives the next `make run`."""
    home = HomePage.objects.get(locale=ru)
    home.intro = "Текст редактора."
    home.save_revision().publish()
    call_command("load_demo_content", stdout=io.StringIO())
    home.refresh_from_db()
    assert home.intro == "Текст редактора."


@pytest.mark.smoke
def test_english_home_page_is_a_translation_of_the_russian_one(ru, en):
    """The two home pages are one page in two languages (wagtail-localize), not two unrelated pages."""
    home_ru = HomePage.objects.get(locale=ru)
    home_en = HomePage.objects.get(locale=en)
    assert home_en.translation_key == home_ru.translation_key
    assert TranslationSource.objects.filter(object_id=home_ru.translation_key, locale=ru).exists()
    assert Site.objects.get(is_default_site=True).root_page.specific == home_ru
    assert home_en.live and home_ru.live


def test_wagtails_placeholder_page_is_gone():
    """Readers never see Wagtail's "Welcome to your new Wagtail site!" page."""
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()


def test_banners_and_settings_exist_in_both_languages(ru, en):
    assert HeaderBanner.objects.filter(locale=ru).count() == 2
    assert HeaderBanner.objects.filter(locale=en).count() == 2
    for banner in HeaderBanner.objects.filter(locale=ru):
        assert banner.has_translation(en)
    assert SiteSettings.for_site(Site.objects.get(is_default_site=True)).email


def test_it_runs_on_an_empty_database_after_wagtails_migrations():
    """A fresh `make run` starts from what migrations leave: Wagtail's placeholder page and one locale per language."""
    # The session database already holds the demo content; remove ours and put
    # back Wagtail's placeholder, as a freshly migrated database has it.
    HeaderBanner.objects.all().delete()
    root = Page.get_first_root_node()
    site = Site.objects.get(is_default_site=True)
    placeholder = root.add_child(instance=Page(title="Welcome to your new Wagtail site!", slug="placeholder"))
    site.root_page = placeholder
    site.save()
    for page in HomePage.objects.all():
        page.delete()
    TranslationSource.objects.all().delete()
    call_command("load_demo_content", stdout=io.StringIO())
    assert HomePage.objects.count() == 2
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage
    assert not Page.objects.filter(slug="placeholder").exists()


@pytest.mark.smoke
def test_every_demo_page_answers_in_both_languages(client):
    """Every live page of the demo, Russian and English, opens (no page lost from the tree by the loader)."""
    pages = Page.objects.live().filter(depth__gt=1).specific()
    assert pages.count() > 30
    for page in pages:
        url = page.get_url()
        assert client.get(url).status_code == 200, url
