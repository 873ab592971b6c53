"""Both page types, rendered in both languages through the test client."""

import pytest

from tests.helpers.html import breadcrumb, head_links, soup, switcher

EN_INDEX = "/en/about-rengo/related-organizations/"
JA_INDEX = "/ja/about-rengo/related-organizations/"
SITE = "http://localhost"

pytestmark = [pytest.mark.django_db, pytest.mark.localize]


def test_index_page_in_english(client, section):
    document = soup(client.get(EN_INDEX))
    root = document.select_one(".rengo-organization-index")
    assert root["lang"] == "en"
    assert root.h1.get_text() == "Related Organizations"
    names = [card.h2.get_text(strip=True) for card in root.select(".rengo-organization-card")]
    assert names == [
        "RENGO Research Institute for Advancement of Living Standards",
        "Japanese Confederation of Retired Persons",
    ]
    assert breadcrumb(document) == [
        ("Home", "/en/"),
        ("About RENGO", "/en/about-rengo/"),
        ("Related Organizations", None),
    ]


def test_index_lists_organizations_in_the_editors_order(client, section):
    section.jcrp.move(section.rials, pos="left")
    root = soup(client.get(EN_INDEX)).select_one(".rengo-organization-index")
    names = [card.h2.get_text(strip=True) for card in root.select(".rengo-organization-card")]
    assert names[0] == "Japanese Confederation of Retired Persons"


def test_index_leaves_out_unpublished_organizations(client, section):
    section.jcrp.unpublish()
    root = soup(client.get(EN_INDEX)).select_one(".rengo-organization-index")
    assert len(root.select(".rengo-organization-card")) == 1


def test_index_page_in_japanese(client, section):
    document = soup(client.get(JA_INDEX))
    root = document.select_one(".rengo-organization-index")
    assert root["lang"] == "ja"
    assert root.h1.get_text() == "関連団体"
    assert breadcrumb(document) == [
        ("ホーム", "/ja/"),
        ("連合について", "/ja/about-rengo/"),
        ("関連団体", None),
    ]
    canonical, alternates, og_locale, og_alternates = head_links(document)
    assert canonical == SITE + JA_INDEX
    assert alternates == {
        "en": SITE + EN_INDEX,
        "ja": SITE + JA_INDEX,
        "x-default": SITE + EN_INDEX,
    }
    assert (og_locale, og_alternates) == ("ja_JP", ["en_US"])
    assert switcher(document) == {"English": EN_INDEX, "日本語": None}


def test_organization_page_in_both_languages(client, section):
    en = soup(client.get(EN_INDEX + "rengo-rials/"))
    ja = soup(client.get(JA_INDEX + "rengo-rials/"))
    assert en.select_one(".rengo-organization")["lang"] == "en"
    assert ja.select_one(".rengo-organization")["lang"] == "ja"
    assert en.select_one(".rengo-organization time")["datetime"] == "1987-12"
    assert en.select_one(".rengo-organization time").get_text() == "December 1987"
    assert ja.select_one(".rengo-organization time").get_text() == "1987年12月"
    for document, own, other in ((en, "en", "ja"), (ja, "ja", "en")):
        canonical, alternates, _og, _alt = head_links(document)
        own_url = SITE + f"/{own}/about-rengo/related-organizations/rengo-rials/"
        other_url = SITE + f"/{other}/about-rengo/related-organizations/rengo-rials/"
        assert canonical == own_url
        assert alternates[other] == other_url
        assert alternates["x-default"] == SITE + EN_INDEX + "rengo-rials/"
    assert switcher(en) == {"English": None, "日本語": JA_INDEX + "rengo-rials/"}
    assert switcher(ja) == {"English": EN_INDEX + "rengo-rials/", "日本語": None}
    assert breadcrumb(ja)[-1] == ("連合総合生活開発研究所", None)


@pytest.mark.parametrize("fallback", ["redirect", "404"])
def test_untranslated_organization_switches_to_the_nearest_translated_ancestor(
    client, section, settings, fallback
):
    # With the default fallback ("source") it switches to the stand-in: test_fallback.
    settings.RENGO_WAGTAIL_FALLBACK = fallback
    document = soup(client.get(EN_INDEX + "jcrp/"))
    assert switcher(document) == {"English": None, "日本語": JA_INDEX}
    _canonical, alternates, _og, og_alternates = head_links(document)
    assert set(alternates) == {"en", "x-default"}
    assert og_alternates == []


def test_draft_translation_is_not_an_alternate(client, section):
    section.rials_ja.unpublish()
    document = soup(client.get(EN_INDEX + "rengo-rials/"))
    _canonical, alternates, _og, _alt = head_links(document)
    assert "ja" not in alternates
    # The Japanese draft is not offered: the English page stands in at its URL (fallback).
    assert switcher(document)["日本語"] == JA_INDEX + "rengo-rials/"


def test_year_only_founding_date(client, section):
    document = soup(client.get(EN_INDEX + "jcrp/"))
    time = document.select_one(".rengo-organization time")
    assert (time["datetime"], time.get_text()) == ("1991", "1991")


def test_host_title_and_description_are_not_printed_twice(client, section):
    section.index.search_description = "RENGO's related organizations."
    section.index.save_revision().publish()
    document = soup(client.get(EN_INDEX))
    assert len(document.find_all("title")) == 1
    assert len(document.find_all("meta", attrs={"name": "description"})) == 1
    assert len(document.find_all("link", rel="canonical")) == 1


def test_language_switcher_in_the_content_can_be_left_to_the_host(client, section, settings):
    assert switcher(soup(client.get(EN_INDEX)))  # by default, in our content
    settings.RENGO_WAGTAIL_LANGUAGE_SWITCHER = False
    for path in (EN_INDEX, EN_INDEX + "rengo-rials/"):
        assert soup(client.get(path)).select(".rengo-language-switcher") == []


def test_base_template_is_a_setting(client, section, settings, tmp_path):
    (tmp_path / "site_base.html").write_text(
        "<html><body>{% block content %}{% endblock %}<footer>host footer</footer></body></html>"
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    settings.RENGO_WAGTAIL_BASE_TEMPLATE = "site_base.html"
    document = soup(client.get(EN_INDEX))
    assert document.footer.get_text() == "host footer"
    assert document.select_one(".rengo-organization-index h1").get_text() == "Related Organizations"
