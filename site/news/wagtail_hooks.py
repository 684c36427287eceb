"""What the news part tells lower parts (core.registry): its feeds are drawn from many pages."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from wagtail import hooks

from core import registry


@hooks.register(registry.CACHED_OUTPUTS)
def news_feeds():
    """Each language's RSS feed."""
    paths = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            paths.append(reverse("news_feed"))
    return paths
