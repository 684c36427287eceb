import re
from dataclasses import dataclass

from django.contrib.gis.db import models
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db.models import F, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, PreviewableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from buildings import geometry
from core.blocks import BodyBlock
from core.pages import FixedSlugMixin, PublicPageQuerySet, SitePage
from core.panels import MapPanel
from core.routing import localized_home, route_pages
from core.snippets import ModeratedSnippet, ModeratedSnippetQuerySet
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


class Sector(models.TextChoices):
    """What a resident company does: the residents page filters by it."""

    SOFTWARE = "software", _("Software development")
    IT_SERVICES = "it_services", _("IT services and consulting")
    FINTECH = "fintech", _("Financial technology")
    GAMES = "games", _("Games and media")
    ECOMMERCE = "ecommerce", _("E-commerce and logistics")
    ELECTRONICS = "electronics", _("Electronics and hardware")
    SECURITY = "security", _("Information security")
    EDUCATION = "education", _("Education and research")


WEB_ADDRESS = URLValidator(
    schemes=["http", "https"], message=_("Enter a web address that starts with http:// or https://.")
)


class OrganisationQuerySet(ModeratedSnippetQuerySet):
    def institutions(self):
        return self.filter(kind=Organisation.Kind.INSTITUTION)

    def residents(self):
        return self.filter(kind=Organisation.Kind.RESIDENT)

    def housed(self, translation_keys, locale):
        """These organisations (by translation key, in that order) in `locale` (a Locale or its id), or in another language
        where `locale` has no version among them: one query."""
        found = {}
        for organisation in self.filter(translation_key__in=translation_keys).select_related("locale"):
            key = organisation.translation_key
            if key not in found or organisation.locale_id == getattr(locale, "pk", locale):
                found[key] = organisation
        return [found[key] for key in translation_keys if key in found]


class Organisation(PreviewableMixin, ModeratedSnippet):
    """An organisation in the park: an institution of the single window, a resident company or a partner.

    Names, what it offers, opening hours and the address within the park are
    translated; kind, sector, contacts, website and logo are the same in every
    language. Which building it is in is said on the building's page
    (BuildingTenant), once for both languages.
    """

    class Kind(models.TextChoices):
        INSTITUTION = "institution", _("Institution")
        RESIDENT = "resident", _("Resident company")
        PARTNER = "partner", _("Partner")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    sector = models.CharField(
        _("sector"), max_length=20, choices=Sector.choices, blank=True, help_text=_("For resident companies.")
    )
    description = models.TextField(_("description"), blank=True)
    offers = models.TextField(
        _("what it offers"), blank=True, help_text=_("For institutions: the services a company can get here.")
    )
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    address = models.CharField(
        _("address in the park"), max_length=200, blank=True, help_text=_("Building, entrance, floor, room.")
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True, validators=[WEB_ADDRESS])
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_example = models.BooleanField(
        _("example entry"),
        default=False,
        help_text=_("Demo content: readers see that it is an example, not a real company."),
    )

    objects = OrganisationQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("sector")]),
        FieldPanel("description"),
        FieldPanel("offers"),
        MultiFieldPanel(
            [
                FieldPanel("opening_hours"),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldPanel("website"),
            ],
            heading=_("Contacts"),
        ),
        FieldPanel("logo"),
        FieldPanel("is_example"),
    ]

    override_translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        TranslatableField("offers"),
        TranslatableField("opening_hours"),
        TranslatableField("address"),
        SynchronizedField("kind"),
        SynchronizedField("sector"),
        SynchronizedField("phone"),
        SynchronizedField("email"),
        SynchronizedField("website"),
        SynchronizedField("logo"),
        SynchronizedField("is_example"),
    ]

    class Meta(ModeratedSnippet.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.sector and self.kind != self.Kind.RESIDENT:
            raise ValidationError({"sector": _("Only resident companies have a sector.")})

    def get_preview_template(self, request, mode_name):
        return "buildings/organisation_preview.html"

    def serve_preview(self, request, mode_name):
        """Render in the organisation's language, as its readers would see the card."""
        response = super().serve_preview(request, mode_name)
        language = self.locale.language_code if self.locale_id else translation.get_language()
        with translation.override(language):
            return response.render()


class BuildingPageQuerySet(PublicPageQuerySet):
    """The questions every part of the site asks about buildings, each asked one way.

    "Which buildings may a reader see in this language, in what order" is
    asked by the API, the map page, the embed, the directory, a building's
    neighbours, the article blocks, the plans, the downloads, oEmbed and the
    sitemap: all of them ask it here (docs/architecture.md), so a change to
    who may see a building is made once and the list and the API agree.
    """

    def in_plan_order(self):
        """By completion year, then name: the order of the plans' numbers, the lists and the API."""
        return self.order_by("completion_year", "title", "pk")

    def in_box(self, box):
        """Those whose footprint intersects `box` (a WGS84 polygon); uses the spatial index."""
        return self.filter(footprint__intersects=box)

    def with_free_space(self, quarter=None):
        """Those with some area free as of `quarter` (this quarter by default): one query more."""
        quarter = quarter or Quarter.now()
        stated = space_by_building(self.values("pk"))
        keep = [pk for pk, quarters in stated.items() if (figures := figures_at(quarters, quarter)) and figures.free]
        return self.filter(pk__in=keep)

    def others_than(self, building):
        """The other buildings in `building`'s language, whatever their state: a footprint may overlap none."""
        others = self.filter(locale_id=building.locale_id)
        if building.translation_key:
            others = others.exclude(translation_key=building.translation_key)
        return others


BuildingPageManager = PageManager.from_queryset(BuildingPageQuerySet)


class BuildingIndexPage(SitePage, FixedSlugMixin, Page):
    """The building directory: every building of the park, filterable by purpose and status."""

    fixed_slug = "buildings"
    # The query parameters the directory reads: the public cache keeps a copy per filter (core/page_cache.py).
    cache_query_parameters = ("purpose", "status")

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
        return BuildingPage.objects.child_of(self).public_in(self.locale_id).in_plan_order()

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

    @staticmethod
    def free_space_choices():
        """The "free space" filter's choices: now, then each quarter from the next one to the end of 2031."""
        now = Quarter.now()
        quarters = [Quarter(year, number) for year in range(now.year, LAST_SPACE_YEAR + 1) for number in (1, 2, 3, 4)]
        return [
            ("now", _("Free now")),
            *((str(q), _("Free in %(quarter)s") % {"quarter": q.label}) for q in quarters if q > now),
        ]

    def read_free_space(self, query):
        """The free-space filter (a dict for the form), its quarter (or None) and a notice for a bad value."""
        value = query.get("free", "").strip()
        quarter, notice = None, None
        if value == "now":
            quarter = Quarter.now()
        elif value:
            quarter = Quarter.parse(value)
            if quarter is None:
                notice = _(
                    "“%(value)s” is not a quarter from 2021 to 2031, so buildings are shown whatever their free space."
                ) % {"value": value[:60]}
                value = ""
        choices = self.free_space_choices()
        if value and value not in dict(choices):
            choices.append((value, _("Free in %(quarter)s") % {"quarter": quarter.label}))
        return (
            {
                "name": "free",
                "label": _("free space"),
                "all_label": _("Any free space or none"),
                "choices": choices,
                "selected": value,
            },
            quarter,
            notice,
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters, notices = self.read_filters(request.GET)
        free_filter, quarter, notice = self.read_free_space(request.GET)
        filters.append(free_filter)
        if notice:
            notices.append(notice)
        every = list(self.buildings())
        selected = {f["name"]: f["selected"] for f in filters if f["selected"] and f["name"] != "free"}
        with_space = {b.pk for b in self.buildings().with_free_space(quarter)} if quarter else None
        buildings = [
            b
            for b in every
            if all(getattr(b, name) == value for name, value in selected.items())
            and (with_space is None or b.pk in with_space)
        ]
        if quarter:
            selected["free"] = str(quarter)
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


def space_problems(rows, gross_floor_area, floors):
    """What is wrong with a building's space rows as a whole: [(row row_no, field, message)].

    `rows` are dicts with year, quarter, floor and lettable_area. A floor's
    lettable area cannot exceed the building's gross floor area, nor can the
    lettable areas of one quarter together; a floor must exist; a quarter is
    stated either for the whole building or floor by floor, each floor once.
    """
    problems, by_quarter = [], {}
    for row_no, row in enumerate(rows):
        by_quarter.setdefault((row["year"], row["quarter"]), []).append((row_no, row))
        if gross_floor_area and row["lettable_area"] > gross_floor_area:
            problems.append(
                (
                    row_no,
                    "lettable_area",
                    _("The lettable area cannot exceed the building's gross floor area (%(area)s m²).")
                    % {"area": gross_floor_area},
                )
            )
        if floors and row["floor"] and row["floor"] > floors:
            problems.append(
                (
                    row_no,
                    "floor",
                    _("The building has %(floors)s floors: there is no floor %(floor)s.")
                    % {"floors": floors, "floor": row["floor"]},
                )
            )
    for (year, quarter), group in by_quarter.items():
        label = Quarter(year, quarter).label
        whole = [row_no for row_no, row in group if not row["floor"]]
        seen = set()
        for row_no, row in group:
            if whole and len(group) > 1:
                problems.append(
                    (
                        row_no,
                        "floor",
                        _("%(quarter)s is stated twice: give it for the whole building or floor by floor.")
                        % {"quarter": label},
                    )
                )
            elif row["floor"] in seen:
                problems.append(
                    (
                        row_no,
                        "floor",
                        _("Floor %(floor)s is stated twice for %(quarter)s.")
                        % {"floor": row["floor"], "quarter": label},
                    )
                )
            seen.add(row["floor"])
        total = sum(row["lettable_area"] for _index, row in group)
        if gross_floor_area and len(group) > 1 and total > gross_floor_area:
            problems.append(
                (
                    group[-1][0],
                    "lettable_area",
                    _(
                        "The floors' lettable areas for %(quarter)s add up to %(total)s m², more than the gross floor area (%(area)s m²)."
                    )
                    % {"quarter": label, "total": total, "area": gross_floor_area},
                )
            )
    return problems


class BuildingPageForm(WagtailAdminPageForm):
    """The building's edit form: checks its space rows against its own gross floor area and floors."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("spaces")
        if formset is None:
            return cleaned
        forms = [
            form
            for form in formset.forms
            if form.is_valid() and form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        rows = [form.cleaned_data for form in forms]
        for row_no, field, message in space_problems(rows, cleaned.get("gross_floor_area"), cleaned.get("floors")):
            forms[row_no].add_error(field, message)
        return cleaned


class BuildingPage(SitePage, Page):
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
    base_form_class = BuildingPageForm

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
        InlinePanel(
            "spaces",
            heading=_("Space to let"),
            label=_("Quarter"),
            help_text=_(
                "Lettable, free and reserved area by quarter (2021–2031), for the whole building or floor by floor. "
                "The latest quarter up to today is what is free now."
            ),
        ),
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
        SynchronizedField("spaces"),
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
        """The published organisations housed here, in this page's language where translated and published."""
        if "tenants" in getattr(self, "_cluster_related_objects", {}):  # a preview or revision: tenants in memory
            keys = [tenant.organisation.translation_key for tenant in self.tenants.select_related("organisation")]
            return self._marked(Organisation.objects.live().housed(keys, self.locale_id))
        # Saved tenants: the organisations and their order in one query.
        tenancies = BuildingTenant.objects.filter(page_id=self.pk)
        order = tenancies.filter(organisation__translation_key=OuterRef("translation_key")).values("sort_order")[:1]
        versions = (
            Organisation.objects.live()
            .filter(translation_key__in=tenancies.values("organisation__translation_key"))
            .annotate(tenant_order=Subquery(order))
            .select_related("locale")
            .order_by("tenant_order", "pk")
        )
        chosen = {}
        for organisation in versions:
            key = organisation.translation_key
            if key not in chosen or organisation.locale_id == self.locale_id:
                chosen[key] = organisation
        return self._marked(chosen.values())

    def _marked(self, organisations):
        """Each with `fallback_language`: the language code of its text when it is not this page's ("" when it is),
        so that the page marks an untranslated name with `lang`."""
        organisations = list(organisations)
        for organisation in organisations:
            same = organisation.locale_id == self.locale_id
            organisation.fallback_language = "" if same else organisation.locale.language_code
        return organisations

    def space_by_quarter(self):
        """The space stated for each quarter, in time order: [SpaceFigures] (uses prefetched `spaces`)."""
        return quarters_of(self.spaces.all())

    def space_at(self, quarter):
        """The space as of `quarter`: that of the latest stated quarter at or before it, or None."""
        return figures_at(self.space_by_quarter(), quarter)

    def space_now(self):
        return self.space_at(Quarter.now())

    def has_free_space(self, quarter=None):
        """Whether some area is free as of `quarter` (this quarter by default)."""
        figures = self.space_at(quarter or Quarter.now())
        return bool(figures and figures.free)

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
        others = BuildingPage.objects.sibling_of(self, inclusive=False).public_in(self.locale_id)
        return [*others, self]

    def breadcrumbs(self, request):
        """The pages above this one, from the home page down: [(title, url)]."""
        ancestors = route_pages(request)[:-1] or self.get_ancestors().filter(depth__gt=1)
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
        home = localized_home(request)
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
        spaces = list(self.spaces.all())
        by_quarter = quarters_of(spaces)
        space_now = figures_at(by_quarter, Quarter.now())
        context.update(
            space_by_quarter=by_quarter,
            space_now=space_now,
            space_floors=sorted(
                (space for space in spaces if space.floor and space_now and space.period == space_now.quarter),
                key=lambda space: space.floor,
            ),
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


# Floor space to let

FIRST_SPACE_YEAR, LAST_SPACE_YEAR = 2021, 2031
QUARTER = re.compile(r"^(\d{4})-?Q([1-4])$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Quarter:
    """A calendar quarter, "2027-Q3"; ordered in time."""

    year: int
    number: int

    @classmethod
    def parse(cls, text):
        """The quarter "2027-Q3" (or "2027Q3") names, or None when it names none within 2021–2031."""
        match = QUARTER.match((text or "").strip())
        if not match:
            return None
        quarter = cls(int(match[1]), int(match[2]))
        return quarter if FIRST_SPACE_YEAR <= quarter.year <= LAST_SPACE_YEAR else None

    @classmethod
    def of(cls, moment):
        return cls(moment.year, (moment.month - 1) // 3 + 1)

    @classmethod
    def now(cls):
        return cls.of(timezone.localdate())

    @property
    def index(self):
        """Quarters since year 0: what the database compares (BuildingSpace.period)."""
        return self.year * 4 + self.number - 1

    def __str__(self):
        return f"{self.year}-Q{self.number}"

    @property
    def label(self):
        return _("Q%(number)s %(year)s") % {"number": self.number, "year": self.year}


@dataclass
class SpaceFigures:
    """Lettable, let, free and reserved area (m²) of a building, or of the whole park, at one quarter."""

    quarter: Quarter | None = None
    lettable: int = 0
    free: int = 0
    reserved: int = 0

    @property
    def let(self):
        return self.lettable - self.free - self.reserved

    def add(self, space):
        self.lettable += space.lettable_area
        self.free += space.free_area
        self.reserved += space.reserved_area


class BuildingSpaceQuerySet(models.QuerySet):
    def with_period(self):
        return self.annotate(period=F("year") * 4 + F("quarter") - 1)

    def current(self, at=None):
        """Each building's rows of its latest stated quarter at or before `at` (this quarter by default)."""
        at = at or Quarter.now()
        latest = (
            BuildingSpace.objects.with_period()
            .filter(page=OuterRef("page"), period__lte=at.index)
            .order_by("-period")
            .values("period")[:1]
        )
        return self.with_period().filter(period=Subquery(latest))

    def totals(self, at=None):
        """Lettable, let, free and reserved area of these rows' buildings now, summed in the database."""
        sums = self.current(at).aggregate(
            lettable=Coalesce(Sum("lettable_area"), 0),
            free=Coalesce(Sum("free_area"), 0),
            reserved=Coalesce(Sum("reserved_area"), 0),
        )
        return SpaceFigures(at or Quarter.now(), **sums)


def space_by_building(pages):
    """{page pk: [SpaceFigures per stated quarter, in time order]} for `pages` (pks or a queryset): one query."""
    rows = {}
    for space in BuildingSpace.objects.filter(page__in=pages):
        rows.setdefault(space.page_id, []).append(space)
    return {pk: quarters_of(spaces) for pk, spaces in rows.items()}


def quarters_of(spaces):
    """BuildingSpace rows summed per quarter, in time order: [SpaceFigures]."""
    quarters = {}
    for space in spaces:
        quarters.setdefault(space.period, SpaceFigures(space.period)).add(space)
    return [quarters[quarter] for quarter in sorted(quarters)]


def figures_at(quarters, quarter):
    """Of [SpaceFigures] in time order, the one in force at `quarter` (the latest at or before it), or None."""
    stated = [figures for figures in quarters if figures.quarter <= quarter]
    return stated[-1] if stated else None


def organisations_by_building(pages, language):
    """{page pk: [published organisations housed there, in `language` (a Locale or code) where translated]}:
    two queries."""
    language_code = getattr(language, "language_code", language)
    tenancies = list(
        BuildingTenant.objects.filter(page__in=pages)
        .order_by("page_id", "sort_order")
        .values_list("page_id", "organisation__translation_key")
    )
    keys = {key for _pk, key in tenancies}
    found = {}
    for organisation in Organisation.objects.live().filter(translation_key__in=keys).select_related("locale"):
        if organisation.translation_key not in found or organisation.locale.language_code == language_code:
            found[organisation.translation_key] = organisation
    housed = {}
    for pk, key in tenancies:
        if key in found and found[key] not in housed.setdefault(pk, []):
            housed[pk].append(found[key])
    return housed


class BuildingSpace(Orderable):
    """Floor space to let in a building, or on one of its floors, as of a quarter (editor-maintained).

    The rows of the latest quarter up to today say what is free now; later
    quarters say what will be free then (a building still being built, a lease
    ending). Let area is what remains: lettable − free − reserved.
    """

    page = ParentalKey(BuildingPage, related_name="spaces", on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(FIRST_SPACE_YEAR), MaxValueValidator(LAST_SPACE_YEAR)]
    )
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), choices=[(1, _("Q1")), (2, _("Q2")), (3, _("Q3")), (4, _("Q4"))]
    )
    floor = models.PositiveSmallIntegerField(
        _("floor"), null=True, blank=True, help_text=_("Empty: the whole building."), validators=[MinValueValidator(1)]
    )
    lettable_area = models.PositiveIntegerField(_("lettable area, m²"))
    free_area = models.PositiveIntegerField(_("free area, m²"), default=0)
    reserved_area = models.PositiveIntegerField(_("reserved area, m²"), default=0)

    objects = BuildingSpaceQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("quarter"), FieldPanel("floor")]),
        FieldRowPanel([FieldPanel("lettable_area"), FieldPanel("free_area"), FieldPanel("reserved_area")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("space to let")
        verbose_name_plural = _("space to let")

    @property
    def period(self):
        return Quarter(self.year, self.quarter)

    def clean(self):
        super().clean()
        if None in (self.lettable_area, self.free_area, self.reserved_area):
            return  # the fields have said what is missing
        if self.free_area + self.reserved_area > self.lettable_area:
            raise ValidationError(
                {
                    "free_area": _(
                        "Free and reserved area together (%(sum)s m²) cannot exceed the lettable area (%(lettable)s m²)."
                    )
                    % {"sum": self.free_area + self.reserved_area, "lettable": self.lettable_area}
                }
            )


class MilestoneBlock(blocks.StructBlock):
    """A dated step of the project that is not a building's completion: a plan, a permit, an announcement."""

    year = blocks.IntegerBlock(label=_("Year"), min_value=2020, max_value=2040)
    text = blocks.TextBlock(label=_("What happened or is planned"), max_length=400)

    class Meta:
        icon = "date"
        label = _("Milestone")
        description = _("A step of the project in a year; the buildings' completions are added on their own.")
        preview_value = {"year": 2021, "text": "The plan: at least 56,000 m² of offices and apartments."}


class TimelinePage(SitePage, FixedSlugMixin, Page):
    """/{lang}/timeline/: the park year by year, from the 2021 plan to completion.

    The buildings of each year and their status come from the buildings
    themselves (their `completion_year` and `status`, through the query layer):
    changing a building changes the timeline, and nothing is typed twice. Only
    the milestones that are not buildings (the plan, the permit) are the page's own.
    """

    fixed_slug = "timeline"
    MAP_SLUG = "map"  # the map page's fixed address (docs/contract.md): /{lang}/map/?year=YYYY

    intro = models.TextField(_("introduction"), blank=True)
    milestones = StreamField(
        [("milestone", MilestoneBlock())],
        verbose_name=_("milestones"),
        blank=True,
        help_text=_("Steps of the project other than the buildings' completions, which are shown from the buildings."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("milestones")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    override_translatable_fields = [TranslatableField("intro"), TranslatableField("milestones")]

    class Meta:
        verbose_name = _("construction timeline")

    def buildings(self):
        """The buildings readers of this page's language see, in plan order."""
        return (
            BuildingPage.objects.public_in(self.locale_id)
            .in_plan_order()
            .only("pk", "title", "slug", "url_path", "status", "completion_year", "purpose", "locale_id")
        )

    def map_url(self):
        """The map page's URL in this language (a sibling with the map's fixed slug), or None without one."""
        map_page = Page.objects.sibling_of(self, inclusive=False).live().filter(slug=self.MAP_SLUG).first()
        return map_page.url if map_page else None

    @staticmethod
    def year_phase(buildings):
        """What a year is on the way to completion, from its buildings' states."""
        statuses = {building.status for building in buildings}
        if not statuses:
            return ""
        if statuses == {Status.IN_SERVICE}:
            return _("Completed")
        if (
            Status.PLANNED in statuses
            and Status.UNDER_CONSTRUCTION not in statuses
            and Status.IN_SERVICE not in statuses
        ):
            return _("Planned")
        return _("Under construction")

    def years(self):
        """[{year, phase, milestones, buildings, map_url}] from the first milestone or building to the last."""
        by_year = {}
        for building in self.buildings():
            by_year.setdefault(building.completion_year, {"buildings": [], "milestones": []})["buildings"].append(
                building
            )
        for block in self.milestones:
            by_year.setdefault(block.value["year"], {"buildings": [], "milestones": []})["milestones"].append(
                block.value["text"]
            )
        map_url = self.map_url()
        return [
            {
                "year": year,
                "phase": self.year_phase(entry["buildings"]),
                "milestones": entry["milestones"],
                "buildings": entry["buildings"],
                "map_url": f"{map_url}?year={year}" if map_url and entry["buildings"] else None,
            }
            for year, entry in sorted(by_year.items())
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["years"] = self.years()
        return context
