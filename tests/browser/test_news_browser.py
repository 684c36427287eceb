"""The news index, an article and the search page in real Chromium, in both
languages: accessibility (axe-core) and HTML conformance (Nu checker)."""

import pytest

PAGES = [
    pytest.param("/ru/news/", id="ru-index"),
    pytest.param("/en/news/", id="en-index"),
    pytest.param("/ru/news/first-complex-complete/", id="ru-article"),
    pytest.param("/en/news/first-complex-complete/", id="en-article"),
    pytest.param("/ru/search/?q=здания", id="ru-search"),
    pytest.param("/en/search/?q=buildings", id="en-search"),
    pytest.param("/en/search/?q=", id="en-search-empty"),
]


@pytest.mark.parametrize("url", PAGES)
def test_news_pages_have_no_axe_violations(page, live_site, assert_no_axe_violations, url):
    """If this fails, some readers cannot use the news or search: unnamed controls,
    unreadable contrast, headings out of order and the like."""
    response = page.goto(live_site.url + url)
    assert response.ok, f"{url} answered {response.status}"
    assert_no_axe_violations(page)


@pytest.mark.parametrize("url", PAGES)
def test_news_pages_html_is_valid(page, live_site, assert_valid_html, url):
    """If this fails, the markup is broken and browsers or assistive technology may read it differently."""
    response = page.goto(live_site.url + url)
    assert response.ok, f"{url} answered {response.status}"
    assert_valid_html(response.text(), source=url)


@pytest.mark.parametrize("url", ["/en/news/", "/ru/news/first-complex-complete/"])
def test_news_pages_load_nothing_from_other_hosts(page, live_site, url):
    """If this fails, the news leaks readers' visits to a third party or misses one of its own files."""
    page.goto(live_site.url + url, wait_until="networkidle")
    assert page.blocked_requests == []
    assert page.failed_responses == []
