"""Every public page, in both languages, at a desktop and a 320 px phone width: axe-core
finds no WCAG 2.1 A/AA violation, and nothing scrolls sideways (WCAG 1.4.10, reflow).

The pages are served with the example site's base template (header, skip link,
search box, footer) and its search page, as a visitor of the example site sees
them. axe-core comes from axe-playwright-python, which ships it: nothing is
downloaded at run time.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from wagtail.models import Locale, Page, Site

from rengo_wagtail.models import OrganizationIndexPage, OrganizationPage
from tests.helpers.pages import EDITOR
from tests.settings import REPO_DIR

WIDTHS = {"desktop": 1280, "phone": 320}
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}

# In the browser: nothing when the page fits the viewport's width, else what sticks out.
OVERFLOWING = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  if (root.scrollWidth <= width) return [];
  const wide = [...document.querySelectorAll("body *")]
    .filter((element) => element.getBoundingClientRect().right > width + 0.5)
    .map((element) => element.outerHTML.slice(0, 120));
  return wide.length ? wide : [`the page is ${root.scrollWidth}px wide`];
}"""


@pytest.fixture
def default_site(live_server, transactional_db, settings):
    """Wagtail's default Site and home page, as its migrations create them.

    A live-server test flushes the database when it ends, and with it what
    migrations wrote; the journey (test_journey.py) runs before this module.
    """
    if not Site.objects.filter(is_default_site=True).exists():
        locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
        home = root.add_child(instance=Page(title="Home", slug="home", locale=locale))
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)


@pytest.fixture
def example_site(default_site, site, settings):
    """The shipped section behind the example site's templates, static files and search page."""
    settings.ROOT_URLCONF = "tests.urls_search"
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "DIRS": [REPO_DIR / "example_site/templates", *settings.TEMPLATES[0]["DIRS"]],
        }
    ]
    settings.STATICFILES_DIRS = [REPO_DIR / "example_site/static"]
    settings.RENGO_WAGTAIL_LANGUAGE_SWITCHER = False  # the example site's header prints it
    return site


def public_paths():
    """The URL path of every page of the section in every language, and the search pages."""
    pages = [
        *OrganizationIndexPage.objects.live().order_by("locale__language_code"),
        *OrganizationPage.objects.live().order_by("locale__language_code", "path"),
    ]
    paths = [page.specific.get_url() for page in pages]
    for language, query in (("en", "labour"), ("ja", "労働")):
        paths += [f"/{language}/search/", f"/{language}/search/?query={query}"]
    return paths


def violations(page):
    """axe-core's violations on the page, one line per rule and element."""
    results = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    return [
        f"{rule['id']} ({rule['impact']}): {node['target']} {node['failureSummary']}"
        for rule in results
        for node in rule["nodes"]
    ]


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_public_pages_pass_axe_and_reflow(example_site, page, width):
    page.set_viewport_size({"width": width, "height": 800})
    paths = public_paths()
    assert len(paths) == 2 * (1 + 8) + 4
    problems = {}
    for path in paths:
        response = page.goto(example_site.url + path)
        assert response.status == 200, path
        found = violations(page)
        if width == WIDTHS["phone"]:
            found += [f"wider than {width}px: {html}" for html in page.evaluate(OVERFLOWING)]
        if found:
            problems[path] = found
    assert not problems, "\n".join(
        f"{path}:\n  " + "\n  ".join(found) for path, found in problems.items()
    )


def test_the_checks_catch_mistakes(example_site, page):
    """An image without text and a paragraph too wide for a phone are caught."""
    page.set_viewport_size({"width": WIDTHS["phone"], "height": 800})
    page.goto(example_site.url + "/ja/search/")
    assert violations(page) == [] and page.evaluate(OVERFLOWING) == []
    page.evaluate(
        """() => document.querySelector("main").insertAdjacentHTML("beforeend",
        '<img src="/logo.png"><p style="width: 400px">' + "労".repeat(30) + "</p>")"""
    )
    assert any(line.startswith("image-alt") for line in violations(page))
    assert page.evaluate(OVERFLOWING)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_report_and_confirm_pages_pass_axe(default_site, site, page, language):
    """The translation report and the publish-together confirm page, in the admin's
    English and Japanese: axe-core finds no WCAG 2.1 A/AA violation."""
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    editor = get_user_model().objects.get(username=EDITOR["username"])
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = language
    profile.save()
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 800})
    page.goto(site.url + "/admin/login/")
    page.fill("#id_username", EDITOR["username"])
    page.fill("#id_password", EDITOR["password"])
    page.get_by_role("button", name="Sign in").click()
    page.locator("#wagtail").wait_for()
    source = OrganizationPage.objects.filter(locale__language_code="en").order_by("path").first()
    problems = {}
    for path in ("/admin/rengo/translations/", f"/admin/rengo/publish-together/?id={source.pk}"):
        response = page.goto(site.url + path)
        assert response.status == 200, path
        found = violations(page)
        if found:
            problems[path] = found
    assert not problems, "\n".join(
        f"{path}:\n  " + "\n  ".join(found) for path, found in problems.items()
    )
