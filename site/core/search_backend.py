"""Wagtail's database search backend, with per-language stemming on PostgreSQL.

On PostgreSQL each object with a locale (pages, translatable snippets) is
indexed with its language's text search configuration (`LANGUAGE_CONFIGS`,
e.g. "ru" → "russian", so "здания" and "здание" share the stem "здан"); other
objects with `SEARCH_CONFIG`. Searching in one language uses that language's
configuration: `get_search_backend().for_language("ru")`.

Other databases (SpatiaLite, the embedded default) get the backend Wagtail
picks for them (SQLite full-text search, or its plain fallback), without
stemming; there `for_language` returns the backend unchanged.

Settings::

    WAGTAILSEARCH_BACKENDS = {"default": {
        "BACKEND": "core.search_backend",
        "SEARCH_CONFIG": "simple",
        "LANGUAGE_CONFIGS": {"ru": "russian", "en": "english"},
    }}
"""

from django.db import connection

from wagtail.search.backends import database


def SearchBackend(params):  # Wagtail looks the factory up by this name
    """The backend for the default database's vendor."""
    if connection.vendor == "postgresql":
        from core.search_postgres import LanguagePostgresSearchBackend  # loads PostgreSQL-only code

        return LanguagePostgresSearchBackend(params)
    backend = database.SearchBackend(params)
    backend.for_language = lambda language_code: backend
    return backend
