"""Demo content for the home app: the home page in Russian and English, header
banners and site settings. Loaded by `manage.py load_demo_content`.

Creates what is missing and leaves what exists alone, so running it again
never undoes an editor's work. Texts are written from the park's published facts.
"""

import datetime
from decimal import Decimal

from django.db import transaction

from wagtail.models import Locale, Page, Site

from core.translation import translate
from home.models import HeaderBanner, HomePage, SiteSettings

KEY_FACTS = [
    # (number, unit ru, label ru, unit en, label en)
    # The buildings, their floor space, the free space and the residents are
    # counted from the data on the home page itself (home.figures), never typed.
    (Decimal("2"), "млрд ₽", "стоимость всего проекта", "billion ₽", "cost of the whole project"),
    (
        Decimal("2031"),
        "",
        "год, к которому будет завершён весь проект",
        "",
        "the year by which the whole project is complete",
    ),
]

HOME_RU = {
    "title": "Калининградский IT-парк",
    "intro": (
        "Новый городской квартал для IT-бизнеса в Калининграде: офисы, жильё, административные "
        "здания и сервисы для предпринимателей на пересечении Советского проспекта, "
        "аллеи Каштановой и улицы Красной."
    ),
    "organisation": "Корпорация развития Калининградской области",
    "address": "Калининград, пересечение Советского проспекта,\nаллеи Каштановой и улицы Красной",
}

HOME_EN = {
    "title": "Kaliningrad IT Park",
    "intro": (
        "A new city quarter for IT business in Kaliningrad: offices, housing, administration "
        "buildings and services for entrepreneurs at the crossing of Sovetsky Prospekt, "
        "Kashtanova Alley and Krasnaya Street."
    ),
    "organisation": "Kaliningrad Region Development Corporation",
    "address": "Kaliningrad, at the crossing of Sovetsky Prospekt,\nKashtanova Alley and Krasnaya Street",
}

# The body as (block type, Russian, English); headings are h2.
BODY = [
    ("heading", "О проекте", "About the project"),
    (
        "paragraph",
        "IT-парк строит Корпорация развития Калининградской области; одним из инициаторов проекта "
        "стал губернатор Калининградской области Антон Алиханов. На участке площадью 5,4 гектара "
        "запланированы администрация, офисы, жильё и учреждения; стоимость всего проекта — "
        "2 миллиарда рублей, завершить его планируется к 2031 году.",
        "The IT park is built by the Kaliningrad Region Development Corporation; one of the "
        "project's initiators is the Governor of the Kaliningrad Region, Anton Alikhanov. "
        "Administration, offices, housing and institutions are planned on a 5.4-hectare site; the "
        "whole project costs 2 billion roubles and is due for completion by 2031.",
    ),
    (
        "paragraph",
        "О завершении первого комплекса объявили в конце октября 2023 года. По плану 2021 года "
        "в парке будет не менее 56 000 м² площадей: офисы, коммерческие здания и апартаменты — "
        "своего рода «мини-город» для IT-компаний, работающих в режиме Особой экономической зоны.",
        "The completion of the first complex was announced at the end of October 2023. The 2021 "
        "plan provides at least 56,000 m² of floor space: offices, commercial buildings and "
        "apartments, a \u201cmini-city\u201d for IT companies using the Special Economic Zone "
        "tax regime.",
    ),
    ("heading", "Что будет в парке", "What the park offers"),
    (
        "paragraph",
        "Здесь разместятся офис регионального Министерства цифрового развития, Фонд поддержки "
        "предпринимательства и МФЦ для бизнеса. Парк станет единым окном, которое связывает "
        "предприятия, университеты, малые инновационные компании и инновационную инфраструктуру.",
        "The park will house an office of the regional Ministry of Digital Development, the "
        "Entrepreneurship Support Fund and a one-stop service centre (MFC) for business. It is "
        "meant as a single window that connects enterprises, universities, small innovative "
        "companies and the innovation infrastructure.",
    ),
    ("heading", "Для IT-компаний", "For IT companies"),
    (
        "paragraph",
        "В Калининграде работает около 2 500 IT-компаний, а компаниям федерального уровня нужно "
        "не менее 1 500 м² площадей. IT-парк — место, где IT-бизнес встречается, находит идеи и "
        "создаёт решения, а регион становится привлекательнее для инвесторов и крупных IT-компаний.",
        "About 2,500 IT companies work in Kaliningrad, and companies from the federal level need "
        "at least 1,500 m² of space. The IT park is a place where IT businesses meet, find ideas "
        "and make solutions, and it makes the region more attractive to investors and large IT "
        "companies.",
    ),
]

BANNERS = [
    # (Russian, English, active from)
    (
        "Первый комплекс IT-парка завершён: о его готовности объявили в конце октября 2023 года.",
        "The IT park's first complex is complete: its completion was announced at the end of October 2023.",
        datetime.datetime(2023, 10, 31, tzinfo=datetime.UTC),
    ),
    (
        "Реконструкция Советского проспекта: светофоры у улицы Красной и аллеи Каштановой, "
        "въезды в парк и велодорожки.",
        "Sovetsky Prospekt is being rebuilt: traffic lights at Krasnaya Street and Kashtanova Alley, "
        "entrances to the park and bike lanes.",
        datetime.datetime(2024, 1, 15, tzinfo=datetime.UTC),
    ),
]


def _home_strings():
    pairs = [(HOME_RU[key], HOME_EN[key]) for key in ("title", "intro", "organisation", "address")]
    pairs.append(("home", "home"))  # the slug; a home page's slug is not part of its URL
    pairs += [(ru, en) for _, ru, en in BODY]
    for _, unit_ru, label_ru, unit_en, label_en in KEY_FACTS:
        pairs.append((label_ru, label_en))
        if unit_ru:
            pairs.append((unit_ru, unit_en))
    return dict(pairs)


def _replace_wagtail_welcome_page(root):
    """Wagtail's first migration makes a placeholder page; our home page takes its place."""
    for page in root.get_children().filter(content_type__model="page", content_type__app_label="wagtailcore"):
        if not page.get_children().exists():
            page.delete()


def _home_page(ru):
    root = Page.get_first_root_node()
    existing = HomePage.objects.filter(locale=ru).first()
    if existing:
        return existing, False
    _replace_wagtail_welcome_page(root)
    home = HomePage(
        locale=ru,
        slug="home",
        title=HOME_RU["title"],
        intro=HOME_RU["intro"],
        organisation=HOME_RU["organisation"],
        address=HOME_RU["address"],
        key_facts=[
            ("fact", {"number": number, "unit": unit, "label": label}) for number, unit, label, _, _ in KEY_FACTS
        ],
        body=[
            ("heading", {"text": ru_text, "level": "h2"}) if kind == "heading" else ("paragraph", f"<p>{ru_text}</p>")
            for kind, ru_text, _ in BODY
        ],
        search_description=HOME_RU["intro"],
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    return home, True


def _site(home):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page = home
    site.site_name = HOME_EN["title"]
    site.save()
    return site


@transaction.atomic
def load(log):
    ru = Locale.objects.get(language_code="ru")
    en = Locale.objects.get(language_code="en")

    home, created = _home_page(ru)
    log(f"home page (ru): {'created' if created else 'kept'}")
    if not home.has_translation(en):
        translate(home, en, _home_strings())
        log("home page (en): translated")
    site = _site(home)

    if not HeaderBanner.objects.filter(locale=ru).exists():
        for order, (text_ru, text_en, active_from) in enumerate(BANNERS):
            banner = HeaderBanner.objects.create(locale=ru, text=text_ru, active_from=active_from, sort_order=order)
            translate(banner, en, {text_ru: text_en})
        log(f"header banners: {len(BANNERS)} created in ru and en")

    contacts = SiteSettings.for_site(site)
    if not (contacts.phone or contacts.email or contacts.website):
        # The park publishes no contact address of its own yet: a reserved
        # .example address stands in until an editor enters the real one.
        contacts.email = "info@itpark.example"
        contacts.save()
        log("site settings: demo contact address set")
