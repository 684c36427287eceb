"""The park in figures, counted from the data each time: never typed into a page.

The home page and the residents page show them; a building's changed area,
status or space, or a new resident, changes them at once.
"""

from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from buildings.models import BuildingPage, BuildingSpace, BuildingTenant, Organisation, SpaceFigures, Status
from core import registry

# A metric projection for areas: UTM zone 34N covers the park (20.47° E).
AREA_SRID = 32634


@dataclass
class ParkFigures:
    buildings: int
    in_service: int
    site_area_ha: float | None  # None: no site boundary drawn
    floor_area: int
    space: SpaceFigures
    residents: int


def public_buildings(locale):
    return BuildingPage.objects.public_in(locale)


def space_totals(locale):
    """Lettable, let, free and reserved area of the buildings readers see, now (database sums)."""
    return BuildingSpace.objects.filter(page__in=public_buildings(locale).values("pk")).totals()


def site_area_ha(locale):
    boundary = registry.site_boundary(locale)
    if boundary is None:
        return None
    return boundary.transform(AREA_SRID, clone=True).area / 10_000


def park_figures(locale):
    """Buildings, site area, floor space, space to let and residents in `locale`'s published data."""
    buildings = public_buildings(locale).aggregate(
        count=Count("pk"),
        in_service=Count("pk", filter=Q(status=Status.IN_SERVICE)),
        floor_area=Coalesce(Sum("gross_floor_area"), 0),
    )
    return ParkFigures(
        buildings=buildings["count"],
        in_service=buildings["in_service"],
        site_area_ha=site_area_ha(locale),
        floor_area=buildings["floor_area"],
        space=space_totals(locale),
        residents=Organisation.objects.public_in(locale).residents().count(),
    )


def buildings_of(organisations, locale):
    """{organisation translation key: [buildings readers of `locale` see]} for these organisations: two queries."""
    keys = [organisation.translation_key for organisation in organisations]
    buildings = {building.pk: building for building in public_buildings(locale).in_plan_order()}
    found = {}
    tenancies = BuildingTenant.objects.filter(page_id__in=list(buildings), organisation__translation_key__in=keys)
    for page_id, key in tenancies.order_by("page__title").values_list("page_id", "organisation__translation_key"):
        found.setdefault(key, [])
        if buildings[page_id] not in found[key]:
            found[key].append(buildings[page_id])
    return found
