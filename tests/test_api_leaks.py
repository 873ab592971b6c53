"""Nothing unpublished or private leaks through the API: listings, detail, find, translations.

Drafts, pages under any view restriction (password, login, groups: even for a
visitor who could open them) and pages of another Site's tree never appear.
"""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group, User
from wagtail.models import Page, PageViewRestriction, Site

from rengo_wagtail.models import OrganizationPage
from tests.helpers.pages import publish

pytestmark = pytest.mark.django_db

API = "/api/v2/pages/"


def organization(parent, slug, live=True):
    page = parent.add_child(
        instance=OrganizationPage(
            title=slug.upper(), slug=slug, category="research", summary=slug, live=live
        )
    )
    return publish(page) if live else page


@pytest.fixture
def hidden(section, settings, locales):
    """One page per way of being hidden, each with a live, public path to it."""
    settings.ROOT_URLCONF = "tests.urls_api"
    settings.WAGTAILAPI_LIMIT_MAX = 100
    index = section.index
    draft = organization(index, "draft-org", live=False)
    password = organization(index, "password-org")
    PageViewRestriction.objects.create(
        page=password, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    login = organization(index, "login-org")
    PageViewRestriction.objects.create(page=login, restriction_type=PageViewRestriction.LOGIN)
    group = Group.objects.create(name="Members")
    groups = organization(index, "groups-org")
    restriction = PageViewRestriction.objects.create(
        page=groups, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    member = User.objects.create_user("member", password="pw")
    member.groups.add(group)
    # Restricted sections hide their descendants too: the Japanese "About" page's subtree.
    about_ja_restriction = PageViewRestriction.objects.create(
        page=section.index_ja, restriction_type=PageViewRestriction.LOGIN
    )
    # A draft Japanese translation of JCRP.
    jcrp_ja = section.jcrp.copy_for_translation(locales.ja)
    # Another Site, with a tree of its own.
    other_home = Page.get_first_root_node().add_child(
        instance=Page(title="Other home", slug="other-home")
    )
    other_page = publish(other_home.add_child(instance=Page(title="Other page", slug="other")))
    Site.objects.create(hostname="other.example", port=80, root_page=other_home)
    yield SimpleNamespace(
        pages={
            "draft": draft,
            "password": password,
            "login": login,
            "groups": groups,
            "under restriction": section.rials_ja,
            "restricted index": section.index_ja,
            "draft translation": jcrp_ja,
            "other site": other_page,
            "other site's home": other_home,
        },
        member=member,
        about_ja_restriction=about_ja_restriction,
    )
    Site.clear_site_root_paths_cache()


@pytest.fixture(params=["anonymous", "member", "superuser"])
def visitor(request, client, hidden):
    if request.param == "member":
        client.force_login(hidden.member)
    elif request.param == "superuser":
        client.force_login(User.objects.create_superuser("admin", password="pw"))
    # A password entered for the password-restricted page on this session.
    return client


def listed_ids(client, **params):
    response = client.get(API, {"limit": 100, "fields": "*", **params})
    assert response.status_code == 200
    items = response.json()["items"]
    ids = {item["id"] for item in items}
    for item in items:
        ids |= {version["id"] for version in item["meta"]["translations"]}
    return ids


def test_hidden_pages_are_not_listed(visitor, hidden, section):
    hidden_ids = {page.pk for page in hidden.pages.values()}
    for params in (
        {},
        {"locale": "ja"},
        {"locale": "ja", "fallback": "true"},
        {"type": "rengo_wagtail.OrganizationPage"},
        {"descendant_of": section.home.pk},
        {"search": "org"},
    ):
        ids = listed_ids(visitor, **params)
        assert not ids & hidden_ids, params
    # The visible pages are there.
    assert {section.rials.pk, section.jcrp.pk, section.home_ja.pk} <= listed_ids(visitor)


def test_hidden_pages_have_no_detail(visitor, hidden):
    for name, page in hidden.pages.items():
        response = visitor.get(f"{API}{page.pk}/")
        assert response.status_code == 404, name
        assert response["Content-Type"] == "application/json"


def test_hidden_pages_are_not_found_by_path(visitor, hidden):
    paths = {
        "draft": "/en/about-rengo/related-organizations/draft-org/",
        "password": "/en/about-rengo/related-organizations/password-org/",
        "login": "/en/about-rengo/related-organizations/login-org/",
        "groups": "/en/about-rengo/related-organizations/groups-org/",
        "under restriction": "/ja/about-rengo/related-organizations/rengo-rials/",
        "restricted index": "/ja/about-rengo/related-organizations/",
        "other site": "/en/other/",
    }
    for name, path in paths.items():
        response = visitor.get(f"{API}find/", {"html_path": path})
        assert response.status_code == 404, name


def test_hidden_pages_are_no_filter_anchor(visitor, hidden):
    for page in hidden.pages.values():
        for parameter in ("child_of", "descendant_of", "ancestor_of", "translation_of"):
            response = visitor.get(API, {parameter: page.pk})
            assert response.status_code == 400, (parameter, page)


def test_other_sites_pages_show_on_their_own_site_only(client, hidden, section):
    other = hidden.pages["other site"]
    response = client.get(f"{API}{other.pk}/", HTTP_HOST="other.example")
    assert response.status_code == 200
    other_listing = client.get(API, {"limit": 100}, HTTP_HOST="other.example").json()["items"]
    assert {item["id"] for item in other_listing} == {
        other.pk,
        hidden.pages["other site's home"].pk,
    }


def test_translations_leave_out_hidden_versions(client, hidden, section):
    response = client.get(f"{API}{section.rials.pk}/")
    # RENGO-RIALS's Japanese page is under a restricted index.
    assert response.json()["meta"]["translations"] == []
    response = client.get(f"{API}{section.jcrp.pk}/")
    assert response.json()["meta"]["translations"] == []
    hidden.about_ja_restriction.delete()
    response = client.get(f"{API}{section.rials.pk}/")
    assert [t["id"] for t in response.json()["meta"]["translations"]] == [section.rials_ja.pk]
