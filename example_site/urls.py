from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.documents import urls as wagtaildocs_urls

from example_site.home import views as home_views
from rengo_wagtail.api import RengoPagesAPIViewSet
from rengo_wagtail.sitemaps import sitemap

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", RengoPagesAPIViewSet)

# The admin, API and sitemap sit outside i18n_patterns: they have no language prefix.
urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemap),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# The search page of each language: /en/search/ and /ja/search/, or /search/ on each domain.
pages = [path("search/", home_views.search, name="search"), path("", include(wagtail_urls))]
if settings.EXAMPLE_SITE_LAYOUT == "domains":
    # One domain per language: the request's Site, not the path, gives the language.
    urlpatterns += pages
else:
    urlpatterns += i18n_patterns(*pages)
