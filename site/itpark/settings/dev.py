"""Local development: `make run`, SpatiaLite file under var/, debug on."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# A fixed development key, never valid in production (production.py requires SECRET_KEY).
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-not-secret-kaliningrad-it-park")
# Template and code changes show at once; set PAGE_CACHE_SECONDS=600 to try the cache.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0)
