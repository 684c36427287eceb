"""Absolute URLs come from the configured base, whatever Host a request named."""

from django.test import override_settings

from core.urls import absolute_url, base_url


@override_settings(WAGTAILADMIN_BASE_URL="https://itpark.example/")
def test_paths_are_joined_to_the_configured_base():
    """A shared link must name the public site, not the port a probe happened to use."""
    assert base_url() == "https://itpark.example"
    assert absolute_url("/ru/map/") == "https://itpark.example/ru/map/"
    assert absolute_url("ru/map/") == "https://itpark.example/ru/map/"


@override_settings(WAGTAILADMIN_BASE_URL="https://itpark.example")
def test_non_ascii_paths_are_encoded_and_absolute_urls_kept():
    """A Cyrillic slug must reach feeds and sitemaps as a valid URI."""
    assert absolute_url("/ru/здания/") == "https://itpark.example/ru/%D0%B7%D0%B4%D0%B0%D0%BD%D0%B8%D1%8F/"
    assert absolute_url("https://other.example/x") == "https://other.example/x"
