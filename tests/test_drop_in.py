"""Installed in a host site, the app changes nothing for the host's own pages unless asked.

Wagtail's own test suite, run with and without the app (``scripts/wagtail_suite.py``),
is the wider check; these pin down the two places the app reaches host pages.
"""

import pytest
from wagtail import hooks

from rengo_wagtail.delivery import purge

pytestmark = pytest.mark.django_db

CASCADE_HOOK = "construct_translated_pages_to_cascade_actions"


def cascade_answers(pages, action):
    """What the app's registered cascade hooks answer, as Wagtail's views ask them."""
    ours = [fn for fn in hooks.get_hooks(CASCADE_HOOK) if fn.__module__.startswith("rengo_")]
    assert ours
    return [fn(pages, action) for fn in ours]


def test_publishing_a_host_page_purges_only_our_sitemap(section):
    # The page itself is Wagtail's frontend_cache's to purge; its parent shows
    # nothing of ours. Our sitemap lists it, so that copy is stale.
    assert purge.purge_urls(section.about) == [f"{section.site.root_url}/sitemap.xml"]
    assert purge.purge_urls(section.about_ja) == purge.purge_urls(section.about)


def test_a_host_can_ask_for_its_pages_to_be_purged_in_every_language(section, settings):
    settings.RENGO_WAGTAIL_PURGE_HOST_PAGES = True
    root = section.site.root_url
    assert set(purge.purge_urls(section.about)) == {
        f"{root}/en/about-rengo/",
        f"{root}/ja/about-rengo/",
        f"{root}/en/",
        f"{root}/ja/",
        f"{root}/sitemap.xml",
    }


def test_our_pages_purge_every_language_as_before(section):
    urls = purge.purge_urls(section.rials)
    assert f"{section.site.root_url}/ja/about-rengo/related-organizations/" in urls


@pytest.mark.parametrize("action", ["unpublish", "move", "delete"])
def test_the_cascade_hook_answers_none_for_host_pages(section, action):
    assert cascade_answers([section.about], action) == [None]


def test_the_cascade_hook_answers_none_when_simple_translation_syncs_the_tree(section, settings):
    settings.WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = True
    assert cascade_answers([section.rials], "unpublish") == [None]


def test_the_cascade_hook_names_our_source_pages_translations(section):
    (answer,) = cascade_answers([section.rials], "unpublish")
    assert [page.pk for page in answer[section.rials]] == [section.rials_ja.pk]


def test_wagtails_stock_api_serves_our_page_types(client, section, settings):
    # A host that keeps Wagtail's own pages endpoint gets our declared fields there too.
    settings.ROOT_URLCONF = "tests.urls_api"
    response = client.get(
        "/api/stock/pages/", {"type": "rengo_wagtail.OrganizationPage", "fields": "*"}
    )
    assert response.status_code == 200
    items = {item["title"]: item for item in response.json()["items"]}
    rials = items["RENGO Research Institute for Advancement of Living Standards"]
    assert rials["name"] == rials["title"]
    assert rials["founded"] == {"iso": "1987-12", "display": "December 1987"}
    assert rials["short_name"] == "RENGO-RIALS"
    detail = client.get(f"/api/stock/pages/{section.rials.pk}/").json()
    assert "body_html" in detail
