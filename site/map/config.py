"""What the map's script (static/js/map/) is told: URLs, view, choices, timeline and its texts.

The map page and the embed hand `map_config()` to the script with
json_script, so the script holds no URL, choice or sentence of its own and
speaks the page's language. The embed adds an ``embed`` entry (map/embed.py).
"""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext

from buildings.models import BuildingIndexPage, Purpose, Quarter, Status


def ui_strings():
    """The texts the script shows, in the current language; {name}-style placeholders are filled in by it."""
    return {
        "zoomIn": gettext("Zoom in"),
        "zoomOut": gettext("Zoom out"),
        "closePopup": gettext("Close the building’s details"),
        "purpose": gettext("Purpose"),
        "status": gettext("Status"),
        "completionYear": gettext("Completion year"),
        "floors": gettext("Floors"),
        "openPage": gettext("Open the building’s page"),
        "showOnMap": gettext("Show {name} on the map"),
        "selected": gettext("Selected on the map: {name}. {purpose}, {status}, completion in {year}."),
        "deselected": gettext("No building selected."),
        "shown": gettext("{shown} of {total} buildings shown"),
        "noneShown": gettext("No building matches these filters."),
        "inYear": gettext("In {year}"),
        "phaseStanding": gettext("Standing: completed by {year}"),
        "phaseConstruction": gettext("Under construction: due within {years} years after {year}"),
        "phasePlanned": gettext("Planned: due later"),
        "phaseLabelStanding": gettext("standing"),
        "phaseLabelConstruction": gettext("under construction"),
        "phaseLabelPlanned": gettext("planned"),
        "colourPurpose": gettext("Colour: purpose"),
        "colourStatus": gettext("Colour: current status"),
        "loadError": gettext("The map data could not be loaded. The list and plan below still work."),
        "housed": gettext("Here: {names}"),
        "freeNow": gettext("Free now: {area} m²"),
        "freeArea": gettext("Free now"),
        "squareMetres": gettext("m²"),
        "organisations": gettext("Organisations"),
    }


def map_config(page, buildings):
    """Everything the script needs for `page` (a map.models.MapPage) showing `buildings`, as plain data."""
    language = page.locale.language_code
    first, last, initial = page.timeline_years(buildings)
    lat, lon = settings.MAP_CENTER
    return {
        "lang": language,
        "buildingsUrl": f"{reverse('map_api:buildings')}?{urlencode({'lang': language})}",
        "siteUrl": f"{reverse('map_api:site')}?{urlencode({'lang': language})}",
        "tileUrl": settings.MAP_TILE_URL,
        "tileAttribution": page.TILE_ATTRIBUTION if settings.MAP_TILE_URL else "",
        "center": [lat, lon],
        "zoom": settings.LEAFLET_CONFIG.get("DEFAULT_ZOOM", 17),
        "minZoom": settings.LEAFLET_CONFIG.get("MIN_ZOOM", 12),
        "maxZoom": settings.LEAFLET_CONFIG.get("MAX_ZOOM", 20),
        "purposes": [{"value": value, "label": str(label)} for value, label in Purpose.choices],
        "statuses": [{"value": value, "label": str(label)} for value, label in Status.choices],
        "layers": [{"value": str(value), "label": str(label)} for value, label in page.LAYERS],
        "years": {"min": first, "max": last, "initial": initial, "construction": page.CONSTRUCTION_YEARS},
        "strings": ui_strings(),
        "quarterNow": str(Quarter.now()),
        "freeChoices": [
            {"value": value, "label": str(label)} for value, label in BuildingIndexPage.free_space_choices()
        ],
    }
