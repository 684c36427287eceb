from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MapConfig(AppConfig):
    """The park's map: its layers (site boundary, streets, entrances, parking, stops) and, later, the map page and API."""

    name = "map"
    verbose_name = _("Map")
