import os
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import translation
from wagtail.models import GroupPagePermission, Locale, Page, Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

# pytest-django's live_server runs the site in a thread beside async Playwright.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def english_outside_requests():
    """Each test starts in the default language: a request to /ja/ leaves Japanese active."""
    translation.activate("en")
    yield
    translation.deactivate()


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def fresh(page):
    """``page`` (specific) as the database holds it now."""
    return page.specific_class.objects.get(pk=page.pk)


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


def translate(page, locale, **fields):
    """Create, fill and publish the translation of ``page`` into ``locale``."""
    translation = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return publish(translation)


@pytest.fixture
def locales(db):
    return SimpleNamespace(
        en=Locale.objects.get_or_create(language_code="en")[0],
        ja=Locale.objects.get_or_create(language_code="ja")[0],
    )


@pytest.fixture
def section(locales):
    """HOME > About RENGO > Related Organizations > two organizations, in English and Japanese.

    The Japanese home, "About" and index pages are translations; of the two
    organizations only RENGO-RIALS is translated.
    """
    from rengo_wagtail.models import OrganizationIndexPage, OrganizationPage

    site = Site.objects.get(is_default_site=True)
    home = site.root_page
    home.title, home.slug = "Home", "home"
    publish(home)
    about = home.add_child(instance=Page(title="About RENGO", slug="about-rengo"))
    index = about.add_child(
        instance=OrganizationIndexPage(
            title="Related Organizations",
            slug="related-organizations",
            intro="<p>Organizations that work with RENGO.</p>",
        )
    )
    rials = index.add_child(
        instance=OrganizationPage(
            title="RENGO Research Institute for Advancement of Living Standards",
            slug="rengo-rials",
            content_key="rengo-rials",
            short_name="RENGO-RIALS",
            legal_form="public_interest_foundation",
            founded_year=1987,
            founded_month=12,
            category="research",
            summary="The RENGO think-tank.",
            website="https://www.rengo-soken.or.jp/",
        )
    )
    jcrp = index.add_child(
        instance=OrganizationPage(
            title="Japanese Confederation of Retired Persons",
            slug="jcrp",
            content_key="jcrp",
            short_name="JCRP",
            founded_year=1991,
            category="retirees",
            summary="Founded in 1991.",
            website="https://tr.jtuc-rengo.jp/",
        )
    )
    for page in (about, index, rials, jcrp):
        publish(page)
    home_ja = translate(home, locales.ja, title="ホーム")
    about_ja = translate(about, locales.ja, title="連合について")
    index_ja = translate(index, locales.ja, title="関連団体", intro="<p>連合の関連団体です。</p>")
    rials_ja = translate(
        rials,
        locales.ja,
        title="連合総合生活開発研究所",
        short_name="連合総研",
        summary="連合のシンクタンクです。",
    )
    return SimpleNamespace(
        site=site,
        home=home,
        about=about,
        index=index,
        rials=rials,
        jcrp=jcrp,
        home_ja=home_ja,
        about_ja=about_ja,
        index_ja=index_ja,
        rials_ja=rials_ja,
    )


EDITING = ["add_page", "change_page"]


@pytest.fixture
def english_editor(section):
    """Edits, publishes and translates the English tree; no rights on the Japanese tree."""
    return make_editor(
        "english-editor",
        [(section.home, [*EDITING, "publish_page"])],
        ["access_admin", "submit_translation"],
    )


@pytest.fixture
def japanese_translator(section):
    """Adds and edits pages in the Japanese tree only (under the Japanese home); no publishing."""
    return make_editor("japanese-translator", [(section.home_ja, EDITING)])


@pytest.fixture
def unpublishing_editor(section):
    """Edits pages in every language but may publish none."""
    return make_editor("plain-editor", [(Page.get_first_root_node(), EDITING)])
