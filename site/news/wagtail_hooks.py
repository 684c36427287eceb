"""What the news part tells lower parts (core.registry): the latest three articles on the home page
(HOME_SECTIONS); its feeds are drawn from many pages (CACHED_OUTPUTS)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from wagtail import hooks

from core import registry
from news.models import ArticlePage

LATEST = 3


@hooks.register(registry.HOME_SECTIONS)
def latest_news_section(page, request):
    """The three latest articles readers may see in the home page's language, from one query."""
    articles = ArticlePage.objects.public_in(page.locale_id)
    articles = list(articles.select_related("image").order_by("-date", "-first_published_at", "-pk")[:LATEST])
    if not articles:
        return None
    # The news index's address is fixed (docs/contract.md).
    index_url = f"/{page.locale.language_code}/news/"
    return registry.HomeSection("news/home_news.html", {"articles": articles, "index_url": index_url}, order=30)


@hooks.register(registry.CACHED_OUTPUTS)
def news_feeds():
    """Each language's RSS feed."""
    paths = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            paths.append(reverse("news_feed"))
    return paths
