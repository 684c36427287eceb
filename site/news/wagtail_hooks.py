"""What the news part tells lower parts (core.registry): the latest three articles on the home page
(HOME_SECTIONS); its feeds are drawn from many pages (CACHED_OUTPUTS)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from wagtail import hooks

from core import registry
from news.models import NewsIndexPage

LATEST = 3


@hooks.register(registry.HOME_SECTIONS)
def latest_news_section(page, request):
    index = NewsIndexPage.objects.public_in(page.locale_id).first()
    if index is None:
        return None
    articles = list(index.articles()[:LATEST])
    if not articles:
        return None
    return registry.HomeSection("news/home_news.html", {"articles": articles, "index_url": index.url}, order=30)


@hooks.register(registry.CACHED_OUTPUTS)
def news_feeds():
    """Each language's RSS feed."""
    paths = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            paths.append(reverse("news_feed"))
    return paths
