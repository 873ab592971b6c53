"""Settings of the example site: a small Wagtail site that uses rengo-wagtail.

Secrets and debug come from the environment. The defaults suit local use only:
a production deployment sets DJANGO_SECRET_KEY and leaves DJANGO_DEBUG unset.

EXAMPLE_SITE_LAYOUT chooses where each language lives: ``prefixes`` (the
default) serves both on one host under /en/ and /ja/; ``domains`` serves each
on a host of its own without a prefix, as RENGO serves English at
jtuc-rengo.org and Japanese at jtuc-rengo.or.jp.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
REPO_DIR = BASE_DIR.parent

DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY when DJANGO_DEBUG is not 1.")
    SECRET_KEY = "example-site-local-development-only"
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,.localhost").split(",")

EXAMPLE_SITE_LAYOUT = os.environ.get("EXAMPLE_SITE_LAYOUT", "prefixes")
if EXAMPLE_SITE_LAYOUT not in ("prefixes", "domains"):
    raise ImproperlyConfigured(
        f"EXAMPLE_SITE_LAYOUT is {EXAMPLE_SITE_LAYOUT!r}: set it to 'prefixes' or 'domains'."
    )
# The host of each language's Site in the "domains" layout (setup_demo creates
# the Sites). Browsers and most resolvers send *.localhost to 127.0.0.1.
EXAMPLE_SITE_HOSTNAMES = {"en": "rengo-en.localhost", "ja": "rengo-ja.localhost"}
if EXAMPLE_SITE_LAYOUT == "domains":
    ALLOWED_HOSTS += [host for host in EXAMPLE_SITE_HOSTNAMES.values() if host not in ALLOWED_HOSTS]

INSTALLED_APPS = [
    "example_site.home",
    "rengo_wagtail",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.locales",
    "wagtail.api.v2",
    "wagtail",
    "rest_framework",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "corsheaders",
]

MIDDLEWARE = [
    # First: a database that is away is a 503 to retry, not a 500 (deployment guide).
    "rengo_wagtail.middleware.DatabaseUnavailableMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]
if EXAMPLE_SITE_LAYOUT == "domains":
    # Each domain serves its Site's language, whatever the browser prefers.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.locale.LocaleMiddleware") + 1,
        "rengo_wagtail.middleware.SiteLanguageMiddleware",
    )

ROOT_URLCONF = "example_site.urls"
WSGI_APPLICATION = "example_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

# DATABASE_URL (SQLite by default). Each worker keeps its connection a minute,
# and checks it before reusing it: after a database restart the first request
# gets a new connection instead of failing on the dead one. On PostgreSQL a
# connection attempt gives up after 2 s, so that a request fails fast (a 503
# from DatabaseUnavailableMiddleware) while the database is unreachable.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
# Each request in one transaction: an editor's publish and the shared-facts sync
# of its translations commit together or not at all.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Languages: English and Japanese, under /en/ and /ja/ or on a domain each
# (EXAMPLE_SITE_LAYOUT).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ja", "日本語")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Tokyo"
# A checkout has the app's catalogs at the top level; an installed wheel
# carries them inside the package, where Django finds them unaided.
LOCALE_PATHS = [REPO_DIR / "locale"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = REPO_DIR / "var" / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = REPO_DIR / "var" / "media"

WAGTAIL_SITE_NAME = "RENGO (example)"
_ADMIN_HOST = EXAMPLE_SITE_HOSTNAMES["en"] if EXAMPLE_SITE_LAYOUT == "domains" else "127.0.0.1"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"http://{_ADMIN_HOST}:8000")
WAGTAILAPI_LIMIT_MAX = 100

# The headless API (/api/v2/) is readable from any origin's scripts; nothing
# else is, and nothing cross-origin writes (the `cors` extra: django-cors-headers).
CORS_URLS_REGEX = r"^/api/v2/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

RENGO_WAGTAIL_BASE_TEMPLATE = "base.html"
# base.html prints the language switcher in its header, on every page.
RENGO_WAGTAIL_LANGUAGE_SWITCHER = False
