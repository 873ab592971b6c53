"""Reports > Translation status, its "Mark up to date" action and the dashboard panel."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import Page

from rengo_wagtail.models import OrganizationPage, TranslationFingerprint
from rengo_wagtail.views.translation_report import translation_engine
from tests.helpers.html import REPORT, cells
from tests.helpers.organizations import add_organizations_in_mixed_states
from tests.helpers.pages import make_editor, publish, simple_translation_only, translate

pytestmark = pytest.mark.localize


def outdate(page):
    page = OrganizationPage.objects.get(pk=page.pk)
    page.summary = "A new English summary."
    page.save_revision().publish()


@pytest.fixture
def editor(db):
    """A plain editor: may edit and translate the site's pages, but not publish."""
    return make_editor(
        "editor",
        page_permissions=[(Page.get_first_root_node(), ["add_page", "change_page"])],
        permissions=["access_admin", "submit_translation"],
    )


@pytest.mark.django_db
def test_report_lists_index_and_organizations_with_links(section, admin_client):
    outdate(section.rials)
    response = admin_client.get(REPORT)
    assert response.status_code == 200
    rows = cells(response)
    assert list(rows) == [
        "Related Organizations",
        "RENGO Research Institute for Advancement of Living Standards",
        "Japanese Confederation of Retired Persons",
    ]
    index = rows["Related Organizations"]
    assert index["state"] == "up_to_date"
    assert index["links"] == {"Edit": f"/admin/pages/{section.index_ja.pk}/edit/"}

    rials = rows["RENGO Research Institute for Advancement of Living Standards"]
    assert rials["state"] == "outdated"
    assert rials["links"]["Edit"] == f"/admin/pages/{section.rials_ja.pk}/edit/"
    compare = rials["links"]["Compare source changes"]
    recorded = TranslationFingerprint.objects.get(page=section.rials_ja).source_revision_id
    live = OrganizationPage.objects.get(pk=section.rials.pk).live_revision_id
    assert compare == f"/admin/pages/{section.rials.pk}/revisions/compare/{recorded}...{live}/"
    assert admin_client.get(compare).status_code == 200
    assert rials["forms"] == [f"/admin/rengo/translations/{section.rials_ja.pk}/mark-up-to-date/"]

    jcrp = rows["Japanese Confederation of Retired Persons"]
    assert jcrp["state"] == "missing"
    translate_url = jcrp["links"]["Translate"]
    # simple_translation's view, or wagtail-localize's where it is installed.
    assert translate_url == reverse(
        f"{translation_engine()}:submit_page_translation", args=[section.jcrp.pk]
    )
    assert admin_client.get(translate_url).status_code == 200


@pytest.mark.django_db
def test_report_filters_by_language_and_state(section, admin_client):
    outdate(section.rials)
    rows = cells(admin_client.get(REPORT, {"language": "ja", "state": "outdated"}))
    assert list(rows) == ["RENGO Research Institute for Advancement of Living Standards"]
    rows = cells(admin_client.get(REPORT + "results/", {"state": "missing"}))
    assert list(rows) == ["Japanese Confederation of Retired Persons"]
    rows = cells(admin_client.get(REPORT, {"state": "draft"}))
    assert rows == {}


@pytest.mark.django_db
def test_report_exports_csv_and_xlsx(section, admin_client):
    response = admin_client.get(REPORT, {"export": "csv"})
    assert response["Content-Disposition"] == 'attachment; filename="translation-status.csv"'
    text = b"".join(response.streaming_content).decode()
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == ["Page", "Type", "Source last published", "日本語"]
    assert table[1][0] == "Related Organizations"
    assert table[1][3] == "Up to date"
    assert table[3][3] == "Missing"

    response = admin_client.get(REPORT, {"export": "xlsx", "state": "missing"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.values)
    assert values[0] == ("Page", "Type", "Source last published", "日本語")
    assert [row[0] for row in values[1:]] == ["Japanese Confederation of Retired Persons"]


@pytest.mark.django_db
def test_report_is_in_the_reports_menu(section, admin_client):
    response = admin_client.get("/admin/")
    assert REPORT in response.content.decode()


@pytest.mark.django_db
def test_mark_up_to_date_records_the_fingerprint_without_editing(section, admin_client):
    outdate(section.rials)
    ja = OrganizationPage.objects.get(pk=section.rials_ja.pk)
    revisions = ja.revisions.count()
    url = f"/admin/rengo/translations/{ja.pk}/mark-up-to-date/"

    assert admin_client.get(url).status_code == 405
    response = admin_client.post(url, {"next": REPORT + "?state=outdated"})
    assert response.status_code == 302
    assert response["Location"] == REPORT + "?state=outdated"

    assert cells(admin_client.get(REPORT))[ja_title(section)]["state"] == "up_to_date"
    assert ja.revisions.count() == revisions
    assert OrganizationPage.objects.get(pk=ja.pk).latest_revision_id == ja.latest_revision_id
    recorded = TranslationFingerprint.objects.get(page=ja)
    assert recorded.source_revision_id == (
        OrganizationPage.objects.get(pk=section.rials.pk).live_revision_id
    )


def ja_title(section):
    return "RENGO Research Institute for Advancement of Living Standards"


@pytest.mark.django_db
def test_mark_up_to_date_needs_csrf_and_publish_permission(section, admin_user, editor):
    outdate(section.rials)
    url = f"/admin/rengo/translations/{section.rials_ja.pk}/mark-up-to-date/"
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(admin_user)
    assert strict.post(url).status_code == 403

    client = Client()
    client.force_login(editor)
    denied = client.post(url)
    # Wagtail's admin turns PermissionDenied into a redirect to the dashboard.
    assert (denied.status_code, denied["Location"]) == (302, "/admin/")
    assert cells(client.get(REPORT))[ja_title(section)]["state"] == "outdated"

    admin = Client()
    admin.force_login(admin_user)
    response = admin.post(url, {"next": "https://evil.example/"})
    assert response["Location"] == REPORT
    assert cells(admin.get(REPORT))[ja_title(section)]["state"] == "up_to_date"


@pytest.mark.django_db
def test_report_and_panel_hidden_from_users_without_page_permissions(section, django_user_model):
    user = django_user_model.objects.create_user("reader", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    client.force_login(user)
    assert client.get(REPORT).status_code in (302, 403)
    assert "rengo-translation-summary" not in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_dashboard_panel_counts_pages_needing_work(section, admin_client, locales):
    outdate(section.rials)
    document = BeautifulSoup(admin_client.get("/admin/").content, "html.parser")
    panel = document.select_one("#rengo-translation-summary-content") or document.select_one(
        "[id^=rengo-translation-summary]"
    )
    assert panel is not None
    row = [td.get_text(strip=True) for td in panel.find_parent("section").select("tbody td")]
    assert row == ["日本語", "1", "0", "1"]
    links = [a["href"] for a in panel.find_parent("section").select("tbody a")]
    assert links[0] == REPORT + "?language=ja&state=missing"


def report_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(REPORT)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_report_queries_do_not_grow_with_pages(
    section, locales, admin_client, django_assert_num_queries
):
    add_organizations_in_mixed_states(section, locales, 8)
    at_8 = report_queries(admin_client)
    add_organizations_more(section, locales)
    with django_assert_num_queries(at_8):
        response = admin_client.get(REPORT, {"p": 2})  # 51 rows: the second page
    assert len(cells(response)) == 1
    assert report_queries(admin_client) == at_8


def add_organizations_more(section, locales):
    """Up to 50 organizations in all."""
    for number in range(100, 142):
        page = section.index.add_child(
            instance=OrganizationPage(
                title=f"Organization {number}",
                slug=f"organization-{number}",
                category="research",
                summary="An organization.",
            )
        )
        publish(page)
        if number % 2:
            translate(page, locales.ja, title=f"団体 {number}")
    assert OrganizationPage.objects.filter(locale=locales.en).count() == 50


def submit_translation(client, page, locale):
    """Submit simple_translation's "Translate" view as the admin's form does."""
    url = reverse("simple_translation:submit_page_translation", args=[page.pk])
    assert client.get(url).status_code == 200
    return client.post(url, {"locales": [locale.pk]})


@simple_translation_only
@pytest.mark.django_db
@pytest.mark.parametrize("who", ["superuser", "plain editor"])
def test_editor_translates_an_organization_from_the_admin(
    section, locales, who, admin_user, editor
):
    client = Client()
    client.force_login(admin_user if who == "superuser" else editor)
    response = submit_translation(client, section.jcrp, locales.ja)

    japanese = OrganizationPage.objects.get(
        translation_key=section.jcrp.translation_key, locale=locales.ja
    )
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{japanese.pk}/edit/"
    assert japanese.get_parent().pk == section.index_ja.pk
    assert not japanese.live
    assert (japanese.category, japanese.founded_year) == ("retirees", 1991)
    assert cells(client.get(REPORT))["Japanese Confederation of Retired Persons"]["state"] == (
        "draft"
    )
    edit = client.get(response["Location"]).content.decode()
    assert 'name="category"' not in edit  # a shared fact: set on the English page


@simple_translation_only
@pytest.mark.django_db
@pytest.mark.parametrize("who", ["superuser", "plain editor"])
def test_editor_translates_the_index_from_the_admin(section, locales, who, admin_user, editor):
    # A second section, not yet translated, under the translated "About RENGO".
    from rengo_wagtail.models import OrganizationIndexPage

    index = section.about.add_child(
        instance=OrganizationIndexPage(title="Partners", slug="partners", intro="<p>Ours.</p>")
    )
    client = Client()
    client.force_login(admin_user if who == "superuser" else editor)
    response = submit_translation(client, index, locales.ja)

    japanese = OrganizationIndexPage.objects.get(
        translation_key=index.translation_key, locale=locales.ja
    )
    assert response["Location"] == f"/admin/pages/{japanese.pk}/edit/"
    assert japanese.get_parent().pk == section.about_ja.pk
    assert japanese.intro == "<p>Ours.</p>"
    assert client.get(response["Location"]).status_code == 200
