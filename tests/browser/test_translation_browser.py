"""Translators in real Chromium: a translator (Russian admin) opens wagtail-localize's editor on
a new English translation, translates every segment, and submits it for moderation with the
main button; a moderator approves and the English page goes live. The fallback notice passes
axe and the Nu checker, at desktop and phone widths.

The live server only sees committed data: accounts and pages are made, and removed, from
another thread (tests/browser/committed.py)."""

import uuid

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.gis.geos import GEOSGeometry
from django.test import Client
from django.urls import reverse

from wagtail.models import Locale, PageLogEntry, Revision, WorkflowState
from wagtail_localize.models import StringTranslation, TranslatableObject, TranslationSource
from wagtail_localize.operations import TranslationCreator

import pytest
from playwright.sync_api import expect

from buildings.models import BuildingIndexPage, BuildingPage
from tests.browser.committed import committed
from tests.factories import UserFactory
from tests.test_buildings_admin import FREE, rectangle

PASSWORD = "correct horse battery staple"  # noqa: S105 (tests.factories sets it for every user)


def make_translation(tag):
    """A published Russian building, its English translation started (a draft), and a translator."""
    translator = UserFactory(username=f"translator-{tag}", admin_language="ru")
    translator.groups.add(Group.objects.get(name="Translators"))
    index = BuildingIndexPage.objects.get(locale__language_code="ru")
    building = BuildingPage(
        title=f"Центр робототехники {tag}",
        slug=f"robotics-{tag}",
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
    TranslationCreator(translator, [Locale.objects.get(language_code="en")]).create_translations(building)
    english = BuildingPage.objects.get(translation_key=building.translation_key, locale__language_code="en")
    return {"username": translator.username, "key": building.translation_key, "english_pk": english.pk}


def remove(account):
    pages = list(BuildingPage.objects.filter(translation_key=account["key"]))
    ids = [str(page.pk) for page in pages]
    WorkflowState.objects.filter(object_id__in=ids).delete()
    for page in sorted(pages, key=lambda page: page.locale.language_code != "en", reverse=False):
        PageLogEntry.objects.filter(page_id=page.pk).delete()
        Revision.page_revisions.filter(object_id=str(page.pk)).delete()
        page.delete()
    StringTranslation.objects.filter(context__object_id=account["key"]).delete()
    TranslationSource.objects.filter(object_id=account["key"]).delete()
    TranslatableObject.objects.filter(translation_key=account["key"]).delete()
    get_user_model().objects.filter(username__in=[account["username"], f"moderator-{account['username']}"]).delete()


@pytest.fixture
def translation_job():
    account = committed(make_translation, uuid.uuid4().hex[:8])
    yield account
    committed(remove, account)


def log_in(page, live_site, username):
    page.goto(live_site.url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page).not_to_have_url(f"{live_site.url}/admin/login/")


def test_translator_translates_and_submits_and_a_moderator_approves(page, live_site, translation_job):
    """The translator's main button reads "Отправить на проверку: English" (not "Convert to alias
    page"); after translating each segment and submitting, the page waits for a moderator, who
    approves it, and English readers then see the English page."""
    log_in(page, live_site, translation_job["username"])
    page.goto(live_site.url + reverse("wagtailadmin_pages:edit", args=[translation_job["english_pk"]]))
    main_button = page.locator("footer button[name=action][value=publish]")
    expect(main_button).to_have_text("Отправить на проверку: English")
    expect(page.locator(".js-translation-editor .w-dropdown__toggle .w-sr-only").first).to_have_text("Другие действия")
    expect(page.get_by_role("heading", name="Перевод: Русский → English")).to_be_visible()

    english = {
        "Центр для стартапов в области робототехники.": "A centre for robotics start-ups.",
    }
    translate_buttons = page.get_by_role("button", name="Перевести", exact=True)
    expect(translate_buttons.first).to_be_visible()
    for _ in range(20):  # bounded: the page has a handful of segments
        if translate_buttons.count() == 0:
            break
        segment = translate_buttons.first.locator("xpath=ancestor::li[contains(@class, 'incomplete')][1]")
        source_text = segment.locator("p").first.inner_text().strip()
        translate_buttons.first.click()
        if source_text.startswith("Центр робототехники"):
            text = "Robotics centre"
        else:
            text = english.get(source_text, source_text)
        # One segment is edited at a time: its text area and its "Save".
        page.locator(".js-translation-editor textarea").fill(text)
        page.get_by_role("button", name="Сохранить", exact=True).click()
        expect(page.locator(".js-translation-editor textarea")).to_have_count(0)
        expect(page.get_by_text("Сохранение...")).to_have_count(0)
    expect(translate_buttons).to_have_count(0)

    main_button.click()
    expect(page.locator(".messages")).to_contain_text("отправлен на проверку")

    english_page = BuildingPage.objects.get(pk=translation_job["english_pk"])
    assert not english_page.live
    state = english_page.current_workflow_state
    assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS

    # The moderator approves from a connection of its own: the test's transaction must hold no
    # lock on the page when the fixture removes it.
    live, title, html = committed(approve, english_page.pk, state.current_task_state.pk, translation_job)
    assert live and title == "Robotics centre"
    assert "A centre for robotics start-ups." in html and "Центр для стартапов" not in html


def approve(page_pk, task_state_pk, account):
    moderator = UserFactory(username=f"moderator-{account['username']}")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client = Client()
    client.force_login(moderator)
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(page_pk, "approve", task_state_pk)), {"comment": ""}
    )
    page = BuildingPage.objects.get(pk=page_pk)
    client.logout()
    return page.live, page.title, client.get(page.url).content.decode() if page.live else ""


def russian_only(tag):
    index = BuildingIndexPage.objects.get(locale__language_code="ru")
    building = BuildingPage(
        title=f"Центр робототехники {tag}",
        slug=f"robotics-{tag}",
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
    return {"key": building.translation_key, "pk": building.pk, "username": ""}


@pytest.fixture
def untranslated_building():
    account = committed(russian_only, uuid.uuid4().hex[:8])
    yield account
    committed(remove, account)


@pytest.mark.parametrize("width", [1280, 360])
def test_the_fallback_notice_is_accessible_and_valid(
    new_page, live_site, untranslated_building, assert_no_axe_violations, assert_valid_html, width
):
    """Switching to English on a Russian-only building lands on the English directory with a
    notice that passes axe and the Nu checker, fits a 360 px phone, and marks the Russian title."""
    page = new_page(viewport={"width": width, "height": 800})
    page.goto(live_site.url + BuildingPage.objects.get(pk=untranslated_building["pk"]).url)
    page.locator('.language-switcher a[lang="en"]').click()
    notice = page.locator(".translation-notice")
    expect(notice).to_contain_text("exists only in Russian")
    expect(notice.locator('a[lang="ru"]')).to_have_count(1)
    assert_no_axe_violations(page)
    assert_valid_html(page.content(), source=page.url)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
