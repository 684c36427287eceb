"""/healthz tells a load balancer whether this instance can reach its database."""

from django.db import connection

import pytest


@pytest.mark.smoke
@pytest.mark.django_db
def test_healthz_is_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_503_when_the_database_is_unreachable(client, django_db_blocker):
    """With the database gone, the balancer must see 503 and stop sending traffic here.

    PostGIS only (not in the smoke set): a SpatiaLite file cannot become unreachable."""
    with django_db_blocker.unblock():
        original = dict(connection.settings_dict)
        connection.close()
        connection.settings_dict["PORT"] = "1"  # nothing listens there
        try:
            response = client.get("/healthz")
        finally:
            connection.close()
            connection.settings_dict.clear()
            connection.settings_dict.update(original)
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"
