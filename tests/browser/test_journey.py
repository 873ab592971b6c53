"""An editor translates an organization in the admin; a visitor reads both languages.

One journey through a real Chromium, as editors and visitors live it, with a
screenshot of each step (see conftest). Japanese has no page yet for two of
the shipped organizations: JCRP, which the editor translates, and ILEC, which
visitors reach through the fallback.
"""

import re

import pytest
from playwright.sync_api import expect

from rengo_wagtail.models import OrganizationPage
from tests.helpers.pages import EDITOR

ENGLISH_NAME = "Japanese Confederation of Retired Persons"
JAPANESE_NAME = "日本退職者連合"
JAPANESE_SUMMARY = (
    "日本退職者連合（退職者連合）は、退職者・年金生活者の生活向上に取り組んでいます。"  # noqa: RUF001 (Japanese parentheses)
)
NEW_WEBSITE = "https://tr.jtuc-rengo.jp/about/"
UNTRANSLATED = "Institute of Labor Education and Culture"


@pytest.fixture
def section(site):
    """The shipped section without the Japanese pages of JCRP and ILEC."""
    for slug in ("jcrp", "ilec"):
        OrganizationPage.objects.get(locale__language_code="ja", slug=slug).delete()
    return OrganizationPage.objects.get(locale__language_code="en", slug="jcrp")


def report_cell(page, name):
    """The Japanese cell of the organization's row in Reports > Translation status."""
    row = page.locator("table.rengo-translation-report tbody tr", has_text=name)
    return row.locator("td[data-rengo-state]")


def open_report(page):
    page.get_by_role("button", name="Reports").click()
    page.get_by_role("link", name="Translation status").click()
    expect(page.locator("table.rengo-translation-report")).to_be_visible()


def report_says(page, state, label):
    """Open the report and see the organization's Japanese cell in ``state``."""
    open_report(page)
    expect(report_cell(page, ENGLISH_NAME)).to_have_attribute("data-rengo-state", state)
    expect(report_cell(page, ENGLISH_NAME)).to_contain_text(label)


def edit_from_report(page):
    """Follow the organization's link in the report to its English edit view."""
    page.locator("table.rengo-translation-report").get_by_role(
        "link", name=ENGLISH_NAME, exact=True
    ).click()


def footer_menu(page):
    """Open the edit view's action menu, beside Save draft."""
    page.locator("footer .w-dropdown__toggle.button").click()


def publish(page):
    footer_menu(page)
    page.locator("button[name=action-publish]").click()


def test_editor_translates_and_visitor_switches_languages(site, section, page, browser, screenshot):
    # Log in.
    page.goto(site.url + "/admin/login/")
    page.fill("#id_username", EDITOR["username"])
    page.fill("#id_password", EDITOR["password"])
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("#wagtail")).to_be_visible()
    screenshot(page, "dashboard")

    # Open the English organization from the explorer.
    page.goto(site.url + f"/admin/pages/{section.get_parent().pk}/")
    page.get_by_role("link", name=ENGLISH_NAME, exact=True).click()
    expect(page.locator("#id_title")).to_have_value(ENGLISH_NAME)
    screenshot(page, "english-organization")

    # Create its Japanese translation with simple_translation's Translate action.
    page.locator("header").get_by_role("button", name="Actions").click()
    page.get_by_role("link", name="Translate").click()
    page.get_by_label("日本語").check()
    screenshot(page, "translate")
    page.get_by_role("button", name="Submit").click()
    expect(page.locator("#id_title")).to_have_value(ENGLISH_NAME)  # a copy, to translate

    # Translate the text and save a draft.
    page.fill("#id_title", JAPANESE_NAME)
    page.fill("#id_short_name", "退職者連合")
    page.fill("#id_summary", JAPANESE_SUMMARY)
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text(JAPANESE_NAME)
    screenshot(page, "japanese-draft")

    # The status report: the translation is a draft only.
    report_says(page, "draft", "Draft only")
    screenshot(page, "report-draft-only")

    # Publish both together, from the English page: "Publish with translations".
    edit_from_report(page)
    footer_menu(page)
    page.get_by_role("link", name="Publish with translations").click()
    confirm = page.locator("form.rengo-publish-together")
    # The English page is live already: only the Japanese draft has anything to publish.
    expect(confirm.locator("tr[data-rengo-language=en]")).to_have_attribute(
        "data-rengo-outcome", "unchanged"
    )
    japanese_row = confirm.locator("tr[data-rengo-language=ja]")
    expect(japanese_row).to_have_attribute("data-rengo-outcome", "publish")
    expect(japanese_row).to_contain_text("Its latest draft will be published.")
    screenshot(page, "publish-with-translations")
    confirm.get_by_role("button", name="Publish").click()
    expect(page.locator(".messages")).to_contain_text(f"Published 1 page: {JAPANESE_NAME}.")

    report_says(page, "up_to_date", "Up to date")
    screenshot(page, "report-up-to-date")

    # Change the website on the English page (a shared fact) and publish.
    edit_from_report(page)
    page.get_by_role("tab", name="Facts").click()
    page.fill("#id_website", NEW_WEBSITE)
    screenshot(page, "english-website")
    publish(page)
    expect(page.locator(".messages")).to_contain_text("published")

    # The Japanese page shows it.
    page.goto(site.url + "/ja/related-organizations/jcrp/")
    expect(page.locator("h1")).to_have_text(JAPANESE_NAME)
    expect(page.locator(".rengo-facts a[rel=external]")).to_have_text(NEW_WEBSITE)
    screenshot(page, "japanese-page-website")

    # A visitor switches between the languages with the switcher.
    visitor = browser.new_context(viewport=page.viewport_size).new_page()
    visitor.goto(site.url + "/en/related-organizations/")
    visitor.get_by_role("link", name=ENGLISH_NAME, exact=True).click()
    expect(visitor.locator("h1")).to_have_text(ENGLISH_NAME)
    switcher = visitor.locator(".rengo-language-switcher")
    switcher.get_by_role("link", name="日本語").click()
    expect(visitor).to_have_url(re.compile(r"/ja/related-organizations/jcrp/$"))
    expect(visitor.locator("h1")).to_have_text(JAPANESE_NAME)
    screenshot(visitor, "visitor-japanese")
    switcher.get_by_role("link", name="English").click()
    expect(visitor.locator("h1")).to_have_text(ENGLISH_NAME)

    # ...and opens, from the Japanese list, an organization not translated yet.
    visitor.goto(site.url + "/ja/related-organizations/")
    card = visitor.locator(".rengo-stand-in", has_text=UNTRANSLATED)
    expect(card).to_contain_text("英語のみ（未翻訳）")  # noqa: RUF001 (Japanese parentheses)
    screenshot(visitor, "visitor-japanese-list")
    card.get_by_role("link", name=UNTRANSLATED).click()
    expect(visitor).to_have_url(re.compile(r"/ja/related-organizations/ilec/$"))
    expect(visitor.locator(".rengo-fallback-notice")).to_have_text(
        "このページはまだ日本語に翻訳されていません。英語の原文を掲載しています。"
    )
    expect(visitor.locator("h1")).to_have_text(UNTRANSLATED)
    screenshot(visitor, "visitor-fallback")
    visitor.context.close()
