"""manage.py rengo_unload_organizations: removing what the installer created, and only that."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, PageLogEntry

from rengo_wagtail.models import InstalledContent, OrganizationIndexPage, OrganizationPage
from tests.helpers.content import db_state, installed, load
from tests.helpers.pages import publish

pytestmark = pytest.mark.localize


def unload(**options):
    out = StringIO()
    call_command("rengo_unload_organizations", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def loaded(about):
    load(parent=str(about.en.pk))
    return about


@pytest.mark.django_db
def test_yes_removes_every_installed_page_and_nothing_else(loaded):
    others = set(Page.objects.exclude(rengo_installed_content__isnull=False).values_list("pk"))
    output = unload(yes=True)
    assert not OrganizationIndexPage.objects.exists()
    assert not OrganizationPage.objects.exists()
    assert not InstalledContent.objects.exists()
    assert set(Page.objects.values_list("pk")) == others
    assert "Removed: 18; kept: 0." in output
    assert PageLogEntry.objects.filter(action="rengo_wagtail.unload").count() == 18


@pytest.mark.django_db
def test_a_later_load_installs_everything_again(loaded):
    unload(yes=True)
    output = load(parent=str(loaded.en.pk))
    assert "18 created" in output
    assert "deleted on the site" not in output


@pytest.mark.django_db
def test_without_a_terminal_and_without_yes_it_refuses(loaded):
    before = db_state()
    with pytest.raises(CommandError, match="--yes"):
        unload()
    assert db_state() == before


@pytest.mark.django_db
def test_the_interactive_confirmation(loaded, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    before = db_state()
    assert "Cancelled: nothing was changed." in unload()
    assert db_state() == before
    monkeypatch.setattr("builtins.input", lambda prompt: "yes")
    assert "Removed: 18" in unload()
    assert not OrganizationPage.objects.exists()


@pytest.mark.django_db
def test_dry_run_lists_and_changes_nothing(loaded):
    before = db_state()
    output = unload(dry_run=True)
    assert db_state() == before
    assert "Would remove: 18; would keep: 0." in output
    assert "Dry run: nothing was changed." in output
    assert output.count(" remove ") == 18


@pytest.mark.django_db
def test_an_editors_page_under_the_index_keeps_the_index(loaded):
    index = OrganizationIndexPage.objects.get(locale__language_code="en")
    extra = index.add_child(
        instance=OrganizationPage(
            title="Editors' organization", slug="extra", category="research", summary="New."
        )
    )
    publish(extra)
    output = unload(yes=True)
    assert OrganizationIndexPage.objects.filter(pk=index.pk).exists()
    assert list(OrganizationPage.objects.values_list("pk", flat=True)) == [extra.pk]
    assert not OrganizationIndexPage.objects.filter(locale__language_code="ja").exists()
    assert "kept" in output
    assert "Editors' organization" in output
    assert "Removed: 17; kept: 1." in output


@pytest.mark.django_db
def test_adopted_pages_stay(section):
    load(parent=str(section.about.pk), adopt=True)
    output = unload(yes=True)
    assert "did not create it" in output
    assert Page.objects.filter(pk=section.index.pk).exists()
    assert Page.objects.filter(pk=section.rials.pk).exists()
    assert Page.objects.filter(pk=section.jcrp.pk).exists()
    assert installed("en").count() == 2
    assert installed("ja").filter(pk=section.rials_ja.pk).exists()


@pytest.mark.django_db
def test_nothing_installed(about):
    assert "Nothing to remove" in unload(yes=True)
