"""The Leaflet map widget for geometry fields in the Wagtail admin."""

from django import forms

from leaflet.forms.widgets import LeafletWidget


class MapWidget(LeafletWidget):
    """django-leaflet's widget, working inside Wagtail's edit forms.

    django-leaflet 0.34 ships no media unless `include_media` is set, and its
    map is 0 px high without leaflet.extras.css.
    """

    include_media = True

    @property
    def media(self):
        return super().media + forms.Media(css={"screen": ["leaflet/leaflet.extras.css"]})
