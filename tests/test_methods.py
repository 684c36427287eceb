"""Read-only views answer only GET and HEAD: any other method is a 405 naming the allowed ones.

TRACE used to echo whole pages with 200; a PUT or DELETE on a page did the same.
A page type that takes a form declares ``http_methods = ("GET", "HEAD", "POST")``.
"""

import pytest

from home.models import HomePage
from tests.public_urls import declared_methods, page_urls, route_urls

pytestmark = pytest.mark.django_db

REFUSED = ["TRACE", "PUT", "DELETE", "POST", "PATCH"]


@pytest.fixture
def urls(db):
    return page_urls() + route_urls()


def test_every_public_url_refuses_methods_other_than_get_and_head(client, urls):
    """A TRACE, PUT, DELETE, POST or PATCH to any public URL is refused, never answered with the page."""
    assert len(urls) > 20
    declared = declared_methods()
    wrong = []
    for url in urls:
        allowed = declared.get(url, {"GET", "HEAD"})  # a form page (the application) also takes POST
        for method in REFUSED:
            if method in allowed:
                continue
            response = client.generic(method, url)
            allow = {value.strip() for value in response.get("Allow", "").split(",")}
            if response.status_code != 405 or allow != allowed or b"<html" in response.content.lower():
                wrong.append((method, url, response.status_code, response.get("Allow")))
    assert not wrong
    assert any("POST" in methods for methods in declared.values()), "the application form takes POST"


def test_get_and_head_still_work_everywhere(client, urls):
    """Readers, feed readers and crawlers still get every URL."""
    for url in urls:
        assert client.get(url).status_code == 200, url
        head = client.head(url)
        assert head.status_code == 200, url
        assert head.content == b""


def test_a_page_type_may_declare_that_it_accepts_post(client, ru, monkeypatch):
    """A form page that declares POST gets it (the apply form will); TRACE stays refused there too."""
    home = HomePage.objects.get(locale=ru)
    assert client.post(home.url).status_code == 405
    monkeypatch.setattr(HomePage, "http_methods", ("GET", "HEAD", "POST"), raising=False)
    assert client.post(home.url).status_code == 200
    response = client.generic("TRACE", home.url)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST"
