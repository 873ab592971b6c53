"""What a Japanese editor's browser and screen reader get from our admin pages.

English page titles inside the Japanese admin are marked ``lang="en"`` (WCAG
3.1.2, language of parts), and dates are machine-readable in a form HTML
accepts (no microseconds in ``<time datetime>``).
"""

import re

import pytest
from wagtail.users.models import UserProfile

from tests.helpers.html import soup

pytestmark = pytest.mark.django_db

REPORT = "/admin/rengo/translations/"
CONFIRM = "/admin/rengo/publish-together/"
# HTML's global date and time: seconds at most to the millisecond; ours to the second.
HTML_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:?\d{2})$")


@pytest.fixture
def japanese_admin(client, admin_user):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "ja"
    profile.save()
    client.force_login(admin_user)
    return client


def test_report_marks_english_titles(section, japanese_admin):
    document = soup(japanese_admin.get(REPORT))
    assert document.html["lang"] == "ja"
    links = document.select("table.rengo-translation-report td.title a")
    assert {link.get_text(strip=True): link.get("lang") for link in links} == {
        section.index.title: "en",
        section.rials.title: "en",
        section.jcrp.title: "en",
    }


def test_report_dates_are_valid_html_datetimes(section, japanese_admin):
    document = soup(japanese_admin.get(REPORT))
    dates = [time["datetime"] for time in document.select("table.rengo-translation-report time")]
    assert dates and all(HTML_DATETIME.match(value) for value in dates), dates


def test_confirm_page_marks_english_headings(section, japanese_admin):
    document = soup(japanese_admin.get(CONFIRM, {"id": [section.rials.pk, section.jcrp.pk]}))
    headings = document.select("form.rengo-publish-together h2")
    assert [(h2.get_text(strip=True), h2.get("lang")) for h2 in headings] == [
        (section.rials.title, "en"),
        (section.jcrp.title, "en"),
    ]


def test_report_filters_by_one_language_filter(section, japanese_admin):
    # Wagtail's own "Locale" filter would filter the source pages, not the columns.
    document = soup(japanese_admin.get(REPORT))
    assert document.select("[name=language]")
    assert not document.select("[name=locale]")
