"""What each field of our page types is, declared once on the page class, and its values as data.

Each page type (``models.pages``) declares, next to its fields:

- ``translated_fields``: the text a translator translates. A change to one of
  them on the source makes its translations outdated (``fingerprint``,
  ``translation.state``); wagtail-localize offers them for translation.
- ``shared_fields`` (organizations): the facts that are the same in every
  language, edited on the source-language page only. The sync copies them to
  the translations on every publish (``translation.sync``), the edit form
  shows them read-only on translations (``translation.panels``) and
  wagtail-localize keeps them synchronised (``translation.localize``).
- ``content_file_fields``: what the content files carry, in the order they
  carry it (``content.mapping``): the translated ones in each language's
  file, the shared ones in ``organizations.json``.
- ``api_fields`` and ``api_detail_only_fields``: what the headless API shows,
  in its order, and what only its detail view shows (``rengo_wagtail.api``
  gives some of them their own representation).

The installer, the exporter, the fingerprint, the sync, the API and
wagtail-localize read these declarations; nothing else lists the fields.
"""

import hashlib
import json

from wagtail.blocks import StreamValue


def body_data(stream_value):
    """A StreamField value as content-file JSON: blocks without their random ids."""
    return [
        {"type": block["type"], "value": block["value"]} for block in stream_value.get_prep_value()
    ]


def field_values(page, names):
    """``{name: value}`` of ``page``'s fields, a StreamField's as ``body_data``."""
    values = {}
    for name in names:
        value = getattr(page, name)
        values[name] = body_data(value) if isinstance(value, StreamValue) else value
    return values


def content_hash(values):
    """SHA-256 of field values as canonical JSON: equal values, equal hash."""
    text = json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fingerprint(page, names=None):
    """The fingerprint of ``page``'s translated content: ``content_hash`` of its
    ``translated_fields`` (or of the field ``names`` given, as migrations do)."""
    return content_hash(field_values(page, names or type(page).translated_fields))
