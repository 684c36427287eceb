"""The "temporarily unavailable" page and the login lockout page in real Chromium:
accessible (axe), valid HTML (Nu checker), in both languages, and usable at 360 px.

Both are rendered by the site's own code and served at a URL of the live site
(Playwright answers that URL with the rendered page), so the browser loads
their stylesheets from the site as a visitor would.
"""

from django.test import RequestFactory
from django.utils import translation

import pytest

from core.lockout import lockout_response
from core.middleware import unavailable_response


def rendered(kind, language):
    with translation.override(language):
        request = RequestFactory().get(f"/{language}/")
        response = unavailable_response(request) if kind == "unavailable" else lockout_response(request)
    return response.status_code, response.content.decode()


HEADINGS = {
    ("unavailable", "ru"): "Временно недоступно",
    ("unavailable", "en"): "Temporarily unavailable",
    ("lockout", "ru"): "Слишком много неудачных попыток входа",
    ("lockout", "en"): "Too many failed logins",
}


@pytest.mark.parametrize(("kind", "language"), sorted(HEADINGS))
@pytest.mark.parametrize("width", [1280, 360])
def test_outage_and_lockout_pages_are_accessible_and_fit_a_phone(
    new_page, live_site, assert_no_axe_violations, assert_valid_html, kind, language, width
):
    """A visitor during an outage, or an editor locked out, reads why in their language on any screen, by screen reader too."""
    status, html = rendered(kind, language)
    assert status in (503, 429)
    page = new_page(viewport={"width": width, "height": 800})
    url = f"{live_site.url}/{language}/{kind}-page/"
    page.route(url, lambda route: route.fulfill(status=status, body=html, content_type="text/html; charset=utf-8"))
    page.goto(url)
    assert page.locator("h1").inner_text() == HEADINGS[(kind, language)]
    assert page.evaluate("document.documentElement.lang") == language
    assert [failed for failed in page.failed_responses if not failed.endswith(url)] == [], "stylesheets load"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_no_axe_violations(page)
    if width == 1280:
        assert_valid_html(html, source=f"{kind} page ({language})")
