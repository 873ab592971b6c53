"""Shared facts kept in step: a translation never goes live with facts its live source lacks."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.utils import timezone
from wagtail.models import PageLogEntry

from rengo_wagtail.models import OrganizationPage
from rengo_wagtail.translation.sync import LOG_ACTION
from tests.helpers.pages import organization_form

pytestmark = pytest.mark.localize


def fresh(page):
    return OrganizationPage.objects.get(pk=page.pk)


def edit_source(section, **values):
    source = fresh(section.rials)
    for name, value in values.items():
        setattr(source, name, value)
    return source.save_revision()


@pytest.mark.django_db
def test_source_publish_in_code_gives_translation_a_published_revision(section):
    revisions_before = fresh(section.rials_ja).revisions.count()
    edit_source(section, website="https://example.org/", founded_year=1988).publish()

    ja = fresh(section.rials_ja)
    assert (ja.website, ja.founded_year, ja.founded_month) == ("https://example.org/", 1988, 12)
    assert (ja.title, ja.summary) == ("連合総合生活開発研究所", "連合のシンクタンクです。")
    assert ja.revisions.count() == revisions_before + 1
    assert ja.live_revision == ja.latest_revision
    assert ja.live_revision.as_object().website == "https://example.org/"
    assert not ja.has_unpublished_changes
    entry = PageLogEntry.objects.filter(page=ja, action=LOG_ACTION).get()
    assert entry.user is None
    assert entry.revision == ja.live_revision
    assert "RENGO Research Institute" in entry.message
    assert entry.data["source"]["id"] == section.rials.pk
    # The translation's own publish is not logged as an editor's.
    assert not PageLogEntry.objects.filter(page=ja, action="wagtail.publish").exclude(
        timestamp__lt=entry.timestamp
    )


@pytest.mark.django_db
def test_unpublished_draft_of_translation_stays_a_draft_and_takes_the_facts(section):
    ja = fresh(section.rials_ja)
    ja.summary = "下書きの要約。"
    ja.save_revision()

    edit_source(section, category="welfare").publish()

    ja = fresh(section.rials_ja)
    assert ja.category == "welfare"
    assert ja.summary == "連合のシンクタンクです。"  # live text unchanged, draft not published
    assert ja.has_unpublished_changes
    draft = ja.get_latest_revision_as_object()
    assert (draft.summary, draft.category) == ("下書きの要約。", "welfare")
    actions = list(
        PageLogEntry.objects.filter(page=ja, action=LOG_ACTION).values_list("data", flat=True)
    )
    assert sorted(data["draft"] for data in actions) == [False, True]


@pytest.mark.django_db
def test_nothing_written_when_facts_already_agree(section):
    count = fresh(section.rials_ja).revisions.count()
    edit_source(section, summary="New English summary.").publish()
    assert fresh(section.rials_ja).revisions.count() == count
    assert not PageLogEntry.objects.filter(action=LOG_ACTION).exists()


@pytest.mark.django_db
def test_scheduled_publish_of_source_reaches_translation_only_when_it_goes_live(section):
    source = fresh(section.rials)
    source.go_live_at = timezone.now() + timedelta(hours=1)
    source.website = "https://scheduled.example/"
    revision = source.save_revision(approved_go_live_at=source.go_live_at)
    revision.publish()
    assert fresh(section.rials_ja).website == "https://www.rengo-soken.or.jp/"

    # The hour passes.
    past = timezone.now() - timedelta(minutes=1)
    revision.refresh_from_db()
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled", verbosity=0)

    assert fresh(section.rials).website == "https://scheduled.example/"
    assert fresh(section.rials_ja).website == "https://scheduled.example/"


@pytest.mark.django_db
def test_reverting_the_source_to_an_old_revision_reverts_the_facts(section):
    old = fresh(section.rials).live_revision
    edit_source(section, website="https://new.example/").publish()
    assert fresh(section.rials_ja).website == "https://new.example/"

    source = old.as_object()
    source.save_revision(previous_revision=old).publish(previous_revision=old)

    assert fresh(section.rials_ja).website == "https://www.rengo-soken.or.jp/"


@pytest.mark.django_db
def test_translation_publishing_an_old_revision_takes_the_live_source_facts(section):
    old = fresh(section.rials_ja).live_revision  # the old website
    edit_source(section, website="https://new.example/").publish()

    old.publish()  # an editor reverts the translation, or a script publishes it

    ja = fresh(section.rials_ja)
    assert ja.website == "https://new.example/"
    assert ja.live_revision.as_object().website == "https://new.example/"


@pytest.mark.django_db
def test_translation_own_edit_of_a_fact_never_goes_live(section):
    ja = fresh(section.rials_ja)
    ja.founded_by_rengo = True
    ja.category = "finance"
    ja.save_revision().publish()

    ja = fresh(section.rials_ja)
    assert (ja.founded_by_rengo, ja.category) == (False, "research")
    assert ja.live_revision.as_object().category == "research"


@pytest.mark.django_db
def test_editor_schedule_on_the_translation_survives_a_sync(section):
    ja = fresh(section.rials_ja)
    ja.go_live_at = timezone.now() + timedelta(days=1)
    ja.summary = "予定された要約。"
    scheduled = ja.save_revision(approved_go_live_at=ja.go_live_at)
    scheduled.publish()

    edit_source(section, website="https://new.example/").publish()

    scheduled.refresh_from_db()
    assert scheduled.approved_go_live_at is not None
    assert fresh(section.rials_ja).website == "https://new.example/"


@pytest.mark.django_db
def test_admin_publish_of_source_syncs_translation_without_naming_the_editor(
    section, admin_client, admin_user
):
    url = f"/admin/pages/{section.rials.pk}/edit/"
    data = organization_form(fresh(section.rials), website="https://admin.example/")
    response = admin_client.post(url, {**data, "action-publish": "action-publish"})
    assert response.status_code == 302, response.context["form"].errors

    assert fresh(section.rials).website == "https://admin.example/"
    ja = fresh(section.rials_ja)
    assert ja.website == "https://admin.example/"
    entry = PageLogEntry.objects.filter(page=ja, action=LOG_ACTION).get()
    assert entry.user is None
    publish_entry = PageLogEntry.objects.filter(page=section.rials, action="wagtail.publish")
    assert publish_entry.latest("timestamp").user == admin_user
    history = admin_client.get(f"/admin/pages/{ja.pk}/history/")
    assert "Published with the shared facts of" in history.content.decode()


@pytest.mark.django_db
def test_translation_edit_form_shows_facts_read_only_with_link_to_source(section, admin_client):
    source_form = admin_client.get(f"/admin/pages/{section.rials.pk}/edit/").content.decode()
    assert 'name="website"' in source_form
    assert 'name="category"' in source_form

    content = admin_client.get(f"/admin/pages/{section.rials_ja.pk}/edit/").content.decode()
    assert 'name="website"' not in content
    assert 'name="category"' not in content
    assert 'name="summary"' in content  # translated text stays editable
    assert "https://www.rengo-soken.or.jp/" in content
    assert f'href="/admin/pages/{section.rials.pk}/edit/"' in content
    assert "change it on the source page" in content


@pytest.mark.django_db
def test_translation_edit_form_ignores_submitted_facts(section, admin_client):
    ja = fresh(section.rials_ja)
    data = organization_form(ja, website="https://wrong.example/", category="finance")
    data["summary"] = "新しい要約。"
    response = admin_client.post(
        f"/admin/pages/{ja.pk}/edit/", {**data, "action-publish": "action-publish"}
    )
    assert response.status_code == 302
    ja = fresh(section.rials_ja)
    assert ja.summary == "新しい要約。"
    assert (ja.website, ja.category) == ("https://www.rengo-soken.or.jp/", "research")


@pytest.fixture
def translation_refuses_changes(section):
    """The database refuses any change to the Japanese version's row: a real failure of the sync.

    A trigger, in the test's transaction, so gone with it.
    """
    table, pk = OrganizationPage._meta.db_table, section.rials_ja.pk
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION rengo_refuse() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$"
            )
            cursor.execute(
                f"CREATE TRIGGER rengo_refuse BEFORE UPDATE ON {table} FOR EACH ROW "
                f"WHEN (NEW.page_ptr_id = {pk}) EXECUTE FUNCTION rengo_refuse()"
            )
        else:
            cursor.execute(
                f"CREATE TRIGGER rengo_refuse BEFORE UPDATE ON {table} "
                f"WHEN NEW.page_ptr_id = {pk} BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
            )


def publish_in_admin(admin_client, page, **changes):
    admin_client.raise_request_exception = False
    data = {**organization_form(fresh(page), **changes), "action-publish": "action-publish"}
    return admin_client.post(f"/admin/pages/{page.pk}/edit/", data)


def assert_nothing_published(section, live_revision):
    source = fresh(section.rials)
    assert (source.website, source.live_revision_id) == (
        "https://www.rengo-soken.or.jp/",
        live_revision,
    )
    assert fresh(section.rials_ja).website == "https://www.rengo-soken.or.jp/"


@pytest.mark.django_db
def test_a_publish_whose_sync_fails_is_rolled_back(
    section, admin_client, translation_refuses_changes, monkeypatch
):
    """With ``ATOMIC_REQUESTS``, as system check W013 asks and the example site has it."""
    monkeypatch.setitem(connection.settings_dict, "ATOMIC_REQUESTS", True)
    live_revision = fresh(section.rials).live_revision_id
    response = publish_in_admin(admin_client, section.rials, website="https://half.example/")

    assert response.status_code == 500
    assert_nothing_published(section, live_revision)


@pytest.mark.django_db
def test_without_atomic_requests_the_page_editor_publishes_alone(
    section, admin_client, translation_refuses_changes, monkeypatch
):
    """Why system check W013 asks for ``ATOMIC_REQUESTS``: Wagtail's page editor publishes
    outside any transaction and only then sends ``page_published`` to the sync."""
    monkeypatch.setitem(connection.settings_dict, "ATOMIC_REQUESTS", False)
    response = publish_in_admin(admin_client, section.rials, website="https://half.example/")

    assert response.status_code == 500
    assert fresh(section.rials).website == "https://half.example/"
    assert fresh(section.rials_ja).website == "https://www.rengo-soken.or.jp/"


@pytest.mark.django_db
def test_a_publish_outside_a_request_is_rolled_back_too(section, translation_refuses_changes):
    """Scheduled publishing, scripts and wagtail-localize call ``revision.publish()``, with
    no request around it: ``RengoPageMixin.publish`` is one transaction by itself."""
    live_revision = fresh(section.rials).live_revision_id
    page = fresh(section.rials)
    page.website = "https://half.example/"
    revision = page.save_revision()
    with pytest.raises(DatabaseError):
        revision.publish()
    assert_nothing_published(section, live_revision)
