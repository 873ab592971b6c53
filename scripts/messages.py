"""What `make messages` runs: extract the UI strings, update the catalogs, compile them.

    python scripts/messages.py          # update every catalog under locale/
    python scripts/messages.py ko       # also start (or update) the Korean catalog

Strings are extracted from the ``rengo_wagtail`` package only: its Python
modules with Babel's Python extractor, its Django templates through Django's
own ``templatize`` (the same conversion ``makemessages`` uses). Each
``locale/<lang>/LC_MESSAGES/django.po`` is merged with them (translations
kept, reworded strings proposed as fuzzy, removed ones marked obsolete) and
compiled to ``django.mo`` with Babel, so neither step needs GNU gettext.

The output is deterministic: running it twice over unchanged sources writes
the same bytes, and the header carries no date or tool version that would
change between runs. The tests import this module to extract in memory.
"""

import io
import re
import sys
from pathlib import Path

from babel import UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.extract import extract, extract_python
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from django.utils.translation.template import templatize

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "rengo_wagtail"
LOCALE_DIR = REPO / "locale"
DOMAIN = "django"
PROJECT = "rengo-wagtail"

# Django's translation functions, as ``makemessages`` passes them to xgettext:
# a number is the position of a message argument, ``(n, "c")`` that of the context.
KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}
COMMENT_TAGS = ("Translators",)

# Header fields that would change with the Babel version or say nothing.
DROPPED_HEADERS = ("Generated-By", "Report-Msgid-Bugs-To")
HEADER_COMMENT = (
    "# {language} UI catalog of rengo-wagtail.\n"
    "# Distributed under the same license as the rengo-wagtail package.\n"
    "#"
)


def extract_django_template(fileobj, keywords, comment_tags, options):
    """Babel extraction method for Django templates.

    ``templatize`` turns ``{% translate %}``, ``{% blocktranslate %}`` and
    translator comments into ``gettext()`` calls on the same lines, exactly
    as ``makemessages`` does; Babel's Python extractor then reads those.
    """
    encoding = options.get("encoding", "utf-8")
    origin = getattr(fileobj, "name", None)
    code = templatize(fileobj.read().decode(encoding), origin=origin)
    yield from extract_python(
        io.BytesIO(code.encode("utf-8")), keywords, comment_tags, {"encoding": "utf-8"}
    )


def source_files():
    """``(path, extraction method)`` of every file whose strings we extract, in a stable order."""
    python = sorted(
        path
        for path in PACKAGE.rglob("*.py")
        if "migrations" not in path.relative_to(PACKAGE).parts
    )
    templates = sorted((PACKAGE / "templates").rglob("*.html"))
    return [(path, extract_python) for path in python] + [
        (path, extract_django_template) for path in templates
    ]


def extract_messages():
    """Extract the package's current UI strings into a template ``Catalog``, writing nothing."""
    template = Catalog(domain=DOMAIN, project=PROJECT, fuzzy=False)
    for path, method in source_files():
        location = path.relative_to(REPO).as_posix()
        with path.open("rb") as fileobj:
            for lineno, message, comments, context in extract(
                method, fileobj, keywords=KEYWORDS, comment_tags=COMMENT_TAGS
            ):
                template.add(
                    message,
                    None,
                    locations=[(location, lineno)],
                    auto_comments=comments,
                    context=context,
                )
    return template


def po_path(language):
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def new_catalog(language):
    """An empty catalog for ``language`` with our header (plural forms from CLDR)."""
    catalog = Catalog(
        locale=language,
        domain=DOMAIN,
        project=PROJECT,
        fuzzy=False,
        last_translator="rengo-wagtail developers",
        charset="utf-8",
    )
    catalog.header_comment = HEADER_COMMENT.format(language=catalog.locale.english_name)
    catalog.language_team = catalog.locale.english_name
    catalog.revision_date = catalog.creation_date
    return catalog


def read_catalog(language):
    """The committed catalog of ``language``."""
    with po_path(language).open("rb") as fileobj:
        return read_po(fileobj, locale=language, domain=DOMAIN)


def updated_catalog(language, template=None):
    """The catalog of ``language`` merged with the current sources, in memory.

    Translations are kept; a string whose wording changed gets its old
    translation as a fuzzy proposal; strings gone from the sources become
    obsolete. The creation date stays what it was, so nothing churns.
    """
    template = template if template is not None else extract_messages()
    catalog = read_catalog(language) if po_path(language).exists() else new_catalog(language)
    catalog.update(template, update_creation_date=False)
    return catalog


def po_bytes(catalog):
    """The ``.po`` text of ``catalog``: file locations without line numbers, a stable header."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, include_lineno=False)
    header, separator, body = buffer.getvalue().partition(b"\n\n")
    header = re.sub(
        rb'^"(?:%s): .*"\n' % b"|".join(name.encode() for name in DROPPED_HEADERS),
        b"",
        header + b"\n",
        flags=re.MULTILINE,
    )
    header = re.sub(
        rb'^"Project-Id-Version: .*"$',
        lambda _match: b'"Project-Id-Version: %s\\n"' % PROJECT.encode(),
        header,
        flags=re.MULTILINE,
    )
    return header.rstrip(b"\n") + separator + body


def mo_bytes(catalog):
    """The compiled ``.mo`` of ``catalog``; fuzzy and untranslated entries are left out."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def is_translated(message):
    """Whether every form of ``message`` has a translation that is not fuzzy."""
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return all(strings) and not message.fuzzy


def languages():
    """The languages that have a catalog under ``locale/``."""
    return sorted(path.parent.parent.name for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def write_catalog(language, template):
    """Merge, write and compile the catalog of ``language``; return its untranslated count."""
    catalog = updated_catalog(language, template)
    path = po_path(language)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(po_bytes(catalog))
    # Compile what was written, so the .mo is exactly the committed .po.
    catalog = read_catalog(language)
    path.with_suffix(".mo").write_bytes(mo_bytes(catalog))
    return catalog


def main(argv):
    """Update (or, for a language named on the command line, start) the catalogs."""
    template = extract_messages()
    wanted = sorted({*languages(), *argv})
    if not wanted:
        print("No catalogs under locale/. Name a language to start one: messages.py ja")
        return 1
    for language in wanted:
        try:
            catalog = write_catalog(language, template)
        except (UnknownLocaleError, ValueError):
            print(f"{language!r} is not a language Babel knows: use a code such as ja or pt_BR.")
            return 2
        messages = list(catalog)[1:]
        todo = [message for message in messages if not is_translated(message)]
        print(
            f"{po_path(language).relative_to(LOCALE_DIR.parent)}: {len(messages)} messages, "
            f"{len(todo)} to translate or review, {len(catalog.obsolete)} obsolete"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
