"""The test host with the headless API at /api/v2/ and one domain per language."""

from django.urls import path

from . import urls_domains
from .urls_api import api_router

urlpatterns = [path("api/v2/", api_router.urls), *urls_domains.urlpatterns]
