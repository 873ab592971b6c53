"""HTTP caching of our pages, the sitemap and the API, and purging every language on a change.

Headers. Anonymous visitors get ``Cache-Control: public, max-age=…`` (the
``RENGO_WAGTAIL_*_MAX_AGE`` settings) and a validator; signed-in users and
previews get ``private, no-cache`` and none, so no shared cache keeps what an
editor sees and no ETag tells of a draft. Our pages' ETag is computed before
rendering from what the page shows (``page_etag``), so a matching
``If-None-Match`` is answered 304 without rendering; the API's is the hash of
the JSON it sends. Neither carries ``Last-Modified``: unpublishing a
translation changes a page's language switcher and ``hreflang`` links while no
publish date anywhere moves, so a date cannot say whether a copy is current.

Purging. Whenever a page is published or unpublished, and after the
shared-facts sync has republished its translations, ``purge_urls(page)`` goes
to ``wagtail.contrib.frontend_cache`` as one batch: see that function for the
set. URLs outside it (API URLs with other parameters, ``find/``, errors, the
sitemap's later pages) get the short lifetime, ``RENGO_WAGTAIL_SHORT_MAX_AGE``.
"""

import hashlib
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from wagtail.models import Page, Site

from . import __version__, i18n, links
from .conf import get_setting

FRONTEND_CACHE_APP = "wagtail.contrib.frontend_cache"


# --- Headers ----------------------------------------------------------------------------


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


def serve_page(page, request, serve, *args, **kwargs):
    """Serve one of our pages through ``serve`` with cache headers, or answer 304.

    Wagtail's ``on_serve_page`` hook, which runs around this, still makes pages
    under a view restriction ``private`` and uncacheable.
    """
    if is_private(request) or request.method not in ("GET", "HEAD"):
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
    # Signed in or not (the session cookie) decides between the two.
    patch_vary_headers(response, ["Cookie"])
    return response


def patch_sitemap_response(request, response):
    """The sitemap is purged, but not its later pages (``?p=2``): they get the short lifetime."""
    first_page = request.GET.get("p", "1") == "1"
    make_public(response, get_setting("PAGE_MAX_AGE" if first_page else "SHORT_MAX_AGE"))
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
    if ok and hasattr(response, "add_post_render_callback"):
        response.add_post_render_callback(lambda rendered: _conditional(request, rendered))
    return response


def _conditional(request, response):
    set_response_etag(response)
    return get_conditional_response(request, etag=response["ETag"], response=response)


# --- Purging ------------------------------------------------------------------------------


def purging_configured():
    """Whether ``wagtail.contrib.frontend_cache`` is installed and has a backend to purge."""
    if not apps.is_installed(FRONTEND_CACHE_APP):
        return False
    from wagtail.contrib.frontend_cache.utils import get_backends

    return bool(get_backends())


def purge_urls(page):
    """The absolute URLs a change to ``page`` (in any language) makes stale, sorted.

    - the page in every language (live or not: an unpublished version's URL
      still has a cached copy), each on its own domain (``links``);
    - its parent in every language: for an organization, the index pages;
    - for an organization, its address under each language's index (where a
      missing translation is shown from the source, ``rengo_wagtail.fallback``);
    - on each domain whose tree holds a version of the page (the Site whose
      root, or a translation of it, is above it): the sitemap
      (``rengo_wagtail.sitemaps.sitemap``, where the URLconf mounts it), the API
      detail of each language version and the listing ``?locale=<code>`` for
      each content language (where ``RENGO_WAGTAIL_API_NAMESPACE`` reverses; on
      ``WAGTAILAPI_BASE_URL`` instead where that is set).

    The same for every language version of a page, and a fixed number of queries.
    """
    versions = list(Page.objects.filter(translation_key=page.translation_key))
    step = page.steplen
    parents = Page.objects.filter(path__in=[v.path[:-step] for v in versions if v.depth > 1])
    shown = Page.objects.filter(
        Q(translation_key=page.translation_key)
        | Q(translation_key__in=parents.values("translation_key"))
    ).select_related("locale")
    urls = {url for url in links.page_urls(shown).values() if url}
    if issubclass(page.specific_class, _organization_page()):
        # A language without the organization may show it under its index, at
        # the source's slug (rengo_wagtail.fallback): that copy is stale too.
        slugs = {version.slug for version in versions}
        for parent in shown:
            if parent.translation_key != page.translation_key:
                urls.update(filter(None, (links.child_url(parent, slug) for slug in slugs)))

    above = {v.path[:end] for v in versions for end in range(step, len(v.path) + 1, step)}
    tree_keys = set(Page.objects.filter(path__in=above).values_list("translation_key", flat=True))
    domains = [
        site.root_url
        for site in Site.objects.select_related("root_page")
        if site.root_page.translation_key in tree_keys
    ]
    urls.update(_sitemap_urls(domains))
    urls.update(_api_urls(versions, domains))
    return sorted(urls)


def _organization_page():
    from .models import OrganizationPage  # models imports this module

    return OrganizationPage


def _sitemap_urls(domains):
    from .sitemaps import sitemap  # here: the sitemap module imports this one

    try:
        path = reverse(sitemap)
    except NoReverseMatch:  # the host serves no sitemap of ours
        return []
    return [domain + path for domain in domains]


def _api_urls(versions, domains):
    namespace = get_setting("API_NAMESPACE")
    try:
        listing = reverse(f"{namespace}:listing")
        details = [reverse(f"{namespace}:detail", args=[version.pk]) for version in versions]
    except NoReverseMatch:  # the host serves no API of ours
        return []
    api_base = _api_base_url()
    urls = []
    for domain in [api_base] if api_base else domains:
        urls += [domain + path for path in details]
        urls += [f"{domain}{listing}?locale={code}" for code in i18n.content_language_codes()]
    return urls


def _api_base_url():
    """Scheme and host of ``WAGTAILAPI_BASE_URL``, where Wagtail's API says it lives; else None."""
    # Read here: Wagtail 7.4 keeps its helper in wagtail.api.v2, which only our api package imports.
    base = getattr(settings, "WAGTAILAPI_BASE_URL", None)
    if not base:
        return None
    parts = urlsplit(base)
    return f"{parts.scheme}://{parts.netloc}"


def purge_page(sender, instance, **kwargs):
    """``page_published`` and ``page_unpublished`` receiver: purge ``purge_urls(instance)`` once.

    Connected after the shared-facts sync's receiver (``apps.ready``), so a
    source's purge follows the republishing of its translations; the
    translations' own publishes by the sync, and the aliases Wagtail updates
    in other languages, purge nothing more, since the source's set names every
    language version. Wagtail's frontend_cache has receivers of its own that
    purge each published page's own URL; those URLs are in this set too.
    """
    # Imported here: translation_sync imports the models, which import this module.
    from .translation_sync import syncing

    if syncing() or not purging_configured():
        return
    if (
        kwargs.get("alias")
        and Page.objects.filter(
            pk=instance.alias_of_id, translation_key=instance.translation_key
        ).exists()
    ):
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    PurgeBatch(purge_urls(instance)).purge()
