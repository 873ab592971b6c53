"""Our pages take the same number of SQL queries however many organizations the section has.

Measured with the shipped content (8 organizations in English and Japanese) and
again after growing the section to 50 organizations in both languages, in both
URL layouts (one domain with language prefixes, one domain per language).
"""

from io import BytesIO, StringIO
from types import SimpleNamespace

import pytest
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Site

from rengo_wagtail.models import OrganizationIndexPage, OrganizationPage
from tests.helpers.html import soup

pytestmark = pytest.mark.django_db

INDEX = "/related-organizations/"
SHIPPED = 8
GROWN = 50
# The most queries a page may take (a session-less, anonymous visit). The
# Japanese index takes the most: its stand-ins (rengo_wagtail.fallback) and ETag.
MAX_QUERIES = {"index": 30, "organization": 25}


def shipped_section(locales):
    """The shipped content, installed under the default Site's home page, in both languages."""
    call_command("rengo_load_organizations", stdout=StringIO())
    site = Site.objects.get(is_default_site=True)
    home = site.root_page
    return SimpleNamespace(site=site, home=home, home_ja=home.get_translation(locales.ja))


@pytest.fixture
def section(locales):
    """Overrides conftest's ``section``, which the ``layout`` fixture places on its domains."""
    return shipped_section(locales)


def logo():
    buffer = BytesIO()
    PILImage.new("RGB", (400, 200), "white").save(buffer, "PNG")
    return Image.objects.create(title="Logo", file=ImageFile(buffer, name="logo.png"))


def grow_to(count):
    """Add organizations to each language's index until it has ``count`` of them."""
    indexes = {
        index.locale.language_code: index
        for index in OrganizationIndexPage.objects.select_related("locale")
    }
    now = timezone.now()
    existing = OrganizationPage.objects.filter(locale__language_code="en").count()
    for number in range(existing, count):
        facts = {
            "slug": f"organization-{number}",
            "legal_form": "general_association",
            "founded_year": 1990,
            "founded_month": 4,
            "founded_by_rengo": True,
            "category": "welfare",
            "website": f"https://organization-{number}.example/",
            "live": True,
            "first_published_at": now,
            "last_published_at": now,
        }
        english = indexes["en"].add_child(
            instance=OrganizationPage(
                title=f"Organization {number}",
                short_name=f"ORG{number}",
                summary=f"Organization number {number}.",
                **facts,
            )
        )
        indexes["ja"].add_child(
            instance=OrganizationPage(
                title=f"団体{number}",
                short_name=f"団{number}",
                summary=f"{number}番目の団体です。",
                locale=indexes["ja"].locale,
                translation_key=english.translation_key,
                **facts,
            )
        )


def queries(client, layout, language, path):
    """The number of queries of one visit to ``path``, after a first visit that warms caches."""
    soup(layout.get(client, language, path))
    with CaptureQueriesContext(connection) as captured:
        document = soup(layout.get(client, language, path))
    return len(captured), document


PAGES = {"index": INDEX, "organization": INDEX + "rengo-rials/"}


@pytest.mark.parametrize("language", ["en", "ja"])
@pytest.mark.parametrize("kind", PAGES)
def test_queries_do_not_grow_with_the_organizations(
    client, layout, section, language, kind, django_assert_max_num_queries
):
    rials = OrganizationPage.objects.get(locale__language_code=language, slug="rengo-rials")
    rials.logo = logo()
    rials.save()
    shipped, document = queries(client, layout, language, PAGES[kind])
    assert len(document.select(".rengo-organization-card")) == (SHIPPED if kind == "index" else 0)
    grow_to(GROWN)
    with django_assert_max_num_queries(MAX_QUERIES[kind]):
        document = soup(layout.get(client, language, PAGES[kind]))
    grown, document = queries(client, layout, language, PAGES[kind])
    assert len(document.select(".rengo-organization-card")) == (GROWN if kind == "index" else 0)
    assert grown == shipped
