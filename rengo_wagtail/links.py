"""Absolute URLs for pages, on the right domain for the page's language.

Wagtail's ``Page.get_full_url()`` considers every translation of every Site's
root page, so where two Sites' roots are translations of each other (one domain
per language) it can place a page on the other language's domain. Here a page
belongs first to the Site whose own root page is above it; only a page outside
every Site's own tree (one domain with language prefixes) is placed by the
translation of a Site's root, and only where the URL carries its language.
Everything of ours that writes a URL uses this.

What placing needs from the database (the Sites, their roots' translations,
the locales) is read once per request, so placing a listing of pages, a
breadcrumb or a sitemap costs no query per page.
"""

from functools import cached_property

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.models import Locale, Page, Site

from . import i18n

_LOOKUPS_ATTRIBUTE = "_rengo_wagtail_links"


class _Lookups:
    """The Sites, their roots' translations and the locales, each read once when first needed."""

    def __init__(self, request):
        self.request = request

    @cached_property
    def request_site(self):
        return Site.find_for_request(self.request) if self.request is not None else None

    @cached_property
    def sites(self):
        return list(Site.objects.select_related("root_page"))

    @cached_property
    def root_translations(self):
        """Every page that is a Site's root page or a translation of one, in tree order."""
        return list(
            Page.objects.filter(
                translation_key__in={site.root_page.translation_key for site in self.sites}
            )
            .only("path", "url_path", "translation_key", "depth")
            .order_by("path")
        )

    @cached_property
    def language_codes(self):
        return dict(Locale.objects.values_list("pk", "language_code"))

    def language_code(self, page):
        """The page's language, without a query for a page whose locale was not selected."""
        if not Page.locale.is_cached(page) and page.locale_id in self.language_codes:
            return self.language_codes[page.locale_id]
        return page.locale.language_code


def language_code(page, request=None):
    """The page's language code, without a query for a page whose locale was not selected."""
    return _lookups(request).language_code(page)


def _lookups(request):
    """The request's lookups (kept on it), or fresh ones where there is no request."""
    if request is None:
        return _Lookups(None)
    lookups = getattr(request, _LOOKUPS_ATTRIBUTE, None)
    if lookups is None:
        lookups = _Lookups(request)
        setattr(request, _LOOKUPS_ATTRIBUTE, lookups)
    return lookups


def _preference(site, request_site):
    """Sort key: the request's own Site first, then the default Site, then by id."""
    return (site != request_site, not site.is_default_site, site.pk)


def site_and_root_for(page, request=None):
    """Return ``(site, root_page)``: the Site that serves ``page`` and the root it is served under.

    ``root_page`` is the Site's root page or, for a page in another language
    served by the same Site, that root page's translation. ``(None, None)``
    when no Site serves the page.
    """
    return _site_and_root(page, _lookups(request))


def _site_and_root(page, lookups):
    sites = lookups.sites
    own = [site for site in sites if page.path.startswith(site.root_page.path)]
    if own:
        deepest = max(len(site.root_page.path) for site in own)
        own = [site for site in own if len(site.root_page.path) == deepest]
        site = min(own, key=lambda site: _preference(site, lookups.request_site))
        return site, site.root_page
    # The translations of the Sites' roots that are above the page, by translation key.
    ancestors = {
        root.translation_key: root
        for root in lookups.root_translations
        if page.path.startswith(root.path)
    }
    served = [site for site in sites if site.root_page.translation_key in ancestors]
    if not served:
        return None, None
    site = min(served, key=lambda site: _preference(site, lookups.request_site))
    return site, ancestors[site.root_page.translation_key]


def url_parts(page, request=None):
    """``(site, path)`` of ``page``: the Site that serves it and its path there.

    The same contract as Wagtail's ``Page.get_url_parts()`` but decided by the
    page's language tree. ``None`` when no Site serves the page or the URLconf
    cannot reverse it.
    """
    return _url_parts(page, _lookups(request))


def _url_parts(page, lookups):
    site, root = _site_and_root(page, lookups)
    if site is None:
        return None
    if root.pk != site.root_page_id and not i18n.language_prefixes()[0]:
        # A path without a language prefix names no language: each Site serves
        # its own root's language there (SiteLanguageMiddleware), so a page in a
        # language that has no Site of its own has no URL.
        return None
    with translation.override(lookups.language_code(page)):
        try:
            path = reverse("wagtail_serve", args=(page.url_path[len(root.url_path) :],))
        except NoReverseMatch:
            return None
    if not getattr(settings, "WAGTAIL_APPEND_SLASH", True) and path != "/":
        path = path.rstrip("/")
    return site, path


def page_url(page, request=None, *, absolute=True):
    """The URL of ``page`` in its own language, on its own language's domain.

    Absolute (scheme and host) by default; with ``absolute=None``, a path where
    the page is on the request's own Site and a full URL elsewhere. ``None``
    when no Site serves the page.
    """
    return _page_url(page, _lookups(request), absolute)


def page_urls(pages, request=None, *, absolute=True):
    """``{page.pk: url}`` of many pages, as ``page_url`` gives each.

    The same number of queries however many pages: none where ``request`` has
    placed pages before.
    """
    lookups = _lookups(request)
    return {page.pk: _page_url(page, lookups, absolute) for page in pages}


def _page_url(page, lookups, absolute):
    parts = _url_parts(page, lookups)
    if parts is None:
        return None
    site, path = parts
    if absolute is None:
        absolute = lookups.request is None or site != lookups.request_site
    return site.root_url + path if absolute else path


def child_url(parent, slug, request=None, *, absolute=True):
    """The URL that a child of ``parent`` with ``slug`` has, as ``page_url`` writes URLs.

    For addresses that are not pages of their own, such as an organization
    shown under an index in place of its missing translation (``fallback``).
    ``None`` when no Site serves ``parent``.
    """
    url = _page_url(parent, _lookups(request), absolute)
    if url is None:
        return None
    slash = "/" if getattr(settings, "WAGTAIL_APPEND_SLASH", True) else ""
    return f"{url.rstrip('/')}/{slug}{slash}"


def alternate_links(page, request=None):
    """``hreflang`` alternates of ``page``: each live version, then ``x-default``.

    ``x-default`` is the source-language version where it is live, else the
    page itself. Returns a list of ``(hreflang, absolute_url)``.
    """
    return alternate_links_for([page], request)[page.pk]


def alternate_links_for(pages, request=None):
    """``{page.pk: alternate_links(page)}`` of many pages, in a fixed number of queries."""
    lookups = _lookups(request)
    versions_by_key = i18n.live_versions_for(pages)
    codes = i18n.content_language_codes()
    source = i18n.source_language_code()
    alternates = {}
    for page in pages:
        versions = versions_by_key[page.translation_key]
        links = [(code, versions[code]) for code in codes if code in versions]
        links.append(("x-default", versions.get(source, page)))
        urls = ((code, _page_url(version, lookups, True)) for code, version in links)
        alternates[page.pk] = [(code, url) for code, url in urls if url]
    return alternates
