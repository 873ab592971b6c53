"""Pages as tests make and change them: publishing, translating, the admin's edit form, editors."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

# Under wagtail-localize, its views replace simple_translation's and its editor
# replaces Wagtail's page form on the translations it manages: tests/test_localize.py.
simple_translation_only = pytest.mark.skipif(
    not apps.is_installed("wagtail.contrib.simple_translation"),
    reason="wagtail-localize translates here (tests/test_localize.py covers its editor)",
)

EDITING = ["add_page", "change_page"]

# The browser journey's editor (tests/browser): a superuser its ``site`` fixture creates.
EDITOR = {"username": "editor", "password": "browser-journey"}


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def fresh(page):
    """``page`` (specific) as the database holds it now."""
    return page.specific_class.objects.get(pk=page.pk)


def translate(page, locale, **fields):
    """Create, fill and publish the translation of ``page`` into ``locale``."""
    translation = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return publish(translation)


def organization_form(page, **changes):
    """The edit form's POST data for ``page`` with ``changes``, as the admin sends it."""
    values = {
        "title": page.title,
        "slug": page.slug,
        "short_name": page.short_name,
        "summary": page.summary,
        "body": streamfield([]),
        "legal_form": page.legal_form,
        "founded_year": page.founded_year or "",
        "founded_month": page.founded_month or "",
        "category": page.category,
        "website": page.website,
        "logo": "",
        "logo_alt": page.logo_alt,
        "content_key": page.content_key,
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "comments": inline_formset([]),
        **changes,
    }
    if page.founded_by_rengo:
        values["founded_by_rengo"] = "on"
    return nested_form_data(values)


def make_editor(username, page_permissions=(), permissions=("access_admin",)):
    """A user in a group of their own.

    ``page_permissions``: ``[(page, ["add_page", "change_page", "publish_page"])]``,
    Wagtail page permissions on ``page`` and everything under it;
    ``permissions``: other permission codenames.
    """
    group = Group.objects.create(name=f"{username} group")
    group.permissions.add(*Permission.objects.filter(codename__in=permissions))
    for page, codenames in page_permissions:
        for codename in codenames:
            GroupPagePermission.objects.create(
                group=group, page=page, permission=Permission.objects.get(codename=codename)
            )
    user = get_user_model().objects.create_user(username, password="pw")
    user.groups.add(group)
    return user
