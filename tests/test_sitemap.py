"""`/sitemap.xml` and `/robots.txt`: every public page in both languages, with
reciprocal hreflang alternates, in the structure the sitemap schema requires."""

from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest

from news.models import ArticlePage, NewsIndexPage

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ALLOWED_CHILDREN = [f"{SM}loc", f"{SM}lastmod", f"{SM}changefreq", f"{SM}priority"]


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ElementTree.fromstring(response.content)  # noqa: S314 (our own response)


def entries(root):
    """{loc: {hreflang: href}}"""
    found = {}
    for url in root.findall(f"{SM}url"):
        loc = url.find(f"{SM}loc").text
        found[loc] = {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
    return found


def test_sitemap_follows_the_schema_structure(client):
    """Search engines reject sitemaps that break the schema: urlset of url elements, each with one
    absolute loc first, then the optional sitemap elements in order, then xhtml:link alternates."""
    root = sitemap(client)
    assert root.tag == f"{SM}urlset"
    urls = list(root)
    assert urls and all(url.tag == f"{SM}url" for url in urls)
    for url in urls:
        children = [child.tag for child in url]
        assert children[0] == f"{SM}loc"
        sitemap_children = [tag for tag in children if tag.startswith(SM)]
        assert sitemap_children == sorted(sitemap_children, key=ALLOWED_CHILDREN.index)
        assert len(set(sitemap_children)) == len(sitemap_children)
        first_link = next((i for i, tag in enumerate(children) if tag == f"{XHTML}link"), len(children))
        assert all(tag == f"{XHTML}link" for tag in children[first_link:])
        assert set(children) <= {*ALLOWED_CHILDREN, f"{XHTML}link"}
        loc = url.find(f"{SM}loc").text
        assert urlsplit(loc).scheme in ("http", "https") and urlsplit(loc).netloc
        for link in url.findall(f"{XHTML}link"):
            assert link.get("rel") == "alternate"
            assert urlsplit(link.get("href")).netloc


def test_every_public_page_is_listed_in_both_languages_with_reciprocal_alternates(client):
    """Each page's Russian and English versions point at each other, and x-default at the Russian one."""
    found = entries(sitemap(client))
    assert "http://testserver/ru/news/first-complex-complete/" in found
    assert "http://testserver/en/news/first-complex-complete/" in found
    for loc, alternates in found.items():
        assert {"ru", "en", "x-default"} <= set(alternates), loc
        assert alternates["x-default"] == alternates["ru"]
        language = urlsplit(loc).path.split("/")[1]
        assert alternates[language] == loc, f"{loc} does not list itself"
        for code in ("ru", "en"):
            assert found[alternates[code]] == alternates, f"{loc} and {alternates[code]} disagree"


def test_unpublished_pages_are_not_in_the_sitemap(client, ru):
    """Drafts and unpublished pages are never advertised to search engines."""
    index = NewsIndexPage.objects.get(locale=ru)
    draft = ArticlePage(title="Черновик", slug="sitemap-draft", lead="Черновик.", live=False)
    index.add_child(instance=draft)
    article = ArticlePage.objects.get(locale=ru, slug="office-a-in-service")
    article.unpublish()
    found = entries(sitemap(client))
    assert not [loc for loc in found if "sitemap-draft" in loc]
    assert "http://testserver/ru/news/office-a-in-service/" not in found
    english = found["http://testserver/en/news/office-a-in-service/"]
    assert "ru" not in english and "x-default" not in english


def test_robots_txt_points_to_the_sitemap(client):
    """Crawlers find the sitemap from robots.txt and stay out of the admin."""
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
