"""The "Translations up to date" workflow task, through the admin's submit and approve flow."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import GroupApprovalTask, Locale, Workflow, WorkflowPage, WorkflowTask

from rengo_wagtail.models import TranslationsUpToDateTask
from rengo_wagtail.translation import state as translation_state
from tests.helpers.pages import fresh, organization_form, simple_translation_only

pytestmark = pytest.mark.localize


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def workflow(section):
    """ "Bilingual review" on the section in both languages: translations, then moderators."""
    workflow = Workflow.objects.create(name="Bilingual review")
    translations = TranslationsUpToDateTask.objects.create(name="Translations up to date")
    moderators = GroupApprovalTask.objects.create(name="Moderators approve")
    moderators.groups.add(Group.objects.get(name="Moderators"))
    for order, task in enumerate((translations, moderators)):
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    for index in (section.index, section.index_ja):
        WorkflowPage.objects.create(workflow=workflow, page=index)
    return workflow


@pytest.fixture
def moderator(db):
    user = get_user_model().objects.create_user("moderator", password="pw")
    user.groups.add(Group.objects.get(name="Moderators"))
    return client_for(user)


def submit(client, page, **changes):
    data = {**organization_form(fresh(page), **changes), "action-submit": "action-submit"}
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    return fresh(page).current_workflow_state


def save_draft(client, page, **changes):
    response = client.post(
        f"/admin/pages/{page.pk}/edit/", organization_form(fresh(page), **changes)
    )
    assert response.status_code == 302, response.context and response.context["form"].errors


def current_task(page):
    state = fresh(page).current_workflow_state
    return state.current_task_state.task.name if state else None


def approve(client, page):
    task_state = fresh(page).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    response = client.post(url)
    assert response.status_code in (200, 302), response.status_code


@pytest.mark.django_db
def test_waits_for_the_translation_then_publishes_both(
    section, workflow, unpublishing_editor, japanese_translator, moderator
):
    editor = client_for(unpublishing_editor)
    state = submit(editor, section.rials, summary="A new English summary.")
    assert current_task(section.rials) == "Translations up to date"
    assert state.current_task_state.comment == "Waiting for translations: 日本語 (Outdated)."
    history = editor.get(
        reverse("wagtailadmin_pages:workflow_history_detail", args=[section.rials.pk, state.pk])
    )
    assert "Waiting for translations: 日本語 (Outdated)." in history.content.decode()
    # The moderators cannot approve past it.
    assert "Approve" not in moderator.get(f"/admin/pages/{section.rials.pk}/edit/").content.decode()

    save_draft(client_for(japanese_translator), section.rials_ja, summary="新しい要約です。")
    assert current_task(section.rials) == "Moderators approve"
    assert fresh(section.rials).summary == "The RENGO think-tank."  # not live yet

    approve(moderator, section.rials)
    assert fresh(section.rials).summary == "A new English summary."
    ja = fresh(section.rials_ja)
    assert (ja.summary, ja.has_unpublished_changes) == ("新しい要約です。", False)
    row = next(r for r in translation_state.compute() if r.source.pk == section.rials.pk)
    assert row.translations["ja"].state == "up_to_date"


@simple_translation_only
@pytest.mark.django_db
def test_missing_translation_is_named_until_it_is_created(
    section, workflow, admin_client, english_editor, japanese_translator
):
    state = submit(client_for(english_editor), section.jcrp, summary="Retirees' federation.")
    assert state.current_task_state.comment == "Waiting for translations: 日本語 (Missing)."

    # An English editor starts the translation (simple_translation's "Translate")...
    response = client_for(english_editor).post(
        reverse("simple_translation:submit_page_translation", args=[section.jcrp.pk]),
        {"locales": [Locale.objects.get(language_code="ja").pk]},
    )
    assert response.status_code == 302
    jcrp_ja = section.jcrp.get_translation(Locale.objects.get(language_code="ja"))
    # A fresh copy of the English page is nobody's translation yet.
    waiting = fresh(section.jcrp).current_workflow_state.current_task_state
    assert waiting.comment == "Waiting for translations: 日本語 (Outdated)."
    # ...and the translator's save passes the task.
    save_draft(client_for(japanese_translator), jcrp_ja, title="日本退職者連合")
    assert current_task(section.jcrp) == "Moderators approve"


@pytest.mark.django_db
def test_passes_on_a_translation(section, workflow, japanese_translator):
    submit(client_for(japanese_translator), section.rials_ja, summary="訳を改めました。")
    assert current_task(section.rials_ja) == "Moderators approve"


@pytest.mark.django_db
def test_required_languages_are_configurable(section, workflow, unpublishing_editor):
    task = TranslationsUpToDateTask.objects.get()
    task.languages.add(Locale.objects.get(language_code="en"))  # Japanese is not required
    submit(client_for(unpublishing_editor), section.rials, summary="A new English summary.")
    assert current_task(section.rials) == "Moderators approve"


@pytest.mark.django_db
def test_task_is_offered_in_the_admin_with_its_languages(admin_client):
    url = reverse(
        "wagtailadmin_workflows:add_task", args=["rengo_wagtail", "translationsuptodatetask"]
    )
    form = admin_client.get(url).content.decode()
    assert "required languages" in form.lower()
    ja = Locale.objects.get_or_create(language_code="ja")[0]
    response = admin_client.post(url, {"name": "Japanese done", "languages": [ja.pk]})
    assert response.status_code == 302
    assert list(TranslationsUpToDateTask.objects.get().required_languages()) == ["ja"]


@pytest.mark.django_db
def test_passes_on_pages_of_other_types(section, workflow, admin_user):
    WorkflowPage.objects.create(workflow=workflow, page=section.about)
    workflow.start(section.about, admin_user)
    assert current_task(section.about) == "Moderators approve"
