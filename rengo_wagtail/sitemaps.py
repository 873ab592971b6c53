"""The sitemap view and class, at the import path host URLconfs use.

``sitemap`` and ``PageSitemap`` live in ``rengo_wagtail.delivery.sitemaps``;
see there.
"""

from .delivery.sitemaps import PageSitemap, sitemap

__all__ = ["PageSitemap", "sitemap"]
