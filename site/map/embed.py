"""The embeddable map, /{lang}/map/embed/: the only HTML view other sites may frame.

A thin page over the map page's own code: the configuration is
map.config.map_config() (the same JSON the map page gives static/js/map/main.js)
plus an ``embed`` entry that switches the script to its embed mode
(full-window map, a layers toggle, a compact list, links that open the site
in a new tab, no history entries; see main.js).

Query parameters, all optional, validated here (a bad value falls back to
the default; never an error page, since the frame sits in someone's article):

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
``gesture=0``
    On touch screens, one finger moves the map. By default one finger
    scrolls the article and two move the map, with a hint.
``theme=light|dark|auto``
    The colours: light (the default), dark, or auto (the reader's
    ``prefers-color-scheme``). Tiles, if any, are dimmed in dark.
``year=YYYY``
    The park as of that year, by the timeline's rules (static/js/map/layers.js
    phaseIn): an article about 2027 keeps showing 2027. Without it, the
    current year ("always current"). Years outside YEARS are ignored.
``since=YYYY-MM-DD``
    The day the snippet was made (the generator writes it): for each building
    shown whose status, completion year or name has changed since then, one
    line says so, linking to its page. Read from Wagtail's revisions: the
    revision published at the end of that day against the live page.
``description=...``
    The journalist's short description of the map (the generator pre-fills
    it; it is also the iframe's ``title``): a visually hidden summary for
    screen readers. Printable characters only, at most MAX_DESCRIPTION.

The parameters Pym.js adds to a frame it makes (``childId``, ``initialWidth``,
``parentTitle``, ``parentUrl``) are read by the script (static/js/map/resize.js),
not here. Every embed says when its data was last updated: the latest
publication of the map page, the buildings shown and the map features.

Headers: the site's Content-Security-Policy with ``frame-ancestors`` from
settings.EMBED_FRAME_ANCESTORS (``*`` by default) and no X-Frame-Options
(core.security.framable_by_embedding_sites), and
``Cross-Origin-Resource-Policy: cross-origin`` (set in map/embed_urls.py). The page sets no
cookie (no CSRF token, session or language cookie) and asks no host but this
site and the tile server, if one is configured.
"""

import datetime
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Max, OuterRef, Subquery
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from wagtail.models import PageLogEntry, Revision

from buildings.models import BuildingPage, Status
from core.security import framable_by_embedding_sites
from core.views import whole_number
from map.config import map_config
from map.models import MapFeature, MapPage

LAYER_VALUES = tuple(str(value) for value, _label in MapPage.LAYERS)
THEMES = (
    ("light", _("Light")),
    ("dark", _("Dark")),
    ("auto", _("As on the reader’s device")),
)
THEME_VALUES = tuple(value for value, _label in THEMES)
YEARS = range(1990, 2101)
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_SLUG_SHOWN = 60
MAX_DESCRIPTION = 300


@dataclass(frozen=True)
class EmbedOptions:
    """What the embed shows, read from its query string (see the module docstring)."""

    building: str | None = None
    layers: tuple[str, ...] = LAYER_VALUES
    scroll: bool = False
    gesture: bool = True
    theme: str = "light"
    year: int | None = None
    since: datetime.date | None = None
    description: str = ""
    unknown_building: str = ""  # the slug asked for when it is not on the map

    def embed_query(self):
        """The embed's query string that asks for these options again ("" for the defaults), without the "?"."""
        params = {}
        if self.building:
            params["building"] = self.building
        if self.layers != LAYER_VALUES:
            params["layers"] = ",".join(self.layers)
        if self.scroll:
            params["scroll"] = "1"
        if not self.gesture:
            params["gesture"] = "0"
        if self.theme != "light":
            params["theme"] = self.theme
        if self.year is not None:
            params["year"] = str(self.year)
        if self.since is not None:
            params["since"] = self.since.isoformat()
        if self.description:
            params["description"] = self.description
        return urlencode(params, safe=",")

    def full_map_query(self):
        """The map page's query string for what these options show ("" for the defaults), without the "?".

        The map page's own parameters (static/js/map/state.js): the building, the layers and the year.
        """
        params = {}
        if self.building:
            params["building"] = self.building
        if self.year is not None:
            params["year"] = str(self.year)
        if self.layers != LAYER_VALUES:
            params["layers"] = ",".join(self.layers)
        return urlencode(params, safe=",")


def read_layers(value):
    """The known layers named in a comma-separated list, in the map's order; every layer if none is known."""
    wanted = {part.strip() for part in value.split(",")}
    layers = tuple(layer for layer in LAYER_VALUES if layer in wanted)
    return layers or LAYER_VALUES


def printable(text, limit):
    """`text` with printable characters only (no controls, no line breaks), at most `limit` of them."""
    return "".join(char for char in text if char.isprintable())[:limit].strip()


def read_year(value):
    """The year asked for if it is a whole number in YEARS, else None (always current)."""
    year = whole_number(value.strip(), max_digits=4)
    return year if year in YEARS else None


def read_date(value):
    """The date in `value` if it is a real YYYY-MM-DD date, else None."""
    value = value.strip()
    if not DATE.match(value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def read_options(params, slugs):
    """EmbedOptions from a QueryDict, given the slugs of the buildings on the map."""
    asked = params.get("building", "").strip()
    building = asked if asked in slugs else None
    theme = params.get("theme", "").strip()
    return EmbedOptions(
        building=building,
        layers=read_layers(params["layers"]) if "layers" in params else LAYER_VALUES,
        scroll=params.get("scroll", "").strip() == "1",
        gesture=params.get("gesture", "").strip() != "0",
        theme=theme if theme in THEME_VALUES else "light",
        year=read_year(params.get("year", "")),
        since=read_date(params.get("since", "")),
        description=printable(params.get("description", ""), MAX_DESCRIPTION),
        unknown_building=(printable(asked, MAX_SLUG_SHOWN) or "?") if asked and building is None else "",
    )


@dataclass(frozen=True)
class Change:
    """One building's change since a date: its name and page, and each (field label, before, after)."""

    name: str
    url: str
    fields: tuple[tuple[str, str, str], ...]


def published_at_end_of(buildings, day):
    """{building pk: its Revision published last before the end of `day` (the site's time zone)}.

    Two queries, whatever the number of buildings: the revision of each page's
    last publication before the cutoff (Wagtail logs every publication with its
    revision), then those revisions.
    """
    cutoff = timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min))
    last_publication = PageLogEntry.objects.filter(
        page_id=OuterRef("pk"), action="wagtail.publish", timestamp__lt=cutoff, revision__isnull=False
    ).order_by("-timestamp", "-pk")
    revision_ids = dict(
        BuildingPage.objects.filter(pk__in=[building.pk for building in buildings])
        .annotate(revision_id=Subquery(last_publication.values("revision_id")[:1]))
        .exclude(revision_id=None)
        .values_list("pk", "revision_id")
    )
    revisions = Revision.objects.in_bulk(revision_ids.values())
    return {pk: revisions[revision_id] for pk, revision_id in revision_ids.items() if revision_id in revisions}


def status_label(value):
    """A status as the change line shows it, in lower case mid-sentence (a value no longer known, as stored)."""
    return str(Status(value).label).lower() if value in Status.values else str(value)


def changes_since(buildings, day, request):
    """The Changes of the buildings whose status, completion year or name differ now from at the end of `day`.

    A building not yet published then is new, not changed, and gets no line.
    """
    then = published_at_end_of(buildings, day)
    changes = []
    for building in buildings:
        revision = then.get(building.pk)
        if revision is None:
            continue
        old = revision.content
        compared = (
            (gettext("name"), old.get("title"), building.title, str),
            (gettext("status"), old.get("status"), building.status, status_label),
            (gettext("completion year"), old.get("completion_year"), building.completion_year, str),
        )
        fields = tuple(
            (label, shown(before), shown(after)) for label, before, after, shown in compared if before != after
        )
        if fields:
            changes.append(Change(name=building.title, url=building.get_url(request), fields=fields))
    return changes


def last_updated(page, buildings):
    """When what the embed shows was last published: the map page, its buildings or its map features."""
    moments = [page.last_published_at, *(building.last_published_at for building in buildings)]
    moments.append(MapFeature.objects.public_in(page.locale).aggregate(latest=Max("updated_at"))["latest"])
    moments = [moment for moment in moments if moment]
    # Whole seconds: HTML's <time datetime> takes at most three digits of a fraction.
    return max(moments).replace(microsecond=0) if moments else None


def map_page(language_code):
    """The live map page in that language; 404 when there is none (no map, nothing to embed)."""
    page = MapPage.in_language(language_code)
    if page is None:
        raise Http404(gettext("There is no map in this language."))
    return page


@framable_by_embedding_sites
@require_safe
def embed(request):
    """The embeddable map: see the module docstring."""
    page = map_page(get_language())
    buildings = list(page.buildings())
    by_slug = {building.slug: building for building in buildings}
    options = read_options(request.GET, by_slug)
    map_url = page.get_url(request)
    full_query = options.full_map_query()
    full_map_url = f"{map_url}?{full_query}" if full_query else map_url
    config = map_config(page, buildings)
    config["embed"] = {
        "building": options.building,
        "layers": list(options.layers),
        "scroll": options.scroll,
        "gesture": options.gesture,
        "year": options.year,
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
            "changes": changes_since(buildings, options.since, request) if options.since else [],
            "updated": last_updated(page, buildings),
        },
    )
    return response
