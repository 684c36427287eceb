"""The site plan: map features projected onto a flat drawing, ready to draw.

`draw(features, ...)` takes `PlanFeature`s (a WGS84 geometry plus what the
drawing needs to know about it) and returns a `Plan`: a frame in metres and,
per feature, its rings or lines in metres (and as SVG path data) and a label
point, through map.projection. Two drawings use it: the plan inside pages
(the building directory, a building page, the map page and the park-map block
of articles, inline SVG through map/templatetags/site_plans.py and
templates/components/site_plan*.html) and the plan as a picture
(map.plan_image: /{lang}/map/plan.svg and plan.png).

What both show beside the drawing is here too: the legend of purposes, the
credits of the geometry and the note that the layout is schematic.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext, gettext_lazy

from buildings.models import Purpose
from map.models import MapFeature
from map.projection import Projection, clipped_lines, extent_of, polygon_rings, svg_number

# Kinds of MapFeature drawn on the plan in pages, in drawing order (boundary below the open space, streets on top).
CONTEXT_KINDS = (
    MapFeature.Kind.BOUNDARY,
    MapFeature.Kind.GREEN,
    MapFeature.Kind.SQUARE,
    MapFeature.Kind.LANE,
    MapFeature.Kind.STREET,
)
# The open space inside the site, drawn in the palette's colours (static/css/palette.css: feature--<kind>).
OPEN_SPACE_KINDS = (MapFeature.Kind.GREEN, MapFeature.Kind.SQUARE, MapFeature.Kind.LANE)
SCHEMATIC_NOTE = gettext_lazy("Schematic layout: the exact plot boundaries are not public.")


@dataclass
class PlanFeature:
    """Something to draw. `kind` is "boundary", "street", "building"...; the rest is free.

    key: a stable identifier (a building's slug); name: the accessible name
    and label; url: where the feature links, if anywhere; highlighted: drawn
    emphasised; attrs: anything else the drawing needs (e.g. purpose).
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
    """A feature as drawn, in metres: its rings (polygons) or lines, and a point to hang a label on."""

    feature: PlanFeature
    x: float
    y: float
    rings: list = field(default_factory=list)  # [[(x, y), ...]], closed
    lines: list = field(default_factory=list)  # [[(x, y), ...]], each running left to right

    def __getattr__(self, name):
        # Templates read feature attributes straight off the shape: shape.name, shape.url...
        if name == "feature":
            raise AttributeError(name)
        return getattr(self.feature, name)

    @property
    def d(self):
        """SVG path data: closed rings, or open lines."""
        if self.rings:
            return " ".join(_path(ring[:-1], closed=True) for ring in self.rings)
        return " ".join(_path(line, closed=False) for line in self.lines)


@dataclass
class Plan:
    """A drawing: its frame (min x, min y, width, height, in metres) and its shapes in drawing order."""

    min_x: float
    min_y: float
    width: float
    height: float
    shapes: list
    projection: Projection | None = None

    @property
    def view_box(self):
        return " ".join(svg_number(value) for value in (self.min_x, self.min_y, self.width, self.height))

    @property
    def label_size(self):
        """A font size for labels, in viewBox units, that reads the same at any zoom."""
        return svg_number(max(self.width, self.height) / 40)

    def of_kind(self, kind):
        return [shape for shape in self.shapes if shape.feature.kind == kind]

    @property
    def boundary(self):
        return self.of_kind("boundary")

    @property
    def open_space(self):
        """Greens and squares (areas) and lanes (lines), in drawing order."""
        return [shape for shape in self.shapes if shape.feature.kind in OPEN_SPACE_KINDS]

    @property
    def open_space_legend(self):
        """The kinds of open space drawn, for the legend: [(kind, label)] in the order of the kinds."""
        present = {shape.feature.kind for shape in self.open_space}
        return [(kind, label) for kind, label in MapFeature.Kind.choices if kind in present]

    @property
    def streets(self):
        return self.of_kind("street")

    @property
    def buildings(self):
        return self.of_kind("building")

    @property
    def credits(self):
        """The distinct credits of the features drawn (e.g. "© OpenStreetMap contributors"), in order."""
        return distinct_credits(shape.feature for shape in self.shapes)

    @property
    def notes(self):
        """What to say beside the drawing: it is schematic, and where its street lines come from."""
        return notes(self.credits)


# The features


def map_features(locale, kinds=None):
    """The map features of a locale (all kinds, or `kinds` in that order) as PlanFeatures."""
    features = MapFeature.objects.public_in(locale).order_by("kind", "sort_order", "pk")
    if kinds is not None:
        order = {kind: position for position, kind in enumerate(kinds)}
        features = sorted(features.filter(kind__in=kinds), key=lambda feature: order[feature.kind])
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


def building_feature(building, url="", highlighted=False):
    """A building as a PlanFeature: its footprint, named in its language, linking to `url`."""
    return PlanFeature(
        geometry=building.footprint,
        kind="building",
        key=building.slug,
        name=building.title,
        url=url,
        highlighted=highlighted,
        attrs={"purpose": building.purpose, "purpose_label": building.get_purpose_display()},
    )


def legend(buildings):
    """The purposes of `buildings`, in the order of the choices: [(value, label)]."""
    present = {building.purpose for building in buildings}
    return [(value, label) for value, label in Purpose.choices if value in present]


def distinct_credits(features):
    """The credits of features (anything with a `credit`), each once, in order."""
    return list(dict.fromkeys(feature.credit for feature in features if feature.credit))


def notes(credits):
    """The lines that go with any plan: the layout is schematic, and where the street lines come from."""
    return [str(SCHEMATIC_NOTE), *(gettext("Street lines: %(credit)s (ODbL).") % {"credit": c} for c in credits)]


# Drawing


def draw(features, frame=None, *, padding=0, min_size=0, square=False, aspect=None):
    """Project `features` into a Plan.

    frame: a geometry (WGS84) the drawing is fitted around; by default all
    the features. padding: metres added around the frame. min_size: the
    drawing is at least this many metres wide and high, centred on the frame.
    square: make the drawing as high as it is wide; aspect: widen the shorter
    side until width / height is this. Features wholly outside the drawing are
    left out (they would be invisible yet focusable links); lines are cut at
    its edges, so labels along them stay in view.
    """
    features = [feature for feature in features if feature.geometry and not feature.geometry.empty]
    extent = frame.extent if frame is not None else extent_of(feature.geometry for feature in features)
    if extent is None:
        return Plan(0, 0, 1, 1, [])
    projection = Projection.centred_on(extent)
    x0, y1 = projection.forward(extent[0], extent[1])
    x1, y0 = projection.forward(extent[2], extent[3])
    half_width = max(x1 - x0, min_size) / 2 + padding
    half_height = max(y1 - y0, min_size) / 2 + padding
    if square:
        aspect = 1
    if aspect:
        half_width, half_height = max(half_width, half_height * aspect), max(half_height, half_width / aspect)
    plan = Plan(-half_width, -half_height, 2 * half_width, 2 * half_height, [], projection)
    view = projection.rectangle(plan.min_x, plan.min_y, plan.width, plan.height)
    for feature in features:
        shape = _shape(feature, projection, view)
        if shape is not None:
            plan.shapes.append(shape)
    return plan


def _shape(feature, projection, view):
    geometry = feature.geometry
    if geometry.srid and geometry.srid != 4326:
        geometry = geometry.transform(4326, clone=True)
    if not geometry.intersects(view):
        return None
    if geometry.geom_type in ("LineString", "MultiLineString"):
        return _line_shape(feature, clipped_lines(geometry, view), projection)
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        x, y = projection.forward(*geometry.point_on_surface.coords)
        rings = [[projection.forward(*point) for point in ring] for ring in polygon_rings(geometry)]
        return Shape(feature, _round(x), _round(y), rings=rings)
    if geometry.geom_type in ("Point", "MultiPoint"):
        x, y = projection.forward(*geometry.point_on_surface.coords)
        return Shape(feature, _round(x), _round(y))
    return None


def _line_shape(feature, parts, projection):
    """A line, each part running left to right so text along it reads upright."""
    if not parts:
        return None
    lines = []
    for part in parts:
        points = [projection.forward(*coords[:2]) for coords in part.coords]
        if points[0][0] > points[-1][0]:
            points.reverse()
        lines.append(points)
    longest = max(parts, key=lambda part: part.length)
    x, y = projection.forward(*longest.interpolate_normalized(0.5).coords)
    return Shape(feature, _round(x), _round(y), lines=lines)


def _round(value):
    return round(value, 1)


def _path(points, closed):
    head, *rest = points
    text = f"M{svg_number(head[0])} {svg_number(head[1])}" + "".join(
        f"L{svg_number(x)} {svg_number(y)}" for x, y in rest
    )
    return text + "Z" if closed else text
