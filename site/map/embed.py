"""The embeddable map, /{lang}/map/embed/: the only HTML view other sites may frame.

A thin page over the map page's own code: the configuration is
map.config.map_config() (the same JSON the map page gives static/js/map/main.js)
plus an ``embed`` entry that switches the script to its embed mode
(full-window map, a layers toggle, a compact list, links that open the site
in a new tab, no history entries; see main.js).

Query parameters, all optional, validated here:

``building=<slug>``
    A live building of the map, highlighted and zoomed to with its popup
    open. A slug that is not on the map (mistyped, or a building since
    removed) shows the whole park with a visible note: an article published
    with the embed keeps a working map rather than a broken frame.
``layers=buildings,street,...``
    The layers shown, in the map page's vocabulary (MapPage.LAYERS; the
    ``layers`` parameter of static/js/map/state.js). Unknown names are
    dropped; if none is left, every layer is shown.
``scroll=1``
    Scroll-wheel zoom on. Off by default, so the article scrolls past the map.

Headers: no X-Frame-Options, and ``Content-Security-Policy: frame-ancestors``
from settings.EMBED_FRAME_ANCESTORS (``*`` by default). The page sets no
cookie (no CSRF token, session or language cookie) and asks no host but this
site and the tile server, if one is configured.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language, gettext
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from map.config import map_config
from map.models import MapPage

LAYER_VALUES = tuple(str(value) for value, _label in MapPage.LAYERS)
MAX_SLUG_SHOWN = 60


@dataclass(frozen=True)
class EmbedOptions:
    """What the embed shows, read from its query string (see the module docstring)."""

    building: str | None = None
    layers: tuple[str, ...] = LAYER_VALUES
    scroll: bool = False
    unknown_building: str = ""  # the slug asked for when it is not on the map

    def query(self, *, scroll=True):
        """The query string that asks for these options again ("" for the defaults), without the "?"."""
        params = {}
        if self.building:
            params["building"] = self.building
        if self.layers != LAYER_VALUES:
            params["layers"] = ",".join(self.layers)
        if scroll and self.scroll:
            params["scroll"] = "1"
        return urlencode(params, safe=",")


def read_layers(value):
    """The known layers named in a comma-separated list, in the map's order; every layer if none is known."""
    wanted = {part.strip() for part in value.split(",")}
    layers = tuple(layer for layer in LAYER_VALUES if layer in wanted)
    return layers or LAYER_VALUES


def shown(text):
    """`text` fit to be shown back in the note: printable characters only, at most MAX_SLUG_SHOWN."""
    return "".join(char for char in text if char.isprintable())[:MAX_SLUG_SHOWN] or "?"


def read_options(params, slugs):
    """EmbedOptions from a QueryDict, given the slugs of the buildings on the map."""
    asked = params.get("building", "").strip()
    building = asked if asked in slugs else None
    return EmbedOptions(
        building=building,
        layers=read_layers(params["layers"]) if "layers" in params else LAYER_VALUES,
        scroll=params.get("scroll", "").strip() == "1",
        unknown_building=shown(asked) if asked and building is None else "",
    )


def map_page(language_code):
    """The live map page in that language; 404 when there is none (no map, nothing to embed)."""
    page = MapPage.in_language(language_code)
    if page is None:
        raise Http404(gettext("There is no map in this language."))
    return page


def frame_ancestors():
    """The Content-Security-Policy that lets the sites in settings.EMBED_FRAME_ANCESTORS frame the embed."""
    sources = " ".join(settings.EMBED_FRAME_ANCESTORS) or "'none'"
    return f"frame-ancestors {sources}"


@xframe_options_exempt
@require_safe
def embed(request):
    """The embeddable map: see the module docstring."""
    page = map_page(get_language())
    buildings = list(page.buildings())
    by_slug = {building.slug: building for building in buildings}
    options = read_options(request.GET, by_slug)
    map_url = page.get_url(request)
    full_query = options.query(scroll=False)
    full_map_url = f"{map_url}?{full_query}" if full_query else map_url
    config = map_config(page, buildings)
    config["embed"] = {
        "building": options.building,
        "layers": list(options.layers),
        "scroll": options.scroll,
        "mapUrl": map_url,
    }
    config["strings"]["twoFingers"] = gettext("Use two fingers to move the map")
    highlighted = by_slug.get(options.building)
    title = page.title
    if highlighted:
        title = gettext("%(map)s: %(building)s") % {"map": page.title, "building": highlighted.title}
    response = render(
        request,
        "map/embed.html",
        {
            "page": page,
            "title": title,
            "buildings": buildings,
            "options": options,
            "layers": MapPage.LAYERS,
            "map_config": config,
            "full_map_url": full_map_url,
        },
    )
    response["Content-Security-Policy"] = frame_ancestors()
    return response
