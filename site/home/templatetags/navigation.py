"""The site header and footer: main menu, header banners, contact details."""

from django import template
from django.utils import translation

from core.routing import localized_home
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


@register.simple_tag
def header_banners():
    """The banners showing now in the current language, at most HeaderBanner.MAX_SHOWN."""
    banners = (
        HeaderBanner.objects.active()
        .filter(locale__language_code=translation.get_language())
        .select_related("link_page")
    )
    return list(banners[: HeaderBanner.MAX_SHOWN])
