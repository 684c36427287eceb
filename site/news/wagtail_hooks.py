"""What the news adds to the home page (core.registry.HOME_SECTIONS): the latest three articles."""

from wagtail import hooks

from core import registry
from core.pages import without_restricted
from news.models import ArticlePage

LATEST = 3


@hooks.register(registry.HOME_SECTIONS)
def latest_news_section(page, request):
    """The three latest articles readers may see in the home page's language, from one query."""
    articles = without_restricted(ArticlePage.objects.live().filter(locale_id=page.locale_id))
    articles = list(articles.select_related("image").order_by("-date", "-first_published_at", "-pk")[:LATEST])
    if not articles:
        return None
    # The news index's address is fixed (docs/contract.md).
    index_url = f"/{page.locale.language_code}/news/"
    return registry.HomeSection("news/home_news.html", {"articles": articles, "index_url": index_url}, order=30)
