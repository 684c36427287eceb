"""Applications for space in the park, the page that takes them, and the privacy page.

A submission holds personal data: it is kept in the database only (never in
a cache or a log line beyond its id), seen in the admin by Moderators and
superusers alone, and exported through the same formula neutralisation as
every other spreadsheet of the site.
"""

import logging

from django.db import models, transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail_localize.fields import TranslatableField

from applications.quarters import quarter_label
from core.pages import FixedSlugMixin, SitePage

logger = logging.getLogger(__name__)


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


class ApplyPage(SitePage, RoutablePageMixin, FixedSlugMixin, Page):
    """/{lang}/apply/: the application form, and at sent/ the confirmation that follows it."""

    fixed_slug = "apply"
    # Conventions (docs/contract.md): the form accepts POST, and its pages carry a CSRF token.
    http_methods = ("GET", "HEAD", "POST")
    public_cache = False

    intro = models.TextField(_("introduction"), blank=True)
    next_steps = RichTextField(
        _("what happens next"),
        features=["bold", "italic", "link", "ol", "ul"],
        blank=True,
        help_text=_("Shown on the confirmation page after an application is sent."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("next_steps")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    override_translatable_fields = [TranslatableField("intro"), TranslatableField("next_steps")]

    class Meta:
        verbose_name = _("application form page")

    def privacy_page(self):
        """This language's privacy page, for the consent's link; None when there is none."""
        return PrivacyPage.objects.live().filter(locale_id=self.locale_id).first()

    def _render(self, request, template, status=200, **context):
        context.setdefault("privacy_page", self.privacy_page())
        response = TemplateResponse(request, template, self.get_context(request) | context, status=status)
        add_never_cache_headers(response)
        return response

    @path("")
    def form_view(self, request):
        from applications import submission
        from applications.forms import ApplicationForm

        language = get_language()
        if request.method == "POST":
            form = ApplicationForm(request.POST, language=language)
            if form.is_honeypot_filled():
                # A bot: it sees the usual confirmation, nothing is stored or sent.
                logger.info("application form: honeypot filled, nothing stored")
                return self._sent_redirect()
            if submission.rate_limited(request):
                response = self._render(
                    request, "applications/apply_page.html", status=429, form=form, rate_limited=True
                )
                return response
            if form.is_valid():
                with transaction.atomic():
                    application = form.save(language=language)
                    submission.count_submission(request)
                    transaction.on_commit(lambda: submission.send_emails(application.pk), robust=True)
                return self._sent_redirect()
            return self._render(request, "applications/apply_page.html", form=form)
        form = ApplicationForm(language=language, initial={"building": request.GET.get("building", "")})
        return self._render(request, "applications/apply_page.html", form=form)

    @path("sent/", name="sent")
    def sent_view(self, request):
        if request.method == "POST":
            return HttpResponse(status=405, headers={"Allow": "GET, HEAD"})
        return self._render(request, "applications/apply_sent.html", privacy_page=None)

    def _sent_redirect(self):
        return HttpResponseRedirect(self.url + self.reverse_subpage("sent"))


class PrivacyPage(SitePage, FixedSlugMixin, Page):
    """/{lang}/privacy/: what personal data the site collects, why, for how long, and whom to ask."""

    fixed_slug = "privacy"

    body = RichTextField(_("text"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])

    content_panels = [*Page.content_panels, FieldPanel("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    override_translatable_fields = [TranslatableField("body")]

    class Meta:
        verbose_name = _("privacy page")
