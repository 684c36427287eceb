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
    "residents",
    "applications",
    "news",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.frontend_cache",
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
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.security.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "core.security.CrossOriginResourcePolicyMiddleware",
    "core.middleware.StripNulBytesMiddleware",
    "core.middleware.PublicResponseVaryMiddleware",
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
# The application's public cache (core/page_cache.py): how long anonymous
# readers' copies of public pages, the API, the embed, plans, downloads, feeds
# and the sitemap are kept (and the proxies' s-maxage). Renewed on every
# publish; 0 turns the application's cache off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)

# A reverse-proxy cache or CDN in front, purged on publish by core/frontend_cache.py
# (wagtail.contrib.frontend_cache). Varnish (deploy/varnish/default.vcl) gets PURGE
# requests; Cloudflare is the documented alternative. Neither set: nothing to purge.
FRONTEND_CACHE_VARNISH_URL = env.str("FRONTEND_CACHE_VARNISH_URL", default="")
FRONTEND_CACHE_CLOUDFLARE_ZONE_ID = env.str("FRONTEND_CACHE_CLOUDFLARE_ZONE_ID", default="")
WAGTAILFRONTENDCACHE = {}
if FRONTEND_CACHE_VARNISH_URL:
    WAGTAILFRONTENDCACHE["varnish"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": FRONTEND_CACHE_VARNISH_URL,
    }
if FRONTEND_CACHE_CLOUDFLARE_ZONE_ID:
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env.str("FRONTEND_CACHE_CLOUDFLARE_TOKEN"),
        "ZONEID": FRONTEND_CACHE_CLOUDFLARE_ZONE_ID,
    }

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
# "Translate this page" makes a draft, never a live copy of the Russian text:
# the English page goes live when a translator's work is approved.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Machine translation for translators, only when a DeepL key is configured.
DEEPL_AUTH_KEY = env.str("DEEPL_AUTH_KEY", default="")
if DEEPL_AUTH_KEY:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": DEEPL_AUTH_KEY},
    }

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def media_storage_from_env():
    """Uploaded media: files under MEDIA_ROOT (nginx serves them), or S3-compatible object storage
    through django-storages when AWS_STORAGE_BUCKET_NAME is set (then no app server keeps media on
    its own disk). Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, read by boto3."""
    bucket = env.str("AWS_STORAGE_BUCKET_NAME", default="")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,  # MinIO, Yandex, Selectel...
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None,  # a CDN or the bucket's public host
            "addressing_style": env.str("AWS_S3_ADDRESSING_STYLE", default="") or None,  # "path" for most non-AWS
            "location": env.str("AWS_LOCATION", default="media"),
            # Public, unsigned URLs: pages with images are cached, and a signed URL would expire in them.
            "querystring_auth": False,
            "default_acl": env.str("AWS_DEFAULT_ACL", default="") or None,  # e.g. public-read; else a bucket policy
            # Wagtail gives every upload and rendition a name of its own: never overwrite one with another.
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000"},
        },
    }


STORAGES["default"] = media_storage_from_env()

# Wagtail. The admin makes no request to any third-party host.
WAGTAIL_SITE_NAME = _("Kaliningrad IT Park")
# Latin slugs: the admin transliterates titles as editors type (core.pages.AsciiSlugs covers the rest).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
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

# The scheduler (manage.py run_scheduler) says at INFO what it published;
# production.py logs everything at LOG_LEVEL.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"itpark.scheduler": {"handlers": ["console"], "level": "INFO"}},
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
