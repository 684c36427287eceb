from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page, PreviewableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core import registry
from core.blocks import BodyBlock, KeyFactBlock
from core.pages import SitePage
from core.snippets import ModeratedSnippet, ModeratedSnippetQuerySet


class HomePage(SitePage, Page):
    """The park's front page, one per language (the English one is a wagtail-localize translation)."""

    intro = models.TextField(_("introduction"), help_text=_("The lead paragraph under the title."))
    key_facts = StreamField(
        [("fact", KeyFactBlock())],
        verbose_name=_("key facts"),
        blank=True,
        max_num=6,
        help_text=_("The park in figures: up to six."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        help_text=_("Who runs the park; shown in the footer's copyright line."),
    )
    address = models.TextField(_("address"), help_text=_("Postal address shown in the footer, one line per row."))

    parent_page_types = ["wagtailcore.Page"]

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("key_facts"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("organisation"), FieldPanel("address")], heading=_("Footer")),
    ]

    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    override_translatable_fields = [
        TranslatableField("intro"),
        TranslatableField("key_facts"),
        TranslatableField("body"),
        TranslatableField("organisation"),
        TranslatableField("address"),
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = registry.home_sections(self, request)
        return context


class HeaderBannerQuerySet(ModeratedSnippetQuerySet):
    def active(self, at=None):
        """Banners showing at `at` (now by default): started, and not yet ended."""
        at = at or timezone.now()
        return self.filter(
            models.Q(active_from__isnull=True) | models.Q(active_from__lte=at),
            models.Q(active_until__isnull=True) | models.Q(active_until__gt=at),
        )

    def showing(self, language, at=None):
        """The banners readers of that language see at `at` (now by default), in order, at most MAX_SHOWN."""
        return self.public_in(language).active(at)[: HeaderBanner.MAX_SHOWN]

    def pushed_out(self, language, at=None):
        """Live banners of that language scheduled for `at` that the limit of MAX_SHOWN keeps off the header."""
        return self.public_in(language).active(at)[HeaderBanner.MAX_SHOWN :]


class HeaderBanner(PreviewableMixin, ModeratedSnippet):
    """A short announcement across the top of every page; at most two show at once.

    Drafts, revisions and moderation come from ModeratedSnippet; the preview
    shows the banner in the site's header, in the banner's language.
    """

    MAX_SHOWN = 2

    text = models.CharField(_("text"), max_length=200)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("link to a page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    link_url = models.URLField(_("or link to a URL"), blank=True)
    active_from = models.DateTimeField(_("show from"), null=True, blank=True, help_text=_("Empty: from now."))
    active_until = models.DateTimeField(_("show until"), null=True, blank=True, help_text=_("Empty: until removed."))
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers show first."))

    objects = HeaderBannerQuerySet.as_manager()

    panels = [
        FieldPanel("text"),
        PageChooserPanel("link_page"),
        FieldPanel("link_url"),
        MultiFieldPanel(
            [FieldPanel("active_from"), FieldPanel("active_until"), FieldPanel("sort_order")],
            heading=_("Schedule"),
        ),
    ]

    override_translatable_fields = [
        TranslatableField("text"),
        TranslatableField("link_url"),
        SynchronizedField("link_page"),
        SynchronizedField("active_from"),
        SynchronizedField("active_until"),
        SynchronizedField("sort_order"),
    ]

    class Meta(ModeratedSnippet.Meta):
        verbose_name = _("header banner")
        verbose_name_plural = _("header banners")
        ordering = ["sort_order", "-active_from", "pk"]

    def __str__(self):
        return self.text

    def clean(self):
        super().clean()
        errors = {}
        if self.link_page and self.link_url:
            errors["link_url"] = _("Choose a page or enter a URL, not both.")
        if self.active_from and self.active_until and self.active_until <= self.active_from:
            errors["active_until"] = _("The end must come after the start.")
        if errors:
            raise ValidationError(errors)

    def showing_state(self, at=None):
        """Whether readers see it now: "showing", "pushed_out" (by the limit of MAX_SHOWN), "scheduled",
        "ended" or "draft" (never published or withdrawn)."""
        at = at or timezone.now()
        if not self.live:
            return "draft"
        if self.active_from and self.active_from > at:
            return "scheduled"
        if self.active_until and self.active_until <= at:
            return "ended"
        shown = HeaderBanner.objects.showing(self.locale, at).values_list("pk", flat=True)
        return "showing" if self.pk in list(shown) else "pushed_out"

    STATE_LABELS = {
        "showing": _("Showing now"),
        "pushed_out": _("Pushed out by the limit of two"),
        "scheduled": _("Scheduled"),
        "ended": _("Ended"),
        "draft": _("Not published"),
    }

    def showing_state_label(self):
        """The state for the admin's listing, in words."""
        return self.STATE_LABELS[self.showing_state()]

    def get_preview_template(self, request, mode_name):
        return "home/header_banner_preview.html"

    def get_preview_context(self, request, mode_name):
        return {**super().get_preview_context(request, mode_name), "preview_banner": self}

    def serve_preview(self, request, mode_name):
        """Render in the banner's language, as its readers would see the header."""
        response = super().serve_preview(request, mode_name)
        language = self.locale.language_code if self.locale_id else translation.get_language()
        with translation.override(language):
            return response.render()

    @property
    def url(self):
        """Where the banner leads, in the reader's language when the page is translated."""
        if self.link_page:
            return self.link_page.localized.url
        return self.link_url


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details that are the same in every language."""

    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("developer's website"), blank=True)

    panels = [FieldPanel("phone"), FieldPanel("email"), FieldPanel("website")]

    class Meta:
        verbose_name = _("site settings")
