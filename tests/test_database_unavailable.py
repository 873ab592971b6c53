"""``DatabaseUnavailableMiddleware``: a database error is a 503 to retry, not a 500.

The error comes from the real database: a query SQLite cannot run, or one that
PostgreSQL cancels at its statement timeout (both ``OperationalError``).
"""

import pytest
from django.db import connection
from django.http import HttpResponse
from django.urls import include, path
from wagtail import urls as wagtail_urls

pytestmark = pytest.mark.django_db

MIDDLEWARE = "rengo_wagtail.middleware.DatabaseUnavailableMiddleware"


def failing_query(request):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL statement_timeout = 1")
            cursor.execute("SELECT pg_sleep(1)")
        else:
            cursor.execute("SELECT * FROM rengo_database_that_is_away")
    return HttpResponse("unreachable")


urlpatterns = [path("away/", failing_query), path("", include(wagtail_urls))]


@pytest.fixture
def guarded(settings):
    settings.ROOT_URLCONF = __name__
    settings.MIDDLEWARE = [MIDDLEWARE, *settings.MIDDLEWARE]
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False


def test_a_database_error_is_a_503_to_retry(client, guarded):
    client.raise_request_exception = False
    response = client.get("/away/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "no-store" in response["Cache-Control"]
    assert "try again" in response.content.decode()


def test_other_requests_are_left_alone(client, section, guarded):
    assert client.get("/about-rengo/related-organizations/rengo-rials/").status_code == 200


def test_without_the_middleware_it_is_a_server_error(client, settings):
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False
    assert client.get("/away/").status_code == 500


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="a table that is gone is OperationalError on SQLite"
)
def test_with_a_domain_per_language_it_is_a_503_too(client, section, guarded, settings):
    # SiteLanguageMiddleware looks the Site up before any view runs.
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "rengo_wagtail.middleware.SiteLanguageMiddleware"]
    client.raise_request_exception = False
    with connection.cursor() as cursor:  # gone with the test's transaction
        cursor.execute("ALTER TABLE wagtailcore_site RENAME TO rengo_site_away")
    response = client.get("/about-rengo/related-organizations/rengo-rials/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
