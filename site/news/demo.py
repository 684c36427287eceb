"""Demo content for the news: the news index and six articles in Russian with
English translations (through wagtail-localize), their pictures (plain cards
drawn with Pillow, nothing downloaded), and the newsroom's groups and
moderation workflow. Loaded by load_demo_content after the buildings.

Creates what is missing and leaves what exists alone. Texts are written from
the park's published facts (Klops, RBC Kaliningrad).
"""

import datetime
import io

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db import transaction

from wagtail.images.models import Image
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

from PIL import Image as PillowImage
from PIL import ImageDraw

from buildings.models import BuildingPage
from core.translation import publish_translated_page
from home.models import HomePage
from news.models import ArticleBuilding, ArticlePage, NewsIndexPage

INDEX = {
    "title": ("Новости", "News"),
    "intro": (
        "Стройка, новые резиденты, события и дороги вокруг Калининградского IT-парка.",
        "Construction, new tenants, events and the roads around the Kaliningrad IT Park.",
    ),
}

KLOPS = ("Клопс", "Klops", "https://klops.ru/")
RBC = ("РБК Калининград", "RBC Kaliningrad", "https://kaliningrad.rbc.ru/")

# Each article: slug, date, colour of its picture, title, lead, image alt text,
# body (kind, Russian, English), tags (ru, en), related building slugs, source.
ARTICLES = [
    {
        "slug": "it-park-plan-2021",
        "date": datetime.date(2021, 7, 6),
        "colour": "#1d4f91",
        "title": (
            "IT-парк станет «мини-городом» для IT-компаний",
            "The IT park will be a “mini-city” for IT companies",
        ),
        "lead": (
            "Корпорация развития Калининградской области планирует построить не менее 56 000 м² офисов, "
            "коммерческих зданий и апартаментов.",
            "The Kaliningrad Region Development Corporation plans at least 56,000 m² of offices, commercial "
            "buildings and apartments.",
        ),
        "alt": (
            "Синяя карточка с силуэтом зданий IT-парка",
            "A blue card with the outline of the IT park's buildings",
        ),
        "body": [
            (
                "paragraph",
                "По словам главы Корпорации развития Андрея Толмачёва, парк рассчитан на IT-компании, "
                "которые работают в режиме Особой экономической зоны.",
                "According to Andrei Tolmachev, head of the Development Corporation, the park is meant for "
                "IT companies using the Special Economic Zone tax regime.",
            ),
            (
                "paragraph",
                "Разрешение на строительство планируется получить в четвёртом квартале 2021 года; "
                "проектирование уже идёт.",
                "The construction permit is expected in the fourth quarter of 2021; design is under way.",
            ),
        ],
        "tags": (["планы", "строительство"], ["plans", "construction"]),
        "buildings": ["administration-building", "office-a"],
        "source": RBC,
    },
    {
        "slug": "first-complex-complete",
        "date": datetime.date(2023, 10, 31),
        "colour": "#0f766e",
        "title": ("Первый комплекс IT-парка завершён", "The IT park's first complex is complete"),
        "lead": (
            "В конце октября 2023 года объявили о завершении первого комплекса Калининградского IT-парка.",
            "At the end of October 2023 the completion of the Kaliningrad IT Park's first complex was announced.",
        ),
        "alt": ("Зелёная карточка с силуэтом первого комплекса", "A green card with the outline of the first complex"),
        "body": [
            (
                "paragraph",
                "Всего на участке площадью 5,4 гектара запланировано 17 зданий; весь проект стоимостью "
                "2 миллиарда рублей планируется завершить к 2031 году.",
                "Seventeen buildings are planned on the 5.4-hectare site; the whole project, costing "
                "2 billion roubles, is due for completion by 2031.",
            ),
            (
                "quote",
                "IT-парк — это место, где IT-бизнес встречается, находит идеи и создаёт решения.",
                "The IT park is a place where IT businesses meet, find ideas and make solutions.",
            ),
            ("map", "Здания первого комплекса", "The buildings of the first complex"),
        ],
        "tags": (["строительство", "первый комплекс"], ["construction", "first complex"]),
        "buildings": ["administration-building", "business-support-centre"],
        "source": KLOPS,
    },
    {
        "slug": "sovetsky-prospekt-reconstruction",
        "date": datetime.date(2024, 1, 15),
        "colour": "#b45309",
        "title": (
            "Советский проспект реконструируют: светофоры у IT-парка",
            "Sovetsky Prospekt to be rebuilt: traffic lights by the IT park",
        ),
        "lead": (
            "На перекрёстках с улицей Красной и аллеей Каштановой появятся светофоры, у парка — въезды "
            "и выезды, вдоль проспекта — велодорожки.",
            "Traffic lights are planned at the junctions with Krasnaya Street and Kashtanova Alley, with "
            "entries and exits to the park and bike lanes along the prospekt.",
        ),
        "alt": ("Оранжевая карточка со схемой перекрёстка", "An orange card with a junction diagram"),
        "body": [
            (
                "paragraph",
                "Реконструкция Советского проспекта от улицы Борзова до Чкаловска предусматривает "
                "регулируемые перекрёстки с улицей Красной и аллеей Каштановой.",
                "The reconstruction of Sovetsky Prospekt from Borzova Street to Chkalovsk provides "
                "signal-controlled junctions with Krasnaya Street and Kashtanova Alley.",
            ),
            ("heading", "Велодорожки", "Bike lanes"),
            (
                "paragraph",
                "Велодорожки пройдут по обеим сторонам проспекта.",
                "Bike lanes will run on both sides of the prospekt.",
            ),
        ],
        "tags": (["дороги"], ["roads"]),
        "buildings": [],
        "source": None,
    },
    {
        "slug": "office-a-in-service",
        "date": datetime.date(2024, 12, 20),
        "colour": "#6d28d9",
        "title": ("Офисное здание А принимает арендаторов", "Office Building A welcomes tenants"),
        "lead": (
            "Первое офисное здание IT-парка построено и готово к работе компаний.",
            "The IT park's first office building is built and ready for companies to move in.",
        ),
        "alt": (
            "Фиолетовая карточка с силуэтом офисного здания",
            "A purple card with the outline of an office building",
        ),
        "body": [
            (
                "paragraph",
                "Офисы рассчитаны на компании, которые пользуются налоговым режимом Особой экономической зоны.",
                "The offices are designed for companies using the Special Economic Zone tax regime.",
            ),
            ("map", "Офисное здание А на плане парка", "Office Building A on the park plan"),
        ],
        "tags": (["строительство", "офисы"], ["construction", "offices"]),
        "buildings": ["office-a"],
        "source": None,
    },
    {
        "slug": "institutions-move-in",
        "date": datetime.date(2025, 3, 3),
        "colour": "#be123c",
        "title": ("В IT-парк переезжают министерство, фонд и МФЦ", "The ministry, the fund and the MFC move in"),
        "lead": (
            "В парке начали работу офис Министерства цифрового развития, Фонд поддержки "
            "предпринимательства и МФЦ для бизнеса.",
            "An office of the Ministry of Digital Development, the Entrepreneurship Support Fund and a "
            "one-stop service centre (MFC) for business have opened in the park.",
        ),
        "alt": (
            "Красная карточка с силуэтом административного здания",
            "A red card with the outline of an administration building",
        ),
        "body": [
            (
                "paragraph",
                "Парк становится единым окном, которое связывает предприятия, университеты, малые "
                "инновационные компании и инновационную инфраструктуру.",
                "The park becomes a single window connecting enterprises, universities, small innovative "
                "companies and the innovation infrastructure.",
            ),
        ],
        "tags": (["резиденты"], ["tenants"]),
        "buildings": ["administration-building", "business-support-centre"],
        "source": None,
    },
    {
        "slug": "invitation-to-it-companies",
        "date": datetime.date(2025, 6, 2),
        "colour": "#0369a1",
        "title": ("IT-парк приглашает IT-компании", "The IT park invites IT companies"),
        "lead": (
            "В Калининграде около 2 500 IT-компаний; компаниям федерального уровня нужно не менее 1 500 м² площадей.",
            "About 2,500 IT companies work in Kaliningrad; companies from the federal level need at least 1,500 m² of space.",
        ),
        "alt": ("Голубая карточка с силуэтами офисов", "A light blue card with office outlines"),
        "body": [
            (
                "paragraph",
                "IT-парк делает регион привлекательнее для инвесторов и крупных IT-компаний. "
                "Офисы в строящихся зданиях можно обсудить с Корпорацией развития.",
                "The IT park makes the region more attractive to investors and large IT companies. "
                "Offices in the buildings under construction can be discussed with the Development Corporation.",
            ),
        ],
        "tags": (["резиденты", "офисы"], ["tenants", "offices"]),
        "buildings": ["office-b", "coworking"],
        "source": None,
    },
]


# Pictures


def _card_png(colour, width=1200, height=675):
    """A plain coloured card with a light outline of buildings (the park's logo shape, simplified)."""
    picture = PillowImage.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(picture)
    base = int(height * 0.78)
    x = int(width * 0.12)
    for step, (w, h) in enumerate([(150, 260), (110, 360), (190, 200), (130, 300), (160, 230)]):
        draw.rectangle([x, base - h, x + w, base], outline="#ffffff", width=8)
        x += w + 40 + step * 4
    draw.line([int(width * 0.08), base, int(width * 0.92), base], fill="#ffffff", width=8)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()


def _image(article):
    title = f"News: {article['slug']}"
    image = Image.objects.filter(title=title).first()
    if image is None:
        data = _card_png(article["colour"])
        image = Image(title=title, collection=Collection.get_first_root_node())
        image.file = ImageFile(io.BytesIO(data), name=f"news-{article['slug']}.png")
        image.focal_point_x, image.focal_point_y = 600, 400
        image.focal_point_width, image.focal_point_height = 400, 300
        image.save()
    return image


# Pages


def _index_page(home, ru, en):
    index = NewsIndexPage.objects.filter(locale=ru).first()
    if index:
        return index, False
    index = NewsIndexPage(
        title=INDEX["title"][0], slug="news", intro=INDEX["intro"][0], per_page=10, show_in_menus=True
    )
    strings = dict(INDEX.values()) | {"news": "news"}
    publish_translated_page(home, index, en, strings)
    return index, True


QUOTE_ATTRIBUTION = ("Корпорация развития Калининградской области", "Kaliningrad Region Development Corporation")


def _body(article, language, buildings):
    column = 1 if language == "ru" else 2
    blocks = []
    for item in article["body"]:
        kind, text = item[0], item[column]
        if kind == "paragraph":
            blocks.append(("paragraph", f"<p>{text}</p>"))
        elif kind == "heading":
            blocks.append(("heading", {"text": text, "level": "h2"}))
        elif kind == "quote":
            blocks.append(("quote", {"quote": text, "attribution": QUOTE_ATTRIBUTION[column - 1]}))
        elif kind == "map":
            blocks.append(("park_map", {"buildings": buildings, "caption": text}))
    return blocks


def _strings(article):
    """Every Russian segment of the article mapped to its English text."""
    strings = {article[key][0]: article[key][1] for key in ("title", "lead", "alt")}
    strings[article["slug"]] = article["slug"]
    strings.update({ru: en for _kind, ru, en in article["body"]})
    if any(kind == "quote" for kind, *_ in article["body"]):
        strings[QUOTE_ATTRIBUTION[0]] = QUOTE_ATTRIBUTION[1]
    if article["source"]:
        strings[article["source"][0]] = article["source"][1]
    return strings


def _article(index, article, ru, en):
    buildings = list(BuildingPage.objects.filter(locale=ru, slug__in=article["buildings"]))
    source = article["source"]
    page = ArticlePage(
        title=article["title"][0],
        slug=article["slug"],
        date=article["date"],
        lead=article["lead"][0],
        image=_image(article),
        image_alt=article["alt"][0],
        body=_body(article, "ru", buildings),
        source_name=source[0] if source else "",
        source_url=source[2] if source else "",
        search_description=article["lead"][0],
    )
    page.related_buildings = [ArticleBuilding(building=building) for building in buildings]
    page.tags.set(article["tags"][0])
    translated = publish_translated_page(index, page, en, _strings(article))
    _set_tags(translated.specific, article["tags"][1])
    return page


def _set_tags(page, names):
    """Tags are per language: give the English version its own."""
    page.tags.set(names)
    page.save_revision().publish()


# Groups and moderation

PAGE_PERMISSIONS = {
    "Editors": ["add_page", "change_page"],
    "Moderators": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    "Translators": ["add_page", "change_page"],
}
IMAGE_PERMISSIONS = ["add_image", "change_image", "choose_image"]
# The public, translatable snippets.
TRANSLATOR_SNIPPETS = [
    ("home", "headerbanner"),
    ("buildings", "organisation"),
    ("map", "mapfeature"),
]


# Editors manage the public snippets and the site settings; the snippets go through the workflow.
EDITOR_SNIPPET_ACTIONS = ["add", "change", "delete", "publish", "lock", "unlock"]
EDITOR_SETTINGS = [("home", "change_sitesettings")]


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _groups(news_indexes, homes):
    """Editors and Moderators work on the news in both languages; Translators on every translated
    page (the English tree: never the Russian sources, which they may neither edit nor publish) and
    translatable snippet, and may submit translations. All may use images."""
    root_collection = Collection.get_first_root_node()
    access_admin = _permission("wagtailadmin", "access_admin")
    default_locale = Locale.get_default()
    translated_homes = [home for home in homes if home.locale_id != default_locale.pk]
    groups = {}
    for name, codenames in PAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)
        if name == "Translators":
            # Earlier versions gave translators the Russian tree too.
            GroupPagePermission.objects.filter(group=group, page__locale=default_locale).delete()
        pages = translated_homes if name == "Translators" else news_indexes
        for page in pages:
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=page, permission=_permission("wagtailcore", codename)
                )
        for codename in IMAGE_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=_permission("wagtailimages", codename)
            )
        groups[name] = group
    translators = groups["Translators"]
    translators.permissions.add(_permission("wagtail_localize", "submit_translation"))
    for app_label, model in TRANSLATOR_SNIPPETS:
        for action in ("add", "change"):
            translators.permissions.add(_permission(app_label, f"{action}_{model}"))
    editors, moderators = groups["Editors"], groups["Moderators"]
    for app_label, model in TRANSLATOR_SNIPPETS:
        for action in EDITOR_SNIPPET_ACTIONS:
            editors.permissions.add(_permission(app_label, f"{action}_{model}"))
            moderators.permissions.add(_permission(app_label, f"{action}_{model}"))
    for app_label, codename in EDITOR_SETTINGS:
        editors.permissions.add(_permission(app_label, codename))
    return groups


def _workflow(moderators, news_indexes):
    """ "News moderation": one task, approval by a Moderator, on the news index in both languages."""
    workflow, _ = Workflow.objects.get_or_create(name="News moderation", defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name="Moderator approval").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name="Moderator approval")
        task.groups.set([moderators])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for index in news_indexes:
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    for app_label, model in TRANSLATOR_SNIPPETS:
        content_type = ContentType.objects.get_by_natural_key(app_label, model)
        WorkflowContentType.objects.update_or_create(content_type=content_type, defaults={"workflow": workflow})
    return workflow


def _translation_workflow(moderators, homes):
    """ "Translation review": a Moderator approves what translators submit, on every translated tree."""
    workflow, _ = Workflow.objects.get_or_create(name="Translation review", defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name="Moderator approval").first()
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    default_locale = Locale.get_default()
    for home in homes:
        if home.locale_id != default_locale.pk:
            WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return workflow


@transaction.atomic
def load(log):
    ru = Locale.objects.get(language_code="ru")
    en = Locale.objects.get(language_code="en")
    home = HomePage.objects.get(locale=ru)

    index, created = _index_page(home, ru, en)
    log(f"news index: {'created' if created else 'kept'}")

    made = 0
    for article in ARTICLES:
        if ArticlePage.objects.filter(locale=ru, slug=article["slug"]).exists():
            continue
        _article(index, article, ru, en)
        made += 1
    log(f"articles: {made} created in ru and en" if made else "articles: kept")

    news_indexes = list(NewsIndexPage.objects.filter(translation_key=index.translation_key))
    homes = list(HomePage.objects.filter(translation_key=home.translation_key))
    groups = _groups(news_indexes, homes)
    _workflow(groups["Moderators"], news_indexes)
    _translation_workflow(groups["Moderators"], homes)
    log("groups Editors, Moderators, Translators, the news moderation and translation review workflows: in place")
