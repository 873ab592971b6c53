"""rengo_load_organizations on a site that already has the content: dry runs, updates,
conflicts with editors' changes, deleted and removed organizations, adopting an index."""

import pytest
from django.core.management import CommandError
from wagtail.models import PageLogEntry

from rengo_wagtail.models import InstalledContent, OrganizationIndexPage, OrganizationPage
from tests.helpers.content import copy_content, db_state, edit, installed, load

pytestmark = pytest.mark.localize


@pytest.fixture
def site(about, tmp_path):
    """The content installed (English and Japanese) from a copy of the files we may edit."""
    source = copy_content(tmp_path / "content")
    load(parent=str(about.en.pk), source=str(source))
    return about, source


def run(site, **options):
    page, source = site
    return load(parent=str(page.en.pk), source=str(source), **options)


def change_summary(source, key, summary, language="ja"):
    edit(source, f"{language}.json", lambda d: d["organizations"][key].update(summary=summary))


def editor_edits(key, language="ja", **fields):
    page = installed(language).get(content_key=key)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()


@pytest.mark.django_db
def test_dry_run_on_a_fresh_site_reports_and_changes_nothing(about):
    before = db_state()
    output = load(parent=str(about.en.pk), dry_run=True)
    assert db_state() == before
    assert "Dry run: nothing is written" in output
    assert "18 created" in output
    assert "Dry run: nothing was changed" in output


@pytest.mark.django_db
def test_dry_run_reports_differences_conflicts_and_deletions(site):
    change_summary(site[1], "ilec", "新しい紹介文です。")
    change_summary(site[1], "jilaf", "新しい紹介文です。")
    editor_edits("jilaf", summary="編集者の紹介文です。")
    installed("en").get(content_key="jcrp").delete()
    before = db_state()
    output = run(site, dry_run=True, update=True)
    assert db_state() == before
    assert "1 updated" in output
    assert "conflicts with editors' changes: 1" in output
    assert "was deleted on the site" in output
    assert "--recreate jcrp" in output


@pytest.mark.django_db
def test_without_update_pages_that_differ_are_left_and_reported(site):
    change_summary(site[1], "ilec", "新しい紹介文です。")
    before = db_state()
    output = run(site)
    assert db_state() == before
    assert "differs from the content files in: summary" in output
    assert "Run with --update" in output
    assert "Differing from the content (left as they are): 1" in output
    assert "Nothing to change" not in output


@pytest.mark.django_db
def test_update_brings_untouched_pages_up_to_date(site):
    change_summary(site[1], "ilec", "新しい紹介文です。")
    output = run(site, update=True)
    assert "1 updated, 17 unchanged" in output
    ilec = installed("ja").get(content_key="ilec")
    assert ilec.summary == "新しい紹介文です。"
    assert PageLogEntry.objects.filter(page=ilec, action="rengo_wagtail.install").count() == 2
    assert "Nothing to change" in run(site, update=True)


@pytest.mark.django_db
def test_an_editors_change_is_a_conflict_naming_the_fields_unless_forced(site):
    change_summary(site[1], "jilaf", "新しい紹介文です。")
    editor_edits("jilaf", summary="編集者の紹介文です。", short_name="JILAF!")
    before = db_state()
    output = run(site, update=True)
    assert db_state() == before
    assert "conflict" in output
    assert "was edited on the site after it was installed" in output
    assert "short_name, summary" in output
    assert "--force" in output
    assert installed("ja").get(content_key="jilaf").summary == "編集者の紹介文です。"

    output = run(site, update=True, force=True)
    jilaf = installed("ja").get(content_key="jilaf")
    assert jilaf.summary == "新しい紹介文です。"
    assert jilaf.short_name != "JILAF!"
    # The editor's version stays in the history.
    assert jilaf.revisions.count() == 3


@pytest.mark.django_db
def test_shared_field_synchronisation_is_not_an_editors_change(site):
    """The app's own revisions (installer, shared-field sync) never make a conflict."""
    from rengo_wagtail.translation import sync as translation_sync

    english = installed("en").get(content_key="rokin")
    japanese = installed("ja").get(content_key="rokin")
    revision = japanese.save_revision()
    PageLogEntry.objects.log_action(
        japanese,
        translation_sync.LOG_ACTION,
        revision=revision,
        content_changed=True,
        data={"source": {"id": english.pk, "title": english.title}, "language": "en"},
    )
    change_summary(site[1], "rokin", "新しい紹介文です。")
    output = run(site, update=True)
    assert "conflict" not in output
    assert installed("ja").get(content_key="rokin").summary == "新しい紹介文です。"


@pytest.mark.django_db
def test_a_deleted_organization_is_not_recreated_unless_named(site):
    installed("en").get(content_key="jcrp").delete()
    before = db_state()
    output = run(site)
    assert db_state() == before
    assert "the organization “jcrp” was deleted on the site" in output
    assert not installed("en").filter(content_key="jcrp").exists()
    output = run(site, recreate=["jcrp"])
    assert "1 created" in output
    english = installed("en").get(content_key="jcrp")
    assert english.translation_key == installed("ja").get(content_key="jcrp").translation_key


@pytest.mark.django_db
def test_recreate_names_an_organization_of_the_content(site):
    with pytest.raises(CommandError, match="--recreate nope: the content has no organization"):
        run(site, recreate=["nope"])


@pytest.mark.django_db
def test_an_organization_removed_from_the_files_is_reported_not_deleted(site):
    def remove(data):
        data["organizations"] = [o for o in data["organizations"] if o["key"] != "rokin"]

    edit(site[1], "organizations.json", remove)
    for language in ("en", "ja"):
        edit(site[1], f"{language}.json", lambda d: d["organizations"].pop("rokin"))
    output = run(site)
    assert "organization “rokin”, is no longer in the content files" in output
    assert installed("en").filter(content_key="rokin").exists()
    assert installed("ja").filter(content_key="rokin").exists()


@pytest.mark.django_db
def test_a_hand_built_index_stops_the_command_and_names_adopt(section):
    before = db_state()
    with pytest.raises(CommandError, match="--adopt"):
        load(parent=str(section.about.pk))
    assert db_state() == before


@pytest.mark.django_db
def test_adopt_takes_over_a_hand_built_index_keeping_ids_and_urls(section):
    index_url, index_ja_url = section.index.url, section.index_ja.url
    rials_revisions = section.rials.revisions.count()
    output = load(parent=str(section.about.pk), adopt=True)
    assert "adopted" in output
    index = OrganizationIndexPage.objects.get(locale__language_code="en")
    assert index.pk == section.index.pk
    assert index.url == index_url
    index_ja = OrganizationIndexPage.objects.get(locale__language_code="ja")
    assert (index_ja.pk, index_ja.url) == (section.index_ja.pk, index_ja_url)
    assert installed("en").count() == installed("ja").count() == 8
    rials = installed("en").get(content_key="rengo-rials")
    assert rials.pk == section.rials.pk
    assert rials.revisions.count() == rials_revisions  # its own content is left alone
    assert installed("ja").get(slug="rengo-rials").pk == section.rials_ja.pk
    assert InstalledContent.objects.filter(page=index).exists()
    # A later run needs no --adopt.
    load(parent=str(section.about.pk))
    # Its hand-written content is an editor's: replacing it takes --update --force.
    output = load(parent=str(section.about.pk), update=True)
    assert "conflict" in output
    load(parent=str(section.about.pk), update=True, force=True)
    rials = OrganizationPage.objects.get(pk=section.rials.pk)
    assert rials.summary != "The RENGO think-tank."
