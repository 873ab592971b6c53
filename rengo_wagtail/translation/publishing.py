"""Publishing a source-language page together with its translations.

One place decides, for a source page and an editor, what "publish with
translations" would do: each language's state, whether the editor may publish
that page, and whether it needs an explicit tick because it is outdated. The
admin view (page action and explorer bulk action) and the "Translations up to
date" workflow task all go through here.

States are ``state.State``, measured against what would go live, the
source's latest revision (``state.Against.LATEST``): see ``state`` for the rule.
"""

from dataclasses import dataclass, field

from django.db import models, transaction
from wagtail.coreutils import get_content_languages
from wagtail.models import Page

from .. import i18n
from ..ids import parse_id
from .state import State, tracks, translation_states


class Outcome(models.TextChoices):
    """What publishing together does with a page (templates compare these values)."""

    PUBLISH = "publish"
    UNCHANGED = "unchanged"
    NOT_PERMITTED = "not_permitted"
    TICK = "tick"  # an outdated translation: published only where the editor ticks it
    MISSING = "missing"


def is_source_page(page):
    """Whether ``page`` (specific) is a source-language original of one of our page types."""
    return tracks(page) and not page.alias_of_id and i18n.is_source(page)


def has_changes(page):
    """Whether publishing ``page``'s latest revision would change what is live."""
    return page.latest_revision_id is not None and (not page.live or page.has_unpublished_changes)


def may_publish(page, user):
    # No user is the system (a workflow that finished by itself): Wagtail
    # publishes without a permission check then, and so do we.
    return user is None or page.permissions_for_user(user).can_publish()


@dataclass
class TranslationDecision:
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
        """What publishing together does with this translation: an ``Outcome``."""
        if self.state == State.MISSING:
            return Outcome.MISSING
        return Outcome.TICK if self.needs_tick else _outcome(self.can_publish, self.has_changes)


@dataclass
class SourceDecision:
    """A source page, whether the editor may publish it, and each translation's decision."""

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
        return Outcome.NOT_PERMITTED
    return Outcome.PUBLISH if changes else Outcome.UNCHANGED


def decide(source, user, languages=None):
    """What publishing ``source`` (specific) with its translations would do for ``user``."""
    return SourceDecision(
        source=source,
        can_publish=may_publish(source, user),
        translations=[
            TranslationDecision(language, state, page, page is not None and may_publish(page, user))
            for language, (state, page) in translation_states(source, languages).items()
        ],
    )


@transaction.atomic
def publish(decisions, user, ticked=()):
    """Publish the latest revisions the ``decisions`` allow, as ``user``, in one transaction.

    Each source goes live first, then its translations, so that each
    translation is recorded against the source's new content. Outdated
    translations are published only when their page id is in ``ticked``.
    Returns the pages published, in that order.
    """
    ticked = {parse_id(str(pk)) for pk in ticked} - {None}
    published = []
    for decision in decisions:
        if decision.can_publish and decision.has_changes:
            published.append(_publish_latest(decision.source, user))
        for translation in decision.translations:
            if not translation.publishable:
                continue
            if translation.needs_tick and translation.page.pk not in ticked:
                continue
            published.append(_publish_latest(translation.page, user))
    return published


def _publish_latest(page, user):
    # Read again: publishing the source gives a translation's draft the shared
    # facts as a newer revision (``sync``), and that is the one to publish.
    page = Page.objects.get(pk=page.pk).specific
    page.get_latest_revision().publish(user=user)
    page.refresh_from_db()
    return page
