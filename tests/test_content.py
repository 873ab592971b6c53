"""rengo_wagtail.content.files and .schema: the shipped content, and what bad content is told."""

import json
import shutil
from pathlib import Path

import pytest

from rengo_wagtail.content import schema
from rengo_wagtail.content.files import ContentError, dumps, read_content, shipped_content_dir
from rengo_wagtail.models import Category, LegalForm

REPO = Path(__file__).resolve().parent.parent
KEYS = ["rengo-rials", "jilaf", "ilec", "jlcf", "jcrp", "rofukukyo", "rokin", "zenrosai"]


def copy_content(directory):
    """A writable copy of the shipped content files in ``directory``."""
    shutil.copytree(REPO / "fixtures", directory)
    return directory


def edit(directory, name, change):
    """Load ``name`` from ``directory``, let ``change`` alter the data, write it back."""
    path = directory / name
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(dumps(data), encoding="utf-8")


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
            order = list(definition["$defs"]["organization_text"]["properties"])
            assert list(data["index"]) == list(definition["properties"]["index"]["properties"])
            assert all(list(item) == order for item in data["organizations"].values())


def test_schema_codes_are_the_models_choices():
    organization = schema.load_schema("organizations")["$defs"]["organization"]["properties"]
    assert organization["legal_form"]["enum"] == [None, *LegalForm.values]
    assert organization["category"]["enum"] == Category.values


def set_org(name, field, value, key="jcrp"):
    def change(data):
        organizations = data["organizations"]
        if isinstance(organizations, list):
            next(item for item in organizations if item["key"] == key)[field] = value
        else:
            organizations[key][field] = value

    return name, change


def delete_field(name, field, key="jcrp"):
    def change(data):
        organizations = data["organizations"]
        if isinstance(organizations, list):
            del next(item for item in organizations if item["key"] == key)[field]
        else:
            del organizations[key][field]

    return name, change


def add_stray_organization(data):
    data["organizations"]["jtuc"] = dict(data["organizations"]["jcrp"])


def duplicate_key(data):
    data["organizations"][5]["key"] = "jcrp"


# Each bad edit, and what its message must name: file, organization, field, the fix.
BAD_EDITS = {
    "unknown field": (
        set_org("ja.json", "titel", "x"),
        ["ja.json", "organization “jcrp”", "field “titel”", "Remove it or correct its name"],
    ),
    "missing field": (
        delete_field("en.json", "summary"),
        ["en.json", "organization “jcrp”", "field “summary”", "is missing"],
    ),
    "missing fact": (
        delete_field("organizations.json", "category"),
        ["organizations.json", "organization “jcrp”", "field “category”", "is missing"],
    ),
    "organization the source lacks": (
        ("ja.json", add_stray_organization),
        ["ja.json", "organization “jtuc”", "organizations.json has no organization"],
    ),
    "invalid URL": (
        set_org("organizations.json", "website", "tr.jtuc-rengo.jp"),
        ["organizations.json", "organization “jcrp”", "field “website”", "https://"],
    ),
    "invalid date": (
        set_org("organizations.json", "founded", "1991-13"),
        ["organizations.json", "organization “jcrp”", "field “founded”", "YYYY-MM"],
    ),
    "date out of range": (
        set_org("organizations.json", "founded", "0991"),
        ["organizations.json", "organization “jcrp”", "field “founded”", "1800"],
    ),
    "duplicate key": (
        ("organizations.json", duplicate_key),
        ["organizations.json", "organization “jcrp”", "field “key”", "own key"],
    ),
    "title too long": (
        set_org("ja.json", "title", "退" * 256),
        ["ja.json", "organization “jcrp”", "field “title”", "256 characters", "at most 255"],
    ),
    "unknown legal form": (
        set_org("organizations.json", "legal_form", "foundation"),
        ["organizations.json", "organization “jcrp”", "field “legal_form”", "use one of"],
    ),
    "wrong type": (
        set_org("organizations.json", "founded_by_rengo", "no"),
        ["organizations.json", "field “founded_by_rengo”", "must be true or false"],
    ),
    "invalid key": (
        set_org("organizations.json", "key", "JCRP"),
        ["organizations.json", "organization “JCRP”", "field “key”", "lowercase"],
    ),
    "unknown body block": (
        set_org("en.json", "body", [{"type": "image", "value": "1"}]),
        ["en.json", "organization “jcrp”", "field “body[0].type”"],
    ),
    "heading too long": (
        set_org("en.json", "body", [{"type": "heading", "value": "H" * 121}]),
        ["en.json", "organization “jcrp”", "field “body[0].value”", "120"],
    ),
    "index field": (
        ("ja.json", lambda data: data["index"].pop("seo_title")),
        ["ja.json", "the index, field “seo_title”", "is missing"],
    ),
    "language mismatch": (
        ("ja.json", lambda data: data.update(language="jp")),
        ["ja.json", "field “language”", "jp.json"],
    ),
}


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


BAD_BYTES = {
    "malformed JSON": (b'{"language": "ja",,}', ["ja.json", "not valid JSON", "line 1"]),
    "invalid UTF-8": (b'{"language": "ja",\n "x": "\xff"}', ["ja.json", "not UTF-8", "line 2"]),
    "empty file": (b"  \n", ["ja.json", "is empty", "language.schema.json"]),
    "not an object": (b"[]", ["ja.json", "must be an object, not a list"]),
}


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
