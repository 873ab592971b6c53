"""Every receiver of rengo-wagtail, connected in one stated order.

``register_signal_handlers()`` runs once, from ``RengoWagtailConfig.ready()``.
Django calls a signal's receivers in the order they were connected, and the
order matters on ``page_published``:

1. the shared-facts sync (``translation.sync``) republishes the translations
   of a source page that went live;
2. then the purge (``delivery.purge``) sends every language's stale URLs to the
   front-end cache once, now that the translations are in step; the sync's own
   publishes purge nothing, since the source's set names every language;
3. then the "Translations up to date" workflow task's receivers
   (``translation.workflow``), which read the translations as the sync left them.
"""

from django.db.models.signals import post_save
from wagtail.models import Revision, TaskState
from wagtail.signals import page_published, page_unpublished, task_submitted, workflow_approved

from .delivery import purge
from .translation import sync, workflow


def purge_unless_syncing(sender, instance, **kwargs):
    """``page_published`` and ``page_unpublished``: purge, except for the sync's own publishes."""
    if not sync.syncing():
        purge.purge_page(sender, instance, **kwargs)


def register_signal_handlers():
    """Connect every receiver of the app, in the order the module docstring states."""
    # 1. Shared facts.
    page_published.connect(sync.on_page_published, dispatch_uid="rengo_wagtail_sync")
    # 2. Purging.
    page_published.connect(purge_unless_syncing, dispatch_uid="rengo_wagtail_purge")
    page_unpublished.connect(purge_unless_syncing, dispatch_uid="rengo_wagtail_purge")
    # 3. The workflow task.
    task_submitted.connect(
        workflow.evaluate_when_started, sender=TaskState, dispatch_uid="rengo_wagtail_task_start"
    )
    post_save.connect(
        workflow.evaluate_when_a_translation_is_saved,
        sender=Revision,
        dispatch_uid="rengo_wagtail_task_revision",
    )
    workflow_approved.connect(
        workflow.publish_translations_with_source, dispatch_uid="rengo_wagtail_task_publish"
    )
