"""The Leaflet map widget for geometry fields in the Wagtail admin."""

import json

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext as _

from wagtail.models import Locale

from leaflet.forms.widgets import LeafletWidget
from leaflet.templatetags.leaflet_tags import leaflet_draw_i18n


class MapWidget(LeafletWidget):
    """django-leaflet's widget, working inside Wagtail's edit forms, with the park drawn around it.

    django-leaflet 0.34 ships no media unless `include_media` is set, and its
    map is 0 px high without leaflet.extras.css. Around the geometry being
    edited, the map shows the site boundary and the other buildings, muted and
    not editable (static/js/admin/map-widget.js draws them), so that editors
    can draw without a tile layer.

    `locale_id` and `exclude_translation_key` say whose neighbours to show:
    `core.panels.MapPanel` sets them from the object being edited. Without
    them the map shows the default locale's boundary and all its buildings.
    """

    include_media = True
    template_name = "core/widgets/map_widget.html"
    locale_id = None
    exclude_translation_key = None

    @property
    def media(self):
        return super().media + forms.Media(
            js=["js/admin/map-widget.js"],
            css={"screen": ["leaflet/leaflet.extras.css", "css/admin.css"]},
        )

    def render(self, name, value, attrs=None, renderer=None):
        # With the project's template engine, so that the template can live in templates/.
        return super().render(name, value, attrs, renderer=TemplatesSetting())

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["reference"] = {
            "features": reference_features(self.locale_id, self.exclude_translation_key),
            "legend": {"boundary": _("Site boundary"), "building": _("Other buildings")},
            "draw": draw_toolbar_strings(),
        }
        context["reference_id"] = f"{context['id_map']}-reference"
        return context


def reference_features(locale_id=None, exclude_translation_key=None):
    """The site boundary and the buildings of a locale, as a GeoJSON FeatureCollection.

    `exclude_translation_key` leaves out the object being edited (a building,
    or the boundary itself), in every language.
    """
    from buildings.models import BuildingPage
    from map.models import MapFeature

    locale_id = locale_id or Locale.get_default().pk
    features = []
    boundaries = MapFeature.objects.filter(locale_id=locale_id, kind=MapFeature.Kind.BOUNDARY)
    buildings = BuildingPage.objects.filter(locale_id=locale_id).order_by("title")
    if exclude_translation_key:
        boundaries = boundaries.exclude(translation_key=exclude_translation_key)
        buildings = buildings.exclude(translation_key=exclude_translation_key)
    boundary = boundaries.boundary()
    if boundary is not None:
        features.append(_feature("boundary", boundary.name, boundary.geometry))
    features.extend(_feature("building", building.title, building.footprint) for building in buildings)
    return {"type": "FeatureCollection", "features": features}


def _feature(layer, name, geometry):
    return {
        "type": "Feature",
        "geometry": json.loads(geometry.geojson),
        "properties": {"layer": layer, "name": name},
    }


def draw_toolbar_strings():
    """Leaflet.draw's toolbar texts in the active language, from django-leaflet's own catalog.

    Keys name their place in `L.drawLocal` with underscores, e.g.
    `draw_toolbar_buttons_polygon` is `L.drawLocal.draw.toolbar.buttons.polygon`.
    """
    strings = leaflet_draw_i18n({"with_forms": True})
    return {key: str(text) for key, text in strings.items() if key.startswith(("draw_", "edit_"))}
