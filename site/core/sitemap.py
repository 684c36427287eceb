"""`/sitemap.xml` and `/robots.txt` for search engines.

The sitemap lists every live, public page in every language, each with
`xhtml:link` alternates to all its language versions (itself included) and an
x-default (the default language's version), as Google documents for
multilingual sites. Links are absolute, on the configured base URL (core.urls), whatever Host
the request named: the sitemap is cached for an hour.
"""

from collections import defaultdict
from xml.etree import ElementTree

from django.http import HttpResponse
from django.urls import reverse

from wagtail.models import Locale, Page

from core.urls import absolute_url

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"

ElementTree.register_namespace("", SITEMAP_NS)
ElementTree.register_namespace("xhtml", XHTML_NS)


def public_pages():
    """Live, public pages under the root (every language), with their locales."""
    return Page.objects.live().public().filter(depth__gt=1).select_related("locale").order_by("path")


def sitemap_entries(request):
    """[(absolute URL, last modified or None, {hreflang: absolute URL})], one per page version."""
    default_language = Locale.get_default().language_code
    groups = defaultdict(list)
    for page in public_pages():
        url = page.get_url(request)
        if url:
            groups[page.translation_key].append((page, absolute_url(url)))
    entries = []
    for versions in groups.values():
        alternates = {page.locale.language_code: url for page, url in versions}
        if default_language in alternates:
            alternates["x-default"] = alternates[default_language]
        for page, url in versions:
            entries.append((url, page.last_published_at, alternates))
    return entries


def sitemap_xml(request):
    urlset = ElementTree.Element(f"{{{SITEMAP_NS}}}urlset")
    for url, modified, alternates in sitemap_entries(request):
        element = ElementTree.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        ElementTree.SubElement(element, f"{{{SITEMAP_NS}}}loc").text = url
        if modified:
            ElementTree.SubElement(element, f"{{{SITEMAP_NS}}}lastmod").text = modified.date().isoformat()
        for code, href in alternates.items():
            ElementTree.SubElement(element, f"{{{XHTML_NS}}}link", {"rel": "alternate", "hreflang": code, "href": href})
    body = ElementTree.tostring(urlset, encoding="utf-8", xml_declaration=True)
    return HttpResponse(body, content_type="application/xml; charset=utf-8")


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
