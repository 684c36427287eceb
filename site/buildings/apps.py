from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BuildingsConfig(AppConfig):
    """The park's buildings: directory, building pages, footprints, GeoJSON import."""

    name = "buildings"
    verbose_name = _("Buildings")
