"""The test host with the headless API at /api/v2/, outside ``i18n_patterns``: /en/ and /ja/."""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from rengo_wagtail.api import RengoPagesAPIViewSet

from . import urls

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", RengoPagesAPIViewSet)

# Wagtail's own endpoint beside ours, as a host may keep it: our page types serve there too.
stock_router = WagtailAPIRouter("stockapi")
stock_router.register_endpoint("pages", PagesAPIViewSet)

urlpatterns = [
    path("api/v2/", api_router.urls),
    path("api/stock/", stock_router.urls),
    *urls.urlpatterns,
]
