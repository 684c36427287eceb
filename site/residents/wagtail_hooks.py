"""What the residents part adds to the home page (core.registry.HOME_SECTIONS): the park in figures,
the institutions, and the call to apply for space."""

from wagtail import hooks

from buildings.models import Organisation
from core import registry
from residents import figures


def _organisations(page, request):
    """The published organisations in the home page's language, read once per request for both sections."""
    cache_attr = "_itpark_home_organisations"
    if not hasattr(request, cache_attr):
        setattr(request, cache_attr, list(Organisation.objects.public_in(page.locale)))
    return getattr(request, cache_attr)


@hooks.register(registry.HOME_SECTIONS)
def park_figures_section(page, request):
    residents = [o for o in _organisations(page, request) if o.kind == Organisation.Kind.RESIDENT]
    return registry.HomeSection(
        "residents/home_figures.html",
        {"figures": figures.park_figures(page.locale, residents=len(residents))},
        order=10,
    )


@hooks.register(registry.HOME_SECTIONS)
def institutions_section(page, request):
    institutions = [o for o in _organisations(page, request) if o.kind == Organisation.Kind.INSTITUTION]
    language = page.locale.language_code
    # The residents page and the apply form have fixed addresses (docs/contract.md).
    return registry.HomeSection(
        "residents/home_institutions.html",
        {"institutions": institutions, "residents_url": f"/{language}/residents/", "apply_url": f"/{language}/apply/"},
        order=40,
    )
