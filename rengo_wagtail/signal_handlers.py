"""Every receiver of rengo-wagtail, connected in one stated order.

``register_signal_handlers()`` runs once, from ``RengoWagtailConfig.ready()``.
Django calls a signal's receivers in the order they were connected, and the
order matters on ``page_published``:

1. the shared-facts sync (``translation.sync``) republishes the translations
   of a source page that went live;
2. then the purge (``delivery.purge``) sends every language's stale URLs to the
   front-end cache once, when the publish and the sync have committed (the
   translations in step); the sync's own publishes purge nothing, since the
   source's set names every language;
3. then the "Translations up to date" workflow task's receivers
   (``translation.workflow``), which read the translations as the sync left them.

Besides, anything a page shows may change when a page, a view restriction, a
Site, a locale or an image is saved, deleted or moved: each such change starts
a new generation of the page cache (``delivery.page_cache``), where it is on,
at once and again when the change commits (``new_generation``).
"""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.images.models import AbstractImage
from wagtail.models import Locale, Page, PageViewRestriction, Revision, Site, TaskState
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    task_submitted,
    workflow_approved,
)

from .delivery import page_cache, purge
from .translation import sync, workflow

# What our pages show, besides their own content (the tree, restrictions, domains, images).
SHOWN_MODELS = (Page, PageViewRestriction, Site, Locale, AbstractImage)


def purge_unless_syncing(sender, instance, **kwargs):
    """``page_published`` and ``page_unpublished``: purge, except for the sync's own publishes."""
    if not sync.syncing():
        # Once the change is committed: purged earlier, a cache in front could fetch
        # the old page again before the commit and keep it for its whole lifetime.
        transaction.on_commit(partial(purge.purge_page, sender, instance, **kwargs))


def new_generation(*args, **kwargs):
    """Retire the kept pages at once, and again when the change commits.

    Inside a transaction (``ATOMIC_REQUESTS``, the sync's own), another
    process serving a page before the commit still reads the old content and
    would keep it under the new generation, for good: the second bump, once
    the change is visible to every process, retires that copy too. Outside a
    transaction both bumps come at once.
    """
    page_cache.bump()
    transaction.on_commit(page_cache.bump)


def new_page_cache_generation(sender, instance=None, **kwargs):
    """``post_save``, ``post_delete``: a change to anything a page shows retires the kept pages."""
    if isinstance(instance, SHOWN_MODELS):
        new_generation()


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
    # The page cache's generation (any order: it only retires kept pages).
    post_save.connect(new_page_cache_generation, dispatch_uid="rengo_wagtail_cache_save")
    post_delete.connect(new_page_cache_generation, dispatch_uid="rengo_wagtail_cache_delete")
    post_page_move.connect(new_generation, dispatch_uid="rengo_wagtail_cache_move")
    page_unpublished.connect(new_generation, dispatch_uid="rengo_wagtail_cache_unpublish")
