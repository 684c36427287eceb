"""The stored applications for space and the office's notification setting.

A submission holds personal data: it is kept in the database only (never in
a cache, nor in a log line beyond its id), seen in the admin by Moderators and
superusers alone, and exported through the same formula neutralisation as
every other spreadsheet of the site. The pages that take them are in models.py.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from applications.quarters import quarter_label


class Status(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")


class ZoneResidency(models.TextChoices):
    """Whether the company is, or means to become, a resident of the Special Economic Zone."""

    RESIDENT = "resident", _("Already a resident of the Special Economic Zone")
    APPLYING = "applying", _("Plans to become a resident")
    NOT_PLANNED = "no", _("Does not plan to become a resident")
    UNSURE = "unsure", _("Not sure yet, would like advice")


class Application(models.Model):
    """One company's application for space, as it was sent, with the office's handling of it."""

    # Private to the office: no public page shows it, so a new one must not renew the page cache.
    affects_public_pages = False

    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    language = models.CharField(_("language"), max_length=10)
    company_name = models.CharField(_("company name"), max_length=200)
    inn = models.CharField(_("taxpayer number (INN)"), max_length=12)
    contact_person = models.CharField(_("contact person"), max_length=200)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=30)
    area = models.PositiveIntegerField(_("space needed, m²"))
    move_in_quarter = models.CharField(_("desired move-in quarter"), max_length=7)
    building = models.ForeignKey(
        "buildings.BuildingPage",
        verbose_name=_("building preference"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    zone_residency = models.CharField(
        _("Special Economic Zone"), max_length=20, choices=ZoneResidency.choices, default=ZoneResidency.UNSURE
    )
    message = models.TextField(_("message"), blank=True)
    consented_at = models.DateTimeField(_("consent to data processing given"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    note = models.TextField(_("internal note"), blank=True, help_text=_("Seen by the park's staff only."))

    class Meta:
        verbose_name = _("application for space")
        verbose_name_plural = _("applications for space")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.company_name} ({self.created_at:%Y-%m-%d})" if self.created_at else self.company_name

    @property
    def quarter_display(self):
        """The move-in quarter as the reader's language writes it ("Q3 2027", "3-й квартал 2027")."""
        return quarter_label(self.move_in_quarter)


@register_setting(icon="mail")
class ApplicationSettings(BaseSiteSetting):
    """Where the park's office is told about new applications."""

    affects_public_pages = False  # an address no public page shows

    notification_email = models.EmailField(
        _("notification e-mail"),
        blank=True,
        help_text=_("The park's office address that gets every new application for space."),
    )

    panels = [FieldPanel("notification_email")]

    class Meta:
        verbose_name = _("applications for space")
