"""What a front end renders as it comes: pagination links, the response's language, resolved
rich text, images with their renditions, redirects through ``find/``."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.test import RequestFactory
from rest_framework.throttling import AnonRateThrottle
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from rengo_wagtail.api import RengoPagesAPIViewSet
from tests.helpers.api import get
from tests.helpers.layouts import ABOUT, DOMAINS, INDEX, JCRP, RIALS
from tests.helpers.pages import publish

pytestmark = pytest.mark.django_db


# The section in either URL layout, with the API beside the pages.
@pytest.fixture
def per_language_domains_urlconf(api):
    """The ``layout`` fixture serves the API beside the pages in both layouts."""
    return "tests.urls_api_domains"


API = "/api/v2/pages/"


def query(url):
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def test_listing_links_to_its_next_and_previous_pages(client, api, section):
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


# --- The response's language ------------------------------------------------------------


def test_content_language_is_the_pages_not_the_visitors(client, api, section):
    headers = {"HTTP_ACCEPT_LANGUAGE": "en"}
    assert client.get(API, {"locale": "ja"}, **headers)["Content-Language"] == "ja"
    assert client.get(API, {"locale": "en"}, HTTP_ACCEPT_LANGUAGE="ja")["Content-Language"] == "en"
    assert client.get(f"{API}{section.rials_ja.pk}/", **headers)["Content-Language"] == "ja"
    assert client.get(API, **headers)["Content-Language"] == "en, ja"
    # Errors are in the visitor's language.
    assert client.get(API, {"locale": "xx"}, HTTP_ACCEPT_LANGUAGE="ja")["Content-Language"] == "ja"


# --- Rich text and images -----------------------------------------------------------------


def link_to(page, text="link"):
    return f'<a linktype="page" id="{page.pk}">{text}</a>'


@pytest.fixture
def linked(section):
    """The Japanese index's introduction links to RENGO-RIALS, a page that does not exist and
    an id that is no number; its body paragraph to the English index."""
    section.index_ja.intro = (
        f"<p>{link_to(section.rials_ja)} "
        '<a linktype="page" id="999999">gone</a> <a linktype="page" id="abc">odd</a></p>'
    )
    publish(section.index_ja)
    section.rials_ja.body = [("paragraph", f"<p>{link_to(section.index)}</p>")]
    publish(section.rials_ja)
    return section


def test_rich_text_links_are_absolute_urls_by_default(client, layout, linked):
    host = layout.host("ja")
    index = get(client, f"{API}{linked.index_ja.pk}/", host).json()
    assert index["intro"] == (
        f'<p><a href="{layout.url("ja", RIALS)}">link</a> <a>gone</a> <a>odd</a></p>'
    )
    rials = get(client, f"{API}{linked.rials_ja.pk}/", host).json()
    assert rials["body"][0] == {
        "type": "paragraph",
        "value": f'<p><a href="{layout.url("en", INDEX)}">link</a></p>',
        "id": rials["body"][0]["id"],
    }


def test_body_html_is_ready_for_a_front_end(client, layout, linked):
    image = get_image_model().objects.create(
        title="Office", file=ContentFile(get_test_image_file().file.getvalue(), "office.png")
    )
    linked.rials_ja.body = [
        *linked.rials_ja.body.raw_data,
        {"type": "image", "value": {"image": image.pk, "caption": "事務所"}},
    ]
    publish(linked.rials_ja)
    host = layout.host("ja")
    html = get(client, f"{API}{linked.rials_ja.pk}/", host).json()["body_html"]
    assert f'<a href="{layout.url("en", INDEX)}">link</a>' in html
    assert f'src="https://{host}/media/images/' in html
    assert 'src="/' not in html and 'href="/' not in html
    # As the CMS renders it (its own paths), on request.
    stored = get(client, f"{API}{linked.rials_ja.pk}/", host, rich_text_format="db_html").json()
    assert 'src="/media/images/' in stored["body_html"]


def test_an_image_embedded_in_rich_text_has_an_absolute_src(client, api, section):
    # Our paragraphs do not offer images, but a host's own data may hold one.
    image = get_image_model().objects.create(
        title="Office", file=ContentFile(get_test_image_file().file.getvalue(), "office.png")
    )
    section.index_ja.intro = (
        f'<p>事務所</p><embed embedtype="image" id="{image.pk}" format="left" alt="事務所"/>'
    )
    publish(section.index_ja)
    intro = client.get(f"{API}{section.index_ja.pk}/").json()["intro"]
    assert 'src="http://testserver/media/images/' in intro
    assert 'alt="事務所"' in intro


def test_rich_text_as_stored_on_request(client, api, linked):
    params = {"rich_text_format": "db_html"}
    index = client.get(f"{API}{linked.index_ja.pk}/", params).json()
    assert index["intro"] == linked.index_ja.intro
    rials = client.get(f"{API}{linked.rials_ja.pk}/", params).json()
    assert rials["body"][0]["value"] == f"<p>{link_to(linked.index)}</p>"
    response = client.get(API, {"rich_text_format": "markdown"})
    assert response.status_code == 400
    assert "db_html" in response.json()["message"]


def test_rich_text_links_lead_to_the_front_end_where_one_is_named(client, layout, linked, settings):
    settings.WAGTAIL_HEADLESS_PREVIEW = {
        "CLIENT_URLS": {"default": "https://app.example/", DOMAINS["ja"]: "https://app.example.jp"}
    }
    index = get(client, f"{API}{linked.index_ja.pk}/", layout.host("ja")).json()
    front_end = "https://app.example.jp" if layout.per_language_domains else "https://app.example"
    assert f'href="{front_end}{layout.path("ja", RIALS)}"' in index["intro"]


def test_images_have_absolute_renditions_sizes_and_a_srcset(client, api, section):
    image = get_image_model().objects.create(
        title="Logo", file=ContentFile(get_test_image_file().file.getvalue(), "logo.png")
    )
    section.rials.logo = image
    section.rials.body = [("image", {"image": image, "caption": "The office"})]
    publish(section.rials)
    data = client.get(f"{API}{section.rials.pk}/").json()
    logo = data["logo"]
    assert (logo["width"], logo["height"]) == (image.width, image.height)
    for rendition in logo["renditions"].values():
        assert rendition["url"].startswith("http://testserver/media/images/")
    assert logo["srcset"].startswith(logo["renditions"]["small"]["url"] + " ")
    block = data["body"][0]
    assert block["type"] == "image"
    assert block["value"]["caption"] == "The office"
    body_image = block["value"]["image"]
    assert body_image["id"] == image.pk
    assert set(body_image["renditions"]) == {"small", "medium", "large"}
    assert all(part.endswith("w") for part in body_image["srcset"].split(", "))
    raw = client.get(f"{API}{section.rials.pk}/", {"rich_text_format": "db_html"}).json()
    assert raw["body"][0]["value"]["image"] == image.pk


# --- find/: stand-ins and redirects ----------------------------------------------------------


def test_find_marks_a_stand_in_and_gives_the_address_the_site_shows_it_at(client, layout, section):
    host = layout.host("ja")
    response = get(client, f"{API}find/", host, html_path=layout.path("ja", JCRP))
    assert response.status_code == 302
    assert query(response["Location"]) == {"locale": "ja", "fallback": "true"}
    detail = client.get(response["Location"], HTTP_HOST=host, secure=True).json()
    assert detail["id"] == section.jcrp.pk
    assert detail["meta"]["fallback"] is True
    assert detail["meta"]["html_url"] == layout.url("ja", JCRP)
    listing = get(client, API, host, locale="ja", fallback="true", child_of=section.index_ja.pk)
    items = {item["id"]: item["meta"] for item in listing.json()["items"]}
    assert items[section.jcrp.pk]["html_url"] == layout.url("ja", JCRP)
    assert items[section.rials_ja.pk]["html_url"] == layout.url("ja", RIALS)


def test_find_answers_a_redirected_path_with_the_redirect(client, layout, section):
    from wagtail.contrib.redirects.models import Redirect

    host = layout.host("ja")
    site = Site.find_for_request(RequestFactory().get("/", HTTP_HOST=host, secure=True))
    old = layout.path("ja", ABOUT + "old-organizations/")
    Redirect.add_redirect(old, redirect_to=section.rials_ja, is_permanent=True, site=site)
    Redirect.add_redirect(
        layout.path("ja", "/elsewhere/"), "https://example.com/x", is_permanent=False, site=site
    )
    response = get(client, f"{API}find/", host, html_path=old)
    assert response.status_code == 200
    assert response.json() == {
        "redirect": {
            "status": 301,
            "location": layout.url("ja", RIALS),
            "page": {
                "id": section.rials_ja.pk,
                "detail_url": f"https://{host}{API}{section.rials_ja.pk}/",
            },
        }
    }
    elsewhere = get(client, f"{API}find/", host, html_path=layout.path("ja", "/elsewhere/"))
    assert elsewhere.json()["redirect"] == {
        "status": 302,
        "location": "https://example.com/x",
        "page": None,
    }
    assert get(client, f"{API}find/", host, html_path="/nowhere/").status_code == 404


# --- Throttling ------------------------------------------------------------------------------


class TwoPerMinute(AnonRateThrottle):
    rate = "2/min"


def test_throttling_is_off_by_default_and_answers_429_in_json_when_on(
    client, api, section, monkeypatch
):
    cache.clear()
    for _number in range(5):
        assert client.get(API).status_code == 200
    monkeypatch.setattr(RengoPagesAPIViewSet, "throttle_classes", [TwoPerMinute])
    assert [client.get(API).status_code for _number in range(2)] == [200, 200]
    response = client.get(API)
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert response.json()["message"].startswith("Too many requests: try again in ")
    assert int(response["Retry-After"]) > 0
    cache.clear()
