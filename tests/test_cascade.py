"""Translations follow their source when it is unpublished, moved or deleted in the admin."""

import pytest
from django.test import Client
from wagtail.models import Page

from rengo_wagtail.models import OrganizationIndexPage
from tests.helpers.pages import publish, translate

pytestmark = pytest.mark.localize


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def exists(page):
    return Page.objects.filter(pk=page.pk).exists()


def live(page):
    return Page.objects.get(pk=page.pk).live


@pytest.mark.django_db
def test_unpublishing_a_source_organization_unpublishes_its_translation(section, english_editor):
    # Wagtail applies the cascade whatever the editor's rights on the translations;
    # the confirm page says so before anything happens.
    editor = client_for(english_editor)
    url = f"/admin/pages/{section.rials.pk}/unpublish/"
    assert (
        "This will also unpublish one translation of the page." in editor.get(url).content.decode()
    )
    assert editor.post(url).status_code == 302
    assert not live(section.rials)
    assert not live(section.rials_ja)


@pytest.mark.django_db
def test_unpublishing_a_translation_leaves_its_source_live(section, admin_client):
    url = f"/admin/pages/{section.rials_ja.pk}/unpublish/"
    assert "also unpublish" not in admin_client.get(url).content.decode()
    admin_client.post(url)
    assert not live(section.rials_ja)
    assert live(section.rials)


@pytest.mark.django_db
def test_unpublishing_the_index_with_its_organizations(section, admin_client):
    url = f"/admin/pages/{section.index.pk}/unpublish/"
    assert "This will also unpublish one translation" in admin_client.get(url).content.decode()
    admin_client.post(url, {"include_descendants": "on"})
    for page in (section.index, section.index_ja, section.rials, section.rials_ja, section.jcrp):
        assert not live(page), page


@pytest.fixture
def other_index(section, locales):
    index = section.about.add_child(instance=OrganizationIndexPage(title="Other", slug="other"))
    publish(index)
    return index


@pytest.mark.django_db
def test_moving_a_source_organization_moves_its_translation(section, other_index, admin_client):
    other_ja = translate(other_index, section.rials_ja.locale, title="その他")
    url = f"/admin/pages/{section.rials.pk}/move/{other_index.pk}/confirm/"
    assert "This will also move one translation" in admin_client.get(url).content.decode()
    assert admin_client.post(url).status_code == 302
    assert Page.objects.get(pk=section.rials.pk).get_parent().pk == other_index.pk
    assert Page.objects.get(pk=section.rials_ja.pk).get_parent().pk == other_ja.pk


@pytest.mark.django_db
def test_move_that_would_strand_a_translation_is_refused(section, other_index, admin_client):
    url = f"/admin/pages/{section.rials.pk}/move/{other_index.pk}/confirm/"
    response = admin_client.post(url, follow=True)
    assert "its translations (日本語) cannot follow it there" in response.content.decode()
    assert Page.objects.get(pk=section.rials.pk).get_parent().pk == section.index.pk
    assert Page.objects.get(pk=section.rials_ja.pk).get_parent().pk == section.index_ja.pk


@pytest.mark.django_db
def test_move_the_editor_could_not_finish_is_refused(section, other_index, english_editor):
    # The English editor may not move Japanese pages: Wagtail would move the
    # English page and then stop, leaving the Japanese one behind.
    translate(other_index, section.rials_ja.locale, title="その他")
    url = f"/admin/pages/{section.rials.pk}/move/{other_index.pk}/confirm/"
    response = client_for(english_editor).post(url, follow=True)
    assert "its translations (日本語) cannot follow it there" in response.content.decode()
    assert Page.objects.get(pk=section.rials.pk).get_parent().pk == section.index.pk


@pytest.mark.django_db
def test_delete_that_would_strand_a_translation_is_refused(section, other_index, admin_client):
    other_ja = translate(other_index, section.rials_ja.locale, title="その他")
    Page.objects.get(pk=section.rials_ja.pk).move(other_ja, pos="last-child")
    response = admin_client.get(f"/admin/pages/{section.rials.pk}/delete/", follow=True)
    assert "cannot be deleted with its translations (日本語)" in response.content.decode()
    admin_client.post(f"/admin/pages/{section.rials.pk}/delete/")
    assert exists(section.rials)
    assert exists(section.rials_ja)


@pytest.mark.django_db
def test_deleting_a_source_organization_deletes_its_translation(section, admin_client):
    url = f"/admin/pages/{section.rials.pk}/delete/"
    assert (
        "Deleting this page will also delete 1 translation of this page."
        in admin_client.get(url).content.decode()
    )
    admin_client.post(url)
    assert not exists(section.rials)
    assert not exists(section.rials_ja)
    assert exists(section.jcrp)


@pytest.mark.django_db
def test_deleting_the_index_deletes_its_translation_and_organizations(section, admin_client):
    url = f"/admin/pages/{section.index.pk}/delete/"
    assert "It will also delete 1 translation" in admin_client.get(url).content.decode()
    admin_client.post(url)
    for page in (section.index, section.index_ja, section.rials, section.rials_ja):
        assert not exists(page), page
    assert exists(section.about_ja)


@pytest.mark.django_db
def test_pages_of_other_types_are_left_to_wagtail(section, admin_client):
    url = f"/admin/pages/{section.about.pk}/unpublish/"
    assert "also unpublish" not in admin_client.get(url).content.decode()
