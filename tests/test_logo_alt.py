"""The logo's alt text per language (``OrganizationPage.logo_alt``): the image is shared, what
it shows is told in each page's language, in the HTML, the JSON-LD and the API."""

import importlib
import json
from io import StringIO

import polib
import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rengo_wagtail.content.files import read_content
from rengo_wagtail.content.mapping import page_values
from rengo_wagtail.declarations import content_hash, field_values, fingerprint
from rengo_wagtail.models import InstalledContent, OrganizationPage, TranslationFingerprint
from rengo_wagtail.translation import state as translation_state
from tests.helpers.content import copy_content, edit, set_org
from tests.helpers.html import soup
from tests.helpers.organizations import GROWN, SHIPPED, grow_to, logo
from tests.helpers.pages import fresh, organization_form, publish

pytestmark = pytest.mark.django_db

API = "/api/v2/pages/"
EN_RIALS = "/en/about-rengo/related-organizations/rengo-rials/"
JA_RIALS = "/ja/about-rengo/related-organizations/rengo-rials/"
JA_JCRP = "/ja/about-rengo/related-organizations/jcrp/"

EN_ALT = "RENGO-RIALS logo: the letters RIALS under a blue arc"
JA_ALT = "連合総研のロゴ（青い弧の下に「RIALS」の文字）"  # noqa: RUF001 (Japanese parentheses)


def give_logo(page, image=None, **fields):
    """Publish the source ``page`` with a logo (which the sync puts on its translations)."""
    page = fresh(page)
    page.logo = image or logo(page.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    return publish(page)


def describe(page, text):
    page = fresh(page)
    page.logo_alt = text
    return publish(page)


def page_alt(client, path):
    """The alt text of the organization page's logo, as a browser reads the HTML."""
    image = soup(client.get(path)).select_one("img.rengo-logo")
    assert image is not None
    return image["alt"]


def json_ld_logo(client, path):
    document = soup(client.get(path))
    data = json.loads(document.find("script", type="application/ld+json").string)
    return data["mainEntity"]["logo"]


def api_alt(client, page):
    response = client.get(f"{API}{page.pk}/")
    assert response.status_code == 200, response.content
    return response.json()["logo"]["alt"]


def states():
    return {
        row.source.pk: row.translations["ja"].state for row in translation_state.compute(["ja"])
    }


@pytest.fixture
def rials(section):
    """RENGO-RIALS with a logo, described in each language."""
    give_logo(section.rials)
    describe(section.rials, EN_ALT)
    describe(section.rials_ja, JA_ALT)
    return section


def test_each_language_describes_the_shared_logo_in_its_own_words(client, api, rials):
    section = rials
    en, ja = fresh(section.rials), fresh(section.rials_ja)
    assert en.logo_id == ja.logo_id is not None
    assert (page_alt(client, EN_RIALS), page_alt(client, JA_RIALS)) == (EN_ALT, JA_ALT)
    english, japanese = json_ld_logo(client, EN_RIALS), json_ld_logo(client, JA_RIALS)
    assert (english["@type"], english["caption"]) == ("ImageObject", EN_ALT)
    assert japanese["caption"] == JA_ALT
    # One image: the same rendition in both languages.
    assert english["url"] == japanese["url"]
    assert (api_alt(client, en), api_alt(client, ja)) == (EN_ALT, JA_ALT)
    # A listing in either language says the same as the detail.
    listing = client.get(API, {"type": "rengo_wagtail.OrganizationPage", "fields": "logo"})
    logos = {item["id"]: item["logo"] for item in listing.json()["items"]}
    assert (logos[en.pk]["alt"], logos[ja.pk]["alt"]) == (EN_ALT, JA_ALT)
    assert logos[section.jcrp.pk] is None


def test_a_blank_description_says_the_short_name_and_logo_in_each_language(client, api, section):
    give_logo(section.rials)
    en, ja = fresh(section.rials), fresh(section.rials_ja)
    assert (en.logo_alt, ja.logo_alt) == ("", "")
    assert page_alt(client, EN_RIALS) == "RENGO-RIALS logo"
    assert page_alt(client, JA_RIALS) == "連合総研のロゴ"
    assert json_ld_logo(client, EN_RIALS)["caption"] == "RENGO-RIALS logo"
    assert json_ld_logo(client, JA_RIALS)["caption"] == "連合総研のロゴ"
    assert (api_alt(client, en), api_alt(client, ja)) == ("RENGO-RIALS logo", "連合総研のロゴ")
    # Never the shared image's own title, which is in one language only.
    assert en.logo.title not in {page_alt(client, EN_RIALS), page_alt(client, JA_RIALS)}


def test_without_a_short_name_the_default_says_the_name(client, api, section):
    give_logo(section.jcrp, short_name="")
    assert page_alt(client, "/en/about-rengo/related-organizations/jcrp/") == (
        "Japanese Confederation of Retired Persons logo"
    )


def test_a_stand_in_describes_its_logo_in_its_own_language(client, section):
    """JCRP has no Japanese page: the Japanese section shows it in English, alt text included."""
    give_logo(section.jcrp)
    assert page_alt(client, JA_JCRP) == "JCRP logo"
    describe(section.jcrp, "JCRP logo: a rising sun")
    assert page_alt(client, JA_JCRP) == "JCRP logo: a rising sun"


def test_publishing_the_source_keeps_the_translations_description(client, rials):
    section = rials
    describe(section.rials, "RENGO-RIALS logo, new design")
    ja = fresh(section.rials_ja)
    assert ja.logo_alt == JA_ALT
    assert page_alt(client, JA_RIALS) == JA_ALT
    # A translated field: the Japanese page now needs its translator.
    assert states()[section.rials.pk] == translation_state.State.OUTDATED

    new_logo = logo(999)
    give_logo(section.rials, new_logo)
    ja = fresh(section.rials_ja)
    assert ja.logo_id == new_logo.pk
    assert ja.logo_alt == JA_ALT
    document = soup(client.get(JA_RIALS))
    image = document.select_one("img.rengo-logo")
    assert image["alt"] == JA_ALT
    assert "logo999" in image["src"]


def test_a_translator_writes_the_description_in_the_admin(client, rials, admin_client):
    section = rials
    ja = fresh(section.rials_ja)
    url = f"/admin/pages/{ja.pk}/edit/"
    form = soup(admin_client.get(url))
    field = form.select_one('input[name="logo_alt"]')
    assert field is not None and not field.has_attr("disabled")
    assert field["value"] == JA_ALT
    # The logo itself stays the source's: a translation's form ignores it.
    data = organization_form(ja, logo_alt="連合総研のシンボルマーク", logo="")
    response = admin_client.post(url, {**data, "action-publish": "action-publish"})
    assert response.status_code == 302, response.context["form"].errors
    ja = fresh(section.rials_ja)
    assert (ja.logo_alt, ja.logo_id) == ("連合総研のシンボルマーク", fresh(section.rials).logo_id)
    assert page_alt(client, JA_RIALS) == "連合総研のシンボルマーク"


def test_a_description_longer_than_the_field_is_refused_in_the_admin(rials, admin_client):
    ja = fresh(rials.rials_ja)
    data = organization_form(ja, logo_alt="ロ" * 251)
    response = admin_client.post(f"/admin/pages/{ja.pk}/edit/", data)
    assert response.status_code == 200
    assert "logo_alt" in response.context["form"].errors
    assert fresh(rials.rials_ja).logo_alt == JA_ALT


def test_the_installer_loads_and_the_exporter_writes_the_description(tmp_path):
    source = copy_content(tmp_path / "content")
    edit(source, *set_org("en.json", "logo_alt", "Logo of JILAF", key="jilaf"))
    edit(source, *set_org("ja.json", "logo_alt", "国際労働財団のロゴ", key="jilaf"))
    call_command("rengo_load_organizations", source=str(source), stdout=StringIO())
    jilaf = {
        page.locale.language_code: page
        for page in OrganizationPage.objects.filter(content_key="jilaf")
    }
    assert (jilaf["en"].logo_alt, jilaf["ja"].logo_alt) == ("Logo of JILAF", "国際労働財団のロゴ")
    # The others leave it out: blank, and so left out again by the exporter.
    assert not OrganizationPage.objects.exclude(content_key="jilaf").exclude(logo_alt="").exists()

    exported = tmp_path / "exported"
    call_command("rengo_export_organizations", output=str(exported), stdout=StringIO())
    for name in ("organizations.json", "en.json", "ja.json"):
        assert (exported / name).read_bytes() == (source / name).read_bytes(), name
    content = read_content(exported)
    assert content.texts["ja"].organizations["jilaf"]["logo_alt"] == "国際労働財団のロゴ"
    assert "logo_alt" not in content.texts["ja"].organizations["jcrp"]


def test_a_content_file_with_too_long_a_description_is_refused(tmp_path):
    source = copy_content(tmp_path / "content")
    edit(source, *set_org("ja.json", "logo_alt", "ロ" * 251))
    with pytest.raises(CommandError) as caught:
        call_command("rengo_load_organizations", source=str(source), stdout=StringIO())
    message = str(caught.value)
    assert "ja.json" in message and "logo_alt" in message and "at most 250" in message
    assert not OrganizationPage.objects.exists()


def test_the_translation_exchange_carries_the_description(rials, tmp_path):
    section = rials
    describe(section.rials, "RENGO-RIALS logo, new design")
    path = tmp_path / "ja.po"
    call_command(
        "rengo_export_translations", "--language", "ja", "--format", "po", "--output", path
    )
    catalog = polib.pofile(str(path))
    entry = next(e for e in catalog if e.msgctxt == f"{section.rials.translation_key}.logo_alt")
    assert (entry.msgid, entry.msgstr) == ("RENGO-RIALS logo, new design", JA_ALT)
    entry.msgstr = "連合総研のロゴ（新デザイン）"  # noqa: RUF001 (Japanese parentheses)
    for other in catalog:
        other.flags = [flag for flag in other.flags if flag != "fuzzy"]
    catalog.save(str(path))
    call_command("rengo_import_translations", str(path), "--publish", stdout=StringIO())
    assert fresh(section.rials_ja).logo_alt == "連合総研のロゴ（新デザイン）"  # noqa: RUF001
    assert states()[section.rials.pk] == translation_state.State.UP_TO_DATE


def test_the_migration_keeps_installed_pages_and_current_translations_as_they_were():
    """Pages installed and translations recorded before the field existed stay recognised
    (installed, up to date) after the upgrade: the migration brings their hashes forward."""
    migration = importlib.import_module("rengo_wagtail.migrations.0006_organizationpage_logo_alt")
    call_command("rengo_load_organizations", stdout=StringIO())
    # As the records were before the upgrade: without the new field.
    for record in TranslationFingerprint.objects.all():
        source = OrganizationPage.objects.filter(
            translation_key=record.page.translation_key, locale__language_code="en"
        ).first()
        if source is not None:
            record.fingerprint = fingerprint(source, migration.TRANSLATED_BEFORE)
            record.save()
    for record in InstalledContent.objects.exclude(content_key=""):
        page = OrganizationPage.objects.get(pk=record.page_id)
        record.content_hash = content_hash(field_values(page, migration.CONTENT_FILE_BEFORE))
        record.save()
    assert translation_state.State.OUTDATED in set(states().values())

    migration.bring_forward(apps, None)
    assert set(states().values()) == {translation_state.State.UP_TO_DATE}
    for record in InstalledContent.objects.exclude(content_key=""):
        page = OrganizationPage.objects.get(pk=record.page_id)
        assert record.content_hash == content_hash(page_values(page))
    out = StringIO()
    call_command("rengo_load_organizations", "--update", stdout=out)
    assert "conflict" not in out.getvalue() and "differs" not in out.getvalue()


def test_api_queries_stay_the_same_from_eight_to_fifty_organizations_with_logos(
    client, api, section
):
    def with_logos():
        for number, page in enumerate(OrganizationPage.objects.filter(logo=None)):
            if page.locale.language_code == "en":
                give_logo(page, logo(number))
        # Half the Japanese pages describe their logo; the others take the default.
        for page in OrganizationPage.objects.filter(locale__language_code="ja", logo_alt=""):
            if page.pk % 2:
                describe(page, f"{page.title}のロゴマーク")

    def measure():
        counts, alts = {}, {}
        for language in ("en", "ja"):
            params = {"locale": language, "type": "rengo_wagtail.OrganizationPage"}
            params.update(fields="logo", limit=100)
            client.get(API, params)  # renditions are made once, then read
            with CaptureQueriesContext(connection) as queries:
                response = client.get(API, params)
            counts[language] = len(queries)
            for item in response.json()["items"]:
                alts[item["id"]] = item["logo"]["alt"]
        return counts, alts

    grow_to(SHIPPED)
    with_logos()
    few, alts = measure()
    assert len(alts) == 2 * SHIPPED - 1  # JCRP has no Japanese page
    grow_to(GROWN)
    with_logos()
    many, alts = measure()
    assert many == few
    assert len(alts) == 2 * GROWN - 1
    for page in OrganizationPage.objects.select_related("locale"):
        expected = page.logo_alt or (
            f"{page.short_name or page.title}のロゴ"
            if page.locale.language_code == "ja"
            else f"{page.short_name or page.title} logo"
        )
        assert alts[page.pk] == expected, page
