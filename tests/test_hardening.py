"""What a hostile tester or a careless translator broke (issue 18), each shown fixed.

Content files, titles, query strings and form posts are untrusted: none of
them may run a script, drive a terminal, turn into a spreadsheet formula, make
a 500, or slip past a permission or a view restriction.
"""

import csv
import io
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import (
    GroupApprovalTask,
    Page,
    PageLogEntry,
    PageViewRestriction,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from rengo_wagtail.models import OrganizationPage
from rengo_wagtail.translation.sync import LOG_ACTION as SYNC_LOG_ACTION
from tests.helpers.content import copy_content, db_state, edit
from tests.helpers.pages import make_editor, publish

pytestmark = pytest.mark.django_db

REPORT = "/admin/rengo/translations/"
PUBLISH_TOGETHER = "/admin/rengo/publish-together/"
ESCAPE = "Retired \x1b]0;PWNED\x07\x1b[8mhidden"


def content_with(tmp_path, name, change):
    """A copy of the shipped content files with ``change`` applied to ``name``."""
    directory = copy_content(tmp_path / "content")
    edit(directory, name, change)
    return directory


# --- 1. Rich text from content files -------------------------------------------------------


def set_intro(html):
    return lambda data: data["index"].__setitem__("intro", html)


def set_paragraph(html):
    def change(data):
        data["organizations"]["jilaf"]["body"].append({"type": "paragraph", "value": html})

    return change


@pytest.mark.parametrize(
    ("change", "where", "reason"),
    [
        (
            set_intro("<p>x</p><script>alert(1)</script>"),
            "the index, field “intro”",
            "<script> is not allowed",
        ),
        (
            set_paragraph("<p>x<img src=x onerror=alert(2)></p>"),
            "organization “jilaf”, field “body",
            "<img> is not allowed",
        ),
        (
            set_paragraph('<p><a href="javascript:alert(1)">x</a></p>'),
            "organization “jilaf”, field “body",
            "javascript:alert(1)",
        ),
        (
            set_paragraph('<p><a linktype="page" id="abc">x</a></p>'),
            "organization “jilaf”, field “body",
            "page number",
        ),
        (
            set_paragraph('<p><a linktype="page" id="987654">x</a></p>'),
            "organization “jilaf”, field “body",
            "does not exist",
        ),
        (
            set_paragraph('<p onclick="alert(1)">x</p>'),
            "organization “jilaf”, field “body",
            "takes no attributes",
        ),
        (
            set_paragraph("<p><b>x</p></b>"),
            "organization “jilaf”, field “body",
            "cannot open it",
        ),
    ],
)
def test_unsafe_rich_text_in_a_content_file_is_refused(locales, tmp_path, change, where, reason):
    directory = content_with(tmp_path, "ja.json", change)
    before = db_state()
    with pytest.raises(CommandError) as error:
        call_command("rengo_load_organizations", source=str(directory), stdout=StringIO())
    message = str(error.value)
    assert "ja.json" in message
    assert where in message
    assert reason in message
    assert "\n" not in message
    assert db_state() == before


def test_links_the_editor_allows_load(locales, tmp_path):
    html = '<p>See <a href="https://www.jil.go.jp/">JILPT</a> and <b>this</b>.</p>'
    directory = content_with(tmp_path, "ja.json", set_paragraph(html))
    call_command("rengo_load_organizations", source=str(directory), stdout=StringIO())
    jilaf = OrganizationPage.objects.get(content_key="jilaf", locale__language_code="ja")
    assert html in [block.value.source for block in jilaf.body if block.block_type == "paragraph"]


# --- 3. The sync keeps a translator's moderation ---------------------------------------------


def test_the_sync_leaves_a_translations_moderation_in_progress(section, admin_user):
    workflow = Workflow.objects.create(name="Japanese review")
    task = GroupApprovalTask.objects.create(name="Moderators approve")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=section.home_ja)
    translation = OrganizationPage.objects.get(pk=section.rials_ja.pk)
    translation.summary = "翻訳者の新しい紹介文です。"
    translation.save_revision(user=admin_user)
    state = workflow.start(translation, admin_user)

    source = OrganizationPage.objects.get(pk=section.rials.pk)
    source.website = "https://www.rengo-soken.or.jp/new/"
    publish(source)

    state.refresh_from_db()
    assert state.status == state.STATUS_IN_PROGRESS
    assert OrganizationPage.objects.get(pk=translation.pk).website.endswith("/new/")
    actions = list(
        PageLogEntry.objects.filter(page=translation).order_by("pk").values_list("action", "user")
    )
    assert (SYNC_LOG_ACTION, None) in actions
    assert not any(action == "wagtail.workflow.cancel" for action, _user in actions)


# --- 5. Ids from requests and options --------------------------------------------------------


@pytest.mark.parametrize("value", ["²", "٣", "99999999999999999999", "-1", " 7", "0x10"])
def test_odd_ids_on_the_publish_together_page_are_no_page(section, admin_client, value):
    response = admin_client.get(PUBLISH_TOGETHER, {"id": value})
    assert response.status_code == 302  # back to the explorer: no page to publish


@pytest.mark.parametrize("value", ["²", "99999999999999999999"])
def test_odd_ticks_are_ignored_when_publishing_together(section, admin_client, value):
    url = f"{PUBLISH_TOGETHER}?id={section.rials.pk}"
    response = admin_client.post(url, {"outdated": value})
    assert response.status_code == 302


def test_an_id_beyond_the_database_is_not_found(section, admin_client):
    url = "/admin/rengo/translations/99999999999/mark-up-to-date/"
    # Not an admin URL at all: LocaleMiddleware tries the language prefix, then 404.
    assert admin_client.post(url, follow=True).status_code == 404


@pytest.mark.parametrize("value", ["²", "99999999999999999999"])
def test_an_odd_parent_option_is_a_clear_error(locales, value):
    with pytest.raises(CommandError, match="No page matches --parent"):
        call_command("rengo_load_organizations", parent=value, stdout=StringIO())


# --- 7. A stand-in under a restricted index ----------------------------------------------------


def test_a_stand_in_keeps_its_indexs_password(client, section):
    restriction = PageViewRestriction.objects.create(
        page=section.index_ja, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    url = "/ja/about-rengo/related-organizations/jcrp/"
    response = client.get(url)
    assert response.status_code == 200
    assert "Founded in 1991." not in response.content.decode()
    assert 'name="password"' in response.content.decode()
    assert "public" not in response.get("Cache-Control", "")

    client.post(
        reverse(
            "wagtailcore_authenticate_with_password", args=[restriction.pk, section.index_ja.pk]
        ),
        {"password": "secret", "return_url": url},
    )
    response = client.get(url)
    assert "Founded in 1991." in response.content.decode()
    assert "public" not in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


# --- 8. Titles on a terminal -------------------------------------------------------------------


def test_command_output_cannot_drive_the_terminal(section):
    page = OrganizationPage.objects.get(pk=section.jcrp.pk)
    page.title = ESCAPE
    publish(page)
    out = StringIO()
    call_command("rengo_translation_status", stdout=out)
    text = out.getvalue()
    assert "\x1b" not in text and "\x07" not in text
    assert "Retired \\u001b]0;PWNED\\u0007\\u001b[8mhidden" in text


# --- 9. The report's exports -------------------------------------------------------------------


def test_the_csv_export_writes_no_formula(section, admin_client):
    page = OrganizationPage.objects.get(pk=section.jcrp.pk)
    page.title = '=HYPERLINK("https://evil.example/","click")'
    publish(page)
    response = admin_client.get(REPORT, {"export": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    titles = [row[0] for row in csv.reader(io.StringIO(text))]
    assert '\'=HYPERLINK("https://evil.example/","click")' in titles
    assert not any(title.startswith(("=", "+", "-", "@")) for title in titles)


def test_the_xlsx_export_takes_control_characters(section, admin_client):
    openpyxl = pytest.importorskip("openpyxl")
    page = OrganizationPage.objects.get(pk=section.jcrp.pk)
    page.title = ESCAPE
    publish(page)
    response = admin_client.get(REPORT, {"export": "xlsx"})
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    titles = [row[0].value for row in workbook.active.iter_rows()]
    assert "Retired \\u001b]0;PWNED\\u0007\\u001b[8mhidden" in titles


# --- 10. What the admin shows to whom ----------------------------------------------------------


def outdate(page):
    page = OrganizationPage.objects.get(pk=page.pk)
    page.summary = "A new English summary."
    publish(page)


def test_mark_up_to_date_is_offered_only_to_who_may_publish(client, section):
    outdate(section.rials)
    translator = make_editor(
        "reporting-translator",
        [(section.home_ja, ["add_page", "change_page"])],
        ["access_admin"],
    )
    publisher = make_editor(
        "reporting-publisher",
        [(section.home_ja, ["add_page", "change_page", "publish_page"])],
        ["access_admin"],
    )
    client.force_login(translator)
    assert "Mark up to date" not in client.get(REPORT).content.decode()
    client.force_login(publisher)
    assert "Mark up to date" in client.get(REPORT).content.decode()


def test_publish_together_shows_only_pages_the_user_may_edit(client, section):
    outsider = make_editor("outsider", [(section.home_ja, ["change_page"])])
    client.force_login(outsider)
    response = client.get(PUBLISH_TOGETHER, {"id": section.rials.pk})
    assert response.status_code == 302
    assert section.rials.title not in client.get(response["Location"]).content.decode()


# --- 11. Removing pages editors changed ----------------------------------------------------------


def test_unload_keeps_pages_editors_changed_unless_forced(locales):
    call_command("rengo_load_organizations", stdout=StringIO())
    page = OrganizationPage.objects.get(content_key="jcrp", locale__language_code="ja")
    page.summary = "編集者の下書きです。"
    page.save_revision(user=make_editor("drafting-editor"))

    out = StringIO()
    call_command("rengo_unload_organizations", yes=True, stdout=out)
    assert Page.objects.filter(pk=page.pk).exists()
    assert "--force" in out.getvalue()

    call_command("rengo_unload_organizations", yes=True, force=True, stdout=StringIO())
    assert not Page.objects.filter(pk=page.pk).exists()
    assert not OrganizationPage.objects.exists()
