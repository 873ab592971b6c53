"""Absolute URLs for pages, on the right domain for the page's language.

Wagtail's ``Page.get_full_url()`` considers every translation of every Site's
root page, so where two Sites' roots are translations of each other (one domain
per language) it can place a page on the other language's domain. Here a page
belongs first to the Site whose own root page is above it; only a page outside
every Site's own tree (one domain with language prefixes) is placed by the
translation of a Site's root, and only where the URL carries its language.
Everything of ours that writes a URL uses this.
"""

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.urls import NoReverseMatch, get_urlconf, reverse
from django.utils import translation
from wagtail.models import Page, Site

_CACHE_ATTRIBUTE = "_rengo_wagtail_sites"
_ROOTS_CACHE_ATTRIBUTE = "_rengo_wagtail_root_translations"


def _sites(request):
    sites = getattr(request, _CACHE_ATTRIBUTE, None)
    if sites is None:
        sites = list(Site.objects.select_related("root_page"))
        if request is not None:
            setattr(request, _CACHE_ATTRIBUTE, sites)
    return sites


def _root_translations(request, sites):
    """Every page that is a Site's root page or a translation of one, in tree order."""
    roots = getattr(request, _ROOTS_CACHE_ATTRIBUTE, None)
    if roots is None:
        roots = list(
            Page.objects.filter(
                translation_key__in={site.root_page.translation_key for site in sites}
            )
            .only("path", "url_path", "translation_key", "depth")
            .order_by("path")
        )
        if request is not None:
            setattr(request, _ROOTS_CACHE_ATTRIBUTE, roots)
    return roots


def _preference(site, request_site):
    """Sort key: the request's own Site first, then the default Site, then by id."""
    return (site != request_site, not site.is_default_site, site.pk)


def site_and_root_for(page, request=None):
    """Return ``(site, root_page)``: the Site that serves ``page`` and the root it is served under.

    ``root_page`` is the Site's root page or, for a page in another language
    served by the same Site, that root page's translation. ``(None, None)``
    when no Site serves the page.
    """
    sites = _sites(request)
    request_site = Site.find_for_request(request) if request is not None else None
    own = [site for site in sites if page.path.startswith(site.root_page.path)]
    if own:
        deepest = max(len(site.root_page.path) for site in own)
        own = [site for site in own if len(site.root_page.path) == deepest]
        site = min(own, key=lambda site: _preference(site, request_site))
        return site, site.root_page
    # The translations of the Sites' roots that are above the page, by translation key
    # (deepest last), from one query per request however many pages are placed.
    ancestors = {
        root.translation_key: root
        for root in _root_translations(request, sites)
        if page.path.startswith(root.path)
    }
    served = [site for site in sites if site.root_page.translation_key in ancestors]
    if not served:
        return None, None
    site = min(served, key=lambda site: _preference(site, request_site))
    return site, ancestors[site.root_page.translation_key]


def url_parts(page, request=None):
    """``(site, path)`` of ``page``: the Site that serves it and its path there.

    The same contract as Wagtail's ``Page.get_url_parts()`` but decided by the
    page's language tree. ``None`` when no Site serves the page or the URLconf
    cannot reverse it.
    """
    site, root = site_and_root_for(page, request)
    if site is None:
        return None
    if root.pk != site.root_page_id and not _urls_carry_language():
        # A path without a language prefix names no language: each Site serves
        # its own root's language there (SiteLanguageMiddleware), so a page in a
        # language that has no Site of its own has no URL.
        return None
    with translation.override(page.locale.language_code):
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
    parts = url_parts(page, request)
    if parts is None:
        return None
    site, path = parts
    if absolute is None:
        absolute = request is None or site != Site.find_for_request(request)
    return site.root_url + path if absolute else path


def _urls_carry_language():
    """Whether the URLconf in use puts the language in page paths (``i18n_patterns``)."""
    return is_language_prefix_patterns_used(get_urlconf() or settings.ROOT_URLCONF)[0]


def language_links(page, request=None):
    """The language switcher's entries for ``page``, one per content language.

    Each entry links to the live version of the page in that language or,
    where there is none, to its nearest live translated ancestor; ``exact``
    tells which. A language with neither has ``url`` ``None``.
    """
    from . import formats, i18n

    current = page.locale.language_code
    links = []
    for code, target in i18n.nearest_live_versions(page).items():
        links.append(
            {
                "language_code": code,
                "name": formats.language_name(code),
                "url": page_url(target, request, absolute=None) if target else None,
                "current": code == current,
                "exact": target is not None and target.translation_key == page.translation_key,
            }
        )
    return links


def alternate_links(page, request=None):
    """``hreflang`` alternates of ``page``: each live version, then ``x-default``.

    ``x-default`` is the source-language version where it is live, else the
    page itself. Returns a list of ``(hreflang, absolute_url)``.
    """
    from . import i18n

    versions = i18n.live_versions(page)
    links = [
        (code, page_url(versions[code], request))
        for code in i18n.content_language_codes()
        if code in versions
    ]
    default = versions.get(i18n.source_language_code(), page)
    links.append(("x-default", page_url(default, request)))
    return [(code, url) for code, url in links if url]
