"""Demo content for the buildings: the building directory, the 17 buildings
with their (schematic) footprints, and the organisations on the site, in
Russian with English translations. Loaded by load_demo_content after the map
features, whose site boundary the footprints are checked against.

The footprints, floors and floor areas come from the masterplan described in
buildings/demo_layout.py; the texts from demo/buildings.geojson (whose
geometry is written from the same description). A demo building that still
has the footprint of the earlier demo layout (demo/former-grid.geojson: 17
rectangles in rows) is moved to the masterplan; one an editor has drawn or
imported is kept."""

import contextlib
import json
from pathlib import Path

from django.contrib.gis.geos import GEOSGeometry
from django.db import transaction

from wagtail.models import Locale

from buildings import demo_layout
from buildings.geometry import as_multipolygon
from buildings.models import BuildingIndexPage, BuildingPage, BuildingTenant, Organisation
from core.translation import MissingTranslationError, publish_translated_page, translate
from home.models import HomePage

DATA = Path(__file__).resolve().parent / "demo" / "buildings.geojson"
FORMER = Path(__file__).resolve().parent / "demo" / "former-grid.geojson"
# Two footprints are the same if no vertex moved by more than this (degrees: about a centimetre).
SAME_SHAPE = 1e-7

INDEX = {
    "title": ("Здания", "Buildings"),
    "intro": (
        "В IT-парке запланировано 17 зданий: административные корпуса, офисы, жильё и учреждения. "
        "Расположение зданий на плане схематичное: точные границы участков не опубликованы.",
        "Seventeen buildings are planned in the IT park: administration, offices, housing and institutions. "
        "The layout on the plan is schematic: the exact plot boundaries are not public.",
    ),
}

ORGANISATIONS = [
    # (key, kind, name ru, name en, description ru, description en, building slug)
    (
        "ministry",
        Organisation.Kind.GOVERNMENT,
        "Министерство цифрового развития Калининградской области",
        "Ministry of Digital Development of the Kaliningrad Region",
        "Офис регионального министерства в IT-парке.",
        "The regional ministry's office in the IT park.",
        "administration-building",
    ),
    (
        "fund",
        Organisation.Kind.SUPPORT,
        "Фонд поддержки предпринимательства",
        "Entrepreneurship Support Fund",
        "Консультации, программы и финансовая поддержка малого и среднего бизнеса.",
        "Advice, programmes and financial support for small and medium businesses.",
        "business-support-centre",
    ),
    (
        "mfc",
        Organisation.Kind.PUBLIC_SERVICE,
        "МФЦ для бизнеса",
        "One-stop service centre (MFC) for business",
        "Государственные услуги для предпринимателей в одном окне.",
        "Public services for entrepreneurs through a single window.",
        "business-support-centre",
    ),
]

# One paragraph per purpose for the buildings' descriptions.
DESCRIPTIONS = {
    "administration": (
        "Здесь работают органы власти и управление парком: единое окно, которое связывает предприятия, "
        "университеты и малые инновационные компании.",
        "Public bodies and the park's management work here: a single window connecting enterprises, "
        "universities and small innovative companies.",
    ),
    "offices": (
        "Офисы IT-парка рассчитаны на компании, которые пользуются налоговым режимом Особой экономической зоны.",
        "The IT park's offices are designed for companies using the Special Economic Zone tax regime.",
    ),
    "housing": (
        "Жильё в парке позволяет жить рядом с работой: парк задуман как «мини-город».",
        "Housing in the park lets people live next to their work: the park is planned as a \u201cmini-city\u201d.",
    ),
    "institution": (
        "Учреждения парка обслуживают и жителей, и компании квартала.",
        "The park's institutions serve both its residents and its companies.",
    ),
    "commercial": (
        "Сервисы и торговля делают парк удобным местом для работы и жизни.",
        "Services and shops make the park a convenient place to work and live.",
    ),
}


def _index_page(home, ru, en):
    index = BuildingIndexPage.objects.filter(locale=ru).first()
    if index:
        return index, False
    index = BuildingIndexPage(title=INDEX["title"][0], slug="buildings", intro=INDEX["intro"][0], show_in_menus=True)
    strings = dict(INDEX.values()) | {"buildings": "buildings"}
    publish_translated_page(home, index, en, strings)
    return index, True


def _organisations(ru, en):
    by_key = {}
    for key, kind, name_ru, name_en, text_ru, text_en, _slug in ORGANISATIONS:
        organisation = Organisation.objects.filter(locale=ru, name=name_ru).first()
        if organisation is None:
            organisation = Organisation.objects.create(locale=ru, kind=kind, name=name_ru, description=text_ru)
            translate(organisation, en, {name_ru: name_en, text_ru: text_en})
        by_key[key] = organisation
    return by_key


def _building(index, feature, tenants, en):
    props = feature["properties"]
    layout = demo_layout.by_slug()[props["slug"]]
    description_ru, description_en = DESCRIPTIONS[props["purpose"]]
    page = BuildingPage(
        title=props["name_ru"],
        slug=props["slug"],
        purpose=props["purpose"],
        status=props["status"],
        completion_year=props["completion_year"],
        floors=layout.floors,
        gross_floor_area=layout.gross_floor_area,
        footprint=as_multipolygon(demo_layout.footprint(layout)),
        summary=props["summary_ru"],
        description=[("paragraph", f"<p>{description_ru}</p>")],
        search_description=props["summary_ru"],
    )
    page.tenants = [BuildingTenant(organisation=organisation) for organisation in tenants]
    strings = {
        props["name_ru"]: props["name_en"],
        props["slug"]: props["slug"],
        props["summary_ru"]: props["summary_en"],
        description_ru: description_en,
    }
    publish_translated_page(index, page, en, strings)
    return page


def _strings(page, feature):
    props = feature["properties"]
    description_ru, description_en = DESCRIPTIONS[props["purpose"]]
    strings = {page.title: props["name_en"], page.slug: page.slug, props["summary_ru"]: props["summary_en"]}
    return strings | {description_ru: description_en}


def former_footprints():
    """{slug: (footprint, floors, gross floor area)} of the earlier demo layout."""
    return {
        feature["id"]: (
            as_multipolygon(GEOSGeometry(json.dumps(feature["geometry"]), srid=4326)),
            feature["properties"]["floors"],
            feature["properties"]["gross_floor_area"],
        )
        for feature in json.loads(FORMER.read_text())["features"]
    }


def _still_on_former_layout(page, former):
    old = former.get(page.slug)
    return old is not None and page.footprint is not None and page.footprint.equals_exact(old[0], SAME_SHAPE)


def _move_to_masterplan(pages, features, en, former):
    """Give the demo buildings still on the earlier layout their masterplan footprints.

    Floors and floor area follow when they are the earlier demo's too (an
    editor's figures are kept). First every row moves at once (both
    languages: the geometry is synchronised), so no building is checked
    against a neighbour still standing on the old grid; then each page gets
    a published revision and its English page is synced through wagtail-localize.
    """
    layout = demo_layout.by_slug()
    for page in pages:
        plan, old = layout[page.slug], former[page.slug]
        changes = {"footprint": as_multipolygon(demo_layout.footprint(plan))}
        if (page.floors, page.gross_floor_area) == (old[1], old[2]):
            changes |= {"floors": plan.floors, "gross_floor_area": plan.gross_floor_area}
        BuildingPage.objects.filter(translation_key=page.translation_key).update(**changes)
    for page in pages:
        page.refresh_from_db()
        page.save_revision().publish()
        # If an editor has changed the Russian text, the English page is theirs to sync.
        with contextlib.suppress(MissingTranslationError):
            translate(page, en, _strings(page, features[page.slug]))


@transaction.atomic
def load(log):
    ru = Locale.objects.get(language_code="ru")
    en = Locale.objects.get(language_code="en")
    home = HomePage.objects.get(locale=ru)

    index, created = _index_page(home, ru, en)
    log(f"building directory: {'created' if created else 'kept'}")

    organisations = _organisations(ru, en)
    tenants = {}
    for key, *_, slug in ORGANISATIONS:
        tenants.setdefault(slug, []).append(organisations[key])

    created = 0
    former = former_footprints()
    features = {feature["id"]: feature for feature in json.loads(DATA.read_text())["features"]}
    to_move = []
    for slug, feature in features.items():
        existing = BuildingPage.objects.filter(locale=ru, slug=slug).first()
        if existing is None:
            _building(index, feature, tenants.get(slug, []), en)
            created += 1
        elif _still_on_former_layout(existing.specific, former):
            to_move.append(existing.specific)
    log(f"buildings: {created} created in ru and en" if created else "buildings: kept")
    if to_move:
        _move_to_masterplan(to_move, features, en, former)
        log(f"buildings: {len(to_move)} moved to the masterplan layout")
