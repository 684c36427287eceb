"""The demo park's masterplan, described in metres: one line per building and per open space.

The exact plot boundaries of the Kaliningrad IT Park are not public, so the
demo shows a plausible layout (the site says so: "schematic layout"). It is
described here, small enough to read and change, and turned into WGS84
geometry by `footprints()` and `open_spaces()`; `load_demo_content` loads it
and `site/buildings/demo/buildings.geojson` (the import example) is written
from it (`python manage.py shell -c "from buildings import demo_layout; demo_layout.write_geojson()"`).

Coordinates are metres east (x) and north (y) of the suggested map centre
(FACTS.md: 54.741696 N, 20.470456 E). The site is the triangle between
Sovetsky Prospekt (the long north-east side, from the Kashtanova junction at
the apex, about (-45, 157), down to the Krasnaya crossroads at (190, -22)),
Krasnaya Street (the short east side) and Kashtanova Alley (the west side);
its south side runs at about y = -84.

The plan:

- along Sovetsky Prospekt, a street frontage of offices and institutions,
  parallel to the street (`frontage(s, t)`: s metres along the street from the
  Krasnaya crossroads, t metres in from the site's edge);
- at the Sovetsky/Krasnaya crossroads, the tallest building, a tower;
- behind the main entrance from Sovetsky Prospekt, a public square with the
  administration, the business support centre and the conference hall
  around it;
- an inner lane from Kashtanova Alley to Krasnaya Street, and a lane from the
  main entrance across the square to it;
- south of the inner lane, courtyard housing with a kindergarten, the
  sports centre, and green space at the apex and along the south edge.

Each building's gross floor area is its footprint times its floors (`gross_floor_area`).
"""

import json
import math
from dataclasses import dataclass
from pathlib import Path

from django.contrib.gis.geos import LineString, Polygon

# The suggested map centre (FACTS.md), the origin of the description.
ORIGIN = (20.470456, 54.741696)
METRES_PER_DEGREE = 111_320
# Sovetsky Prospekt's side of the site, from the Krasnaya crossroads towards the apex.
FRONTAGE_START = (189.6, -21.7)
FRONTAGE_BEARING = math.degrees(math.atan2(157.3 - -21.7, -44.7 - 189.6))  # about 143°: north-west
# Gross floor area per footprint area and floor (walls and shafts included: 1).
GROSS_FACTOR = 1.0


def frontage(s, t):
    """The point `s` metres along Sovetsky Prospekt's side (from the Krasnaya crossroads) and `t` metres inside."""
    along = math.radians(FRONTAGE_BEARING)
    ux, uy = math.cos(along), math.sin(along)
    nx, ny = -uy, ux  # a left turn from the street's direction: into the site
    x0, y0 = FRONTAGE_START
    return (x0 + s * ux + t * nx, y0 + s * uy + t * ny)


# Angle of buildings parallel to Sovetsky Prospekt (their long side along it).
ALONG_SOVETSKY = FRONTAGE_BEARING - 180


# Shapes, in metres, centred on (0, 0) before they are turned and placed: outer ring, holes.


@dataclass(frozen=True)
class Slab:
    """A plain block, `width` (along x) by `depth` (along y)."""

    width: float
    depth: float

    def rings(self):
        return _box(self.width, self.depth), []


@dataclass(frozen=True)
class Tower(Slab):
    """A slab on a small, square-ish footprint, the tallest building."""


@dataclass(frozen=True)
class LShape:
    """An L: a wing `width` long and `wing` deep along the bottom, an arm `arm` wide up the left side."""

    width: float
    depth: float
    wing: float
    arm: float

    def rings(self):
        w, d = self.width / 2, self.depth / 2
        return [
            (-w, -d),
            (w, -d),
            (w, -d + self.wing),
            (-w + self.arm, -d + self.wing),
            (-w + self.arm, d),
            (-w, d),
        ], []


@dataclass(frozen=True)
class UShape:
    """A U open to the north (before turning): a wing along the bottom and two arms `arm` wide."""

    width: float
    depth: float
    arm: float

    def rings(self):
        w, d, a = self.width / 2, self.depth / 2, self.arm
        return [(-w, -d), (w, -d), (w, d), (w - a, d), (w - a, -d + a), (-w + a, -d + a), (-w + a, d), (-w, d)], []


@dataclass(frozen=True)
class Courtyard:
    """A perimeter block around a courtyard: a polygon with a hole, its wings `ring` deep."""

    width: float
    depth: float
    ring: float

    def rings(self):
        return _box(self.width, self.depth), [_box(self.width - 2 * self.ring, self.depth - 2 * self.ring)]


def _box(width, depth):
    w, d = width / 2, depth / 2
    return [(-w, -d), (w, -d), (w, d), (-w, d)]


@dataclass(frozen=True)
class Building:
    """One demo building: its slug (the page's), floors, shape, centre (x, y) and turn (degrees, anticlockwise)."""

    slug: str
    floors: int
    shape: object
    at: tuple
    turn: float = 0

    def polygon_metres(self):
        outer, holes = self.shape.rings()
        return [_place(ring, self.at, self.turn) for ring in [outer, *holes]]

    @property
    def footprint_area(self):
        outer, *holes = self.polygon_metres()
        return _area(outer) - sum(_area(hole) for hole in holes)

    @property
    def gross_floor_area(self):
        """Footprint × floors, rounded to 10 m²."""
        return int(round(self.footprint_area * self.floors * GROSS_FACTOR, -1))


BUILDINGS = [
    # The tower at the Sovetsky Prospekt / Krasnaya Street crossroads.
    Building("office-c", 14, Tower(24, 24), at=(165, -40), turn=ALONG_SOVETSKY),
    # The Sovetsky Prospekt frontage, from the crossroads towards the apex.
    Building("office-b", 7, Slab(52, 18), at=frontage(68, 17), turn=ALONG_SOVETSKY),
    Building("administration-building", 5, LShape(34, 30, 16, 14), at=frontage(119, 23), turn=ALONG_SOVETSKY + 180),
    Building("business-support-centre", 4, LShape(30, 30, 16, 14), at=frontage(168, 23), turn=ALONG_SOVETSKY + 180),
    Building("office-a", 7, LShape(46, 34, 17, 15), at=frontage(214, 25), turn=ALONG_SOVETSKY + 180),
    Building("coworking", 4, Slab(30, 16), at=frontage(260, 18), turn=ALONG_SOVETSKY),
    # Around the square, behind the frontage.
    Building("conference-hall", 3, Slab(40, 18), at=frontage(148, 81), turn=ALONG_SOVETSKY),
    Building("shopping-arcade", 3, Slab(14, 22), at=frontage(89, 49), turn=ALONG_SOVETSKY),
    Building("office-d", 8, LShape(40, 30, 15, 14), at=frontage(205, 75), turn=ALONG_SOVETSKY),
    Building("office-e", 6, Slab(36, 16), at=(-58, 48), turn=58),
    Building("data-centre", 3, Slab(26, 30), at=(-100, 2)),
    # South of the inner lane: courtyard housing, the kindergarten and the sports centre.
    Building("residence-1", 5, Courtyard(44, 42, 12), at=(-127, -53)),
    Building("residence-2", 6, UShape(44, 42, 12), at=(-73, -53)),
    Building("kindergarten", 2, LShape(32, 30, 14, 14), at=(-22, -54)),
    Building("residence-3", 6, Courtyard(44, 42, 12), at=(30, -53)),
    Building("residence-4", 7, LShape(36, 42, 13, 13), at=(82, -53), turn=180),
    Building("sports-centre", 2, Slab(20, 44), at=(118, -52)),
]


@dataclass(frozen=True)
class OpenSpace:
    """A square, green or lane: its kind (map.MapFeature.Kind), names, and shape in metres."""

    kind: str
    name_ru: str
    name_en: str
    points: tuple  # a closed ring for squares and greens, a line for lanes

    def geometry(self):
        points = [to_lon_lat(x, y) for x, y in self.points]
        if self.kind == "lane":
            return LineString(points, srid=4326)
        return Polygon([*points, points[0]], srid=4326)


# The square: behind the main entrance, between the administration, the support centre and the hall.
SQUARE = tuple(
    frontage(s, t) for s, t in ((138, 6), (148, 6), (148, 42), (172, 42), (168, 66), (104, 66), (104, 42), (138, 42))
)

OPEN_SPACES = [
    OpenSpace("square", "Площадь IT-парка", "IT Park Square", SQUARE),
    OpenSpace(
        "green",
        "Сквер у аллеи Каштановой",
        "Kashtanova Alley garden",
        ((-50, 135), (-46, 105), (-40, 80), (-95, 70)),
    ),
    OpenSpace(
        "green",
        "Центральный сквер",
        "Central green",
        ((-80, -16), (-5, -16), (-15, 12), (-45, 22), (-80, 18)),
    ),
    OpenSpace(
        "green",
        "Зелёная полоса вдоль южной границы",
        "Green strip along the south edge",
        ((-176, -81), (130, -79.5), (130, -77), (-176, -78.5)),
    ),
    OpenSpace(
        "lane",
        "Внутренний проезд",
        "Inner lane",
        ((-157, -25), (137, -25), (137, -66), (187, -66)),
    ),
    OpenSpace(
        "lane",
        "Проход от главного входа",
        "Walk from the main entrance",
        (frontage(142, 0), frontage(142, 45), frontage(118, 60), frontage(118, 94)),
    ),
]


# From the description to WGS84


def to_lon_lat(x, y):
    lon0, lat0 = ORIGIN
    return (
        round(lon0 + x / (math.cos(math.radians(lat0)) * METRES_PER_DEGREE), 7),
        round(lat0 + y / METRES_PER_DEGREE, 7),
    )


def _place(ring, at, turn):
    angle = math.radians(turn)
    cos, sin = math.cos(angle), math.sin(angle)
    x0, y0 = at
    return [(x0 + x * cos - y * sin, y0 + x * sin + y * cos) for x, y in ring]


def _area(ring):
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))) / 2


def footprint(building):
    """A Building's footprint as a WGS84 Polygon (holes for courtyards)."""
    rings = [[to_lon_lat(x, y) for x, y in ring] for ring in building.polygon_metres()]
    return Polygon(*[[*ring, ring[0]] for ring in rings], srid=4326)


def footprints():
    """{slug: WGS84 Polygon} for every demo building."""
    return {building.slug: footprint(building) for building in BUILDINGS}


def by_slug():
    return {building.slug: building for building in BUILDINGS}


GEOJSON = Path(__file__).resolve().parent / "demo" / "buildings.geojson"


def write_geojson(path=GEOJSON):
    """Rewrite the footprints, floors and floor areas in the demo GeoJSON from this description (text kept)."""
    data = json.loads(path.read_text())
    layout = by_slug()
    for feature in data["features"]:
        building = layout[feature["id"]]
        feature["geometry"] = json.loads(footprint(building).geojson)
        feature["properties"]["floors"] = building.floors
        feature["properties"]["gross_floor_area"] = building.gross_floor_area
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
