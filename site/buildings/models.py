from django.contrib.gis.db import models
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from buildings import geometry
from core.blocks import BodyBlock
from core.widgets import MapWidget


class Purpose(models.TextChoices):
    ADMINISTRATION = "administration", _("Administration")
    OFFICES = "offices", _("Offices")
    HOUSING = "housing", _("Housing")
    INSTITUTION = "institution", _("Institution")
    COMMERCIAL = "commercial", _("Commercial and services")


class Status(models.TextChoices):
    PLANNED = "planned", _("Planned")
    UNDER_CONSTRUCTION = "construction", _("Under construction")
    IN_SERVICE = "in_service", _("In service")


@register_snippet
class Organisation(TranslatableMixin, models.Model):
    """An organisation housed in the park: a ministry office, a fund, a service centre, a company."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government body")
        SUPPORT = "support", _("Business support")
        PUBLIC_SERVICE = "public_service", _("Public service centre")
        COMPANY = "company", _("Company")
        EDUCATION = "education", _("Education and research")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("website"),
        FieldPanel("logo"),
        FieldPanel("description"),
    ]

    override_translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("kind"),
        SynchronizedField("website"),
        SynchronizedField("logo"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class BuildingIndexPage(Page):
    """The building directory: every building of the park, filterable by purpose and status."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["buildings.BuildingPage"]
    max_count_per_parent = 1

    override_translatable_fields = [TranslatableField("intro")]

    class Meta:
        verbose_name = _("building directory")


class BuildingPage(Page):
    """One building of the park: what it is for, where it stands, who is in it."""

    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    completion_year = models.PositiveSmallIntegerField(
        _("completion year"), validators=[MinValueValidator(2020), MaxValueValidator(2040)]
    )
    floors = models.PositiveSmallIntegerField(_("floors"), validators=[MinValueValidator(1), MaxValueValidator(40)])
    gross_floor_area = models.PositiveIntegerField(
        _("gross floor area, m²"), validators=[MinValueValidator(10), MaxValueValidator(200_000)]
    )
    footprint = models.MultiPolygonField(_("footprint"), srid=4326)
    entrances = models.MultiPointField(_("entrances"), srid=4326, null=True, blank=True)
    summary = models.TextField(_("summary"), help_text=_("One or two sentences for the directory and search results."))
    description = StreamField(BodyBlock(), verbose_name=_("description"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo or drawing"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown on the building's card; without one, the card shows the footprint."),
    )

    parent_page_types = ["buildings.BuildingIndexPage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("purpose"), FieldPanel("status")]),
                FieldRowPanel([FieldPanel("completion_year"), FieldPanel("floors"), FieldPanel("gross_floor_area")]),
            ],
            heading=_("Facts"),
        ),
        FieldPanel("footprint", widget=MapWidget),
        FieldPanel("entrances", widget=MapWidget),
        InlinePanel("tenants", heading=_("Organisations housed here"), label=_("Organisation")),
        FieldPanel("image"),
        InlinePanel("photos", heading=_("Photos"), label=_("Photo")),
        FieldPanel("description"),
    ]

    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("description")]

    override_translatable_fields = [
        TranslatableField("summary"),
        TranslatableField("description"),
        SynchronizedField("purpose"),
        SynchronizedField("status"),
        SynchronizedField("completion_year"),
        SynchronizedField("floors"),
        SynchronizedField("gross_floor_area"),
        SynchronizedField("footprint"),
        SynchronizedField("entrances"),
        SynchronizedField("image"),
    ]

    class Meta:
        verbose_name = _("building")
        verbose_name_plural = _("buildings")

    def clean(self):
        super().clean()
        errors = {}
        footprint = geometry.as_multipolygon(self.footprint) if self.footprint else None
        problems = geometry.footprint_problems(footprint, self.locale, exclude_translation_key=self.translation_key)
        if problems:
            errors["footprint"] = problems
        else:
            self.footprint = footprint
        if self.entrances:
            problems = geometry.entrance_problems(self.entrances)
            if problems:
                errors["entrances"] = problems
            else:
                self.entrances = geometry.as_multipoint(self.entrances)
        if errors:
            raise ValidationError(errors)

    @property
    def organisations(self):
        """The organisations housed here, in this page's language where translated."""
        return [tenant.organisation.localized for tenant in self.tenants.select_related("organisation")]

    @property
    def centre(self):
        """A point inside the footprint, for labels, JSON-LD and centring maps."""
        return self.footprint.point_on_surface


class BuildingPhoto(Orderable):
    page = ParentalKey(BuildingPage, related_name="photos", on_delete=models.CASCADE)
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("caption"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")


class BuildingTenant(Orderable):
    """An organisation housed in a building (the English page links the organisation's English version)."""

    page = ParentalKey(BuildingPage, related_name="tenants", on_delete=models.CASCADE)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="tenancies"
    )

    panels = [FieldPanel("organisation")]

    class Meta(Orderable.Meta):
        verbose_name = _("organisation housed here")
        verbose_name_plural = _("organisations housed here")
