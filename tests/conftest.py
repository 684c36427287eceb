"""Shared fixtures. The test database gets the demo content once per session
(committed, so the browser tests' live server sees it too); each test runs in
a transaction that is rolled back, so what a test changes stays with it."""

import io

from django.core.management import call_command
from django.db import connection

from wagtail.models import Locale

import pytest

from tests.html import Html


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        name = str(connection.settings_dict["NAME"])
        if not (name.startswith("test_") or "memorydb" in name):
            return  # no test database was made for this selection: never write to the real one
        call_command("load_demo_content", stdout=io.StringIO())


@pytest.fixture
def ru(db):
    return Locale.objects.get(language_code="ru")


@pytest.fixture
def en(db):
    return Locale.objects.get(language_code="en")


@pytest.fixture
def get_html(client):
    """GET a URL, check it answers 200 with HTML, and return it parsed."""

    def get(url, **headers):
        response = client.get(url, headers=headers)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
        assert response["Content-Type"].startswith("text/html")
        return Html(response.content.decode())

    return get


def pytest_collection_modifyitems(items):
    """Browser tests last: they share one live server and may commit data."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
