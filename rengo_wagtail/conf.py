"""rengo-wagtail's settings, each read here with its default.

Every setting is a Django setting named ``RENGO_WAGTAIL_<NAME>``. The comment
above each default is its entry in the documentation's settings reference
(``docs/reference/settings.md``, generated from this file by ``make docs``).
"""

from django.conf import settings

DEFAULTS = {
    # The host template that our page templates extend.
    "BASE_TEMPLATE": "base.html",
    # The language whose pages are the originals that the other languages
    # translate; `None` means `LANGUAGE_CODE`.
    "SOURCE_LANGUAGE": None,
    # Whether our pages print the language switcher in their content; `False`
    # where your base template prints `{% rengo_language_switcher %}` itself
    # (the example site's header does), so that it shows once.
    "LANGUAGE_SWITCHER": True,
    # Seconds browsers and shared caches may keep our pages and the sitemap
    # (see Caching).
    "PAGE_MAX_AGE": 300,
    # Seconds for the API URLs that publishing purges: detail, `?locale=xx` listings.
    "API_MAX_AGE": 300,
    # Seconds for what publishing does not purge: other API URLs, API errors,
    # the sitemap's later pages.
    "SHORT_MAX_AGE": 60,
    # Whether publishing a host's own page purges it and its parent in every
    # language, as for our pages (for a host whose templates print our language
    # switcher or hreflang links; see Purging on publish); our sitemap and API
    # URLs are purged either way.
    "PURGE_HOST_PAGES": False,
    # The alias of a Django cache every process shares (Redis, Memcached) in
    # which `PageCacheMiddleware` keeps our pages for anonymous visitors (see
    # Page cache); `None`: off.
    "PAGE_CACHE": None,
    # Seconds a kept page stays in that cache at most; any change to what pages
    # show retires it at once.
    "PAGE_CACHE_TIMEOUT": 3600,
    # The URL namespace of your `RengoPagesAPIViewSet` (`router name:endpoint
    # name`), so that purging finds the API.
    "API_NAMESPACE": "wagtailapi:pages",
    # What a visitor gets for an organization not live in their language:
    # `"source"`, `"redirect"` or `"404"` (see Missing translations: what
    # visitors see; `rengo_wagtail.delivery.fallback`).
    "FALLBACK": "source",
    # Seconds a front-end preview token stays valid (rengo_wagtail.api.preview).
    "PREVIEW_MAX_AGE": 600,
    # The API's image renditions, name → Wagtail filter spec, for organizations'
    # logos and for images in their body; each image also gets a srcset of them.
    "API_RENDITIONS": {
        "logo": {"small": "max-120x120", "medium": "max-240x240", "large": "max-480x480"},
        "body": {"small": "width-480", "medium": "width-960", "large": "width-1920"},
    },
}


def get_setting(name):
    """Return ``RENGO_WAGTAIL_<name>`` from the Django settings, or its default."""
    return getattr(settings, f"RENGO_WAGTAIL_{name}", DEFAULTS[name])
