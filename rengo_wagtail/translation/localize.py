"""rengo-wagtail with wagtail-localize as the translation engine (the ``localize`` extra).

Everything here reads or writes wagtail-localize's own records, and runs only
where ``wagtail_localize`` is installed: nothing imports it otherwise.

- Fields: ``OrganizationPage.shared_fields``, the slug and the content key
  become wagtail-localize ``SynchronizedField``s that translators cannot
  override; its own rules make the text fields ``TranslatableField``s.
- State: wagtail-localize's status of a translation ("Waiting for
  translations" while a source string has no translation) and the source
  content it last synchronised, for ``state``.
- Installer: the Japanese pages the content installer writes become
  wagtail-localize translations, their text stored as its string translations.
- Exchange files: the strings of a page as wagtail-localize extracts them,
  and an imported file's translations stored as its string translations
  (``managed_translation``, ``page_strings``, ``string_data``, ``store_strings``).
- Preview: a managed translation's draft as its strings make it
  (``draft_from_strings``), for the front end's preview.
"""

import enum
from collections import defaultdict

from django.apps import apps
from django.db.models import Exists, OuterRef

from .. import i18n


def is_active():
    """Whether wagtail-localize is installed, and so in charge of translating pages."""
    return apps.is_installed("wagtail_localize")


# Besides the shared facts, the same in every language: the slug (one ASCII
# key, as the installer writes it) and the organization's content key.
SAME_IN_EVERY_LANGUAGE = ("slug", "content_key")


def synchronized_fields(model):
    """wagtail-localize's ``override_translatable_fields`` for one of our page types.

    The shared facts (``shared_fields``), the slug and the content key are the
    same in every language: copied from the source on every synchronisation,
    never offered for translation or override. Every other field keeps
    wagtail-localize's default (text fields are translated). Empty without
    wagtail-localize.
    """
    if not is_active():
        return []
    from wagtail_localize.fields import SynchronizedField

    names = {field.name for field in model._meta.get_fields()}
    same = [name for name in SAME_IN_EVERY_LANGUAGE if name in names]
    return [
        SynchronizedField(name, overridable=False)
        for name in (*getattr(model, "shared_fields", ()), *same)
    ]


def localize_translations(translation_keys, languages, source_language):
    """wagtail-localize's enabled translations of these pages, in one query.

    Returns ``{(translation_key, language_code): (translation_source_id, waiting)}``
    where ``waiting`` is wagtail-localize's "Waiting for translations": a
    string of the source has no translation (without error) in the language.
    Without wagtail-localize: ``{}``, and no query.
    """
    if not is_active():
        return {}
    from wagtail_localize.models import StringSegment, StringTranslation, Translation

    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=OuterRef(OuterRef("target_locale_id")),
        has_error=False,
    )
    untranslated = StringSegment.objects.filter(source_id=OuterRef("source_id")).exclude(
        Exists(translated)
    )
    rows = (
        Translation.objects.filter(
            enabled=True,
            source__object_id__in=list(translation_keys),
            source__locale__language_code=source_language,
            target_locale__language_code__in=list(languages),
        )
        .annotate(waiting=Exists(untranslated))
        .values_list("source__object_id", "target_locale__language_code", "source_id", "waiting")
    )
    return {(key, language): (source_id, waiting) for key, language, source_id, waiting in rows}


def synchronised_source(translation):
    """The source content a wagtail-localize translation was last made from, or None.

    That is its ``TranslationSource`` as an instance of the source page: what
    the source said when an editor last synchronised ("Sync translated pages"),
    which may be older than the live source page.
    None without wagtail-localize.
    """
    if not is_active():
        return None
    from wagtail_localize.models import Translation

    managed = (
        Translation.objects.filter(
            enabled=True,
            source__object_id=translation.translation_key,
            target_locale_id=translation.locale_id,
        )
        .select_related("source")
        .first()
    )
    return managed.source.as_instance() if managed else None


def current_translation(translation):
    """``translation`` (a page) as wagtail-localize holds it now, or None where it does not
    manage it.

    Its string translations put into the page in memory, as its preview does
    (the source's text where a string has none): what its editor shows, which
    may be ahead of the page's latest revision. Nothing is saved.
    """
    if not is_active():
        return None
    from wagtail_localize.models import Translation

    managed = (
        Translation.objects.filter(
            enabled=True,
            source__object_id=translation.translation_key,
            target_locale_id=translation.locale_id,
        )
        .select_related("source")
        .first()
    )
    if managed is None:
        return None
    return managed.source.get_ephemeral_translated_instance(translation.locale, fallback=True)


def register_installed(pages):
    """Make the installed translations among ``pages`` wagtail-localize translations.

    For each source-language page: its ``TranslationSource`` (created, or
    brought up to date with the page), and for each of its translations a
    ``Translation`` with the translated text as string translations, so that
    wagtail-localize's editor opens them translated. A string whose
    translation cannot be told apart (a field whose structure differs between
    the languages) is left for the translator.
    Nothing without wagtail-localize.
    """
    if not is_active():
        return
    from wagtail_localize.models import Translation, TranslationSource

    source_language = i18n.source_language_code()
    by_key = defaultdict(list)
    for page in pages:
        by_key[page.translation_key].append(page)
    for versions in by_key.values():
        sources = [page for page in versions if page.locale.language_code == source_language]
        if not sources:
            continue
        source, _created = TranslationSource.update_or_create_from_instance(sources[0])
        for page in versions:
            if page.locale_id == source.locale_id:
                continue
            translation, _created = Translation.objects.update_or_create(
                source=source, target_locale_id=page.locale_id, defaults={"enabled": True}
            )
            _store_strings(translation, page)


def _store_strings(translation, page):
    """Store ``page``'s text as the string translations of ``translation``'s source."""
    from wagtail_localize.models import StringTranslation
    from wagtail_localize.segments import StringSegmentValue
    from wagtail_localize.segments.extract import extract_segments

    # Segments are paired field by field, in order: block ids in StreamField
    # paths differ between languages, a field's sequence of strings does not.
    translated = defaultdict(list)
    for segment in extract_segments(page):
        if isinstance(segment, StringSegmentValue):
            translated[_field(segment.path)].append(segment.string.data)
    source_segments = defaultdict(list)
    segments = translation.source.stringsegment_set.select_related("context").order_by("order")
    for segment in segments:
        source_segments[_field(segment.context.path)].append(segment)
    for field, strings in source_segments.items():
        if len(strings) != len(translated[field]):
            continue
        for segment, data in zip(strings, translated[field], strict=True):
            StringTranslation.objects.update_or_create(
                translation_of_id=segment.string_id,
                locale_id=translation.target_locale_id,
                context_id=segment.context_id,
                defaults={
                    "data": data,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                    "has_error": False,
                    "field_error": "",
                },
            )


def _field(path):
    return path.split(".", 1)[0]


class Managed(enum.Enum):
    """Whether wagtail-localize translates one language's version of a page."""

    YES = "yes"  # an enabled wagtail-localize translation: its strings are the translation
    STOPPED = "stopped"  # an editor stopped wagtail-localize's sync: a page like any other
    NO = "no"  # never a wagtail-localize translation (or wagtail-localize is not installed)


def managed_translation(translation_key, locale_id):
    """``Managed``: whether wagtail-localize manages the translation of a page into a locale."""
    if not is_active():
        return Managed.NO
    from wagtail_localize.models import Translation

    enabled = Translation.objects.filter(
        source__object_id=translation_key, target_locale_id=locale_id
    ).values_list("enabled", flat=True)
    if not enabled:
        return Managed.NO
    return Managed.YES if any(enabled) else Managed.STOPPED


def draft_from_strings(page):
    """The translation ``page`` as wagtail-localize's strings make it now, unsaved, as its
    own preview builds it (strings not yet translated in the source's text); ``None``
    where wagtail-localize does not manage ``page``'s translation.

    wagtail-localize writes a translation's page only when it is published, so
    the page's latest revision does not hold what its editor has translated since.
    """
    if managed_translation(page.translation_key, page.locale_id) is not Managed.YES:
        return None
    from wagtail_localize.models import Translation

    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source")
        .first()
    )
    return translation.source.get_ephemeral_translated_instance(page.locale, fallback=True)


def page_strings(page):
    """``{(path, data)}``: the strings of ``page`` as wagtail-localize extracts them.

    ``path`` is wagtail-localize's content path (``summary``,
    ``body.<block id>``), ``data`` its text of the string (HTML-escaped, inline
    tags with attributes named by id). Empty without wagtail-localize.
    """
    if not is_active():
        return set()
    from wagtail_localize.segments import StringSegmentValue
    from wagtail_localize.segments.extract import extract_segments

    return {
        (segment.path, segment.string.data)
        for segment in extract_segments(page)
        if isinstance(segment, StringSegmentValue)
    }


def string_data(text=None, html=None):
    """Plain ``text``, or inline ``html`` with ids in place of attributes, as wagtail-localize
    stores a string's data.

    ``ValueError`` where wagtail-localize refuses the HTML (a tag it does not
    allow inside a string).
    """
    from wagtail_localize.strings import StringValue

    if html is None:
        return StringValue.from_plaintext(text).data
    return StringValue.from_translated_html(html).data


def stored_strings(translation_key, locale_id, keys):
    """``{(path, source data): translated data}``: wagtail-localize's current translations of
    ``keys`` (``(path, source data)`` pairs) into the locale."""
    if not is_active() or not keys:
        return {}
    from wagtail_localize.models import StringTranslation

    rows = StringTranslation.objects.filter(
        locale_id=locale_id,
        context__object_id=translation_key,
        context__path__in={path for path, _data in keys},
        translation_of__data__in={data for _path, data in keys},
    ).values_list("context__path", "translation_of__data", "data")
    # The database may compare text without regard to case: keep exact matches only.
    return {(path, source): data for path, source, data in rows if (path, source) in keys}


def store_strings(source, locale_id, strings, user=None):
    """Store ``strings`` (``{(path, source data): translated data}``) as wagtail-localize's
    translations of ``source``'s strings into the locale.

    ``source`` (the live source page) becomes wagtail-localize's source
    content first, as its "Sync translated pages" would make it, so that the
    strings translated are the current ones; the translation into the locale
    is created where it did not exist. Only the strings given are written:
    the others keep what wagtail-localize holds for them.
    """
    from wagtail_localize.models import (
        StringSegment,
        StringTranslation,
        Translation,
        TranslationSource,
    )

    translation_source, _created = TranslationSource.update_or_create_from_instance(source)
    Translation.objects.get_or_create(
        source=translation_source, target_locale_id=locale_id, defaults={"enabled": True}
    )
    segments = StringSegment.objects.filter(
        source=translation_source,
        context__path__in={path for path, _data in strings},
    ).values_list("context__path", "string__data", "string_id", "context_id")
    found = {(path, data): (string, context) for path, data, string, context in segments}
    for key, data in strings.items():
        string_id, context_id = found[key]
        StringTranslation.objects.update_or_create(
            translation_of_id=string_id,
            locale_id=locale_id,
            context_id=context_id,
            defaults={
                "data": data,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "last_translated_by": user,
                "has_error": False,
                "field_error": "",
            },
        )
