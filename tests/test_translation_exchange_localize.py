"""Translation exchange files where wagtail-localize translates (rengo_wagtail.exchange).

An import writes the page's draft and wagtail-localize's string translations
together, so that its editor shows the imported text and its next
synchronisation keeps it. These tests need ``tests.settings_localize``
(``python scripts/version_leg.py localize`` runs them); elsewhere they are skipped.
"""

import xml.etree.ElementTree as ET

import polib
import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError
from django.urls import reverse
from wagtail.models import PageLogEntry, Revision

from rengo_wagtail.exchange.importer import LOG_ACTION
from rengo_wagtail.translation.state import State
from tests.helpers.exchange import XLF, export, give_body, japanese, run_import, states
from tests.helpers.html import REPORT, cells
from tests.helpers.localize import (
    editor_strings,
    localize_status,
    string_translations,
    submit_translation,
    translate_strings,
)
from tests.helpers.pages import fresh, publish

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not apps.is_installed("wagtail_localize"),
        reason="wagtail-localize is not installed (tests.settings_localize installs it)",
    ),
    pytest.mark.localize,
]

PARAGRAPH = 'Retired members <b>meet</b> in <a id="a1">every region</a>.'
TRANSLATED = {
    "title": "日本退職者連合",
    "short_name": "退職者連合",
    "summary": "1991年に結成された退職者の全国組織です。",
    "heading": "活動",
    "a1b2c": '<a id="a1">全国各地</a>で退職組合員が<b>集います</b>。',
    "d3e4f": "ご参加ください &amp; お問い合わせを。",
}


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """wagtail-localize publishes once the transaction commits: run those callbacks."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


@pytest.fixture
def managed(section, locales, admin_client, on_commit):
    """JCRP (with a body) translated into Japanese with wagtail-localize's "Translate": live,
    in English until translated; its title typed into wagtail-localize's editor, not saved."""
    give_body(section)
    jcrp_ja = submit_translation(admin_client, on_commit, section.jcrp, locales.ja)
    translate_strings(admin_client, jcrp_ja, {"title": TRANSLATED["title"]})
    return jcrp_ja


def fill_po(path, section, only=None):
    """Translate JCRP's entries of the PO file at ``path`` (``only``: these of TRANSLATED)."""
    catalog = polib.pofile(str(path))
    key = str(section.jcrp.translation_key)
    heading_id = f"{key}.body.{fresh(section.jcrp).body[0].id}"
    for entry in catalog:
        if not entry.msgctxt.startswith(key):
            continue
        name = "heading" if entry.msgctxt == heading_id else entry.msgctxt.rsplit(".", 1)[1]
        if only is None or name in only:
            entry.msgstr = TRANSLATED[name]
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
    catalog.save(str(path))
    return path


def block_ids(section):
    return [block.id for block in fresh(section.jcrp).body]


def snapshot():
    """What an import may write: revisions, history, wagtail-localize's string translations."""
    from wagtail_localize.models import StringTranslation

    return (
        Revision.objects.count(),
        PageLogEntry.objects.count(),
        sorted(StringTranslation.objects.values_list("pk", "data", "updated_at")),
    )


def test_export_lists_the_localize_managed_translation(section, managed, tmp_path):
    path = export(tmp_path)  # valid by the XLIFF 2.0 schema
    key = section.jcrp.translation_key
    units = {
        unit.get("id"): unit.find(f"{XLF}segment")
        for unit in ET.parse(path).getroot().iter(f"{XLF}unit")
        if unit.get("id").startswith(str(key))
    }
    heading, paragraph = block_ids(section)
    assert set(units) == {
        f"{key}.title",
        f"{key}.short_name",
        f"{key}.summary",
        f"{key}.body.{heading}",
        f"{key}.body.{paragraph}.a1b2c",
        f"{key}.body.{paragraph}.d3e4f",
    }
    # The title typed into wagtail-localize's editor is the current translation,
    # though no revision holds it yet; the rest is still the English copy: new.
    title = units[f"{key}.title"]
    assert (title.get("state"), title.findtext(f"{XLF}target")) == ("translated", "日本退職者連合")
    summary = units[f"{key}.summary"]
    assert (summary.get("state"), summary.find(f"{XLF}target")) == ("initial", None)


def test_import_writes_the_page_and_wagtail_localize_strings(
    section, managed, tmp_path, admin_client, on_commit
):
    from wagtail_localize.models import Translation

    path = fill_po(export(tmp_path, "po"), section)
    output = run_import(path, "--publish")
    assert "updated from 6 units of the file" in output
    assert "Published." in output

    jcrp_ja = japanese(section.jcrp)
    assert jcrp_ja.live and not jcrp_ja.has_unpublished_changes
    assert (jcrp_ja.title, jcrp_ja.summary) == (TRANSLATED["title"], TRANSLATED["summary"])
    heading, paragraph = block_ids(section)
    strings = string_translations(jcrp_ja)
    assert strings[("summary", "Founded in 1991.")] == TRANSLATED["summary"]
    assert strings[(f"body.{heading}", "Activities")] == "活動"
    assert strings[(f"body.{paragraph}", PARAGRAPH)] == TRANSLATED["a1b2c"]
    assert strings[(f"body.{paragraph}", "Ask &amp; join.")] == TRANSLATED["d3e4f"]
    # wagtail-localize, its editor, our report and the status command agree.
    assert localize_status(jcrp_ja) == "Up to date"
    shown = editor_strings(admin_client, jcrp_ja)
    assert shown["summary"] == [TRANSLATED["summary"]]
    assert shown["short_name"] == [TRANSLATED["short_name"]]
    assert cells(admin_client.get(REPORT))[section.jcrp.title]["state"] == "up_to_date"
    assert states()[section.jcrp.pk] == State.UP_TO_DATE

    # wagtail-localize's "Sync translated pages", publishing the translations,
    # renders the page from its strings: the imported text stays.
    source_id = Translation.objects.get(
        source__object_id=section.jcrp.translation_key, target_locale=jcrp_ja.locale
    ).source_id
    sync = reverse("wagtail_localize:update_translations", args=[source_id])
    response = on_commit(admin_client.post, sync, {"publish_translations": "on"})
    assert response.status_code == 302
    jcrp_ja = japanese(section.jcrp)
    assert (jcrp_ja.short_name, jcrp_ja.summary) == (
        TRANSLATED["short_name"],
        TRANSLATED["summary"],
    )
    assert jcrp_ja.body[0].value == "活動"
    paragraph = BeautifulSoup(jcrp_ja.body[1].value.source, "html.parser").p
    assert paragraph.get_text() == "全国各地で退職組合員が集います。"
    # The link is the source's, put back by wagtail-localize from its id.
    link = paragraph.a
    assert (link["linktype"], link["id"], link.get_text()) == (
        "page",
        str(section.rials.pk),
        "全国各地",
    )
    page = admin_client.get(jcrp_ja.url).content.decode()
    assert "退職組合員が<b>集います</b>" in page and TRANSLATED["summary"] in page
    assert states()[section.jcrp.pk] == State.UP_TO_DATE


def test_import_again_changes_nothing(section, managed, tmp_path):
    path = fill_po(export(tmp_path, "po"), section)
    assert "updated" in run_import(path)
    before = snapshot()
    output = run_import(path)
    assert "unchanged: it already says what the file says" in output
    assert snapshot() == before
    assert PageLogEntry.objects.filter(action=LOG_ACTION).count() == 1


def test_a_partial_file_leaves_wagtail_localize_the_rest(section, managed, tmp_path):
    path = fill_po(export(tmp_path, "po"), section, only={"summary"})
    # The title, typed into wagtail-localize's editor, comes back translated too.
    assert "updated from 2 units" in run_import(path, "--publish")
    jcrp_ja = japanese(section.jcrp)
    strings = string_translations(jcrp_ja)
    # The summary is stored; the English copies of the other texts are not
    # passed off as translations; the title typed in its editor is kept.
    assert strings[("summary", "Founded in 1991.")] == TRANSLATED["summary"]
    assert ("short_name", "JCRP") not in strings
    assert strings[("title", section.jcrp.title)] == TRANSLATED["title"]
    assert localize_status(jcrp_ja) == "Waiting for translations"
    assert jcrp_ja.get_latest_revision_as_object().summary == TRANSLATED["summary"]
    # Left a draft (the file translates part of the page): still outdated.
    assert jcrp_ja.summary == "Founded in 1991."
    assert states()[section.jcrp.pk] == State.OUTDATED


def test_a_unit_whose_source_changed_is_left_out_even_forced(section, managed, tmp_path):
    path = fill_po(export(tmp_path, "po"), section)
    jcrp = fresh(section.jcrp)
    jcrp.summary = "Founded in 1991 by retired union members."
    publish(jcrp)
    with pytest.raises(CommandError, match="its source text changed since export"):
        run_import(path)
    output = run_import(path, "--force")
    assert "Units whose source changed since export, left out" in output
    jcrp_ja = japanese(section.jcrp)
    assert jcrp_ja.get_latest_revision_as_object().summary != TRANSLATED["summary"]
    strings = string_translations(jcrp_ja)
    assert TRANSLATED["summary"] not in strings.values()
    assert strings[("short_name", "JCRP")] == TRANSLATED["short_name"]
    assert states()[section.jcrp.pk] == State.OUTDATED


def test_wagtail_localize_po_file_is_refused_with_one_message(
    section, managed, tmp_path, admin_client
):
    from wagtail_localize.models import Translation

    translation = Translation.objects.get(
        source__object_id=section.jcrp.translation_key, target_locale=managed.locale
    )
    localize_po = str(translation.export_po())
    path = tmp_path / "jcrp-ja.po"
    path.write_text(localize_po, encoding="utf-8")
    before = snapshot()
    with pytest.raises(CommandError) as raised:
        run_import(path)
    lines = str(raised.value).splitlines()
    assert len(lines) == 2  # "Nothing was imported from …:" and the one problem
    assert "This is a wagtail-localize PO file" in lines[1]
    assert "Upload PO file" in lines[1]
    response = admin_client.post(
        "/admin/rengo/translations/files/",
        {"file": SimpleUploadedFile("jcrp-ja.po", localize_po.encode())},
    )
    assert "This is a wagtail-localize PO file" in response.content.decode()
    assert snapshot() == before


def test_text_wagtail_localize_divides_otherwise_is_refused(
    section, locales, admin_client, on_commit, tmp_path
):
    jcrp = fresh(section.jcrp)
    # wagtail-localize does not keep <u> inside a string: it makes three of this paragraph.
    jcrp.body = [{"type": "paragraph", "value": '<p data-block-key="k1">a <u>b</u> c</p>'}]
    publish(jcrp)
    submit_translation(admin_client, on_commit, jcrp, locales.ja)
    path = export(tmp_path, "po")
    catalog = polib.pofile(str(path))
    for entry in catalog:
        entry.msgstr = "あ <u>い</u> う" if entry.msgctxt.endswith(".k1") else "訳"
    catalog.save(str(path))
    before = snapshot()
    with pytest.raises(CommandError) as raised:
        run_import(path)
    problem = str(raised.value)
    assert f"Unit “{jcrp.translation_key}.body.{jcrp.body[0].id}.k1”" in problem
    assert "wagtail-localize divides this text into strings differently" in problem
    assert snapshot() == before


def test_a_translation_wagtail_localize_no_longer_syncs_is_a_page_like_any_other(
    section, managed, tmp_path
):
    from wagtail_localize.models import StringTranslation, Translation

    Translation.objects.filter(source__object_id=section.jcrp.translation_key).update(enabled=False)
    strings = StringTranslation.objects.count()
    # No longer waiting for wagtail-localize's strings: up to date, so exported on request.
    path = fill_po(export(tmp_path, "po", "--state", "outdated,up_to_date"), section)
    run_import(path, "--publish")
    assert japanese(section.jcrp).summary == TRANSLATED["summary"]
    assert StringTranslation.objects.count() == strings
