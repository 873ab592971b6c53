"""Keeping the shared facts (``OrganizationPage.shared_fields``) in step across languages.

The invariant: a translation never goes live with shared fields that differ from
its live source. It holds however a page goes live, because everything here
runs on Wagtail's ``page_published`` signal, which every publish sends (the
admin, scheduled publishing, reverting to an old revision, ``revision.publish()``):

- When a source-language page goes live, each translation's live content takes
  the new values as a new, published revision, and its newer draft (if any)
  takes them as a new draft revision. Translated text is never touched.
- When a translation goes live with other values (an old revision, a draft
  saved before the source changed), it takes the source's values at once, as a
  new published revision.

wagtail-localize copies synchronised fields only when an editor synchronises
or publishes a translation; the receivers here act on every publish all the
same, and change nothing but the shared facts (no string translation, no
translated text).

Each change is a history entry ``rengo_wagtail.sync_shared_fields`` without a
user: the system made it, not an editor. Publishing a translation also records
what source content it follows (``state``); our own publishes here
do not, since nobody reviewed the translated text.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, PageLogEntry

from .. import i18n
from ..models import OrganizationPage
from . import localize, state

LOG_ACTION = "rengo_wagtail.sync_shared_fields"

_syncing = ContextVar("rengo_wagtail_syncing", default=False)


@contextmanager
def _our_publish():
    token = _syncing.set(True)
    try:
        yield
    finally:
        _syncing.reset(token)


def syncing():
    """Whether the publish under way is the sync's own (a translation taking its source's facts)."""
    return _syncing.get()


def shared_values(page):
    """The shared facts of an organization page, by field name (the logo by id)."""
    return {name: getattr(page, page._meta.get_field(name).attname) for name in page.shared_fields}


def _differs(page, values):
    return shared_values(page) != values


def apply_shared_values(page, values):
    """Give ``page`` the shared facts ``values`` (as ``shared_values`` returns them)."""
    for attname, value in values.items():
        setattr(page, page._meta.get_field(attname).attname, value)


def on_page_published(sender, instance, revision, **kwargs):
    """``page_published`` receiver (``signal_handlers``): keep the shared facts in step."""
    # Aliases copy their original's content; Wagtail keeps them in step itself.
    if _syncing.get() or instance.alias_of_id or not state.tracks(instance):
        return
    if i18n.is_source(instance):
        if isinstance(instance, OrganizationPage):
            sync_translations(instance)
        return
    source = i18n.source_of(instance)
    if source is None:
        return
    # A wagtail-localize translation follows the source content it was last
    # synchronised with, which may be older than the live source.
    state.record(instance, source, localize.synchronised_source(instance))
    if isinstance(instance, OrganizationPage) and source.live:
        sync_page(instance, source)


@transaction.atomic
def sync_translations(source):
    """Give every translation of the live ``source`` its shared facts, all or none.

    Inside the source's own publish where that runs in a transaction (the
    admin's, with ``ATOMIC_REQUESTS``), the two commit together.
    """
    translations = (
        OrganizationPage.objects.filter(
            translation_key=source.translation_key, alias_of__isnull=True
        )
        .exclude(locale_id=source.locale_id)
        .select_related("latest_revision")
    )
    for translation in translations:
        sync_page(translation, source)


@transaction.atomic
def sync_page(translation, source):
    """Bring ``translation``'s live content and newer draft in step with ``source``'s facts."""
    values = shared_values(source)
    translation = OrganizationPage.objects.get(pk=translation.pk)
    newer_draft = (
        translation.latest_revision
        if translation.has_unpublished_changes
        and translation.latest_revision_id != translation.live_revision_id
        else None
    )
    published = False
    if translation.live and _differs(translation, values):
        apply_shared_values(translation, values)
        # Publishing clears every pending schedule of the page: keep the editors'.
        scheduled = dict(
            translation.revisions.filter(approved_go_live_at__isnull=False).values_list(
                "pk", "approved_go_live_at"
            )
        )
        new_revision = translation.save_revision(clean=False)
        with _our_publish():
            _publish_keeping_workflow(new_revision)
        for pk, go_live_at in scheduled.items():
            translation.revisions.filter(pk=pk).update(approved_go_live_at=go_live_at)
        _log(translation, source, new_revision, draft=False)
        published = True
    if newer_draft is not None:
        draft = newer_draft.as_object()
        if published or _differs(draft, values):
            apply_shared_values(draft, values)
            _log(draft, source, draft.save_revision(clean=False), draft=True)


def _publish_keeping_workflow(revision):
    """Publish ``revision`` as the system, leaving the page's workflow as it is.

    Wagtail cancels a page's workflow when the page is published
    (``WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH``): right for an editor who publishes
    over a moderation request, wrong for the sync, which changes only the
    shared facts of a translation someone may be moderating. The action's page
    is told it has no workflow in progress, the way Wagtail's own
    ``prefetch_workflow_states`` tells it.
    """
    action = PublishPageRevisionAction(revision, user=None, log_action=False)
    action.object._current_workflow_states = []
    action.execute(skip_permission_checks=True)


def _log(page, source, revision, draft):
    # Logged directly, not through wagtail.log_actions.log(), which would name
    # the editor of the current request: this is no editor's edit.
    PageLogEntry.objects.log_action(
        page,
        LOG_ACTION,
        user=None,
        uuid=get_active_log_context().uuid,
        revision=revision,
        content_changed=True,
        data={
            "source": {"id": source.pk, "title": source.get_admin_display_title()},
            "language": source.locale.language_code,
            "draft": draft,
        },
    )


def source_title(log_entry):
    """The source page's current title for a history entry, or the one recorded."""
    source = log_entry.data.get("source", {})
    page = Page.objects.filter(pk=source.get("id")).first()
    return page.get_admin_display_title() if page else source.get("title", "")
