"""Front-end preview (rengo_wagtail.api.preview) of a translation made in wagtail-localize's
editor: what its strings make so far, in Japanese, while the live page stays as it was.

Run with ``tests.settings_localize`` (``python scripts/version_leg.py localize``).
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.apps import apps

from tests.helpers.localize import submit_translation, translate_strings

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not apps.is_installed("wagtail_localize"),
        reason="wagtail-localize is not installed (tests.settings_localize installs it)",
    ),
    pytest.mark.localize,
]

API = "/api/v2/pages/"
TITLE = "日本退職者連合"


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


def test_a_draft_translated_in_wagtail_localize_is_previewed_on_the_front_end(
    client, admin_client, api, section, locales, on_commit, settings
):
    settings.WAGTAIL_HEADLESS_PREVIEW = {"CLIENT_URLS": {"default": "https://app.example"}}
    japanese = submit_translation(admin_client, on_commit, section.jcrp, locales.ja)
    # Typed into wagtail-localize's editor: no revision holds it until it is published.
    translate_strings(admin_client, japanese, {"title": TITLE})

    opened = admin_client.get(f"{API}{japanese.pk}/preview/")
    assert opened.status_code == 302
    token = parse_qs(urlsplit(opened["Location"]).query)["token"][0]
    draft = client.get(f"{API}preview/", {"token": token})
    assert draft.status_code == 200
    assert draft["Cache-Control"] == "private, no-store"
    data = draft.json()
    assert (data["title"], data["meta"]["locale"]) == (TITLE, "ja")
    assert data["website"] == section.jcrp.website  # a shared fact, as the source has it

    # Visitors and the public API still get the live translation, untranslated so far.
    live = client.get(f"{API}{japanese.pk}/").json()
    assert live["title"] == section.jcrp.title
