"""wagtail-localize as the translation engine: its editor, our shared facts, state and installer.

These tests need the ``localize`` extra and ``tests.settings_localize``
(``python scripts/version_leg.py localize`` runs them); elsewhere they are skipped.
"""

import json
from io import StringIO
from xml.etree import ElementTree

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from rengo_wagtail.models import OrganizationIndexPage, OrganizationPage
from rengo_wagtail.search import search_pages
from rengo_wagtail.translation import state as translation_state
from tests.helpers.content import copy_content, edit
from tests.helpers.html import REPORT, cells
from tests.helpers.localize import (
    editor_props,
    localize_status,
    publish_translation,
    submit_translation,
    translate_strings,
)
from tests.helpers.pages import make_editor

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not apps.is_installed("wagtail_localize"),
        reason="wagtail-localize is not installed (tests.settings_localize installs it)",
    ),
    pytest.mark.localize,
]

JCRP_JA = {
    "title": "日本退職者連合",
    "short_name": "退職者連合",
    "summary": "1991年に結成された退職者の全国組織です。",
}


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """wagtail-localize publishes once the transaction commits: run those callbacks."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


def report_state(client, page):
    return cells(client.get(REPORT))[page.title]


def status_json(page):
    out = StringIO()
    call_command("rengo_translation_status", "--json", stdout=out)
    row = next(row for row in json.loads(out.getvalue()) if row["id"] == page.pk)
    return row["translations"]["ja"]["state"]


def test_shared_facts_are_synchronized_fields_translators_cannot_override():
    from wagtail_localize.fields import (
        SynchronizedField,
        TranslatableField,
        get_translatable_fields,
    )

    expected = {
        OrganizationPage: (
            (*OrganizationPage.shared_fields, "slug", "content_key"),
            # The logo is shared, its description (alt text) translated.
            (
                "title",
                "short_name",
                "summary",
                "body",
                "logo_alt",
                "seo_title",
                "search_description",
            ),
        ),
        OrganizationIndexPage: (("slug",), ("title", "intro", "seo_title", "search_description")),
    }
    for model, (synchronized, translated) in expected.items():
        fields = {field.field_name: field for field in get_translatable_fields(model)}
        for name in synchronized:
            assert isinstance(fields[name], SynchronizedField), (model, name)
            assert not fields[name].overridable, (model, name)
        for name in translated:
            assert isinstance(fields[name], TranslatableField), (model, name)


def test_editor_translates_an_organization_with_wagtail_localize(
    section, locales, admin_client, on_commit, settings
):
    japanese = submit_translation(admin_client, on_commit, section.jcrp, locales.ja)
    # wagtail-localize publishes a live source's translation at once, in English
    # until translated: its status and ours both say there is work left.
    assert japanese.live and japanese.title == section.jcrp.title
    assert localize_status(japanese) == "Waiting for translations"
    cell = report_state(admin_client, section.jcrp)
    assert cell["state"] == "outdated"
    assert cell["forms"] == []  # no "Mark up to date" while strings are untranslated
    assert status_json(section.jcrp) == "outdated"

    props = editor_props(admin_client, japanese)
    paths = {segment["contentPath"] for segment in props["segments"]}
    assert {"title", "short_name", "summary"} <= paths
    # The shared facts, slug and content key are not offered for translation or override.
    assert not paths & {*OrganizationPage.shared_fields, "slug", "content_key"}

    translate_strings(admin_client, japanese, JCRP_JA)
    japanese = publish_translation(admin_client, on_commit, japanese)
    assert japanese.title == JCRP_JA["title"]
    assert (japanese.category, japanese.founded_year, japanese.website) == (
        section.jcrp.category,
        section.jcrp.founded_year,
        section.jcrp.website,
    )
    assert localize_status(japanese) == "Up to date"
    assert report_state(admin_client, section.jcrp)["state"] == "up_to_date"
    assert status_json(section.jcrp) == "up_to_date"

    # Our templates, search, API and sitemap show the translation.
    assert japanese.pk in [page.pk for page in search_pages("退職者", "ja")]
    index = admin_client.get(section.index_ja.url).content.decode()
    assert JCRP_JA["title"] in index
    page = admin_client.get(japanese.url).content.decode()
    assert JCRP_JA["summary"] in page and 'hreflang="en"' in page
    sitemap = ElementTree.fromstring(admin_client.get("/sitemap.xml").content)
    locations = [element.text for element in sitemap.iter() if element.tag.endswith("loc")]
    assert japanese.full_url in locations
    settings.ROOT_URLCONF = "tests.urls_api"
    api = admin_client.get(f"/api/v2/pages/{japanese.pk}/").json()
    assert (api["title"], api["summary"]) == (JCRP_JA["title"], JCRP_JA["summary"])
    assert api["category"]["code"] == section.jcrp.category
    found = admin_client.get("/api/v2/pages/", {"search": "退職", "locale": "ja"}).json()
    assert [item["id"] for item in found["items"]] == [japanese.pk]


def test_editor_translates_the_index_with_wagtail_localize(
    section, locales, admin_client, on_commit
):
    # A second section, not yet translated, under the translated "About RENGO".
    index = section.about.add_child(
        instance=OrganizationIndexPage(
            title="Partners", slug="partners", intro="<p>Organizations we <b>work</b> with.</p>"
        )
    )
    index.save_revision().publish()
    japanese = submit_translation(admin_client, on_commit, index, locales.ja)
    assert japanese.get_parent().pk == section.about_ja.pk
    assert report_state(admin_client, index)["state"] == "outdated"

    translate_strings(
        admin_client,
        japanese,
        {"title": "パートナー", "intro": "連携する<b>団体</b>です。"},
    )
    url = reverse("wagtailadmin_pages:edit", args=[japanese.pk])
    assert on_commit(admin_client.post, url, {"action": "publish"}).status_code == 302
    japanese = OrganizationIndexPage.objects.get(pk=japanese.pk)
    assert (japanese.title, japanese.intro) == ("パートナー", "<p>連携する<b>団体</b>です。</p>")
    assert localize_status(japanese) == "Up to date"
    assert report_state(admin_client, index)["state"] == "up_to_date"
    page = admin_client.get(japanese.url).content.decode()
    assert "連携する<b>団体</b>です。" in page


@pytest.fixture
def localized(section, locales, admin_client, on_commit):
    """JCRP translated into Japanese with wagtail-localize, every string translated, live."""
    japanese = submit_translation(admin_client, on_commit, section.jcrp, locales.ja)
    translate_strings(admin_client, japanese, JCRP_JA)
    return publish_translation(admin_client, on_commit, japanese)


def publish_source(page, **fields):
    page = OrganizationPage.objects.get(pk=page.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def test_source_publish_gives_translation_its_facts_not_its_text(
    section, localized, admin_client, on_commit
):
    from wagtail_localize.models import StringTranslation

    strings = sorted(StringTranslation.objects.values_list("pk", "data"))
    publish_source(section.jcrp, website="https://new.example.org/", category="welfare")
    japanese = OrganizationPage.objects.get(pk=localized.pk)
    assert (japanese.website, japanese.category) == ("https://new.example.org/", "welfare")
    assert japanese.title == JCRP_JA["title"]  # translated text not re-rendered
    assert sorted(StringTranslation.objects.values_list("pk", "data")) == strings
    # Facts are not the translator's work: still up to date, for both apps.
    assert localize_status(japanese) == "Up to date"
    assert report_state(admin_client, section.jcrp)["state"] == "up_to_date"

    # wagtail-localize's source still holds the old facts; publishing from its
    # editor copies them, and the live translation takes the source's at once.
    japanese = publish_translation(admin_client, on_commit, japanese)
    assert (japanese.website, japanese.category) == ("https://new.example.org/", "welfare")
    assert japanese.title == JCRP_JA["title"]
    assert "https://new.example.org/" in admin_client.get(japanese.url).content.decode()


def test_source_text_change_is_outdated_until_synced_and_translated(
    section, localized, admin_client, on_commit
):
    source = publish_source(section.jcrp, summary="Founded in 1991, for retired workers.")
    cell = report_state(admin_client, source)
    assert cell["state"] == "outdated"
    # Nothing new has reached wagtail-localize yet: the report offers to sync.
    sync = cell["links"]["Sync translated pages"]
    assert admin_client.get(sync).status_code == 200
    on_commit(admin_client.post, sync, {})
    japanese = OrganizationPage.objects.get(pk=localized.pk)
    assert localize_status(japanese) == "Waiting for translations"
    assert report_state(admin_client, source)["state"] == "outdated"

    translate_strings(admin_client, japanese, {"summary": "1991年結成、退職者の全国組織です。"})
    japanese = publish_translation(admin_client, on_commit, japanese)
    assert japanese.summary == "1991年結成、退職者の全国組織です。"
    assert localize_status(japanese) == "Up to date"
    assert report_state(admin_client, source)["state"] == "up_to_date"
    assert status_json(source) == "up_to_date"


@pytest.mark.parametrize("who", ["superuser", "plain editor"])
def test_installed_translations_open_in_wagtail_localize_editor(
    locales, who, admin_user, on_commit
):
    from wagtail.models import Page
    from wagtail_localize.models import Translation

    call_command("rengo_load_organizations", stdout=StringIO())
    japanese = [
        *OrganizationIndexPage.objects.filter(locale=locales.ja),
        *OrganizationPage.objects.filter(locale=locales.ja),
    ]
    assert len(japanese) == 9
    for page in japanese:
        translation = Translation.objects.get(
            source__object_id=page.translation_key, target_locale=locales.ja, enabled=True
        )
        assert translation.source.locale == locales.en
        total, translated = translation.get_progress()
        assert total == translated > 0, page.title

    if who == "superuser":
        user = admin_user
    else:
        user = make_editor(
            "translator",
            page_permissions=[
                (Page.get_first_root_node(), ["add_page", "change_page", "publish_page"])
            ],
        )
    client = Client()
    client.force_login(user)
    assert {cell["state"] for cell in cells(client.get(REPORT)).values()} == {"up_to_date"}

    rials = OrganizationPage.objects.get(locale=locales.ja, content_key="rengo-rials")
    props = editor_props(client, rials)
    shown = {item["segment_id"]: item["data"] for item in props["initialStringTranslations"]}
    by_path = {segment["contentPath"]: segment["id"] for segment in props["segments"]}
    assert shown[by_path["title"]] == rials.title
    assert shown[by_path["summary"]] == rials.summary

    translate_strings(client, rials, {"short_name": "連合総研・RIALS"})
    rials = publish_translation(client, on_commit, rials)
    assert rials.short_name == "連合総研・RIALS"
    assert rials.summary == shown[by_path["summary"]]
    assert "連合総研・RIALS" in client.get(rials.url).content.decode()


def test_state_takes_one_query_more_with_wagtail_localize(locales, django_assert_num_queries):
    call_command("rengo_load_organizations", stdout=StringIO())
    # The same three queries as without wagtail-localize, and one for its state.
    with django_assert_num_queries(4):
        rows = translation_state.compute()
    assert len(rows) == 9
    assert {row.translations["ja"].state for row in rows} == {"up_to_date"}
    assert all(row.translations["ja"].localize_source_id for row in rows)


def test_installer_update_brings_wagtail_localize_strings_up_to_date(tmp_path, locales):
    from wagtail_localize.models import StringTranslation, Translation

    source = copy_content(tmp_path / "content")
    call_command("rengo_load_organizations", source=str(source), stdout=StringIO())
    edit(source, "en.json", lambda d: d["organizations"]["ilec"].update(summary="New summary."))
    edit(source, "ja.json", lambda d: d["organizations"]["ilec"].update(summary="新しい紹介文。"))
    call_command("rengo_load_organizations", source=str(source), update=True, stdout=StringIO())

    japanese = OrganizationPage.objects.get(locale=locales.ja, content_key="ilec")
    translation = Translation.objects.get(
        source__object_id=japanese.translation_key, target_locale=locales.ja
    )
    assert "New summary." in translation.source.content_json
    total, translated = translation.get_progress()
    assert total == translated
    summary = StringTranslation.objects.get(
        locale=locales.ja,
        context__object_id=japanese.translation_key,
        context__path="summary",
        translation_of__data="New summary.",
    )
    assert summary.data == japanese.summary == "新しい紹介文。"
    assert {row.translations["ja"].state for row in translation_state.compute()} == {"up_to_date"}
