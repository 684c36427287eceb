"""{% embed_dialog %}: the embed code generator ("Embed this map") on the map page and the building pages.

Renders templates/components/embed_dialog.html (see its comment for what it
shows); static/js/embed-dialog.js makes it a dialog with a live preview.
"""

from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import get_language, gettext

from map.embed import LAYER_VALUES
from map.models import MapPage

register = template.Library()

DEFAULT_HEIGHT = 500
HEIGHTS = (200, 1200)


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


def snippet(origin, language, building, title, height=DEFAULT_HEIGHT):
    """The code a journalist pastes: a responsive iframe of the embed and a plain link to the map after it.

    static/js/embed-dialog.js builds the same code for the options chosen in the dialog.
    """
    query = f"?{urlencode({'building': building})}" if building else ""
    return format_html(
        '<iframe src="{}" title="{}" width="100%" height="{}" loading="lazy" allowfullscreen></iframe>\n'
        '<p><a href="{}">{}</a></p>',
        f"{origin}/{language}/map/embed/{query}",
        title,
        height,
        f"{origin}/{language}/map/{query}",
        title,
    )


@register.inclusion_tag("components/embed_dialog.html", takes_context=True)
def embed_dialog(context, building=None):
    """The generator, with `building` (a slug) preselected if it is on the map in this language."""
    request = context["request"]
    language = get_language()
    pages = list(MapPage.objects.live().public().select_related("locale"))
    # One query per language for the buildings, shared by the list and the titles.
    buildings_by_language = {page.locale.language_code: list(page.buildings()) for page in pages}
    buildings = buildings_by_language.get(language, [])
    slugs = {item.slug for item in buildings}
    building = building if building in slugs else ""
    titles = embed_titles(pages, buildings_by_language)
    origin = f"{request.scheme}://{request.get_host()}"
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
        "generator_config": {
            "origin": origin,
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
