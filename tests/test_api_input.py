"""Hostile input to the API and the search page: a JSON 400 that names the parameter, never a 500.

Issue 18's items 2 and 4, each input as it was reported; ``test_fuzz_api``
tries arbitrary query strings around them.
"""

import time

import pytest

from rengo_wagtail.search import (
    MAX_QUERY_CHARACTERS,
    MAX_QUERY_TERMS,
    QueryTooLong,
    highlight,
    query_terms,
    search_pages,
)

pytestmark = pytest.mark.django_db

API = "/api/v2/pages/"
MANY_WORDS = " ".join(f"word{number}" for number in range(100))  # about 600 characters
SEVENTEEN_WORDS = " ".join(f"w{number}" for number in range(MAX_QUERY_TERMS + 1))
# A thousand different ideographs: every pair is one more search term.
LONG_KANJI = "".join(chr(0x4E00 + number * 7) for number in range(1000))


def assert_json_400(response, word):
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/json"
    assert word in response.json()["message"]


@pytest.mark.parametrize(
    ("path", "params", "word"),
    [
        (API, {"site": "127.0.0.1:abc"}, "site"),
        (API, {"site": "localhost:99999"}, "site"),
        (API, {"offset": "99999999999999999999"}, "offset"),
        (API, {"offset": "²"}, "offset"),
        (API, {"limit": "-1"}, "limit"),
        (API, {"limit": "1000"}, "limit"),
        (API, {"child_of": "²"}, "child_of"),
        (API, {"descendant_of": "99999999999999999999"}, "descendant_of"),
        (API, {"first_published_at": "abc"}, "abc"),
        (API, {"slug": "a\x00b"}, "slug"),
        (API, {"locale": "\x00"}, "locale"),
        (f"{API}find/", {"id": "abc"}, "id"),
        (f"{API}find/", {"id": "²"}, "id"),
        (f"{API}find/", {"id": "99999999999999999999"}, "id"),
        (f"{API}find/", {"html_path": "/en/\x00/"}, "html_path"),
    ],
)
def test_bad_numbers_and_names_are_json_400s(client, api, section, path, params, word):
    assert_json_400(client.get(path, params), word)


def test_good_numbers_still_work(client, api, section):
    response = client.get(API, {"offset": "1", "limit": "2", "site": "localhost:80"})
    assert response.status_code == 200
    assert len(response.json()["items"]) == 2
    found = client.get(f"{API}find/", {"id": str(section.rials.pk)})
    assert found.status_code == 302
    assert f"{API}{section.rials.pk}/" in found["Location"]


@pytest.mark.parametrize(
    "query", [MANY_WORDS, SEVENTEEN_WORDS, LONG_KANJI, "労" * (MAX_QUERY_CHARACTERS + 1)]
)
def test_api_search_too_long_is_a_400_that_says_how_long_it_may_be(client, api, section, query):
    started = time.monotonic()
    response = client.get(API, {"search": query})
    assert time.monotonic() - started < 2
    assert_json_400(response, "Your search")
    assert any(str(limit) in response.json()["message"] for limit in (16, 100))


def test_the_longest_searches_allowed_are_answered(client, api, section):
    longest = [
        " ".join(f"w{number}" for number in range(MAX_QUERY_TERMS)),
        LONG_KANJI[:MAX_QUERY_CHARACTERS],
        " ".join(LONG_KANJI[:MAX_QUERY_TERMS]),
    ]
    for query in longest:
        for operator in ("and", "or"):
            started = time.monotonic()
            response = client.get(API, {"search": query, "search_operator": operator})
            assert response.status_code == 200, (query, response.content)
            assert time.monotonic() - started < 2


def test_search_pages_says_why_it_does_not_search(section):
    with pytest.raises(QueryTooLong, match="at most 16 words"):
        search_pages(SEVENTEEN_WORDS, "en")
    with pytest.raises(QueryTooLong, match="at most 100 characters"):
        search_pages(MANY_WORDS, "en")
    with pytest.raises(QueryTooLong, match="at most 100 characters"):
        search_pages(LONG_KANJI, "ja")
    # What is highlighted is bounded the same way.
    assert len(query_terms(MANY_WORDS)) == MAX_QUERY_TERMS
    assert highlight("word0 word", MANY_WORDS) == "<mark>word0</mark> word"


@pytest.fixture
def search_urls(settings, section):
    """The example site's search view under /en/ and /ja/ (the content: ``section``)."""
    settings.ROOT_URLCONF = "tests.urls_search"
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "DIRS": [*settings.TEMPLATES[0]["DIRS"], settings.REPO_DIR / "example_site/templates"],
        }
    ]


@pytest.mark.parametrize("language", ["en", "ja"])
@pytest.mark.parametrize("query", [MANY_WORDS, SEVENTEEN_WORDS, LONG_KANJI])
def test_search_page_explains_a_search_too_long(client, search_urls, language, query):
    response = client.get(f"/{language}/search/", {"query": query})
    assert response.status_code == 400
    html = response.content.decode()
    assert '<p class="rengo-search-error" role="alert">' in html
    assert 'name="query" value=""' in html  # the form, empty, to search again
    assert "rengo-count" not in html


def test_search_page_still_finds_within_the_bounds(client, search_urls):
    response = client.get("/ja/search/", {"query": "連合総合生活開発研究所"})
    assert response.status_code == 200
    assert "<mark>" in response.content.decode()


def test_find_redirects_in_json_to_the_page_it_found(client, api, section):
    # An empty html_path names the Site's home page: a redirect, written as JSON too.
    response = client.get(f"{API}find/", {"html_path": ""})
    assert response.status_code == 302
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"location": response["Location"]}
    assert response["Location"].endswith(f"{API}{section.home.pk}/?")
