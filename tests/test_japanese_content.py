# ruff: noqa: RUF001, RUF002  (full-width Japanese punctuation is what this module checks)
"""The shipped Japanese text reads as the organizations write themselves.

Names as each organization registers them, one order for a name and its short
name (正式名称（略称）), each organization's own wording where it publishes one,
Japanese punctuation, and a search description that lists fields of activity.
"""

import re

import pytest

from rengo_wagtail.content.files import read_content

pytestmark = pytest.mark.checkout

# Official names (legal form first, as the pages write them) and short names.
OFFICIAL = {
    "rengo-rials": ("公益財団法人 連合総合生活開発研究所", "連合総研"),
    "jilaf": ("公益財団法人 国際労働財団", "JILAF"),
    "ilec": ("公益社団法人 教育文化協会", "ILEC"),
    "jlcf": ("公益財団法人 日本労働文化財団", ""),
    "jcrp": ("日本退職者連合", "退職者連合"),
    "rofukukyo": ("労働者福祉中央協議会", "中央労福協"),
    "rokin": ("労働金庫", "ろうきん"),
    "zenrosai": ("全国労働者共済生活協同組合連合会", "こくみん共済 coop〈全労済〉"),
}
LEGAL_FORMS = {
    "public_interest_foundation": "公益財団法人 ",
    "public_interest_association": "公益社団法人 ",
}


@pytest.fixture(scope="module")
def content():
    return read_content()


@pytest.fixture(scope="module")
def japanese(content):
    return content.texts["ja"]


def test_names_are_the_official_ones(content, japanese):
    facts = {organization.key: organization for organization in content.organizations}
    for key, (official, short_name) in OFFICIAL.items():
        text = japanese.organizations[key]
        prefix = LEGAL_FORMS.get(facts[key].legal_form, "")
        assert (prefix + text["title"], text["short_name"]) == (official, short_name), key


def test_a_summary_names_the_organization_first_then_its_short_name(japanese):
    for key, text in japanese.organizations.items():
        title, short_name = text["title"], text["short_name"]
        opening = f"{title}（{short_name}）は" if short_name else f"{title}は"
        assert text["summary"].startswith(opening), key


def test_the_index_names_rengo_officially_first(japanese):
    for text in (japanese.index["intro"], japanese.index["search_description"]):
        assert "日本労働組合総連合会（連合）" in text
        assert "連合（日本労働組合総連合会）" not in text


def test_the_search_description_lists_fields_not_organizations(japanese):
    description = japanese.index["search_description"]
    names = {
        name
        for text in japanese.organizations.values()
        for name in (text["title"], text["short_name"], "全労済", "ろうきん")
        if name
    }
    assert [name for name in names if name in description] == []
    for field in ("調査研究", "国際労働交流", "教育・文化", "労働者福祉", "共済"):
        assert field in description


def test_zenrosai_is_written_as_it_writes_itself_since_2019(japanese):
    zenrosai = japanese.organizations["zenrosai"]
    assert zenrosai["short_name"] == "こくみん共済 coop〈全労済〉"
    assert "（こくみん共済 coop〈全労済〉）は" in zenrosai["summary"]


def test_organizations_own_wording(japanese):
    summaries = {key: text["summary"] for key, text in japanese.organizations.items()}
    # ろうきんの理念, quoted as the labour banks publish it.
    assert "「働く人の夢と共感を創造する協同組織の福祉金融機関」" in summaries["rokin"]
    # The welfare businesses are self-run, not the council.
    assert "働く人たちが自主的に運営する福祉事業団体" in summaries["rofukukyo"]
    assert "自主的に運営されている" not in summaries["rofukukyo"]
    # JILAF is what RENGO established: topic and predicate agree.
    assert summaries["jilaf"].endswith("連合が1989年5月に設立した財団です。")


def test_jlcf_is_described_by_its_founding_not_by_present_operations(japanese):
    # ILEC reports that the foundation was integrated into it (2020): the text
    # says what the foundation was founded for, not what it does now.
    summary = japanese.organizations["jlcf"]["summary"]
    assert summary.endswith("2011年3月に設立されました。")
    assert not re.search("(ています|ております|しています)。", summary)


def test_japanese_text_uses_japanese_punctuation(japanese):
    texts = [japanese.index["intro"], japanese.index["search_description"]]
    for text in japanese.organizations.values():
        texts += [text["title"], text["short_name"], text["summary"]]
    for text in texts:
        assert not re.search(r"[()?!:;,]", re.sub(r"<[^>]+>", "", text)), text
        assert not re.search(r"\s[（）「」、。]|[（）「」、。]\s", text), text
