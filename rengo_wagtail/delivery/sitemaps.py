"""A sitemap of every page a Site serves, in every language, with ``hreflang`` alternates.

Mount ``sitemap`` in place of Wagtail's ``wagtail.contrib.sitemaps.views.sitemap``::

    from rengo_wagtail.sitemaps import sitemap

    urlpatterns = [path("sitemap.xml", sitemap), ...]  # outside i18n_patterns

It lists each live, public page (of any page type) that the request's Site
serves: with one domain and language prefixes, the pages of every language;
with one Site per language, that domain's own pages. Each entry names its live
translations and ``x-default`` as ``<xhtml:link rel="alternate">``, all at the
absolute URLs ``links`` gives them, on whichever domain serves each language.
``PageSitemap`` is the same list as a ``django.contrib.sitemaps`` sitemap class,
for a host that combines several sitemaps.
"""

from functools import reduce
from operator import or_

from django.contrib.sitemaps import views as sitemap_views
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from .. import links
from . import http_cache

TEMPLATE = "rengo_wagtail/sitemap.xml"


class PageSitemap(Sitemap):
    """The pages the request's Site serves, in every language, with their alternates.

    Wagtail's ``Sitemap`` asks each page for its URL; this one places the pages
    with ``links``, in bulk, so a sitemap takes the same number of queries
    however many pages it lists. It does not call ``Page.get_sitemap_urls``.
    """

    def items(self):
        site = self.get_wagtail_site()
        roots = Page.objects.filter(translation_key=site.root_page.translation_key)
        in_trees = reduce(
            or_, (Page.objects.descendant_of_q(root, inclusive=True) for root in roots)
        )
        pages = Page.objects.live().public().filter(in_trees).order_by("path")
        # A page under the root's translation may belong to another Site (one per language).
        return [page for page in pages if self._served_here(page, site)]

    def _served_here(self, page, site):
        parts = links.url_parts(page, self.request)
        return parts is not None and parts[0] == site

    def location(self, page):
        return links.page_url(page, self.request)

    def lastmod(self, page):
        return page.last_published_at

    def get_urls(self, page=1, site=None, protocol=None):
        """The entries of one page of the sitemap; every URL is absolute already."""
        pages = list(self.paginator.page(page).object_list)
        locations = links.page_urls(pages, self.request)
        alternates = links.alternate_links_for(pages, self.request)
        urls = [
            {
                "item": page,
                "location": locations[page.pk],
                "lastmod": self.lastmod(page),
                "alternates": [
                    {"lang_code": code, "location": url} for code, url in alternates[page.pk]
                ],
            }
            for page in pages
        ]
        lastmods = [url["lastmod"] for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls


def sitemap(request):
    """``sitemap.xml`` of the request's Site: ``PageSitemap`` (``?p=2`` for its second page)."""
    response = sitemap_views.sitemap(
        request, {"pages": PageSitemap(request)}, template_name=TEMPLATE
    )
    return http_cache.patch_sitemap_response(request, response)
