from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    """Applying for space in the park: the form, the submissions in the admin, the privacy page."""

    name = "applications"
    verbose_name = _("Applications for space")
