"""Scheduled publishing fires without anyone: `manage.py run_scheduler`, the
worker that `make run` and the production stack start, publishes what has
reached its go-live time and takes down what has expired, and anonymous
readers see it at once, through the public cache too."""

import datetime
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.core.cache import caches
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from wagtail.models import Revision

import pytest

from news.models import ArticlePage, NewsIndexPage

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    caches["default"].clear()
    yield
    caches["default"].clear()


def scheduled_article(locale, slug, title, seconds_from_now):
    """An article approved to go live `seconds_from_now` seconds from now (not live yet)."""
    index = NewsIndexPage.objects.get(locale=locale)
    page = ArticlePage(title=title, slug=slug, date=datetime.date(2026, 12, 1), lead=title, live=False)
    page.locale = locale
    index.add_child(instance=page)
    page.go_live_at = timezone.now() + datetime.timedelta(seconds=seconds_from_now)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live
    return page


def run_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_scheduler", "--once")


def test_article_whose_time_has_come_appears_after_one_pass(client, ru, django_capture_on_commit_callbacks, caplog):
    """An article scheduled a second ago is published by the next pass, and readers of the cached
    index and feed see it immediately after, with a line in the log saying so."""
    page = scheduled_article(ru, "opening-soon", "Открытие первого корпуса", seconds_from_now=1)
    assert "Открытие первого корпуса" not in client.get("/ru/news/").content.decode()
    assert client.get("/ru/news/")["X-App-Cache"] == "hit"
    assert client.get("/ru/news/opening-soon/").status_code == 404

    time.sleep(1.2)
    with caplog.at_level(logging.INFO, logger="itpark.scheduler"):
        run_once(django_capture_on_commit_callbacks)
    page.refresh_from_db()
    assert page.live
    assert client.get("/ru/news/opening-soon/").status_code == 200
    assert "Открытие первого корпуса" in client.get("/ru/news/").content.decode()
    assert "Открытие первого корпуса" in client.get("/ru/news/feed/").content.decode()
    logged = [record for record in caplog.records if record.name == "itpark.scheduler"]
    assert any(
        record.levelno == logging.INFO and "published" in record.getMessage() and "opening-soon" in record.getMessage()
        for record in logged
    ), [record.getMessage() for record in logged]


def test_article_in_the_future_waits(client, en, django_capture_on_commit_callbacks):
    """An article scheduled for tomorrow is not published early."""
    page = scheduled_article(en, "tomorrow", "Tomorrow's news", seconds_from_now=86_400)
    run_once(django_capture_on_commit_callbacks)
    page.refresh_from_db()
    assert not page.live
    assert Revision.page_revisions.filter(object_id=str(page.pk), approved_go_live_at__isnull=False).exists()
    assert "Tomorrow's news" not in client.get("/en/news/").content.decode()


def test_expired_article_disappears_after_one_pass(client, en, django_capture_on_commit_callbacks, caplog):
    """An article whose expiry has passed is taken down by the next pass: gone from its page and the index."""
    page = ArticlePage.objects.live().filter(locale=en).order_by("-date").first()
    assert page.title in client.get("/en/news/").content.decode()
    # Its expiry, set by an editor, has just passed.
    ArticlePage.objects.filter(pk=page.pk).update(expire_at=timezone.now() - datetime.timedelta(seconds=2))
    assert client.get(page.url).status_code == 200
    with caplog.at_level(logging.INFO, logger="itpark.scheduler"):
        run_once(django_capture_on_commit_callbacks)
    page.refresh_from_db()
    assert not page.live and page.expired
    assert client.get(page.url).status_code == 404
    assert page.title not in client.get("/en/news/").content.decode()
    assert any("unpublished" in record.getMessage() for record in caplog.records if record.name == "itpark.scheduler")


def test_nothing_due_changes_nothing(client, django_capture_on_commit_callbacks):
    """A pass with nothing due leaves the site and its cache as they are."""
    client.get("/ru/news/")
    live_before = set(ArticlePage.objects.live().values_list("pk", flat=True))
    call_command("run_scheduler", "--once")
    assert set(ArticlePage.objects.live().values_list("pk", flat=True)) == live_before
    assert client.get("/ru/news/")["X-App-Cache"] == "hit"


@pytest.mark.parametrize("interval", ["0", "-5", "3601"])
def test_bad_interval_is_refused_and_nothing_runs(interval):
    """An operator's typo in the interval is a clear error, not a busy loop or a scheduler that never wakes."""
    with pytest.raises(CommandError, match="--interval must be between 1 and 3600"):
        call_command("run_scheduler", "--interval", interval, "--once")


def test_worker_process_stops_cleanly_on_sigterm():
    """systemd (or `make run`'s wrapper) stops the worker with SIGTERM: it ends at once, status 0, saying so."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "itpark.settings.test",
        "DATABASE_URL": f"postgis://{connection.settings_dict['USER']}:{connection.settings_dict['PASSWORD']}"
        f"@{connection.settings_dict['HOST']}:{connection.settings_dict['PORT']}/{connection.settings_dict['NAME']}",
    }
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_scheduler", "--interval", "60"],
        cwd=ROOT,
        env=environment,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        started = ""
        while "Scheduler started" not in started and time.monotonic() < deadline:
            started += worker.stderr.readline()
        assert "Scheduler started: a pass every 60 s." in started
        time.sleep(0.5)  # into the wait between passes
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=10) == 0
        assert "Scheduler stopped." in worker.stderr.read()
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
