"""Our UI in Japanese: the real Wagtail admin of a Japanese-speaking editor, and the public pages.

The admin test does not list labels by hand: it collects every string of ours
that the page models and their panels show (field names, help texts, choice
labels, panel and tab headings, block labels), keeps those that are msgids of
our catalog, and checks the rendered admin shows each in Japanese and none in
English. A new field with an untranslated label fails it.
"""

import json
import re

import pytest
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import capfirst
from wagtail.fields import StreamField
from wagtail.users.models import UserProfile

from rengo_wagtail.models import OrganizationIndexPage, OrganizationPage
from tests.helpers.catalogs import entries, messages
from tests.helpers.html import soup

pytestmark = pytest.mark.django_db

JA_ORGANIZATION = "/ja/about-rengo/related-organizations/rengo-rials/"
JA_INDEX = "/ja/about-rengo/related-organizations/"
EN_ORGANIZATION = "/en/about-rengo/related-organizations/rengo-rials/"


# --- What the models and panels show --------------------------------------------


def _block_strings(block):
    yield block.meta.label
    yield getattr(block.meta, "help_text", None)
    for child in getattr(block, "child_blocks", {}).values():
        yield from _block_strings(child)


def _field_strings(field):
    yield field.verbose_name
    yield field.help_text
    if field.choices:
        for _value, label in field.flatchoices:
            yield label
    if isinstance(field, StreamField):
        yield from _block_strings(field.stream_block)


def _panel_strings(model, panel):
    yield getattr(panel, "heading", None)
    yield getattr(panel, "help_text", None)
    field_name = getattr(panel, "field_name", None)
    if field_name:
        field = model._meta.get_field(field_name)
        if isinstance(field, models.Field):
            yield from _field_strings(field)
    for child in getattr(panel, "children", ()):
        yield from _panel_strings(model, child)


def shown_strings(model):
    """``{English: Japanese}`` of every string of our catalog that ``model``'s edit view shows."""
    ours = {m.id for m in entries(messages.read_catalog("ja")) if not m.context}
    strings = [
        model._meta.verbose_name,
        *_panel_strings(model, model.get_edit_handler()),
    ]
    shown = {}
    for text in strings:
        if not isinstance(text, Promise):
            continue
        with translation.override("en"):
            english = str(text)
        if english in ours:
            with translation.override("ja"):
                shown[english] = str(text)
    return shown


def test_shown_strings_cover_fields_choices_blocks_and_tabs():
    shown = shown_strings(OrganizationPage)
    assert shown["legal form"] == "法人格"
    assert shown["founded by RENGO"] == "連合が設立"
    assert shown["public interest incorporated foundation"] == "公益財団法人"
    assert shown["Research"] == "調査研究"
    assert shown["Insurance"] == "共済"
    assert shown["Heading"] == "見出し"
    assert shown["Caption"] == "キャプション"
    assert shown["Facts"] == "基本情報"
    assert shown["Promote"] == "プロモート"
    assert shown["Settings"] == "設定"
    assert shown["Without the legal form."] == "法人格を除いた名称を入力してください。"
    assert shown["organization page"] == "団体ページ"
    assert len(shown) >= 35


# --- The admin, as a Japanese-speaking editor sees it --------------------------------

UNICODE_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def _json_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


def ui_texts(response):
    """Every piece of text the admin shows: text nodes, labelling attributes, block definitions.

    StreamField block labels travel as JSON in ``data-*`` attributes, so those are
    decoded too. Compared whole, so a page title that happens to contain an
    English word is not mistaken for an untranslated label.
    """
    document = soup(response)
    texts = {text.strip() for text in document.find_all(string=True)}
    for element in document.find_all(True):
        for name, value in element.attrs.items():
            if not isinstance(value, str):
                continue
            if name in ("aria-label", "title", "placeholder", "alt"):
                texts.add(value.strip())
            elif name.startswith("data-") and value[:1] in "[{":
                try:
                    texts.update(s.strip() for s in _json_strings(json.loads(value)))
                except ValueError:
                    continue
    # Telepath's block definitions are JSON inside JSON: decode what is left escaped.
    return {UNICODE_ESCAPE.sub(lambda m: chr(int(m[1], 16)), text) for text in texts if text}


@pytest.fixture
def japanese_editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "ja"
    profile.save()
    client.force_login(user)
    return client


def _admin_views(section):
    return {
        "organization edit": (
            OrganizationPage,
            reverse("wagtailadmin_pages:edit", args=[section.rials.id]),
        ),
        "organization add": (
            OrganizationPage,
            reverse(
                "wagtailadmin_pages:add",
                args=["rengo_wagtail", "organizationpage", section.index.id],
            ),
        ),
        "index edit": (
            OrganizationIndexPage,
            reverse("wagtailadmin_pages:edit", args=[section.index.id]),
        ),
    }


@pytest.mark.parametrize("view", ["organization edit", "organization add", "index edit"])
def test_admin_shows_our_strings_in_japanese(japanese_editor, section, view):
    model, url = _admin_views(section)[view]
    response = japanese_editor.get(url)
    assert response.status_code == 200
    texts = ui_texts(response)
    blob = "\n".join(texts)
    shown = shown_strings(model)
    english = {en for en in shown if en in texts or capfirst(en) in texts}
    assert not english, f"English in the Japanese admin ({view}): {sorted(english)}"
    missing = {en: ja for en, ja in shown.items() if ja not in blob}
    assert not missing, f"Japanese missing from the admin ({view}): {missing}"


@pytest.mark.checkout
def test_an_untranslated_label_would_be_caught(japanese_editor, section, tmp_path, settings):
    """The check above sees English tab headings, help texts, choices and block labels."""
    untranslated = {
        "Facts",
        "Leave blank when only the year is known.",
        "Research",
        "Heading",
    }
    catalog = messages.read_catalog("ja")
    for english in untranslated:
        catalog[english].string = ""
    mo = tmp_path / "ja" / "LC_MESSAGES" / "django.mo"
    mo.parent.mkdir(parents=True)
    mo.write_bytes(messages.mo_bytes(catalog))
    settings.LOCALE_PATHS = [tmp_path]
    url = reverse("wagtailadmin_pages:edit", args=[section.rials.id])
    assert untranslated <= ui_texts(japanese_editor.get(url))


def test_admin_page_chrome_is_japanese(japanese_editor, section):
    response = japanese_editor.get(reverse("wagtailadmin_pages:edit", args=[section.rials.id]))
    document = soup(response)
    assert document.html["lang"] == "ja"
    tabs = [tab.find(string=True).strip() for tab in document.select("[role=tab]")]
    assert tabs[:4] == ["コンテンツ", "基本情報", "プロモート", "設定"]
    options = {o.get_text(strip=True) for o in document.select("select[name=legal_form] option")}
    assert {"公益財団法人", "消費生活協同組合連合会"} <= options
    categories = [o.get_text(strip=True) for o in document.select("select[name=category] option")]
    assert categories[1:] == ["調査研究", "国際", "教育", "文化", "退職者", "福祉", "金融", "共済"]


# --- The public pages in Japanese ----------------------------------------------------


def _facts(document):
    facts = document.select_one(".rengo-facts")
    return {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True)
        for dt in facts.find_all("dt")
    }


def test_japanese_organization_page(client, section):
    document = soup(client.get(JA_ORGANIZATION))
    root = document.select_one(".rengo-organization")
    assert root.h1.get_text() == "公益財団法人 連合総合生活開発研究所"
    assert _facts(document) == {
        "法人格": "公益財団法人",
        "設立": "1987年12月",
        "分野": "調査研究",
        "ウェブサイト": "https://www.rengo-soken.or.jp/",
    }
    assert root.select_one(".rengo-facts time")["datetime"] == "1987-12"
    assert document.select_one(".rengo-breadcrumb")["aria-label"] == "パンくず"
    assert document.select_one(".rengo .rengo-language-switcher")["aria-label"] == "言語"


def test_founded_by_rengo_is_said_in_japanese(client, section):
    # A shared fact: set on the English source, it reaches the translation.
    section.rials.founded_by_rengo = True
    section.rials.save_revision().publish()
    facts = _facts(soup(client.get(JA_ORGANIZATION)))
    assert facts["設立"] == "1987年12月 （連合が設立）"  # noqa: RUF001 (Japanese parentheses)


def test_english_organization_page_keeps_the_name_alone(client, section):
    document = soup(client.get(EN_ORGANIZATION))
    assert document.select_one(".rengo-organization").h1.get_text() == section.rials.title
    assert _facts(document) == {
        "Legal form": "public interest incorporated foundation",
        "Founded": "December 1987",
        "Field": "Research",
        "Website": "https://www.rengo-soken.or.jp/",
    }


def test_japanese_index_page(client, section):
    document = soup(client.get(JA_INDEX))
    root = document.select_one(".rengo-organization-index")
    # Untranslated JCRP is listed too, in English (fallback; see test_fallback).
    assert root.select_one(".rengo-count").get_text() == "2団体"
    names = [card.h2.get_text(strip=True) for card in root.select(".rengo-organization-card")]
    assert names == [
        "公益財団法人 連合総合生活開発研究所",
        "Japanese Confederation of Retired Persons",
    ]


@pytest.mark.parametrize(
    ("legal_form", "heading"),
    [
        ("public_interest_association", "公益社団法人 日本退職者連合"),
        ("general_foundation", "一般財団法人 日本退職者連合"),
        ("general_association", "一般社団法人 日本退職者連合"),
        ("consumer_cooperative_federation", "日本退職者連合"),
        ("", "日本退職者連合"),
    ],
)
def test_japanese_name_with_each_legal_form(locales, legal_form, heading):
    page = OrganizationPage(title="日本退職者連合", legal_form=legal_form)
    with translation.override("ja"):
        assert page.name_with_legal_form == heading
    with translation.override("en"):
        assert page.name_with_legal_form == "日本退職者連合"
