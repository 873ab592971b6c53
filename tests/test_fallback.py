"""RENGO_WAGTAIL_FALLBACK: what a Japanese visitor gets for an organization not live in Japanese.

Two cases, each in both URL layouts: JCRP has no Japanese translation at all;
RENGO-RIALS has one that is only a draft (unpublished).
"""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from rengo_wagtail.models import OrganizationPage
from tests.helpers.html import breadcrumb, head_links, soup, switcher
from tests.helpers.layouts import ABOUT, INDEX, JCRP, RIALS

pytestmark = pytest.mark.django_db

CASES = {
    "missing": (JCRP, "Japanese Confederation of Retired Persons"),
    "draft": (RIALS, "RENGO Research Institute for Advancement of Living Standards"),
}


@pytest.fixture(params=CASES)
def untranslated(request, section):
    """``(path, English name)`` of an organization with no live Japanese version."""
    if request.param == "draft":
        section.rials_ja.unpublish()
    return CASES[request.param]


@pytest.fixture(params=["source", "redirect", "404"])
def fallback(request, settings):
    settings.RENGO_WAGTAIL_FALLBACK = request.param
    return request.param


def json_ld(document):
    return json.loads(document.find("script", type="application/ld+json").string)


def test_source_shows_the_english_page_in_the_japanese_section(client, layout, untranslated):
    path, name = untranslated
    document = soup(layout.get(client, "ja", path))
    root = document.select_one(".rengo")
    # The content is English and says so; the notice around it is Japanese.
    assert root["lang"] == "en"
    assert root.h1.get_text() == name  # no Japanese legal form before an English name
    notice = root.select_one(".rengo-fallback-notice")
    assert notice["lang"] == "ja"
    assert notice.get_text(strip=True) == (
        "このページはまだ日本語に翻訳されていません。英語の原文を掲載しています。"
    )
    # The facts' labels in the content's language (the short name's label is first: issue 21).
    assert root.select_one("article dt").get_text() in ("Short name", "Legal form", "Founded")
    canonical, alternates, og_locale, _og_alternates = head_links(document)
    assert canonical == layout.url("en", path)
    assert alternates == {"en": layout.url("en", path), "x-default": layout.url("en", path)}
    assert og_locale == "en_US"
    assert json_ld(document)["url"] == layout.url("en", path)
    # Navigation stays in the Japanese section.
    assert breadcrumb(document) == [
        ("ホーム", layout.path("ja", "/")),
        ("連合について", layout.path("ja", ABOUT)),
        ("関連団体", layout.path("ja", INDEX)),
        (name, None),
    ]
    assert document.select_one(".rengo-breadcrumb")["lang"] == "ja"
    assert document.select_one(".rengo-breadcrumb [aria-current]")["lang"] == "en"
    assert switcher(document) == {"English": layout.link("ja", "en", path), "日本語": None}


def test_redirect_sends_the_visitor_to_the_english_page(client, layout, untranslated, settings):
    settings.RENGO_WAGTAIL_FALLBACK = "redirect"
    path, _name = untranslated
    response = layout.get(client, "ja", path)
    assert response.status_code == 302
    assert response["Location"] == layout.link("ja", "en", path)


def test_404_is_not_found(client, layout, untranslated, settings):
    settings.RENGO_WAGTAIL_FALLBACK = "404"
    path, _name = untranslated
    assert layout.get(client, "ja", path).status_code == 404


def test_japanese_index_lists_by_the_same_rule(client, layout, section, fallback):
    section.rials_ja.unpublish()
    section.jcrp.move(section.rials, pos="left")  # JCRP first in English
    document = soup(layout.get(client, "ja", INDEX))
    cards = document.select(".rengo-organization-card")
    if fallback == "404":
        assert cards == []
        assert document.select_one(".rengo-count").get_text() == "0団体"
        return
    assert document.select_one(".rengo-count").get_text() == "2団体"
    target = {
        "source": lambda path: layout.path("ja", path),
        "redirect": lambda path: layout.link("ja", "en", path),
    }[fallback]
    assert [(card.h2.get_text(strip=True), card.h2.a["href"]) for card in cards] == [
        ("Japanese Confederation of Retired Persons", target(JCRP)),
        ("RENGO Research Institute for Advancement of Living Standards", target(RIALS)),
    ]
    for card in cards:
        assert card["lang"] == "en"
        marker = card.select_one(".rengo-stand-in-language")
        assert (marker["lang"], marker.get_text(strip=True)) == ("ja", "英語のみ（未翻訳）")  # noqa: RUF001 (Japanese parentheses)
    # Structured data names them at their one real URL, in their own language.
    items = json_ld(document)["itemListElement"]
    assert [(item["url"], item["name"]) for item in items] == [
        (layout.url("en", JCRP), "Japanese Confederation of Retired Persons"),
        (layout.url("en", RIALS), "RENGO Research Institute for Advancement of Living Standards"),
    ]


def test_stand_ins_keep_the_english_order_among_japanese_organizations(client, section):
    """A stand-in goes after the organization that precedes it in English."""
    third = section.index.add_child(
        instance=OrganizationPage(
            title="Third", slug="third", category="welfare", summary="Third.", live=True
        )
    )
    third.save_revision().publish()
    third_ja = third.copy_for_translation(section.index_ja.locale)
    third_ja.title = "第三"
    third_ja.save_revision().publish()
    # Japanese editors put their two in the other order: 第三, then RIALS.
    OrganizationPage.objects.get(pk=third_ja.pk).move(section.rials_ja, pos="left")
    document = soup(client.get("/ja" + INDEX))
    names = [card.h2.get_text(strip=True) for card in document.select(".rengo-organization-card")]
    # JCRP comes after RIALS in English, so after RIALS here too.
    assert names == [
        "第三",
        "公益財団法人 連合総合生活開発研究所",
        "Japanese Confederation of Retired Persons",
    ]


def test_english_switcher_follows_the_same_rule(client, layout, untranslated, fallback):
    path, _name = untranslated
    document = soup(layout.get(client, "en", path))
    expected = layout.link("en", "ja", path if fallback == "source" else INDEX)
    assert switcher(document) == {"English": None, "日本語": expected}
    # Not a translation: search engines are not to follow it.
    assert document.select_one(".rengo-language-switcher a[hreflang=ja]")["rel"] == ["nofollow"]
    _canonical, alternates, _og, _og_alternates = head_links(document)
    assert "ja" not in alternates


def test_the_sitemap_leaves_stand_ins_out(client, section):
    sitemap = client.get("/sitemap.xml", HTTP_HOST="localhost").content.decode()
    assert "http://localhost/en/about-rengo/related-organizations/jcrp/" in sitemap
    assert "/ja/about-rengo/related-organizations/jcrp/" not in sitemap


@pytest.mark.parametrize(
    "path",
    [
        INDEX + "no-such-organization/",
        JCRP + "more/",  # only an organization's own URL stands in
    ],
)
def test_other_missing_addresses_stay_not_found(client, section, path):
    assert client.get("/ja" + path).status_code == 404


def test_a_draft_english_organization_does_not_stand_in(client, section):
    section.jcrp.unpublish()
    assert client.get("/ja" + JCRP).status_code == 404
    document = soup(client.get("/ja" + INDEX))
    assert len(document.select(".rengo-organization-card")) == 1


def test_a_private_english_organization_does_not_stand_in(client, section):
    PageViewRestriction.objects.create(page=section.jcrp, restriction_type="login")
    assert client.get("/ja" + JCRP).status_code == 404
    assert soup(client.get("/ja" + INDEX)).select(".rengo-stand-in") == []


def test_without_a_live_japanese_index_nothing_stands_in(client, section):
    section.index_ja.unpublish()
    assert client.get("/ja" + JCRP).status_code == 404
    document = soup(client.get("/en" + JCRP))
    assert switcher(document)["日本語"] == "/ja" + ABOUT


def test_an_english_url_never_stands_in(client, section):
    """English is the source: an English organization that is not live is simply not found."""
    section.jcrp.unpublish()
    assert client.get("/en" + JCRP).status_code == 404


def test_stand_ins_cost_no_query_each(client, section):
    def visit():
        with CaptureQueriesContext(connection) as captured:
            soup(client.get("/ja" + INDEX))
            soup(client.get("/ja" + JCRP))
        return len(captured)

    visit()
    few = visit()
    for number in range(10):
        section.index.add_child(
            instance=OrganizationPage(
                title=f"Organization {number}",
                slug=f"organization-{number}",
                category="welfare",
                summary="An organization.",
                live=True,
            )
        )
    document = soup(client.get("/ja" + INDEX))
    assert len(document.select(".rengo-stand-in")) == 11
    assert visit() == few
