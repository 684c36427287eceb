"""Links between the language versions of the page being shown.

`language_links` feeds both the language switcher and the
`<link rel="alternate" hreflang>` tags, so the two never disagree.
"""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from wagtail.models import Page, Site

from core.urls import absolute_url as make_absolute

register = template.Library()


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    absolute_url: str
    is_current: bool
    # False when this content has no version in that language: the link then
    # leads to that language's home page and is left out of the hreflang tags.
    has_translation: bool


def _page_urls(page, request):
    """{language code: URL} of the live translations of a Wagtail page, itself included."""
    translations = page.get_translations(inclusive=True).live().select_related("locale")
    return {p.locale.language_code: p.get_url(request) for p in translations}


def _home_urls(request):
    site = Site.find_for_request(request)
    if site is None:
        return {}
    root = site.root_page
    return _page_urls(root, request)


@register.simple_tag(takes_context=True)
def language_links(context):
    """One LanguageLink per site language, in the order of settings.LANGUAGES.

    Worked out once per request: the switcher and the hreflang tags both ask.
    """
    request = context["request"]
    if not hasattr(request, "_itpark_language_links"):
        request._itpark_language_links = _language_links(request, context.get("page"))
    return request._itpark_language_links


def _language_links(request, page):
    current = translation.get_language()
    if isinstance(page, Page):
        urls = _page_urls(page, request)
    else:
        path = request.get_full_path()
        urls = {code: translate_url(path, code) for code, _ in settings.LANGUAGES}
    fallbacks = None
    links = []
    for code, name in settings.LANGUAGES:
        url = urls.get(code)
        has_translation = url is not None
        if not has_translation:
            if fallbacks is None:
                fallbacks = _home_urls(request)
            url = fallbacks.get(code) or f"/{code}/"
        links.append(
            LanguageLink(
                code=code,
                name=name,
                url=url,
                absolute_url=make_absolute(url),
                is_current=code == current,
                has_translation=has_translation,
            )
        )
    return links


@register.inclusion_tag("components/hreflang_links.html", takes_context=True)
def hreflang_links(context):
    """`<link rel="alternate" hreflang>` for each language version, and x-default (the default language's)."""
    links = [link for link in language_links(context) if link.has_translation]
    default = next((link for link in links if link.code == settings.LANGUAGE_CODE), None)
    return {"links": links, "default": default}
