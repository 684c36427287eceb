"""`manage.py run_scheduler`: the worker that makes scheduled publishing fire.

Every `--interval` seconds (30 by default) it runs Wagtail's
`publish_scheduled` (go-live and expiry of pages and of snippets with
DraftStateMixin) and logs at INFO what it published or unpublished. Content
that changes with time alone (the `itpark_scheduled_changes` hook in
core.registry: header banners that start or end showing) renews the public
cache when its moment has passed. SIGTERM or SIGINT stops it between passes
(or during the wait), exit status 0. `--once` makes one pass and exits.
"""

import logging
import signal
import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections, connection
from django.utils import timezone

from wagtail import signals as wagtail_signals

from core import page_cache, registry

logger = logging.getLogger("itpark.scheduler")

MAX_INTERVAL = 3600


def _describe(instance):
    name = getattr(instance, "specific_class", None) or type(instance)
    slug = getattr(instance, "slug", "")
    return f"{name.__name__} {instance.pk}{f' ({slug})' if slug else ''} “{instance}”"


class Command(BaseCommand):
    help = (
        "Publish and unpublish scheduled pages and snippets when their time comes: runs Wagtail's "
        "publish_scheduled every --interval seconds until stopped (SIGTERM), or once with --once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=30, help="Seconds between passes (1 to 3600, default 30).")
        parser.add_argument("--once", action="store_true", help="Make one pass and exit.")

    def handle(self, *args, interval, once, **options):
        if not 1 <= interval <= MAX_INTERVAL:
            raise CommandError(f"--interval must be between 1 and {MAX_INTERVAL} seconds, not {interval}.")
        stop = threading.Event()
        if not once:
            for signum in (signal.SIGTERM, signal.SIGINT):
                signal.signal(signum, lambda *_args: stop.set())
            logger.info("Scheduler started: a pass every %s s.", interval)
        since = timezone.now() - timezone.timedelta(seconds=interval)
        while True:
            now = timezone.now()
            succeeded = self.run_pass(since, now)
            since = now
            if once:
                if not succeeded:
                    raise CommandError("Scheduled publishing failed (see the log above).")
                break
            if stop.wait(interval):
                break
        if not once:
            logger.info("Scheduler stopped.")

    @staticmethod
    def refresh_connections():
        """Drop a database connection that broke or grew old between passes (as Django does between requests)."""
        if not connection.in_atomic_block:  # never inside a caller's transaction (a test's, say)
            close_old_connections()

    def run_pass(self, since, now):
        """One pass; False when it failed (logged; the next pass tries again)."""
        done, succeeded = [], True

        def note(action):
            def receiver(sender, instance, **kwargs):
                done.append((action, instance))

            return receiver

        receivers = [
            (wagtail_signals.page_published, note("published")),
            (wagtail_signals.published, note("published")),
            (wagtail_signals.page_unpublished, note("unpublished")),
            (wagtail_signals.unpublished, note("unpublished")),
        ]
        for sig, receiver in receivers:
            sig.connect(receiver, weak=False)
        self.refresh_connections()
        try:
            call_command("publish_scheduled")
            if registry.scheduled_changes(since, now):
                logger.info("Content scheduled between %s and %s changed: page cache renewed.", since, now)
                page_cache.bump_generation()
        except Exception:
            logger.exception("Scheduled publishing failed; trying again on the next pass.")
            succeeded = False
        finally:
            for sig, receiver in receivers:
                sig.disconnect(receiver)
            self.refresh_connections()
        for action, instance in done:
            logger.info("Scheduled: %s %s.", action, _describe(instance))
        return succeeded
