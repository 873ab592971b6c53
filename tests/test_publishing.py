"""Publish with translations: confirm page, page action, bulk action, who may publish what."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from wagtail.models import PageLogEntry

from rengo_wagtail.translation import state as translation_state
from rengo_wagtail.views.translation_report import translation_engine
from tests.helpers.pages import fresh, organization_form

pytestmark = pytest.mark.localize

URL = "/admin/rengo/publish-together/"


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def save_draft(client, page, **changes):
    """Save a draft through the admin's edit view, as the editor would."""
    response = client.post(
        f"/admin/pages/{page.pk}/edit/", organization_form(fresh(page), **changes)
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert fresh(page).has_unpublished_changes


def rows(response):
    """``{source title: {language: (state, outcome)}}`` from the confirm page."""
    assert response.status_code == 200
    document = BeautifulSoup(response.content, "html.parser")
    found = {}
    for section in document.select("section[data-rengo-source]"):
        found[section.h2.get_text(strip=True)] = {
            row["data-rengo-language"]: (row.get("data-rengo-state"), row["data-rengo-outcome"])
            for row in section.select("tr[data-rengo-language]")
        }
    return found


RIALS = "RENGO Research Institute for Advancement of Living Standards"


def state_of(section, language="ja", title=RIALS):
    row = next(row for row in translation_state.compute() if row.source.title == title)
    return row.translations[language].state


@pytest.mark.django_db
def test_publishes_source_and_translation_drafts_together(section, admin_client, admin_user):
    save_draft(admin_client, section.rials, summary="A new English summary.")
    save_draft(admin_client, section.rials_ja, summary="新しい要約です。")

    confirm = admin_client.get(URL, {"id": section.rials.pk})
    assert rows(confirm)[RIALS] == {"en": (None, "publish"), "ja": ("up_to_date", "publish")}
    assert "新しい要約です。" not in fresh(section.rials_ja).summary  # nothing live yet

    response = admin_client.post(f"{URL}?id={section.rials.pk}")
    assert response.status_code == 302
    assert fresh(section.rials).summary == "A new English summary."
    ja = fresh(section.rials_ja)
    assert (ja.summary, ja.has_unpublished_changes) == ("新しい要約です。", False)
    # The Japanese page now follows the new English text.
    assert state_of(section) == "up_to_date"
    for page in (section.rials, section.rials_ja):
        entry = PageLogEntry.objects.filter(page=page, action="wagtail.publish").latest("timestamp")
        assert entry.user == admin_user


@pytest.mark.django_db
def test_outdated_translation_is_published_only_when_ticked(section, admin_client):
    # The Japanese draft was saved before the English change: it may not follow it.
    save_draft(admin_client, section.rials_ja, summary="古い訳の下書き。")
    save_draft(admin_client, section.rials, summary="A new English summary.")

    assert rows(admin_client.get(URL, {"id": section.rials.pk}))[RIALS]["ja"] == (
        "outdated",
        "tick",
    )
    response = admin_client.post(f"{URL}?id={section.rials.pk}", {"outdated": ["abc"]})
    assert response.status_code == 302
    assert fresh(section.rials).summary == "A new English summary."
    assert fresh(section.rials_ja).summary == "連合のシンクタンクです。"
    assert fresh(section.rials_ja).has_unpublished_changes
    assert state_of(section) == "outdated"

    save_draft(admin_client, section.rials, summary="Another English summary.")
    admin_client.post(f"{URL}?id={section.rials.pk}", {"outdated": [section.rials_ja.pk]})
    assert fresh(section.rials_ja).summary == "古い訳の下書き。"
    assert not fresh(section.rials_ja).has_unpublished_changes


@pytest.mark.django_db
def test_missing_translation_is_listed_with_a_link_to_create_it(section, admin_client):
    response = admin_client.get(URL, {"id": section.jcrp.pk})
    assert rows(response)["Japanese Confederation of Retired Persons"]["ja"] == (
        "missing",
        "missing",
    )
    document = BeautifulSoup(response.content, "html.parser")
    link = document.select_one('tr[data-rengo-language="ja"] a')["href"]
    assert link == reverse(
        f"{translation_engine()}:submit_page_translation", args=[section.jcrp.pk]
    )
    assert admin_client.get(link).status_code == 200


@pytest.mark.django_db
def test_english_editor_leaves_the_japanese_page_alone(section, admin_client, english_editor):
    save_draft(admin_client, section.rials_ja, summary="翻訳者の下書き。")
    editor = client_for(english_editor)
    save_draft(editor, section.rials, summary="The editor's English summary.")

    confirm = rows(editor.get(URL, {"id": section.rials.pk}))
    assert confirm[RIALS]["ja"][1] == "not_permitted"
    editor.post(f"{URL}?id={section.rials.pk}", {"outdated": [section.rials_ja.pk]})
    assert fresh(section.rials).summary == "The editor's English summary."
    assert fresh(section.rials_ja).summary == "連合のシンクタンクです。"
    assert fresh(section.rials_ja).has_unpublished_changes


@pytest.mark.django_db
def test_editor_without_publish_rights_publishes_nothing(section, unpublishing_editor):
    editor = client_for(unpublishing_editor)
    save_draft(editor, section.rials, summary="Not for publishing.")
    edit_view = editor.get(f"/admin/pages/{section.rials.pk}/edit/").content.decode()
    assert "Publish with translations" not in edit_view

    response = editor.get(URL, {"id": section.rials.pk})
    assert rows(response)[RIALS] == {
        "en": (None, "not_permitted"),
        "ja": ("outdated", "not_permitted"),  # the English draft's text is new
    }
    assert "Nothing here can be published by you." in response.content.decode()
    response = editor.post(f"{URL}?id={section.rials.pk}", follow=True)
    assert "Nothing was published." in response.content.decode()
    assert fresh(section.rials).summary == "The RENGO think-tank."


@pytest.mark.django_db
def test_page_action_on_source_pages_only(section, admin_client):
    edit_view = BeautifulSoup(
        admin_client.get(f"/admin/pages/{section.rials.pk}/edit/").content, "html.parser"
    )
    link = next(a for a in edit_view.select("a") if "Publish with translations" in a.get_text())
    assert link["href"].startswith(f"{URL}?id={section.rials.pk}&next=")
    assert admin_client.get(link["href"]).status_code == 200
    for page in (section.rials_ja, section.about):
        content = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
        assert "Publish with translations" not in content


@pytest.mark.django_db
def test_bulk_action_in_the_explorer(section, admin_client):
    save_draft(admin_client, section.rials, summary="Bulk-published summary.")
    explorer = admin_client.get(f"/admin/pages/{section.index.pk}/").content.decode()
    assert "Publish with translations" in explorer

    bulk = "/admin/bulk/wagtailcore/page/rengo-publish-together/"
    response = admin_client.get(
        bulk, {"id": [section.rials.pk, section.jcrp.pk, section.rials_ja.pk], "next": "/admin/"}
    )
    assert response.status_code == 302
    confirm = admin_client.get(response["Location"])
    assert list(rows(confirm)) == [RIALS, "Japanese Confederation of Retired Persons"]
    assert "連合総合生活開発研究所" in confirm.content.decode()  # listed as left alone

    response = admin_client.post(response["Location"])
    assert response["Location"] == "/admin/"
    assert fresh(section.rials).summary == "Bulk-published summary."


@pytest.mark.django_db
def test_no_pages_chosen_says_so(admin_client):
    for query in ({}, {"id": "abc"}, {"id": 999999}):
        response = admin_client.get(URL, query, follow=True)
        assert response.redirect_chain[0][0] == "/admin/pages/"
        assert "No page to publish: choose source-language pages" in response.content.decode()


@pytest.mark.django_db
def test_confirm_page_and_action_in_japanese(section, admin_user, client):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "ja"
    profile.save()
    client.force_login(admin_user)
    edit_view = client.get(f"/admin/pages/{section.rials.pk}/edit/").content.decode()
    assert "翻訳と一緒に公開" in edit_view
    document = BeautifulSoup(client.get(URL, {"id": section.jcrp.pk}).content, "html.parser")
    assert document.title.get_text().startswith("翻訳と一緒に公開")
    row = document.select_one('tr[data-rengo-language="ja"]').get_text(" ", strip=True)
    assert "未翻訳" in row
    assert "まだ翻訳がありません。" in row
