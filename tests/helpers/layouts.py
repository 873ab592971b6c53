"""Where conftest's ``section`` is served: its paths, its domains and the two URL layouts.

One domain with /en/ and /ja/ prefixes ("prefixes"), or one domain per
language without prefixes ("domains", RENGO's own set-up). The ``layout``
fixture in ``tests/conftest.py`` serves the section in each layout in turn and
hands the test a ``Layout``.
"""

from types import SimpleNamespace

from django.test import RequestFactory
from wagtail.models import Site

from rengo_wagtail.middleware import MIDDLEWARE_PATH

ABOUT = "/about-rengo/"
INDEX = ABOUT + "related-organizations/"
RIALS = INDEX + "rengo-rials/"
JCRP = INDEX + "jcrp/"

DOMAINS = {"en": "jtuc-rengo.org", "ja": "jtuc-rengo.or.jp"}
SHARED_DOMAIN = "www.example.org"

# Another site's origin, calling the API from a browser (CORS).
ORIGIN = "https://app.example"

LAYOUTS = ["prefixes", "domains"]


class Layout(SimpleNamespace):
    """Where each language lives in one layout, and how a page links to another."""

    def host(self, language):
        return DOMAINS[language] if self.per_language_domains else SHARED_DOMAIN

    def path(self, language, path):
        """The path of a page on its own domain."""
        return path if self.per_language_domains else f"/{language}{path}"

    def url(self, language, path):
        """The absolute URL of a page."""
        return f"https://{self.host(language)}{self.path(language, path)}"

    def link(self, from_language, language, path):
        """A link as a page in ``from_language`` writes it: a path on its own domain."""
        if self.host(from_language) == self.host(language):
            return self.path(language, path)
        return self.url(language, path)

    def get(self, client, language, path, **headers):
        return client.get(
            self.path(language, path), headers=headers, HTTP_HOST=self.host(language), secure=True
        )

    def request(self, language):
        return RequestFactory().get("/", HTTP_HOST=self.host(language), secure=True)


def per_language_sites(section):
    """The English Site on jtuc-rengo.org (default) and a Japanese one on jtuc-rengo.or.jp."""
    site = section.site
    site.hostname, site.port = DOMAINS["en"], 443
    site.save()
    Site.objects.create(
        hostname=DOMAINS["ja"], port=443, root_page=section.home_ja, site_name="連合"
    )


def serve_in_layout(name, section, settings, domains_urlconf):
    """Serve ``section`` in the layout ``name`` ("prefixes" or "domains").

    With one domain per language, ``domains_urlconf`` (an unprefixed URLconf)
    and our middleware serve it; with prefixes, the URLconf in ``settings``.
    Clear Wagtail's cache of Site root paths when the test is done: it
    outlives the test's database.
    """
    if name == "domains":
        per_language_sites(section)
        settings.ROOT_URLCONF = domains_urlconf
        position = settings.MIDDLEWARE.index("django.middleware.locale.LocaleMiddleware") + 1
        settings.MIDDLEWARE = [
            *settings.MIDDLEWARE[:position],
            MIDDLEWARE_PATH,
            *settings.MIDDLEWARE[position:],
        ]
    else:
        site = section.site
        site.hostname, site.port = SHARED_DOMAIN, 443
        site.save()
    return Layout(name=name, per_language_domains=name == "domains")
