"""The API's query count does not grow with the number of organizations or languages.

Wagtail's stock listing asks the database once or more per item (locale,
specific fields, URL); ours loads each batch in bulk (rengo_wagtail.api.loading).
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rengo_wagtail.models import OrganizationPage
from tests.helpers.organizations import add_organizations, logo
from tests.helpers.pages import publish

pytestmark = pytest.mark.django_db

API = "/api/v2/pages/"
# The most queries a listing at the maximum page size or a detail may take.
LISTING_BOUND = 15
DETAIL_BOUND = 13


@pytest.fixture
def per_language_domains_urlconf(api):
    """The ``layout`` fixture serves the API beside the pages in both layouts."""
    return "tests.urls_api_domains"


REQUESTS = {
    "listing": {"fields": "*", "limit": 100},
    "organizations": {"type": "rengo_wagtail.OrganizationPage", "fields": "*", "limit": 100},
    "fallback": {"locale": "ja", "fallback": "true", "fields": "*", "limit": 100},
}


def give_logos_and_bodies():
    for number, page in enumerate(OrganizationPage.objects.filter(logo=None)):
        page.logo = logo(100 + number)
        if not page.body:
            page.body = [("heading", page.title), ("paragraph", "<p>Text.</p>")]
        publish(page)


def count_queries(client, path, params):
    client.get(path, params)  # warm: renditions are generated once, then stored
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
    assert response.status_code == 200, response.content
    return len(queries), response


def measure(client):
    counts = {}
    for name, params in REQUESTS.items():
        counts[name], response = count_queries(client, API, params)
    detail = OrganizationPage.objects.filter(locale__language_code="ja").order_by("path").first()
    counts["detail"], response = count_queries(client, f"{API}{detail.pk}/", {})
    assert response.json()["body_html"]
    return counts


def test_queries_do_not_grow_with_organizations(client, settings, django_assert_max_num_queries):
    settings.ROOT_URLCONF = "tests.urls_api"
    settings.WAGTAILAPI_LIMIT_MAX = 100
    call_command("rengo_load_organizations", stdout=StringIO())
    give_logos_and_bodies()
    assert OrganizationPage.objects.live().count() == 16
    at_8 = measure(client)
    add_organizations(42)
    assert OrganizationPage.objects.live().count() == 100
    at_50 = measure(client)
    assert at_8 == at_50
    for params in REQUESTS.values():
        with django_assert_max_num_queries(LISTING_BOUND):
            response = client.get(API, params)
        assert len(response.json()["items"]) >= 50
    with django_assert_max_num_queries(DETAIL_BOUND):
        client.get(f"{API}{OrganizationPage.objects.first().pk}/")


def test_queries_do_not_grow_in_either_url_layout(client, layout, section):
    """One domain per language places pages by their Sites: still no query per page."""
    host = layout.host("en")

    def counts():
        result = []
        for params in REQUESTS.values():
            client.get(API, params, HTTP_HOST=host, secure=True)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(API, params, HTTP_HOST=host, secure=True)
            assert response.status_code == 200
            result.append(len(queries))
        return result

    give_logos_and_bodies()  # logos cost their two queries from the first one on
    few = counts()
    add_organizations(20)
    assert counts() == few
    assert max(few) <= LISTING_BOUND


def test_search_queries_do_not_grow_with_the_results(client, settings):
    settings.ROOT_URLCONF = "tests.urls_api"
    settings.WAGTAILAPI_LIMIT_MAX = 100
    call_command("rengo_load_organizations", stdout=StringIO())
    give_logos_and_bodies()
    params = {"search": "団体", "locale": "ja", "fields": "*", "limit": 100}
    few, response = count_queries(client, API, params)
    found = response.json()["meta"]["total_count"]
    add_organizations(20)  # 団体 16 to 団体 35
    many, response = count_queries(client, API, params)
    assert response.json()["meta"]["total_count"] == found + 20
    assert many == few <= LISTING_BOUND
