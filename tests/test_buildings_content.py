"""The park's buildings as demo content and as translated pages: 17 buildings,
plausible and consistent geometry, and geometry that follows the Russian
source into English through wagtail-localize."""

from django.contrib.gis.geos import MultiPolygon, Polygon
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils import translation

from wagtail_localize.models import TranslationSource

import pytest

from buildings.models import BuildingPage, Organisation, Purpose, Status
from map.models import MapFeature

pytestmark = pytest.mark.django_db


@pytest.mark.smoke
def test_demo_has_17_buildings_in_each_language(ru, en):
    """Readers of either language find all 17 planned buildings."""
    assert BuildingPage.objects.live().filter(locale=ru).count() == 17
    assert BuildingPage.objects.live().filter(locale=en).count() == 17
    for page in BuildingPage.objects.filter(locale=ru):
        english = page.get_translation(en)
        assert english.title != page.title, f"{page.slug} has no English title"


def test_demo_footprints_lie_in_the_site_and_do_not_overlap(ru):
    """A plausible plan: every footprint inside the site boundary, no two buildings on top of each other."""
    boundary = MapFeature.objects.filter(locale=ru).boundary().geometry
    buildings = BuildingPage.objects.filter(locale=ru)
    assert buildings.filter(footprint__within=boundary).count() == 17
    for page in buildings:
        others = buildings.exclude(pk=page.pk).filter(footprint__intersects=page.footprint)
        assert not others.exists(), f"{page.slug} overlaps {list(others)}"


def test_demo_figures_match_the_plan(ru):
    """At least the 56,000 m² of the 2021 plan, completion years over 2023–2031, every purpose and status present."""
    buildings = BuildingPage.objects.filter(locale=ru)
    assert buildings.aggregate(total=Sum("gross_floor_area"))["total"] >= 56_000
    years = set(buildings.values_list("completion_year", flat=True))
    assert min(years) == 2023 and max(years) == 2031
    assert set(buildings.values_list("purpose", flat=True)) == set(Purpose.values)
    assert set(buildings.values_list("status", flat=True)) == set(Status.values)
    for page in buildings:
        footprint_m2 = page.footprint.transform(32634, clone=True).area
        assert 300 < footprint_m2 < 2_000, f"{page.slug}: footprint of {footprint_m2:.0f} m²"
        assert page.gross_floor_area <= footprint_m2 * page.floors * 1.05, f"{page.slug}: more floor area than fits"


def test_site_boundary_is_the_5_4_hectares_of_the_facts(ru):
    boundary = MapFeature.objects.filter(locale=ru).boundary().geometry
    assert round(boundary.transform(32634, clone=True).area / 10_000, 1) == 5.4


def test_streets_carry_the_openstreetmap_credit(ru, en):
    """Street lines derived from OpenStreetMap keep their credit, in both languages."""
    streets = MapFeature.objects.filter(kind=MapFeature.Kind.STREET)
    assert set(streets.filter(locale=en).values_list("name", flat=True)) == {
        "Sovetsky Prospekt",
        "Krasnaya Street",
        "Kashtanova Alley",
    }
    assert set(streets.values_list("credit", flat=True)) == {"© OpenStreetMap contributors"}


def test_institutions_from_the_facts_are_housed_in_buildings(ru, en):
    """The ministry's office, the support fund and the MFC for business each have a building."""
    for organisation in Organisation.objects.filter(locale=ru):
        assert organisation.tenancies.exists(), organisation.name
    english_names = set(Organisation.objects.filter(locale=en).values_list("name", flat=True))
    assert "Entrepreneurship Support Fund" in english_names
    centre = BuildingPage.objects.get(locale=en, slug="business-support-centre")
    assert {o.name for o in centre.organisations} == {
        "Entrepreneurship Support Fund",
        "One-stop service centre (MFC) for business",
    }


def test_footprint_change_in_russian_reaches_english_on_sync(ru, en):
    """A translator syncs the English page after the Russian footprint changes: the English map moves too."""
    page = BuildingPage.objects.get(locale=ru, slug="office-a")
    english = page.get_translation(en).specific
    moved = page.footprint.clone()
    moved.transform(32634)
    moved = MultiPolygon(Polygon(*[[(x + 3, y) for x, y in ring] for ring in moved[0]]), srid=32634).transform(
        4326, clone=True
    )
    page.footprint = moved
    page.full_clean()
    page.save_revision().publish()

    source = TranslationSource.objects.get(object_id=page.translation_key, locale=ru)
    source.update_from_db()
    for target in source.translations.filter(enabled=True):
        target.save_target(publish=True)

    english.refresh_from_db()
    assert english.footprint.equals_exact(page.footprint, tolerance=1e-9)
    assert english.title == "Office Building A"  # translated text is kept


@pytest.mark.parametrize(
    ("kind", "wkt", "message"),
    [
        (MapFeature.Kind.BOUNDARY, "POINT (20.47 54.742)", "not as Point"),
        (
            MapFeature.Kind.STREET,
            "POLYGON ((20.47 54.742, 20.471 54.742, 20.471 54.743, 20.47 54.742))",
            "not as Polygon",
        ),
        (MapFeature.Kind.ENTRANCE, "LINESTRING (20.47 54.742, 20.471 54.742)", "not as LineString"),
        (
            MapFeature.Kind.PARKING,
            "POLYGON ((20.47 54.742, 20.471 54.743, 20.471 54.742, 20.47 54.743, 20.47 54.742))",
            "The shape is not valid",
        ),
    ],
)
def test_map_feature_of_the_wrong_shape_is_refused(ru, kind, wkt, message):
    """A boundary drawn as a point would break the site plan and the buildings' checks: the editor is told instead."""
    feature = MapFeature(locale=ru, kind=kind, name="Проверка", geometry=wkt)
    with translation.override("en"), pytest.raises(ValidationError) as raised:
        feature.full_clean()
        assert message in " ".join(raised.value.message_dict["geometry"])
