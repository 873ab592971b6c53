"""More organizations than the eight the app ships: for query counts and paging."""

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale

from rengo_wagtail.models import OrganizationIndexPage, OrganizationPage
from tests.helpers.pages import publish, translate

# Organizations in each language: as shipped, and after ``grow_to(GROWN)``.
SHIPPED = 8
GROWN = 50


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


def logo(number):
    """An image for organization ``number``: Wagtail's test image, under its own name."""
    image_file = get_test_image_file()
    return get_image_model().objects.create(
        title=f"Logo {number}", file=ContentFile(image_file.file.getvalue(), f"logo{number}.png")
    )


def add_organizations(count):
    """``count`` more organizations, each in English and Japanese, each with a logo."""
    ja = Locale.objects.get(language_code="ja")
    index = OrganizationIndexPage.objects.get(locale__language_code="en")
    start = OrganizationPage.objects.filter(locale__language_code="en").count()
    for number in range(start, start + count):
        page = index.add_child(
            instance=OrganizationPage(
                title=f"Organization {number}",
                slug=f"organization-{number}",
                category="welfare",
                founded_year=1990,
                founded_month=4,
                summary="An organization.",
                body=[("heading", "About"), ("paragraph", "<p>Text.</p>")],
                logo=logo(number),
            )
        )
        publish(page)
        translation = page.copy_for_translation(ja, copy_parents=True)
        translation.title = f"団体 {number}"
        translation.save()
        publish(translation)


def add_organizations_in_mixed_states(section, locales, count):
    """``count`` organizations in all (with the section's two), each published; two in three
    translated into Japanese, one in five then edited in English."""
    for number in range(count - 2):
        page = section.index.add_child(
            instance=OrganizationPage(
                title=f"Organization {number}",
                slug=f"organization-{number}",
                category="research",
                summary="An organization.",
            )
        )
        publish(page)
        if number % 3:
            translate(page, locales.ja, title=f"団体 {number}")
        if number % 5 == 0:
            page.summary = "Changed."
            page.save_revision().publish()
