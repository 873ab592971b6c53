"""SiteLanguageMiddleware and its system checks (``rengo_wagtail.site_checks``)."""

from functools import partial

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.core import checks
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import include, path
from django.utils import translation
from wagtail import urls as wagtail_urls
from wagtail.models import Site

from rengo_wagtail.middleware import MIDDLEWARE_PATH, SiteLanguageMiddleware
from tests.helpers import checks as check_messages
from tests.helpers.html import soup

# W008 reads the Sites: with the database checks, unless a test says otherwise.
our_messages = partial(check_messages.our_messages, databases=("default",))

# The URLconf of a host that leaves its default language unprefixed (used below
# through ROOT_URLCONF = "tests.test_middleware").
urlpatterns = i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=False)

LOCALE_MIDDLEWARE = "django.middleware.locale.LocaleMiddleware"
RIALS = "/about-rengo/related-organizations/rengo-rials/"
EN, JA = "jtuc-rengo.org", "jtuc-rengo.or.jp"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_site_root_paths():
    # Wagtail caches the Sites' root paths, and the cache outlives each test's database.
    yield
    Site.clear_site_root_paths_cache()


def with_middleware(middleware, after=LOCALE_MIDDLEWARE):
    position = middleware.index(after) + 1
    return [*middleware[:position], MIDDLEWARE_PATH, *middleware[position:]]


@pytest.fixture
def sites(section):
    """The English Site on jtuc-rengo.org (default), the Japanese on jtuc-rengo.or.jp."""
    section.site.hostname, section.site.port = EN, 443
    section.site.save()
    site_ja = Site.objects.create(hostname=JA, port=443, root_page=section.home_ja)
    return section.site, site_ja


@pytest.fixture
def domains(sites, settings):
    """One domain per language: no language prefixes, the middleware installed."""
    settings.ROOT_URLCONF = "tests.urls_domains"
    settings.MIDDLEWARE = with_middleware(settings.MIDDLEWARE)
    return sites


def language_of(response):
    return soup(response).select_one(".rengo")["lang"]


def get(client, host, path, **headers):
    return client.get(path, headers=headers, HTTP_HOST=host, secure=True)


def test_each_domain_serves_its_own_language_whatever_the_browser_prefers(client, domains):
    for host, language, other in ((EN, "en", "ja"), (JA, "ja", "en")):
        response = get(client, host, RIALS, accept_language=other)
        assert language_of(response) == language
        assert response["Content-Language"] == language
        client.cookies["django_language"] = other
        assert language_of(get(client, host, RIALS)) == language
        del client.cookies["django_language"]


def test_it_sets_the_requests_language_code(domains):
    seen = {}

    def view(request):
        seen.update(request=request.LANGUAGE_CODE, active=translation.get_language())
        return HttpResponse()

    request = RequestFactory().get(RIALS, HTTP_HOST=JA, secure=True)
    request.LANGUAGE_CODE = "en"  # as LocaleMiddleware left it for an English browser
    with translation.override("en"):
        response = SiteLanguageMiddleware(view)(request)
    assert seen == {"request": "ja", "active": "ja"}
    assert response["Content-Language"] == "ja"


def test_a_request_no_site_answers_is_left_alone(domains):
    Site.objects.update(is_default_site=False)
    request = RequestFactory().get(RIALS, HTTP_HOST="elsewhere.example")
    assert SiteLanguageMiddleware(HttpResponse).site_language(request) is None


def test_without_it_the_browser_picks_the_language_on_either_domain(client, sites, settings):
    """The Wagtail behaviour the middleware exists for."""
    settings.ROOT_URLCONF = "tests.urls_domains"
    assert language_of(get(client, EN, RIALS, accept_language="ja")) == "ja"


def test_language_prefixes_still_redirect_each_visitor_to_their_language(client, section, settings):
    settings.MIDDLEWARE = with_middleware(settings.MIDDLEWARE)
    response = client.get("/", headers={"accept-language": "ja"})
    assert response.status_code == 302
    assert response["Location"] == "/ja/"
    ja = client.get("/ja" + RIALS, headers={"accept-language": "en"})
    assert language_of(ja) == "ja"
    assert ja["Content-Language"] == "ja"


def test_an_unprefixed_default_language_is_the_sites_language(client, section, settings):
    settings.ROOT_URLCONF = "tests.test_middleware"
    settings.MIDDLEWARE = with_middleware(settings.MIDDLEWARE)
    english = client.get(RIALS, headers={"accept-language": "ja"})
    assert language_of(english) == "en"
    assert english["Content-Language"] == "en"
    assert language_of(client.get("/ja" + RIALS, headers={"accept-language": "en"})) == "ja"


# The system checks.


def test_per_language_sites_without_the_middleware_get_a_warning(sites):
    message = our_messages()["rengo_wagtail.W008"]
    assert message.level == checks.WARNING
    assert f"'{EN}'" in message.msg
    assert f"'{JA}'" in message.msg
    assert MIDDLEWARE_PATH in message.hint
    assert LOCALE_MIDDLEWARE in message.hint


def test_the_warning_needs_the_database_check(sites):
    # Like Django's own database checks: `migrate` and `check --database default`.
    assert "rengo_wagtail.W008" not in our_messages(databases=None)


def test_no_warning_with_the_middleware(sites, settings):
    settings.MIDDLEWARE = with_middleware(settings.MIDDLEWARE)
    assert our_messages() == {}


@pytest.mark.parametrize("alias", [False, True])
def test_no_warning_for_one_domain(section, alias):
    if alias:
        # A second hostname for the same home page is not a second language.
        Site.objects.create(hostname="www.example.org", root_page=section.home)
    assert our_messages() == {}


def test_middleware_before_locale_middleware_is_an_error(settings):
    settings.MIDDLEWARE = with_middleware(
        settings.MIDDLEWARE, after="django.contrib.sessions.middleware.SessionMiddleware"
    )
    assert settings.MIDDLEWARE.index(MIDDLEWARE_PATH) < settings.MIDDLEWARE.index(LOCALE_MIDDLEWARE)
    message = our_messages(databases=None)["rengo_wagtail.E009"]
    assert message.level == checks.ERROR
    assert MIDDLEWARE_PATH in message.hint
    assert LOCALE_MIDDLEWARE in message.hint
