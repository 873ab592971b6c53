"""Exchange files in tests: export, import, the XLIFF schema and translators' readers."""

import io
from pathlib import Path

import polib
from django.core.management import call_command
from lxml import etree
from translate.storage import po
from wagtail.models import Page

from rengo_wagtail.translation import state as translation_state
from tests.helpers.pages import fresh, publish

XLF = "{urn:oasis:names:tc:xliff:document:2.0}"

# The OASIS XLIFF 2.0 core schema (tests/schemas, with its notice).
XLIFF_SCHEMA = Path(__file__).resolve().parent.parent / "schemas" / "xliff_core_2.0.xsd"


def export(tmp_path, fmt="xliff", *args):
    """``rengo_export_translations`` into Japanese; the file, checked as a translator's tool
    would read it (XLIFF against the standard's schema, PO by polib and translate-toolkit)."""
    path = tmp_path / f"ja.{fmt}"
    call_command(
        "rengo_export_translations",
        "--language",
        "ja",
        "--format",
        fmt,
        "--output",
        path,
        *args,
        stdout=io.StringIO(),
    )
    if fmt == "xliff":
        assert_valid_xliff(path.read_bytes())
    else:
        assert_readable_po(path.read_bytes())
    return path


def run_import(path, *args):
    out = io.StringIO()
    call_command("rengo_import_translations", str(path), *args, stdout=out)
    return out.getvalue()


def assert_valid_xliff(data):
    """Fail with the schema's own messages unless ``data`` is valid XLIFF 2.0 (core)."""
    schema = etree.XMLSchema(etree.parse(str(XLIFF_SCHEMA)))
    document = etree.fromstring(data)
    assert schema.validate(document), "\n".join(
        f"line {error.line}: {error.message}" for error in schema.error_log
    )


def assert_readable_po(data):
    """Fail unless polib and translate-toolkit both read ``data`` as the same PO entries."""
    with_polib = polib.pofile(data.decode("utf-8"))
    with_toolkit = po.pofile(io.BytesIO(data))
    by_polib = [(entry.msgctxt, entry.msgid, entry.msgstr) for entry in with_polib]
    by_toolkit = [
        (unit.getcontext(), unit.source, unit.target)
        for unit in with_toolkit.units
        if not unit.isheader()
    ]
    assert by_polib == by_toolkit
    assert len(by_polib) == len({context for context, _source, _target in by_polib})


def states():
    return {
        row.source.pk: row.translations["ja"].state for row in translation_state.compute(["ja"])
    }


def japanese(page):
    """The Japanese translation of ``page`` (specific), as the database holds it now."""
    return Page.objects.get(
        translation_key=page.translation_key, locale__language_code="ja"
    ).specific


def give_body(section):
    """JCRP's English body: a heading and a paragraph with bold text and a link, published."""
    jcrp = fresh(section.jcrp)
    jcrp.body = [
        {"type": "heading", "value": "Activities"},
        {
            "type": "paragraph",
            "value": (
                '<p data-block-key="a1b2c">Retired members <b>meet</b> in '
                f'<a linktype="page" id="{section.rials.pk}">every region</a>.</p>'
                '<p data-block-key="d3e4f">Ask &amp; join.</p>'
            ),
        },
    ]
    return publish(jcrp)
