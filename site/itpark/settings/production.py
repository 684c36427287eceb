"""Production: PostGIS, Redis cache, HTTPS behind a reverse proxy.

Refuses to start without SECRET_KEY and ALLOWED_HOSTS.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY, env, media_storage_from_env

DEBUG = False

if not SECRET_KEY:  # read from the environment in base.py
    raise ImproperlyConfigured("Set SECRET_KEY in the environment: production never runs on a default key.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS in the environment, e.g. ALLOWED_HOSTS=itpark.example.")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[f"https://{host}" for host in ALLOWED_HOSTS])

# HTTPS is terminated at the reverse proxy, which sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# The load balancer's health check asks over plain HTTP (deploy/nginx/itpark.conf).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# Static files straight from the app servers (with far-future caching); put a CDN in front to scale.
MIDDLEWARE = [*MIDDLEWARE[:1], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]  # noqa: F405
# Media as base.py configured it (MEDIA_ROOT, or object storage when AWS_STORAGE_BUCKET_NAME is set).
STORAGES = {
    "default": media_storage_from_env(),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Static files may be loaded from other origins: the sandboxed embed on a newsroom's page loads its scripts.


def _static_file_headers(headers, path, url):
    headers["Cross-Origin-Resource-Policy"] = "cross-origin"


WHITENOISE_ADD_HEADERS_FUNCTION = _static_file_headers

# Mail goes to the machine's own mail server unless EMAIL_URL names another;
# never to the console, where reset links would end up in the logs.
if not env.str("EMAIL_URL", default=""):
    EMAIL_CONFIG = env.email_url_config("smtp://127.0.0.1:25")
    vars().update(EMAIL_CONFIG)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # A database outage is logged once per request, in one line (logger itpark.outage).
    "filters": {"skip_outage_tracebacks": {"()": "core.middleware.SkipOutageTracebacks"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # Wagtail runs its search-index and reference-index updates as tasks, each
    # logging two lines per save at INFO: keep only their problems.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "django.request": {"filters": ["skip_outage_tracebacks"]},
    },
}
