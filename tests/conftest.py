"""Fixtures every test module may take without importing them.

Plain helpers (functions, constants) are in ``tests/helpers/``, which test
modules import; no test module imports another. A module whose tests also run
with wagtail-localize in charge of translation says so itself with
``pytestmark = pytest.mark.localize`` (``scripts/version_leg.py localize``
runs those with ``tests.settings_localize``).
"""

import os
from types import SimpleNamespace

import pytest
from django.utils import translation
from wagtail.models import Locale, Page, Site

from tests.helpers.layouts import LAYOUTS, serve_in_layout
from tests.helpers.pages import EDITING, make_editor, publish, translate

# pytest-django's live_server runs the site in a thread beside async Playwright.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def english_outside_requests():
    """Each test starts in the default language: a request to /ja/ leaves Japanese active."""
    translation.activate("en")
    yield
    translation.deactivate()


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


@pytest.fixture
def about(locales):
    """Home > About RENGO, both in English and in Japanese, both live."""
    home = Site.objects.get(is_default_site=True).root_page
    home.title, home.slug = "Home", "home"
    publish(home)
    about = home.add_child(instance=Page(title="About RENGO", slug="about-rengo"))
    publish(about)
    translate(home, locales.ja, title="ホーム")
    about_ja = translate(about, locales.ja, title="連合について")
    return SimpleNamespace(en=about, ja=about_ja)


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


@pytest.fixture
def api(settings):
    """The headless API at /api/v2/ beside the pages (tests/urls_api.py)."""
    settings.ROOT_URLCONF = "tests.urls_api"
    settings.WAGTAILAPI_LIMIT_MAX = 100


@pytest.fixture
def page_cache(settings):
    """rengo-wagtail's page cache on, in a fresh local-memory cache (one process here)."""
    from django.core.cache import cache

    settings.RENGO_WAGTAIL_PAGE_CACHE = "default"
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "rengo_wagtail.middleware.PageCacheMiddleware"]
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"}
    }
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def cors(settings):
    """The API shared with other origins through django-cors-headers, read-only."""
    settings.ROOT_URLCONF = "tests.urls_api"
    settings.MIDDLEWARE = ["corsheaders.middleware.CorsMiddleware", *settings.MIDDLEWARE]
    settings.CORS_URLS_REGEX = r"^/api/v2/"
    settings.CORS_ALLOW_ALL_ORIGINS = True
    settings.CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
    return settings


@pytest.fixture
def per_language_domains_urlconf():
    """The URLconf ``layout`` serves one domain per language with: pages, no language prefix.

    A module whose tests want the API beside the pages in both layouts says so
    by overriding this fixture with one that also takes ``api``::

        @pytest.fixture
        def per_language_domains_urlconf(api):
            return "tests.urls_api_domains"
    """
    return "tests.urls_domains"


@pytest.fixture(params=LAYOUTS)
def layout(request, section, settings, per_language_domains_urlconf):
    """``section`` served in each URL layout in turn (tests.helpers.layouts)."""
    yield serve_in_layout(request.param, section, settings, per_language_domains_urlconf)
    Site.clear_site_root_paths_cache()
