"""Password guessing is throttled (django-axes) on the Wagtail admin's real login view.

After AXES_FAILURE_LIMIT wrong passwords for one account from one address,
that account is refused from that address for the cool-off time, the right
password included; other accounts and other addresses are unaffected, and an
administrator can lift the lock.
"""

from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse

import pytest
from axes.models import AccessAttempt

from tests.factories import SuperuserFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # noqa: S105 (the factories' test password)
LOGIN = "/admin/login/"


def log_in(client, username, password, address="192.0.2.10", **headers):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        headers={"Accept-Language": "en", **headers},
    )


def fail(client, username, times=None, address="192.0.2.10", **headers):
    for _ in range(times or settings.AXES_FAILURE_LIMIT):
        response = log_in(client, username, "wrong password", address, **headers)
    return response


def logged_in(response):
    return response.status_code == 302 and reverse("wagtailadmin_login") not in response["Location"]


@pytest.fixture
def editor():
    return UserFactory(is_staff=True, is_superuser=True)


def test_a_few_failures_are_allowed_and_the_right_password_then_works(client, editor):
    """Someone who mistypes their password a couple of times can still log in."""
    response = fail(client, editor.username, times=settings.AXES_FAILURE_LIMIT - 1)
    assert response.status_code == 200
    assert logged_in(log_in(client, editor.username, PASSWORD))


def test_after_the_limit_even_the_right_password_is_refused_with_a_clear_message(client, editor):
    """A guesser who reached the limit learns nothing from the right password: the login stays refused for a while."""
    response = fail(client, editor.username)
    assert response.status_code == 429
    response = log_in(client, editor.username, PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "<h1>Too many failed logins</h1>" in page
    assert "Try again in 15 minutes." in page
    assert response["Retry-After"] == str(15 * 60)
    assert "_auth_user_id" not in client.session


def test_the_lockout_message_is_in_russian_for_russian_readers(client, editor):
    """A Russian-speaking editor reads why the login is refused in Russian."""
    fail(client, editor.username)
    response = log_in(client, editor.username, PASSWORD, **{"Accept-Language": "ru"})
    page = response.content.decode()
    assert response.status_code == 429
    assert '<html lang="ru">' in page
    assert "Слишком много неудачных попыток входа" in page
    assert "Попробуйте снова через 15 минут." in page


def test_other_accounts_and_other_addresses_are_not_locked_out(client, editor):
    """One guesser cannot lock colleagues out, nor lock the real editor out from their own office."""
    colleague = UserFactory(is_staff=True, is_superuser=True)
    fail(client, editor.username)
    assert logged_in(log_in(client, colleague.username, PASSWORD))
    client.logout()
    assert logged_in(log_in(client, editor.username, PASSWORD, address="198.51.100.7"))


def test_a_forged_forwarded_for_header_does_not_escape_the_count(client, editor):
    """A guesser cannot reset the count by claiming another address: without a configured proxy header, only the real one counts."""
    for number in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, editor.username, "wrong password", **{"X-Forwarded-For": f"203.0.113.{number}"})
    response = log_in(client, editor.username, PASSWORD, **{"X-Forwarded-For": "203.0.113.200"})
    assert response.status_code == 429
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["192.0.2.10"]


def test_an_administrator_lifts_the_lockout_with_the_management_command(client, editor):
    """The documented command lets the editor in again at once."""
    fail(client, editor.username)
    call_command("axes_reset_username", editor.username, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert logged_in(log_in(client, editor.username, PASSWORD))


def test_an_administrator_lifts_the_lockout_in_the_wagtail_admin(client, editor):
    """Settings → Login lockouts lists who is locked out; deleting the row lets them in again."""
    fail(client, editor.username)
    admin = SuperuserFactory()
    client.force_login(admin)
    listing = client.get(reverse("login_lockouts:index"))
    assert listing.status_code == 200
    assert editor.username in listing.content.decode()
    attempt = AccessAttempt.objects.get(username=editor.username)
    assert client.get(reverse("login_lockouts:add")).status_code in (302, 403)
    response = client.post(reverse("login_lockouts:delete", args=(attempt.pk,)))
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username=editor.username).exists()
    client.logout()
    assert logged_in(log_in(client, editor.username, PASSWORD))


def test_an_editor_without_admin_rights_cannot_see_or_lift_lockouts(client, editor):
    """Only administrators may lift a lock: an ordinary editor is turned away."""
    fail(client, editor.username)
    plain = UserFactory(is_staff=True)
    plain.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(plain)
    response = client.get(reverse("login_lockouts:index"))
    assert response.status_code in (302, 403)
    assert AccessAttempt.objects.filter(username=editor.username).exists()
