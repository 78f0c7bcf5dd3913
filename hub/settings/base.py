"""Settings shared by every environment; safe for production (no defaults for secrets)."""

import os
import shutil
from pathlib import Path

from django.utils.translation import gettext_lazy as _

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# Reverse proxies in front of the hub that append to X-Forwarded-For (docs/deploy.md); 0 means
# clients connect directly and X-Forwarded-For is ignored (anyone can write it).
HUB_PROXY_COUNT = int(os.environ.get("HUB_PROXY_COUNT", "0"))

INSTALLED_APPS = [
    "home",
    "practices",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "home.apps.HubUsersAppConfig",  # wagtail.users without escalation (home/users.py)
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "axes",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "hub.middleware.HubCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "hub.middleware.HubLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hub.urls"
WSGI_APPLICATION = "hub.wsgi.application"

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

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers wait for each other instead of failing with "database is locked":
    # transactions take the write lock when they begin, readers never block the writer (WAL),
    # and a writer waits up to 20 s for the lock.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling (django-axes, docs/deploy.md "Security"): after AXES_FAILURE_LIMIT wrong
# passwords an account, and separately a client address, is refused for AXES_COOLOFF_TIME hours.
AXES_FAILURE_LIMIT = int(os.environ.get("HUB_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("HUB_LOGIN_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "practices.client.client_ip"
AXES_LOCKOUT_TEMPLATE = "account_locked.html"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Spanish is the source language.
LANGUAGE_CODE = "es"
LANGUAGES = [("es", _("Spanish")), ("en", _("English")), ("pt", _("Portuguese"))]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The admin speaks Brazilian Portuguese: Wagtail ships pt_BR and pt_PT, and gettext reads "pt" as
# pt_PT. Public URLs keep /pt/; hub.middleware maps the admin's language (docs/translation.md).
ADMIN_LANGUAGE_VARIANTS = {"pt": "pt-br"}
WAGTAILADMIN_PERMITTED_LANGUAGES = [
    (ADMIN_LANGUAGE_VARIANTS.get(code, code), name) for code, name in LANGUAGES
]
# locale/vendor/: overrides of vendor msgids (docs/translation.md).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "vendor"]
FORMAT_MODULE_PATH = ["home.formats"]  # dates as each language writes them (home/formats/)
TIME_ZONE = "America/Lima"
USE_I18N = True
USE_TZ = True
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False


def machine_translator(name, environ=os.environ):
    """WAGTAILLOCALIZE_MACHINE_TRANSLATOR for HUB_MACHINE_TRANSLATOR (docs/translation.md)."""
    if name == "apertium":
        return {
            "CLASS": "practices.localisation.machine_translation.ApertiumTranslator",
            "OPTIONS": {
                "BINARY": environ.get("APERTIUM_BINARY", "apertium"),
                "DATA_DIR": environ.get("APERTIUM_DATA_DIR", ""),
                "TIMEOUT": int(environ.get("APERTIUM_TIMEOUT", "120")),
            },
        }
    if name == "deepl":
        return {
            "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
            "OPTIONS": {"AUTH_KEY": environ["DEEPL_AUTH_KEY"]},
        }
    if name == "libretranslate":
        return {
            "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
            "OPTIONS": {
                "LIBRETRANSLATE_URL": environ["LIBRETRANSLATE_URL"],
                "API_KEY": environ.get("LIBRETRANSLATE_API_KEY", ""),
            },
        }
    if name == "none":
        return None
    raise ValueError(
        f"HUB_MACHINE_TRANSLATOR={name!r}: use apertium, deepl, libretranslate or none"
    )


# Offline Apertium by default where it is installed; nothing otherwise (make serve works without).
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator(
    os.environ.get(
        "HUB_MACHINE_TRANSLATOR",
        "apertium" if shutil.which(os.environ.get("APERTIUM_BINARY", "apertium")) else "none",
    )
)

STATIC_ROOT = os.environ.get("DJANGO_STATIC_ROOT") or BASE_DIR / "static"
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "hub" / "static"]
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Content-Security-Policy (django-csp): the hub loads nothing from other hosts; the admin
# alone may run inline scripts and styles (hub.middleware.HubCSPMiddleware).
HUB_MEDIA_ORIGINS = env_list("HUB_MEDIA_ORIGINS")  # e.g. the S3 custom domain of images
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:", *HUB_MEDIA_ORIGINS],
        "media-src": [SELF, *HUB_MEDIA_ORIGINS],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
# Permissions-Policy (django-permissions-policy): no page needs these browser features.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "camera",
        "microphone",
        "geolocation",
        "payment",
        "usb",
        "serial",
        "bluetooth",
        "midi",
        "accelerometer",
        "gyroscope",
        "magnetometer",
        "display-capture",
        "browsing-topics",
    )
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

WAGTAIL_SITE_NAME = "Hub de Conocimiento"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ALLOW_UNICODE_SLUGS = False

WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# The hub's search (search/, docs/search.md). ENGINE "" picks the database's own engine:
# SQLite FTS5 or PostgreSQL full-text search; "elasticsearch" needs ELASTICSEARCH_URL.
HUB_SEARCH = {
    "ENGINE": os.environ.get("HUB_SEARCH_ENGINE", ""),
    "ELASTICSEARCH_URL": os.environ.get("HUB_ELASTICSEARCH_URL", ""),
    "ELASTICSEARCH_INDEX": os.environ.get("HUB_ELASTICSEARCH_INDEX", "hub-search"),
    "TIMEOUT": float(os.environ.get("HUB_SEARCH_TIMEOUT", "1.0")),
}

# Search analytics (search/analytics.py): days kept by prune_search_analytics, distinct queries.
WAGTAILSEARCH_HITS_MAX_AGE = int(os.environ.get("HUB_SEARCH_ANALYTICS_DAYS", "365"))
HUB_SEARCH_ANALYTICS_MAX_QUERIES = int(os.environ.get("HUB_SEARCH_ANALYTICS_MAX_QUERIES", "20000"))

# Licence of the hub's texts, stated in JSON-LD and OAI-PMH records (docs/api.md).
HUB_CONTENT_LICENSE = os.environ.get(
    "HUB_CONTENT_LICENSE", "https://creativecommons.org/licenses/by/4.0/"
)
# OAI-PMH at /oai/ (docs/api.md): records per response and the repository's name in identifiers.
HUB_OAI = {
    "PAGE_SIZE": int(os.environ.get("HUB_OAI_PAGE_SIZE", "100")),
    "REPOSITORY_IDENTIFIER": os.environ.get("HUB_OAI_REPOSITORY_IDENTIFIER", "hub.example.org"),
    "ADMIN_EMAIL": os.environ.get("HUB_OAI_ADMIN_EMAIL", "hub@example.org"),
}

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
# The OpenAPI document at /api/schema/ (docs/api.md); the docs page's assets come from
# drf-spectacular-sidecar's static files, never a CDN.
SPECTACULAR_SETTINGS = {
    "TITLE": "Knowledge Hub API",
    "DESCRIPTION": "Open, read-only API of the Knowledge Hub: search, export and pages.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "REDOC_DIST": "SIDECAR",
    "PREPROCESSING_HOOKS": ["hub.openapi.public_endpoints"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "hub.openapi.add_search_paths",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_BASE_URL = os.environ.get("WAGTAILAPI_BASE_URL", WAGTAILADMIN_BASE_URL)

# The admin must not call other hosts (offline and low-bandwidth offices).
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
