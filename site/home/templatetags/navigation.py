"""The site header and footer: main menu, header banners, contact details."""

from django import template
from django.utils import translation

from wagtail.models import Locale, Site

from core.translation import in_language_with_fallback
from home.models import HeaderBanner

register = template.Library()


def _localized_root(request):
    """The home page in the language being shown (the site's root page, localized)."""
    cache_attr = "_itpark_localized_root"
    if not hasattr(request, cache_attr):
        site = Site.find_for_request(request)
        root = site.root_page.localized.specific if site else None
        setattr(request, cache_attr, root)
    return getattr(request, cache_attr)


@register.simple_tag(takes_context=True)
def home_page(context):
    """The home page in the current language, for the logo link and the footer."""
    return _localized_root(context["request"])


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Pages under the home page that editors marked "show in menus", in tree order."""
    root = _localized_root(context["request"])
    if root is None:
        return []
    return root.get_children().live().in_menu()


@register.simple_tag
def header_banners():
    """The banners showing now in the current language (untranslated ones in Russian, marked
    `fallback_language`), at most HeaderBanner.MAX_SHOWN."""
    locale = Locale.objects.filter(language_code=translation.get_language()).first()
    if locale is None:
        return []
    banners = in_language_with_fallback(HeaderBanner.objects.active(), locale).select_related("link_page")
    return list(banners[: HeaderBanner.MAX_SHOWN])
