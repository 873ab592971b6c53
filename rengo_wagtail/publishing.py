"""Publishing a source-language page together with its translations.

One place decides, for a source page and an editor, what "publish with
translations" would do: each language's state, whether the editor may publish
that page, and whether it needs an explicit tick because it is outdated. The
admin view (page action and explorer bulk action) and the "Translations up to
date" workflow task all go through here.

States are ``translation_state.State``, measured against what would go live:
the source's latest revision, not its live content. A translation follows that
revision when it was published against the same translatable text (same
fingerprint), or when an editor saved it after the source's latest revision
(the translator worked on it against the source as it is now). Revisions the
system writes (shared-facts synchronisation, the content installer) have no
user, and the revision that created the translation (a copy of the source)
holds nobody's translation yet: neither counts as a translator's work.
"""

from dataclasses import dataclass, field

from django.db import transaction
from wagtail.coreutils import get_content_languages
from wagtail.models import Page

from . import i18n, translation_state
from .models import TranslationFingerprint
from .translation_state import State


def is_source_page(page):
    """Whether ``page`` (specific) is a source-language original of one of our page types."""
    return translation_state.tracks(page) and not page.alias_of_id and i18n.is_source(page)


def has_changes(page):
    """Whether publishing ``page``'s latest revision would change what is live."""
    return page.latest_revision_id is not None and (not page.live or page.has_unpublished_changes)


def may_publish(page, user):
    # No user is the system (a workflow that finished by itself): Wagtail
    # publishes without a permission check then, and so do we.
    return user is None or page.permissions_for_user(user).can_publish()


@dataclass
class TranslationPlan:
    """One language's version of a source page and what publishing together does with it."""

    language: str
    state: str
    page: Page | None
    can_publish: bool

    @property
    def language_name(self):
        return dict(get_content_languages()).get(self.language, self.language)

    @property
    def state_label(self):
        return State(self.state).label

    @property
    def has_changes(self):
        return self.state != State.MISSING and has_changes(self.page)

    @property
    def publishable(self):
        """Whether there is something to publish and the editor may publish it."""
        return self.has_changes and self.can_publish

    @property
    def needs_tick(self):
        """An outdated translation is published only when the editor ticks it."""
        return self.publishable and self.state == State.OUTDATED

    @property
    def outcome(self):
        """What publishing together does with this translation, as a word for templates."""
        if self.state == State.MISSING:
            return "missing"
        return "tick" if self.needs_tick else _outcome(self.can_publish, self.has_changes)


@dataclass
class PagePlan:
    """A source page, whether the editor may publish it, and each translation's plan."""

    source: Page
    can_publish: bool
    translations: list = field(default_factory=list)

    @property
    def has_changes(self):
        return has_changes(self.source)

    @property
    def outcome(self):
        return _outcome(self.can_publish, self.has_changes)


def _outcome(can_publish, changes):
    if not can_publish:
        return "not_permitted"
    return "publish" if changes else "unchanged"


def translation_states(source, languages=None):
    """``{language: (state, page or None)}``: ``source``'s translations against its latest revision.

    ``languages``: language codes, default every content language but the source's.
    """
    if languages is None:
        languages = translation_state.translation_languages()
    current = translation_state.fingerprint(source.get_latest_revision_as_object())
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
    states = {}
    for language in languages:
        page = pages.get(language)
        if page is None or page.alias_of_id:
            states[language] = (State.MISSING, page)
            continue
        follows = recorded.get(page.pk) == current or (
            since is not None and _edited_since(page, since)
        )
        if not follows:
            states[language] = (State.OUTDATED, page)
        else:
            states[language] = (State.UP_TO_DATE if page.live else State.DRAFT, page)
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


def plan(source, user, languages=None):
    """What publishing ``source`` (specific) with its translations would do for ``user``."""
    return PagePlan(
        source=source,
        can_publish=may_publish(source, user),
        translations=[
            TranslationPlan(language, state, page, page is not None and may_publish(page, user))
            for language, (state, page) in translation_states(source, languages).items()
        ],
    )


@transaction.atomic
def publish(plans, user, ticked=()):
    """Publish the latest revisions the ``plans`` allow, as ``user``, in one transaction.

    Each source goes live first, then its translations, so that each
    translation is recorded against the source's new content. Outdated
    translations are published only when their page id is in ``ticked``.
    Returns the pages published, in that order.
    """
    ticked = {int(pk) for pk in ticked if str(pk).isdigit()}
    published = []
    for page_plan in plans:
        if page_plan.can_publish and page_plan.has_changes:
            published.append(_publish_latest(page_plan.source, user))
        for translation in page_plan.translations:
            if not translation.publishable:
                continue
            if translation.needs_tick and translation.page.pk not in ticked:
                continue
            published.append(_publish_latest(translation.page, user))
    return published


def _publish_latest(page, user):
    # Read again: publishing the source gives a translation's draft the shared
    # facts as a newer revision (translation_sync), and that is the one to publish.
    page = Page.objects.get(pk=page.pk).specific
    page.get_latest_revision().publish(user=user)
    page.refresh_from_db()
    return page
