"""schema.org JSON-LD of our pages: what it says, in both languages and URL layouts, and that no
content can break out of its script element."""

import json
from html.parser import HTMLParser
from io import BytesIO

import pytest
from django.core.cache import cache
from django.core.files.images import ImageFile
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image as PILImage
from wagtail.images.models import Image

from rengo_wagtail.delivery import structured_data
from tests.helpers.html import soup
from tests.helpers.layouts import INDEX, JCRP, RIALS

pytestmark = pytest.mark.django_db

EN_INDEX = "/en/about-rengo/related-organizations/"
SITE = "http://localhost"

RENGO_EN = {
    "@type": "Organization",
    "name": "Japanese Trade Union Confederation (JTUC-RENGO)",
    "url": "https://www.jtuc-rengo.org/",
}
RENGO_JA = {
    "@type": "Organization",
    "name": "日本労働組合総連合会（連合）",  # noqa: RUF001 (Japanese parentheses)
    "url": "https://www.jtuc-rengo.or.jp/",
}

HOSTILE = [
    "</script><script>alert(1)</script>",
    "</SCRIPT >x",
    "<!--<script>",
    "<!-- </script> -->",
    "a ]]> b <![CDATA[ c",
    "& &amp; &lt; \"quoted\" 'single' \\ backslash",
    "line\u2028separator\u2029paragraph",
    # No NUL: PostgreSQL cannot store it in a page title (the installer refuses it too).
    "tab\tbell\x07return\r\n",
    "日本語 </script>の名前",
]


class Scripts(HTMLParser):
    """Every ``<script>`` element of a document, with its text, as the HTML parser reads them."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.scripts, self._open = [], None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._open = {"attrs": dict(attrs), "text": ""}

    def handle_data(self, data):
        if self._open is not None:
            self._open["text"] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._open is not None:
            self.scripts.append(self._open)
            self._open = None


def json_ld(response):
    """The one script element of the page, which must be its JSON-LD, parsed."""
    assert response.status_code == 200
    scripts = Scripts(response.content.decode()).scripts
    assert len(scripts) == 1, scripts
    assert scripts[0]["attrs"] == {"type": "application/ld+json"}
    return json.loads(scripts[0]["text"])


def logo():
    # Wagtail caches renditions by image id, which a rolled-back test database hands out again.
    cache.clear()
    buffer = BytesIO()
    PILImage.new("RGB", (640, 320), "white").save(buffer, "PNG")
    return Image.objects.create(title="Logo", file=ImageFile(buffer, name="logo.png"))


def test_organization_page_in_english(client, section):
    section.rials.founded_by_rengo = True
    section.rials.logo = logo()
    section.rials.save_revision().publish()
    data = json_ld(client.get(EN_INDEX + "rengo-rials/"))
    url = SITE + EN_INDEX + "rengo-rials/"
    organization = data.pop("mainEntity")
    image = organization.pop("logo")
    assert data == {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "inLanguage": "en",
        "url": url,
        "name": "RENGO Research Institute for Advancement of Living Standards",
        "about": {"@id": url + "#organization"},
        # The Japanese page is its translation (issue 21: one entity, linked versions).
        "workTranslation": [{"@id": SITE + "/ja/about-rengo/related-organizations/rengo-rials/"}],
    }
    assert organization == {
        "@type": "Organization",
        "@id": url + "#organization",
        "name": "RENGO Research Institute for Advancement of Living Standards",
        "alternateName": "RENGO-RIALS",
        "legalName": "RENGO Research Institute for Advancement of Living Standards",
        "foundingDate": "1987-12",
        "url": "https://www.rengo-soken.or.jp/",
        "description": "The RENGO think-tank.",
        "founder": RENGO_EN,
    }
    rendition = section.rials.logo.get_rendition(structured_data.LOGO_FILTER)
    assert (rendition.width, rendition.height) == (320, 160)
    # Described in the page's language (tests/test_logo_alt.py).
    assert image == {
        "@type": "ImageObject",
        "url": SITE + rendition.url,
        "width": 320,
        "height": 160,
        "caption": "RENGO-RIALS logo",
    }


def test_organization_page_in_japanese(client, section):
    # A fact shared by every language: set on the source page, and on the translation.
    for page in (section.rials, section.rials_ja):
        page.refresh_from_db()
        page.founded_by_rengo = True
        page.save_revision().publish()
    data = json_ld(client.get("/ja/about-rengo/related-organizations/rengo-rials/"))
    assert (data["inLanguage"], data["url"]) == (
        "ja",
        SITE + "/ja/about-rengo/related-organizations/rengo-rials/",
    )
    organization = data["mainEntity"]
    assert organization["name"] == "連合総合生活開発研究所"
    assert organization["alternateName"] == "連合総研"
    # Japanese writes the legal form before the name.
    assert organization["legalName"] == "公益財団法人 連合総合生活開発研究所"
    assert data["name"] == organization["legalName"]
    assert organization["foundingDate"] == "1987-12"
    assert organization["founder"] == RENGO_JA
    assert "logo" not in organization, organization.get("logo")


def test_only_organizations_rengo_founded_name_it_as_founder(client, section):
    organization = json_ld(client.get(EN_INDEX + "jcrp/"))["mainEntity"]
    assert "founder" not in organization
    assert organization["foundingDate"] == "1991"
    # No legal form, so no legal name (issue 21).
    assert "legalName" not in organization and "logo" not in organization


def test_a_logo_whose_file_is_missing_is_left_out(client, section):
    image = logo()
    section.rials.logo = image
    section.rials.save_revision().publish()
    image.file.storage.delete(image.file.name)
    image.renditions.all().delete()
    organization = json_ld(client.get(EN_INDEX + "rengo-rials/"))["mainEntity"]
    assert "logo" not in organization, organization.get("logo")


def test_index_lists_its_organizations_in_both_layouts(client, layout, section):
    english = json_ld(layout.get(client, "en", INDEX))
    assert english == {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": "Related Organizations",
        "url": layout.url("en", INDEX),
        "numberOfItems": 2,
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": 1,
                "url": layout.url("en", RIALS),
                "name": "RENGO Research Institute for Advancement of Living Standards",
            },
            {
                "@type": "ListItem",
                "position": 2,
                "url": layout.url("en", JCRP),
                "name": "Japanese Confederation of Retired Persons",
            },
        ],
    }
    japanese = json_ld(layout.get(client, "ja", INDEX))
    assert japanese["url"] == layout.url("ja", INDEX)
    assert japanese["itemListElement"] == [
        {
            "@type": "ListItem",
            "position": 1,
            "url": layout.url("ja", RIALS),
            "name": "公益財団法人 連合総合生活開発研究所",
        },
        # Untranslated, listed in English (fallback) at its one real URL, the English page's.
        {
            "@type": "ListItem",
            "position": 2,
            "url": layout.url("en", JCRP),
            "name": "Japanese Confederation of Retired Persons",
        },
    ]


def test_organization_page_url_is_on_its_languages_domain(client, layout, section):
    data = json_ld(layout.get(client, "ja", RIALS))
    assert data["url"] == layout.url("ja", RIALS)
    # One organization in every language: its @id is the source page's (issue 21).
    assert data["mainEntity"]["@id"] == layout.url("en", RIALS) + "#organization"
    assert data["translationOfWork"] == {"@id": layout.url("en", RIALS)}


def test_other_pages_carry_none(client, section):
    response = client.get("/en/about-rengo/")
    assert Scripts(response.content.decode()).scripts == []


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_content_stays_inside_the_script(client, section, text):
    section.rials.title = text
    section.rials.short_name = text
    section.rials.summary = text
    section.rials.save_revision().publish()
    for path in (EN_INDEX + "rengo-rials/", EN_INDEX):
        response = client.get(path)
        data = json_ld(response)
        if path == EN_INDEX:
            assert data["itemListElement"][0]["name"] == text
        else:
            organization = data["mainEntity"]
            assert organization["name"] == organization["alternateName"] == text
            assert organization["description"] == text
        # The parser left the script where we ended it: the content that follows is intact.
        document = soup(response)
        heading = document.select_one(".rengo h1" if path != EN_INDEX else ".rengo h2")
        assert heading.get_text(strip=True) == text.strip()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


@given(json_values)
def test_any_data_reads_back_from_the_script(data):
    html = f"<head>{structured_data.script(data)}<title>after</title></head>"
    scripts = Scripts(html).scripts
    assert len(scripts) == 1
    assert json.loads(scripts[0]["text"]) == data
    assert "<" not in scripts[0]["text"] and ">" not in scripts[0]["text"]
