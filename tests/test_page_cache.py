"""The page cache (``RENGO_WAGTAIL_PAGE_CACHE`` with ``PageCacheMiddleware``).

Anonymous visitors are answered from the cache without a database query, and
never with a page older than the last change to what it shows.
"""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from rengo_wagtail.api import preview
from rengo_wagtail.models import OrganizationPage
from tests.helpers.pages import publish

pytestmark = pytest.mark.django_db

MIDDLEWARE = "rengo_wagtail.middleware.PageCacheMiddleware"
RIALS = "/en/about-rengo/related-organizations/rengo-rials/"
JCRP_JA = "/ja/about-rengo/related-organizations/jcrp/"


def test_a_kept_page_is_served_without_a_query(
    client, section, page_cache, django_assert_num_queries
):
    first = client.get(RIALS)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        again = client.get(RIALS)
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == first["Cache-Control"]
    with django_assert_num_queries(0):
        current = client.get(RIALS, HTTP_IF_NONE_MATCH=first["ETag"])
    assert current.status_code == 304


def test_a_publish_retires_the_kept_page_at_once(client, section, page_cache):
    client.get(RIALS)
    page = OrganizationPage.objects.get(pk=section.rials.pk)
    page.summary = "A summary published a moment ago."
    publish(page)
    assert "A summary published a moment ago." in client.get(RIALS).content.decode()


def test_a_change_elsewhere_in_the_tree_retires_it_too(client, section, page_cache):
    client.get(RIALS)
    index = section.index
    index.title = "Our Related Organizations"
    publish(index)
    assert "Our Related Organizations" in client.get(RIALS).content.decode()  # breadcrumb


def test_signed_in_users_are_never_served_from_the_cache(client, section, page_cache):
    client.get(RIALS)
    user = get_user_model().objects.create_user("reader", password="pw")
    client.force_login(user)
    response = client.get(RIALS)
    assert "private" in response["Cache-Control"]


def test_a_restricted_stand_in_is_not_kept(client, section, page_cache):
    PageViewRestriction.objects.create(
        page=section.index_ja, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    client.get(JCRP_JA)
    response = client.get(JCRP_JA)
    assert "Founded in 1991." not in response.content.decode()


def test_the_middleware_does_nothing_until_the_setting_names_a_cache(client, section, settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, MIDDLEWARE]
    client.get(RIALS)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(RIALS).status_code == 200
    assert len(queries) > 0


def test_a_304_alone_is_kept_for_the_next_conditional_request(
    client, section, page_cache, django_assert_num_queries
):
    etag = client.get(RIALS)["ETag"]
    from django.core.cache import cache

    cache.clear()  # a cold cache, as after a restart
    assert client.get(RIALS, HTTP_IF_NONE_MATCH=etag).status_code == 304
    with django_assert_num_queries(0):
        assert client.get(RIALS, HTTP_IF_NONE_MATCH=etag).status_code == 304
    full = client.get(RIALS)  # no validator: the whole page, rendered and then kept
    assert full.status_code == 200 and full.content
    with django_assert_num_queries(0):
        assert client.get(RIALS).content == full.content


API_LISTING = "/api/v2/pages/?locale=ja&fields=*"


def test_an_api_listing_is_kept_and_retired_by_a_publish(
    client, api, section, page_cache, django_assert_num_queries
):
    first = client.get(API_LISTING)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        again = client.get(API_LISTING)
    assert again.content == first.content
    assert again["Content-Language"] == "ja"
    with django_assert_num_queries(0):
        assert client.get(API_LISTING, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    # Another query string is another response.
    english = client.get("/api/v2/pages/?locale=en&fields=*")
    assert english.json()["items"] != first.json()["items"]
    page = OrganizationPage.objects.get(pk=section.rials_ja.pk)
    page.title = "連合総研 新名称"
    publish(page)
    titles = [item["title"] for item in client.get(API_LISTING).json()["items"]]
    assert "連合総研 新名称" in titles


def test_api_errors_and_previews_are_never_kept(client, api, section, page_cache):
    assert client.get("/api/v2/pages/?locale=xx").status_code == 400
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v2/pages/?locale=xx").status_code == 400
    assert len(queries) > 0
    editor = get_user_model().objects.create_superuser("editor", password="pw")
    draft = OrganizationPage.objects.get(pk=section.rials_ja.pk)
    token = preview.make_token(draft, editor)
    url = f"/api/v2/pages/preview/?token={token}"
    assert client.get(url).json()["title"] == draft.title
    draft.title = "連合総研 下書き"
    draft.save_revision(user=editor)
    again = client.get(url)
    assert again.json()["title"] == "連合総研 下書き"
    assert again["Cache-Control"] == "private, no-store"


def test_a_page_under_a_query_string_is_rendered_not_kept(client, section, page_cache):
    client.get(RIALS + "?utm_source=newsletter")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(RIALS + "?utm_source=newsletter").status_code == 200
    assert len(queries) > 0


def test_the_sitemap_is_kept_until_a_publish(
    client, section, page_cache, django_assert_num_queries
):
    first = client.get("/sitemap.xml")
    assert first.status_code == 200
    with django_assert_num_queries(0):
        assert client.get("/sitemap.xml").content == first.content
    page = OrganizationPage.objects.get(pk=section.rials.pk)
    page.slug = "rials"
    publish(page)
    assert b"/related-organizations/rials/" in client.get("/sitemap.xml").content


def test_a_copy_kept_before_a_publish_commits_is_retired_when_it_commits(
    client, section, page_cache, django_capture_on_commit_callbacks
):
    from django.core.cache import cache
    from django.test import RequestFactory
    from django.utils import translation

    from rengo_wagtail.delivery import page_cache as kept_pages

    before = client.get(RIALS)
    page = OrganizationPage.objects.get(pk=section.rials.pk)
    page.summary = "A summary that has just committed."
    with django_capture_on_commit_callbacks(execute=True):
        publish(page)
        # Meanwhile another process, which cannot see the publish yet, serves the
        # page as it was and keeps it, under the generation the publish started.
        with translation.override("en"):
            key = kept_pages.key(RequestFactory().get(RIALS), cache)
        cache.set(key, kept_pages.freeze(before))
        assert "A summary that has just committed." not in client.get(RIALS).content.decode()
    assert "A summary that has just committed." in client.get(RIALS).content.decode()
