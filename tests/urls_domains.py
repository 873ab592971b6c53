"""The URLconf of a host with one domain per language: pages without a language prefix."""

from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from rengo_wagtail.sitemaps import sitemap

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("sitemap.xml", sitemap),
    path("", include(wagtail_urls)),
]
