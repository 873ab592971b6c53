"""Exchange files as gettext PO, written and read with Babel (as the UI catalogs are).

Each unit is an entry: ``msgctxt`` its id, ``msgid`` its source text,
``msgstr`` the current translation or nothing. Rich text carries its inline
tags as text (``markup.to_markup``). A translation to review is ``fuzzy``,
with the source text it was made from as the previous ``msgid`` (``#|``), which
Poedit and Weblate show as a difference. Extracted comments (``#.``) say
which page and field a unit is. The header comment carries what
rengo-wagtail needs back: the site's mark and the number of units, so that a
truncated file is refused.

A ``msgstr`` counts as done when it is not empty and not ``fuzzy``.
"""

import io
import re

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po
from django.utils.translation import gettext as _

from . import markup
from .units import ExchangeError, Kind, ReturnedFile, ReturnedUnit, Status

CONTENT_TYPE = "text/x-gettext-translation"
EXTENSION = "po"

# The header comment's lines that rengo-wagtail reads back.
_FIELD = re.compile(r"^#\s*rengo-(site|site-name|source-language|units):\s?(.*)$", re.M)
# The header wagtail-localize's own PO download carries (one page's strings, not ours).
_LOCALIZE_HEADER = re.compile(r'^"X-WagtailLocalize-TranslationID:', re.M)


def _encode(unit, value):
    return value if unit.kind is Kind.TEXT else markup.to_markup(value, unit.placeholders)


def write(document):
    """``document`` (``units.Document``) as a PO file, UTF-8 bytes."""
    units = document.units
    header = "\n".join(
        [
            f"# {document.site_name}: {document.source_language} → {document.target_language}",
            "# rengo-wagtail translation exchange file. Translate each msgstr; leave the",
            "# lines starting with “# rengo-” as they are.",
            f"# rengo-site: {document.site}",
            f"# rengo-site-name: {document.site_name}",
            f"# rengo-source-language: {document.source_language}",
            f"# rengo-units: {len(units)}",
        ]
    )
    catalog = Catalog(
        locale=_babel_locale(document.target_language),
        header_comment=header,
        project="rengo-wagtail",
        version="exchange",
        fuzzy=False,
    )
    for page in document.pages:
        for unit in page.units:
            comments = [unit.where(page.source)]
            catalog.add(
                _encode(unit, unit.source),
                _encode(unit, unit.target) if unit.target is not None else "",
                context=unit.id,
                auto_comments=comments,
                flags=("fuzzy",) if unit.status is Status.OUTDATED else (),
                previous_id=_encode(unit, unit.previous) if unit.previous is not None else (),
            )
    out = io.BytesIO()
    write_po(out, catalog, width=0, include_previous=True, omit_header=False)
    return out.getvalue()


def _babel_locale(code):
    try:
        return Locale.parse(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return None


def read(data):
    """A returned PO file as a ``ReturnedFile``; ``ExchangeError`` where it is not one of ours."""
    try:
        text = data.decode("utf-8")
        if _LOCALIZE_HEADER.search(text):
            raise ExchangeError(
                [
                    _(
                        "This is a wagtail-localize PO file, downloaded from its editor for one "
                        "page: upload it there (“Upload PO file” in that page's translation "
                        "editor), or export a file for translators from this site."
                    )
                ]
            )
        catalog = read_po(io.StringIO(text), abort_invalid=True, ignore_obsolete=True)
    except UnicodeDecodeError:
        raise ExchangeError(
            [
                _(
                    "The file is not UTF-8 text: it may be truncated or damaged. Save it as "
                    "UTF-8 from your translation tool."
                )
            ]
        ) from None
    except (PoFileError, ValueError) as error:  # Babel: a header it cannot read, e.g. a date
        raise ExchangeError(
            [
                _("The file is not a valid PO file: %(problem)s. It may be truncated or damaged.")
                % {"problem": error}
            ]
        ) from None
    fields = dict(_FIELD.findall(catalog.header_comment or ""))
    if not fields.get("site") or not re.fullmatch(r"[0-9]{1,9}", fields.get("units", "")):
        raise ExchangeError(
            [
                _(
                    "The file was not exported by rengo-wagtail, or its header lost the lines "
                    "starting with “# rengo-”: export a new file from this site."
                )
            ]
        )
    units = []
    for message in catalog:
        if not message.id:
            continue
        if not isinstance(message.id, str) or not message.context:
            raise ExchangeError(
                [
                    _("The entry “%(msgid)s” is not one this site exported (no msgctxt).")
                    % {"msgid": message.id}
                ]
            )
        units.append(
            ReturnedUnit(
                id=message.context,
                source=message.id,
                target=message.string or None,
                confirmed=bool(message.string) and not message.fuzzy,
            )
        )
    if len(units) != int(fields["units"]):
        raise ExchangeError(
            [
                _(
                    "The file has %(found)s units of the %(declared)s it was exported with: it "
                    "may be truncated. Export it again from your translation tool."
                )
                % {"found": len(units), "declared": fields["units"]}
            ]
        )
    return ReturnedFile(
        format="po",
        site=fields["site"].strip(),
        site_name=fields.get("site-name", "").strip(),
        source_language=fields.get("source-language", "").strip(),
        target_language=str(catalog.locale or "").replace("_", "-").lower()
        if catalog.locale
        else "",
        units=units,
    )


def decode(raw, unit):
    """A returned msgid or msgstr in ``unit``'s terms: text, or checked tokens."""
    if unit.kind is Kind.TEXT:
        return raw
    return markup.from_markup(raw, unit.placeholders)
