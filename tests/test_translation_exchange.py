"""Translation exchange files: export, a translator's tool, import (rengo_wagtail.exchange)."""

import copy
import io
import xml.etree.ElementTree as ET

import polib
import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from lxml import etree
from translate.storage import xliff2
from wagtail.models import Page, PageLogEntry, Revision

from rengo_wagtail.exchange.importer import LOG_ACTION
from rengo_wagtail.exchange.units import SEPARATOR
from rengo_wagtail.models import OrganizationPage
from rengo_wagtail.translation import state as translation_state
from tests.helpers.exchange import (
    XLF,
    assert_valid_xliff,
    export,
    give_body,
    japanese,
    run_import,
    states,
)
from tests.helpers.pages import fresh, publish

# Japanese that must come back byte for byte: kanji outside the BMP (𠮷), the
# wave dash and the fullwidth tilde (which encoders like to swap), a
# half-width katakana, a variation selector, a line break and a CR.
JAPANESE_SUMMARY = "連合の𠮷野家〜\N{FULLWIDTH TILDE}ｶﾀｶﾅ葛󠄀城。\n二行目\r\nです。"


EXCHANGE = "/admin/rengo/translations/files/"


def outdate(page, **changes):
    page = fresh(page)
    for name, value in changes.items():
        setattr(page, name, value)
    return publish(page)


def xliff_units(path):
    root = ET.parse(path).getroot()
    return {unit.get("id"): unit for unit in root.iter(f"{XLF}unit")}


@pytest.fixture
def body(section):
    """JCRP's English body: a heading and a paragraph with bold text and a link."""
    return give_body(section)


@pytest.mark.django_db
def test_xliff_export_holds_the_pages_that_need_work(section, tmp_path):
    outdate(section.rials, summary="The think-tank of RENGO.")
    path = export(tmp_path)
    root = ET.parse(path).getroot()
    assert root.tag == f"{XLF}xliff"
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.0", "en", "ja")
    files = {file.get("id"): file for file in root.iter(f"{XLF}file")}
    # The index is up to date: not in the file; RENGO-RIALS outdated, JCRP missing.
    assert set(files) == {str(section.rials.translation_key), str(section.jcrp.translation_key)}
    units = xliff_units(path)
    key = section.rials.translation_key
    summary = units[f"{key}.summary"]
    segment = summary.find(f"{XLF}segment")
    assert segment.get("state") == "initial"
    assert segment.findtext(f"{XLF}source") == "The think-tank of RENGO."
    assert segment.findtext(f"{XLF}target") == "連合のシンクタンクです。"
    notes = {note.get("category"): note.text for note in summary.iter(f"{XLF}note")}
    assert notes["previous-source"] == "The RENGO think-tank."
    assert notes["location"].endswith("Summary")
    title = units[f"{key}.title"].find(f"{XLF}segment")
    assert title.get("state") == "translated"
    assert title.findtext(f"{XLF}target") == "連合総合生活開発研究所"
    # Shared facts are never in the file.
    text = path.read_text(encoding="utf-8")
    assert "rengo-soken.or.jp" not in text
    assert not [unit for unit in units if unit.split(".")[1] in OrganizationPage.shared_fields]


@pytest.mark.django_db
def test_every_export_is_valid_by_the_xliff_schema_and_read_by_po_tools(section, body, tmp_path):
    outdate(section.rials, summary="The think-tank of RENGO & <its> members.")
    # ``export`` validates each file: XLIFF against the OASIS schema, PO with
    # polib and translate-toolkit; here with new, translated, outdated and rich units.
    units = xliff_units(export(tmp_path, "xliff"))
    assert {unit.find(f"{XLF}segment").get("state") for unit in units.values()} == {
        "initial",
        "translated",
    }
    assert any(
        unit.find(f"{XLF}notes/{XLF}note[@category='previous-source']") is not None
        for unit in units.values()
    )
    catalog = polib.pofile(str(export(tmp_path, "po")))
    assert len(catalog) == len(units)


@pytest.mark.django_db
def test_nothing_to_translate_gives_no_file(section, tmp_path, admin_client):
    # The translations that exist are up to date: no outdated one to export.
    # (An XLIFF file without a unit would break the standard's schema.)
    path = tmp_path / "ja.xlf"
    out = io.StringIO()
    call_command(
        "rengo_export_translations",
        "--language",
        "ja",
        "--state",
        "outdated",
        "--output",
        path,
        stdout=out,
    )
    assert "Nothing to translate into ja" in out.getvalue()
    assert not path.exists()
    response = admin_client.get(
        EXCHANGE, {"download": 1, "language": "ja", "state": "outdated", "format": "xliff"}
    )
    assert response.status_code == 200
    assert "Content-Disposition" not in response
    assert "Nothing to translate in these states" in response.content.decode()


def translate_rich(unit, *parts):
    """Translate a rich text unit in translate-toolkit as a CAT tool does: the source's codes
    copied into the target in the translator's order. ``parts``: text, or ``(code id, text)``."""
    segment = unit.xmlelement
    source = segment.find(f"{XLF}source")
    codes = {code.get("id"): code for code in source.iter(f"{XLF}pc")}
    target = etree.SubElement(segment, f"{XLF}target")
    target.text = ""
    last = None
    for part in parts:
        if isinstance(part, str):
            if last is None:
                target.text += part
            else:
                last.tail = (last.tail or "") + part
            continue
        code_id, text = part
        last = copy.deepcopy(codes[code_id])
        last.text, last.tail = text, ""
        target.append(last)
    unit.marktranslated()


@pytest.mark.django_db
def test_xliff_round_trip_through_translate_toolkit(section, body, tmp_path, client):
    path = export(tmp_path, "xliff", "--state", "missing")
    store = xliff2.Xliff2File(path.read_bytes())
    units = {unit.getid(): unit for unit in store.units}
    key = section.jcrp.translation_key
    block_ids = [block.id for block in fresh(section.jcrp).body]
    plain = {
        f"{key}.title": "日本退職者連合",
        f"{key}.short_name": "退職者連合",
        f"{key}.summary": JAPANESE_SUMMARY,
        f"{key}.body.{block_ids[0]}": "活動",
        f"{key}.body.{block_ids[1]}.d3e4f": "ご参加ください & お問い合わせを。",
    }
    assert set(units) == {*plain, f"{key}.body.{block_ids[1]}.a1b2c"}
    for unit_id, text in plain.items():
        units[unit_id].target = text
        units[unit_id].marktranslated()
    translate_rich(
        units[f"{key}.body.{block_ids[1]}.a1b2c"],
        ("a1", "全国各地"),
        "で退職組合員が",
        ("b1", "集います"),
        "。",
    )
    returned = tmp_path / "returned.xlf"
    returned.write_bytes(bytes(store))
    # What the translator's tool saved is XLIFF 2.0 still, by the standard's schema.
    assert_valid_xliff(returned.read_bytes())

    output = run_import(returned, "--publish")
    assert "Published." in output
    jcrp_ja = japanese(section.jcrp)
    assert jcrp_ja.live
    assert jcrp_ja.title == "日本退職者連合"
    assert jcrp_ja.summary.encode() == JAPANESE_SUMMARY.encode()
    assert jcrp_ja.body[0].value == "活動"
    paragraph = jcrp_ja.body[1].value.source
    assert (
        f'<a linktype="page" id="{section.rials.pk}">全国各地</a>で退職組合員が<b>集います</b>。'
        in paragraph
    )
    assert "ご参加ください &amp; お問い合わせを。" in paragraph
    # Shared facts stay the source's; the block ids are the source's.
    assert jcrp_ja.website == "https://tr.jtuc-rengo.jp/"
    assert [block.id for block in jcrp_ja.body] == block_ids
    # The page renders the new text, and the report agrees it is up to date.
    response = client.get(jcrp_ja.url)
    assert "退職組合員が<b>集います</b>" in response.content.decode()
    assert states()[section.jcrp.pk] == translation_state.State.UP_TO_DATE


@pytest.mark.django_db
def test_po_round_trip_through_polib(section, body, tmp_path):
    outdate(section.rials, summary="The think-tank of RENGO.")
    path = export(tmp_path, "po")
    catalog = polib.pofile(str(path))
    entries = {entry.msgctxt: entry for entry in catalog}
    rials, jcrp = section.rials.translation_key, section.jcrp.translation_key
    summary = entries[f"{rials}.summary"]
    # An outdated unit: fuzzy, the current translation, the source it was made from.
    assert summary.fuzzy
    assert summary.msgstr == "連合のシンクタンクです。"
    assert summary.previous_msgid == "The RENGO think-tank."
    assert not entries[f"{rials}.title"].fuzzy
    assert entries[f"{rials}.title"].msgstr == "連合総合生活開発研究所"
    paragraph = next(entry for entry in catalog if entry.msgctxt.endswith(".a1b2c"))
    assert paragraph.msgid == 'Retired members <b>meet</b> in <a id="a1">every region</a>.'
    assert paragraph.comment.endswith(f"Body{SEPARATOR}Paragraph")

    summary.msgstr = JAPANESE_SUMMARY
    summary.flags.remove("fuzzy")
    translations = {
        f"{jcrp}.title": "日本退職者連合",
        f"{jcrp}.short_name": "退職者連合",
        f"{jcrp}.summary": "退職者の全国組織です。",
    }
    for entry in catalog:
        if entry.msgctxt in translations:
            entry.msgstr = translations[entry.msgctxt]
        elif entry.msgctxt.startswith(f"{jcrp}.body."):
            entry.msgstr = {
                ".a1b2c": '<a id="a1">全国各地</a>で退職組合員が<b>集います</b>。',
                ".d3e4f": "ご参加ください &amp; お問い合わせを。",
            }.get(entry.msgctxt[-6:], "活動")
    returned = tmp_path / "returned.po"
    catalog.save(str(returned))

    output = run_import(returned, "--publish")
    assert output.count("Published.") == 2
    rials_ja, jcrp_ja = japanese(section.rials), japanese(section.jcrp)
    assert rials_ja.summary.encode() == JAPANESE_SUMMARY.encode()
    assert rials_ja.title == "連合総合生活開発研究所"
    assert jcrp_ja.short_name == "退職者連合"
    assert '<a linktype="page" id="' in jcrp_ja.body[1].value.source
    assert "ご参加ください &amp; お問い合わせを。" in jcrp_ja.body[1].value.source
    now = states()
    assert now[section.rials.pk] == now[section.jcrp.pk] == translation_state.State.UP_TO_DATE


@pytest.mark.django_db
def test_import_writes_history_and_is_idempotent(section, tmp_path):
    outdate(section.rials, summary="The think-tank of RENGO.")
    path = export(tmp_path, "po", "--state", "outdated")
    catalog = polib.pofile(str(path))
    for entry in catalog:
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        if entry.msgctxt.endswith(".summary"):
            entry.msgstr = "連合の調査研究機関です。"
    catalog.save(str(path))

    assert "updated from 3 units" in run_import(path)
    rials_ja = japanese(section.rials)
    entry = PageLogEntry.objects.get(page=rials_ja, action=LOG_ACTION)
    assert entry.data["file"] == "ja.po"
    assert entry.revision_id == rials_ja.latest_revision_id
    # A draft: the live page and its state are as they were.
    assert rials_ja.summary == "連合のシンクタンクです。"
    assert rials_ja.get_latest_revision_as_object().summary == "連合の調査研究機関です。"
    assert states()[section.rials.pk] == translation_state.State.OUTDATED

    revisions = Revision.objects.count()
    assert "unchanged" in run_import(path)
    assert Revision.objects.count() == revisions
    assert PageLogEntry.objects.filter(action=LOG_ACTION).count() == 1


@pytest.mark.django_db
def test_dry_run_writes_nothing(section, tmp_path):
    path = export(tmp_path, "po", "--state", "missing")
    catalog = polib.pofile(str(path))
    for entry in catalog:
        entry.msgstr = "訳"
    catalog.save(str(path))
    output = run_import(path, "--dry-run", "--publish")
    assert "Dry run" in output
    assert "created" in output
    assert not Page.objects.filter(
        translation_key=section.jcrp.translation_key, locale__language_code="ja"
    ).exists()


def filled_po(tmp_path, section):
    """The file for JCRP (missing in Japanese) with every unit translated, as PO text."""
    path = export(tmp_path, "po", "--state", "missing")
    catalog = polib.pofile(str(path))
    for entry in catalog:
        entry.msgstr = {
            ".a1b2c": '<a id="a1">全国各地</a>で<b>集います</b>。',
            ".d3e4f": "ご参加ください。",
        }.get(entry.msgctxt[-6:], "退職者連合")
    return str(catalog)


def unit_id(section, suffix):
    jcrp = fresh(section.jcrp)
    return f"{jcrp.translation_key}.{suffix.format(*[block.id for block in jcrp.body])}"


# Each: a change to a good file, and what the one message says (``{unit}`` the unit it names).
BAD_FILES = {
    "truncated po": (lambda text, s: text[: text.rindex("msgctxt")], "may be truncated", None),
    "cut inside a string": (
        lambda text, s: text[: text.rindex("集") + 1],
        "may be truncated",
        None,
    ),
    "wrong language": (
        lambda text, s: text.replace("Language: ja", "Language: ko"),
        "target language “ko”",
        None,
    ),
    "unknown id": (
        lambda text, s: text.replace(
            str(s.jcrp.translation_key), "0" * 8 + "-0000-4000-8000-" + "0" * 12
        ),
        "no page of this site has this id",
        None,
    ),
    "missing placeholder": (
        lambda text, s: text.replace('<a id=\\"a1\\">全国各地</a>', "全国各地"),
        'the tags of the source are missing: <a id="a1">',
        "body.{1}.a1b2c",
    ),
    "unknown tag": (
        lambda text, s: text.replace("<b>集います</b>", "<script>集います</script>"),
        "“<script>” is not a tag of the source",
        "body.{1}.a1b2c",
    ),
    "stray <": (
        lambda text, s: text.replace("ご参加ください。", "a < b"),
        "“<” starts no tag",
        "body.{1}.d3e4f",
    ),
    "too long for the field": (
        lambda text, s: text.replace(
            'msgid "Activities"\nmsgstr "退職者連合"',
            'msgid "Activities"\nmsgstr "' + "長" * 121 + '"',
        ),
        "at most 120 characters",
        "body.{0}",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_is_refused_whole(section, body, tmp_path, case):
    change, message, unit = BAD_FILES[case]
    text = filled_po(tmp_path, section)
    bad = change(text, section)
    assert bad != text
    path = tmp_path / "bad.po"
    path.write_text(bad, encoding="utf-8")
    revisions, entries = Revision.objects.count(), PageLogEntry.objects.count()
    with pytest.raises(CommandError) as raised:
        run_import(path, "--publish")
    problem = str(raised.value)
    assert message in problem
    if unit:
        assert f"Unit “{unit_id(section, unit)}”" in problem
    assert not Page.objects.filter(
        translation_key=section.jcrp.translation_key, locale__language_code="ja"
    ).exists()
    assert (Revision.objects.count(), PageLogEntry.objects.count()) == (revisions, entries)


@pytest.mark.django_db
def test_a_damaged_or_foreign_xliff_file_is_refused(section, tmp_path):
    path = export(tmp_path, "xliff")
    data = path.read_bytes()
    for bad, message in [
        (data[: len(data) // 2], "not well-formed XML"),
        (data.replace(b'trgLang="ja"', b'trgLang="ko"'), "target language “ko”"),
        (data.replace(b"rengo:site=", b"rengo:other="), "not exported by rengo-wagtail"),
        (b'<!DOCTYPE x [<!ENTITY a "b">]>' + data[data.index(b"<xliff") :], "DTD"),
    ]:
        path.write_bytes(bad)
        with pytest.raises(CommandError, match=message):
            run_import(path)
    path.write_bytes(data)
    with (
        override_settings(SECRET_KEY="another site's key"),
        pytest.raises(CommandError, match="exported from another site"),
    ):
        run_import(path)


@pytest.mark.django_db
def test_a_source_changed_since_export_is_refused_unless_forced(section, tmp_path):
    path = export(tmp_path, "po", "--state", "missing")
    catalog = polib.pofile(str(path))
    for entry in catalog:
        entry.msgstr = "退職者連合"
    catalog.save(str(path))
    outdate(section.jcrp, summary="Retired workers of RENGO unions.")
    summary = f"{section.jcrp.translation_key}.summary"
    with pytest.raises(CommandError, match=f"Unit “{summary}”: its source text changed"):
        run_import(path, "--publish")
    output = run_import(path, "--publish", "--force")
    assert "Left as a draft: its source changed since export." in output
    jcrp_ja = japanese(section.jcrp)
    assert not jcrp_ja.live
    assert jcrp_ja.get_latest_revision_as_object().summary == "退職者連合"
    assert states()[section.jcrp.pk] == translation_state.State.DRAFT


@pytest.mark.django_db
def test_the_report_links_to_the_files_with_its_filters(section, admin_client):
    response = admin_client.get("/admin/rengo/translations/?language=ja&state=missing")
    link = BeautifulSoup(response.content, "html.parser").find(
        "a", href=lambda href: href and href.startswith(EXCHANGE)
    )
    assert link["href"] == f"{EXCHANGE}?language=ja&state=missing"
    page = admin_client.get(link["href"])
    assert page.status_code == 200
    form = BeautifulSoup(page.content, "html.parser").select_one("form.rengo-exchange-download")
    assert form.select_one('input[name="state"][value="missing"]').has_attr("checked")
    assert not form.select_one('input[name="state"][value="outdated"]').has_attr("checked")


@pytest.mark.django_db
def test_download_and_upload_in_the_admin(section, japanese_translator, tmp_path):
    client = Client()
    client.force_login(japanese_translator)
    response = client.get(
        EXCHANGE, {"download": 1, "language": "ja", "state": "missing", "format": "po"}
    )
    assert response["Content-Disposition"] == 'attachment; filename="translations-ja.po"'
    catalog = polib.pofile(response.content.decode())
    assert {entry.msgctxt.split(".")[1] for entry in catalog} == {"title", "short_name", "summary"}
    for entry in catalog:
        entry.msgstr = "日本退職者連合"
    upload = SimpleUploadedFile("ja-done.po", str(catalog).encode())

    response = client.post(EXCHANGE, {"file": upload, "publish": "on"})
    outcome = BeautifulSoup(response.content, "html.parser").select_one(".rengo-exchange-outcome")
    assert "Left as a draft: you may not publish it." in outcome.get_text()
    jcrp_ja = japanese(section.jcrp)
    assert not jcrp_ja.live
    assert jcrp_ja.get_latest_revision_as_object().title == "日本退職者連合"
    entry = PageLogEntry.objects.get(page=jcrp_ja, action=LOG_ACTION)
    assert entry.user == japanese_translator
    assert entry.data["file"] == "ja-done.po"


@pytest.mark.django_db
def test_upload_needs_rights_on_the_language(section, english_editor, tmp_path):
    path = export(tmp_path, "po", "--state", "missing")
    catalog = polib.pofile(str(path))
    for entry in catalog:
        entry.msgstr = "日本退職者連合"
    client = Client()
    client.force_login(english_editor)
    response = client.post(EXCHANGE, {"file": SimpleUploadedFile("ja.po", str(catalog).encode())})
    problems = BeautifulSoup(response.content, "html.parser").select_one(".rengo-exchange-problems")
    assert "You may not edit the ja translation of “Japanese Confederation" in problems.get_text()
    assert not Page.objects.filter(
        translation_key=section.jcrp.translation_key, locale__language_code="ja"
    ).exists()
