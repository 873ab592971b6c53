"""rengo-wagtail's middleware: ``SiteLanguageMiddleware`` and ``PageCacheMiddleware``.

``PageCacheMiddleware`` (``delivery.page_cache``) answers anonymous visitors
from a shared cache, where ``RENGO_WAGTAIL_PAGE_CACHE`` turns it on.

One domain per language: the request's Site, not the browser, decides the language.

Without language prefixes Wagtail finds a page under the translation of the
Site's root page in the *active* language, which ``LocaleMiddleware`` takes from
the visitor's cookie or ``Accept-Language``: a Japanese browser on the English
domain would be served Japanese pages at English URLs. ``SiteLanguageMiddleware``
makes a path that names no language take the language of its Site's root page.
"""

from django.utils import translation
from wagtail.models import Page, Site

from .delivery.page_cache import PageCacheMiddleware
from .i18n import language_prefixes

__all__ = ["MIDDLEWARE_PATH", "PageCacheMiddleware", "SiteLanguageMiddleware"]

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
        site = Site.find_for_request(request)
        if site is None:
            return None
        return (
            Page.objects.filter(pk=site.root_page_id)
            .values_list("locale__language_code", flat=True)
            .first()
        )
