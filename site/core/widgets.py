"""The Leaflet map widget for geometry fields in the Wagtail admin."""

import json

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from leaflet.forms.widgets import LeafletWidget
from leaflet.templatetags.leaflet_tags import leaflet_draw_i18n

from core.registry import reference_layers


class MapWidget(LeafletWidget):
    """django-leaflet's widget, working inside Wagtail's edit forms, with the park drawn around it.

    django-leaflet 0.34 ships no media unless `include_media` is set, and its
    map is 0 px high without leaflet.extras.css. Around the geometry being
    edited, the map shows the reference layers the apps register
    (core.registry: the site boundary, the other buildings), muted and not
    editable (static/js/admin/map-widget.js draws them), so that editors can
    draw without a tile layer.

    `locale_id` and `exclude_translation_key` say whose neighbours to show:
    `core.panels.MapPanel` sets them from the object being edited. Without
    them the map shows the default locale's layers, with nothing left out.
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
        layers = reference_layers(self.locale_id or Locale.get_default().pk, self.exclude_translation_key)
        context["reference"] = {
            "features": reference_features(layers),
            "legend": {layer.name: str(layer.label) for layer in layers},
            "draw": draw_toolbar_strings(),
        }
        context["reference_id"] = f"{context['id_map']}-reference"
        return context


def reference_features(layers):
    """The reference layers (core.registry.reference_layers) as one GeoJSON FeatureCollection."""
    features = [
        {
            "type": "Feature",
            "geometry": json.loads(geometry.geojson),
            "properties": {"layer": layer.name, "name": name},
        }
        for layer in layers
        for name, geometry in layer.shapes
    ]
    return {"type": "FeatureCollection", "features": features}


def draw_toolbar_strings():
    """Leaflet.draw's toolbar texts in the active language, from django-leaflet's own catalog.

    Keys name their place in `L.drawLocal` with underscores, e.g.
    `draw_toolbar_buttons_polygon` is `L.drawLocal.draw.toolbar.buttons.polygon`.
    """
    strings = leaflet_draw_i18n({"with_forms": True})
    # Leaflet.draw's "Clear All" action, which django-leaflet's catalog leaves in English.
    strings["edit_toolbar_actions_clearAll_text"] = _("Clear all")
    strings["edit_toolbar_actions_clearAll_title"] = _("Clear all layers")
    return {key: str(text) for key, text in strings.items() if key.startswith(("draw_", "edit_"))}
