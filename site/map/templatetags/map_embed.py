"""{% embed_dialog %}: the embed code generator ("Embed this map") on the map page and the building pages;
{% print_qr %}: the QR code and address printed with the plan.

Renders templates/components/embed_dialog.html (see its comment for what it
shows); static/js/embed-dialog.js makes it a dialog with a live preview.
"""

from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Subquery
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import get_language, gettext

from wagtail.models import Page

from buildings.models import BuildingPage
from core.pages import PublicPageQuerySet
from core.urls import absolute_url, base_url
from map.embed import LAYER_VALUES, MAX_DESCRIPTION, THEMES
from map.models import MapPage

register = template.Library()

DEFAULT_HEIGHT = 500
HEIGHTS = (200, 1200)


def map_pages_and_buildings():
    """The visible map pages, and {language: [buildings readers see there, in plan order]}, in one query.

    The generator needs only their titles, slugs and languages, which every
    page row has: both kinds are read as plain pages together, the buildings
    in plan order (completion year, title). Who may see them is the query
    layer's `visible()`, the same test as `BuildingPage.objects.public_in()`.
    """
    kinds = ContentType.objects.get_for_models(MapPage, BuildingPage)  # cached: no query after the first
    year = BuildingPage.objects.filter(pk=OuterRef("pk")).values("completion_year")[:1]
    rows = (
        PublicPageQuerySet(Page)
        .visible()
        .filter(content_type__in=kinds.values())
        .select_related("locale")
        .annotate(completion_year=Subquery(year))
        .order_by("completion_year", "title", "pk")
    )
    pages, buildings = [], []
    for row in rows:
        (pages if row.content_type_id == kinds[MapPage].pk else buildings).append(row)
    by_language = {page.locale.language_code: [] for page in pages}
    for building in buildings:
        if building.locale.language_code in by_language:
            by_language[building.locale.language_code].append(building)
    return pages, by_language


def embed_titles(pages, buildings_by_language):
    """{language: {"": map title, slug: "map title: building name"}} for the iframe's title, per language."""
    titles = {}
    for page in pages:
        language = page.locale.language_code
        with translation.override(language):
            names = {"": page.title}
            for building in buildings_by_language[language]:
                names[building.slug] = gettext("%(map)s: %(building)s") % {
                    "map": page.title,
                    "building": building.title,
                }
        titles[language] = names
    return titles


def resize_script_url(origin):
    """The optional script that fits the frame to its content (static/js/embed-resize.js).

    Its unhashed name, not {% static %}'s: a pasted snippet lives for years, longer
    than any one deployment's hashed file names (WhiteNoise serves both).
    """
    return f"{origin}{settings.STATIC_URL}js/embed-resize.js"


def snippet(origin, language, building, title, height=DEFAULT_HEIGHT):
    """The code a journalist pastes: a responsive iframe of the embed, the resize script, a plain link to the map.

    static/js/embed-dialog.js builds the same code for the options chosen in the dialog.
    """
    query = f"?{urlencode({'building': building})}" if building else ""
    return format_html(
        '<iframe src="{}" title="{}" width="100%" height="{}" loading="lazy" allowfullscreen></iframe>\n'
        '<script src="{}" async></script>\n'
        '<p><a href="{}">{}</a></p>',
        f"{origin}/{language}/map/embed/{query}",
        title,
        height,
        resize_script_url(origin),
        f"{origin}/{language}/map/{query}",
        title,
    )


@register.inclusion_tag("components/embed_dialog.html", takes_context=True)
def embed_dialog(context, building=None):
    """The generator, with `building` (a slug) preselected if it is on the map in this language."""
    request = context["request"]
    language = get_language()
    pages, buildings_by_language = map_pages_and_buildings()
    buildings = buildings_by_language.get(language, [])
    slugs = {item.slug for item in buildings}
    building = building if building in slugs else ""
    titles = embed_titles(pages, buildings_by_language)
    origin = base_url()
    title = titles.get(language, {}).get(building) or titles.get(language, {}).get("", "")
    return {
        "request": request,
        "lang": language,
        "building": building,
        "buildings": buildings,
        "layers": MapPage.LAYERS,
        "languages": [(code, name) for code, name in settings.LANGUAGES if code in titles],
        "height": DEFAULT_HEIGHT,
        "heights": HEIGHTS,
        "snippet": snippet(origin, language, building, title),
        "themes": THEMES,
        "this_year": timezone.localdate().year,
        "max_description": MAX_DESCRIPTION,
        "generator_config": {
            "origin": origin,
            "resizeScript": resize_script_url(origin),
            "titles": titles,
            "layers": list(LAYER_VALUES),
            "height": DEFAULT_HEIGHT,
            "heights": list(HEIGHTS),
            "strings": {
                "copied": gettext("Copied: paste the code into your article."),
                "copyManually": gettext("The code is selected: press Ctrl+C (⌘C on a Mac) to copy it."),
            },
        },
    }


@register.inclusion_tag("components/print_qr.html")
def print_qr(page, building=""):
    """The QR code of `page` (the map page, or a building page given its slug) with its address, for print only.

    The address is absolute, from the configured base (core.urls.absolute_url), as the code says it.
    """
    language = page.locale.language_code
    query = f"?{urlencode({'building': building})}" if building else ""
    return {
        "qr_src": f"/{language}/map/qr.svg{query}",
        "address": absolute_url(page.get_url_parts()[2]),
        "title": page.title,
    }
