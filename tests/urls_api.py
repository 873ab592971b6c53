"""The test host with the headless API at /api/v2/, outside ``i18n_patterns``: /en/ and /ja/."""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter

from rengo_wagtail.api import RengoPagesAPIViewSet

from . import urls

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", RengoPagesAPIViewSet)

urlpatterns = [path("api/v2/", api_router.urls), *urls.urlpatterns]
