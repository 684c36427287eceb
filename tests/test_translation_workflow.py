"""The translation workflow as editors, translators and readers live it:
a fresh translation is not public before it is translated, facts follow
their Russian source at once, and prose waits for the translator."""

import json

from django.urls import reverse

from wagtail.models import Page

import pytest

from buildings.models import BuildingIndexPage, BuildingPage
from tests.factories import SuperuserFactory
from tests.test_buildings_admin import edit_form, new_building_form

pytestmark = pytest.mark.django_db

TITLE = "Лаборатория робототехники"


@pytest.fixture
def editor(client):
    user = SuperuserFactory(admin_language="en")
    client.force_login(user)
    return user


def translate_this_page(client, page, en):
    """What "Translate this page → English" posts in the admin."""
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    response = client.post(url, {"locales": [en.pk]})
    assert response.status_code == 302, response.content.decode()[:2000]
    return BuildingPage.objects.get(translation_key=page.translation_key, locale=en)


def test_a_fresh_translation_is_not_public_before_it_is_translated(client, editor, ru, en):
    """Right after "Translate this page", no English reader sees the Russian title: not on the
    page, the directory, the map API, the search or the sitemap."""
    index = BuildingIndexPage.objects.get(locale=ru)
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["buildings", "buildingpage", index.pk]), new_building_form()
    )
    assert response.status_code == 302
    source = BuildingPage.objects.get(locale=ru, slug="robotics-lab")
    assert source.live

    english = translate_this_page(client, source, en)
    assert not english.live
    client.logout()
    assert client.get("/en/buildings/robotics-lab/").status_code == 404
    assert TITLE not in client.get("/en/buildings/").content.decode()
    features = json.loads(client.get("/api/map/buildings.geojson?lang=en").content)["features"]
    assert "robotics-lab" not in [feature["id"] for feature in features]
    assert TITLE not in client.get("/en/search/?q=робототехники").content.decode()
    assert "/en/buildings/robotics-lab/" not in client.get("/sitemap.xml").content.decode()
    # The Russian page is untouched.
    assert client.get("/ru/buildings/robotics-lab/").status_code == 200


def test_facts_reach_the_english_page_as_soon_as_the_source_is_published(client, editor, ru, en):
    """An editor changes the floors and the summary of a Russian building and publishes it: the
    English page shows the new number of floors at once, and keeps its English summary."""
    source = BuildingPage.objects.filter(locale=ru).live().first()
    english = source.get_translation(en)
    english_summary = english.summary
    floors = source.floors + 1
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[source.pk]),
        edit_form(source, floors=str(floors), summary="Новое описание корпуса.", completion_year="2030"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    english.refresh_from_db()
    assert english.live
    assert (english.floors, english.completion_year) == (floors, 2030)
    assert english.summary == english_summary
    assert english.get_latest_revision_as_object().floors == floors
    assert english.get_latest_revision_as_object().summary == english_summary
    client.logout()
    html = client.get(english.url).content.decode()
    assert "Новое описание" not in html
    feature = next(
        f
        for f in json.loads(client.get("/api/map/buildings.geojson?lang=en").content)["features"]
        if f["id"] == english.slug
    )
    assert feature["properties"]["floors"] == floors


def test_facts_do_not_overwrite_a_translation_that_was_stopped(client, editor, ru, en):
    """A translation whose sync was stopped (an independent English page) keeps its own facts."""
    from wagtail_localize.models import Translation

    source = BuildingPage.objects.filter(locale=ru).live().first()
    english = source.get_translation(en)
    Translation.objects.filter(source__object_id=source.translation_key, target_locale=en).update(enabled=False)
    before = english.floors
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[source.pk]), edit_form(source, floors=str(source.floors + 2))
    )
    assert response.status_code == 302
    english.refresh_from_db()
    assert english.floors == before
    assert Page.objects.get(pk=english.pk).live
