"""Tests: PostGIS by default (see `make test`); DATABASE_URL may point at SpatiaLite for the smoke set."""

import os

# Tests never reach the internet: no tile layer unless a test sets one. Set
# before base.py reads it, so every setting derived from it agrees.
os.environ.setdefault("MAP_TILE_URL", "")

from .base import *  # noqa: F403
from .base import DATABASES, database_from_env

DATABASES["default"] = database_from_env("postgis://itpark:itpark@127.0.0.1:5432/itpark")
if "postgis" in DATABASES["default"]["ENGINE"]:
    # CREATE EXTENSION postgis needs a superuser; test databases are cloned
    # from a template that already has it (scripts/ensure-postgis.sh makes it).
    DATABASES["default"]["TEST"] = {"TEMPLATE": "itpark_template"}

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Off, so that a test's uncommitted change is never hidden by another test's
# copy; tests/test_page_cache.py turns it on.
PAGE_CACHE_SECONDS = 0
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
