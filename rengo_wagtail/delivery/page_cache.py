"""Our responses for anonymous visitors, kept in a shared cache and never stale.

Opt in with ``RENGO_WAGTAIL_PAGE_CACHE`` (the alias of a Django cache every
application process shares, such as Redis) and ``PageCacheMiddleware``. A
response is kept only where ``http_cache`` made it public and it sets no
cookie: one of our pages without a query string, for an anonymous visitor,
not under a view restriction; the sitemap; the API's successful JSON (never
a preview, which is ``private, no-store``).

Correctness does not rest on a time-to-live: every key carries the site's
*generation*, a number in the same cache that ``bump`` raises whenever
anything a page shows may change (a page saved, published, unpublished,
moved or deleted, a view restriction, a Site, a locale or an image changed:
``signal_handlers``). After a bump no process finds the old keys again; they
expire by themselves. A hit costs two cache reads and no database query, and
a matching ``If-None-Match`` is answered 304 from the same read.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response

from .. import __version__
from ..conf import get_setting

GENERATION_KEY = "rengo_wagtail:generation"
KEPT_HEADERS = ("Cache-Control", "Content-Language", "Content-Type", "ETag", "Vary")


def page_cache():
    """The cache named by ``RENGO_WAGTAIL_PAGE_CACHE``, or ``None`` where it is off."""
    alias = get_setting("PAGE_CACHE")
    return caches[alias] if alias else None


def generation(cache):
    """The current generation; a new one (from the clock) where the cache has none."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        value = cache.get(GENERATION_KEY)
    return value


def bump(*args, **kwargs):
    """Start a new generation: every response kept so far is no longer found.

    A signal receiver as it stands (any arguments); nothing where the cache is off.
    """
    cache = page_cache()
    if cache is None:
        return
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet, or it expired
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


# A longer query string is never looked up nor kept: no caller of ours needs
# one, and it keeps a crafted URL from filling the cache with huge keys' values.
MAX_QUERY_STRING = 512


def may_use(request):
    """Whether ``request`` may be answered from, and stored in, the cache: an anonymous
    ``GET`` or ``HEAD`` without cookies of a session or sign-in.

    Which responses are kept is the view's to say (``keeps``): our pages without
    a query string, the sitemap, and the API's public JSON.
    """
    return (
        request.method in ("GET", "HEAD")
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_STRING
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def key(request, cache):
    """The key of the request's response in the current generation.

    Everything a kept response depends on is in it: the host (the Site), the
    path and query string, the language, and ``Accept`` (the API answers JSON
    or, to a browser, its browsable HTML, which is never kept).
    """
    identity = "|".join(
        (
            __version__,
            request.get_host(),
            request.path,
            request.META.get("QUERY_STRING", ""),
            translation.get_language() or "",
            request.META.get("HTTP_ACCEPT", ""),
        )
    )
    digest = hashlib.sha256(identity.encode()).hexdigest()
    return f"rengo_wagtail:page:{generation(cache)}:{digest}"


def keeps(response):
    """Whether ``response`` may be kept: a public 200 (or 304) of ours that sets no cookie."""
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code in (200, 304)
        and getattr(response, "rengo_cacheable", False)
        and "public" in cache_control
        and "private" not in cache_control
        and "no-store" not in cache_control
        and not response.cookies
        and not getattr(response, "streaming", False)
    )


def freeze(response):
    """What the cache keeps of ``response``: the headers that matter and, of a 200, its body.

    A 304 has no body: what is kept of it answers later conditional requests only.
    """
    return {
        "content": response.content if response.status_code == 200 else None,
        "headers": {name: response[name] for name in KEPT_HEADERS if name in response},
    }


def thaw(request, frozen):
    """The response for ``request`` from what ``freeze`` kept: a 304 where it matches;
    ``None`` where only a 304 was kept and this request's copy is not current."""
    etag = frozen["headers"].get("ETag")
    response = get_conditional_response(request, etag=etag) if etag else None
    if response is None:
        if frozen["content"] is None:
            return None
        response = HttpResponse(frozen["content"])
    for name, value in frozen["headers"].items():
        response[name] = value
    return response


class PageCacheMiddleware:
    """Answer anonymous visitors from ``RENGO_WAGTAIL_PAGE_CACHE`` before Wagtail routes.

    Goes after ``LocaleMiddleware`` and ``SiteLanguageMiddleware`` (the language
    is part of the key) and before nothing that must see every request. Does
    nothing while ``RENGO_WAGTAIL_PAGE_CACHE`` is unset.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cache = page_cache()
        if cache is None or not may_use(request):
            return self.get_response(request)
        cache_key = key(request, cache)
        frozen = cache.get(cache_key)
        response = thaw(request, frozen) if frozen is not None else None
        if response is not None:
            return response
        response = self.get_response(request)
        # A 200 replaces what a 304 left; a 304 never replaces a kept body.
        if keeps(response) and (response.status_code == 200 or frozen is None):
            cache.set(cache_key, freeze(response), timeout=get_setting("PAGE_CACHE_TIMEOUT"))
        return response
