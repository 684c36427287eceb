"""Demo content for the map: the site boundary and the context
layers (streets derived from OpenStreetMap, schematic entrances, parking and
stops), the open space of the demo masterplan (squares, greens and lanes,
from buildings/demo_layout.py), and the map page under the home page, in Russian with English
translations. Loaded by load_demo_content, after the home page's demo."""

import json
from pathlib import Path

from django.contrib.gis.geos import GEOSGeometry
from django.db import transaction

from wagtail.models import Locale

from buildings.demo_layout import OPEN_SPACES
from core.translation import publish_translated_page, translate
from home.models import HomePage
from map.models import MapFeature, MapPage

DATA = Path(__file__).resolve().parent / "demo" / "site.geojson"
FORMER = Path(__file__).resolve().parent / "demo" / "former-grid.geojson"
# Two geometries are the same if no vertex moved by more than this (degrees: about a centimetre).
SAME_SHAPE = 1e-7


PAGE = {
    "title": ("Карта", "Map"),
    "slug": ("map", "map"),
    "intro": (
        "IT-парк на карте: участок площадью 5,4 гектара на пересечении Советского проспекта, "
        "аллеи Каштановой и улицы Красной, его здания, въезды, парковки и остановки. "
        "Выберите здание на карте или в списке, чтобы узнать о нём больше, а шкала времени покажет, "
        "как парк будет строиться до 2031 года. Расположение зданий схематичное: точные границы "
        "участков не опубликованы.",
        "The IT park on the map: the 5.4-hectare site at the crossing of Sovetsky Prospekt, "
        "Kashtanova Alley and Krasnaya Street, its buildings, entrances, parking and stops. "
        "Pick a building on the map or in the list to learn more about it, and move the timeline "
        "to see how the park is built up to 2031. The layout is schematic: the exact plot "
        "boundaries are not public.",
    ),
}


@transaction.atomic
def load(log):
    ru = Locale.objects.get(language_code="ru")
    en = Locale.objects.get(language_code="en")
    load_features(ru, en, log)
    load_page(ru, en, log)


def load_page(ru, en, log):
    """The map page under the Russian home page, and its English translation; kept if it exists."""
    if MapPage.objects.filter(locale=ru).exists():
        log("map page: kept")
        return
    home = HomePage.objects.get(locale=ru)
    page = MapPage(title=PAGE["title"][0], slug=PAGE["slug"][0], intro=PAGE["intro"][0], show_in_menus=True)
    publish_translated_page(home, page, en, dict(PAGE.values()))
    log("map page: created in ru and en")


def demo_features():
    """The demo's map features as (kind, name ru, name en, WGS84 geometry, credit): the context layers of
    demo/site.geojson, then the open space of the masterplan (buildings/demo_layout.py)."""
    features = [
        (
            props["kind"],
            props["name_ru"],
            props["name_en"],
            GEOSGeometry(json.dumps(feature["geometry"]), srid=4326),
            props["credit"],
        )
        for feature in json.loads(DATA.read_text())["features"]
        for props in [feature["properties"]]
    ]
    features += [(space.kind, space.name_ru, space.name_en, space.geometry(), "") for space in OPEN_SPACES]
    return features


def former_geometries():
    """{(kind, name ru): geometry} of the entrances and parking of the earlier demo layout."""
    return {
        (feature["properties"]["kind"], feature["properties"]["name_ru"]): GEOSGeometry(
            json.dumps(feature["geometry"]), srid=4326
        )
        for feature in json.loads(FORMER.read_text())["features"]
    }


def load_features(ru, en, log):
    """The site boundary, context layers and open space: the missing ones are added, editors' ones kept.

    A feature is the demo's if it has the demo's kind and Russian name. One
    still where the earlier demo layout put it (demo/former-grid.geojson) moves
    to the masterplan's place, in both languages (the geometry is synchronised).
    """
    existing = {(item.kind, item.name): item for item in MapFeature.objects.filter(locale=ru)}
    former = former_geometries()
    created = moved = 0
    for order, (kind, name_ru, name_en, geometry, credit) in enumerate(demo_features()):
        item = existing.get((kind, name_ru))
        if item is None:
            item = MapFeature.objects.create(
                locale=ru, kind=kind, name=name_ru, geometry=geometry, credit=credit, sort_order=order
            )
            translate(item, en, {name_ru: name_en})
            created += 1
            continue
        old = former.get((kind, name_ru))
        if old is not None and item.geometry.equals_exact(old, SAME_SHAPE) and not item.geometry.equals(geometry):
            for copy in MapFeature.objects.filter(translation_key=item.translation_key):
                copy.geometry = geometry
                copy.save(update_fields=["geometry", "updated_at"])
            moved += 1
    log(f"map features: {created} created in ru and en" if created else "map features: kept")
    if moved:
        log(f"map features: {moved} moved to the masterplan layout")
