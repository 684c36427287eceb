"""The park in figures, counted from the data each time: never typed into a page.

The home page and the residents page show them; a building's changed area,
status or space, or a new resident, changes them at once.
"""

from dataclasses import dataclass

from django.db.models import Count, F, Q, Sum
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
    """The buildings readers see in `locale` (a Locale, or its id to spare reading it)."""
    if isinstance(locale, int):
        return BuildingPage.objects.visible().filter(locale_id=locale)
    return BuildingPage.objects.public_in(locale)


def space_totals(locale):
    """Lettable, let, free and reserved area of the buildings readers see, now (database sums)."""
    return BuildingSpace.objects.filter(page__in=public_buildings(locale).values("pk")).totals()


def site_area_ha(locale):
    boundary = registry.site_boundary(locale)
    if boundary is None:
        return None
    return boundary.transform(AREA_SRID, clone=True).area / 10_000


def park_figures(locale, residents=None):
    """Buildings, site area, floor space, space to let and residents in `locale`'s published data
    (`residents`: their number, when the caller has already counted them)."""
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
        residents=Organisation.objects.public_in(locale).residents().count() if residents is None else residents,
    )


def buildings_of(organisations, locale_id):
    """{organisation translation key: [buildings readers of that locale see]} for these organisations: one query."""
    keys = [organisation.translation_key for organisation in organisations]
    buildings = BuildingPage.objects.visible().filter(locale_id=locale_id)
    tenancies = (
        BuildingTenant.objects.filter(page__in=buildings.values("pk"), organisation__translation_key__in=keys)
        .select_related("page")
        .annotate(key=F("organisation__translation_key"))
        .order_by("page__completion_year", "page__title", "pk")
    )
    found = {}
    for tenancy in tenancies:
        housed = found.setdefault(tenancy.key, [])
        if all(building.pk != tenancy.page_id for building in housed):
            housed.append(tenancy.page)
    return found
