"""Editors in the Wagtail admin: the admin in their language, editing the home
page, header banners with their rules, and translating with wagtail-localize."""

from urllib.parse import urlencode

from django.urls import reverse

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail_localize.models import StringSegment, Translation, TranslationSource

import pytest

from home.models import HeaderBanner, HomePage
from tests.factories import SuperuserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = SuperuserFactory(admin_language="en")
    client.force_login(user)
    return user


@pytest.mark.parametrize(("language", "dashboard_word"), [("ru", "Панель управления"), ("en", "Dashboard")])
def test_admin_speaks_the_editors_language(client, language, dashboard_word):
    """The admin follows each editor's preference, whatever language the site defaults to."""
    client.force_login(SuperuserFactory(admin_language=language))
    response = client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert dashboard_word in html


def test_admin_makes_no_request_to_other_hosts(client, editor):
    """No update check, no Gravatar: the admin works on a closed network and leaks nothing."""
    html = client.get("/admin/").content.decode()
    assert "gravatar.com" not in html
    assert "releases.wagtail.io" not in html
    assert "data-w-upgrade" not in html


def home_form(home, **changes):
    data = {
        "title": home.title,
        "slug": home.slug,
        "intro": home.intro,
        "organisation": home.organisation,
        "address": home.address,
        "key_facts": streamfield(
            [
                ("fact", {"number": str(b.value["number"]), "unit": b.value["unit"], "label": b.value["label"]})
                for b in home.key_facts
            ]
        ),
        "body": streamfield(
            [("heading", {"text": "О проекте", "level": "h2"}), ("paragraph", rich_text("<p>Текст.</p>"))]
        ),
        "action-publish": "action-publish",
    }
    data.update(changes)
    return nested_form_data(data)


def test_editor_edits_and_publishes_the_home_page(client, editor, ru):
    """An editor's change to the Russian home page reaches Russian readers on publish."""
    home = HomePage.objects.get(locale=ru)
    url = reverse("wagtailadmin_pages:edit", args=[home.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, home_form(home, intro="Новый вводный абзац."))
    assert response.status_code == 302, response.context and response.context["form"].errors
    page = client.get("/ru/").content.decode()
    assert "Новый вводный абзац." in page
    assert "Текст." in page


def test_home_page_without_an_intro_is_refused(client, editor, ru):
    """A required field left empty is reported on the form and nothing is published."""
    home = HomePage.objects.get(locale=ru)
    before = home.intro
    response = client.post(reverse("wagtailadmin_pages:edit", args=[home.pk]), home_form(home, intro=""))
    assert response.status_code == 200
    assert "intro" in response.context["form"].errors
    home.refresh_from_db()
    assert home.intro == before


def banner_form(**changes):
    """The banner's add form as an editor publishing it sends it (a banner is public only once published)."""
    data = {
        "action-publish": "action-publish",
        "text": "День открытых дверей",
        "link_page": "",
        "link_url": "",
        "active_from": "",
        "active_until": "",
        "sort_order": "0",
    }
    data.update(changes)
    return data


def test_editor_adds_a_header_banner(client, editor, ru):
    """A banner an editor adds shows in the header of the Russian site."""
    HeaderBanner.objects.all().delete()
    url = reverse("wagtailsnippets_home_headerbanner:add") + "?locale=ru"
    response = client.post(url, banner_form(link_url="https://itpark.example/open-day"))
    assert response.status_code == 302
    banner = HeaderBanner.objects.get()
    assert banner.locale == ru
    header = client.get("/ru/").content.decode()
    assert '<a href="https://itpark.example/open-day">День открытых дверей</a>' in header


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"link_url": "https://itpark.example/", "link_page": "PAGE"},
            "link_url",
            "Choose a page or enter a URL, not both.",
        ),
        (
            {"active_from": "2026-12-01 10:00", "active_until": "2026-11-30 10:00"},
            "active_until",
            "The end must come after the start.",
        ),
        ({"link_url": "not a url"}, "link_url", "Enter a valid URL."),
        ({"text": ""}, "text", "This field is required."),
    ],
)
def test_bad_banner_is_refused_with_a_clear_message(client, editor, ru, changes, field, message):
    """The editor publishing a faulty banner sees what is wrong, next to the field, and no banner is saved."""
    if changes.get("link_page") == "PAGE":
        changes["link_page"] = str(HomePage.objects.get(locale=ru).pk)
    before = HeaderBanner.objects.count()
    response = client.post(reverse("wagtailsnippets_home_headerbanner:add") + "?locale=ru", banner_form(**changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert message in response.content.decode()
    assert HeaderBanner.objects.count() == before


def test_bad_banner_message_is_in_the_editors_language(client, ru):
    """A Russian-speaking editor reads the error in Russian."""
    client.force_login(SuperuserFactory(admin_language="ru"))
    data = banner_form(active_from="2026-12-01 10:00", active_until="2026-11-30 10:00")
    response = client.post(reverse("wagtailsnippets_home_headerbanner:add") + "?locale=ru", data)
    assert response.status_code == 200
    assert "Окончание показа должно быть позже начала." in response.content.decode()


def put_string(client, translation, segment, value):
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    response = client.put(url, urlencode({"value": value}), content_type="application/x-www-form-urlencoded")
    assert response.status_code in (200, 201), response.content


def test_editor_translates_a_banner_with_wagtail_localize(client, editor, ru, en):
    """Translate, type the English text, publish: English readers see it; Russian readers keep theirs."""
    banner = HeaderBanner.objects.create(locale=ru, text="Приглашаем IT-компании", sort_order=0)
    url = reverse("wagtail_localize:submit_snippet_translation", args=["home", "headerbanner", banner.pk])
    response = client.post(url, {"locales": [en.pk]})
    assert response.status_code == 302

    translated = banner.get_translation(en)
    translation = Translation.objects.get(source__object_id=banner.translation_key, target_locale=en)
    segment = StringSegment.objects.get(source=translation.source, string__data="Приглашаем IT-компании")
    put_string(client, translation, segment, "IT companies welcome")
    edit_url = reverse("wagtailsnippets_home_headerbanner:edit", args=[translated.pk])
    assert client.post(edit_url, {"action": "publish"}).status_code == 302

    translated.refresh_from_db()
    assert translated.text == "IT companies welcome"
    assert "IT companies welcome" in client.get("/en/").content.decode()
    assert "Приглашаем IT-компании" in client.get("/ru/").content.decode()


def test_editor_updates_the_english_home_page_after_a_russian_change(client, editor, ru, en):
    """Change the Russian intro, sync, translate the new sentence, publish: English readers get it."""
    home = HomePage.objects.get(locale=ru)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[home.pk]), home_form(home, intro="Парк открыт для IT-компаний.")
    )
    source = TranslationSource.objects.get(object_id=home.translation_key, locale=ru)
    response = client.post(reverse("wagtail_localize:update_translations", args=[source.pk]), {})
    assert response.status_code == 302

    translation = Translation.objects.get(source=source, target_locale=en)
    segment = StringSegment.objects.get(
        source=source, string__data="Парк открыт для IT-компаний.", context__path="intro"
    )
    put_string(client, translation, segment, "The park is open to IT companies.")
    english = home.get_translation(en)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[english.pk]), {"action": "publish"})
    assert response.status_code == 302

    page = client.get("/en/").content.decode()
    assert "The park is open to IT companies." in page
    # The figures are synchronised from the Russian page, never typed twice.
    assert [b.value["number"] for b in english.specific.key_facts] == [b.value["number"] for b in home.key_facts]
