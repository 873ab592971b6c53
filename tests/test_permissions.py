"""A Japanese-only translator: page permissions on the Japanese tree, set up as the docs say."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import GroupApprovalTask, Locale, Workflow, WorkflowPage, WorkflowTask

from rengo_wagtail.models import OrganizationPage
from tests.helpers.pages import fresh, organization_form


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_translator_cannot_edit_source_pages(section, japanese_translator):
    translator = client_for(japanese_translator)
    url = f"/admin/pages/{section.rials.pk}/edit/"
    assert translator.get(url).status_code != 200
    translator.post(
        url, organization_form(fresh(section.rials), summary="Changed by a translator.")
    )
    source = fresh(section.rials)
    assert source.summary == "The RENGO think-tank."
    assert not source.has_unpublished_changes
    # Nor start a translation with simple_translation, which needs rights on the source.
    submit = reverse("simple_translation:submit_page_translation", args=[section.jcrp.pk])
    assert translator.get(submit).status_code != 200


@pytest.mark.django_db
def test_translator_edits_japanese_text_but_not_shared_facts(section, japanese_translator):
    translator = client_for(japanese_translator)
    data = organization_form(
        fresh(section.rials_ja),
        summary="翻訳者が直しました。",
        website="https://wrong.example/",
        category="finance",
        founded_year="2001",
    )
    response = translator.post(f"/admin/pages/{section.rials_ja.pk}/edit/", data)
    assert response.status_code == 302
    draft = fresh(section.rials_ja).get_latest_revision_as_object()
    assert draft.summary == "翻訳者が直しました。"
    assert (draft.website, draft.category, draft.founded_year) == (
        "https://www.rengo-soken.or.jp/",
        "research",
        1987,
    )
    assert not fresh(section.rials_ja).live_revision.as_object().summary.startswith("翻訳者")


@pytest.mark.django_db
def test_translator_creates_and_submits_a_japanese_page(
    section, english_editor, japanese_translator, settings
):
    settings.WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = True
    review = Workflow.objects.create(name="Japanese review")
    task = GroupApprovalTask.objects.create(name="Moderators approve")
    task.groups.add(Group.objects.get(name="Moderators"))
    WorkflowTask.objects.create(workflow=review, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=review, page=section.index_ja)

    # An English editor adds an organization; the Japanese tree gets an alias of it.
    new = OrganizationPage(
        title="JTUC Research Institute",
        slug="jtuc-ri",
        summary="A new organization.",
        category="research",
    )
    url = f"/admin/pages/add/rengo_wagtail/organizationpage/{section.index.pk}/"
    response = client_for(english_editor).post(url, organization_form(new))
    assert response.status_code == 302, response.context and response.context["form"].errors
    source = OrganizationPage.objects.get(slug="jtuc-ri", locale__language_code="en")
    alias = source.get_translation(Locale.objects.get(language_code="ja"))
    assert alias.alias_of_id == source.pk

    # The translator turns the alias into a Japanese page, translates it and submits it.
    translator = client_for(japanese_translator)
    convert = reverse("wagtailadmin_pages:convert_alias", args=[alias.pk])
    assert translator.post(convert).status_code == 302
    page = fresh(alias)
    data = {
        **organization_form(page, title="連合総研の新組織", summary="新しい団体です。"),
        "action-submit": "action-submit",
    }
    response = translator.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    page = fresh(page)
    assert page.alias_of_id is None
    assert page.get_latest_revision_as_object().title == "連合総研の新組織"
    assert page.current_workflow_state.workflow == review
    assert not page.live
