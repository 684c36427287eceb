"""The site plan: map features projected onto a flat drawing, ready for inline SVG.

`draw(features, ...)` takes `PlanFeature`s (a WGS84 geometry plus what the
drawing needs to know about it) and returns a `Plan`: a viewBox and, per
feature, SVG path data and a label point. The projection is a local
equirectangular one around the middle of the drawing, in metres:

    x = (lon - lon0) * cos(lat0) * M,   y = -(lat - lat0) * M

with M the length of a degree of latitude. Over a few hundred metres it is as
good as UTM and needs no database. Shared by the building directory, the
building page and the site plan as an SVG file.
"""

import math
from dataclasses import dataclass, field

from django.contrib.gis.geos import LineString, MultiLineString, Polygon

from map.models import MapFeature

# Metres per degree of latitude (and of longitude at the equator).
METRES_PER_DEGREE = 111_320
# Coordinates are written to a tenth of a metre: plenty for a plan, short paths.
PRECISION = 1
# Kinds of MapFeature drawn on the plan, in drawing order (boundary below streets).
CONTEXT_KINDS = (MapFeature.Kind.BOUNDARY, MapFeature.Kind.STREET)


@dataclass
class PlanFeature:
    """Something to draw. `kind` is "boundary", "street", "building"...; the rest is free.

    key: a stable identifier (a building's slug); name: the accessible name
    and label; url: where the feature links, if anywhere; highlighted: drawn
    emphasised; attrs: anything else the template needs (e.g. purpose).
    """

    geometry: object
    kind: str
    key: str = ""
    name: str = ""
    url: str = ""
    highlighted: bool = False
    credit: str = ""
    attrs: dict = field(default_factory=dict)


@dataclass
class Shape:
    """A feature as drawn: SVG path data and a point to hang a label on."""

    feature: PlanFeature
    d: str
    x: float
    y: float

    def __getattr__(self, name):
        # Templates read feature attributes straight off the shape: shape.name, shape.url...
        if name == "feature":
            raise AttributeError(name)
        return getattr(self.feature, name)


@dataclass
class Plan:
    """A drawing: its viewBox (min x, min y, width, height, in metres) and its shapes in drawing order."""

    min_x: float
    min_y: float
    width: float
    height: float
    shapes: list

    @property
    def view_box(self):
        return " ".join(_number(value) for value in (self.min_x, self.min_y, self.width, self.height))

    @property
    def label_size(self):
        """A font size for labels, in viewBox units, that reads the same at any zoom."""
        return _number(max(self.width, self.height) / 40)

    def of_kind(self, kind):
        return [shape for shape in self.shapes if shape.feature.kind == kind]

    @property
    def boundary(self):
        return self.of_kind("boundary")

    @property
    def streets(self):
        return self.of_kind("street")

    @property
    def buildings(self):
        return self.of_kind("building")

    @property
    def credits(self):
        """The distinct credits of the features drawn (e.g. "© OpenStreetMap contributors"), in order."""
        return list(dict.fromkeys(shape.feature.credit for shape in self.shapes if shape.feature.credit))


class Projection:
    """Local equirectangular projection around (lon0, lat0), in metres, y pointing down."""

    def __init__(self, lon0, lat0):
        self.lon0 = lon0
        self.lat0 = lat0
        self.x_scale = math.cos(math.radians(lat0)) * METRES_PER_DEGREE

    def forward(self, lon, lat):
        return (lon - self.lon0) * self.x_scale, -(lat - self.lat0) * METRES_PER_DEGREE

    def inverse(self, x, y):
        return x / self.x_scale + self.lon0, -y / METRES_PER_DEGREE + self.lat0


def context_features(locale):
    """The site boundary and the streets in `locale`, as PlanFeatures (names in that language)."""
    features = MapFeature.objects.filter(locale=locale, kind__in=CONTEXT_KINDS).order_by("sort_order", "pk")
    order = {kind: position for position, kind in enumerate(CONTEXT_KINDS)}
    features = sorted(features, key=lambda feature: order[feature.kind])
    return [
        PlanFeature(
            geometry=feature.geometry,
            kind=feature.kind,
            key=f"{feature.kind}-{feature.pk}",
            name=feature.name,
            credit=feature.credit,
        )
        for feature in features
    ]


def draw(features, frame=None, *, padding=0, min_size=0, square=False):
    """Project `features` into a Plan.

    frame: a geometry (WGS84) the drawing is fitted around; by default all
    the features. padding: metres added around the frame. min_size: the
    drawing is at least this many metres wide and high, centred on the frame.
    square: make the drawing as high as it is wide. Features wholly outside
    the drawing are left out (they would be invisible yet focusable links);
    lines are cut at its edges, so labels along them stay in view.
    """
    features = [feature for feature in features if feature.geometry and not feature.geometry.empty]
    if frame is None:
        if not features:
            return Plan(0, 0, 1, 1, [])
        extents = [feature.geometry.extent for feature in features]
        frame_extent = (
            min(e[0] for e in extents),
            min(e[1] for e in extents),
            max(e[2] for e in extents),
            max(e[3] for e in extents),
        )
    else:
        frame_extent = frame.extent
    lon_min, lat_min, lon_max, lat_max = frame_extent
    projection = Projection((lon_min + lon_max) / 2, (lat_min + lat_max) / 2)
    x0, y1 = projection.forward(lon_min, lat_min)
    x1, y0 = projection.forward(lon_max, lat_max)
    half_width = max(x1 - x0, min_size) / 2 + padding
    half_height = max(y1 - y0, min_size) / 2 + padding
    if square:
        half_width = half_height = max(half_width, half_height)
    plan = Plan(-half_width, -half_height, 2 * half_width, 2 * half_height, [])
    view = _view_polygon(plan, projection)
    for feature in features:
        shape = _shape(feature, projection, view)
        if shape is not None:
            plan.shapes.append(shape)
    return plan


def _view_polygon(plan, projection):
    """The drawing's rectangle in WGS84, to clip against."""
    corners = [
        (plan.min_x, plan.min_y),
        (plan.min_x + plan.width, plan.min_y),
        (plan.min_x + plan.width, plan.min_y + plan.height),
        (plan.min_x, plan.min_y + plan.height),
        (plan.min_x, plan.min_y),
    ]
    return Polygon([projection.inverse(x, y) for x, y in corners], srid=4326)


def _shape(feature, projection, view):
    geometry = feature.geometry
    if geometry.srid and geometry.srid != 4326:
        geometry = geometry.transform(4326, clone=True)
    if not geometry.intersects(view):
        return None
    if geometry.geom_type in ("LineString", "MultiLineString"):
        return _line_shape(feature, geometry.intersection(view), projection)
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        x, y = projection.forward(*geometry.point_on_surface.coords)
        return Shape(feature, _polygon_path(geometry, projection), round(x, PRECISION), round(y, PRECISION))
    if geometry.geom_type in ("Point", "MultiPoint"):
        x, y = projection.forward(*geometry.point_on_surface.coords)
        return Shape(feature, "", round(x, PRECISION), round(y, PRECISION))
    return None


def _line_shape(feature, line, projection):
    """A line, each part running left to right so text along it reads upright."""
    parts = [line] if isinstance(line, LineString) else list(line) if isinstance(line, MultiLineString) else []
    parts = [part for part in parts if isinstance(part, LineString) and not part.empty]
    if not parts:
        return None
    d = []
    for part in parts:
        points = [projection.forward(*coords[:2]) for coords in part.coords]
        if points[0][0] > points[-1][0]:
            points.reverse()
        d.append(_path(points, closed=False))
    longest = max(parts, key=lambda part: part.length)
    x, y = projection.forward(*longest.interpolate_normalized(0.5).coords)
    return Shape(feature, " ".join(d), round(x, PRECISION), round(y, PRECISION))


def _polygon_path(geometry, projection):
    polygons = [geometry] if geometry.geom_type == "Polygon" else list(geometry)
    rings = []
    for polygon in polygons:
        for ring in polygon:
            points = [projection.forward(*coords[:2]) for coords in ring.coords]
            rings.append(_path(points[:-1], closed=True))
    return " ".join(rings)


def _path(points, closed):
    head, *rest = points
    text = f"M{_number(head[0])} {_number(head[1])}" + "".join(f"L{_number(x)} {_number(y)}" for x, y in rest)
    return text + "Z" if closed else text


def _number(value):
    """A coordinate as short text: 12.0 is "12", -0.04 is "0"."""
    value = round(value, PRECISION)
    if value == 0:
        return "0"
    return f"{value:.{PRECISION}f}".rstrip("0").rstrip(".")
