"""From WGS84 to a flat drawing in metres: the ground both site plans stand on.

A local equirectangular projection around a centre (lon0, lat0):

    x = (lon - lon0) * cos(lat0) * M,   y = -(lat - lat0) * M

with M the length of a degree of latitude, y pointing down as in SVG and in
images. Over a few hundred metres it is as good as UTM and needs no database.
The plan inside pages (map.inline_plan) and the plan as a picture
(map.plan_image) both draw through it, with the helpers below to clip and
take geometries apart.
"""

import math

from django.contrib.gis.geos import LineString, MultiLineString, Polygon

# Metres per degree of latitude (and of longitude at the equator).
METRES_PER_DEGREE = 111_320
# Coordinates are written to a tenth of a unit: plenty for a plan, short paths.
PRECISION = 1


class Projection:
    """Local equirectangular projection around (lon0, lat0), in metres, y pointing down."""

    def __init__(self, lon0, lat0):
        self.lon0 = lon0
        self.lat0 = lat0
        self.x_scale = math.cos(math.radians(lat0)) * METRES_PER_DEGREE

    @classmethod
    def centred_on(cls, extent):
        """The projection around the middle of an extent (lon_min, lat_min, lon_max, lat_max)."""
        lon_min, lat_min, lon_max, lat_max = extent
        return cls((lon_min + lon_max) / 2, (lat_min + lat_max) / 2)

    def forward(self, lon, lat):
        return (lon - self.lon0) * self.x_scale, -(lat - self.lat0) * METRES_PER_DEGREE

    def inverse(self, x, y):
        return x / self.x_scale + self.lon0, -y / METRES_PER_DEGREE + self.lat0

    def rectangle(self, min_x, min_y, width, height):
        """The rectangle of the drawing (in metres) as a WGS84 polygon, to clip against."""
        corners = [(min_x, min_y), (min_x + width, min_y), (min_x + width, min_y + height), (min_x, min_y + height)]
        return Polygon([self.inverse(x, y) for x, y in [*corners, corners[0]]], srid=4326)


def extent_of(geometries):
    """The extent (lon_min, lat_min, lon_max, lat_max) around all `geometries`, or None for none."""
    extents = [geometry.extent for geometry in geometries]
    if not extents:
        return None
    return (
        min(e[0] for e in extents),
        min(e[1] for e in extents),
        max(e[2] for e in extents),
        max(e[3] for e in extents),
    )


def clipped_lines(geometry, view):
    """A line geometry cut to `view`, as the LineStrings left (none when it lies outside)."""
    clipped = geometry.intersection(view)
    if isinstance(clipped, LineString):
        parts = [clipped]
    elif isinstance(clipped, MultiLineString):
        parts = list(clipped)
    else:
        parts = []
    return [part for part in parts if isinstance(part, LineString) and not part.empty]


def polygon_rings(geometry):
    """Every ring of a Polygon or MultiPolygon (outer rings and holes), as lists of (lon, lat), closed."""
    polygons = [geometry] if geometry.geom_type == "Polygon" else list(geometry)
    return [[coords[:2] for coords in ring.coords] for polygon in polygons for ring in polygon]


def svg_number(value):
    """A coordinate as short text: 12.0 is "12", -0.04 is "0"."""
    value = round(value, PRECISION)
    if value == 0:
        return "0"
    return f"{value:.{PRECISION}f}".rstrip("0").rstrip(".")
