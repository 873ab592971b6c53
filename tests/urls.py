from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from rengo_wagtail.sitemaps import sitemap

urlpatterns = [path("admin/", include(wagtailadmin_urls)), path("sitemap.xml", sitemap)]
urlpatterns += i18n_patterns(path("", include(wagtail_urls)))
