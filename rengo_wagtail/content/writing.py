"""Writing many new pages at once, each ending as Wagtail's own calls would leave it.

The content installer creates hundreds of pages in one transaction. Through
``add_child``, ``save_revision()`` and ``publish()`` each is saved three times
and validated twice, the parent's row is locked and updated per child, and the
search index is rewritten on every save. Here each new page is validated and
inserted once (``Page.save``, as ``add_child`` does), gets its one revision, and
has it made its latest and live revision in one update; ``page_published`` and
``published`` are sent and the history entries written as ``publish()`` sends
and writes them. What ``publish()`` does besides, for a page that has existed
before (scheduling, workflow, comments, aliases, a renamed title), has nothing
to act on in a page that did not exist a moment ago.

Pages that exist already go through Wagtail's own ``save_revision()`` and
``publish()``; ``search_index_deferred`` serves both.
"""

import logging
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import F
from django.db.models.signals import post_save
from django.utils import timezone
from wagtail.log_actions import get_active_log_context
from wagtail.log_actions import registry as log_registry
from wagtail.models import Page, Revision
from wagtail.search.backends import get_search_backends_with_name
from wagtail.search.signal_handlers import post_save_signal_handler
from wagtail.signals import page_published, published

logger = logging.getLogger(__name__)

# Pages indexed per database round trip (as ``rengo_update_search_index``).
INDEX_CHUNK_SIZE = 500


class NewChildren:
    """New pages added under ``parent`` one after another, after its existing children.

    Each takes the next place in the tree, as treebeard's ``add_child`` gives
    it; the parent's row is locked once and its child count raised once, by
    ``close()``.
    """

    def __init__(self, parent):
        self.parent = parent
        self.previous = None
        self.added = 0

    def add(self, page, history, taken_keys=()):
        """Place ``page`` (unsaved) as the parent's last child and save it.

        It is validated as ``add_child`` has ``Page.save`` validate it: fully
        where it is live, its title and slug where it is a draft. Three checks
        of the full validation are made otherwise, without a query per page:
        its content type and locale exist (they came from the database), its
        tree path is free (the parent is locked and the page follows its last
        child), and its translation key is not ``taken_keys``, the keys already
        used in its locale. The "created" history entry goes to ``history``.
        """
        if self.previous is None:
            # Lock the parent's row until the end of the transaction, as add_child does.
            node = Page.objects.select_for_update().get(pk=self.parent.pk)
            self.previous = node.get_last_child() if node.numchild else None
        page.depth = self.parent.depth + 1
        if self.previous is None:
            page.path = Page._get_path(self.parent.path, page.depth, 1)
        else:
            page.path = self.previous._inc_path()
        page._cached_parent_obj = self.parent  # treebeard's cache of get_parent()
        if page.live:
            page.full_clean(exclude=["content_type", "locale"], validate_unique=False)
        else:
            page.minimal_clean()
        if page.translation_key in taken_keys:
            unique = ("translation_key", "locale")
            raise ValidationError({NON_FIELD_ERRORS: [page.unique_error_message(Page, unique)]})
        page.save(clean=False, log_action=None)
        history.add(page, "wagtail.create", user=page.owner, content_changed=True)
        self.previous = page
        self.added += 1
        return page

    def close(self):
        """Count the pages added in the parent's ``numchild``, in the database and in memory."""
        if self.added:
            Page.objects.filter(pk=self.parent.pk).update(numchild=F("numchild") + self.added)
            self.parent.numchild += self.added
            self.added = 0


def first_revision(page, publish, history):
    """Give the just-created ``page`` its first revision; publish it unless ``publish`` is false.

    The revision holds the page as ``save_revision()`` would serialise it, and
    the page ends as ``save_revision()`` then ``publish()`` leave it: that
    revision its latest (and live) one, its published dates set, no unpublished
    changes (a draft: unpublished changes, nothing live). ``page_published``
    and ``published`` go to their receivers, and the "published" history entry
    goes to ``history``, in ``publish()``'s order. Returns the revision.
    """
    revision = Revision.objects.create(
        content_object=page,
        base_content_type=page.get_base_content_type(),
        user=None,
        content=page.serializable_data(),
        object_str=str(page),
    )
    page.latest_revision = revision
    page.latest_revision_created_at = revision.created_at
    page.draft_title = page.title
    page.has_unpublished_changes = not publish
    changed = ["latest_revision", "latest_revision_created_at", "draft_title"]
    changed += ["has_unpublished_changes"]
    if publish:
        page.live_revision = revision
        page.first_published_at = page.last_published_at = timezone.now()
        changed += ["live_revision", "first_published_at", "last_published_at"]
    Page.objects.filter(pk=page.pk).update(**{name: getattr(page, name) for name in changed})
    if publish:
        page_published.send(sender=page.specific_class, instance=page, revision=revision)
        published.send(sender=type(page), instance=page, revision=revision)
        history.add(page, "wagtail.publish", revision=revision, content_changed=True)
    return revision


class History:
    """History entries of pages, written together (``write()``).

    Each entry is what ``wagtail.log_actions.log()`` would have written at the
    moment it was added: the same user (the active log context's, unless
    given), the same request id, title, time and fields. ``log()`` validates
    and saves entries one by one, four queries each.
    """

    def __init__(self):
        self.entries = []

    def add(self, page, action, user=None, data=None, **fields):
        model = log_registry.get_log_model_for_instance(page)
        context = get_active_log_context()
        entry = model(
            page=page,
            content_type=ContentType.objects.get_for_model(page, for_concrete_model=False),
            label=model.objects.get_instance_title(page),
            action=action,
            timestamp=timezone.now(),
            data=data or {},
            user=user or context.user,
            uuid=context.uuid,
            **fields,
        )
        entry.clean()  # a registered action
        self.entries.append(entry)

    def write(self):
        if self.entries:
            type(self.entries[0]).objects.bulk_create(self.entries)
            self.entries = []


@contextmanager
def search_index_deferred(models):
    """Index the pages of ``models`` saved inside the block once each, when it ends.

    Wagtail indexes a page on every save; a page the installer writes is saved
    two or three times, and the database backend's index costs more with every
    entry. Inside the block the saves are noted instead, and when the block
    ends without an error each page saved is indexed as it is then, in bulk,
    in every search backend that Wagtail keeps up to date automatically. After
    an error nothing is indexed: the transaction that wrote the pages is rolled
    back. Signal receivers are the process's: meant for a management command,
    which has its process to itself.
    """
    saved = {model: set() for model in models}

    def note(sender, instance, raw=False, **kwargs):
        if not raw:
            saved[sender].add(instance.pk)

    deferred = [
        model for model in models if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    for model in deferred:
        post_save.connect(note, sender=model, weak=False, dispatch_uid="rengo_wagtail_deferred")
    try:
        yield
    finally:
        for model in deferred:
            post_save.disconnect(sender=model, dispatch_uid="rengo_wagtail_deferred")
            post_save.connect(post_save_signal_handler, sender=model)
    for model in deferred:
        _index(model, sorted(saved[model]))


def _index(model, pks):
    for start in range(0, len(pks), INDEX_CHUNK_SIZE):
        pages = list(
            model.get_indexed_objects()
            .filter(pk__in=pks[start : start + INDEX_CHUNK_SIZE])
            .order_by("pk")
        )
        for name, backend in get_search_backends_with_name(with_auto_update=True):
            try:
                backend.add_bulk(model, pages)
            except Exception:
                # As Wagtail's own indexing on save: a search backend's failure
                # is logged, and does not undo the pages.
                logger.exception(
                    "Could not index %d %s in the search backend '%s'",
                    len(pages),
                    model._meta.verbose_name_plural,
                    name,
                )
