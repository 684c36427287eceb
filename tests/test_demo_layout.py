"""The demo park is a plausible masterplan: footprints inside the site with a
setback, apart from each other, floor areas that match footprint × floors,
the 2021 plan's total, varied shapes, and open space drawn as map features.

Measured in metres, in the local projection the plans use (map.projection),
on what load_demo_content put in the database (and on the description in
buildings/demo_layout.py it came from)."""

import io
import json

from django.contrib.gis.geos import GEOSGeometry, MultiPolygon
from django.core.management import call_command

import pytest

from buildings import demo_layout
from buildings.demo import former_footprints
from buildings.models import BuildingPage
from map.models import MapFeature
from map.projection import Projection

pytestmark = pytest.mark.django_db

SETBACK_METRES = 5
GAP_METRES = 6
LANE_CLEARANCE_METRES = 4
FLOOR_AREA_TOLERANCE = 0.15
TOTAL_FLOOR_AREA = 56_000  # FACTS.md: "at least 56,000 m²" (2021 plan)


def footprint_metres(building):
    polygons = [
        GEOSGeometry(
            "POLYGON("
            + ", ".join(
                "("
                + ", ".join(f"{x} {y}" for x, y in (Projection(*demo_layout.ORIGIN).forward(*p) for p in ring))
                + ")"
                for ring in polygon.coords
            )
            + ")"
        )
        for polygon in building.footprint
    ]
    return polygons[0] if len(polygons) == 1 else MultiPolygon(polygons)


def feature_metres(feature):
    geometry = feature.geometry
    projection = Projection(*demo_layout.ORIGIN)
    if geometry.geom_type == "LineString":
        return GEOSGeometry(
            "LINESTRING(" + ", ".join(f"{x} {y}" for x, y in (projection.forward(*p) for p in geometry.coords)) + ")"
        )
    rings = ", ".join(
        "(" + ", ".join(f"{x} {y}" for x, y in (projection.forward(*p) for p in ring)) + ")" for ring in geometry.coords
    )
    return GEOSGeometry(f"POLYGON({rings})")


@pytest.fixture
def buildings(ru):
    return {page.slug: page for page in BuildingPage.objects.filter(locale=ru, slug__in=demo_layout.by_slug())}


@pytest.fixture
def boundary(ru):
    return feature_metres(MapFeature.objects.filter(locale=ru).boundary())


def test_every_demo_building_is_laid_out_and_loaded(buildings):
    """If this fails, a building of the park has no place on the masterplan (or the plan names one that does not exist)."""
    assert len(demo_layout.BUILDINGS) == 17
    assert set(buildings) == set(demo_layout.by_slug())
    for slug, page in buildings.items():
        expected = demo_layout.footprint(demo_layout.by_slug()[slug])
        assert page.footprint.equals_exact(MultiPolygon(expected, srid=4326), 1e-7), slug


def test_buildings_stand_inside_the_site_with_a_setback(buildings, boundary):
    """If this fails, a building on the demo plan sits on the street or outside the park."""
    inner = boundary.buffer(-SETBACK_METRES)
    outside = [slug for slug, page in buildings.items() if not inner.contains(footprint_metres(page))]
    assert outside == []


def test_buildings_do_not_overlap_and_keep_a_gap(buildings):
    """If this fails, two buildings of the demo plan touch or overlap, which no masterplan draws."""
    shapes = {slug: footprint_metres(page) for slug, page in buildings.items()}
    slugs = sorted(shapes)
    too_close = [
        (a, b, round(shapes[a].distance(shapes[b]), 1))
        for i, a in enumerate(slugs)
        for b in slugs[i + 1 :]
        if shapes[a].distance(shapes[b]) < GAP_METRES
    ]
    assert too_close == []


def test_floor_area_matches_footprint_times_floors(buildings):
    """If this fails, a building page states a floor area its footprint and floors cannot hold."""
    wrong = {}
    for slug, page in buildings.items():
        expected = footprint_metres(page).area * page.floors
        if abs(page.gross_floor_area - expected) > FLOOR_AREA_TOLERANCE * expected:
            wrong[slug] = (page.gross_floor_area, round(expected))
    assert wrong == {}


def test_the_total_floor_area_is_the_2021_plans(buildings):
    """If this fails, the demo park is smaller than the "at least 56,000 m²" the Corporation announced."""
    assert sum(page.gross_floor_area for page in buildings.values()) >= TOTAL_FLOOR_AREA


def test_the_shapes_are_varied(buildings):
    """If this fails, the demo park is back to identical rectangles in rows."""
    shapes = {type(building.shape).__name__ for building in demo_layout.BUILDINGS}
    assert {"Slab", "LShape", "UShape", "Courtyard", "Tower"} <= shapes
    vertex_counts = {len(page.footprint[0][0]) - 1 for page in buildings.values()}
    assert vertex_counts - {4}, "every footprint is a quadrilateral"
    assert any(len(page.footprint[0]) > 1 for page in buildings.values()), "no courtyard (polygon with a hole)"
    areas = sorted(footprint_metres(page).area for page in buildings.values())
    assert areas[-1] > 2.5 * areas[0]
    floors = [page.floors for page in buildings.values()]
    tower = buildings["office-c"]
    assert tower.floors == max(floors) and tower.floors > 2 * sorted(floors)[len(floors) // 2]


def test_the_tower_stands_at_the_sovetsky_krasnaya_crossroads(buildings, boundary):
    """If this fails, the tallest building is not the accent at the junction the plan describes."""
    crossroads = GEOSGeometry("POINT({} {})".format(*Projection(*demo_layout.ORIGIN).forward(20.473532, 54.741536)))
    nearest = min(buildings, key=lambda slug: footprint_metres(buildings[slug]).distance(crossroads))
    assert nearest == "office-c"


def test_open_space_is_drawn_as_map_features(ru, en, buildings, boundary):
    """If this fails, the square, the greens or the lanes are missing from the map, or run through buildings."""
    shapes = [footprint_metres(page) for page in buildings.values()]
    spaces = list(MapFeature.objects.filter(locale=ru, kind__in=["square", "green", "lane"]))
    assert {space.kind for space in spaces} == {"square", "green", "lane"}
    for space in spaces:
        space.full_clean()  # the shape its kind allows
        geometry = feature_metres(space)
        assert boundary.contains(geometry), space.name
        clearance = LANE_CLEARANCE_METRES if space.kind == "lane" else 0.01
        assert all(geometry.distance(shape) >= clearance for shape in shapes), space.name
        assert space.has_translation(en)
    square = next(space for space in spaces if space.kind == "square")
    institutions = ["administration-building", "business-support-centre"]
    assert all(feature_metres(square).distance(footprint_metres(buildings[slug])) < 15 for slug in institutions)


def test_the_example_geojson_is_the_masterplan():
    """If this fails, the import example (buildings/demo/buildings.geojson) no longer matches the demo layout."""
    features = json.loads(demo_layout.GEOJSON.read_text())["features"]
    layout = demo_layout.by_slug()
    for feature in features:
        building = layout[feature["id"]]
        geometry = GEOSGeometry(json.dumps(feature["geometry"]), srid=4326)
        assert geometry.equals_exact(demo_layout.footprint(building), 1e-7), feature["id"]
        assert feature["properties"]["floors"] == building.floors
        assert feature["properties"]["gross_floor_area"] == building.gross_floor_area


def test_loading_again_moves_the_former_grid_to_the_masterplan_and_keeps_editors_shapes(ru, en, buildings):
    """If this fails, a site loaded with the earlier demo keeps the grid of rectangles after `make run`,
    or `make run` undoes a footprint an editor drew."""
    former = former_footprints()
    moved, edited = buildings["office-a"], buildings["kindergarten"]
    editor_shape = MultiPolygon(demo_layout.footprint(demo_layout.by_slug()["kindergarten"]).buffer(-0.00002))
    editor_shape.srid = 4326
    edited.footprint = editor_shape
    edited.save_revision().publish()
    # As a database loaded with the earlier demo has it, in both languages.
    footprint, floors, area = former["office-a"]
    BuildingPage.objects.filter(translation_key=moved.translation_key).update(
        footprint=footprint, floors=floors, gross_floor_area=area
    )
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    assert "buildings: 1 moved to the masterplan layout" in out.getvalue()
    moved.refresh_from_db()
    layout = demo_layout.by_slug()["office-a"]
    assert moved.footprint.equals_exact(MultiPolygon(demo_layout.footprint(layout), srid=4326), 1e-7)
    assert (moved.floors, moved.gross_floor_area) == (layout.floors, layout.gross_floor_area)
    english = moved.get_translation(en)
    assert english.footprint.equals_exact(moved.footprint, 1e-9)
    edited.refresh_from_db()
    assert edited.footprint.equals_exact(editor_shape, 1e-9)
    call_command("load_demo_content", stdout=(again := io.StringIO()))
    assert "moved" not in again.getvalue()
