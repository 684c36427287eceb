"""Checks on building geometry, shared by the admin form and the GeoJSON import.

Each check returns messages an editor can act on, in the active language.
Relations between buildings are asked of the database (GeoDjango lookups),
so they work the same on PostGIS and SpatiaLite.
"""

import json

from django.conf import settings
from django.contrib.gis.geos import GEOSGeometry, MultiPoint, MultiPolygon, Point, Polygon
from django.utils.translation import gettext as _

from core.registry import site_boundary

# Metric projection for distances around the park: UTM zone 34N covers Kaliningrad.
METRIC_SRID = 32634
# How far outside the site boundary geometry may reach (drawing slack, setbacks).
SITE_MARGIN_M = 100
# Before a site boundary is drawn, geometry must lie this close to the park's centre.
REGION_RADIUS_M = 2000


def as_multipolygon(geometry):
    """A Polygon becomes a one-part MultiPolygon; anything else is returned as it is."""
    if isinstance(geometry, Polygon):
        return MultiPolygon(geometry, srid=geometry.srid)
    return geometry


def as_multipoint(geometry):
    """A Point becomes a one-part MultiPoint; anything else is returned as it is."""
    if isinstance(geometry, Point):
        return MultiPoint(geometry, srid=geometry.srid)
    return geometry


def park_region():
    """Where building geometry may lie, in metric coordinates: the site boundary plus a margin.

    The boundary is the map's (core.registry.site_boundary); before one is
    drawn, a circle around the park's centre.
    """
    boundary = site_boundary()
    if boundary is not None:
        return boundary.transform(METRIC_SRID, clone=True).buffer(SITE_MARGIN_M)
    lat, lon = settings.MAP_CENTER
    return Point(lon, lat, srid=4326).transform(METRIC_SRID, clone=True).buffer(REGION_RADIUS_M)


def _swap_xy(coordinates):
    if isinstance(coordinates[0], int | float):
        return [coordinates[1], coordinates[0], *coordinates[2:]]
    return [_swap_xy(part) for part in coordinates]


def swapped_axes(geometry):
    """The same geometry with longitude and latitude exchanged."""
    data = json.loads(geometry.json)
    data["coordinates"] = _swap_xy(data["coordinates"])
    return GEOSGeometry(json.dumps(data), srid=geometry.srid)


def _in_region(geometry, region):
    lon_min, lat_min, lon_max, lat_max = geometry.extent
    if not (-180 <= lon_min <= lon_max <= 180 and -90 <= lat_min <= lat_max <= 90):
        return False
    return region.contains(geometry.transform(METRIC_SRID, clone=True))


def location_problems(geometry, region=None):
    """Is the geometry on the park's site? Says so when latitude and longitude look exchanged."""
    region = region or park_region()
    if _in_region(geometry, region):
        return []
    if _in_region(swapped_axes(geometry), region):
        return [
            _(
                "The coordinates are in latitude, longitude order; GeoJSON and the map "
                "expect longitude first, then latitude."
            )
        ]
    return [_("It lies outside the park: more than %(margin)s m from the site boundary.") % {"margin": SITE_MARGIN_M}]


def shape_problems(geometry):
    """Is it a non-empty, valid polygon or multipolygon?"""
    if geometry is None or geometry.empty:
        return [_("The footprint is empty: draw the outline of the building.")]
    if geometry.geom_type not in ("Polygon", "MultiPolygon"):
        return [_("The footprint must be a polygon or a multipolygon, not a %(type)s.") % {"type": geometry.geom_type}]
    if not geometry.valid:
        reason = geometry.valid_reason
        if reason.startswith(("Self-intersection", "Ring Self-intersection")):
            return [_("The outline crosses itself: move the corners so that no two edges cross.")]
        return [_("The footprint is not a valid polygon (%(reason)s).") % {"reason": reason}]
    return []


def overlapping_buildings(geometry, others):
    """Those of `others` (a queryset of buildings) whose footprints overlap this one (touching is fine)."""
    return list(others.filter(footprint__intersects=geometry).exclude(footprint__touches=geometry).order_by("title"))


def footprint_problems(geometry, others, region=None):
    """Everything wrong with a building footprint, as messages; empty when it can be saved.

    `others`: the buildings it must not overlap (BuildingPageQuerySet.others_than()).
    """
    problems = shape_problems(geometry)
    if problems:
        return problems
    problems = location_problems(geometry, region)
    if problems:
        return problems
    overlapping = overlapping_buildings(as_multipolygon(geometry), others)
    if overlapping:
        names = ", ".join(b.title for b in overlapping)
        return [_("The footprint overlaps another building: %(names)s.") % {"names": names}]
    return []


def entrance_problems(geometry, region=None):
    """Entrances are points on the site."""
    if geometry is None or geometry.empty:
        return []
    if geometry.geom_type not in ("Point", "MultiPoint"):
        return [_("Entrances must be points, not a %(type)s.") % {"type": geometry.geom_type}]
    return location_problems(geometry, region)
