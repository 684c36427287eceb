"""The application form, its confirmation, the privacy page and the construction timeline in real
Chromium: accessibility (axe-core), HTML conformance (Nu checker) in both languages, phones at 360 px,
and the form filled in and sent by keyboard alone."""

import pytest

from applications.models import Application
from tests.browser.committed import committed

PAGES = [
    pytest.param("/ru/apply/", id="ru-apply"),
    pytest.param("/en/apply/?building=office-e", id="en-apply-planned"),
    pytest.param("/ru/apply/sent/", id="ru-sent"),
    pytest.param("/en/apply/sent/", id="en-sent"),
    pytest.param("/ru/privacy/", id="ru-privacy"),
    pytest.param("/en/privacy/", id="en-privacy"),
    pytest.param("/ru/timeline/", id="ru-timeline"),
    pytest.param("/en/timeline/", id="en-timeline"),
]
VIEWPORTS = [
    pytest.param({"width": 1280, "height": 800}, id="desktop"),
    pytest.param({"width": 360, "height": 740}, id="360px"),
]


def open_page(page, live_site, url):
    response = page.goto(live_site.url + url)
    assert response.ok, f"{url} answered {response.status}"
    return response


def tab_to(page, selector, limit=60):
    """Press Tab until the element matching `selector` has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{limit} presses of Tab never reached {selector}")


def active_id(page):
    return page.evaluate("document.activeElement.id")


def send_empty_form(page, live_site, language):
    """Open the form and send it empty: the page comes back with every error."""
    open_page(page, live_site, f"/{language}/apply/")
    with page.expect_navigation():
        page.click("form.application-form button[type=submit]")
    page.wait_for_selector(".error-summary", timeout=10_000)


@pytest.fixture
def no_applications():
    """The form sent through the live server commits: remove what it stored, for the tests that follow."""
    yield
    committed(lambda: Application.objects.all().delete())


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("url", PAGES)
def test_pages_have_no_axe_violations(page, live_site, assert_no_axe_violations, url, viewport):
    """If this fails, some readers cannot apply or read the timeline: unnamed fields, poor contrast, headings
    out of order."""
    page.set_viewport_size(viewport)
    open_page(page, live_site, url)
    assert_no_axe_violations(page)


@pytest.mark.parametrize("language", ["ru", "en"])
def test_form_with_errors_has_no_axe_violations(page, live_site, assert_no_axe_violations, language):
    """If this fails, the errors are shown in a way some readers cannot perceive or reach."""
    send_empty_form(page, live_site, language)
    assert_no_axe_violations(page)


@pytest.mark.parametrize("url", PAGES)
def test_pages_html_is_valid(page, live_site, assert_valid_html, url):
    """If this fails, the markup is broken and browsers or assistive technology may read it differently."""
    response = open_page(page, live_site, url)
    assert_valid_html(response.text(), source=url)


@pytest.mark.parametrize("language", ["ru", "en"])
def test_form_with_errors_html_is_valid(page, live_site, assert_valid_html, language):
    """If this fails, the page with the errors (aria-describedby, the summary) is broken markup."""
    send_empty_form(page, live_site, language)
    assert_valid_html(page.content(), source=f"/{language}/apply/ with errors")


@pytest.mark.parametrize("url", [*PAGES, pytest.param("errors", id="en-apply-errors")])
def test_no_horizontal_scrolling_at_360px(page, live_site, url):
    """If this fails, a reader on a phone has to scroll sideways to fill the form or read the timeline."""
    page.set_viewport_size({"width": 360, "height": 740})
    if url == "errors":
        send_empty_form(page, live_site, "en")
    else:
        open_page(page, live_site, url)
    scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= inner_width, f"the page is {scroll_width} px wide in a {inner_width} px window"


@pytest.mark.parametrize("url", ["/en/apply/", "/ru/timeline/"])
def test_pages_load_nothing_from_other_hosts(page, live_site, url):
    """If this fails, the form or timeline leaks readers' visits to a third party, or misses its own files."""
    page.goto(live_site.url + url, wait_until="networkidle")
    assert page.blocked_requests == []
    assert page.failed_responses == []


def test_error_summary_takes_focus_and_leads_to_the_field(page, live_site):
    """If this fails, a keyboard or screen-reader user isn't told the form failed, or can't reach the field."""
    send_empty_form(page, live_site, "en")
    assert page.evaluate("document.activeElement.matches('.error-summary')")
    assert page.title().startswith("Error:")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#id_company_name"
    page.keyboard.press("Enter")
    assert active_id(page) == "id_company_name"
    assert page.get_attribute("#id_company_name", "aria-invalid") == "true"


def test_form_is_filled_in_and_sent_by_keyboard_alone(page, live_site, no_applications):
    """If this fails, someone who cannot use a mouse cannot apply for space."""
    open_page(page, live_site, "/en/apply/?building=office-d")
    tab_to(page, "#id_company_name")
    page.keyboard.type("Keyboard Systems")
    for field, text in [
        ("id_inn", "7707083893"),
        ("id_contact_person", "Kim Lee"),
        ("id_email", "kim@keyboard.example"),
        ("id_phone", "+7 4012 123-45-67"),
        ("id_area", "800"),
    ]:
        page.keyboard.press("Tab")
        assert active_id(page) == field
        page.keyboard.type(text)
    page.keyboard.press("Tab")
    assert active_id(page) == "id_move_in_quarter"
    page.keyboard.press("ArrowDown")  # the first quarter offered
    page.keyboard.press("Tab")
    assert active_id(page) == "id_building"
    page.keyboard.press("Tab")
    assert active_id(page) == "id_zone_residency"
    page.keyboard.press("Tab")
    assert active_id(page) == "id_message"
    page.keyboard.type("Forty workplaces.")
    page.keyboard.press("Tab")
    assert active_id(page) == "id_consent"
    page.keyboard.press("Space")
    assert page.is_checked("#id_consent")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('label[for=id_consent] a')")  # the privacy policy
    page.keyboard.press("Tab")  # the honeypot is skipped
    assert page.evaluate("document.activeElement.matches('form button[type=submit]')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == live_site.url + "/en/apply/sent/"
    assert page.locator("h1").inner_text() == "Application sent"
    stored = committed(lambda: list(Application.objects.values_list("company_name", "building__slug", "area")))
    assert stored == [("Keyboard Systems", "office-d", 800)]
