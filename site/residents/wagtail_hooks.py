"""What the residents part adds to the home page (core.registry.HOME_SECTIONS): the park in figures,
the institutions, and the call to apply for space."""

from wagtail import hooks

from buildings.models import Organisation
from core import registry
from residents import figures
from residents.models import ResidentsPage


@hooks.register(registry.HOME_SECTIONS)
def park_figures_section(page, request):
    return registry.HomeSection("residents/home_figures.html", {"figures": figures.park_figures(page.locale)}, order=10)


@hooks.register(registry.HOME_SECTIONS)
def institutions_section(page, request):
    institutions = list(Organisation.objects.public_in(page.locale).institutions())
    residents_page = ResidentsPage.objects.live().public().filter(locale=page.locale).first()
    language = page.locale.language_code
    return registry.HomeSection(
        "residents/home_institutions.html",
        {
            "institutions": institutions,
            "residents_url": residents_page.url if residents_page else "",
            "apply_url": f"/{language}/apply/",
        },
        order=40,
    )
