"""HTTP cache headers of our pages, the sitemap and the API.

Anonymous visitors get ``Cache-Control: public, max-age=…`` (the
``RENGO_WAGTAIL_*_MAX_AGE`` settings) and a validator; signed-in users and
previews get ``private, no-cache`` and none, so no shared cache keeps what an
editor sees and no ETag tells of a draft. Our pages' ETag is computed before
rendering from what the page shows (``page_etag``), so a matching
``If-None-Match`` is answered 304 without rendering; the API's is the hash of
the JSON it sends. Neither carries ``Last-Modified``: unpublishing a
translation changes a page's language switcher and ``hreflang`` links while no
publish date anywhere moves, so a date cannot say whether a copy is current.
What publishing purges is ``purge``'s; URLs outside its set get the short
lifetime, ``RENGO_WAGTAIL_SHORT_MAX_AGE``.
"""

import hashlib

from django.db.models import Q
from django.utils import translation
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from wagtail.models import Page

from .. import __version__
from ..conf import get_setting


def is_private(request):
    """Whether the response is for one person only: a preview, or a signed-in user."""
    if getattr(request, "is_preview", False):
        return True
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def make_private(response):
    """``Cache-Control: private, no-cache``: no shared cache keeps it, the browser asks again."""
    patch_cache_control(response, private=True, no_cache=True)


def make_public(response, max_age):
    """``Cache-Control: public, max-age=<max_age>``."""
    patch_cache_control(response, public=True, max_age=max_age)


def page_etag(page, request):
    """A weak ETag of everything ``page`` shows, read in two queries whatever the section's size.

    It changes when the page, any of its ancestors (breadcrumb), any of their
    live versions in other languages (language switcher, ``hreflang``) or any
    child of any version of the page (the index's list, with its stand-ins) is
    published, unpublished, moved or put under a view restriction; the
    shared-facts sync republishes a translation, so it changes then too. Also
    in it: the page, the language it is shown in and rengo-wagtail's version
    (our templates). A host that changes its own
    templates purges its cache itself.
    """
    step = page.steplen
    lineage = [page.path[:end] for end in range(2 * step, len(page.path) + 1, step)]
    in_lineage = Page.objects.filter(path__in=lineage).values("translation_key")
    versions = list(
        Page.objects.live()
        .public()
        .filter(translation_key__in=in_lineage)
        .order_by("path")
        .values_list("pk", "path", "last_published_at", "translation_key")
    )
    # The children of every live version of the page: a translated index also
    # lists the source's organizations that stand in for missing translations.
    children = Q(pk__in=[])
    for _pk, path, _published, key in versions:
        if key == page.translation_key:
            children |= Q(path__startswith=path, depth=page.depth + 1)
    listed = (
        Page.objects.live()
        .public()
        .filter(children)
        .order_by("path")
        .values_list("pk", "last_published_at")
    )
    state = repr((__version__, translation.get_language(), page.pk, versions, list(listed)))
    return f'W/"{hashlib.sha256(state.encode()).hexdigest()[:32]}"'


def serve_page(page, request, serve, *args, private=False, **kwargs):
    """Serve one of our pages through ``serve`` with cache headers, or answer 304.

    Wagtail's ``on_serve_page`` hook, which runs around this, still makes pages
    under a view restriction ``private`` and uncacheable; ``private`` does the
    same for a page shown under a restricted one (a stand-in, ``fallback``).
    """
    if private or is_private(request) or request.method not in ("GET", "HEAD"):
        response = serve(request, *args, **kwargs)
        make_private(response)
    else:
        etag = page_etag(page, request)
        response = get_conditional_response(request, etag=etag)
        if response is None:
            response = serve(request, *args, **kwargs)
        if response.status_code in (200, 304):
            response.headers.setdefault("ETag", etag)
            make_public(response, get_setting("PAGE_MAX_AGE"))
            # ``page_cache`` may keep it, if nothing makes it private on the way out;
            # not under a query string, which our pages ignore (a campaign's tag).
            response.rengo_cacheable = not request.META.get("QUERY_STRING")
    # Signed in or not (the session cookie) decides between the two.
    patch_vary_headers(response, ["Cookie"])
    return response


def patch_sitemap_response(request, response):
    """The sitemap is purged, but not its later pages (``?p=2``): they get the short lifetime."""
    first_page = request.GET.get("p", "1") == "1"
    make_public(response, get_setting("PAGE_MAX_AGE" if first_page else "SHORT_MAX_AGE"))
    response.rengo_cacheable = True  # ``page_cache``'s generation keeps every page of it current
    return response


def patch_api_response(request, response, *, purged):
    """Cache headers of an API response; ``purged`` when ``purge_urls`` names its URL.

    The browsable API (HTML, for a browser) shows the signed-in user: private.
    Successful JSON gets an ETag, and a matching ``If-None-Match`` a 304. The
    purged URLs keep ``RENGO_WAGTAIL_API_MAX_AGE``; everything else, errors
    and redirects included, ``RENGO_WAGTAIL_SHORT_MAX_AGE``.
    """
    renderer = getattr(response, "accepted_renderer", None)
    if renderer is not None and renderer.format != "json":
        make_private(response)
        return response
    ok = response.status_code == 200
    make_public(response, get_setting("API_MAX_AGE" if purged and ok else "SHORT_MAX_AGE"))
    # ``page_cache`` keeps successful JSON, whatever its lifetime here: a new
    # generation retires it, purged or not.
    response.rengo_cacheable = ok
    if ok and hasattr(response, "add_post_render_callback"):
        response.add_post_render_callback(lambda rendered: _conditional(request, rendered))
    return response


def _conditional(request, response):
    set_response_etag(response)
    return get_conditional_response(request, etag=response["ETag"], response=response)
