"""System checks for one domain per language: Sites whose root pages are translations."""

from collections import defaultdict

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.db import DatabaseError, router
from django.utils.translation import gettext as _
from wagtail.models import Site

from ..middleware import MIDDLEWARE_PATH

LOCALE_MIDDLEWARE_PATH = "django.middleware.locale.LocaleMiddleware"


def per_language_sites():
    """Groups of two or more Sites whose root pages are translations of one another."""
    groups = defaultdict(dict)
    for site in Site.objects.select_related("root_page__locale").order_by("pk"):
        root = site.root_page
        groups[root.translation_key].setdefault(root.locale_id, site)
    return [list(sites.values()) for sites in groups.values() if len(sites) > 1]


# Reads the Sites from the database, so like Django's own database checks it
# runs in `migrate` and in `manage.py check --database default`.
@register(Tags.database)
def check_site_language_middleware(app_configs=None, databases=None, **kwargs):
    if not databases or router.db_for_read(Site) not in databases:
        return []
    if MIDDLEWARE_PATH in settings.MIDDLEWARE:
        return []
    try:
        groups = per_language_sites()
    except DatabaseError:
        # Not migrated yet: there are no Sites to compare.
        return []
    return [
        Warning(
            _(
                "The Sites %(sites)s serve one language each (their root pages are "
                "translations of each other), but SiteLanguageMiddleware is not installed: "
                "a visitor whose browser prefers another language gets that language's "
                "pages on the wrong domain."
            )
            % {"sites": ", ".join(f"'{site.hostname}'" for site in sites)},
            hint=_(
                "Add '%(middleware)s' to MIDDLEWARE, after "
                "'django.middleware.locale.LocaleMiddleware'."
            )
            % {"middleware": MIDDLEWARE_PATH},
            id="rengo_wagtail.W008",
        )
        for sites in groups
    ]


@register(Tags.compatibility)
def check_site_language_middleware_order(app_configs=None, **kwargs):
    middleware = list(settings.MIDDLEWARE)
    if MIDDLEWARE_PATH not in middleware or LOCALE_MIDDLEWARE_PATH not in middleware:
        return []
    if middleware.index(MIDDLEWARE_PATH) > middleware.index(LOCALE_MIDDLEWARE_PATH):
        return []
    return [
        Error(
            _(
                "SiteLanguageMiddleware comes before LocaleMiddleware, which then "
                "overrides the language of each Site."
            ),
            hint=_(
                "Move '%(middleware)s' after 'django.middleware.locale.LocaleMiddleware' "
                "in MIDDLEWARE."
            )
            % {"middleware": MIDDLEWARE_PATH},
            id="rengo_wagtail.E009",
        )
    ]
