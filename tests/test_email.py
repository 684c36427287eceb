"""E-mail is configured from the environment and really sent: password resets and moderation notices."""

import os
import subprocess
import sys
from pathlib import Path

from django.core import mail
from django.urls import reverse

import pytest

from tests.factories import UserFactory
from tests.test_moderation import member_of, submit_as_editor

ROOT = Path(__file__).resolve().parent.parent


def email_settings(**env):
    code = (
        "from django.conf import settings as s; "
        "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS, s.EMAIL_HOST_USER, s.DEFAULT_FROM_EMAIL)"
    )
    environment = {key: value for key, value in os.environ.items() if key not in ("EMAIL_URL", "DEFAULT_FROM_EMAIL")}
    environment.update(env)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_email_url_configures_smtp():
    """An operator points the site at their mail server with one variable."""
    line = email_settings(
        DJANGO_SETTINGS_MODULE="itpark.settings.dev",
        EMAIL_URL="smtp+tls://mailer:secret@mail.itpark.example:587",
        DEFAULT_FROM_EMAIL="IT Park <noreply@itpark.example>",
    )
    assert (
        line
        == "django.core.mail.backends.smtp.EmailBackend mail.itpark.example 587 True mailer IT Park <noreply@itpark.example>"
    )


def test_development_prints_mail_to_the_console():
    """`make run` needs no mail server: messages appear in the terminal instead of failing."""
    assert email_settings(DJANGO_SETTINGS_MODULE="itpark.settings.dev").startswith(
        "django.core.mail.backends.console.EmailBackend"
    )


@pytest.mark.django_db
def test_a_password_reset_email_is_sent(client):
    """An editor who forgot their password gets the reset link by e-mail (it used to fail with ConnectionRefusedError)."""
    editor = UserFactory(is_staff=True, is_superuser=True)
    response = client.post(reverse("wagtailadmin_password_reset"), {"email": editor.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [editor.email]
    assert message.from_email == "Kaliningrad IT Park <noreply@itpark.example>"
    assert "/admin/password_reset/confirm/" in message.body


@pytest.mark.django_db
def test_a_moderator_is_told_when_an_editor_submits_news(client, ru, django_capture_on_commit_callbacks):
    """Moderators learn by e-mail that an article waits for them."""
    from news.models import NewsIndexPage

    moderator = member_of("Moderators")
    with django_capture_on_commit_callbacks(execute=True):
        page, _state = submit_as_editor(client, NewsIndexPage.objects.get(locale=ru))
    notices = [message for message in mail.outbox if moderator.email in message.to]
    assert notices, [message.to for message in mail.outbox]
    assert page.title in notices[0].subject
