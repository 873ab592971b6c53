"""Removing what the content installer created, and nothing else.

A page is the installer's when it has an ``InstalledContent`` record and its
first revision is one the installer wrote: pages it took over with ``--adopt``
were created by someone else and stay. A page editors have changed since the
installer wrote it (a revision of theirs, a draft included) stays unless
forced, as the installer would not overwrite it either. An index page stays
while pages that stay are under it.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import PageLogEntry, Revision

from ..models import InstalledContent
from .install import LOG_ACTION, UNLOAD_LOG_ACTION, display_url, edited_by_editors


@dataclass
class Removal:
    """The pages to remove, and the pages kept with the reason."""

    remove: list = field(default_factory=list)
    kept: list = field(default_factory=list)  # (page, reason)
    edited: list = field(default_factory=list)  # kept: editors changed them, --force removes


def find_removal(force=False):
    """What ``rengo_unload_organizations`` would remove and keep; writes nothing.

    ``force``: remove the installer's pages that editors have changed since, too.
    """
    removal = Removal()
    records = InstalledContent.objects.select_related("page").order_by("page__path")
    pages = {record.page_id: record.page for record in records}
    first_revisions = {}
    for object_id, revision_id in (
        Revision.page_revisions.filter(object_id__in=[str(pk) for pk in pages])
        .order_by("-pk")  # the last value per page wins: its first revision
        .values_list("object_id", "pk")
    ):
        first_revisions[int(object_id)] = revision_id
    installer_revisions = set(
        PageLogEntry.objects.filter(action=LOG_ACTION, page_id__in=pages).values_list(
            "revision_id", flat=True
        )
    )
    ours = {pk for pk in pages if first_revisions.get(pk) in installer_revisions}
    for pk, page in pages.items():
        if pk not in ours:
            removal.kept.append(
                (page, _("the installer took it over (--adopt) but did not create it"))
            )
    # Organizations first, then their index: an index goes only once nothing else is under it.
    for page in sorted((pages[pk] for pk in ours), key=lambda page: -page.depth):
        others = page.get_children().exclude(pk__in=[p.pk for p in removal.remove])
        if not force and edited_by_editors(page):
            removal.kept.append(
                (page, _("editors have changed it since it was installed (--force removes it)"))
            )
            removal.edited.append(page)
        elif others.exists():
            titles = ", ".join(child.title for child in others[:5])
            removal.kept.append(
                (
                    page,
                    _("pages the installer did not create are under it: %(titles)s")
                    % {"titles": titles},
                )
            )
        else:
            removal.remove.append(page)
    return removal


def unload(removal):
    """Remove the pages of ``removal``, each with a history entry naming the uninstaller."""
    for page in removal.remove:
        log(page, UNLOAD_LOG_ACTION, data={"language": page.locale.language_code})
        page.delete()
    return len(removal.remove)


def removal_lines(removal, dry_run=False):
    """One line per page: removed (or would be), or kept with the reason."""
    action = _("remove") if dry_run else _("removed")
    lines = [
        f"  {action:<10} {page.locale.language_code:<3} {display_url(page)}  {page.title}"
        for page in removal.remove
    ]
    kept = _("kept")
    for page, reason in removal.kept:
        lines.append(
            f"  {kept:<10} {page.locale.language_code:<3} {display_url(page)}  "
            f"{page.title}: {reason}"
        )
    return lines
