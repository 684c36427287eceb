"""The site plan as a picture: /{lang}/map/plan.svg and /{lang}/map/plan.png.

`compose(language_code, highlight=None)` reads the database and lays out one
`Scene`: a 1200×630 canvas (OpenGraph's size) with a title, the map (site
boundary, parking, streets with their names, buildings coloured by purpose and
numbered, entrances and stops), a north arrow, a scale bar, a key that names
each numbered building, and the credit lines. Two backends draw the same
scene: `to_svg()` (standalone SVG, built with ElementTree so every name is
escaped) and `to_png()` (Pillow, drawn at twice the size and scaled down for
smooth edges). Geometry goes through map.inline_plan.draw, the drawing of the
site plan inside pages (and so through map.projection), fitted into the map
area; colours come from the one palette (map.palette).

Texts are gettext'ed: call compose() inside translation.override(language).
"""

import itertools
import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from django.contrib.gis.geos import Polygon
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext, pgettext

from buildings.models import BuildingPage
from map import inline_plan, palette
from map.models import MapFeature
from map.projection import extent_of, svg_number

WIDTH, HEIGHT = 1200, 630
MARGIN = 24
MAP_BOX = (MARGIN, 64, 776, 488)  # x, y, width, height of the map area
KEY_X = MAP_BOX[0] + MAP_BOX[2] + 24
FRAME_PADDING = 45  # metres of context around the site
FONT_FAMILY = "DejaVu Sans, Verdana, Arial, sans-serif"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = {False: FONT_DIR / "DejaVuSans.ttf", True: FONT_DIR / "DejaVuSans-Bold.ttf"}
SUPERSAMPLE = 2
MAX_NAME_LENGTH = 36

INK = "#1b1f23"
MUTED = "#4a5560"
WHITE = "#ffffff"
GROUND = "#f4f7f2"
# Before any boundary or building exists: the park's surroundings.
DEFAULT_EXTENT = (20.4675, 54.7405, 20.4735, 54.7435)
STOP_COLOUR = "#b3261e"
ENTRANCE_COLOUR = "#1f6b3a"


# The scene: drawing primitives in canvas pixels (1200×630)


@dataclass
class Shape:
    """Filled rings (the first outer, the rest holes or more parts); SVG uses the even-odd rule."""

    rings: list
    fill: str
    stroke: str = "none"
    width: float = 0
    dash: str = ""


@dataclass
class Line:
    points: list
    stroke: str
    width: float


@dataclass
class Circle:
    x: float
    y: float
    r: float
    fill: str
    stroke: str = "none"
    width: float = 0


@dataclass
class Text:
    x: float
    y: float
    text: str
    size: float
    fill: str = INK
    bold: bool = False
    anchor: str = "start"  # start, middle, end
    middle: bool = False  # vertically centred on y instead of sitting on it
    angle: float = 0  # degrees, clockwise
    halo: bool = False


@dataclass
class Group:
    """Primitives that belong together; `attrs` (id, class) and `title` are for the SVG."""

    items: list
    attrs: dict = field(default_factory=dict)
    title: str = ""


@dataclass
class Scene:
    title: str
    description: str
    language_code: str
    items: list = field(default_factory=list)


# Reading the data


class UnknownBuilding(LookupError):
    """No live, public building with that slug in that language."""


def compose(language_code, highlight=None):
    """The scene of the site plan in that language, `highlight` (a slug) emphasised."""
    buildings = list(
        BuildingPage.objects.public_in(language_code)
        .in_plan_order()
        .only("slug", "title", "purpose", "footprint", "locale_id")
    )
    highlighted = next((b for b in buildings if b.slug == highlight), None)
    if highlight and highlighted is None:
        raise UnknownBuilding(highlight)
    features = list(MapFeature.objects.public_in(language_code).order_by("kind", "sort_order", "pk"))
    layout = _Layout(features, buildings)
    if highlighted:
        title = gettext("Site plan of the Kaliningrad IT Park: %(name)s") % {"name": highlighted.title}
    else:
        title = gettext("Site plan of the Kaliningrad IT Park")
    lines = inline_plan.notes(inline_plan.distinct_credits(features))
    description = " ".join(
        [gettext("The buildings of the park, coloured by purpose and numbered, with the streets around it."), *lines]
    )
    scene = Scene(title=title, description=description, language_code=language_code)
    scene.items.append(Shape([[(0, 0), (WIDTH, 0), (WIDTH, HEIGHT), (0, HEIGHT)]], WHITE))
    scene.items.append(Text(MARGIN, 44, title, 24, bold=True))
    scene.items += layout.map_items(highlighted)
    scene.items += layout.key_items(highlighted)
    scene.items.append(Group([Text(MARGIN, HEIGHT - 22, " ".join(lines), 12, fill=MUTED)], {"id": "credits"}))
    return scene


class _Layout:
    """Fits the site into the map area (map.inline_plan.draw) and turns its shapes into pixel primitives."""

    def __init__(self, features, buildings):
        self.buildings = buildings
        self.numbers = {building.slug: number for number, building in enumerate(buildings, start=1)}
        frame = [f.geometry for f in features if f.kind == MapFeature.Kind.BOUNDARY]
        frame += [b.footprint for b in buildings]
        extent = extent_of(frame or [f.geometry for f in features]) or DEFAULT_EXTENT
        box_x, box_y, box_w, box_h = MAP_BOX
        self.plan = inline_plan.draw(
            [*(self.feature(f) for f in features), *(inline_plan.building_feature(b) for b in buildings)],
            Polygon.from_bbox(extent),
            padding=FRAME_PADDING,
            aspect=box_w / box_h,
        )
        # Pixels per metre: the frame and its padding fill the map area, whichever way is tighter.
        self.scale = box_w / self.plan.width
        self.origin = (box_x - self.plan.min_x * self.scale, box_y - self.plan.min_y * self.scale)
        self.by_key = {shape.key: shape for shape in self.plan.buildings}

    @staticmethod
    def feature(feature):
        return inline_plan.PlanFeature(geometry=feature.geometry, kind=feature.kind, name=feature.name)

    def at(self, x, y):
        """A point of the plan (metres) on the canvas (pixels)."""
        return round(self.origin[0] + x * self.scale, 1), round(self.origin[1] + y * self.scale, 1)

    def pixel(self, lon, lat):
        return self.at(*self.plan.projection.forward(lon, lat))

    def rings(self, shape):
        return [[self.at(*point) for point in ring] for ring in shape.rings]

    def of_kind(self, kind):
        return self.plan.of_kind(kind)

    # The map area

    def map_items(self, highlighted):
        box_x, box_y, box_w, box_h = MAP_BOX
        items = [Shape([_rectangle(box_x, box_y, box_w, box_h)], GROUND, "#c9d3da", 1)]
        for boundary in self.of_kind(MapFeature.Kind.BOUNDARY):
            items.append(Group([Shape(self.rings(boundary), "#e3ecdc", "#5b6b4f", 2, "6 4")], title=boundary.name))
        for kind in (MapFeature.Kind.GREEN, MapFeature.Kind.SQUARE):
            items += [self.open_space(feature) for feature in self.of_kind(kind) if feature.rings]
        for lane in self.of_kind(MapFeature.Kind.LANE):
            colour = palette.feature_colour(MapFeature.Kind.LANE)
            parts = [Line(part, colour, 5) for part in self.street_parts(lane)]
            if parts:
                items.append(Group(parts, {"class": "lane"}, lane.name))
        for parking in self.of_kind(MapFeature.Kind.PARKING):
            items.append(self.parking(parking))
        streets = [(street, self.street_parts(street)) for street in self.of_kind(MapFeature.Kind.STREET)]
        items += [Line(part, "#b8c2ca", 13) for _street, parts in streets for part in parts]
        items += [Line(part, WHITE, 10) for _street, parts in streets for part in parts]
        items += [
            self.building(b, b == highlighted, highlighted is not None) for b in self.buildings if b.slug in self.by_key
        ]
        items += [self.entrance(f) for f in self.of_kind(MapFeature.Kind.ENTRANCE)]
        items += [self.stop(f) for f in self.of_kind(MapFeature.Kind.TRANSPORT_STOP)]
        items += [label for street, parts in streets if (label := self.street_label(street, parts))]
        items += self.north_arrow() + self.scale_bar()
        return items

    def street_parts(self, street):
        """The street cut to the map area, as pixel polylines."""
        return [[self.at(*point) for point in line] for line in street.lines]

    def street_label(self, street, parts):
        """The street's name along its longest visible part, reading left to right."""
        if not parts or not street.name:
            return None
        points = max(parts, key=_length)
        x, y, angle = _midpoint(points)
        return Group(
            [Text(x, y, street.name, 13, fill=MUTED, anchor="middle", middle=True, angle=angle, halo=True)],
            {"class": "street-label"},
        )

    def building(self, building, is_highlighted, dim):
        colour = palette.purpose_colour(building.purpose)
        if dim and not is_highlighted:
            colour = _lighten(colour)
        number = self.numbers[building.slug]
        shape = self.by_key[building.slug]
        x, y = self.at(shape.x, shape.y)
        classes = f"building building--{building.purpose}" + (" highlight" if is_highlighted else "")
        items = [Shape(self.rings(shape), colour, INK, 3.5 if is_highlighted else 1)]
        items.append(
            Text(x, y, str(number), 13 if is_highlighted else 11, bold=True, anchor="middle", middle=True, halo=True)
        )
        title = f"{number}. {building.title} ({building.get_purpose_display()})"
        return Group(items, {"id": f"building-{building.slug}", "class": classes}, title)

    def open_space(self, feature):
        """A square or a green: its area in the palette's colour."""
        shape = Shape(self.rings(feature), palette.feature_colour(feature.kind))
        return Group([shape], {"class": str(feature.kind)}, feature.name)

    def parking(self, feature):
        items = [Shape(self.rings(feature), "#dfe3e6", "#8a949c", 1)] if feature.rings else []
        x, y = self.at(feature.x, feature.y)
        items += _parking_symbol(x, y)
        return Group(items, {"class": "parking"}, feature.name)

    def entrance(self, feature):
        x, y = self.at(feature.x, feature.y)
        return Group(_entrance_symbol(x, y), {"class": "entrance"}, feature.name)

    def stop(self, feature):
        x, y = self.at(feature.x, feature.y)
        return Group(_stop_symbol(x, y), {"class": "stop"}, feature.name)

    def north_arrow(self):
        box_x, box_y, box_w, _box_h = MAP_BOX
        x, y = box_x + box_w - 34, box_y + 20
        arrow = Shape([[(x, y), (x + 11, y + 34), (x, y + 26), (x - 11, y + 34), (x, y)]], INK)
        letter = Text(x, y + 50, gettext("N"), 14, bold=True, anchor="middle", middle=True, halo=True)
        return [Group([arrow, letter], {"id": "north-arrow"}, gettext("North"))]

    def scale_bar(self):
        """A bar of a round number of metres, about a fifth of the map area wide."""
        box_x, box_y, box_w, box_h = MAP_BOX
        target = box_w / 5 / self.scale
        metres = max((n for n in (5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000) if n <= target), default=5)
        length = metres * self.scale
        x, y = box_x + 16, box_y + box_h - 18
        label = gettext("%(metres)s m") % {"metres": metres}
        items = [
            Shape([_rectangle(x - 4, y - 24, length + 8, 32)], WHITE),
            Shape([_rectangle(x, y - 3, length / 2, 6)], INK),
            Shape([_rectangle(x + length / 2, y - 3, length / 2, 6)], WHITE, INK, 1),
            Shape([_rectangle(x, y - 3, length, 6)], "none", INK, 1),
            Text(x, y - 9, "0", 11, fill=INK),
            Text(x + length, y - 9, label, 11, fill=INK, anchor="end"),
        ]
        return [
            Group(
                items,
                {"id": "scale-bar", "data-metres": str(metres)},
                gettext("Scale: %(metres)s metres") % {"metres": metres},
            )
        ]

    # The key

    def key_items(self, highlighted):
        items = [Text(KEY_X, 84, gettext("Buildings"), 16, bold=True)]
        top, bottom = 106, 430
        step = min(22, (bottom - top) / max(len(self.buildings), 1))
        size = min(13.5, step * 0.68)
        for index, building in enumerate(self.buildings):
            y = top + index * step
            colour = palette.purpose_colour(building.purpose)
            is_highlighted = building == highlighted
            items.append(
                Group(
                    [
                        Shape(
                            [_rectangle(KEY_X, y - size * 0.8, size * 0.9, size * 0.9)],
                            colour,
                            INK,
                            2 if is_highlighted else 0.5,
                        ),
                        Text(KEY_X + 34, y, f"{self.numbers[building.slug]}", size, bold=True, anchor="end"),
                        Text(KEY_X + 42, y, _shorten(building.title), size, bold=is_highlighted),
                    ],
                    {"class": "key-entry"},
                )
            )
        y = 456
        items.append(Text(KEY_X, y, gettext("Purpose"), 13, bold=True))
        for index, (value, label) in enumerate(inline_plan.legend(self.buildings)):
            column, row = divmod(index, 3)
            x, y = KEY_X + column * 150, 476 + row * 19
            items.append(Shape([_rectangle(x, y - 10, 11, 11)], palette.purpose_colour(value), INK, 0.5))
            items.append(Text(x + 17, y, _shorten(str(label), 26), 12))
        y = 476 + 3 * 19 + 4
        kinds = {feature.kind for feature in self.plan.shapes}
        open_space = [
            (kind, label)
            for kind, label in MapFeature.Kind.choices
            if kind in kinds and kind in (MapFeature.Kind.SQUARE, MapFeature.Kind.GREEN, MapFeature.Kind.LANE)
        ]
        if open_space:
            for index, (kind, label) in enumerate(open_space):
                x = KEY_X + index * 118
                items.append(Shape([_rectangle(x, y - 10, 11, 11)], palette.feature_colour(kind), INK, 0.5))
                items.append(Text(x + 17, y, _shorten(str(label), 15), 12))
            y += 22
        symbols = [
            (_entrance_symbol, gettext("Entrance")),
            (_parking_symbol, gettext("Parking")),
            (_stop_symbol, pgettext("public transport", "Stop")),
        ]
        for index, (symbol, label) in enumerate(symbols):
            x = KEY_X + 8 + index * 118
            items += symbol(x, y - 4)
            items.append(Text(x + 14, y, label, 12))
        return items


def _entrance_symbol(x, y):
    return [Shape([[(x, y - 7), (x + 7, y + 5), (x - 7, y + 5), (x, y - 7)]], ENTRANCE_COLOUR, WHITE, 1.5)]


def _parking_symbol(x, y):
    return [
        Shape([_rectangle(x - 8, y - 8, 16, 16)], "#2f5d9e", WHITE, 1.5),
        Text(x, y, "P", 11, fill=WHITE, bold=True, anchor="middle", middle=True),
    ]


def _stop_symbol(x, y):
    return [Circle(x, y, 7, STOP_COLOUR, WHITE, 2), Circle(x, y, 2.5, WHITE)]


def _rectangle(x, y, width, height):
    return [(x, y), (x + width, y), (x + width, y + height), (x, y + height), (x, y)]


def _length(points):
    return sum(math.dist(a, b) for a, b in itertools.pairwise(points))


def _midpoint(points):
    """The point halfway along a polyline and the angle of the text there, kept upright."""
    half = _length(points) / 2
    for a, b in itertools.pairwise(points):
        segment = math.dist(a, b)
        if segment and half <= segment:
            t = half / segment
            angle = math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))
            if angle > 90:
                angle -= 180
            elif angle < -90:
                angle += 180
            return round(a[0] + (b[0] - a[0]) * t, 1), round(a[1] + (b[1] - a[1]) * t, 1), round(angle, 1)
        half -= segment
    return points[0][0], points[0][1], 0


def _lighten(colour):
    """The colour mixed half with white: the buildings that are not highlighted."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{(value + 255) // 2:02x}" for value in (red, green, blue))


def _shorten(text, length=MAX_NAME_LENGTH):
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


# SVG

SVG_NS = "http://www.w3.org/2000/svg"


def to_svg(scene):
    """The scene as a standalone SVG document (UTF-8 bytes)."""
    root = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "version": "1.1",
            "width": str(WIDTH),
            "height": str(HEIGHT),
            "viewBox": f"0 0 {WIDTH} {HEIGHT}",
            "role": "img",
            "aria-labelledby": "plan-title plan-desc",
            "font-family": FONT_FAMILY,
            "lang": scene.language_code,
            "xml:lang": scene.language_code,
        },
    )
    ET.SubElement(root, "title", {"id": "plan-title"}).text = scene.title
    ET.SubElement(root, "desc", {"id": "plan-desc"}).text = scene.description
    for item in scene.items:
        _svg_item(root, item)
    ET.indent(root, space=" ")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8", xml_declaration=False)


def _svg_item(parent, item):
    if isinstance(item, Group):
        group = ET.SubElement(parent, "g", item.attrs)
        if item.title:
            ET.SubElement(group, "title").text = item.title
        for child in item.items:
            _svg_item(group, child)
    elif isinstance(item, Shape):
        d = " ".join("M" + "L".join(f"{svg_number(x)} {svg_number(y)}" for x, y in ring) + "Z" for ring in item.rings)
        attrs = {"d": d, "fill": item.fill, "fill-rule": "evenodd"}
        if item.stroke != "none":
            attrs.update({"stroke": item.stroke, "stroke-width": svg_number(item.width), "stroke-linejoin": "round"})
        if item.dash:
            attrs["stroke-dasharray"] = item.dash
        ET.SubElement(parent, "path", attrs)
    elif isinstance(item, Line):
        d = "M" + "L".join(f"{svg_number(x)} {svg_number(y)}" for x, y in item.points)
        attrs = {"d": d, "fill": "none", "stroke": item.stroke, "stroke-width": svg_number(item.width)}
        attrs.update({"stroke-linecap": "round", "stroke-linejoin": "round"})
        ET.SubElement(parent, "path", attrs)
    elif isinstance(item, Circle):
        attrs = {"cx": svg_number(item.x), "cy": svg_number(item.y), "r": svg_number(item.r), "fill": item.fill}
        if item.stroke != "none":
            attrs.update({"stroke": item.stroke, "stroke-width": svg_number(item.width)})
        ET.SubElement(parent, "circle", attrs)
    elif isinstance(item, Text):
        attrs = {
            "x": svg_number(item.x),
            "y": svg_number(item.y),
            "font-size": svg_number(item.size),
            "fill": item.fill,
        }
        if item.bold:
            attrs["font-weight"] = "bold"
        if item.anchor != "start":
            attrs["text-anchor"] = item.anchor
        if item.middle:
            attrs["dominant-baseline"] = "central"
        if item.angle:
            attrs["transform"] = f"rotate({svg_number(item.angle)} {svg_number(item.x)} {svg_number(item.y)})"
        if item.halo:
            attrs.update({"stroke": WHITE, "stroke-width": "3", "stroke-linejoin": "round", "paint-order": "stroke"})
        ET.SubElement(parent, "text", attrs).text = item.text


# PNG

ANCHORS = {("start", False): "ls", ("middle", False): "ms", ("end", False): "rs"}
ANCHORS |= {("start", True): "lm", ("middle", True): "mm", ("end", True): "rm"}


def check_fonts():
    """Fail clearly when the TrueType fonts with Cyrillic that the PNG needs are missing."""
    missing = [str(path) for path in FONTS.values() if not path.is_file()]
    if missing:
        raise ImproperlyConfigured(
            f"The site plan PNG needs the DejaVu fonts (Debian package fonts-dejavu-core); missing: {', '.join(missing)}"
        )


def to_png(scene, width=WIDTH):
    """The scene as a PNG `width` pixels wide (the height keeps the 1200:630 ratio)."""
    from PIL import Image, ImageDraw, ImageFont

    check_fonts()
    height = round(width * HEIGHT / WIDTH)
    factor = width / WIDTH * SUPERSAMPLE
    image = Image.new("RGB", (width * SUPERSAMPLE, height * SUPERSAMPLE), WHITE)
    draw = ImageDraw.Draw(image)
    fonts = {}

    def font(size, bold):
        key = (round(size * factor), bold)
        if key not in fonts:
            fonts[key] = ImageFont.truetype(str(FONTS[bold]), key[0])
        return fonts[key]

    def scaled(points):
        return [(x * factor, y * factor) for x, y in points]

    def paint(item):
        if isinstance(item, Group):
            for child in item.items:
                paint(child)
        elif isinstance(item, Shape):
            fill = None if item.fill == "none" else item.fill
            outline = None if item.stroke == "none" else item.stroke
            stroke_width = max(1, round(item.width * factor)) if outline else 0
            # Pillow has no even-odd fill: every ring is filled and outlined (holes in
            # footprints are rare on a plan of this scale, and still show their outline).
            for ring in item.rings:
                draw.polygon(scaled(ring), fill=fill, outline=outline, width=stroke_width)
        elif isinstance(item, Line):
            width_px = max(1, round(item.width * factor))
            points = scaled(item.points)
            draw.line(points, fill=item.stroke, width=width_px, joint="curve")
            radius = width_px / 2
            for x, y in (points[0], points[-1]):
                draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=item.stroke)
        elif isinstance(item, Circle):
            r = item.r * factor
            x, y = item.x * factor, item.y * factor
            outline = None if item.stroke == "none" else item.stroke
            draw.ellipse(
                (x - r, y - r, x + r, y + r), fill=item.fill, outline=outline, width=round(item.width * factor)
            )
        elif isinstance(item, Text):
            text_font = font(item.size, item.bold)
            stroke = round(1.5 * factor) if item.halo else 0
            anchor = ANCHORS[(item.anchor, item.middle)]
            if item.angle:
                _paste_rotated(image, item, text_font, stroke, factor)
            else:
                draw.text(
                    (item.x * factor, item.y * factor),
                    item.text,
                    font=text_font,
                    fill=item.fill,
                    anchor=anchor,
                    stroke_width=stroke,
                    stroke_fill=WHITE,
                )

    for item in scene.items:
        paint(item)
    image = image.resize((width, height), Image.Resampling.LANCZOS)
    output = BytesIO()
    image.save(output, "PNG", optimize=True)
    return output.getvalue()


def _paste_rotated(image, item, text_font, stroke, factor):
    """Text turned by item.angle (clockwise), centred on its point."""
    from PIL import Image, ImageDraw

    left, top, right, bottom = text_font.getbbox(item.text, stroke_width=stroke, anchor="mm")
    label = Image.new("RGBA", (int(right - left) + 4, int(bottom - top) + 4), (255, 255, 255, 0))
    ImageDraw.Draw(label).text(
        (label.width / 2, label.height / 2),
        item.text,
        font=text_font,
        fill=item.fill,
        anchor="mm",
        stroke_width=stroke,
        stroke_fill=WHITE,
    )
    label = label.rotate(-item.angle, resample=Image.Resampling.BICUBIC, expand=True)
    x, y = round(item.x * factor - label.width / 2), round(item.y * factor - label.height / 2)
    image.paste(label, (x, y), label)
