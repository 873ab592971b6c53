"""manage.py rengo_load_organizations: installing the content into real sites."""

import pytest
from django.core.management import CommandError
from django.test import override_settings
from django.utils.html import escape
from wagtail.log_actions import registry as log_registry
from wagtail.models import Locale, Page, PageLogEntry, Site

from rengo_wagtail.models import InstalledContent, OrganizationIndexPage, OrganizationPage
from tests.helpers.content import (
    BAD_BYTES,
    BAD_EDITS,
    KEYS,
    copy_content,
    db_state,
    edit,
    installed,
    load,
)
from tests.helpers.pages import publish

pytestmark = pytest.mark.localize


@pytest.mark.django_db
def test_fresh_site_gets_eighteen_linked_live_pages(client):
    output = load()
    indexes = OrganizationIndexPage.objects.live()
    assert indexes.count() == 2
    assert OrganizationPage.objects.live().count() == 16
    en, ja = installed("en"), installed("ja")
    assert [page.content_key for page in en] == KEYS
    assert [page.content_key for page in ja] == KEYS
    for english, japanese in zip(en, ja, strict=True):
        assert english.translation_key == japanese.translation_key
        assert english.slug == japanese.slug == english.content_key
        assert (english.legal_form, english.founded_iso) == (
            japanese.legal_form,
            japanese.founded_iso,
        )
    index_en, index_ja = indexes.order_by("locale__language_code")
    assert index_en.translation_key == index_ja.translation_key
    assert "18 created, 0 updated, 0 unchanged, 0 skipped; warnings: 0." in output

    response = client.get("/en/related-organizations/")
    assert response.status_code == 200
    assert "Japan International Labour Foundation" in response.content.decode()
    response = client.get("/ja/related-organizations/")
    assert response.status_code == 200
    assert "国際労働財団" in response.content.decode()
    for page in (*en, *ja):
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert escape(page.summary) in response.content.decode()
    assert ja[0].url == "/ja/related-organizations/rengo-rials/"


@pytest.mark.django_db
def test_missing_locale_is_created_when_the_settings_allow_it():
    assert not Locale.objects.filter(language_code="ja").exists()
    output = load(verbosity=1)
    assert Locale.objects.filter(language_code="ja").exists()
    assert "Created the locale ja." in output


@pytest.mark.django_db
@override_settings(LANGUAGES=[("en", "English")], WAGTAIL_CONTENT_LANGUAGES=[("en", "English")])
def test_a_language_the_site_does_not_allow_is_refused_with_the_setting_to_change():
    before = db_state()
    with pytest.raises(CommandError) as caught:
        load()
    assert "WAGTAIL_CONTENT_LANGUAGES" in str(caught.value)
    assert "ja.json" in str(caught.value)
    assert db_state() == before
    load(language=["en"])
    assert installed("en").count() == 8


@pytest.mark.django_db
def test_every_page_has_a_revision_and_an_installer_history_entry():
    load()
    entries = PageLogEntry.objects.filter(action="rengo_wagtail.install")
    assert entries.count() == 18
    assert InstalledContent.objects.count() == 18
    for page in Page.objects.type(OrganizationIndexPage, OrganizationPage):
        assert page.revisions.count() == 1
        entry = entries.get(page=page)
        assert entry.revision_id == page.latest_revision_id
        assert "installer" in entry.message
    assert log_registry.action_exists("rengo_wagtail.install")
    assert str(log_registry.get_action_label("rengo_wagtail.install"))
    index = OrganizationIndexPage.objects.get(locale__language_code="ja")
    assert index.rengo_installed_content.content_key == ""


@pytest.mark.django_db
def test_a_second_run_changes_nothing_and_says_so(about):
    load(parent=str(about.en.pk))
    before = db_state()
    output = load(parent=str(about.en.pk))
    assert db_state() == before
    assert "Nothing to change" in output
    assert "0 created, 0 updated, 18 unchanged, 0 skipped; warnings: 0." in output


@pytest.mark.django_db
def test_installs_under_the_parent_and_its_translation(about, client):
    output = load(parent=str(about.en.pk))
    index_en = OrganizationIndexPage.objects.get(locale__language_code="en")
    index_ja = OrganizationIndexPage.objects.get(locale__language_code="ja")
    assert index_en.get_parent().pk == about.en.pk
    assert index_ja.get_parent().pk == about.ja.pk
    assert "alias" not in output
    response = client.get("/ja/about-rengo/related-organizations/jcrp/")
    assert response.status_code == 200
    assert "日本退職者連合" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "parent", ["/en/about-rengo/", "/ja/about-rengo/", "http://localhost/en/about-rengo/"]
)
def test_parent_by_path_or_url(about, parent):
    load(parent=parent)
    index = OrganizationIndexPage.objects.get(locale__language_code="en")
    assert index.get_parent().pk == about.en.pk


@pytest.mark.django_db
def test_missing_parent_translations_become_aliases_listed_to_translate(locales, client):
    home = Site.objects.get(is_default_site=True).root_page
    about = home.add_child(instance=Page(title="About RENGO", slug="about-rengo"))
    publish(about)
    output = load(parent=str(about.pk))
    about_ja = about.get_translation(locales.ja)
    home_ja = home.get_translation(locales.ja)
    assert about_ja.alias_of_id == about.pk
    assert home_ja.alias_of_id == home.pk
    assert "translate them in the admin" in output
    assert "About RENGO" in output.split("translate them in the admin")[1]
    index_ja = OrganizationIndexPage.objects.get(locale=locales.ja)
    assert index_ja.get_parent().pk == about_ja.pk
    response = client.get("/ja/about-rengo/related-organizations/")
    assert response.status_code == 200
    assert "関連団体" in response.content.decode()


@pytest.mark.django_db
@override_settings(RENGO_WAGTAIL_SOURCE_LANGUAGE="ja")
def test_source_language_japanese(about):
    output = load(parent=str(about.en.pk))
    lines = [line for line in output.splitlines() if "created" in line]
    assert " ja " in lines[0], "source-language pages first"
    index_ja = OrganizationIndexPage.objects.get(locale__language_code="ja")
    index_en = OrganizationIndexPage.objects.get(locale__language_code="en")
    assert index_ja.get_parent().pk == about.ja.pk
    assert index_en.get_parent().pk == about.en.pk
    for japanese, english in zip(installed("ja"), installed("en"), strict=True):
        assert japanese.translation_key == english.translation_key
    before = db_state()
    assert "Nothing to change" in load(parent=str(about.ja.pk))
    assert db_state() == before


@pytest.mark.django_db
@override_settings(LANGUAGE_CODE="ja")
def test_site_language_japanese_on_a_fresh_site(locales):
    load()
    assert installed("ja").count() == installed("en").count() == 8
    first = [*installed("ja"), *installed("en")]
    assert len({page.translation_key for page in first}) == 8


@pytest.mark.django_db
def test_existing_pages_other_locales_and_content_are_left_alone(about):
    news = about.en.add_child(instance=Page(title="News", slug="news"))
    publish(news)
    Locale.objects.create(language_code="fr")
    before = set(Page.objects.values_list("pk", "title", "latest_revision_id"))
    load(parent=str(about.en.pk))
    after = set(Page.objects.values_list("pk", "title", "latest_revision_id"))
    assert before <= after
    assert len(after - before) == 18
    assert [page.slug for page in about.en.get_children()] == ["news", "related-organizations"]
    assert not Page.objects.filter(locale__language_code="fr").exists()


@pytest.mark.django_db
def test_stops_at_an_index_slug_it_did_not_create(section):
    before = db_state()
    with pytest.raises(CommandError) as caught:
        load(parent=str(section.about.pk))
    message = str(caught.value)
    assert "Related Organizations" in message
    assert "related-organizations" in message
    assert "did not create" in message
    assert db_state() == before


@pytest.mark.django_db
def test_draft_saves_drafts_and_a_later_run_publishes_them(about):
    load(parent=str(about.en.pk), draft=True)
    pages = Page.objects.type(OrganizationIndexPage, OrganizationPage)
    assert pages.count() == 18
    assert not pages.live().exists()
    assert all(page.latest_revision_id for page in pages)
    entry = PageLogEntry.objects.filter(action="rengo_wagtail.install").first()
    assert "draft" in entry.message
    output = load(parent=str(about.en.pk))
    assert "18 updated" in output
    assert pages.live().count() == 18


@pytest.mark.django_db
def test_language_option_limits_the_languages(about):
    load(parent=str(about.en.pk), language=["ja"])
    assert installed("ja").count() == 8
    assert not installed("en").exists()
    load(parent=str(about.en.pk))
    for japanese, english in zip(installed("ja"), installed("en"), strict=True):
        assert japanese.translation_key == english.translation_key


@pytest.mark.django_db
def test_a_language_without_some_organizations_is_installed_with_a_warning(about, tmp_path):
    source = copy_content(tmp_path / "content")
    edit(
        source,
        "ja.json",
        lambda data: [data["organizations"].pop(key) for key in ("jcrp", "rokin")],
    )
    output = load(parent=str(about.en.pk), source=str(source))
    assert installed("ja").count() == 6
    assert installed("en").count() == 8
    assert "ja.json has no text for: jcrp, rokin" in output
    assert "warnings: 1" in output


@pytest.mark.django_db
def test_changed_content_updates_untouched_pages_only(about, tmp_path):
    source = copy_content(tmp_path / "content")
    load(parent=str(about.en.pk), source=str(source))
    edited = installed("ja").get(content_key="jilaf")
    edited.summary = "編集者が書き換えた紹介文です。"
    edited.save_revision().publish()

    def change(data):
        data["organizations"]["jilaf"]["summary"] = "新しい紹介文です。"
        data["organizations"]["ilec"]["summary"] = "新しい紹介文です。"

    edit(source, "ja.json", change)
    output = load(parent=str(about.en.pk), source=str(source), update=True)
    assert "1 updated, 16 unchanged, 0 skipped; warnings: 1" in output
    assert "conflicts with editors' changes: 1" in output
    assert "was edited on the site after it was installed" in output
    assert installed("ja").get(content_key="ilec").summary == "新しい紹介文です。"
    assert installed("ja").get(content_key="jilaf").summary == "編集者が書き換えた紹介文です。"
    ilec = installed("ja").get(content_key="ilec")
    assert ilec.revisions.count() == 2
    assert PageLogEntry.objects.filter(page=ilec, action="rengo_wagtail.install").count() == 2


@pytest.mark.django_db
def test_a_page_an_editor_brought_back_to_the_content_is_managed_again(about, tmp_path):
    source = copy_content(tmp_path / "content")
    load(parent=str(about.en.pk), source=str(source), language=["en"])
    jcrp = installed("en").get(content_key="jcrp")
    jcrp.summary = "Edited."
    jcrp.save_revision().publish()
    edit(source, "en.json", lambda data: data["organizations"]["jcrp"].update(summary="Edited."))
    assert "9 unchanged" in load(parent=str(about.en.pk), source=str(source), language=["en"])
    edit(source, "en.json", lambda data: data["organizations"]["jcrp"].update(summary="New."))
    output = load(parent=str(about.en.pk), source=str(source), language=["en"], update=True)
    assert "1 updated" in output
    assert installed("en").get(content_key="jcrp").summary == "New."


@pytest.mark.django_db
def test_an_editors_page_at_an_organization_slug_is_skipped(about):
    load(parent=str(about.en.pk), language=["en"])
    jcrp = installed("en").get(content_key="jcrp")
    jcrp.content_key = ""
    jcrp.save_revision().publish()
    output = load(parent=str(about.en.pk), language=["en"])
    assert "already uses the slug “jcrp”" in output
    assert "1 skipped" in output


@pytest.mark.django_db
def test_stops_at_a_content_key_used_elsewhere_in_the_language(section):
    before = db_state()
    with pytest.raises(CommandError) as caught:
        load()  # under the site root, while About RENGO's section has rengo-rials
    message = str(caught.value)
    assert "“rengo-rials”" in message
    assert "RENGO Research Institute" in message
    assert "Clear its content key" in message
    assert db_state() == before


# Bad input: one message, a non-zero exit, the database exactly as before.
@pytest.fixture
def installed_en(about):
    load(parent=str(about.en.pk), language=["en"])
    return about


@pytest.mark.django_db
@pytest.mark.parametrize("case", BAD_EDITS, ids=list(BAD_EDITS))
def test_bad_content_changes_nothing(installed_en, tmp_path, case):
    source = copy_content(tmp_path / "content")
    (name, change), expected = BAD_EDITS[case]
    edit(source, name, change)
    before = db_state()
    with pytest.raises(CommandError) as caught:
        load(parent=str(installed_en.en.pk), source=str(source))
    for fragment in expected:
        assert fragment in str(caught.value)
    assert db_state() == before


@pytest.mark.django_db
@pytest.mark.parametrize("case", BAD_BYTES, ids=list(BAD_BYTES))
def test_unreadable_file_changes_nothing(installed_en, tmp_path, case):
    source = copy_content(tmp_path / "content")
    raw, expected = BAD_BYTES[case]
    (source / "ja.json").write_bytes(raw)
    before = db_state()
    with pytest.raises(CommandError) as caught:
        load(parent=str(installed_en.en.pk), source=str(source))
    for fragment in expected:
        assert fragment in str(caught.value)
    assert db_state() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"parent": "9999"}, "No page matches --parent “9999”"),
        ({"parent": "/en/no-such-page/"}, "a path such as /en/about-rengo/"),
        ({"language": ["fr"]}, "--language fr: the content has no fr.json"),
        ({"source": "/nonexistent/content"}, "does not exist"),
    ],
)
def test_bad_options_change_nothing(about, options, expected):
    before = db_state()
    with pytest.raises(CommandError) as caught:
        load(**options)
    assert expected in str(caught.value)
    assert db_state() == before
