"""Everyone sees what is out of date: the report's three states on real pages and
snippets, its filters, the translators' dashboard, and the e-mail to translators."""

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

import pytest

from buildings.models import BuildingIndexPage, BuildingPage
from core import translation_status
from home.models import HeaderBanner
from tests.factories import SuperuserFactory, UserFactory
from tests.test_buildings_admin import edit_form, new_building_form

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/translations-to-update/"


def member_of(group_name, **kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(client):
    user = SuperuserFactory(admin_language="en")
    client.force_login(user)
    return user


def test_demo_translations_are_up_to_date(ru, en):
    """Right after loading, every translated demo page and banner reads as up to date."""
    building = BuildingPage.objects.filter(locale=ru).live().first()
    assert translation_status.state_of(building, en).state == translation_status.UP_TO_DATE
    banner = HeaderBanner.objects.filter(locale=ru).first()
    assert translation_status.state_of(banner, en).state == translation_status.UP_TO_DATE


def test_report_shows_missing_outdated_and_up_to_date(client, editor, ru, en):
    """A new building without English is *missing*, a building whose summary changed is
    *outdated* (with the field and the date), the others *up to date*; filters narrow the list."""
    index = BuildingIndexPage.objects.get(locale=ru)
    client.post(reverse("wagtailadmin_pages:add", args=["buildings", "buildingpage", index.pk]), new_building_form())
    changed = BuildingPage.objects.filter(locale=ru).live().exclude(slug="robotics-lab").first()
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[changed.pk]),
        edit_form(changed, summary="Корпус получил новое описание."),
    )
    assert response.status_code == 302

    new = translation_status.state_of(BuildingPage.objects.get(slug="robotics-lab", locale=ru), en)
    assert new.state == translation_status.MISSING
    assert new.translate_url
    changed = BuildingPage.objects.get(pk=changed.pk)
    outdated = translation_status.state_of(changed, en)
    assert outdated.state == translation_status.OUTDATED
    with translation.override("en"):
        assert "Summary" in [str(label) for label in outdated.fields]
    assert outdated.since is not None
    assert outdated.sync_url and outdated.target_edit_url

    html = client.get(REPORT).content.decode()
    assert "Лаборатория робототехники" in html and changed.title in html
    only_outdated = client.get(REPORT + "?state=outdated").content.decode()
    assert changed.title in only_outdated
    assert "Лаборатория робототехники" not in only_outdated
    only_missing = client.get(REPORT + "?state=missing&type=buildings.buildingpage").content.decode()
    assert "Лаборатория робототехники" in only_missing
    assert changed.title not in only_missing
    only_banners = client.get(REPORT + "?type=home.headerbanner").content.decode()
    assert changed.title not in only_banners


def test_report_refuses_an_unknown_filter_value_clearly(client, editor):
    """A made-up state in the address shows the form's error and the full list, not a crash."""
    response = client.get(REPORT + "?state=perfect")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_snippet_states(ru, en):
    """Banners: a changed Russian text makes the English one outdated; a new banner is missing."""
    banner = HeaderBanner.objects.filter(locale=ru).first()
    banner.text = "Новый текст баннера о дне открытых дверей"
    banner.save()
    state = translation_status.state_of(banner, en)
    assert state.state == translation_status.OUTDATED
    fresh = HeaderBanner.objects.create(locale=ru, text="Ещё один баннер")
    assert translation_status.state_of(fresh, en).state == translation_status.MISSING
