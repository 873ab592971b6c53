"""sitemap.xml: every live, public page a Site serves, in every language, with hreflang alternates,
in both URL layouts, in a number of queries that does not grow with the pages."""

import datetime
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from tests.helpers.content import shipped_section
from tests.helpers.layouts import ABOUT, INDEX, JCRP, RIALS
from tests.helpers.organizations import GROWN, SHIPPED, grow_to

pytestmark = [pytest.mark.django_db, pytest.mark.localize]

NAMESPACES = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}
# The most queries one sitemap.xml may take.
MAX_QUERIES = 12


def get_sitemap(client, layout, language):
    """The sitemap of ``language``'s domain."""
    return client.get("/sitemap.xml", HTTP_HOST=layout.host(language), secure=True)


def entries(response):
    """``{location: (lastmod, {hreflang: href})}`` of a sitemap response, parsed as XML."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{{{NAMESPACES['sm']}}}urlset"
    found = {}
    for url in root.findall("sm:url", NAMESPACES):
        location = url.findtext("sm:loc", namespaces=NAMESPACES)
        assert location not in found, f"{location} listed twice"
        alternates = {}
        for link in url.findall("xhtml:link", NAMESPACES):
            assert link.get("rel") == "alternate"
            alternates[link.get("hreflang")] = link.get("href")
        found[location] = (url.findtext("sm:lastmod", namespaces=NAMESPACES), alternates)
    return found


def both(layout, path):
    """The alternates of a page that is live in both languages."""
    return {
        "en": layout.url("en", path),
        "ja": layout.url("ja", path),
        "x-default": layout.url("en", path),
    }


def test_every_page_in_every_language_with_its_alternates(client, layout, section):
    english = entries(get_sitemap(client, layout, "en"))
    japanese = entries(get_sitemap(client, layout, "ja"))
    expected_en = {
        layout.url("en", path): both(layout, path) for path in ("/", ABOUT, INDEX, RIALS)
    }
    # Not translated: its own language and x-default only.
    expected_en[layout.url("en", JCRP)] = {
        "en": layout.url("en", JCRP),
        "x-default": layout.url("en", JCRP),
    }
    expected_ja = {
        layout.url("ja", path): both(layout, path) for path in ("/", ABOUT, INDEX, RIALS)
    }
    if layout.per_language_domains:
        # Each domain lists its own pages; the alternates point across domains.
        assert {url: links for url, (_lastmod, links) in english.items()} == expected_en
        assert {url: links for url, (_lastmod, links) in japanese.items()} == expected_ja
    else:
        # One Site serves both languages: its sitemap lists both.
        assert english == japanese
        assert {url: links for url, (_lastmod, links) in english.items()} == {
            **expected_en,
            **expected_ja,
        }


def test_lastmod_is_when_the_page_was_last_published(client, layout, section):
    lastmod, _links = entries(get_sitemap(client, layout, "ja"))[layout.url("ja", RIALS)]
    section.rials_ja.refresh_from_db()
    assert datetime.datetime.fromisoformat(lastmod) == section.rials_ja.last_published_at
    response = get_sitemap(client, layout, "ja")
    assert response.has_header("Last-Modified")


def test_drafts_private_pages_and_their_alternates_are_left_out(client, layout, section):
    section.jcrp.unpublish()
    section.rials_ja.unpublish()
    PageViewRestriction.objects.create(
        page=section.about_ja, restriction_type=PageViewRestriction.LOGIN
    )
    found = {}
    for language in ("en", "ja"):
        found.update(entries(get_sitemap(client, layout, language)))
    assert set(found) == {
        layout.url("en", "/"),
        layout.url("en", ABOUT),
        layout.url("en", INDEX),
        layout.url("en", RIALS),
        layout.url("ja", "/"),
    }
    # The private and draft Japanese versions are no alternates of the English pages.
    _lastmod, alternates = found[layout.url("en", RIALS)]
    assert alternates == {"en": layout.url("en", RIALS), "x-default": layout.url("en", RIALS)}


def test_a_translation_only_page_has_itself_as_x_default(client, layout, section):
    only_ja = section.index_ja.add_child(
        instance=Page(title="日本語のみ", slug="japanese-only", locale=section.index_ja.locale)
    )
    only_ja.save_revision().publish()
    found = {}
    for language in ("en", "ja"):
        found.update(entries(get_sitemap(client, layout, language)))
    path = INDEX + "japanese-only/"
    assert found[layout.url("ja", path)][1] == {
        "ja": layout.url("ja", path),
        "x-default": layout.url("ja", path),
    }


class TestQueries:
    @pytest.fixture
    def section(self, locales):
        """The shipped content, not conftest's two organizations."""
        return shipped_section(locales)

    def count(self, client, layout):
        """Queries of each domain's sitemap (after a first request that warms caches)."""
        counts = []
        for language in ("en", "ja"):
            get_sitemap(client, layout, language)
            with CaptureQueriesContext(connection) as captured:
                response = get_sitemap(client, layout, language)
            counts.append(len(captured))
            self.listed = {**getattr(self, "listed", {}), **entries(response)}
        return counts

    def test_queries_do_not_grow_with_the_pages(
        self, client, layout, section, django_assert_max_num_queries
    ):
        shipped = self.count(client, layout)
        # The home page and the index in each language, with their organizations.
        assert len(self.listed) == 2 * (2 + SHIPPED)
        grow_to(GROWN)
        self.listed = {}
        with django_assert_max_num_queries(MAX_QUERIES):
            get_sitemap(client, layout, "ja")
        assert self.count(client, layout) == shipped
        assert len(self.listed) == 2 * (2 + GROWN)
