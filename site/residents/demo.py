"""Demo content for the residents: the residents page (/{lang}/residents/) in Russian and English.
Loaded by load_demo_content after the buildings, whose organisations and space it shows."""

from django.db import transaction

from wagtail.models import Locale

from core.translation import publish_translated_page
from home.models import HomePage
from residents.models import ResidentsPage

PAGE = {
    "title": ("Резиденты", "Residents"),
    "intro": (
        "Единое окно IT-парка: министерство, фонд поддержки предпринимательства и МФЦ для бизнеса работают "
        "рядом с компаниями-резидентами. Здесь — кто где находится и сколько площадей свободно.",
        "The IT park's single window: the ministry, the Entrepreneurship Support Fund and the MFC for business "
        "work next to the resident companies. Here is who is where, and how much space is free.",
    ),
}


@transaction.atomic
def load(log):
    ru = Locale.objects.get(language_code="ru")
    en = Locale.objects.get(language_code="en")
    if ResidentsPage.objects.filter(locale=ru).exists():
        log("residents page: kept")
        return
    home = HomePage.objects.get(locale=ru)
    page = ResidentsPage(title=PAGE["title"][0], slug="residents", intro=PAGE["intro"][0], show_in_menus=True)
    publish_translated_page(home, page, en, dict(PAGE.values()) | {"residents": "residents"})
    log("residents page: created in ru and en")
