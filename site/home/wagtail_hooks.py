"""Home's answers to the hooks in core.registry."""

from django.db.models import Q

from wagtail import hooks

from core import registry
from home.models import HeaderBanner


@hooks.register(registry.SCHEDULED_CHANGES)
def banners_started_or_ended(since, until):
    """A header banner (on every page) started or stopped showing between `since` and `until`."""
    return HeaderBanner.objects.filter(
        Q(active_from__gt=since, active_from__lte=until) | Q(active_until__gt=since, active_until__lte=until)
    ).exists()
