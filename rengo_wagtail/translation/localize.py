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
"""

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
