"""Moderation through the Wagtail admin: an editor writes and submits an
article, a moderator rejects it with a comment or approves it; only approved,
published articles reach readers. Scheduled articles go live with
`publish_scheduled`."""

import datetime

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Revision, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from news.models import ArticlePage, NewsIndexPage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TITLE = "Новый корпус получил разрешение"


def member_of(group_name):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group_name))
    return user


def article_form(go_live_at=""):
    return nested_form_data(
        {
            "title": TITLE,
            "slug": "new-permit",
            "date": "2026-11-25",
            "lead": "Корпус получил разрешение на строительство.",
            "image_alt": "",
            "body": streamfield([("paragraph", rich_text("<p>Стройка начнётся весной.</p>"))]),
            "related_buildings": inline_formset([]),
            "source_name": "",
            "source_url": "",
            "tags": "стройка",
            "go_live_at": go_live_at,
            "expire_at": "",
            "comments": inline_formset([]),
            "action-submit": "Submit for moderation",
        }
    )


@pytest.fixture
def index(ru):
    return NewsIndexPage.objects.get(locale=ru)


def submit_as_editor(client, index, **form):
    editor = member_of("Editors")
    client.force_login(editor)
    response = client.post(
        reverse("wagtailadmin_pages:add", args=("news", "articlepage", index.pk)), article_form(**form)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ArticlePage.objects.get(locale=index.locale, slug="new-permit")
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    return page, state


def act_as_moderator(client, page, state, action, comment):
    client.force_login(member_of("Moderators"))
    task_state = state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    return client.post(url, {"comment": comment})


def test_demo_sets_up_the_groups_and_the_workflow_on_both_news_indexes(ru, en):
    """Editors, moderators and translators exist, and news in either language needs a moderator's approval."""
    for name in ("Editors", "Moderators", "Translators"):
        assert Group.objects.get(name=name).permissions.filter(codename="access_admin").exists()
    assert Group.objects.get(name="Translators").permissions.filter(codename="submit_translation").exists()
    for locale in (ru, en):
        workflow = NewsIndexPage.objects.get(locale=locale).get_workflow()
        assert workflow is not None and workflow.name == "News moderation"
        task = workflow.tasks.get().specific
        assert list(task.groups.values_list("name", flat=True)) == ["Moderators"]


def test_editor_cannot_publish_directly(client, index):
    """An editor's "Publish" is refused: news goes through a moderator."""
    client.force_login(member_of("Editors"))
    form = article_form()
    del form["action-submit"]
    form["action-publish"] = "Publish"
    client.post(reverse("wagtailadmin_pages:add", args=("news", "articlepage", index.pk)), form)
    page = ArticlePage.objects.filter(locale=index.locale, slug="new-permit").first()
    assert page is None or not page.live


def test_submitted_article_is_not_public_until_approved(client, index):
    """While waiting for a moderator, the article is nowhere on the site: page, list, feed, search, sitemap."""
    page, _state = submit_as_editor(client, index)
    assert not page.live
    client.logout()
    assert client.get("/ru/news/new-permit/").status_code == 404
    assert TITLE not in client.get("/ru/news/").content.decode()
    assert TITLE not in client.get("/ru/news/feed/").content.decode()
    assert TITLE not in client.get("/ru/search/?q=разрешение").content.decode()
    assert "new-permit" not in client.get("/sitemap.xml").content.decode()


def test_moderator_rejects_with_a_comment_and_the_article_stays_private(client, index):
    """A rejected article stays unpublished, and the editor can read why."""
    page, state = submit_as_editor(client, index)
    response = act_as_moderator(client, page, state, "reject", "Уточните дату начала стройки.")
    assert response.status_code in (200, 302)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    task_state = state.current_task_state or state.task_states.order_by("-pk").first()
    assert task_state.get_comment() == "Уточните дату начала стройки."
    page.refresh_from_db()
    assert not page.live
    client.logout()
    assert client.get("/ru/news/new-permit/").status_code == 404


def test_moderator_approves_and_the_article_is_published_everywhere(client, index):
    """Approval publishes: readers find the article on its page, in the list, the feed, search and the sitemap."""
    page, state = submit_as_editor(client, index)
    response = act_as_moderator(client, page, state, "approve", "Хорошо.")
    assert response.status_code in (200, 302)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    page.refresh_from_db()
    assert page.live
    client.logout()
    assert client.get("/ru/news/new-permit/").status_code == 200
    assert TITLE in client.get("/ru/news/").content.decode()
    assert TITLE in client.get("/ru/news/feed/").content.decode()
    assert TITLE in client.get("/ru/search/?q=разрешение").content.decode()
    assert "/ru/news/new-permit/" in client.get("/sitemap.xml").content.decode()


def test_scheduled_article_goes_live_with_publish_scheduled(client, index):
    """An approved article dated in the future waits; once its time has come, publish_scheduled publishes it."""
    go_live = timezone.localtime() + datetime.timedelta(days=2)
    page, state = submit_as_editor(client, index, go_live_at=go_live.strftime("%Y-%m-%d %H:%M"))
    act_as_moderator(client, page, state, "approve", "")
    page.refresh_from_db()
    assert not page.live
    revision = Revision.page_revisions.filter(object_id=str(page.pk), approved_go_live_at__isnull=False).get()

    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live, "published before its time"

    # Time passes: the scheduled moment is now in the past.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live
    client.logout()
    assert client.get("/ru/news/new-permit/").status_code == 200
