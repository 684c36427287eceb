from urllib.parse import urlencode

from django.conf import settings
from django.contrib.gis.db import models
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, TranslatableMixin
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.pages import FixedSlugMixin
from core.panels import MapPanel


class MapFeatureQuerySet(models.QuerySet):
    def boundary(self):
        """The site boundary, or None when none has been drawn yet."""
        return self.filter(kind=MapFeature.Kind.BOUNDARY).order_by("sort_order", "pk").first()


@register_snippet
class MapFeature(TranslatableMixin, models.Model):
    """A feature of the map that is not a building: the site boundary and the context layers.

    Geometry and kind are the same in every language; the name is translated.
    """

    class Kind(models.TextChoices):
        BOUNDARY = "boundary", _("Site boundary")
        STREET = "street", _("Street")
        ENTRANCE = "entrance", _("Entrance to the site")
        PARKING = "parking", _("Parking")
        TRANSPORT_STOP = "stop", _("Public transport stop")

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

    class Meta(TranslatableMixin.Meta):
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


class MapPage(FixedSlugMixin, Page):
    """The interactive map of the park (/{lang}/map/): Leaflet over the GeoJSON API, with a plan and list without JS.

    The page's own content is its title and intro; everything on the map comes
    from the database through map/api.py. The script reads its configuration
    from the JSON that get_context() prepares (see map_config()).
    """

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
    )

    class Meta:
        verbose_name = _("map page")

    def buildings(self):
        """The live, public buildings in this page's language, by completion year, then name."""
        from buildings.models import BuildingPage  # buildings.models imports this module

        return (
            BuildingPage.objects.live().public().filter(locale=self.locale).order_by("completion_year", "title", "pk")
        )

    def timeline_years(self, buildings):
        """(first, last, initial) years of the timeline: the range of completion years, starting at this year."""
        years = [building.completion_year for building in buildings]
        first, last = (min(years), max(years)) if years else self.DEFAULT_YEARS
        initial = min(max(timezone.now().year, first), last)
        return first, last, initial

    @staticmethod
    def ui_strings():
        """The texts the script shows, in the current language; {name}-style placeholders are filled in by it."""
        return {
            "zoomIn": gettext("Zoom in"),
            "zoomOut": gettext("Zoom out"),
            "closePopup": gettext("Close the building’s details"),
            "purpose": gettext("Purpose"),
            "status": gettext("Status"),
            "completionYear": gettext("Completion year"),
            "floors": gettext("Floors"),
            "openPage": gettext("Open the building’s page"),
            "showOnMap": gettext("Show {name} on the map"),
            "selected": gettext("Selected on the map: {name}. {purpose}, {status}, completion in {year}."),
            "deselected": gettext("No building selected."),
            "shown": gettext("{shown} of {total} buildings shown"),
            "noneShown": gettext("No building matches these filters."),
            "inYear": gettext("In {year}"),
            "phaseStanding": gettext("Standing: completed by {year}"),
            "phaseConstruction": gettext("Under construction: due within {years} years after {year}"),
            "phasePlanned": gettext("Planned: due later"),
            "phaseLabelStanding": gettext("standing"),
            "phaseLabelConstruction": gettext("under construction"),
            "phaseLabelPlanned": gettext("planned"),
            "colourPurpose": gettext("Colour: purpose"),
            "colourStatus": gettext("Colour: current status"),
            "loadError": gettext("The map data could not be loaded. The list and plan below still work."),
        }

    def map_config(self, request, buildings):
        """Everything the map's script needs, for json_script: URLs, view, choices, timeline, texts."""
        from buildings.models import Purpose, Status

        language = self.locale.language_code
        first, last, initial = self.timeline_years(buildings)
        lat, lon = settings.MAP_CENTER
        return {
            "lang": language,
            "buildingsUrl": f"{reverse('map_api:buildings')}?{urlencode({'lang': language})}",
            "siteUrl": f"{reverse('map_api:site')}?{urlencode({'lang': language})}",
            "tileUrl": settings.MAP_TILE_URL,
            "tileAttribution": self.TILE_ATTRIBUTION if settings.MAP_TILE_URL else "",
            "center": [lat, lon],
            "zoom": settings.LEAFLET_CONFIG.get("DEFAULT_ZOOM", 17),
            "minZoom": settings.LEAFLET_CONFIG.get("MIN_ZOOM", 12),
            "maxZoom": settings.LEAFLET_CONFIG.get("MAX_ZOOM", 20),
            "purposes": [{"value": value, "label": str(label)} for value, label in Purpose.choices],
            "statuses": [{"value": value, "label": str(label)} for value, label in Status.choices],
            "layers": [{"value": str(value), "label": str(label)} for value, label in self.LAYERS],
            "years": {"min": first, "max": last, "initial": initial, "construction": self.CONSTRUCTION_YEARS},
            "strings": self.ui_strings(),
        }

    def get_context(self, request, *args, **kwargs):
        from buildings.models import BuildingIndexPage, BuildingPage, Purpose, Status

        context = super().get_context(request, *args, **kwargs)
        buildings = list(self.buildings())
        boundary = MapFeature.objects.filter(locale=self.locale).boundary()
        first, last, initial = self.timeline_years(buildings)
        context.update(
            buildings=buildings,
            map_config=self.map_config(request, buildings),
            layers=self.LAYERS,
            purposes=Purpose.choices,
            statuses=Status.choices,
            timeline={"min": first, "max": last, "initial": initial},
            construction_years=self.CONSTRUCTION_YEARS,
            site_plan=BuildingPage.site_plan(
                buildings,
                request,
                self.locale,
                frame=boundary.geometry if boundary else None,
                padding=40,
            ),
            plan_legend=BuildingIndexPage.plan_legend(buildings),
        )
        return context
