"""Settings shared by every environment.

All configuration is read from the environment here, in one place (see the
Settings table in docs/contract.md); dev.py, test.py and production.py only change
defaults and switch features.
"""

from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

import environ

SITE_DIR = Path(__file__).resolve().parent.parent.parent
BASE_DIR = SITE_DIR.parent

env = environ.Env()

# PostgreSQL's default timeouts (see with_short_timeouts): seconds to connect, milliseconds per statement.
DATABASE_CONNECT_TIMEOUT = 3
DATABASE_STATEMENT_TIMEOUT_MS = 10_000


def database_from_env(default):
    """DATABASE_URL as a Django database dict.

    SQLite/SpatiaLite paths are relative to the repository; no path
    (`spatialite://`) means an in-memory database.
    """
    config = env.db("DATABASE_URL", default=default)
    if "sqlite" in config["ENGINE"] or "spatialite" in config["ENGINE"]:
        name = config["NAME"] or ":memory:"
        if name != ":memory:" and not Path(name).is_absolute():
            name = str(BASE_DIR / name)
        config["NAME"] = name
    if "postgis" in config["ENGINE"] or "postgresql" in config["ENGINE"]:
        with_short_timeouts(config)
    return config


def with_short_timeouts(config):
    """PostgreSQL gives up quickly, so an outage is a fast 503 rather than a hung worker.

    ``connect_timeout`` (seconds) bounds reaching the server, handshake included
    (a server that accepts and never answers); ``statement_timeout`` (ms) bounds
    each query. Either may be set in DATABASE_URL's query instead
    (``?connect_timeout=5&options=-c%20statement_timeout%3D30000``). Broken
    connections are closed at the next request (Django does it at each request's
    start and end), so the site recovers as soon as the database answers again.
    """
    options = config.setdefault("OPTIONS", {})
    options.setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)
    server_options = str(options.get("options", ""))
    if "statement_timeout" not in server_options:
        options["options"] = f"{server_options} -c statement_timeout={DATABASE_STATEMENT_TIMEOUT_MS}".strip()
    config.setdefault("CONN_HEALTH_CHECKS", True)
    return config


DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])

INSTALLED_APPS = [
    "core",
    "home",
    "map",
    "buildings",
    "news",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "leaflet",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.gis",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.StripNulBytesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "core.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: turns a locked-out login into our "try again later" page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "itpark.urls"
WSGI_APPLICATION = "itpark.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SpatiaLite file by default, PostGIS in production and tests.
DATABASES = {"default": database_from_env("spatialite:///var/db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Debian's library name; Django's default ("mod_spatialite") resolves to it.
SPATIALITE_LIBRARY_PATH = env.str("SPATIALITE_LIBRARY_PATH", default="mod_spatialite")

# Debian 12 ships GDAL 3.6; Django warns that GDAL < 3.9 cannot block file and
# network access from spatial references. The site never hands GDAL a spatial
# reference from outside: imported GeoJSON is parsed with its "crs" member
# refused and every geometry is taken as WGS84 (SRID 4326).
SILENCED_SYSTEM_CHECKS = ["gis.W001"]

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one
# account from one address, that account is refused from that address, the right
# password included, until AXES_COOLOFF_TIME has passed or an administrator lifts
# it (Settings → Login lockouts, or `manage.py axes_reset_username NAME`).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
# The client's address: REMOTE_ADDR unless the deployment names the header its
# own proxy sets (CLIENT_IP_HEADER, e.g. X-Real-IP, which nginx overwrites). A
# header a visitor can send is never believed by default: trusting
# X-Forwarded-For without a proxy that rewrites it would let anyone choose the
# address their failures are counted against.
CLIENT_IP_HEADER = env.str("CLIENT_IP_HEADER", default="")
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_" + CLIENT_IP_HEADER.upper().replace("-", "_"), "REMOTE_ADDR") if CLIENT_IP_HEADER else ("REMOTE_ADDR",)
)
AXES_IPWARE_PROXY_COUNT = env.int("CLIENT_IP_PROXY_COUNT", default=None)
AXES_IPWARE_PROXY_ORDER = "right-most"

# E-mail (password resets, moderation notices): EMAIL_URL as django-environ reads
# it, e.g. smtp+tls://user:password@mail.example:587; console in development.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Kaliningrad IT Park <noreply@itpark.example>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Russian first (the default), English second. Every public URL
# carries its language prefix; content is translated with wagtail-localize.
LANGUAGE_CODE = "ru"
LANGUAGES = [
    ("ru", "Русский"),
    ("en", "English"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Kaliningrad"

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Wagtail. The admin makes no request to any third-party host.
WAGTAIL_SITE_NAME = _("Kaliningrad IT Park")
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Site search: Wagtail's database backend; on PostgreSQL each page is indexed
# and searched with its language's text search configuration (stemming), see
# core/search_backend.py. Other databases get Wagtail's generic backend.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "core.search_backend",
        "SEARCH_CONFIG": "simple",
        "LANGUAGE_CONFIGS": {"ru": "russian", "en": "english"},
    }
}
WAGTAILDOCS_EXTENSIONS = ["csv", "geojson", "json", "kml", "pdf", "txt", "zip"]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# The map's tile layer; empty means no tiles (the map draws from its own data).
MAP_TILE_URL = env.str("MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")

# Security headers that hold everywhere; production adds HTTPS-only ones.
X_FRAME_OPTIONS = "DENY"
# Who may frame the embeddable map (/{lang}/map/embed/, the only view exempt from X_FRAME_OPTIONS):
# CSP frame-ancestors sources, comma-separated, e.g. "https://news.example,https://*.media.example".
EMBED_FRAME_ANCESTORS = env.list("EMBED_FRAME_ANCESTORS", default=["*"])
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_HTTPONLY = True

# django-leaflet: the admin map widgets. Centre of the park (the suggested map centre).
MAP_CENTER = (54.741696, 20.470456)  # lat, lon
LEAFLET_CONFIG = {
    "DEFAULT_CENTER": MAP_CENTER,
    "DEFAULT_ZOOM": 17,
    "MIN_ZOOM": 12,
    "MAX_ZOOM": 20,
    "TILES": [("OpenStreetMap", MAP_TILE_URL, {"attribution": "© OpenStreetMap contributors", "maxZoom": 20})]
    if MAP_TILE_URL
    else [],
    "ATTRIBUTION_PREFIX": "Leaflet",
    "RESET_VIEW": False,
    "NO_GLOBALS": False,
}
