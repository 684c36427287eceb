"""Demo content for the map: the site boundary and the context
layers (streets derived from OpenStreetMap, schematic entrances, parking and
stops), and the map page under the home page, in Russian with English
translations. Loaded by load_demo_content, after the home page's demo."""

import json
from pathlib import Path

from django.contrib.gis.geos import GEOSGeometry
from django.db import transaction

from wagtail.models import Locale

from core.translation import publish_translated_page, translate
from home.models import HomePage
from map.models import MapFeature, MapPage

DATA = Path(__file__).resolve().parent / "demo" / "site.geojson"


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


def load_features(ru, en, log):
    """The site boundary and context layers; kept if any exist in Russian."""
    if MapFeature.objects.filter(locale=ru).exists():
        log("map features: kept")
        return
    features = json.loads(DATA.read_text())["features"]
    for order, feature in enumerate(features):
        props = feature["properties"]
        item = MapFeature.objects.create(
            locale=ru,
            kind=props["kind"],
            name=props["name_ru"],
            geometry=GEOSGeometry(json.dumps(feature["geometry"]), srid=4326),
            credit=props["credit"],
            sort_order=order,
        )
        translate(item, en, {props["name_ru"]: props["name_en"]})
    log(f"map features: {len(features)} created in ru and en")
