"""manage.py rengo_translation_status: the table, --json and --fail-on."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from rengo_wagtail.models import OrganizationPage
from tests.helpers.pages import translate

pytestmark = pytest.mark.localize


def status(*args):
    out = StringIO()
    call_command("rengo_translation_status", *args, stdout=out)
    return out.getvalue()


def outdate(page):
    page = OrganizationPage.objects.get(pk=page.pk)
    page.summary = "A new English summary."
    page.save_revision().publish()


@pytest.mark.django_db
def test_table_lists_every_source_page_with_its_states(section):
    lines = status().splitlines()
    assert lines[0].split() == ["Page", "Type", "Source", "last", "published", "ja"]
    assert lines[1].startswith("Related Organizations")
    assert lines[1].endswith("Up to date")
    assert lines[2].startswith("RENGO Research Institute")
    assert lines[3].startswith("Japanese Confederation of Retired Persons")
    assert lines[3].endswith("Missing")


@pytest.mark.django_db
def test_json_is_machine_readable(section):
    outdate(section.rials)
    data = json.loads(status("--json"))
    by_slug = {row["url_path"].rstrip("/").rsplit("/", 1)[-1]: row for row in data}
    rials = by_slug["rengo-rials"]
    assert rials["id"] == section.rials.pk
    assert rials["type"] == "rengo_wagtail.organizationpage"
    assert rials["translations"]["ja"]["state"] == "outdated"
    assert rials["translations"]["ja"]["page"] == section.rials_ja.pk
    assert (
        rials["translations"]["ja"]["published_against_revision"] != (rials["source_live_revision"])
    )
    assert by_slug["jcrp"]["translations"]["ja"] == {
        "state": "missing",
        "page": None,
        "published_against_revision": None,
    }
    assert by_slug["related-organizations"]["translations"]["ja"]["state"] == "up_to_date"


@pytest.mark.django_db
def test_fail_on_missing_fails_on_missing_translation(section):
    with pytest.raises(CommandError, match="Translations that need work: 1"):
        status("--fail-on", "missing")


@pytest.mark.django_db
def test_fail_on_missing_passes_when_only_outdated(section, locales):
    translate(section.jcrp, locales.ja, title="日本退職者連合")
    outdate(section.rials)
    status("--fail-on", "missing")
    with pytest.raises(CommandError, match="Translations that need work: 1"):
        status("--fail-on", "outdated")


@pytest.mark.django_db
def test_fail_on_outdated_passes_when_all_up_to_date(section, locales):
    translate(section.jcrp, locales.ja, title="日本退職者連合")
    status("--json", "--fail-on", "outdated")


@pytest.mark.django_db
def test_fail_on_draft_only_counts_as_missing(section, locales):
    section.jcrp.copy_for_translation(locales.ja)
    with pytest.raises(CommandError, match="Translations that need work: 1"):
        status("--fail-on", "missing")


@pytest.mark.django_db
def test_wrong_fail_on_value_is_a_clear_error(section):
    with pytest.raises(CommandError, match="--fail-on must be “outdated” or “missing”, not “all”"):
        status("--fail-on", "all")
