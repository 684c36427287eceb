from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

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

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"
