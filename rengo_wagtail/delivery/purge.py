"""Purging every language's cached copies when a page is published or unpublished.

Whenever a page is published or unpublished, and after the shared-facts sync
has republished its translations, ``purge_urls(page)`` goes to
``wagtail.contrib.frontend_cache`` as one batch: see that function for the
set. URLs outside it (API URLs with other parameters, ``find/``, errors, the
sitemap's later pages) get the short lifetime (``http_cache``).
"""

from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from wagtail.models import Page, Site

from .. import i18n, links
from ..conf import get_setting
from ..models import OrganizationPage, RengoPageMixin
from .sitemaps import sitemap

FRONTEND_CACHE_APP = "wagtail.contrib.frontend_cache"


def purging_configured():
    """Whether ``wagtail.contrib.frontend_cache`` is installed and has a backend to purge."""
    if not apps.is_installed(FRONTEND_CACHE_APP):
        return False
    from wagtail.contrib.frontend_cache.utils import get_backends

    return bool(get_backends())


def purge_urls(page):
    """The absolute URLs a change to ``page`` (in any language) makes stale, sorted.

    For a page of ours (or any page, with ``RENGO_WAGTAIL_PURGE_HOST_PAGES``):

    - the page in every language (live or not: an unpublished version's URL
      still has a cached copy), each on its own domain (``links``);
    - its parent in every language: for an organization, the index pages;
    - for an organization, its address under each language's index (where a
      missing translation is shown from the source, ``rengo_wagtail.fallback``);
    - on each domain whose tree holds a version of the page (the Site whose
      root, or a translation of it, is above it): the sitemap
      (``sitemaps.sitemap``, where the URLconf mounts it), the API
      detail of each language version and the listing ``?locale=<code>`` for
      each content language (where ``RENGO_WAGTAIL_API_NAMESPACE`` reverses; on
      ``WAGTAILAPI_BASE_URL`` instead where that is set).

    For a host's own page, only the last item: our sitemap lists it and our
    API serves it, while the page itself is Wagtail's frontend_cache's to
    purge, and no page of ours shows it.

    The same for every language version of a page, and a fixed number of queries.
    """
    versions = list(Page.objects.filter(translation_key=page.translation_key))
    step = page.steplen
    urls = set()
    if issubclass(page.specific_class, RengoPageMixin) or get_setting("PURGE_HOST_PAGES"):
        urls.update(_page_urls(page, versions))
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


def _page_urls(page, versions):
    """The page and its parent in every language; for an organization, its stand-in URLs."""
    step = page.steplen
    parents = Page.objects.filter(path__in=[v.path[:-step] for v in versions if v.depth > 1])
    shown = Page.objects.filter(
        Q(translation_key=page.translation_key)
        | Q(translation_key__in=parents.values("translation_key"))
    ).select_related("locale")
    urls = {url for url in links.page_urls(shown).values() if url}
    if issubclass(page.specific_class, OrganizationPage):
        # A language without the organization may show it under its index, at
        # the source's slug (``fallback``): that copy is stale too.
        slugs = {version.slug for version in versions}
        for parent in shown:
            if parent.translation_key != page.translation_key:
                urls.update(filter(None, (links.child_url(parent, slug) for slug in slugs)))
    return urls


def _sitemap_urls(domains):
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

    Connected after the shared-facts sync's receiver (``signal_handlers``), so
    a source's purge follows the republishing of its translations; the
    translations' own publishes by the sync (which ``signal_handlers`` does
    not pass on), and the aliases Wagtail updates in other languages, purge
    nothing more, since the source's set names every language version.
    Wagtail's frontend_cache has receivers of its own that purge each
    published page's own URL; those URLs are in this set too.
    """
    if not purging_configured():
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
