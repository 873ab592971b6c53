"""rengo-wagtail's headless API: a Wagtail API v2 pages endpoint.

A host that wants it registers the viewset with its own router, outside
``i18n_patterns``::

    from wagtail.api.v2.router import WagtailAPIRouter
    from rengo_wagtail.api import RengoPagesAPIViewSet

    api_router = WagtailAPIRouter("wagtailapi")
    api_router.register_endpoint("pages", RengoPagesAPIViewSet)
    urlpatterns = [path("api/v2/", api_router.urls), ...]

Importing this package needs Django REST framework (``wagtail.api.v2`` and
``rest_framework`` in ``INSTALLED_APPS``); nothing else in rengo-wagtail imports
it, so hosts without the API need neither.
"""

from .views import RengoPagesAPIViewSet

__all__ = ["RengoPagesAPIViewSet"]
