"""What the map lends to lower parts (core.registry): the site boundary, its layer in the admin map, its cached outputs."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from buildings.models import BuildingPage
from core import registry
from map.models import MapFeature, MapPage


def _boundaries(locale):
    if locale is None:
        return MapFeature.objects.public_in(settings.LANGUAGE_CODE)
    return MapFeature.objects.public_in(locale)


@hooks.register(registry.SITE_BOUNDARY)
def site_boundary(locale):
    boundary = _boundaries(locale).boundary()
    return boundary.geometry if boundary is not None else None


@hooks.register(registry.REFERENCE_LAYERS)
def boundary_layer(locale_id, exclude_translation_key):
    boundaries = MapFeature.objects.filter(locale_id=locale_id)
    if exclude_translation_key:
        boundaries = boundaries.exclude(translation_key=exclude_translation_key)
    boundary = boundaries.boundary()
    shapes = [(boundary.name, boundary.geometry)] if boundary is not None else []
    return registry.ReferenceLayer("boundary", _("Site boundary"), shapes)


@hooks.register(registry.HOME_SECTIONS)
def map_teaser_section(page, request):
    """The home page's site plan, leading to the interactive map (its address is fixed: docs/contract.md)."""
    buildings = list(BuildingPage.objects.public_in(page.locale).in_plan_order())
    return registry.HomeSection(
        "map/home_map.html",
        {"buildings": buildings, "map_url": f"/{page.locale.language_code}/map/", "locale": page.locale},
        order=20,
    )


@hooks.register(registry.CACHED_OUTPUTS)
def map_outputs():
    """The map page, the embed, plans and downloads in each language, and the GeoJSON API in each language."""
    paths = []
    for map_page in MapPage.objects.live():
        path = map_page.get_url_parts()
        if path:
            paths.append(path[2])
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            paths.append(reverse("map_embed:embed"))
            paths += [
                reverse(f"map_downloads:{name}") for name in ("plan_svg", "plan_png", "buildings_kml", "buildings_csv")
            ]
    for name in ("buildings", "site"):
        api = reverse(f"map_api:{name}")
        # Varnish forgets every query of a path at once; a CDN purges exact URLs.
        paths += [api, *(f"{api}?lang={language}" for language, _name in settings.LANGUAGES)]
    return paths
