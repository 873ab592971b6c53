"""Page-type rules an editor meets: validation, copying, parent and child types."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from rengo_wagtail.models import OrganizationIndexPage, OrganizationPage

pytestmark = pytest.mark.django_db


def organization(**fields):
    defaults = {"title": "New organization", "slug": "new", "category": "culture", "summary": "A."}
    return OrganizationPage(**{**defaults, **fields})


def test_content_key_is_unique_within_a_language(section):
    with pytest.raises(ValidationError) as error:
        section.index.add_child(instance=organization(content_key="rengo-rials"))
    assert "content_key" in error.value.message_dict


def test_same_content_key_in_another_language_is_fine(section):
    section.rials_ja.content_key = "rengo-rials"
    section.rials_ja.full_clean()


def test_copy_and_translation_leave_the_content_key_out(section, locales):
    copy = section.rials.copy(update_attrs={"slug": "rials-copy", "title": "Copy"})
    assert copy.specific.content_key == ""
    assert section.rials_ja.content_key == ""


def test_month_needs_a_year(section):
    page = organization(founded_month=5)
    with pytest.raises(ValidationError) as error:
        section.index.add_child(instance=page)
    assert "founded_month" in error.value.message_dict


@pytest.mark.parametrize("month", [0, 13])
def test_month_is_a_month(section, month):
    with pytest.raises(ValidationError):
        section.index.add_child(instance=organization(founded_year=2000, founded_month=month))


def test_founding_date_keeps_its_precision(section):
    assert section.rials.founded_iso == "1987-12"
    assert section.jcrp.founded_iso == "1991"
    with translation.override("en"):
        assert section.rials.founded_display == "December 1987"
        assert section.jcrp.founded_display == "1991"


def test_shared_fields_are_fields_of_the_model():
    names = {field.name for field in OrganizationPage._meta.get_fields()}
    assert set(OrganizationPage.shared_fields) <= names
    assert "title" not in OrganizationPage.shared_fields
    assert "summary" not in OrganizationPage.shared_fields


def test_organizations_live_only_under_an_index(section):
    assert OrganizationPage.can_create_at(section.index)
    assert not OrganizationPage.can_create_at(section.about)
    assert OrganizationIndexPage.can_create_at(section.about)
    assert not OrganizationIndexPage.can_create_at(section.index)
    assert OrganizationPage.allowed_subpage_models() == []


def test_website_typed_without_a_scheme_becomes_https():
    field = OrganizationPage._meta.get_field("website").formfield()
    assert field.clean("www.rengo-soken.or.jp") == "https://www.rengo-soken.or.jp"
