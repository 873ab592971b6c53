"""rengo-wagtail's middleware: ``SiteLanguageMiddleware``, ``PageCacheMiddleware`` and
``DatabaseUnavailableMiddleware``.

``PageCacheMiddleware`` (``delivery.page_cache``) answers anonymous visitors
from a shared cache, where ``RENGO_WAGTAIL_PAGE_CACHE`` turns it on.

One domain per language: the request's Site, not the browser, decides the language.

Without language prefixes Wagtail finds a page under the translation of the
Site's root page in the *active* language, which ``LocaleMiddleware`` takes from
the visitor's cookie or ``Accept-Language``: a Japanese browser on the English
domain would be served Japanese pages at English URLs. ``SiteLanguageMiddleware``
makes a path that names no language take the language of its Site's root page.
"""

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from .delivery.page_cache import PageCacheMiddleware
from .i18n import language_prefixes

__all__ = [
    "MIDDLEWARE_PATH",
    "DatabaseUnavailableMiddleware",
    "PageCacheMiddleware",
    "SiteLanguageMiddleware",
]

# Seconds a client is asked to wait while the database is away.
RETRY_AFTER_SECONDS = 5

MIDDLEWARE_PATH = "rengo_wagtail.middleware.SiteLanguageMiddleware"


class SiteLanguageMiddleware:
    """Serve a path without a language prefix in the language of its Site's root page.

    Goes after ``django.middleware.locale.LocaleMiddleware`` in ``MIDDLEWARE``.
    Where the URLconf has no ``i18n_patterns`` (one domain per language), every
    path takes its Site's language. With ``i18n_patterns(...,
    prefix_default_language=False)``, unprefixed paths do. Where every language
    has its prefix, unprefixed paths are not pages and the middleware leaves
    ``LocaleMiddleware``'s choice alone, so ``/`` still redirects each visitor
    to their own language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = self.site_language(request)
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        if language:
            response.headers.setdefault("Content-Language", language)
        return response

    def site_language(self, request):
        """The language code of the request Site's root page, where it decides; else ``None``."""
        prefixed, prefix_default_language = language_prefixes(request)
        if prefixed and (
            prefix_default_language or translation.get_language_from_path(request.path_info)
        ):
            return None
        try:
            site = Site.find_for_request(request)
            if site is None:
                return None
            return (
                Page.objects.filter(pk=site.root_page_id)
                .values_list("locale__language_code", flat=True)
                .first()
            )
        except (OperationalError, InterfaceError):
            # The database is away: decide nothing here. The page cache may
            # still hold the page (its key names the host), and otherwise the
            # view's own query fails into DatabaseUnavailableMiddleware's 503.
            return None


class DatabaseUnavailableMiddleware:
    """Answer 503 with ``Retry-After`` while the database cannot be reached, not a 500.

    A database that is restarting or unreachable makes Django raise
    ``OperationalError`` or ``InterfaceError``; a visitor (and a cache or
    load balancer in front) is better told "try again shortly" than "server
    error". Put it first in ``MIDDLEWARE`` (it sees what the views raise), and
    give the database a short ``connect_timeout`` so that requests fail fast.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        response = HttpResponse(
            _("The site is briefly unavailable. Please try again in a moment."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        return response
