"""Demo content for the map: the site boundary from FACTS.md and the context
layers (streets derived from OpenStreetMap, schematic entrances, parking and
stops), in Russian with English translations. Loaded by load_demo_content."""

import json
from pathlib import Path

from django.contrib.gis.geos import GEOSGeometry
from django.db import transaction

from wagtail.models import Locale

from core.translation import translate
from map.models import MapFeature

DATA = Path(__file__).resolve().parent / "demo" / "site.geojson"


@transaction.atomic
def load(log):
    ru = Locale.objects.get(language_code="ru")
    en = Locale.objects.get(language_code="en")
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
