"""Draft preview on a front end (rengo_wagtail.api.preview): per language, signed, short-lived,
for editors only, and never in a public response or a cache."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from tests.helpers.layouts import DOMAINS, RIALS
from tests.helpers.pages import EDITING, make_editor

pytestmark = pytest.mark.django_db


# The section in either URL layout, with the API beside the pages.
@pytest.fixture
def per_language_domains_urlconf(api):
    """The ``layout`` fixture serves the API beside the pages in both layouts."""
    return "tests.urls_api_domains"


API = "/api/v2/pages/"
FRONT_END = "https://app.example"


@pytest.fixture
def front_end(settings):
    settings.WAGTAIL_HEADLESS_PREVIEW = {
        "CLIENT_URLS": {"default": FRONT_END, DOMAINS["ja"]: "https://app.example.jp/"}
    }


@pytest.fixture
def translator(section):
    """Edits the Japanese tree only; publishes nothing."""
    user = make_editor("translator", [(section.home_ja, EDITING)])
    client = Client()
    client.force_login(user)
    return client


def open_preview(client, page, host="localhost"):
    return client.get(f"{API}{page.pk}/preview/", HTTP_HOST=host, secure=True)


def token_of(response):
    assert response.status_code == 302, response.content
    return parse_qs(urlsplit(response["Location"]).query)["token"][0]


def read_preview(client, token, host="localhost", **params):
    return client.get(f"{API}preview/", {"token": token, **params}, HTTP_HOST=host, secure=True)


def test_an_editor_previews_a_japanese_draft_on_the_front_end(
    client, api, section, front_end, translator
):
    page = section.rials_ja
    page.title = "連合総研 下書き"
    page.save_revision()
    response = open_preview(translator, page)
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}" == FRONT_END
    query = parse_qs(location.query)
    assert query["content_type"] == ["rengo_wagtail.organizationpage"]
    assert query["locale"] == ["ja"]
    assert response["Cache-Control"] == "private, no-store"

    draft = read_preview(client, token_of(response))
    assert draft.status_code == 200
    assert draft["Cache-Control"] == "private, no-store"
    assert "ETag" not in draft
    assert draft["Content-Language"] == "ja"
    data = draft.json()
    assert data["id"] == page.pk
    assert data["title"] == "連合総研 下書き"
    assert data["category"]["label"] == "調査研究"
    assert "body" in data and "translations" in data["meta"]

    # The public API still serves the live page.
    live = client.get(f"{API}{page.pk}/").json()
    assert live["title"] == "連合総合生活開発研究所"
    titles = [item["title"] for item in client.get(API, {"locale": "ja"}).json()["items"]]
    assert "連合総研 下書き" not in titles


def test_a_translation_never_published_is_previewed_with_the_shared_facts_it_will_have(
    client, api, section, front_end, translator, locales
):
    draft = section.jcrp.copy_for_translation(locales.ja)
    draft.title = "日本退職者連合"
    draft.website = "https://stale.example/"
    draft.save_revision()
    assert not draft.live
    data = read_preview(client, token_of(open_preview(translator, draft))).json()
    assert data["title"] == "日本退職者連合"
    assert data["meta"]["locale"] == "ja"
    assert data["website"] == section.jcrp.website  # the source's, as publishing sets it
    assert client.get(f"{API}{draft.pk}/").status_code == 404


def test_only_editors_of_the_page_get_a_token(client, api, section, front_end, translator):
    # The translator may not edit the English tree: Wagtail's refusal, no token.
    refused = open_preview(translator, section.rials)
    assert refused.status_code in (302, 403)
    assert "token=" not in refused.get("Location", "")
    anonymous = open_preview(client, section.rials_ja)
    assert anonymous.status_code == 302
    assert "/admin/login/" in anonymous["Location"]


def test_a_token_expires_and_cannot_be_forged(
    client, api, section, front_end, translator, settings
):
    token = token_of(open_preview(translator, section.rials_ja))
    assert read_preview(client, token[:-2] + "xx").status_code == 400
    assert read_preview(client, "").status_code == 400
    missing = client.get(f"{API}preview/")
    assert missing.status_code == 400
    assert "token" in missing.json()["message"]
    settings.RENGO_WAGTAIL_PREVIEW_MAX_AGE = -1
    expired = read_preview(client, token)
    assert expired.status_code == 400
    assert expired["Content-Type"] == "application/json"
    assert "expired" in expired.json()["message"]


def test_a_token_stops_working_when_its_editor_loses_the_page(
    client, api, section, front_end, translator
):
    token = token_of(open_preview(translator, section.rials_ja))
    from django.contrib.auth.models import Group

    Group.objects.get(name="translator group").page_permissions.all().delete()
    response = read_preview(client, token)
    assert response.status_code == 400
    assert "no longer" in response.json()["message"]


def test_without_a_front_end_the_preview_says_what_to_set(api, section, translator):
    response = open_preview(translator, section.rials_ja)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{section.rials_ja.pk}/edit/"
    edit = translator.get(response["Location"])
    assert "No front end is named for this site" in edit.content.decode()


def test_each_sites_front_end_in_either_layout(client, layout, section, front_end, translator):
    host = layout.host("ja")
    response = open_preview(translator, section.rials_ja, host)
    expected = "https://app.example.jp" if layout.per_language_domains else FRONT_END
    assert response["Location"].startswith(expected + "/?")
    data = read_preview(client, token_of(response), host).json()
    assert data["meta"]["html_url"] == layout.url("ja", RIALS)


def test_the_page_editor_offers_preview_on_front_end(api, section, front_end, translator, settings):
    edit = translator.get(f"/admin/pages/{section.rials_ja.pk}/edit/").content.decode()
    assert "Preview on front end" in edit
    assert f'href="{API}{section.rials_ja.pk}/preview/"' in edit
    settings.WAGTAIL_HEADLESS_PREVIEW = {}
    edit = translator.get(f"/admin/pages/{section.rials_ja.pk}/edit/").content.decode()
    assert "Preview on front end" not in edit
