"""Demo content for the buildings: the building directory, the buildings
with their (schematic) footprints and space to let, and the organisations on the site, in
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
from buildings.models import (
    LAST_SPACE_YEAR,
    BuildingIndexPage,
    BuildingPage,
    BuildingSpace,
    BuildingTenant,
    Organisation,
    Sector,
    TimelinePage,
)
from core.translation import MissingTranslationError, publish_translated_page, translate
from home.models import HomePage

DATA = Path(__file__).resolve().parent / "demo" / "buildings.geojson"
FORMER = Path(__file__).resolve().parent / "demo" / "former-grid.geojson"
# Two footprints are the same if no vertex moved by more than this (degrees: about a centimetre).
SAME_SHAPE = 1e-7

INDEX = {
    "title": ("Здания", "Buildings"),
    "intro": (
        "В IT-парке запланированы административные корпуса, офисы, жильё и учреждения. "
        "Расположение зданий на плане схематичное: точные границы участков не опубликованы.",
        "Administration, offices, housing and institutions are planned in the IT park. "
        "The layout on the plan is schematic: the exact plot boundaries are not public.",
    ),
}

# The institutions on the site (FACTS.md) and a few example resident companies,
# marked as examples on the site. Contacts are given only for the examples
# (reserved .example addresses): the institutions' own are not published yet.
ORGANISATIONS = [
    {
        "key": "ministry",
        "kind": Organisation.Kind.INSTITUTION,
        "building": "administration-building",
        "name": (
            "Министерство цифрового развития Калининградской области",
            "Ministry of Digital Development of the Kaliningrad Region",
        ),
        "description": (
            "Офис регионального министерства в IT-парке.",
            "The regional ministry's office in the IT park.",
        ),
        "offers": (
            "Региональные меры поддержки IT-отрасли и цифровизации, консультации по ним.",
            "Regional support for the IT industry and digitalisation, and advice on it.",
        ),
    },
    {
        "key": "fund",
        "kind": Organisation.Kind.INSTITUTION,
        "building": "business-support-centre",
        "name": ("Фонд поддержки предпринимательства", "Entrepreneurship Support Fund"),
        "description": (
            "Консультации, программы и финансовая поддержка малого и среднего бизнеса.",
            "Advice, programmes and financial support for small and medium businesses.",
        ),
        "offers": (
            "Консультации для предпринимателей, программы поддержки малого и среднего бизнеса.",
            "Advice for entrepreneurs, support programmes for small and medium businesses.",
        ),
    },
    {
        "key": "mfc",
        "kind": Organisation.Kind.INSTITUTION,
        "building": "business-support-centre",
        "name": ("МФЦ для бизнеса", "One-stop service centre (MFC) for business"),
        "description": (
            "Государственные услуги для предпринимателей в одном окне.",
            "Public services for entrepreneurs through a single window.",
        ),
        "offers": (
            "Государственные и муниципальные услуги для бизнеса в одном окне.",
            "State and municipal services for business through a single window.",
        ),
    },
    {
        "key": "amber-code",
        "kind": Organisation.Kind.RESIDENT,
        "sector": Sector.SOFTWARE,
        "building": "office-a",
        "example": True,
        "name": ("Янтарный код", "Amber Code"),
        "description": ("Разработка корпоративного программного обеспечения.", "Enterprise software development."),
        "address": ("Офисное здание А, 3-й этаж", "Office Building A, 3rd floor"),
        "email": "hello@amber-code.example",
        "website": "https://amber-code.example/",
    },
    {
        "key": "baltic-fintech",
        "kind": Organisation.Kind.RESIDENT,
        "sector": Sector.FINTECH,
        "building": "office-a",
        "example": True,
        "name": ("Балтик Финтех Лаб", "Baltic Fintech Lab"),
        "description": ("Платёжные сервисы для малого бизнеса.", "Payment services for small businesses."),
        "address": ("Офисное здание А, 5-й этаж", "Office Building A, 5th floor"),
        "email": "office@baltic-fintech.example",
        "website": "https://baltic-fintech.example/",
    },
    {
        "key": "curonian-games",
        "kind": Organisation.Kind.RESIDENT,
        "sector": Sector.GAMES,
        "building": "coworking",
        "example": True,
        "name": ("Куршская игровая студия", "Curonian Game Studio"),
        "description": ("Мобильные игры.", "Mobile games."),
        "email": "team@curonian-games.example",
    },
    {
        "key": "pregolya-security",
        "kind": Organisation.Kind.RESIDENT,
        "sector": Sector.SECURITY,
        "building": "coworking",
        "example": True,
        "name": ("Преголя Секьюрити", "Pregolya Security"),
        "description": ("Аудит информационной безопасности.", "Information security audits."),
        "email": "info@pregolya-security.example",
    },
]
TRANSLATED = ("name", "description", "offers", "opening_hours", "address")

# Space to let, as shares of a building's own gross floor area (whatever its
# footprint and floors become): lettable share, and per stated quarter the free
# and reserved shares of the lettable area. Housing is not let to companies.
LETTABLE_SHARE = 0.8
SPACE_IN_SERVICE = [((2026, 1), 0.25, 0.10), ((2027, 3), 0.10, 0.05)]
SPACE_BUILDING = [(0.60, 0.20)]  # from the last quarter of its completion year
FLOOR_BY_FLOOR = {"office-a"}

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


TIMELINE = {
    "title": ("Хронология строительства", "Construction timeline"),
    "intro": (
        "IT-парк по годам: от плана 2021 года до завершения всего проекта к 2031 году. Здания и их статус "
        "показаны по данным самих зданий.",
        "The IT park year by year: from the 2021 plan to the completion of the whole project by 2031. The "
        "buildings and their status come from the buildings' own data.",
    ),
}
# The project's steps that are not buildings (FACTS.md): year, Russian, English.
MILESTONES = [
    (
        2021,
        "План: не менее 56 000 м² офисов, коммерческих зданий и апартаментов; разрешение на строительство — "
        "в четвёртом квартале 2021 года, идёт проектирование.",
        "The plan: at least 56,000 m² of offices, commercial buildings and apartments; a construction permit "
        "planned for the fourth quarter of 2021, design under way.",
    ),
    (
        2023,
        "В мае стройку оценили в два-три года; в конце октября объявлено о завершении первого комплекса.",
        "In May construction was expected to take two to three years; at the end of October the completion "
        "of the first complex was announced.",
    ),
    (
        2031,
        "Завершение всего проекта: 17 зданий на 5,4 гектара.",
        "Completion of the whole project: 17 buildings on 5.4 hectares.",
    ),
]


def _timeline_page(home, ru, en):
    if TimelinePage.objects.filter(locale=ru).exists():
        return False
    page = TimelinePage(
        title=TIMELINE["title"][0],
        slug="timeline",
        intro=TIMELINE["intro"][0],
        show_in_menus=True,
        milestones=[("milestone", {"year": year, "text": text_ru}) for year, text_ru, _en in MILESTONES],
    )
    strings = dict(TIMELINE.values()) | {"timeline": "timeline"} | {ru_: en_ for _y, ru_, en_ in MILESTONES}
    publish_translated_page(home, page, en, strings)
    return True


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
    for item in ORGANISATIONS:
        name_ru = item["name"][0]
        organisation = Organisation.objects.filter(locale=ru, name=name_ru).first()
        if organisation is None:
            organisation = Organisation.objects.create(
                locale=ru,
                kind=item["kind"],
                sector=item.get("sector", ""),
                email=item.get("email", ""),
                website=item.get("website", ""),
                is_example=item.get("example", False),
                **{field: item[field][0] for field in TRANSLATED if field in item},
            )
            translate(organisation, en, dict(item[field] for field in TRANSLATED if field in item))
        by_key[item["key"]] = organisation
    return by_key


def _spaces(props):
    """The demo space of a building, from its own gross floor area, floors, status and completion year."""
    if props["purpose"] == "housing":
        return []
    lettable = int(props["gross_floor_area"] * LETTABLE_SHARE)
    if props["status"] == "in_service":
        stated = SPACE_IN_SERVICE
    else:
        stated = [((min(props["completion_year"], LAST_SPACE_YEAR), 4), *shares) for shares in SPACE_BUILDING]
    spaces = []
    for (year, quarter), free, reserved in stated:
        if props["slug"] in FLOOR_BY_FLOOR:
            per_floor = lettable // props["floors"]
            floors = range(1, props["floors"] + 1)
            rows = [(floor, per_floor) for floor in floors]
        else:
            rows = [(None, lettable)]
        for floor, area in rows:
            spaces.append(
                BuildingSpace(
                    year=year,
                    quarter=quarter,
                    floor=floor,
                    lettable_area=area,
                    free_area=int(area * free),
                    reserved_area=int(area * reserved),
                )
            )
    return spaces


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
    page.spaces = _spaces(props)
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
    for item in ORGANISATIONS:
        tenants.setdefault(item["building"], []).append(organisations[item["key"]])

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
    log(f"timeline: {'created' if _timeline_page(home, ru, en) else 'kept'}")
    if to_move:
        _move_to_masterplan(to_move, features, en, former)
        log(f"buildings: {len(to_move)} moved to the masterplan layout")
