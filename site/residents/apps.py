from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResidentsConfig(AppConfig):
    """Who is in the park and what space is free: the residents page, the park's figures on the home page."""

    name = "residents"
    verbose_name = _("Residents")
