"""Every public URL of the site, for the tests that go over all of them (methods, absolute URLs, fuzzing).

Pages come from the demo content (one of each page type, in both languages);
the other views are listed by route.
"""

from wagtail.models import Page

from buildings.models import BuildingPage
from news.models import ArticlePage

ROUTES = [
    "/healthz",
    "/robots.txt",
    "/sitemap.xml",
    "/api/map/buildings.geojson",
    "/api/map/site.geojson",
    "/oembed?url=http://testserver/ru/map/",
    "/{lang}/search/?q=парк",
    "/{lang}/news/feed/",
    "/{lang}/map/embed/",
    "/{lang}/map/plan.svg",
    "/{lang}/map/plan.png",
    "/{lang}/map/buildings.kml",
    "/{lang}/map/buildings.csv",
]


def page_urls():
    """The URL path of one live page of each type, in each language."""
    urls = {}
    for page in Page.objects.live().public().specific().order_by("path"):
        key = (type(page).__name__, page.locale.language_code)
        if key not in urls:
            urls[key] = page.get_url()
    return sorted(url for url in urls.values() if url)


def declared_methods():
    """{URL path: the methods its page type declares} for page_urls() (GET and HEAD unless it takes a form)."""
    methods = {}
    for page in Page.objects.live().public().specific().order_by("path"):
        url = page.get_url()
        if url and url not in methods:
            methods[url] = set(getattr(type(page), "http_methods", ("GET", "HEAD")))
    return methods


def route_urls(languages=("ru", "en")):
    urls = []
    for route in ROUTES:
        urls += sorted({route.format(lang=lang) for lang in languages})
    return urls


def example_building_slug():
    return BuildingPage.objects.live().public().order_by("path").values_list("slug", flat=True).first()


def example_article_slug():
    return ArticlePage.objects.live().public().order_by("path").values_list("slug", flat=True).first()
