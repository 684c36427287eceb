"""Admin panels shared by the apps."""

from django.contrib.gis import forms
from django.contrib.gis.geos import MultiLineString, MultiPoint, MultiPolygon
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

from core.widgets import MapWidget

# What a shape is called in messages, by GEOS type name.
SHAPES = {
    "Point": _("a point"),
    "MultiPoint": _("points"),
    "LineString": _("a line"),
    "MultiLineString": _("lines"),
    "Polygon": _("a polygon"),
    "MultiPolygon": _("polygons"),
    "GeometryCollection": _("a mixed collection of shapes"),
}
# What a field wants, by its OGC type; a single shape is taken as a one-part multi-shape.
EXPECTED = {
    "POINT": _("a point"),
    "MULTIPOINT": _("one or more points"),
    "LINESTRING": _("a line"),
    "MULTILINESTRING": _("one or more lines"),
    "POLYGON": _("a polygon"),
    "MULTIPOLYGON": _("one or more polygons"),
}
MULTI = {"MULTIPOINT": MultiPoint, "MULTILINESTRING": MultiLineString, "MULTIPOLYGON": MultiPolygon}


class MapGeometryField(forms.GeometryField):
    """A geometry form field that says which shape it wants, and takes one shape for a multi-shape.

    Django's field refuses a Polygon pasted into a MultiPolygonField, and
    answers a line drawn for a footprint with a bare "Invalid geometry type.".
    """

    default_error_messages = {
        "invalid_geom_type": _("Draw %(expected)s here, not %(actual)s."),
    }

    def clean(self, value):
        geometry = forms.Field.clean(self, value)  # parsed and required; the type is checked here
        if geometry is None or self.geom_type == "GEOMETRY":
            return super().clean(geometry)
        multi = MULTI.get(self.geom_type)
        if multi is not None and geometry.geom_type.upper() == self.geom_type.removeprefix("MULTI"):
            geometry = multi(geometry, srid=geometry.srid)
        if geometry.geom_type.upper() != self.geom_type:
            raise ValidationError(
                self.error_messages["invalid_geom_type"],
                code="invalid_geom_type",
                params={
                    "expected": EXPECTED.get(self.geom_type, self.geom_type),
                    "actual": SHAPES.get(geometry.geom_type, geometry.geom_type),
                },
            )
        return super().clean(geometry)


class MapPanel(FieldPanel):
    """A geometry field drawn on the admin map, with the rest of the park shown around it.

    Tells the map widget which object is being edited, so that the reference
    layers show its locale's boundary and buildings but not the object itself;
    the form field says which shape it wants (see MapGeometryField).
    """

    def __init__(self, field_name, widget=MapWidget, **kwargs):
        super().__init__(field_name, widget=widget, **kwargs)

    def get_form_options(self):
        options = super().get_form_options()
        if "fields" in options:  # not read-only
            options["field_classes"] = {self.field_name: MapGeometryField}
        return options

    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            if self.bound_field is None:
                return
            widget = self.bound_field.field.widget  # the form's own copy, not the class's
            if isinstance(widget, MapWidget) and self.instance is not None:
                widget.locale_id = getattr(self.instance, "locale_id", None)
                widget.exclude_translation_key = getattr(self.instance, "translation_key", None)
