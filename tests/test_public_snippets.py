"""Header banners, organisations and map features as editors manage them: drafts that readers
do not see, published versions they do, the moderation workflow, preview, the Editors group's
rights on snippets and site settings, and the notice when the limit of two pushes a banner out."""

import datetime

from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Site, WorkflowContentType, WorkflowState

import pytest

from buildings.models import Organisation
from home.models import HeaderBanner
from map.models import MapFeature
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BANNERS = "wagtailsnippets_home_headerbanner"
ORGANISATIONS = "wagtailsnippets_buildings_organisation"


def member_of(group_name, language="en"):
    user = UserFactory(admin_language=language)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(client):
    user = member_of("Editors")
    client.force_login(user)
    return user


def banner_form(action=None, **changes):
    data = {"text": "День открытых дверей", "link_page": "", "link_url": "", "active_from": "", "active_until": ""}
    data["sort_order"] = "0"
    if action:
        data[action] = action
    data.update(changes)
    return data


def header_texts(get_html, url="/ru/"):
    return get_html(url).texts(".header-banner")


def test_editor_saves_a_draft_banner_that_readers_do_not_see_until_it_is_published(client, editor, get_html):
    """A half-written banner never reaches the header; publishing it puts it there."""
    HeaderBanner.objects.all().delete()
    response = client.post(reverse(f"{BANNERS}:add") + "?locale=ru", banner_form())
    assert response.status_code == 302
    banner = HeaderBanner.objects.get()
    assert not banner.live
    assert header_texts(get_html) == []

    response = client.post(reverse(f"{BANNERS}:edit", args=[banner.pk]), banner_form("action-publish"))
    assert response.status_code == 302
    assert header_texts(get_html) == ["День открытых дверей"]


def test_a_draft_change_keeps_the_published_text_on_the_site(client, editor, get_html):
    """Editing a published banner as a draft leaves readers with the published text; the draft is a revision."""
    HeaderBanner.objects.all().delete()
    client.post(reverse(f"{BANNERS}:add") + "?locale=ru", banner_form("action-publish"))
    banner = HeaderBanner.objects.get()
    client.post(reverse(f"{BANNERS}:edit", args=[banner.pk]), banner_form(text="Черновик нового текста"))
    banner.refresh_from_db()
    assert banner.has_unpublished_changes
    assert banner.latest_revision.content["text"] == "Черновик нового текста"
    assert header_texts(get_html) == ["День открытых дверей"]


def test_banner_submitted_for_moderation_goes_live_when_a_moderator_approves(client, editor, get_html):
    """The snippets go through the same moderation workflow as news: approval publishes them."""
    HeaderBanner.objects.all().delete()
    response = client.post(reverse(f"{BANNERS}:add") + "?locale=ru", banner_form("action-submit"))
    assert response.status_code == 302
    banner = HeaderBanner.objects.get()
    state = WorkflowState.objects.get(base_content_type__model="headerbanner", object_id=str(banner.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert header_texts(get_html) == []

    client.force_login(member_of("Moderators"))
    url = reverse(f"{BANNERS}:workflow_action", args=[banner.pk, "approve", state.current_task_state.pk])
    response = client.post(url, {"comment": ""})
    assert response.status_code == 302, response.content.decode()[:3000]
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert header_texts(get_html) == ["День открытых дверей"]


def test_the_three_public_snippets_use_the_moderation_workflow():
    """Banners, organisations and map features all reach a moderator when submitted."""
    models = {wct.content_type.model for wct in WorkflowContentType.objects.select_related("content_type")}
    assert {"headerbanner", "organisation", "mapfeature"} <= models


def test_banner_preview_shows_it_in_the_header_in_its_language(client, editor):
    """The editor sees the banner where readers will, before anything is published."""
    url = reverse(f"{BANNERS}:preview_on_add") + "?locale=ru"
    response = client.post(url, banner_form(text="Предпросмотр баннера"))
    assert response.json()["is_valid"] is True
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ru">' in html
    assert "Предпросмотр баннера" in html
    assert not HeaderBanner.objects.filter(text="Предпросмотр баннера").exists()


def test_organisation_preview_shows_its_card(client, editor):
    """The editor sees the organisation's card as the residents page will show it, before publishing."""
    url = reverse(f"{ORGANISATIONS}:preview_on_add") + "?locale=en"
    data = {"name": "Preview Labs", "kind": "resident", "sector": "software", "description": "Software."}
    data |= {"offers": "", "opening_hours": "", "address": "", "phone": "", "email": "", "website": ""}
    data |= {"logo": ""}
    response = client.post(url, data)
    assert response.json()["is_valid"] is True, response.json()
    html = client.get(url).content.decode()
    assert "Preview Labs" in html
    assert "Software development" in html or "Разработка программного обеспечения" in html


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailsnippets_home_headerbanner:list",
        "wagtailsnippets_home_headerbanner:add",
        "wagtailsnippets_buildings_organisation:list",
        "wagtailsnippets_buildings_organisation:add",
        "wagtailsnippets_map_mapfeature:list",
        "wagtailsnippets_map_mapfeature:add",
    ],
)
def test_editors_open_the_public_snippets(client, editor, url_name):
    """Editors manage banners, organisations and map features: the admin no longer bounces them to the dashboard."""
    response = client.get(reverse(url_name) + ("?locale=ru" if url_name.endswith("add") else ""))
    assert response.status_code == 200


def test_editors_edit_the_site_settings(client, editor):
    """Editors keep the park's contacts up to date without asking an administrator."""
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["home", "sitesettings", site.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"phone": "+7 4012 00-00-00", "email": "info@itpark.example", "website": ""})
    assert response.status_code == 302
    from home.models import SiteSettings

    assert SiteSettings.for_site(site).phone == "+7 4012 00-00-00"


def test_translators_cannot_publish_snippets():
    """Publishing stays with editors and moderators."""
    translators = Group.objects.get(name="Translators")
    assert not translators.permissions.filter(codename="publish_headerbanner").exists()
    editors = Group.objects.get(name="Editors")
    codenames = set(editors.permissions.values_list("codename", flat=True))
    assert {"publish_headerbanner", "publish_organisation", "publish_mapfeature", "change_sitesettings"} <= codenames


def test_banner_pushed_out_by_the_limit_of_two_is_announced_and_listed(client, editor, ru):
    """An editor who publishes a third banner is told it does not show, and the listing says which show now."""
    HeaderBanner.objects.all().delete()
    start = timezone.now() - datetime.timedelta(hours=1)
    HeaderBanner.objects.create(locale=ru, text="Первый", sort_order=0, active_from=start)
    HeaderBanner.objects.create(locale=ru, text="Второй", sort_order=1, active_from=start)
    response = client.post(
        reverse(f"{BANNERS}:add") + "?locale=ru", banner_form("action-publish", text="Третий", sort_order="5")
    )
    assert response.status_code == 302
    with translation.override("en"):
        messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert any(
        "“Третий” is published but does not show" in message and "“Первый”, “Второй”" in message for message in messages
    ), messages

    listing = client.get(reverse(f"{BANNERS}:list") + "?locale=ru").content.decode()
    assert listing.count("Showing now") == 2
    assert "Pushed out by the limit of two" in listing
    assert [banner.showing_state() for banner in HeaderBanner.objects.order_by("sort_order")] == [
        "showing",
        "showing",
        "pushed_out",
    ]


def test_no_notice_for_a_banner_that_shows(client, editor):
    """A banner that shows brings no warning: the notice means something when it appears."""
    HeaderBanner.objects.all().delete()
    response = client.post(reverse(f"{BANNERS}:add") + "?locale=ru", banner_form("action-publish"))
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert not any("does not show" in message for message in messages)


def organisation_form(**changes):
    data = {"name": "Тестовая компания", "kind": "resident", "sector": "software", "description": ""}
    data |= {"offers": "", "opening_hours": "", "address": "", "phone": "", "email": "", "website": ""}
    data |= {"logo": "", "action-publish": "action-publish"}
    return data | changes


@pytest.mark.parametrize(
    "website", ["javascript:alert(1)", "ftp://files.itpark.example/", "data:text/html,hi", "http://"]
)
def test_organisation_website_must_be_http_or_https(client, editor, website):
    """Readers click the website link: only web addresses are accepted, with a clear message, nothing saved."""
    before = Organisation.objects.count()
    with translation.override("en"):
        response = client.post(reverse(f"{ORGANISATIONS}:add") + "?locale=ru", organisation_form(website=website))
    assert response.status_code == 200
    assert "website" in response.context["form"].errors
    assert Organisation.objects.count() == before


def test_organisation_website_error_is_in_the_editors_language(client):
    """A Russian-speaking editor reads why the address was refused in Russian."""
    client.force_login(member_of("Editors", language="ru"))
    response = client.post(
        reverse(f"{ORGANISATIONS}:add") + "?locale=ru", organisation_form(website="ftp://files.itpark.example/")
    )
    errors = [str(message) for message in response.context["form"].errors["website"]]
    assert errors and all(any("а" <= letter <= "я" for letter in message.lower()) for message in errors), errors


def test_organisation_with_a_web_address_is_saved(client, editor):
    """A proper https address is accepted and the organisation published."""
    response = client.post(
        reverse(f"{ORGANISATIONS}:add") + "?locale=ru", organisation_form(website="https://test.itpark.example/")
    )
    assert response.status_code == 302
    assert Organisation.objects.get(name="Тестовая компания").live


def test_only_resident_companies_have_a_sector(client, editor):
    """The sector filter lists companies: an institution given a sector is refused, nothing saved."""
    before = Organisation.objects.count()
    response = client.post(reverse(f"{ORGANISATIONS}:add") + "?locale=ru", organisation_form(kind="institution"))
    assert response.status_code == 200
    assert "sector" in response.context["form"].errors
    assert Organisation.objects.count() == before


def test_unpublished_organisation_leaves_the_building_page_and_the_residents_page(get_html):
    """A withdrawn organisation disappears from every public page at once."""
    fund = Organisation.objects.get(locale__language_code="ru", name="Фонд поддержки предпринимательства")
    assert "Фонд поддержки предпринимательства" in get_html("/ru/residents/").texts(".organisation-card__name")
    fund.unpublish()
    assert "Фонд поддержки предпринимательства" not in get_html("/ru/residents/").texts(".organisation-card__name")
    building = get_html("/ru/buildings/business-support-centre/")
    assert not any(
        "Фонд поддержки предпринимательства" in text for text in building.texts(".building-organisations li")
    )
    assert any("МФЦ для бизнеса" in text for text in building.texts(".building-organisations li"))


def test_draft_map_feature_is_not_drawn(client, ru):
    """A map feature an editor is still drawing is not in the API, the plans or the downloads."""
    street = MapFeature.objects.filter(locale=ru, kind=MapFeature.Kind.STREET).first()
    names = lambda: [f["properties"]["name"] for f in client.get("/api/map/site.geojson?lang=ru").json()["features"]]  # noqa: E731
    assert street.name in names()
    street.unpublish()
    assert street.name not in names()
