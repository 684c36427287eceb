"""Translators finish their work through the admin: they translate a new Russian page
(a PO file round trip), submit it for moderation from wagtail-localize's editor, a
moderator approves, the English page goes live; translators never publish Russian pages,
and hear by e-mail when a source they translated changes."""

import json

from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import WorkflowState

import polib
import pytest

from buildings.models import BuildingIndexPage, BuildingPage
from tests.factories import SuperuserFactory, UserFactory
from tests.html import Html
from tests.test_buildings_admin import edit_form, new_building_form

pytestmark = pytest.mark.django_db

ENGLISH = {
    "Лаборатория робототехники": "Robotics lab",
    "robotics-lab": "robotics-lab",
    "Лаборатория для стартапов в области робототехники.": "A lab for robotics start-ups.",
    "Мастерские и испытательный зал.": "Workshops and a test hall.",
}


def member_of(group_name, **kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def source(client, ru):
    """A new Russian building, published by an administrator."""
    client.force_login(SuperuserFactory())
    index = BuildingIndexPage.objects.get(locale=ru)
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["buildings", "buildingpage", index.pk]), new_building_form()
    )
    assert response.status_code == 302
    client.logout()
    return BuildingPage.objects.get(locale=ru, slug="robotics-lab")


@pytest.fixture
def translator(client):
    user = member_of("Translators", admin_language="en")
    client.force_login(user)
    return user


def start_translation(client, source, en):
    response = client.post(reverse("wagtail_localize:submit_page_translation", args=[source.pk]), {"locales": [en.pk]})
    assert response.status_code == 302, response.content.decode()[:1000]
    return BuildingPage.objects.get(translation_key=source.translation_key, locale=en)


def editor_props(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    html = Html(response.content.decode())
    return json.loads(html.one(".js-translation-editor")["data-props"]), html


def po_round_trip(client, props, mapping):
    """Download the PO file, translate every entry with polib, upload it back."""
    response = client.get(props["links"]["downloadPofile"])
    assert response.status_code == 200
    po = polib.pofile(response.content.decode())
    assert len(po) >= len(mapping) - 1
    for entry in po:
        entry.msgstr = mapping[entry.msgid]
    upload = SimpleUploadedFile("robotics-lab-en.po", str(po).encode(), content_type="text/x-gettext-translation")
    response = client.post(props["links"]["uploadPofile"], {"file": upload, "next": "/admin/"})
    assert response.status_code == 302


def submit(client, page):
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action": "publish"})


def test_translator_submits_and_a_moderator_approves(client, source, translator, en):
    """The translator's main button is "Submit for moderation"; after submitting, English readers
    still see nothing until a moderator approves; then the English page is live, in English."""
    english = start_translation(client, source, en)
    assert not english.live
    props, html = editor_props(client, english)
    assert props["perms"]["canPublish"] is True
    script = html.one("script[data-submit-label]")
    assert script["data-submit-label"] == "Submit for moderation: "

    po_round_trip(client, props, ENGLISH)
    response = submit(client, english)
    assert response.status_code == 302
    english.refresh_from_db()
    assert not english.live
    state = english.current_workflow_state
    assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Translation review"
    client.logout()
    assert client.get("/en/buildings/robotics-lab/").status_code == 404
    assert "Robotics lab" not in client.get("/en/buildings/").content.decode()

    client.force_login(member_of("Moderators"))
    url = reverse("wagtailadmin_pages:workflow_action", args=(english.pk, "approve", state.current_task_state.pk))
    assert client.post(url, {"comment": ""}).status_code in (200, 302)
    english.refresh_from_db()
    assert english.live and english.title == "Robotics lab"
    client.logout()
    page = client.get("/en/buildings/robotics-lab/").content.decode()
    assert "A lab for robotics start-ups." in page
    assert "Лаборатория" not in page


def test_a_translator_cannot_publish_from_the_editor_without_a_moderator(client, source, translator, en):
    """Even a hand-made POST of "publish" from a translator only submits: nothing goes live."""
    english = start_translation(client, source, en)
    props, _html = editor_props(client, english)
    po_round_trip(client, props, ENGLISH)
    submit(client, english)
    english.refresh_from_db()
    assert not english.live


def test_translators_cannot_edit_or_publish_russian_pages(client, source, translator):
    """The Russian source is out of a translator's reach: no edit form, no publishing."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[source.pk]))
    assert response.status_code in (302, 403)
    form = edit_form(source, title="Чужая правка")
    client.post(reverse("wagtailadmin_pages:edit", args=[source.pk]), form)
    source.refresh_from_db()
    assert source.title == "Лаборатория робототехники"
    assert not source.permissions_for_user(translator).can_publish()


def test_a_po_file_for_another_translation_is_refused(client, source, translator, en):
    """Uploading a PO file made for a different page changes nothing and says why."""
    english = start_translation(client, source, en)
    props, _html = editor_props(client, english)
    po = polib.POFile()
    po.metadata = {"X-WagtailLocalize-TranslationID": "00000000-0000-0000-0000-000000000000"}
    po.append(polib.POEntry(msgid="Лаборатория робототехники", msgstr="Hijacked", msgctxt="title"))
    upload = SimpleUploadedFile("other-en.po", str(po).encode())
    response = client.post(props["links"]["uploadPofile"], {"file": upload, "next": "/admin/"}, follow=True)
    assert "Cannot import PO file that was created for a different translation." in response.content.decode()
    english.refresh_from_db()
    assert english.title != "Hijacked"
    garbage = SimpleUploadedFile("broken.po", b"\xff\xfe not a po file")
    response = client.post(props["links"]["uploadPofile"], {"file": garbage, "next": "/admin/"}, follow=True)
    assert response.status_code == 200


def test_translator_hears_when_the_source_changes(client, source, translator, en, django_capture_on_commit_callbacks):
    """After the translation is live, an editor changes the Russian summary: the translator who
    translated it gets an e-mail naming the page and the changed field."""
    english = start_translation(client, source, en)
    props, _html = editor_props(client, english)
    po_round_trip(client, props, ENGLISH)
    english.refresh_from_db()
    english.get_latest_revision().publish()
    mail.outbox.clear()

    client.force_login(SuperuserFactory())
    source = BuildingPage.objects.get(pk=source.pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[source.pk]),
            edit_form(source, summary="Лаборатория для стартапов и школьников."),
        )
    assert response.status_code == 302
    to_translator = [message for message in mail.outbox if message.to == [translator.email]]
    assert len(to_translator) == 1
    assert "Лаборатория робототехники" in to_translator[0].subject
    assert "Summary" in to_translator[0].body
    assert "/admin/reports/translations-to-update/?state=outdated" in to_translator[0].body
