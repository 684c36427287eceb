from django.contrib.gis.db import models
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from buildings.models import BuildingIndexPage, BuildingPage, Purpose, Status
from core.pages import FixedSlugMixin, PublicPageManager, SitePage
from core.panels import MapPanel
from core.snippets import ModeratedSnippet, ModeratedSnippetQuerySet
from map.config import map_config


class MapFeatureQuerySet(ModeratedSnippetQuerySet):
    def boundary(self):
        """The site boundary, or None when none has been drawn yet."""
        return self.filter(kind=MapFeature.Kind.BOUNDARY).order_by("sort_order", "pk").first()


@register_snippet
class MapFeature(ModeratedSnippet):
    """A feature of the map that is not a building: the site boundary and the context layers.

    Geometry and kind are the same in every language; the name is translated.
    Drafts, revisions and moderation come from ModeratedSnippet: readers'
    maps and plans draw only live features (`MapFeature.objects.public_in`).
    """

    class Kind(models.TextChoices):
        BOUNDARY = "boundary", _("Site boundary")
        STREET = "street", _("Street")
        ENTRANCE = "entrance", _("Entrance to the site")
        PARKING = "parking", _("Parking")
        TRANSPORT_STOP = "stop", _("Public transport stop")
        SQUARE = "square", _("Public square")
        GREEN = "green", _("Green space")
        LANE = "lane", _("Lane or path inside the site")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=120)
    geometry = models.GeometryField(_("geometry"), srid=4326)
    credit = models.CharField(
        _("credit"),
        max_length=200,
        blank=True,
        help_text=_('Where the geometry comes from, shown wherever it is, e.g. "© OpenStreetMap contributors".'),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    # For the GeoJSON API's Last-Modified and ETag (map/api.py); wagtail-localize
    # saves translations when their source changes, which updates it too.
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MapFeatureQuerySet.as_manager()

    panels = [
        FieldPanel("kind"),
        FieldPanel("name"),
        MapPanel("geometry"),
        FieldPanel("credit"),
        FieldPanel("sort_order"),
    ]

    override_translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("kind"),
        SynchronizedField("geometry"),
        SynchronizedField("credit"),
        SynchronizedField("sort_order"),
    ]

    class Meta(ModeratedSnippet.Meta):
        verbose_name = _("map feature")
        verbose_name_plural = _("map features")
        ordering = ["kind", "sort_order", "pk"]

    # The shapes each kind may have: the plan, the map and the buildings' checks rely on them.
    SHAPES = {
        Kind.BOUNDARY: ("Polygon", "MultiPolygon"),
        Kind.STREET: ("LineString", "MultiLineString"),
        Kind.ENTRANCE: ("Point",),
        Kind.PARKING: ("Polygon", "MultiPolygon", "Point"),
        Kind.TRANSPORT_STOP: ("Point",),
        Kind.SQUARE: ("Polygon", "MultiPolygon"),
        Kind.GREEN: ("Polygon", "MultiPolygon"),
        Kind.LANE: ("LineString", "MultiLineString"),
    }

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"

    def clean(self):
        super().clean()
        geometry, shapes = self.geometry, self.SHAPES.get(self.kind)
        if geometry is None or shapes is None:
            return  # the fields' own validation has said what is missing
        if geometry.empty or geometry.geom_type not in shapes:
            raise ValidationError(
                {
                    "geometry": _("Draw “%(kind)s” as %(shapes)s, not as %(type)s.")
                    % {"kind": self.get_kind_display(), "shapes": ", ".join(shapes), "type": geometry.geom_type}
                }
            )
        if not geometry.valid:
            raise ValidationError(
                {"geometry": _("The shape is not valid (%(reason)s).") % {"reason": geometry.valid_reason}}
            )


class MapPage(SitePage, FixedSlugMixin, Page):
    """The interactive map of the park (/{lang}/map/): Leaflet over the GeoJSON API, with a plan and list without JS.

    The page's own content is its title and intro; everything on the map comes
    from the database through map/api.py. The script reads its configuration
    from the JSON that map.config.map_config() prepares.
    """

    objects = PublicPageManager()

    fixed_slug = "map"

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    override_translatable_fields = [TranslatableField("intro")]

    # A building is drawn "under construction" this many years before its completion year.
    CONSTRUCTION_YEARS = 2
    # The timeline when there are no buildings to derive it from.
    DEFAULT_YEARS = (2023, 2031)
    TILE_ATTRIBUTION = "© OpenStreetMap contributors"
    LAYERS = (
        ("buildings", _("Buildings")),
        (MapFeature.Kind.BOUNDARY, _("Site boundary")),
        (MapFeature.Kind.STREET, _("Streets")),
        (MapFeature.Kind.ENTRANCE, _("Entrances to the site")),
        (MapFeature.Kind.PARKING, _("Parking")),
        (MapFeature.Kind.TRANSPORT_STOP, _("Public transport stops")),
        (MapFeature.Kind.SQUARE, _("Squares")),
        (MapFeature.Kind.GREEN, _("Green spaces")),
        (MapFeature.Kind.LANE, _("Lanes and paths")),
    )

    class Meta:
        verbose_name = _("map page")

    @classmethod
    def in_language(cls, language_code):
        """The live, public map page in that language, or None (no map there: nothing to embed)."""
        return cls.objects.public_in(language_code).first()

    def buildings(self):
        """The buildings readers see in this page's language, in plan order."""
        return BuildingPage.objects.public_in(self.locale_id).in_plan_order()

    def timeline_years(self, buildings):
        """(first, last, initial) years of the timeline: the range of completion years, starting at this year."""
        years = [building.completion_year for building in buildings]
        first, last = (min(years), max(years)) if years else self.DEFAULT_YEARS
        initial = min(max(timezone.now().year, first), last)
        return first, last, initial

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        buildings = list(self.buildings())
        first, last, initial = self.timeline_years(buildings)
        context.update(
            buildings=buildings,
            map_config=map_config(self, buildings),
            layers=self.LAYERS,
            purposes=Purpose.choices,
            statuses=Status.choices,
            free_choices=BuildingIndexPage.free_space_choices(),
            timeline={"min": first, "max": last, "initial": initial},
            construction_years=self.CONSTRUCTION_YEARS,
        )
        return context
