"""The UI catalogs under locale/: complete, current, compiled, and consistent in their placeholders.

When one of these fails after a change to a string: run ``make messages``,
translate or review the entries it reports, and commit the .po and .mo.
"""

import gettext
import io
import re
import shutil
import string

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.mofile import read_mo

from tests.helpers.catalogs import entries, messages

pytestmark = pytest.mark.checkout

LANGUAGES = messages.languages()


def key(message):
    """How gettext finds a message: its context and its msgid (both forms for a plural)."""
    msgid = tuple(message.id) if isinstance(message.id, list | tuple) else message.id
    return (message.context, msgid)


def described(keys):
    return "\n".join(
        f"  {context + ' | ' if context else ''}{msgid!r}"
        for context, msgid in sorted(keys, key=str)
    )


@pytest.fixture(scope="module")
def source():
    return messages.extract_messages()


@pytest.fixture(params=LANGUAGES)
def language(request):
    return request.param


@pytest.fixture
def catalog(language):
    return messages.read_catalog(language)


def test_japanese_catalog_exists():
    assert "ja" in LANGUAGES


def test_source_has_strings_from_python_and_templates(source):
    found = {key(message): message for message in entries(source)}
    assert (None, "legal form") in found
    assert ("name with legal form: public interest incorporated foundation", "{name}") in found
    plural = found[(None, ("%(counter)s organization", "%(counter)s organizations"))]
    assert (
        plural.locations[0][0]
        == "rengo_wagtail/templates/rengo_wagtail/organization_index_page.html"
    )
    assert not any(
        location.startswith(("example_site/", "tests/", "rengo_wagtail/migrations/"))
        for message in entries(source)
        for location, _lineno in message.locations
    )


def test_catalog_has_every_source_string(source, catalog, language):
    missing = {key(m) for m in entries(source)} - {key(m) for m in entries(catalog)}
    assert not missing, (
        f"locale/{language} lacks strings the source has; run `make messages` and translate:\n"
        + described(missing)
    )


def test_catalog_has_no_string_the_source_lacks(source, catalog, language):
    stale = {key(m) for m in entries(catalog)} - {key(m) for m in entries(source)}
    assert not stale, (
        f"locale/{language} has strings no longer in the source; run `make messages`:\n"
        + described(stale)
    )


def test_every_entry_is_translated_and_reviewed(catalog, language):
    todo = {key(m) for m in entries(catalog) if not messages.is_translated(m)}
    assert not todo, f"locale/{language} has untranslated or fuzzy entries:\n" + described(todo)


def test_no_obsolete_entries(catalog, language):
    obsolete = {key(m) for m in catalog.obsolete.values()}
    assert not obsolete, (
        f"locale/{language} keeps obsolete (#~) entries; delete them once they are not needed:\n"
        + described(obsolete)
    )


def _header(language):
    """The header fields exactly as the .po file writes them (Babel fills in missing ones)."""
    text = messages.po_path(language).read_text(encoding="utf-8")
    block = text.split('msgid ""\nmsgstr ""\n', 1)[1].split("\n\n", 1)[0]
    fields = re.findall(r'^"([\w-]+): (.*)\\n"$', block, flags=re.MULTILINE)
    return dict(fields)


def test_header_declares_plural_forms(language):
    expected = Catalog(locale=language).plural_forms
    assert _header(language).get("Plural-Forms") == expected
    if language == "ja":
        assert expected == "nplurals=1; plural=0;"


def test_header_has_no_churning_fields(language):
    assert "Generated-By" not in _header(language)


def _mo_path(language):
    return messages.po_path(language).with_suffix(".mo")


def _compiled(mo):
    return {key(m): m.string for m in entries(read_mo(io.BytesIO(mo)))}


def test_committed_mo_is_compiled_from_committed_po(catalog, language):
    committed = _mo_path(language).read_bytes()
    assert _compiled(committed) == _compiled(messages.mo_bytes(catalog)), (
        f"locale/{language}: django.mo is not django.po compiled; run `make messages`"
    )


def test_mo_header_gives_gettext_the_plural_forms(language):
    with _mo_path(language).open("rb") as fileobj:
        translations = gettext.GNUTranslations(fileobj)
    assert translations.info()["plural-forms"] == Catalog(locale=language).plural_forms


PERCENT = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?P<type>[a-zA-Z%])"
)


def percent_placeholders(text):
    return {(m["name"], m["type"]) for m in PERCENT.finditer(text) if m["type"] != "%"}


def brace_placeholders(text):
    try:
        return {field for _literal, field, _spec, _conv in string.Formatter().parse(text) if field}
    except ValueError:
        return set()


def _placeholder_errors(message):
    msgids = message.id if isinstance(message.id, tuple) else (message.id,)
    msgstrs = message.string if isinstance(message.string, tuple) else (message.string,)
    errors = []
    for extract_placeholders, flag in (
        (percent_placeholders, "python-format"),
        (brace_placeholders, "python-brace-format"),
    ):
        if flag == "python-format" and flag not in message.flags:
            continue
        wanted = set().union(*(extract_placeholders(msgid) for msgid in msgids))
        for msgstr in filter(None, msgstrs):
            found = extract_placeholders(msgstr)
            # A plural form may leave out the count ("one organization"); nothing may
            # be added, and a singular message must keep every placeholder.
            if not found <= wanted or (len(msgids) == 1 and found != wanted):
                errors.append(f"{msgstr!r} has {sorted(found)}, msgid has {sorted(wanted)}")
    return errors


def test_placeholders_of_translations_match_their_msgids(catalog, language):
    errors = [
        f"  {key(message)}: {error}"
        for message in entries(catalog)
        for error in _placeholder_errors(message)
    ]
    assert not errors, f"locale/{language} has translations with wrong placeholders:\n" + "\n".join(
        errors
    )


def test_placeholder_check_catches_a_mistake():
    wrong = Catalog(locale="ja")
    wrong.add("%(name)s is not a rengo-wagtail setting.", "%(nom)s は設定ではありません。")
    wrong.add("{name}", "公益財団法人 {title}", context="name with legal form: x")
    assert all(_placeholder_errors(message) for message in entries(wrong))


# --- The extractor and the script --------------------------------------------------


def _from_template(text):
    fileobj = io.BytesIO(text.encode())
    return [
        (lineno, message, comments, context)
        for lineno, message, comments, context in extract(
            messages.extract_django_template,
            fileobj,
            keywords=messages.KEYWORDS,
            comment_tags=messages.COMMENT_TAGS,
        )
    ]


def test_template_extractor_reads_django_translation_tags():
    found = _from_template(
        "{% load i18n %}\n"
        "{# Translators: the heading of the facts list #}\n"
        '<h2>{% translate "Facts" %}</h2>\n'
        '{% translate "May" context "month" %}\n'
        "{% blocktranslate trimmed with name=page.title %}\n"
        "  About {{ name }}, 100% sure\n"
        "{% endblocktranslate %}\n"
        "{% blocktranslate count counter=n %}{{ counter }} item{% plural %}"
        "{{ counter }} items{% endblocktranslate %}\n"
    )
    assert found == [
        (3, "Facts", ["Translators: the heading of the facts list"], None),
        (4, "May", [], "month"),
        (5, "About %(name)s, 100%% sure", [], None),
        (8, ("%(counter)s item", "%(counter)s items"), [], None),
    ]


@pytest.fixture
def scratch_locale(tmp_path, monkeypatch):
    """A copy of locale/ that the script writes to instead of the checkout's."""
    shutil.copytree(messages.LOCALE_DIR, tmp_path / "locale")
    monkeypatch.setattr(messages, "LOCALE_DIR", tmp_path / "locale")
    return tmp_path / "locale"


def test_running_make_messages_again_changes_nothing(scratch_locale):
    assert messages.main([]) == 0
    first = {path: path.read_bytes() for path in scratch_locale.rglob("django.*")}
    assert messages.main([]) == 0
    assert {path: path.read_bytes() for path in scratch_locale.rglob("django.*")} == first


def test_a_new_language_gets_an_empty_catalog_with_its_plural_forms(scratch_locale):
    assert messages.main(["ko"]) == 0
    catalog = messages.read_catalog("ko")
    assert catalog.plural_forms == Catalog(locale="ko").plural_forms
    assert {key(m) for m in entries(catalog)} == {
        key(m) for m in entries(messages.read_catalog("ja"))
    }
    assert not any(messages.is_translated(m) for m in entries(catalog))
    assert (scratch_locale / "ko" / "LC_MESSAGES" / "django.mo").exists()


def test_an_unknown_language_is_refused_with_a_message(scratch_locale, capsys):
    assert messages.main(["xx-nonsense"]) == 2
    assert "'xx-nonsense' is not a language Babel knows" in capsys.readouterr().out
    assert not (scratch_locale / "xx-nonsense").exists()
