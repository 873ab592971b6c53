"""What a front end renders as it comes: pagination links, the response's language, resolved
rich text, images with their renditions, redirects through ``find/``."""

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.test_api import api  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

API = "/api/v2/pages/"


def query(url):
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def test_listing_links_to_its_next_and_previous_pages(client, api, section):  # noqa: F811
    first = client.get(API, {"locale": "en", "limit": 2}).json()["meta"]
    assert first["total_count"] == 5
    assert first["previous"] is None
    assert first["next"].startswith("http://testserver/api/v2/pages/?")
    assert query(first["next"]) == {"locale": "en", "limit": "2", "offset": "2"}
    second = client.get(first["next"]).json()["meta"]
    assert query(second["next"])["offset"] == "4"
    assert query(second["previous"]) == {"locale": "en", "limit": "2"}
    last = client.get(second["next"]).json()
    assert len(last["items"]) == 1
    assert last["meta"]["next"] is None
    whole = client.get(API, {"locale": "en"}).json()["meta"]
    assert whole == {"total_count": 5, "next": None, "previous": None}
