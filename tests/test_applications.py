"""Applying for space at /{lang}/apply/: what the form accepts and refuses (in the reader's language),
what is stored and e-mailed, what happens when e-mail fails, and how spam is held off."""

import logging
import socket

from django.core.cache import cache

from wagtail.models import Site

import pytest

from applications.forms import ApplicationForm
from applications.models import Application, ApplicationSettings, ApplyPage, PrivacyPage, ZoneResidency
from applications.quarters import quarters
from applications.submission import RATE_LIMIT
from buildings.models import BuildingPage, Status
from tests.html import Html

pytestmark = pytest.mark.django_db

VALID_INNS = ["7707083893", "7736207543", "500100732259"]  # two companies, a sole trader


@pytest.fixture(autouse=True)
def fresh_cache():
    """The rate limit lives in the cache: each test starts with none of the others' counts."""
    cache.clear()
    yield
    cache.clear()


def good_data(**changes):
    """What a company fills in, valid as it stands."""
    data = {
        "company_name": "Балтийские системы",
        "inn": "7707083893",
        "contact_person": "Анна Смирнова",
        "email": "anna@baltic-systems.example",
        "phone": "+7 (4012) 123-45-67",
        "area": "1500",
        "move_in_quarter": quarters()[2],
        "building": "office-d",
        "zone_residency": ZoneResidency.APPLYING,
        "message": "Нужен офис на 120 рабочих мест.",
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def post(client, language, data, **extra):
    return client.post(f"/{language}/apply/", data, **extra)


def errors_of(response):
    """{field name: error text} as the page shows them next to the fields."""
    html = Html(response.content.decode())
    return {
        node["id"].removeprefix("id_").removesuffix("_error"): " ".join(node.get_text(" ").split())
        for node in html.select(".form-field__error")
    }


# The page


@pytest.mark.parametrize("language", ["ru", "en"])
def test_apply_page_is_never_cached_and_takes_posts(client, language):
    """If this fails, a shared cache could hand one visitor's CSRF token to another and the form would fail."""
    response = client.get(f"/{language}/apply/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert ApplyPage.http_methods == ("GET", "HEAD", "POST")
    assert ApplyPage.public_cache is False
    html = Html(response.content.decode())
    assert html.lang == language
    assert html.one("form.application-form")["method"] == "post"
    assert html.one("input[name=csrfmiddlewaretoken]")


@pytest.mark.parametrize("language", ["ru", "en"])
def test_consent_label_links_to_the_privacy_page(client, language):
    """If this fails, an applicant consents to a data policy they cannot read."""
    html = Html(client.get(f"/{language}/apply/").content.decode())
    link = html.one("label[for=id_consent] a")
    assert link["href"] == PrivacyPage.objects.get(locale__language_code=language).url
    assert client.get(link["href"]).status_code == 200


def test_honeypot_is_hidden_from_people_and_screen_readers(client):
    """If this fails, a person could tab into the trap field, fill it, and have their application dropped."""
    html = Html(client.get("/en/apply/").content.decode())
    trap = html.one("input[name=website]")
    assert trap["tabindex"] == "-1" and trap["autocomplete"] == "off"
    assert trap.find_parent(attrs={"aria-hidden": "true"}) is not None


def test_move_in_quarters_run_from_this_quarter_to_the_end_of_2031(client):
    """If this fails, applicants are offered quarters already past, or none up to the plan's end."""
    import datetime

    assert quarters(datetime.date(2026, 1, 15))[0] == "2026-Q1"
    assert quarters(datetime.date(2026, 12, 1))[:2] == ["2026-Q4", "2027-Q1"]
    assert quarters(datetime.date(2026, 12, 1))[-1] == "2031-Q4"
    assert len(quarters(datetime.date(2026, 1, 1))) == 24
    html = Html(client.get("/ru/apply/").content.decode())
    values = [option["value"] for option in html.select("#id_move_in_quarter option") if option["value"]]
    assert values == quarters()
    assert html.texts("#id_move_in_quarter option")[1].endswith(quarters()[0][:4])


# ?building=


def test_building_parameter_preselects_a_public_building(client):
    """If this fails, "apply for space in this building" links from building pages lose the building."""
    html = Html(client.get("/en/apply/?building=office-a").content.decode())
    selected = html.select("#id_building option[selected]")
    assert [option["value"] for option in selected] == ["office-a"]


def test_building_parameter_for_a_planned_building_registers_interest(client):
    """If this fails, a company cannot register interest in a building that is not built yet."""
    planned = BuildingPage.objects.get(slug="office-e", locale__language_code="en")
    assert planned.status == Status.PLANNED
    html = Html(client.get("/en/apply/?building=office-e").content.decode())
    selected = html.select("#id_building option[selected]")
    assert [option["value"] for option in selected] == ["office-e"]
    assert "register interest" in selected[0].get_text()
    html_ru = Html(client.get("/ru/apply/?building=office-e").content.decode())
    assert "заявить интерес" in html_ru.one("#id_building option[selected]").get_text()


@pytest.mark.parametrize("slug", ["no-such-building", "<script>", ""])
def test_unknown_building_parameter_is_ignored(client, slug):
    """If this fails, a mistyped or outdated link shows an error instead of the form."""
    response = client.get("/en/apply/", {"building": slug})
    assert response.status_code == 200
    html = Html(response.content.decode())
    assert [option["value"] for option in html.select("#id_building option[selected]")] in ([], [""])
    assert not html.select(".error-summary")


def test_only_buildings_readers_may_see_are_offered(client, en):
    """If this fails, the form names an unpublished building (a draft leaks through the form)."""
    draft = BuildingPage.objects.get(slug="office-c", locale=en)
    draft.unpublish()
    html = Html(client.get("/en/apply/?building=office-c").content.decode())
    values = [option["value"] for option in html.select("#id_building option")]
    assert "office-c" not in values and "office-d" in values
    response = post(client, "en", good_data(building="office-c"))
    assert errors_of(response) == {"building": "Error: Choose a building from the list."}
    assert not Application.objects.exists()


# Bad input, in both languages


INN_ERRORS = {
    "checksum": (
        "Этот ИНН недействителен: проверьте цифры.",
        "This taxpayer number (INN) is not valid: check its digits.",
    ),
    "length": (
        "В ИНН 10 цифр (у организации) или 12 (у индивидуального предпринимателя).",
        "A taxpayer number (INN) has 10 digits (a company) or 12 (a sole trader).",
    ),
    "format": ("ИНН состоит только из цифр.", "A taxpayer number (INN) has digits only."),
}


@pytest.mark.parametrize("number", [*VALID_INNS, "7707 0838 93"])
def test_valid_inns_are_accepted(number):
    """If this fails, real companies and sole traders cannot apply."""
    form = ApplicationForm(good_data(inn=number), language="en")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["inn"] == number.replace(" ", "")


@pytest.mark.parametrize(
    ("number", "fault"),
    [
        ("7707083894", "checksum"),  # 10 digits, last check digit wrong
        ("1234567890", "checksum"),
        ("500100732258", "checksum"),  # 12 digits, second check digit wrong
        ("500100732269", "checksum"),  # 12 digits, first check digit wrong
        ("770708389", "length"),
        ("77070838931", "length"),
        ("77070838AB", "format"),
    ],
)
@pytest.mark.parametrize(("language", "index"), [("ru", 0), ("en", 1)])
def test_invalid_inns_are_refused_in_the_readers_language(client, number, fault, language, index):
    """If this fails, a mistyped INN reaches the office, or the applicant can't tell what is wrong."""
    response = post(client, language, good_data(inn=number))
    assert response.status_code == 200
    assert errors_of(response) == {"inn": f"{'Ошибка:' if language == 'ru' else 'Error:'} {INN_ERRORS[fault][index]}"}
    assert not Application.objects.exists()


BAD_INPUT = [
    (
        {"consent": None},
        "consent",
        "Чтобы отправить форму, дайте согласие на обработку персональных данных.",
        "Give your consent to the processing of personal data to send the form.",
    ),
    (
        {"email": "anna@"},
        "email",
        "Введите адрес электронной почты в виде name@example.com.",
        "Enter an e-mail address in the form name@example.com.",
    ),
    (
        {"area": "полторы тысячи"},
        "area",
        "Укажите площадь целым числом квадратных метров, например 1500.",
        "Enter the space as a whole number of square metres, for example 1500.",
    ),
    (
        {"area": "12.5"},
        "area",
        "Укажите площадь целым числом квадратных метров, например 1500.",
        "Enter the space as a whole number of square metres, for example 1500.",
    ),
    ({"area": "-5"}, "area", "Нужная площадь — не меньше 1 м².", "The space needed must be at least 1 m²."),
    ({"area": "0"}, "area", "Нужная площадь — не меньше 1 м².", "The space needed must be at least 1 m²."),
    (
        {"area": "1000000"},
        "area",
        "Нужная площадь — не больше 60000 м².",
        "The space needed can be at most 60000 m².",
    ),
    (
        {"phone": "звоните"},
        "phone",
        "Введите номер телефона из 7–20 цифр; можно использовать пробелы, +, - и скобки.",
        "Enter a phone number of 7 to 20 digits; spaces, +, - and brackets may be used.",
    ),
    (
        {"phone": "12-34"},
        "phone",
        "Введите номер телефона из 7–20 цифр; можно использовать пробелы, +, - и скобки.",
        "Enter a phone number of 7 to 20 digits; spaces, +, - and brackets may be used.",
    ),
    (
        {"move_in_quarter": "2019-Q1"},
        "move_in_quarter",
        "Выберите квартал из списка.",
        "Choose a quarter from the list.",
    ),
    ({"company_name": "  "}, "company_name", "Укажите название компании.", "Enter the name of your company."),
]


@pytest.mark.parametrize(("changes", "field", "message_ru", "message_en"), BAD_INPUT)
@pytest.mark.parametrize("language", ["ru", "en"])
def test_bad_input_is_shown_next_to_the_field_and_the_form_kept(
    client, changes, field, message_ru, message_en, language
):
    """If this fails, an applicant with a typo loses what they typed or doesn't see what to fix."""
    data = good_data(**changes)
    response = post(client, language, data)
    assert response.status_code == 200
    expected = f"Ошибка: {message_ru}" if language == "ru" else f"Error: {message_en}"
    assert errors_of(response) == {field: expected}
    html = Html(response.content.decode())
    # The error summary at the top links to the field.
    summary = html.one(".error-summary")
    assert summary["role"] == "alert"
    links = summary.select("a")
    assert [link["href"] for link in links] == [f"#id_{field}"]
    assert links[0].get_text() == (message_ru if language == "ru" else message_en)
    assert html.one("title").get_text().startswith("Ошибка:" if language == "ru" else "Error:")
    # The field says it is invalid and what is wrong; the rest is kept as typed.
    control = html.one(f"#id_{field}")
    assert control["aria-invalid"] == "true"
    assert f"id_{field}_error" in control["aria-describedby"].split()
    assert html.one("#id_company_name")["value"] == data["company_name"]
    assert html.one("#id_contact_person")["value"] == "Анна Смирнова"
    assert html.one("#id_message").get_text().strip() == "Нужен офис на 120 рабочих мест."
    assert [option["value"] for option in html.select("#id_building option[selected]")] == ["office-d"]
    assert not Application.objects.exists()


def test_hostile_text_comes_back_as_text(client):
    """If this fails, a script typed into the form runs in the applicant's page."""
    data = good_data(company_name='<script>alert("x")</script>', email="bad")
    response = post(client, "en", data)
    body = response.content.decode()
    assert '<script>alert("x")</script>' not in body
    assert "&lt;script&gt;" in body


# A good application


@pytest.mark.parametrize("language", ["ru", "en"])
def test_good_application_is_stored_and_e_mailed(client, language, mailoutbox, django_capture_on_commit_callbacks):
    """If this fails, an application is lost, or the applicant or the office never hears of it."""
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, language, good_data())
    assert response.status_code == 302
    assert response["Location"] == f"/{language}/apply/sent/"
    application = Application.objects.get()
    assert application.company_name == "Балтийские системы"
    assert application.inn == "7707083893"
    assert application.area == 1500
    assert application.language == language
    assert application.status == "new"
    assert application.consented_at is not None
    assert application.building.slug == "office-d" and application.building.locale.language_code == language

    office = ApplicationSettings.for_site(Site.objects.get(is_default_site=True)).notification_email
    assert sorted(message.to[0] for message in mailoutbox) == sorted(["anna@baltic-systems.example", office])
    to_applicant = next(message for message in mailoutbox if message.to == ["anna@baltic-systems.example"])
    to_office = next(message for message in mailoutbox if message.to == [office])
    if language == "ru":
        assert "Калининградском IT-парке" in to_applicant.subject
        assert "Анна Смирнова" in to_applicant.body and "Что дальше" in to_applicant.body
    else:
        assert to_applicant.subject == "Your application for space at the Kaliningrad IT Park"
        assert "What happens next" in to_applicant.body
    assert "1500 м²" in to_office.body  # the office reads Russian, the site's default language
    assert "7707083893" in to_office.body
    assert to_office.reply_to == ["anna@baltic-systems.example"]
    assert f"/admin/applications_application/edit/{application.pk}/" in to_office.body

    confirmation = client.get(response["Location"])
    assert confirmation.status_code == 200
    assert "no-store" in confirmation["Cache-Control"]
    text = Html(confirmation.content.decode()).one("main").get_text()
    assert ("Заявка отправлена" if language == "ru" else "Application sent") in text


def test_e_mail_is_sent_only_after_the_application_is_committed(client, mailoutbox, django_capture_on_commit_callbacks):
    """If this fails, an applicant could get a confirmation for an application that was rolled back."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post(client, "en", good_data())
    assert mailoutbox == []
    assert len(callbacks) == 1


def _closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again when the socket is: nothing listens there


def test_failing_mail_server_loses_no_application(
    client, settings, mailoutbox, caplog, django_capture_on_commit_callbacks
):
    """If this fails, an outage of the mail server loses applications or shows applicants an error page."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = _closed_port()
    settings.EMAIL_TIMEOUT = 5
    with caplog.at_level(logging.ERROR, logger="applications"), django_capture_on_commit_callbacks(execute=True):
        response = post(client, "en", good_data())
    assert response.status_code == 302 and response["Location"] == "/en/apply/sent/"
    application = Application.objects.get()
    records = [record for record in caplog.records if record.name.startswith("applications")]
    assert len(records) == 2  # the confirmation and the office's notification
    for record in records:
        line = record.getMessage()
        assert f"application {application.pk}:" in line and "\n" not in line
        assert "anna@" not in line  # no personal data in the log
    assert client.get(response["Location"]).status_code == 200


# Spam


def test_filled_honeypot_looks_sent_but_stores_and_sends_nothing(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    """If this fails, bots fill the office's inbox (or learn that the trap is there)."""
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, "en", good_data(website="http://spam.example"))
    assert response.status_code == 302 and response["Location"] == "/en/apply/sent/"
    assert not Application.objects.exists()
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("language", "message"),
    [("ru", "Слишком много заявок"), ("en", "Too many applications")],
)
def test_rate_limit_per_address(client, language, message, django_capture_on_commit_callbacks):
    """If this fails, one address can flood the office with applications, or blocks other addresses too."""
    for number in range(RATE_LIMIT):
        response = post(client, language, good_data(company_name=f"Company {number}"), REMOTE_ADDR="203.0.113.7")
        assert response.status_code == 302
    response = post(client, language, good_data(company_name="One too many"), REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 429
    assert message in Html(response.content.decode()).one(".error-summary").get_text()
    assert Application.objects.count() == RATE_LIMIT
    assert not Application.objects.filter(company_name="One too many").exists()
    # The limit is kept in the site's cache, so every app server shares it; another address is unaffected.
    assert cache.get("applications:rate:203.0.113.7") == RATE_LIMIT
    assert post(client, language, good_data(), REMOTE_ADDR="203.0.113.8").status_code == 302


def test_invalid_attempts_do_not_count_towards_the_rate_limit(client):
    """If this fails, an applicant correcting mistakes is locked out before sending anything."""
    for _attempt in range(RATE_LIMIT + 2):
        assert post(client, "en", good_data(inn="123"), REMOTE_ADDR="203.0.113.9").status_code == 200
    assert post(client, "en", good_data(), REMOTE_ADDR="203.0.113.9").status_code == 302


def test_sent_page_refuses_posts(client):
    """If this fails, the confirmation page accepts data it throws away."""
    assert client.post("/en/apply/sent/", good_data()).status_code == 405


# Budgets

# The shared layout (header, menu, banners, language links, footer) costs the same on every page; the
# privacy page adds nothing to it. The site's budget is 15 queries a page (the lead's query-budget tests
# pin the layout); what the application pages add on top is pinned here.
OWN_QUERIES = 3


def _queries(client, url, **kwargs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm the site-root cache, as a running server has
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, kwargs["data"]) if "data" in kwargs else client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/ru/apply/", "/en/apply/?building=office-e", "/en/apply/sent/", "/en/privacy/"])
def test_pages_stay_within_the_query_budget(client, url):
    """If this fails, the page asks the database more than its content needs and slows down under load."""
    layout = _queries(client, "/en/privacy/")
    assert _queries(client, url) <= layout + OWN_QUERIES


def test_invalid_post_stays_within_the_query_budget(client):
    """If this fails, every refused submission costs the database more than a page view should."""
    layout = _queries(client, "/en/privacy/")
    assert _queries(client, "/en/apply/", data=good_data(email="bad")) <= layout + OWN_QUERIES
