"""The test host with the example site's search page at /en/search/ and /ja/search/."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls

from example_site.home import views

urlpatterns = i18n_patterns(
    path("search/", views.search, name="search"), path("", include(wagtail_urls))
)
