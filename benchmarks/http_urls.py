"""The example site's URLs, plus Wagtail's stock pages API and sitemap under /stock/.

``/stock/api/v2/pages/`` is Wagtail's ``PagesAPIViewSet`` and
``/stock/sitemap.xml`` Wagtail's ``wagtail.contrib.sitemaps`` view, served by
the same process as ours, so that the benchmark compares like with like.
"""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.contrib.sitemaps.views import sitemap as stock_sitemap

from example_site.urls import urlpatterns as example_site_urlpatterns

stock_api = WagtailAPIRouter("stockapi")
stock_api.register_endpoint("pages", PagesAPIViewSet)

urlpatterns = [
    path("stock/api/v2/", stock_api.urls),
    path("stock/sitemap.xml", stock_sitemap),
    *example_site_urlpatterns,
]
