"""Translation states: missing, draft only, outdated, up to date."""

import importlib

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rengo_wagtail.models import OrganizationPage, TranslationFingerprint
from rengo_wagtail.translation import localize
from rengo_wagtail.translation import state as translation_state
from rengo_wagtail.translation.state import State
from tests.helpers.organizations import add_organizations_in_mixed_states

pytestmark = pytest.mark.localize


def states(language="ja"):
    return {
        row.source.slug: row.translations[language].state for row in translation_state.compute()
    }


def fresh(page):
    return OrganizationPage.objects.get(pk=page.pk)


@pytest.mark.django_db
def test_section_states(section):
    assert states() == {
        "related-organizations": State.UP_TO_DATE,
        "rengo-rials": State.UP_TO_DATE,
        "jcrp": State.MISSING,
    }


@pytest.mark.django_db
def test_published_text_change_of_source_makes_translation_outdated(section):
    source = fresh(section.rials)
    source.summary = "The RENGO think-tank, since 1987."
    source.save_revision().publish()
    assert states()["rengo-rials"] == State.OUTDATED
    row = next(row for row in translation_state.compute() if row.source.slug == "rengo-rials")
    assert row.translations["ja"].source_revision_id != fresh(section.rials).live_revision_id


@pytest.mark.django_db
def test_source_drafts_and_fact_changes_keep_translation_up_to_date(section):
    source = fresh(section.rials)
    source.summary = "A draft nobody published."
    source.save_revision()
    assert states()["rengo-rials"] == State.UP_TO_DATE

    source = fresh(section.rials)
    source.website = "https://example.org/"
    source.save_revision().publish()
    assert states()["rengo-rials"] == State.UP_TO_DATE


@pytest.mark.django_db
def test_translation_drafts_do_not_count_publishing_does(section):
    source = fresh(section.rials)
    source.title = "RENGO-RIALS, renamed"
    source.save_revision().publish()
    ja = fresh(section.rials_ja)
    ja.summary = "下書き。"
    ja.save_revision()
    assert states()["rengo-rials"] == State.OUTDATED

    ja.save_revision().publish()
    assert states()["rengo-rials"] == State.UP_TO_DATE


@pytest.mark.django_db
def test_unpublished_translation_is_draft_only(section, locales):
    section.jcrp.copy_for_translation(locales.ja)
    assert states()["jcrp"] == State.DRAFT


@pytest.mark.django_db
def test_installed_content_is_up_to_date_and_backfilled(locales):
    call_command("rengo_load_organizations", stdout=None)
    assert set(states().values()) == {State.UP_TO_DATE}
    assert TranslationFingerprint.objects.count() == 9

    # Pages installed before translation states existed: the migration records them.
    TranslationFingerprint.objects.all().delete()
    assert set(states().values()) == {State.OUTDATED}
    migration = importlib.import_module(
        "rengo_wagtail.migrations.0004_backfill_translation_fingerprints"
    )
    migration.backfill(apps, None)
    # As upgrading runs them: 0004 records the fields of its day, 0006 adds logo_alt.
    importlib.import_module(
        "rengo_wagtail.migrations.0006_organizationpage_logo_alt"
    ).bring_forward(apps, None)
    assert set(states().values()) == {State.UP_TO_DATE}


@pytest.mark.django_db
def test_installer_rerun_keeps_editors_translation_state(locales):
    call_command("rengo_load_organizations", stdout=None)
    source = OrganizationPage.objects.get(locale=locales.en, content_key="jilaf")
    source.summary = "Edited on the site."
    source.save_revision().publish()
    assert states()["jilaf"] == State.OUTDATED

    call_command("rengo_load_organizations", stdout=None)
    assert states()["jilaf"] == State.OUTDATED


def count_queries(function):
    with CaptureQueriesContext(connection) as queries:
        function()
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("organizations", [8, 50])
def test_state_queries_do_not_grow_with_pages(
    section, locales, organizations, django_assert_num_queries
):
    add_organizations_in_mixed_states(section, locales, organizations)
    # wagtail-localize's own state, where it is installed, is one query more.
    expected = 3 + localize.is_active()
    with django_assert_num_queries(expected):
        rows = translation_state.compute()
    assert len(rows) == organizations + 1
    assert count_queries(translation_state.compute) == expected


@pytest.mark.django_db
def test_alias_counts_as_missing_and_follows_its_original(section, locales):
    alias = section.jcrp.create_alias(parent=section.index_ja, update_locale=locales.ja)
    source = fresh(section.jcrp)
    source.website = "https://new.example/"
    source.summary = "Changed."
    source.save_revision().publish()
    assert fresh(alias).website == "https://new.example/"
    assert states()["jcrp"] == State.MISSING
