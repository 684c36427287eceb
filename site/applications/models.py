"""The pages of the applications: /{lang}/apply/ (the form and its confirmation) and /{lang}/privacy/.

The applications themselves and the office's setting are in records.py (re-exported here).
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
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail_localize.fields import TranslatableField

from applications import submission
from applications.forms import ApplicationForm
from applications.records import Application, ApplicationSettings, Status, ZoneResidency
from core.pages import FixedSlugMixin

__all__ = ["Application", "ApplicationSettings", "ApplyPage", "PrivacyPage", "Status", "ZoneResidency"]

logger = logging.getLogger(__name__)


class ApplyPage(RoutablePageMixin, FixedSlugMixin, Page):
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


class PrivacyPage(FixedSlugMixin, Page):
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
