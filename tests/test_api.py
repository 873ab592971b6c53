"""The headless API (rengo_wagtail.api): fields, languages, errors and both URL layouts.

What must never leak is in test_api_leaks.py, query counts in test_api_queries.py.
"""

import pytest
from django.core.files.base import ContentFile
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from rengo_wagtail.api.serializers import LOGO_RENDITIONS
from tests.helpers.api import get
from tests.helpers.layouts import DOMAINS, INDEX, RIALS
from tests.helpers.pages import publish

pytestmark = pytest.mark.django_db

API = "/api/v2/pages/"


@pytest.fixture
def per_language_domains_urlconf(api):
    """The ``layout`` fixture serves the API beside the pages in both layouts."""
    return "tests.urls_api_domains"


def items_by_id(response):
    assert response.status_code == 200, response.content
    return {item["id"]: item for item in response.json()["items"]}


def test_listing_shows_every_type_with_its_fields_and_translations(client, layout, section):
    host = layout.host("en")
    items = items_by_id(get(client, API, host, fields="*", limit=100))
    assert {section.home.pk, section.index.pk, section.rials_ja.pk, section.jcrp.pk} <= set(items)
    assert items[section.index.pk]["intro"] == "<p>Organizations that work with RENGO.</p>"
    rials = items[section.rials.pk]
    assert rials["meta"]["type"] == "rengo_wagtail.OrganizationPage"
    assert rials["meta"]["html_url"] == layout.url("en", RIALS)
    assert rials["meta"]["translations"] == [
        {
            "locale": "ja",
            "id": section.rials_ja.pk,
            "html_url": layout.url("ja", RIALS),
            "detail_url": f"https://{host}{API}{section.rials_ja.pk}/",
        }
    ]
    assert rials["name"] == "RENGO Research Institute for Advancement of Living Standards"
    assert rials["short_name"] == "RENGO-RIALS"
    assert rials["legal_form"] == {
        "code": "public_interest_foundation",
        "label": "public interest incorporated foundation",
    }
    assert rials["founded"] == {"iso": "1987-12", "display": "December 1987"}
    assert rials["category"] == {"code": "research", "label": "Research"}
    assert rials["website"] == "https://www.rengo-soken.or.jp/"
    assert rials["summary"] == "The RENGO think-tank."
    # The body is for the detail view.
    assert "body" not in rials and "body_html" not in rials
    assert items[section.jcrp.pk]["meta"]["translations"] == []
    assert items[section.jcrp.pk]["legal_form"] is None
    assert items[section.jcrp.pk]["founded"] == {"iso": "1991", "display": "1991"}
    # Default fields: translations in listings too.
    default = items_by_id(get(client, API, host))
    assert default[section.rials.pk]["meta"]["translations"][0]["id"] == section.rials_ja.pk
    assert "legal_form" not in default[section.rials.pk]


def test_detail_is_in_the_pages_language(client, layout, section):
    page = section.rials_ja
    page.body = [
        ("heading", "概要"),
        ("paragraph", "<p>連合の<b>シンクタンク</b>です。</p>"),
    ]
    publish(page)
    # Whatever the visitor's browser prefers, labels follow the page.
    response = client.get(
        f"{API}{page.pk}/", HTTP_HOST=layout.host("en"), secure=True, HTTP_ACCEPT_LANGUAGE="en"
    )
    data = response.json()
    assert data["meta"]["locale"] == "ja"
    assert data["meta"]["html_url"] == layout.url("ja", RIALS)
    assert data["meta"]["parent"]["meta"]["html_url"] == layout.url("ja", INDEX)
    assert [(t["locale"], t["html_url"]) for t in data["meta"]["translations"]] == [
        ("en", layout.url("en", RIALS))
    ]
    assert data["legal_form"] == {"code": "public_interest_foundation", "label": "公益財団法人"}
    assert data["category"]["label"] == "調査研究"
    assert data["founded"] == {"iso": "1987-12", "display": "1987年12月"}
    assert data["name"] == "連合総合生活開発研究所"
    assert data["name_with_legal_form"] == "公益財団法人 連合総合生活開発研究所"
    assert [block["type"] for block in data["body"]] == ["heading", "paragraph"]
    assert data["body"][0]["value"] == "概要"
    assert "概要" in data["body_html"] and "<b>シンクタンク</b>" in data["body_html"]


def test_logo_renditions_and_alt_text(client, api, section):
    image = get_image_model().objects.create(
        title="RENGO-RIALS logo", file=ContentFile(get_test_image_file().file.getvalue(), "l.png")
    )
    image.description = "RENGO-RIALS"
    image.save()
    section.rials.logo = image
    publish(section.rials)
    logo = client.get(f"{API}{section.rials.pk}/").json()["logo"]
    assert logo["id"] == image.pk
    # The page's alt text in its language (tests/test_logo_alt.py), not the shared image's.
    assert logo["alt"] == "RENGO-RIALS logo"
    assert set(logo["renditions"]) == set(LOGO_RENDITIONS)
    small = logo["renditions"]["small"]
    assert small["url"].startswith("/media/") or small["url"].startswith("http")
    assert max(small["width"], small["height"]) <= 120
    listed = items_by_id(
        client.get(API, {"fields": "logo", "type": "rengo_wagtail.OrganizationPage"})
    )
    assert listed[section.rials.pk]["logo"] == logo


def test_locale_filters_by_language(client, api, section):
    items = items_by_id(client.get(API, {"locale": "ja"}))
    assert set(items) == {
        section.home_ja.pk,
        section.about_ja.pk,
        section.index_ja.pk,
        section.rials_ja.pk,
    }
    assert all("fallback" not in item["meta"] for item in items.values())


@pytest.mark.parametrize("child_of", ["index", "index_ja"])
def test_fallback_fills_missing_translations_from_the_source_language(
    client, api, section, child_of
):
    parent = getattr(section, child_of)
    for extra in ({}, {"type": "rengo_wagtail.OrganizationPage", "fields": "name,category"}):
        response = client.get(
            API, {"locale": "ja", "fallback": "true", "child_of": parent.pk, **extra}
        )
        items = response.json()["items"]
        # In the source tree's order: RENGO-RIALS in Japanese, JCRP in English.
        assert [(item["id"], item["meta"]["fallback"]) for item in items] == [
            (section.rials_ja.pk, False),
            (section.jcrp.pk, True),
        ]
        assert response.json()["meta"]["total_count"] == 2
    response = client.get(
        API,
        {
            "locale": "ja",
            "fallback": "true",
            "category": "retirees",
            "type": "rengo_wagtail.OrganizationPage",
        },
    )
    assert [item["id"] for item in response.json()["items"]] == [section.jcrp.pk]
    english = client.get(API, {"locale": "en", "fallback": "true", "child_of": section.index.pk})
    assert [item["meta"]["fallback"] for item in english.json()["items"]] == [False, False]


@pytest.mark.parametrize(
    ("params", "word"),
    [
        ({"locale": "xx"}, "xx"),
        ({"locale": "fr"}, "fr"),
        ({"locale": "ja", "fallback": "maybe"}, "maybe"),
        ({"fallback": "true"}, "locale"),
        ({"child_of": "abc"}, "child_of"),
        ({"child_of": "999999"}, "999999"),
        ({"child_of": "1", "descendant_of": "1"}, "descendant_of"),
        ({"nonsense": "1"}, "nonsense"),
        ({"fields": "body"}, "body"),
    ],
)
def test_bad_parameters_are_json_400s(client, api, section, params, word):
    response = client.get(API, params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert word in response.json()["message"]


def test_bad_parameters_are_explained_in_the_visitors_language(client, api, section):
    response = client.get(API, {"locale": "xx"}, HTTP_ACCEPT_LANGUAGE="ja")
    assert response.status_code == 400
    assert "xx" in response.json()["message"]
    assert response.json()["message"] != client.get(API, {"locale": "xx"}).json()["message"]


@pytest.mark.parametrize("path", [f"{API}999999/", f"{API}abc/", f"{API}find/?html_path=/nope/"])
def test_unknown_pages_are_json_404s_not_redirects(client, api, section, path):
    # tests.settings has LocaleMiddleware and the pages under i18n_patterns,
    # whose catch-all route matches /en/api/v2/...: still no redirect.
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["message"]


@pytest.mark.parametrize(
    ("language", "path", "name"),
    [("en", RIALS, "rials"), ("ja", RIALS, "rials_ja"), ("ja", INDEX, "index_ja")],
)
def test_find_resolves_public_paths_in_either_layout(client, layout, section, language, path, name):
    page = getattr(section, name)
    response = client.get(
        f"{API}find/",
        {"html_path": layout.path(language, path), "fields": "title"},
        HTTP_HOST=layout.host(language),
        secure=True,
    )
    assert response.status_code == 302
    assert response["Location"].startswith(f"https://{layout.host(language)}{API}{page.pk}/")
    assert "fields=title" in response["Location"]
    assert "html_path" not in response["Location"]


@pytest.mark.parametrize("layout", ["domains"], indirect=True)
def test_find_does_not_take_a_language_prefix_where_domains_give_the_language(
    client, layout, section
):
    response = client.get(
        f"{API}find/", {"html_path": "/ja" + RIALS}, HTTP_HOST=DOMAINS["en"], secure=True
    )
    assert response.status_code == 404


@pytest.mark.parametrize("layout", ["prefixes"], indirect=True)
def test_find_needs_a_known_language_prefix_where_pages_have_one(client, layout, section):
    for path in ("/xx" + RIALS, "/fr" + RIALS):
        response = client.get(
            f"{API}find/", {"html_path": path}, HTTP_HOST=layout.host("en"), secure=True
        )
        assert response.status_code == 404
