"""Search (rengo_wagtail.search): Japanese by partial words, in the visitor's language.

Runs on the configured database: SQLite's FTS5 by default, PostgreSQL's
``tsvector`` with ``DATABASE_URL``.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.template import Context, Template
from wagtail.models import Locale, Page
from wagtail.search.models import IndexEntry

from rengo_wagtail.models import OrganizationIndexPage, OrganizationPage
from rengo_wagtail.search import highlight, ngrams, query_terms, search_pages
from tests.helpers.organizations import add_organizations
from tests.helpers.pages import organization_form, publish, simple_translation_only, translate

pytestmark = [pytest.mark.django_db, pytest.mark.localize]

API = "/api/v2/pages/"


@pytest.fixture
def per_language_domains_urlconf(api):
    """The ``layout`` fixture serves the API beside the pages in both layouts."""
    return "tests.urls_api_domains"


@pytest.fixture
def content(locales):
    """The shipped bilingual section, installed as a host installs it."""
    call_command("rengo_load_organizations", stdout=StringIO())


def organization(key, language):
    return OrganizationPage.objects.get(content_key=key, locale__language_code=language)


def keys(query, language="ja", **kwargs):
    """The slugs of the pages found, best first: an organization's is its content key."""
    return [page.slug for page in search_pages(query, language, **kwargs)]


# --- Partial words, on the real content -------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Two characters: 労働金庫 and 日本労働文化財団 (and every name with 労働 in it).
        ("労働", {"rokin", "jlcf", "jilaf", "rofukukyo", "zenrosai"}),
        # Three: only the Japanese Confederation of Retired Persons.
        ("退職者", {"jcrp"}),
        # Inside the name 全国労働者共済生活協同組合連合会: 全労済.
        ("共済", {"zenrosai"}),
        # One character.
        ("済", {"zenrosai"}),
        # A short name in hiragana, and one that is not part of the name.
        ("ろうきん", {"rokin"}),
        ("連合総研", {"rengo-rials"}),
    ],
)
def test_japanese_partial_words_find_their_organizations(content, query, expected):
    found = keys(query)
    assert expected <= set(found)
    names = [organization(key, "ja") for key in found if key != "related-organizations"]
    for page in names:
        text = " ".join([page.title, page.short_name, page.summary])
        assert all(pair in text for pair in ngrams(query).split()), (query, page.title)


def test_three_characters_need_all_of_them(content):
    assert keys("退職者") == ["jcrp"]
    assert keys("者連") == ["jcrp"]  # 日本退職者連合, across the two words
    assert keys("退職金") == []  # 退職 is there, 職金 nowhere


def test_full_width_and_half_width_queries_are_read_as_the_content_writes(content):
    # What a Japanese input method may type: full-width Latin, half-width katakana.
    full_width_jilaf = "JILAF".translate({code: code + 0xFEE0 for code in range(0x21, 0x7F)})
    assert "jilaf" in keys(full_width_jilaf)
    assert keys(full_width_jilaf) == keys("jilaf")
    assert keys("ｼﾝｸﾀﾝｸ") == keys("シンクタンク") == ["rengo-rials"]


def test_a_query_of_punctuation_alone_finds_nothing(content):
    assert keys("、。・「」") == []
    assert keys("") == []
    assert query_terms("「労働」、RENGO-RIALS。") == ["労働", "rengo", "rials"]


# --- Language -------------------------------------------------------------------------------


def test_results_are_in_the_requested_language_only(content):
    # JILAF is written in the English and in the Japanese text.
    japanese = search_pages("JILAF", "ja")
    english = search_pages("JILAF", "en")
    assert {page.locale.language_code for page in japanese} == {"ja"}
    assert {page.locale.language_code for page in english} == {"en"}
    assert organization("jilaf", "ja").pk in [page.pk for page in japanese]
    assert organization("jilaf", "en").pk in [page.pk for page in english]
    assert list(search_pages("労働", "en")) == []
    assert list(search_pages("Labour", "ja")) == []


def test_an_unknown_language_finds_nothing(content):
    assert list(search_pages("JILAF", "ko")) == []


def test_english_search_works_as_before(content):
    found = keys("labour banks", "en")
    assert found[0] == "rokin"  # The Labour Banks
    assert set(keys("Labour", "en")) >= {"rokin", "jilaf", "jlcf"}
    assert keys("RENGO-RIALS", "en")[0] == "rengo-rials"
    assert keys("labour retired", "en") == []
    assert set(keys("labour retired", "en", operator="or")) >= {"rokin", "jcrp"}


def test_draft_and_unpublished_pages_are_not_found(content):
    page = organization("jcrp", "ja")
    page.unpublish()
    assert keys("退職者") == []


# --- Ranking --------------------------------------------------------------------------------


def test_a_name_match_ranks_above_a_body_only_match(content):
    # RENGO-RIALS' body names 全労済 over and over; 全労済 is still first, by its name.
    rials = organization("rengo-rials", "ja")
    rials.body = [("paragraph", "<p>全労済 全労済 全労済 全労済 全労済と連携しています。</p>")]
    publish(rials)
    found = keys("全労済")
    assert found[0] == "zenrosai"
    assert "rengo-rials" in found[1:]


def test_a_short_name_match_ranks_above_a_summary_match(content):
    # 中央労福協 is the short name of 労働者福祉中央協議会; another summary mentions it.
    jcrp = organization("jcrp", "ja")
    jcrp.summary = "日本退職者連合は中央労福協と協力しています。"
    publish(jcrp)
    assert keys("中央労福協")[:2] == ["rofukukyo", "jcrp"]


def test_an_english_title_match_ranks_above_a_summary_match(content):
    jcrp = organization("jcrp", "en")
    jcrp.summary = "Works with the Labour Banks, the Labour Banks and the Labour Banks."
    publish(jcrp)
    found = keys("labour banks", "en")
    assert found[0] == "rokin"
    assert "jcrp" in found


# --- The index kept in step -----------------------------------------------------------------


@simple_translation_only
def test_an_edit_in_the_admin_reindexes_the_page(content, admin_client):
    page = organization("rengo-rials", "ja")
    data = organization_form(page, title="連合総合研究機構", summary="連合の研究機構です。")
    response = admin_client.post(
        f"/admin/pages/{page.pk}/edit/", {**data, "action-publish": "action-publish"}
    )
    assert response.status_code == 302, response.context["form"].errors
    assert keys("研究機構") == ["rengo-rials"]
    assert "rengo-rials" not in keys("生活開発")


@simple_translation_only
def test_a_draft_is_not_searchable_until_published(content, admin_client):
    page = organization("rengo-rials", "ja")
    data = organization_form(page, title="連合総合研究機構")
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302
    assert keys("研究機構") == []
    assert keys("生活開発") == ["rengo-rials"]
    page.refresh_from_db()
    page.get_latest_revision().publish()
    assert keys("研究機構") == ["rengo-rials"]


def test_a_new_translation_is_found_in_its_language(section):
    assert keys("退職者") == []
    ja = section.rials_ja.locale
    translate(section.jcrp, ja, title="日本退職者連合", short_name="退職者連合")
    assert keys("退職者") == ["jcrp"]
    assert keys("Retired", "en") == ["jcrp"]


def test_shared_facts_sync_keeps_the_translation_found_and_its_draft_unseen(section):
    ja = OrganizationPage.objects.get(pk=section.rials_ja.pk)
    ja.title = "草案の名前"
    ja.save_revision()  # a Japanese draft, newer than the live version
    source = OrganizationPage.objects.get(pk=section.rials.pk)
    source.website = "https://example.org/"
    source.save_revision().publish()  # sync: the translation gets a new published revision

    ja = OrganizationPage.objects.get(pk=section.rials_ja.pk)
    assert ja.website == "https://example.org/"
    assert keys("総合生活") == ["rengo-rials"]
    assert keys("草案") == []


def test_deleted_pages_leave_the_index(content):
    page = organization("zenrosai", "ja")
    page.delete()
    assert keys("共済") == []
    assert not IndexEntry.objects.filter(object_id=str(page.pk)).exists()


def test_the_index_page_is_found_by_its_introduction(content):
    index = OrganizationIndexPage.objects.get(locale__language_code="ja")
    assert "団体" in index.title + index.intro
    assert "related-organizations" in keys("団体")


def test_update_search_index_rebuilds_the_entries_of_our_pages(content):
    IndexEntry.objects.all().delete()  # as a site upgraded from a version without n-grams
    assert keys("共済") == []
    out = StringIO()
    call_command("rengo_update_search_index", stdout=out)
    assert keys("共済") == ["zenrosai"]
    assert keys("labour banks", "en")[0] == "rokin"
    lines = out.getvalue().splitlines()
    assert "default: organization index pages indexed: 2." in lines
    assert "default: organization pages indexed: 16." in lines
    # Running it again changes nothing.
    entries = IndexEntry.objects.count()
    call_command("rengo_update_search_index", stdout=StringIO())
    assert IndexEntry.objects.count() == entries
    assert keys("共済") == ["zenrosai"]


# --- Highlighting ---------------------------------------------------------------------------


def test_highlight_marks_the_matches_and_escapes_the_rest():
    assert highlight("日本労働文化財団", "労働") == "日本<mark>労働</mark>文化財団"
    assert highlight("The Labour Banks", "labour") == "The <mark>Labour</mark> Banks"
    # A term found whole is marked whole; otherwise its pairs are.
    assert highlight("日本退職者連合", "退職者") == "日本<mark>退職者</mark>連合"
    assert highlight("退職した者", "退職者") == "<mark>退職</mark>した者"
    hostile = '<script>alert("労働")</script> & 労働'
    assert highlight(hostile, "労働") == (
        "&lt;script&gt;alert(&quot;<mark>労働</mark>&quot;)&lt;/script&gt; &amp; <mark>労働</mark>"
    )
    assert highlight("<b>", "<b>") == "&lt;<mark>b</mark>&gt;"
    assert highlight("<b>", "、") == "&lt;b&gt;"


def test_highlight_filter_in_a_template():
    template = Template("{% load rengo_wagtail_tags %}{{ title|rengo_highlight:query }}")
    html = template.render(Context({"title": "労働<金庫>", "query": "金庫"}))
    assert html == "労働&lt;<mark>金庫</mark>&gt;"


# --- Where visitors search ------------------------------------------------------------------


@pytest.fixture
def search_page(settings, content):
    """The example site's search view in the test host, under /en/ and /ja/."""
    settings.ROOT_URLCONF = "tests.urls_search"
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "DIRS": [*settings.TEMPLATES[0]["DIRS"], settings.REPO_DIR / "example_site/templates"],
        }
    ]


def test_japanese_search_page_shows_highlighted_results(client, search_page):
    html = client.get("/ja/search/", {"query": "共済"}).content.decode()
    assert "「共済」に一致するページが1件見つかりました。" in html
    assert "全国労働者<mark>共済</mark>生活協同組合連合会" in html
    assert '<p class="rengo-short-name">こくみん<mark>共済</mark> coop〈全労済〉</p>' in html
    assert 'href="/ja/related-organizations/zenrosai/"' in html


def test_english_search_page_and_no_results(client, search_page):
    html = client.get("/en/search/", {"query": "labour banks"}).content.decode()
    assert "The <mark>Labour</mark> <mark>Banks</mark>" in html
    assert "労働" not in html
    html = client.get("/en/search/", {"query": "<b>zzz</b>"}).content.decode()
    assert "No page matches “&lt;b&gt;zzz&lt;/b&gt;”." in html
    assert "<b>zzz" not in html


def test_search_page_pages_through_many_results(client, search_page):
    add_organizations(12)  # 団体 8 to 団体 19
    html = client.get("/ja/search/", {"query": "団体"}).content.decode()
    assert html.count("<mark>団体</mark>") >= 10
    assert 'rel="next" href="?query=%E5%9B%A3%E4%BD%93&amp;page=2"' in html
    second = client.get("/ja/search/", {"query": "団体", "page": "2"}).content.decode()
    assert 'rel="prev"' in second
    assert "<mark>団体</mark>" in second


# --- The API --------------------------------------------------------------------------------


def api_keys(response):
    assert response.status_code == 200, response.content
    return [(item["meta"]["locale"], item["meta"]["slug"]) for item in response.json()["items"]]


def test_api_search_in_the_requested_or_visitors_language(client, api, content):
    ja = client.get(API, {"search": "共済", "locale": "ja"})
    assert api_keys(ja) == [("ja", "zenrosai")]
    visitor = client.get(API, {"search": "共済"}, HTTP_ACCEPT_LANGUAGE="ja")
    assert api_keys(visitor) == [("ja", "zenrosai")]
    english = client.get(API, {"search": "labour banks"})
    assert api_keys(english)[0] == ("en", "rokin")
    assert {locale for locale, _key in api_keys(english)} == {"en"}


def test_api_search_in_the_language_of_each_url_layout(client, layout):
    # A domain per language: the Japanese domain's language; one domain: the browser's.
    headers = {} if layout.per_language_domains else {"HTTP_ACCEPT_LANGUAGE": "ja"}
    response = client.get(
        API, {"search": "総合"}, HTTP_HOST=layout.host("ja"), secure=True, **headers
    )
    assert api_keys(response) == [("ja", "rengo-rials")]
    response = client.get(API, {"search": "RIALS"}, HTTP_HOST=layout.host("en"), secure=True)
    assert api_keys(response) == [("en", "rengo-rials")]


def test_api_search_ranks_and_orders(client, api, content):
    params = {"search": "労働", "locale": "ja", "type": "rengo_wagtail.OrganizationPage"}
    ranked = [item["title"] for item in client.get(API, params).json()["items"]]
    assert all("労働" in title for title in ranked[:5])
    ordered = client.get(API, {**params, "order": "title"}).json()["items"]
    assert [item["title"] for item in ordered] == sorted(ranked)


def test_api_search_operator(client, api, content):
    both = client.get(API, {"search": "labour retired", "locale": "en"}).json()["meta"]
    either = client.get(
        API, {"search": "labour retired", "locale": "en", "search_operator": "or"}
    ).json()["meta"]
    assert both["total_count"] == 0
    assert either["total_count"] >= 4
    response = client.get(API, {"search": "labour", "search_operator": "xor"})
    assert response.status_code == 400
    assert "xor" in response.json()["message"]


def test_api_search_with_fallback_covers_the_untranslated_pages(client, api, section):
    response = client.get(API, {"search": "JCRP", "locale": "ja", "fallback": "true"})
    assert api_keys(response) == [("en", "jcrp")]
    assert client.get(API, {"search": "JCRP", "locale": "ja"}).json()["items"] == []


def test_api_search_can_be_turned_off(client, api, content, settings):
    settings.WAGTAILAPI_SEARCH_ENABLED = False
    response = client.get(API, {"search": "共済"})
    assert response.status_code == 400
    assert response.json()["message"] == "Search is turned off on this site."


def test_a_host_queryset_limits_the_search(content):
    index = OrganizationIndexPage.objects.get(locale__language_code="ja")
    only_children = Page.objects.child_of(index)
    assert "related-organizations" in keys("団体")
    assert "related-organizations" not in keys("団体", queryset=only_children)
    assert Locale.objects.filter(language_code="ja").exists()


def test_a_host_queryset_the_backend_cannot_filter_still_limits_the_search(content):
    # Wagtail's backends cannot filter on a related field: search_pages filters it itself.
    finance = Page.objects.filter(organizationpage__category="finance")
    assert keys("労働", queryset=finance) == ["rokin"]
    assert keys("労働", "en", queryset=finance) == []
