"""The site header and footer: main menu, header banners, contact details."""

from django import template
from django.utils import translation

from core.routing import localized_home
from core.translation import in_language_with_fallback
from home.models import HeaderBanner

register = template.Library()


@register.simple_tag(takes_context=True)
def home_page(context):
    """The home page in the current language, for the logo link and the footer."""
    return localized_home(context["request"])


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Pages under the home page that editors marked "show in menus", in tree order."""
    root = localized_home(context["request"])
    if root is None:
        return []
    return root.get_children().live().in_menu()


@register.simple_tag(takes_context=True)
def header_banners(context):
    """The published banners showing now in the current language, at most HeaderBanner.MAX_SHOWN;
    an untranslated Russian one in Russian, marked `fallback_language` (to carry `lang`).

    In the admin's preview of a banner (`preview_banner` in the context), that
    banner shows first, in place of its published version.
    """
    language = translation.get_language()
    showing = in_language_with_fallback(HeaderBanner.objects.live().active(), language)
    banners = list(showing.select_related("link_page")[: HeaderBanner.MAX_SHOWN])
    preview = context.get("preview_banner")
    if preview is not None:
        others = [banner for banner in banners if banner.translation_key != preview.translation_key]
        banners = [preview, *others][: HeaderBanner.MAX_SHOWN]
    return banners
