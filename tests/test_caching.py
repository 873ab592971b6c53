"""Cache headers of our pages, the sitemap and the API, and what publishing purges (caching).

Purging goes through the real ``wagtail.contrib.frontend_cache`` (installed in
the test settings, with its own receivers) to ``RecordingBackend``, a backend
that writes down each URL it is asked to purge.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse
from wagtail.contrib.frontend_cache.backends import BaseBackend

from rengo_wagtail import sitemaps
from rengo_wagtail.delivery import purge
from rengo_wagtail.models import OrganizationPage
from tests.helpers import pages as page_helpers
from tests.helpers.layouts import ABOUT, INDEX, JCRP, ORIGIN, RIALS
from tests.helpers.pages import translate

pytestmark = pytest.mark.django_db

API = "/api/v2/pages/"
LANGUAGES = ("en", "ja")


@pytest.fixture
def per_language_domains_urlconf(api):
    """The ``layout`` fixture serves the API beside the pages in both layouts."""
    return "tests.urls_api_domains"


class RecordingBackend(BaseBackend):
    """A frontend cache that records what it is asked to purge, and what the database held then."""

    purged = []
    observe = None  # a function of no arguments, called at each purge

    def purge(self, url):
        observed = type(self).observe() if type(self).observe else None
        type(self).purged.append((url, observed))


@pytest.fixture
def purged(settings):
    """The URLs purged during the test, in order (repeated where purged more than once)."""
    settings.WAGTAILFRONTENDCACHE = {"recording": {"BACKEND": f"{__name__}.RecordingBackend"}}
    RecordingBackend.purged = []
    RecordingBackend.observe = None
    yield RecordingBackend.purged
    RecordingBackend.observe = None


def urls(purged):
    return [url for url, _observed in purged]


def documented_set(layout, pages, path, parent_path):
    """The purge set the docs give, for ``pages`` ({language: page}) at ``path``."""
    hosts = {layout.host(language) for language in LANGUAGES}
    expected = {layout.url(language, p) for language in LANGUAGES for p in (path, parent_path)}
    for host in hosts:
        expected.add(f"https://{host}/sitemap.xml")
        expected.update(f"https://{host}{API}{page.pk}/" for page in pages.values())
        expected.update(f"https://{host}{API}?locale={language}" for language in LANGUAGES)
    return expected


def only_once(purged, expected):
    """The sitemap and API URLs, which only rengo-wagtail purges, each came once."""
    ours = [url for url in urls(purged) if "/sitemap.xml" in url or API in url]
    assert sorted(ours) == sorted(url for url in expected if "/sitemap.xml" in url or API in url)


# --- Purging ---------------------------------------------------------------------------------


def publish(page):
    """Publish ``page`` and commit: the purge waits for the commit, as it must."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return page_helpers.publish(page)


def unpublish(page):
    with TestCase.captureOnCommitCallbacks(execute=True):
        page.unpublish()


def test_every_url_is_purged_once_the_publish_commits(layout, section, purged):
    """Purged before, a URL could be fetched again, old, and kept for its lifetime.

    (Wagtail's own receivers purge the page's URL at once; ours purge it again later.)
    """
    with TestCase.captureOnCommitCallbacks(execute=False) as waiting:
        page_helpers.publish(section.rials)
    assert not [url for url in urls(purged) if "/sitemap.xml" in url or API in url]
    before_commit = len(purged)
    for callback in waiting:
        callback()
    expected = documented_set(layout, {"en": section.rials, "ja": section.rials_ja}, RIALS, INDEX)
    assert set(urls(purged)[before_commit:]) == expected


@pytest.mark.parametrize(
    ("name", "path", "parent_path"), [("rials", RIALS, INDEX), ("index", INDEX, ABOUT)]
)
def test_publishing_purges_every_language_domain_index_sitemap_and_api(
    layout, section, purged, name, path, parent_path
):
    pages = {"en": getattr(section, name), "ja": getattr(section, f"{name}_ja")}
    publish(pages["ja"])
    expected = documented_set(layout, pages, path, parent_path)
    assert set(urls(purged)) == expected
    only_once(purged, expected)
    assert purge.purge_urls(pages["en"]) == purge.purge_urls(pages["ja"]) == sorted(expected)


def test_unpublishing_a_translation_purges_it_with_the_rest(client, layout, section, purged):
    unpublish(section.rials_ja)
    expected = documented_set(layout, {"en": section.rials, "ja": section.rials_ja}, RIALS, INDEX)
    assert set(urls(purged)) == expected
    assert layout.url("ja", RIALS) in urls(purged)
    only_once(purged, expected)


def test_a_sync_purges_once_after_the_translations_took_the_facts(layout, section, purged):
    def japanese_website():
        return OrganizationPage.objects.get(pk=section.rials_ja.pk).website

    RecordingBackend.observe = japanese_website
    section.rials.website = "https://www.rengo-soken.example/"
    publish(section.rials)
    assert japanese_website() == "https://www.rengo-soken.example/"  # the sync republished it
    expected = documented_set(layout, {"en": section.rials, "ja": section.rials_ja}, RIALS, INDEX)
    assert set(urls(purged)) == expected
    only_once(purged, expected)
    # Every URL was purged after the Japanese page had gone live with the new facts.
    assert {website for _url, website in purged} == {"https://www.rengo-soken.example/"}


def test_an_untranslated_organization_purges_both_indexes(layout, section, purged):
    publish(section.jcrp)
    found = set(urls(purged))
    assert {layout.url("en", JCRP), layout.url("en", INDEX), layout.url("ja", INDEX)} <= found
    # Where the Japanese index shows it in place of its missing translation.
    assert layout.url("ja", JCRP) in found
    for host in {layout.host(language) for language in LANGUAGES}:
        assert f"https://{host}{API}{section.jcrp.pk}/" in found
        assert f"https://{host}{API}?locale=ja" in found


def test_an_alias_in_another_language_goes_in_its_originals_batch(layout, section, purged, locales):
    alias = section.jcrp.copy_for_translation(locales.ja, alias=True)
    section.jcrp.title = "Japanese Confederation of Retired Persons (JRP)"
    publish(section.jcrp)  # Wagtail then updates the alias, and says it published it
    alias.refresh_from_db()
    assert alias.title == "Japanese Confederation of Retired Persons (JRP)"
    expected = documented_set(layout, {"en": section.jcrp, "ja": alias}, JCRP, INDEX)
    assert set(urls(purged)) == expected
    only_once(purged, expected)


def test_the_api_base_url_setting_names_the_api_domain(layout, section, purged, settings):
    settings.WAGTAILAPI_BASE_URL = "https://api.example.org/"
    publish(section.rials)
    api_urls = {url for url in urls(purged) if API in url}
    assert api_urls == {
        f"https://api.example.org{API}{section.rials.pk}/",
        f"https://api.example.org{API}{section.rials_ja.pk}/",
        f"https://api.example.org{API}?locale=en",
        f"https://api.example.org{API}?locale=ja",
    }


def test_another_api_namespace_is_found_by_its_setting(section, purged, settings):
    settings.ROOT_URLCONF = "tests.urls_api"
    settings.RENGO_WAGTAIL_API_NAMESPACE = "elsewhere:pages"
    publish(section.rials)
    assert not [url for url in urls(purged) if API in url]
    settings.RENGO_WAGTAIL_API_NAMESPACE = "wagtailapi:pages"
    publish(section.rials)
    assert f"http://localhost{API}{section.rials.pk}/" in urls(purged)


def test_a_host_without_the_api_purges_no_api_url(section, purged, settings):
    settings.ROOT_URLCONF = "tests.urls"
    publish(section.rials)
    assert set(urls(purged)) == {
        *(
            f"http://localhost/{language}{path}"
            for language in LANGUAGES
            for path in (RIALS, INDEX)
        ),
        "http://localhost/sitemap.xml",
    }


def test_purging_needs_a_frontend_cache_backend(settings):
    assert not purge.purging_configured()
    settings.WAGTAILFRONTENDCACHE = {"recording": {"BACKEND": f"{__name__}.RecordingBackend"}}
    assert purge.purging_configured()


# --- Page headers ----------------------------------------------------------------------------


def cache_control(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


def vary(response):
    return {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}


@pytest.mark.parametrize("path", [INDEX, RIALS])
def test_anonymous_visitors_get_a_public_page_with_an_etag(client, layout, section, path, settings):
    settings.RENGO_WAGTAIL_PAGE_MAX_AGE = 123
    response = layout.get(client, "ja", path)
    assert response.status_code == 200
    assert cache_control(response) == {"public", "max-age=123"}
    assert re.fullmatch(r'W/"[0-9a-f]{32}"', response["ETag"])
    assert "cookie" in vary(response)
    assert "Last-Modified" not in response


def test_a_current_copy_is_answered_304_without_the_page(client, layout, section):
    etag = layout.get(client, "en", RIALS)["ETag"]
    response = layout.get(client, "en", RIALS, **{"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert "public" in cache_control(response)
    assert layout.get(client, "en", RIALS, **{"If-None-Match": 'W/"other"'}).status_code == 200


def test_if_modified_since_alone_gets_the_page(client, layout, section):
    # No Last-Modified: unpublishing a translation moves no date, so a date cannot vouch.
    response = layout.get(
        client, "en", RIALS, **{"If-Modified-Since": "Fri, 01 Jan 2100 00:00:00 GMT"}
    )
    assert response.status_code == 200


def test_languages_prefixes_do_not_vary_by_accept_language(client, layout, section):
    response = layout.get(client, "en", RIALS)
    # With prefixes the path names the language; with a domain per language Django's
    # LocaleMiddleware adds Accept-Language though the Site decides (docs: Caching).
    assert ("accept-language" in vary(response)) == layout.per_language_domains


def etag(client, layout, language, path):
    response = layout.get(client, language, path)
    assert response.status_code == 200
    return response["ETag"]


def test_the_etag_follows_translations_and_shared_facts(client, layout, section, locales):
    before = {language: etag(client, layout, language, RIALS) for language in LANGUAGES}
    assert before["en"] != before["ja"]
    assert etag(client, layout, "en", RIALS) == before["en"]

    section.rials_ja.title = "連合総研 改訂版"
    publish(section.rials_ja)  # a translation published: the switcher and hreflang may change
    after_translation = etag(client, layout, "en", RIALS)
    assert after_translation != before["en"]

    section.rials.website = "https://www.rengo-soken.example/"
    publish(section.rials)  # new shared facts, which the sync gives the Japanese page
    assert etag(client, layout, "ja", RIALS) != before["ja"]
    assert etag(client, layout, "en", RIALS) != after_translation

    before_unpublish = etag(client, layout, "en", RIALS)
    section.rials_ja.refresh_from_db()
    unpublish(section.rials_ja)
    assert etag(client, layout, "en", RIALS) != before_unpublish


def test_the_index_etag_follows_its_organizations(client, layout, section, locales):
    before = etag(client, layout, "en", INDEX)
    publish(section.jcrp)
    after_publish = etag(client, layout, "en", INDEX)
    assert after_publish != before
    before_ja = etag(client, layout, "ja", INDEX)
    translate(section.jcrp, locales.ja, title="日本退職者連合")
    assert etag(client, layout, "ja", INDEX) != before_ja


def test_the_translated_index_etag_follows_organizations_standing_in(client, layout, section):
    # The Japanese index lists the untranslated English organizations (RENGO_WAGTAIL_FALLBACK).
    before = etag(client, layout, "ja", INDEX)
    section.jcrp.title = "Japanese Confederation of Retired Persons (JCRP)"
    publish(section.jcrp)
    assert "(JCRP)" in layout.get(client, "ja", INDEX).content.decode()
    assert etag(client, layout, "ja", INDEX) != before


def test_signed_in_users_get_a_private_page_without_etag(client, layout, section):
    etag_value = layout.get(client, "en", RIALS)["ETag"]
    client.force_login(get_user_model().objects.create_superuser("admin", password="pw"))
    response = layout.get(client, "en", RIALS, **{"If-None-Match": etag_value})
    assert response.status_code == 200
    assert cache_control(response) == {"private", "no-cache"}
    assert "ETag" not in response
    assert "cookie" in vary(response)


def test_previews_are_private_without_etag(client, section):
    draft = section.rials.get_latest_revision_as_object()
    draft.summary = "A draft nobody has published."
    revision = draft.save_revision()
    client.force_login(get_user_model().objects.create_superuser("admin", password="pw"))
    response = client.get(
        reverse("wagtailadmin_pages:revisions_view", args=[section.rials.pk, revision.pk])
    )
    assert response.status_code == 200
    assert "A draft nobody has published." in response.content.decode()
    assert {"private", "no-cache"} <= cache_control(response)
    assert "public" not in cache_control(response)
    assert "ETag" not in response


# --- Sitemap headers -------------------------------------------------------------------------


def test_the_sitemap_is_public_and_its_later_pages_short(
    client, layout, section, settings, monkeypatch
):
    settings.RENGO_WAGTAIL_PAGE_MAX_AGE = 123
    settings.RENGO_WAGTAIL_SHORT_MAX_AGE = 7
    host = layout.host("en")
    response = client.get("/sitemap.xml", HTTP_HOST=host, secure=True)
    assert cache_control(response) == {"public", "max-age=123"}
    monkeypatch.setattr(sitemaps.PageSitemap, "limit", 2)
    response = client.get("/sitemap.xml", {"p": 2}, HTTP_HOST=host, secure=True)
    assert response.status_code == 200
    assert cache_control(response) == {"public", "max-age=7"}


# --- API headers -----------------------------------------------------------------------------


@pytest.fixture
def lifetimes(settings):
    settings.RENGO_WAGTAIL_API_MAX_AGE = 456
    settings.RENGO_WAGTAIL_SHORT_MAX_AGE = 7


def api_get(client, layout, path, **params):
    headers = params.pop("headers", {})
    return client.get(path, params, HTTP_HOST=layout.host("en"), secure=True, headers=headers)


def test_purged_api_urls_keep_the_api_lifetime_with_an_etag(client, layout, section, lifetimes):
    for path, params in [(f"{API}{section.rials_ja.pk}/", {}), (API, {"locale": "ja"})]:
        response = api_get(client, layout, path, **params)
        assert response.status_code == 200
        assert cache_control(response) == {"public", "max-age=456"}
        assert {"accept", "accept-language"} <= vary(response)
        assert "cookie" not in vary(response)
        etag_value = response["ETag"]
        again = api_get(client, layout, path, headers={"If-None-Match": etag_value}, **params)
        assert again.status_code == 304
        assert again["ETag"] == etag_value


def test_the_api_etag_changes_with_the_content(client, layout, section, lifetimes):
    detail = f"{API}{section.rials.pk}/"
    before = api_get(client, layout, detail)["ETag"]
    section.rials.summary = "A new summary."
    publish(section.rials)
    assert api_get(client, layout, detail, headers={"If-None-Match": before}).status_code == 200


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        (API, {"locale": "ja", "fields": "*"}, 200),
        (API, {}, 200),
        (API, {"locale": "xx"}, 400),
        (f"{API}999999/", {}, 404),
        (f"{API}abc/", {}, 404),
        (f"{API}find/", {"html_path": "/nowhere/"}, 404),
    ],
)
def test_other_api_urls_and_errors_get_the_short_lifetime(
    client, layout, section, lifetimes, path, params, status
):
    response = api_get(client, layout, path, **params)
    assert response.status_code == status
    assert cache_control(response) == {"public", "max-age=7"}
    assert ("ETag" in response) == (status == 200)


def test_the_api_find_redirect_gets_the_short_lifetime(client, layout, section, lifetimes):
    path = layout.path("ja", RIALS)
    response = client.get(
        f"{API}find/", {"html_path": path}, HTTP_HOST=layout.host("ja"), secure=True
    )
    assert response.status_code == 302
    assert cache_control(response) == {"public", "max-age=7"}


def test_the_browsable_api_is_private(client, layout, section):
    response = api_get(client, layout, API, locale="ja", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert cache_control(response) == {"private", "no-cache"}
    assert "ETag" not in response


def test_the_api_varies_by_origin_with_cors(client, cors, section):
    response = client.get(API, {"locale": "en"}, HTTP_ORIGIN=ORIGIN)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "origin" in vary(response)
    assert "public" in cache_control(response)
