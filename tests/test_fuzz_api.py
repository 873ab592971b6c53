"""Arbitrary query strings on every API address and on the search page: never a 5xx.

Each example is a query string made of the parameters the API knows (and the
field filters of both page types), unknown ones, and values that have broken
it before: ids past the database's integers, digits that are not ASCII, NUL,
ports that are not numbers, bytes that are not UTF-8, very long searches. The
API must answer JSON (400, 404, a redirect from ``find/``, or the data) and
the search page a page. The test client re-raises a view's exception, so a
500 fails with its traceback.
"""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

API = "/api/v2/pages/"
FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

PARAMETERS = [
    # Wagtail's and ours.
    "limit",
    "offset",
    "fields",
    "order",
    "search",
    "search_operator",
    "rich_text_format",
    "format",
    "type",
    "child_of",
    "ancestor_of",
    "descendant_of",
    "translation_of",
    "locale",
    "fallback",
    "site",
    "id",
    "html_path",
    "token",
    # Field filters of Page and of our page types.
    "title",
    "slug",
    "seo_title",
    "show_in_menus",
    "search_description",
    "first_published_at",
    "short_name",
    "legal_form",
    "founded_by_rengo",
    "website",
    "category",
    "summary",
    "logo",
    "body",
    "intro",
]
VALUES = st.sampled_from(
    [
        "",
        "0",
        "1",
        "2",
        "3",
        "-1",
        "1.5",
        "99999999999999999999",
        "2147483648",
        "9223372036854775808",
        "²",
        "\u0661",
        " 7",
        "1_000",
        "abc",
        "root",
        "true",
        "false",
        "maybe",
        "ja",
        "en",
        "xx",
        "*",
        "_",
        "-title",
        "title,-id",
        "random",
        "*,-title",
        "title(id)",
        "parent(title)",
        "((",
        "rengo_wagtail.OrganizationPage",
        "rengo_wagtail.OrganizationIndexPage",
        "wagtailcore.Page",
        "wagtailimages.Image",
        "rengo_wagtail.OrganizationPage,wagtailcore.Page",
        "html",
        "markdown",
        "api",
        "json",
        "127.0.0.1:abc",
        "localhost:99999",
        "testserver",
        "/ja/about-rengo/related-organizations/rengo-rials/",
        "/en/",
        "//",
        "/../",
        "research",
        "public_interest_foundation",
        "2024-01-01",
        "労働",
        "連合総合生活開発研究所",
        " ".join(["word"] * 120),
        "退職者" * 400,
        "\x00",
        "a\x00b",
        "\u202e",
        "🙂",
    ]
)
PAIRS = st.lists(
    st.tuples(
        st.sampled_from(PARAMETERS) | st.text(max_size=8),
        VALUES | st.text(max_size=30) | st.integers(-(10**25), 10**25).map(str),
    ),
    max_size=5,
)
# Bytes that are not UTF-8, and percent signs that escape nothing.
RAW = st.sampled_from(["", "&%ff=%fe", "&search=%e5%8a", "&%=%", "&locale=%zz", "&&=&"])


def query_string(pairs, raw):
    return "&".join(f"{quote(key, safe='')}={quote(value, safe='')}" for key, value in pairs) + raw


def assert_json_answer(response, query):
    assert response.status_code < 500, (query, response.content[:500])
    if "format=api" in query and response.status_code == 200:
        return  # the browsable API that Wagtail offers, asked for by name
    assert response["Content-Type"].startswith("application/json"), (query, response)
    if response.status_code != 302:
        response.json()


@pytest.fixture
def api_paths(section):
    return [
        API,
        f"{API}{section.rials_ja.pk}/",
        f"{API}{section.index.pk}/",
        f"{API}find/",
        f"{API}preview/",
        f"{API}openapi.json",
        f"{API}99999999999999999999/",
        f"{API}nowhere/",
    ]


def test_any_query_string_on_the_api_is_answered_in_json(client, api, section, api_paths):
    @FUZZ
    @given(path=st.sampled_from(api_paths), pairs=PAIRS, raw=RAW)
    # What issue 18 reported.
    @example(path=API, pairs=[("site", "127.0.0.1:abc")], raw="")
    @example(path=API, pairs=[("offset", "99999999999999999999")], raw="")
    @example(path=f"{API}find/", pairs=[("id", "abc")], raw="")
    @example(path=API, pairs=[("search", " ".join(["word"] * 100))], raw="")
    def check(path, pairs, raw):
        query = query_string(pairs, raw)
        assert_json_answer(client.get(path, QUERY_STRING=query), query)

    check()


def test_any_query_string_on_the_search_page_is_answered_with_a_page(client, section, settings):
    settings.ROOT_URLCONF = "tests.urls_search"
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "DIRS": [*settings.TEMPLATES[0]["DIRS"], settings.REPO_DIR / "example_site/templates"],
        }
    ]
    words = st.sampled_from(["労働", "RENGO", "rials", "退職者" * 40, "a " * 60, "\x00", "%"])

    @FUZZ
    @given(
        language=st.sampled_from(["en", "ja"]),
        search=st.text(max_size=120) | words | st.lists(words, max_size=20).map(" ".join),
        page=VALUES,
        raw=RAW,
    )
    @example(language="en", search=" ".join(["word"] * 100), page="1", raw="")
    @example(language="ja", search="退職者" * 400, page="1", raw="")
    def check(language, search, page, raw):
        query = query_string([("query", search), ("page", page)], raw)
        response = client.get(f"/{language}/search/", QUERY_STRING=query)
        assert response.status_code in (200, 400), (query, response.status_code)
        assert response["Content-Type"].startswith("text/html")

    check()
