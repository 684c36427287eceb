"""Admin additions for the buildings: the "Import buildings" view and its menu item, their layer on admin maps,
and the organisations' snippet listing."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import LiveStatusTagColumn, LocaleColumn, UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from buildings.admin_views import ImportBuildingsView, can_import
from buildings.models import BuildingPage, Organisation
from core import registry


class ImportBuildingsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_import(request.user)


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("buildings/import/", ImportBuildingsView.as_view(), name="buildings_import")]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportBuildingsMenuItem(_("Import buildings"), reverse("buildings_import"), icon_name="upload", order=250)


@hooks.register(registry.REFERENCE_LAYERS)
def buildings_layer(locale_id, exclude_translation_key):
    """The other buildings of that language, around a footprint or map feature being drawn in the admin."""
    buildings = BuildingPage.objects.filter(locale_id=locale_id).order_by("title")
    if exclude_translation_key:
        buildings = buildings.exclude(translation_key=exclude_translation_key)
    shapes = [(building.title, building.footprint) for building in buildings.only("title", "footprint")]
    return registry.ReferenceLayer("building", _("Other buildings"), shapes)


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "kind", "sector", LiveStatusTagColumn(), LocaleColumn(), UpdatedAtColumn()]
    list_filter = ["kind", "sector", "live"]


register_snippet(OrganisationViewSet)


@hooks.register(registry.SHOWN_EVERYWHERE)
def buildings_shown_everywhere(page):
    """A building is drawn on every plan, listed as a neighbour and in articles' blocks: it shows all over."""
    return isinstance(page, BuildingPage)
