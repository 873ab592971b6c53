"""Arbitrary text in the organization's text fields stays well-formed and escaped everywhere.

Editors type anything into titles and summaries: each example gives an
organization such text and reads it back from the page (HTML and JSON-LD),
the translation report's CSV export and ``rengo_translation_status``.
"""

import csv
import io
import json
import re
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rengo_wagtail.escaping import spreadsheet_cell
from rengo_wagtail.models import OrganizationPage
from tests.helpers.pages import publish

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# What a form accepts: no NUL (Django's forms refuse it), no lone surrogates.
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=60,
).filter(lambda text: text.strip())
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
URL = "/en/about-rengo/related-organizations/jcrp/"


def normalized(text):
    """Text as an HTML parser reads it back: line ends as LF, outer space gone."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


@FUZZ
@given(title=TEXT, summary=TEXT)
def test_any_title_and_summary_render_escaped_everywhere(
    section, client, admin_client, title, summary
):
    page = OrganizationPage.objects.get(pk=section.jcrp.pk)
    page.title, page.summary = title.strip(), summary
    publish(page)

    response = client.get(URL)
    assert response.status_code == 200
    document = BeautifulSoup(response.content, "html.parser")
    assert document.find("h1").get_text().strip() == page.title.strip()
    (script,) = document.find_all("script", type="application/ld+json")
    data = json.loads(script.string)
    assert data["mainEntity"]["name"] == page.title
    assert data["mainEntity"]["description"] == summary

    report = admin_client.get("/admin/rengo/translations/", {"export": "csv"})
    text = b"".join(report.streaming_content).decode("utf-8-sig")
    titles = [row[0] for row in csv.reader(io.StringIO(text, newline=""))]
    assert spreadsheet_cell(page.title) in titles

    out = StringIO()
    call_command("rengo_translation_status", stdout=out)
    assert not CONTROLS.search(out.getvalue().replace("\n", ""))
