"""rengo_wagtail.content.files and .schema: the shipped content, and what bad content is told."""

import json
import shutil

import pytest

from rengo_wagtail.content import schema
from rengo_wagtail.content.files import ContentError, dumps, read_content, shipped_content_dir
from rengo_wagtail.models import Category, LegalForm
from tests.helpers import REPO
from tests.helpers.content import BAD_BYTES, BAD_EDITS, KEYS, copy_content, edit


@pytest.fixture
def content_dir(tmp_path):
    return copy_content(tmp_path / "content")


def test_the_shipped_content_is_found_without_options():
    for name in ("organizations.json", "en.json", "ja.json"):
        shipped = shipped_content_dir() / name
        assert shipped.read_bytes() == (REPO / "fixtures" / name).read_bytes()


@pytest.mark.checkout
def test_in_a_checkout_the_top_level_fixtures_are_the_content():
    assert shipped_content_dir() == REPO / "fixtures"


def test_shipped_content_has_the_index_and_eight_organizations_in_two_languages():
    content = read_content()
    assert content.source_language == "en"
    assert content.index_slug == "related-organizations"
    assert [org.key for org in content.organizations] == KEYS
    assert [org.slug for org in content.organizations] == KEYS
    assert list(content.texts) == ["en", "ja"]
    for language in ("en", "ja"):
        assert content.missing(language) == []


def test_shipped_facts():
    facts = {org.key: org for org in read_content().organizations}
    assert facts["rengo-rials"].founded == "1987-12"
    assert facts["rengo-rials"].legal_form == LegalForm.PUBLIC_INTEREST_FOUNDATION
    assert facts["ilec"].legal_form == LegalForm.PUBLIC_INTEREST_ASSOCIATION
    assert facts["jcrp"].founded == "1991"
    assert facts["jcrp"].legal_form is None
    assert facts["rokin"].founded == "1950"
    assert facts["zenrosai"].legal_form == LegalForm.CONSUMER_COOPERATIVE_FEDERATION
    assert {key for key, org in facts.items() if org.founded_by_rengo} == {"jilaf", "ilec"}
    assert all(org.website.startswith("https://") for org in facts.values())


def test_english_text_is_the_seed_wording():
    text = read_content().texts["en"]
    assert text.index["title"] == "Related Organizations"
    rials = text.organizations["rengo-rials"]
    assert rials["title"] == "RENGO Research Institute for Advancement of Living Standards"
    assert rials["short_name"] == "RENGO-RIALS"
    assert rials["summary"].startswith("RENGO Research Institute for Advancement of Living")
    assert text.organizations["ilec"]["title"] == "Institute of Labor Education and Culture"
    assert "“a secure society based on work,”" in text.organizations["jlcf"]["summary"]
    assert all(org["body"] == [] for org in text.organizations.values())


def test_japanese_titles_leave_the_legal_form_to_the_templates():
    text = read_content().texts["ja"]
    assert text.index["title"] == "関連団体"
    assert text.index["seo_title"] == "関連団体｜連合"  # noqa: RUF001  (Japanese punctuation)
    titles = {key: org["title"] for key, org in text.organizations.items()}
    assert titles["rengo-rials"] == "連合総合生活開発研究所"
    assert titles["zenrosai"] == "全国労働者共済生活協同組合連合会"
    assert not any(title.startswith(("公益", "一般")) for title in titles.values())
    assert text.organizations["rokin"]["short_name"] == "ろうきん"
    assert "「働くことを軸とする安心社会」" in text.organizations["jlcf"]["summary"]
    assert "1987年12月" in text.organizations["rengo-rials"]["summary"]


def test_shipped_files_are_in_canonical_form_with_keys_in_schema_order():
    for path in sorted((REPO / "fixtures").glob("*.json")):
        raw = path.read_text(encoding="utf-8")
        data = json.loads(raw)
        assert dumps(data) == raw, path.name
        kind = "organizations" if path.name == "organizations.json" else "language"
        definition = schema.load_schema(kind)
        assert list(data) == list(definition["properties"]), path.name
        if kind == "organizations":
            order = list(definition["$defs"]["organization"]["properties"])
            assert all(list(item) == order for item in data["organizations"])
        else:
            text = definition["$defs"]["organization_text"]
            assert list(data["index"]) == list(definition["properties"]["index"]["properties"])
            # An optional field (logo_alt) is there only where it has a value, in its place.
            for item in data["organizations"].values():
                assert list(item) == [name for name in text["properties"] if name in item]
                assert set(text["required"]) <= set(item)


def test_schema_codes_are_the_models_choices():
    organization = schema.load_schema("organizations")["$defs"]["organization"]["properties"]
    assert organization["legal_form"]["enum"] == [None, *LegalForm.values]
    assert organization["category"]["enum"] == Category.values


@pytest.mark.parametrize("case", BAD_EDITS, ids=list(BAD_EDITS))
def test_bad_content_gets_one_precise_message(content_dir, case):
    (name, change), expected = BAD_EDITS[case]
    edit(content_dir, name, change)
    with pytest.raises(ContentError) as caught:
        read_content(content_dir)
    message = str(caught.value)
    for fragment in expected:
        assert fragment in message, message
    assert "\n" not in message


@pytest.mark.parametrize("case", BAD_BYTES, ids=list(BAD_BYTES))
def test_unreadable_files_are_named(content_dir, case):
    raw, expected = BAD_BYTES[case]
    (content_dir / "ja.json").write_bytes(raw)
    with pytest.raises(ContentError) as caught:
        read_content(content_dir)
    for fragment in expected:
        assert fragment in str(caught.value), str(caught.value)


def test_a_name_given_twice_in_one_object(content_dir):
    path = content_dir / "en.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"short_name": "JCRP",', '"short_name": "JCRP", "title": "X",'))
    with pytest.raises(ContentError) as caught:
        read_content(content_dir)
    message = str(caught.value)
    assert "organization “jcrp”, field “title”: is given twice" in message, message


def test_missing_source_language_file(content_dir):
    (content_dir / "en.json").unlink()
    with pytest.raises(ContentError, match=r"source_language.*no en\.json"):
        read_content(content_dir)


def test_missing_directory_and_structure_file(tmp_path):
    with pytest.raises(ContentError, match="does not exist"):
        read_content(tmp_path / "nowhere")
    with pytest.raises(ContentError, match=r"has no organizations\.json"):
        read_content(tmp_path)


def test_a_language_may_leave_organizations_out(content_dir):
    edit(content_dir, "ja.json", lambda data: data["organizations"].pop("rokin"))
    content = read_content(content_dir)
    assert content.missing("ja") == ["rokin"]
    assert content.missing("en") == []


def test_a_third_language_is_a_file(content_dir):
    edit(content_dir, "ja.json", lambda data: data.update(language="fr"))
    (content_dir / "ja.json").rename(content_dir / "fr.json")
    copy_content(content_dir.parent / "again")
    shutil.copy(content_dir.parent / "again" / "ja.json", content_dir / "ja.json")
    assert list(read_content(content_dir).texts) == ["en", "fr", "ja"]


def test_partial_dates_split_by_precision():
    assert schema.split_partial_date("1987-12") == (1987, 12)
    assert schema.split_partial_date("1991") == (1991, None)
    assert schema.split_partial_date(None) == (None, None)
