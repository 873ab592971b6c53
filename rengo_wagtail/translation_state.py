"""How far each translation has followed its source: missing, draft only, outdated, up to date.

Each time a translation is published, the fingerprint of its source's
translatable content (not the shared facts, which are kept in step anyway) is
recorded in ``TranslationFingerprint``. The translation is outdated once the
source's content has another fingerprint. Drafts and autosaves record nothing.

The source's content is read from its page row, which holds what is live
(Wagtail writes drafts to revisions only).

Where wagtail-localize is in charge, a translation it manages follows the
source content it was last synchronised with (its ``TranslationSource``), and
is outdated as well while wagtail-localize says "Waiting for translations".
"""

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from . import i18n, localize
from .content.fields import body_data, content_hash
from .models import OrganizationIndexPage, OrganizationPage, TranslationFingerprint

# The fields a translator translates, by page type. A change to one of these on
# the source makes its translations outdated.
TRANSLATABLE_FIELDS = {
    "OrganizationIndexPage": ("title", "intro", "seo_title", "search_description"),
    "OrganizationPage": (
        "title",
        "short_name",
        "summary",
        "body",
        "seo_title",
        "search_description",
    ),
}

PAGE_TYPES = (OrganizationIndexPage, OrganizationPage)


class State(models.TextChoices):
    MISSING = "missing", _("Missing")
    DRAFT = "draft", _("Draft only")
    OUTDATED = "outdated", _("Outdated")
    UP_TO_DATE = "up_to_date", _("Up to date")


# States that need a translator's work, from the most to the least urgent.
NEEDS_WORK = (State.MISSING, State.DRAFT, State.OUTDATED)

# ``rengo_translation_status --fail-on``: each level and the states it fails on.
FAIL_LEVELS = {
    "outdated": NEEDS_WORK,
    "missing": (State.MISSING, State.DRAFT),
}


def fingerprint(page):
    """SHA-256 of ``page``'s translatable fields as a canonical JSON text.

    Works on historical models in migrations too (it reads only field values).
    """
    values = {}
    for name in TRANSLATABLE_FIELDS[type(page).__name__]:
        value = getattr(page, name)
        values[name] = body_data(value) if name == "body" else value
    return content_hash(values)


def tracks(page):
    """Whether ``page`` (specific) is of a type whose translation state we follow."""
    return type(page).__name__ in TRANSLATABLE_FIELDS and isinstance(page, PAGE_TYPES)


def source_of(page):
    """The source-language page ``page`` translates (specific), or None."""
    source = (
        Page.objects.filter(
            translation_key=page.translation_key,
            locale__language_code=i18n.source_language_code(),
            alias_of__isnull=True,
        )
        .exclude(pk=page.pk)
        .first()
    )
    return source.specific if source else None


def record(translation, source, content=None):
    """Record that ``translation`` now follows ``source``'s current content.

    ``content``: the source content it follows when that is not the live
    source's (a wagtail-localize translation made from an older synchronisation).
    """
    current = fingerprint(source)
    followed = current if content is None else fingerprint(content)
    values = {
        "fingerprint": followed,
        # The source revision is known only while the two agree.
        "source_revision_id": source.live_revision_id if followed == current else None,
    }
    recorded = TranslationFingerprint.objects.filter(page_id=translation.pk).first()
    if recorded is None:
        TranslationFingerprint.objects.create(page_id=translation.pk, **values)
    elif (recorded.fingerprint, recorded.source_revision_id) != tuple(values.values()):
        recorded.fingerprint = values["fingerprint"]
        recorded.source_revision_id = values["source_revision_id"]
        recorded.save()


def record_installed(pages):
    """Installer-written translations count as up to date: record them against their sources.

    ``pages``: the pages that hold the installed content after a run of the
    content installer. A translation is recorded only where its source holds
    the installed content too: against a source an editor has changed since,
    it stays as outdated as it was.
    """
    source_code = i18n.source_language_code()
    sources = {
        page.translation_key: page for page in pages if page.locale.language_code == source_code
    }
    for page in pages:
        source = sources.get(page.translation_key)
        if page.live and source is not None and source is not page and source.live:
            record(page, source)


@dataclass
class Translation:
    """One language's version of a source page, and its state."""

    language: str
    state: str
    page: Page | None = None
    # The source revision the translation was published against, when known.
    source_revision_id: int | None = None
    # wagtail-localize's TranslationSource, where it manages this translation.
    localize_source_id: int | None = None
    # wagtail-localize's "Waiting for translations": source strings left to translate.
    waiting_for_strings: bool = False

    @property
    def state_label(self):
        return State(self.state).label


@dataclass
class Row:
    """A source-language page and its translations, by language code."""

    source: Page
    translations: dict = field(default_factory=dict)

    @property
    def type_label(self):
        return type(self.source)._meta.verbose_name


def translation_languages():
    """The content languages other than the source, in settings order."""
    return i18n.content_language_codes()[1:]


def compute(languages=None):
    """Every source page of our types, in tree order, with each language's translation state.

    A fixed number of queries, whatever the number of pages.
    """
    languages = list(languages or translation_languages())
    source_code = i18n.source_language_code()
    sources = []
    for model in PAGE_TYPES:
        sources += model.objects.filter(
            locale__language_code=source_code, alias_of__isnull=True
        ).select_related("locale")
    sources.sort(key=lambda page: page.path)
    translations = {}
    candidates = (
        Page.objects.filter(translation_key__in=[page.translation_key for page in sources])
        .exclude(locale__language_code=source_code)
        .filter(locale__language_code__in=languages)
        .select_related("locale", "rengo_translation_fingerprint")
    )
    for page in candidates:
        translations[page.translation_key, page.locale.language_code] = page
    # One more query where wagtail-localize is installed.
    managed = localize.localize_translations(
        [page.translation_key for page in sources], languages, source_code
    )
    rows = []
    for source in sources:
        current = fingerprint(source)
        row = Row(source)
        for language in languages:
            key = (source.translation_key, language)
            translation = _translation(language, translations.get(key), current)
            if key in managed and translation.page is not None:
                translation.localize_source_id, translation.waiting_for_strings = managed[key]
                if translation.state == State.UP_TO_DATE and translation.waiting_for_strings:
                    translation.state = State.OUTDATED
            row.translations[language] = translation
        rows.append(row)
    return rows


def _translation(language, page, current):
    if page is None or page.alias_of_id:
        return Translation(language, State.MISSING, page)
    if not page.live:
        return Translation(language, State.DRAFT, page)
    recorded = getattr(page, "rengo_translation_fingerprint", None)
    if recorded is None:
        return Translation(language, State.OUTDATED, page)
    state = State.UP_TO_DATE if recorded.fingerprint == current else State.OUTDATED
    return Translation(language, state, page, recorded.source_revision_id)


def counts(rows):
    """``{language: {state: count}}`` over ``rows``."""
    totals = {}
    for row in rows:
        for language, translation in row.translations.items():
            by_state = totals.setdefault(language, dict.fromkeys(State.values, 0))
            by_state[translation.state] += 1
    return totals
