from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The home page, header banners, site-wide settings and navigation."""

    name = "home"
    verbose_name = _("Home")
