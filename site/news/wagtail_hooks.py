"""What the news adds to the home page (core.registry.HOME_SECTIONS): the latest three articles."""

from wagtail import hooks

from core import registry
from news.models import NewsIndexPage

LATEST = 3


@hooks.register(registry.HOME_SECTIONS)
def latest_news_section(page, request):
    index = NewsIndexPage.objects.live().public().filter(locale=page.locale).first()
    if index is None:
        return None
    articles = list(index.articles()[:LATEST])
    if not articles:
        return None
    return registry.HomeSection("news/home_news.html", {"articles": articles, "index_url": index.url}, order=30)
