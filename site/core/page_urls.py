"""Wagtail's front-end URLs (wagtail.urls), with pages served through core.routing.serve."""

from django.urls import re_path

from wagtail import urls as wagtail_urls

from core import routing

urlpatterns = [
    *(pattern for pattern in wagtail_urls.urlpatterns if getattr(pattern, "name", None) != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
]
