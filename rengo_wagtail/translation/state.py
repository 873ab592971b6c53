"""How far each translation has followed its source: missing, draft only, outdated, up to date.

Each time a translation is published, the fingerprint of its source's
translated content (the page type's ``translated_fields``; not the shared
facts, which are kept in step anyway) is recorded in ``TranslationFingerprint``.
Drafts and autosaves record nothing.

One rule (``classify``) gives a translation its state, measured against one
version of the source:

- ``Against.LIVE``, what visitors get (the report, ``rengo_translation_status``):
  the source's live content, read from its page row. A translation with
  nothing live is "draft only"; a live one follows the source when it was
  published against the same content.
- ``Against.LATEST``, what would go live (publish with translations, the
  "Translations up to date" workflow task): the source's latest revision. A
  translation follows it when it was published against the same content, or
  when a translator saved it after that revision; it is outdated otherwise,
  draft or not.

Where wagtail-localize is in charge, a translation it manages follows the
source content it was last synchronised with (its ``TranslationSource``), and
does not follow while wagtail-localize says "Waiting for translations".
"""

import enum
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from .. import i18n
from ..declarations import fingerprint
from ..models import OrganizationIndexPage, OrganizationPage, TranslationFingerprint
from . import localize

# The page types whose translations are followed, in the report's order.
PAGE_TYPES = (OrganizationIndexPage, OrganizationPage)


class State(models.TextChoices):
    MISSING = "missing", _("Missing")
    DRAFT = "draft", _("Draft only")
    OUTDATED = "outdated", _("Outdated")
    UP_TO_DATE = "up_to_date", _("Up to date")


class Against(enum.Enum):
    """The version of the source a translation's state is measured against."""

    LIVE = "live"
    LATEST = "latest"


# States that need a translator's work, from the most to the least urgent.
NEEDS_WORK = (State.MISSING, State.DRAFT, State.OUTDATED)

# ``rengo_translation_status --fail-on``: each level and the states it fails on.
FAIL_LEVELS = {
    "outdated": NEEDS_WORK,
    "missing": (State.MISSING, State.DRAFT),
}


def classify(page, follows, against):
    """The state of ``page``, one language's version of a source page (or ``None``).

    ``follows``: whether the version of ``page`` that ``against`` measures
    (its live content, or its latest revision) follows the source's.
    """
    if page is None or page.alias_of_id:
        return State.MISSING
    if against is Against.LIVE and not page.live:
        return State.DRAFT
    if not follows:
        return State.OUTDATED
    return State.UP_TO_DATE if page.live else State.DRAFT


def tracks(page):
    """Whether ``page`` (specific) is of a type whose translation state we follow."""
    return isinstance(page, PAGE_TYPES)


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


def compute(languages=None):
    """Every source page of our types, in tree order, with each language's translation state.

    Measured against the live source (``Against.LIVE``). A fixed number of
    queries, whatever the number of pages.
    """
    languages = list(languages or i18n.translation_languages())
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
            page = translations.get((source.translation_key, language))
            recorded = getattr(page, "rengo_translation_fingerprint", None)
            localize_source_id, waiting = managed.get(
                (source.translation_key, language), (None, False)
            )
            if page is None:
                localize_source_id, waiting = None, False
            follows = recorded is not None and recorded.fingerprint == current and not waiting
            state = classify(page, follows, Against.LIVE)
            row.translations[language] = Translation(
                language,
                state,
                page,
                source_revision_id=recorded.source_revision_id
                if recorded is not None and state != State.MISSING and page.live
                else None,
                localize_source_id=localize_source_id,
                waiting_for_strings=waiting,
            )
        rows.append(row)
    return rows


def translation_states(source, languages=None):
    """``{language: (state, page or None)}``: ``source``'s translations against its latest
    revision (``Against.LATEST``).

    ``languages``: language codes, default every content language but the source's.
    """
    if languages is None:
        languages = i18n.translation_languages()
    current = fingerprint(source.get_latest_revision_as_object())
    since = source.latest_revision.created_at if source.latest_revision_id else None
    pages = {
        page.locale.language_code: page.specific
        for page in Page.objects.filter(
            translation_key=source.translation_key, locale__language_code__in=languages
        )
        .exclude(pk=source.pk)
        .select_related("locale")
    }
    recorded = dict(
        TranslationFingerprint.objects.filter(
            page_id__in=[page.pk for page in pages.values()]
        ).values_list("page_id", "fingerprint")
    )
    managed = localize.localize_translations(
        [source.translation_key], languages, source.locale.language_code
    )
    states = {}
    for language in languages:
        page = pages.get(language)
        _source_id, waiting = managed.get((source.translation_key, language), (None, False))
        follows = (
            page is not None
            and not waiting
            and (
                recorded.get(page.pk) == current
                or (since is not None and _edited_since(page, since))
            )
        )
        states[language] = (classify(page, follows, Against.LATEST), page)
    return states


def _edited_since(page, since):
    # The revision that created the page (simple_translation's copy, an alias
    # converted) holds no translator's work yet, even when a user made it.
    created = page.revisions.order_by("created_at", "pk").values_list("pk", flat=True)[:1]
    return (
        page.revisions.filter(user__isnull=False, created_at__gt=since)
        .exclude(pk__in=list(created))
        .exists()
    )


def counts(rows):
    """``{language: {state: count}}`` over ``rows``."""
    totals = {}
    for row in rows:
        for language, translation in row.translations.items():
            by_state = totals.setdefault(language, dict.fromkeys(State.values, 0))
            by_state[translation.state] += 1
    return totals
