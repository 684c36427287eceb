from django.contrib.gis.db import models
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Locale, Orderable, Page, PageManager, PageViewRestriction, Site, TranslatableMixin
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from buildings import geometry
from core.blocks import BodyBlock
from core.pages import FixedSlugMixin
from core.panels import MapPanel
from core.urls import absolute_url


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


class BuildingPageQuerySet(PageQuerySet):
    """The questions every part of the site asks about buildings, each asked one way.

    "Which buildings may a reader see in this language, in what order" is
    asked by the API, the map page, the embed, the directory, a building's
    neighbours, the article blocks, the plans, the downloads, oEmbed and the
    sitemap: all of them ask it here (docs/architecture.md), so a change to
    who may see a building is made once and the list and the API agree.
    """

    def visible(self):
        """Live and outside any private section, in the same query.

        Wagtail's .public() first reads every view restriction in a query of
        its own; the same test as a subquery keeps the caller's single query.
        Drafts, pages scheduled for later and expired pages are not live.
        """
        restricted = PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path")))
        return self.live().exclude(Exists(restricted))

    def in_language(self, language):
        """The buildings in a language: a Locale or a language code."""
        if isinstance(language, Locale):
            return self.filter(locale=language)
        return self.filter(locale__language_code=language)

    def public_in(self, language):
        """What readers of that language may see: visible() and in_language()."""
        return self.visible().in_language(language)

    def in_plan_order(self):
        """By completion year, then name: the order of the plans' numbers, the lists and the API."""
        return self.order_by("completion_year", "title", "pk")

    def in_box(self, box):
        """Those whose footprint intersects `box` (a WGS84 polygon); uses the spatial index."""
        return self.filter(footprint__intersects=box)

    def others_than(self, building):
        """The other buildings in `building`'s language, whatever their state: a footprint may overlap none."""
        others = self.filter(locale_id=building.locale_id)
        if building.translation_key:
            others = others.exclude(translation_key=building.translation_key)
        return others


BuildingPageManager = PageManager.from_queryset(BuildingPageQuerySet)


class BuildingIndexPage(FixedSlugMixin, Page):
    """The building directory: every building of the park, filterable by purpose and status."""

    fixed_slug = "buildings"

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["buildings.BuildingPage"]
    max_count_per_parent = 1

    override_translatable_fields = [TranslatableField("intro")]

    class Meta:
        verbose_name = _("building directory")

    # Reading the directory

    def buildings(self):
        """The buildings of this directory that readers may see (so in its language), in plan order."""
        return BuildingPage.objects.child_of(self).public_in(self.locale).in_plan_order()

    @staticmethod
    def filter_definitions():
        """The directory's filters: (query parameter, choices, "all" option label, message for an unknown value)."""
        return [
            (
                "purpose",
                Purpose,
                _("All purposes"),
                _("There is no purpose “%(value)s”, so buildings of every purpose are shown."),
            ),
            (
                "status",
                Status,
                _("All statuses"),
                _("There is no status “%(value)s”, so buildings of every status are shown."),
            ),
        ]

    def read_filters(self, query):
        """The filters asked for in a query string.

        Returns (filters, notices): one dict per filter for the form (name,
        label, choices, selected value or ""), and a message for each unknown
        value, which is ignored: a mistyped or outdated link still shows the
        directory, and says what it left out.
        """
        filters, notices = [], []
        for name, choices, all_label, unknown in self.filter_definitions():
            value = query.get(name, "").strip()
            if value and value not in choices.values:
                notices.append(unknown % {"value": value[:60]})
                value = ""
            filters.append(
                {
                    "name": name,
                    "label": BuildingPage._meta.get_field(name).verbose_name,
                    "all_label": all_label,
                    "choices": choices.choices,
                    "selected": value,
                }
            )
        return filters, notices

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters, notices = self.read_filters(request.GET)
        every = list(self.buildings())
        selected = {f["name"]: f["selected"] for f in filters if f["selected"]}
        buildings = [b for b in every if all(getattr(b, name) == value for name, value in selected.items())]
        context.update(
            filters=filters,
            filter_notices=notices,
            is_filtered=bool(selected),
            buildings=buildings,
            total=len(every),
            # The site plan shows every building, those matching the filters emphasised.
            plan_buildings=every,
            highlighted=buildings if selected else [],
        )
        return context


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

    objects = BuildingPageManager()

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
        MapPanel("footprint"),
        MapPanel("entrances"),
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
        # None: the form has already said why (nothing drawn, not GeoJSON, wrong shape).
        if self.footprint is not None:
            footprint = geometry.as_multipolygon(self.footprint)
            problems = geometry.footprint_problems(footprint, BuildingPage.objects.others_than(self))
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
        organisations = [tenant.organisation for tenant in self.tenants.select_related("organisation")]
        translated = Organisation.objects.filter(
            locale=self.locale, translation_key__in=[organisation.translation_key for organisation in organisations]
        )
        by_key = {organisation.translation_key: organisation for organisation in translated}
        return [by_key.get(organisation.translation_key, organisation) for organisation in organisations]

    @property
    def centre(self):
        """A point inside the footprint, for labels, JSON-LD and centring maps."""
        return self.footprint.point_on_surface

    # Showing the building

    @property
    def gross_floor_area_display(self):
        """The area as the reader's language groups digits: "4 200" (with a no-break space) or "4,200"."""
        return formats.number_format(self.gross_floor_area, force_grouping=True)

    def neighbours(self):
        """The buildings readers see beside this one in its directory, this one included even as a draft."""
        others = BuildingPage.objects.sibling_of(self, inclusive=False).public_in(self.locale)
        return [*others, self]

    def breadcrumbs(self, request):
        """The pages above this one, from the home page down: [(title, url)]."""
        ancestors = self.get_ancestors().filter(depth__gt=1)
        return [(page.title, page.get_url(request)) for page in ancestors]

    def structured_data(self, request):
        """schema.org Place for this building, as a dict for JSON-LD."""
        lon, lat = self.centre.coords
        data = {
            "@context": "https://schema.org",
            "@type": "Place",
            "name": self.title,
            "description": self.summary,
            "url": absolute_url(self.get_url(request)),
            "geo": {"@type": "GeoCoordinates", "latitude": round(lat, 6), "longitude": round(lon, 6)},
        }
        site = Site.find_for_request(request)
        home = site.root_page.localized.specific if site else None
        if home is not None:
            address = " ".join(getattr(home, "address", "").split())
            if address:
                data["address"] = {
                    "@type": "PostalAddress",
                    "streetAddress": address,
                    "addressLocality": gettext("Kaliningrad"),
                    "addressCountry": "RU",
                }
            data["containedInPlace"] = {
                "@type": "Place",
                "name": home.title,
                "url": absolute_url(home.get_url(request)),
            }
        return data

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            organisations=self.organisations,
            photos=list(self.photos.select_related("image")),
            breadcrumbs=self.breadcrumbs(request),
            structured_data=self.structured_data(request),
            neighbours=self.neighbours(),
        )
        return context


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
