"""System checks for the headless API's cross-origin set-up (django-cors-headers).

They run only where the host uses django-cors-headers' middleware, and read settings alone:
nothing here imports Django REST framework or django-cors-headers.
"""

import re

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

CORS_MIDDLEWARE = "corsheaders.middleware.CorsMiddleware"
READ_ONLY_METHODS = ("GET", "HEAD", "OPTIONS")
# django-cors-headers' own default: every URL of the site.
CORS_DEFAULT_URLS_REGEX = r"^.*$"


def _pages_that_must_not_be_shared():
    """Paths outside the API: the site's home and the admin."""
    paths = ["/"]
    try:
        paths.append(reverse("wagtailadmin_home"))
    except NoReverseMatch:
        paths.append("/admin/")
    return paths


@register(Tags.security)
def check_cors_limited_to_api(app_configs=None, **kwargs):
    if CORS_MIDDLEWARE not in settings.MIDDLEWARE:
        return []
    warnings = []
    regex = getattr(settings, "CORS_URLS_REGEX", CORS_DEFAULT_URLS_REGEX)
    try:
        shared = [path for path in _pages_that_must_not_be_shared() if re.match(regex, path)]
    except (re.error, TypeError):
        shared = ["/"]
    if shared:
        warnings.append(
            Warning(
                _(
                    "django-cors-headers lets other sites' scripts read %(paths)s, not only "
                    "the API (CORS_URLS_REGEX is %(regex)r)."
                )
                % {"paths": ", ".join(shared), "regex": regex},
                hint=_("Limit CORS to the API's URLs, for example CORS_URLS_REGEX = r'^/api/v2/'."),
                id="rengo_wagtail.W010",
            )
        )
    methods = getattr(settings, "CORS_ALLOW_METHODS", None)
    writing = (
        sorted({method.upper() for method in methods} - set(READ_ONLY_METHODS))
        if methods is not None
        else ["DELETE", "PATCH", "POST", "PUT"]  # django-cors-headers' default
    )
    if writing:
        warnings.append(
            Warning(
                _("django-cors-headers allows cross-origin requests that write: %(methods)s.")
                % {"methods": ", ".join(writing)},
                hint=_('The API only reads: set CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS").'),
                id="rengo_wagtail.W011",
            )
        )
    return warnings
