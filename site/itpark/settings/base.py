"""Settings shared by every environment.

All configuration is read from the environment here, in one place (see the
Settings table in docs/contract.md); dev.py, test.py and production.py only change
defaults and switch features.
"""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

import environ

SITE_DIR = Path(__file__).resolve().parent.parent.parent
BASE_DIR = SITE_DIR.parent

env = environ.Env()


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
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.gis",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.security.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "core.security.CrossOriginResourcePolicyMiddleware",
    "core.middleware.StripNulBytesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
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
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True

# Content-Security-Policy (django-csp 4; core/security.py picks the policy per request).
# Public pages: nothing inline, nothing from other hosts; core.security adds the map's
# tile host (MAP_TILE_URL) to img-src, and the embed's frame-ancestors (EMBED_FRAME_ANCESTORS).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# The Wagtail admin (/admin/): the strictest policy Wagtail 8's admin works under, found by
# loading its screens in Chromium (tests/browser/test_csp_browser.py counts the violations).
# Wagtail 8 has no CSP nonces; its pages carry inline scripts with per-page data (config,
# inline panels, date pickers) and its bundle inserts inline scripts and <style> elements at
# run time, so 'unsafe-inline' stays for scripts and styles; no 'unsafe-eval', no other host.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}
# Permissions-Policy (django-permissions-policy): every powerful feature off, except
# fullscreen and clipboard writing (the embed code's "Copy" button) for this site.
# Clipboard reading keeps the browser's default (this site only, and only after the
# visitor allows it): the site never reads it, but the browser tests check the copy with it.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "ambient-light-sensor": [],
    "autoplay": [],
    "bluetooth": [],
    "browsing-topics": [],
    "camera": [],
    "clipboard-write": ["self"],
    "display-capture": [],
    "encrypted-media": [],
    "fullscreen": ["self"],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "idle-detection": [],
    "interest-cohort": [],
    "local-fonts": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "publickey-credentials-get": [],
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}

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
