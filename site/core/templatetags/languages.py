"""Links between the language versions of the page being shown.

`language_links` feeds both the language switcher and the
`<link rel="alternate" hreflang>` tags, so the two never disagree.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.core.cache import cache
from django.urls import translate_url
from django.utils import translation

from wagtail.models import Page, Site

from core.urls import absolute_url as make_absolute

register = template.Library()

# The query parameter naming the page a reader came from when it has no version in their new language.
UNTRANSLATED_PARAM = "untranslated"
# How long a translation's outdated state is remembered for one pair of published revisions.
OUTDATED_MEMO_SECONDS = 24 * 3600


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    absolute_url: str
    is_current: bool
    # False when this content has no version in that language: the link then
    # leads to the nearest ancestor (else the home page) in that language, and
    # is left out of the hreflang tags.
    has_translation: bool


def _page_urls(page, request):
    """{language code: URL} of the live translations of a Wagtail page, itself included."""
    translations = page.get_translations(inclusive=True).live().select_related("locale")
    return {p.locale.language_code: p.get_url(request) for p in translations}


def _nearest_translated_ancestor_url(page, code, request):
    """The URL of the deepest ancestor of `page` live in `code`, saying which page has no translation.

    The reader lands there with a notice (`translation_notices`) instead of on
    a 404 or, silently, on the home page.
    """
    ancestors = page.get_ancestors().filter(depth__gt=1).values("translation_key")
    ancestor = (
        Page.objects.live().filter(translation_key__in=ancestors, locale__language_code=code).order_by("-depth").first()
    )
    if ancestor is None:
        return None
    url = ancestor.get_url(request)
    return f"{url}?{urlencode({UNTRANSLATED_PARAM: page.pk})}" if url else None


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
        if not has_translation and isinstance(page, Page):
            url = _nearest_translated_ancestor_url(page, code, request)
        if url is None:
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


@dataclass(frozen=True)
class UntranslatedNotice:
    """The page the reader switched from exists only in another language."""

    title: str
    url: str
    code: str
    language: str


@dataclass(frozen=True)
class OutdatedNotice:
    """This translation is older than the text of its source."""

    source_url: str
    code: str
    updated_at: object


def _untranslated_notice(request, current):
    try:
        pk = int(request.GET.get(UNTRANSLATED_PARAM, ""))
    except ValueError:
        return None
    origin = Page.objects.live().public().filter(pk=pk).select_related("locale").first()
    if origin is None or origin.locale.language_code == current:
        return None
    if origin.get_translations().live().filter(locale__language_code=current).exists():
        return None
    code = origin.locale.language_code
    return UntranslatedNotice(
        title=origin.title,
        url=origin.get_url(request),
        code=code,
        language=translation.get_language_info(code)["name_translated"],
    )


def _outdated_notice(request, page, current):
    from core.translation_status import OUTDATED, state_of

    if current == settings.LANGUAGE_CODE or not page.live:
        return None
    source = (
        type(page)
        .objects.live()
        .filter(translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE)
        .select_related("locale")
        .first()
    )
    if source is None:
        return None
    # Whether it is outdated depends only on these two published revisions: worked out once per pair
    # (comparing the source's strings with the translations asks two queries and reads the whole page).
    key = f"itpark:outdated:{page.pk}:{page.live_revision_id}:{source.pk}:{source.live_revision_id}"
    outdated = cache.get(key)
    if outdated is None:
        outdated = state_of(source, page.locale, target=page, with_since=False).state == OUTDATED
        cache.set(key, outdated, OUTDATED_MEMO_SECONDS)
    if not outdated:
        return None
    return OutdatedNotice(
        source_url=source.get_url(request), code=source.locale.language_code, updated_at=source.last_published_at
    )


@register.inclusion_tag("components/translation_notices.html", takes_context=True)
def translation_notices(context):
    """Short notices about this page's languages: where the reader came from when that page exists only
    in another language, and when this translation is older than its Russian original."""
    request = context.get("request")
    page = context.get("page")
    if request is None:
        return {}
    current = translation.get_language()
    notices = {"untranslated": _untranslated_notice(request, current)}
    if isinstance(page, Page):
        notices["outdated"] = _outdated_notice(request, page, current)
    return notices
