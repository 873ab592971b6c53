"""The example front end (examples/front-end) shows an editor's unpublished Japanese change.

``examples/front-end/ci.sh`` runs this: it serves the example site with the
demo content, builds the front end against it and serves that, then names
both here (``RENGO_EXAMPLE_SITE``, ``RENGO_FRONT_END``). Without them there is
nothing to open, and the test says so.
"""

import os
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

SITE = os.environ.get("RENGO_EXAMPLE_SITE", "")
FRONT_END = os.environ.get("RENGO_FRONT_END", "")
RIALS_JA = "/ja/about-rengo/related-organizations/rengo-rials/"
DRAFT_TITLE = "連合総合生活開発研究所 下書き"

pytestmark = pytest.mark.skipif(
    not (SITE and FRONT_END),
    reason="run by examples/front-end/ci.sh, which serves the example site and the front end",
)


def test_an_unpublished_japanese_change_previews_on_the_front_end(page, screenshot):
    found = page.request.get(f"{SITE}/api/v2/pages/find/?html_path={RIALS_JA}", max_redirects=0)
    page_id = int(re.search(r"/pages/(\d+)/", found.headers["location"]).group(1))

    # The published front end shows the live page.
    page.goto(f"{FRONT_END}/ja/rengo-rials/")
    expect(page.locator("h1")).to_contain_text("連合総合生活開発研究所")

    page.goto(f"{SITE}/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "rengo-demo")
    page.get_by_role("button", name=re.compile("Sign in|ログイン")).click()
    page.goto(f"{SITE}/admin/pages/{page_id}/edit/")
    page.fill("#id_title", DRAFT_TITLE)
    page.get_by_role("button", name=re.compile("Save draft|下書き保存")).first.click()
    expect(page.locator(".messages")).to_be_visible()
    preview_link = page.locator(f'a[href$="/api/v2/pages/{page_id}/preview/"]')
    expect(preview_link).to_have_count(1)
    screenshot(page, "draft-saved")

    # What "Preview on front end" opens: the front end, then its preview page.
    page.goto(SITE + preview_link.get_attribute("href"))
    expect(page.locator("#preview h1")).to_contain_text(DRAFT_TITLE)
    assert urlsplit(page.url).netloc == urlsplit(FRONT_END).netloc
    expect(page.locator("#preview")).to_have_attribute("lang", "ja")
    screenshot(page, "front-end-preview")

    # The public API still serves the live page.
    live = page.request.get(f"{SITE}/api/v2/pages/{page_id}/").json()
    assert live["title"] == "連合総合生活開発研究所"
