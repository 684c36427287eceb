"""Admin additions for the buildings: the "Import buildings" view and its menu item."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from buildings.admin_views import ImportBuildingsView, can_import


class ImportBuildingsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_import(request.user)


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("buildings/import/", ImportBuildingsView.as_view(), name="buildings_import")]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportBuildingsMenuItem(_("Import buildings"), reverse("buildings_import"), icon_name="upload", order=250)
