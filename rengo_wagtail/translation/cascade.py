"""Translations follow their source when it is unpublished, moved or deleted.

Wagtail's unpublish, move and delete views ask the
``construct_translated_pages_to_cascade_actions`` hook which other pages the
action applies to, list them on the confirm page and apply the action to them.
We answer for source-language pages of our types: their translations (and, for
move and delete, their aliases). simple_translation answers the same for every
page when ``WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE`` is on; then we leave it to
it, so that no page is listed twice.

Wagtail moves a translation only to the destination's translation, and deletes
only translations under the translations of the page's parent: the
``refuse_*`` hooks stop a move or delete that would leave a translation behind,
with a message saying why, rather than strand it silently.
"""

from django.conf import settings
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.models import Page

from . import publishing


def translations_to_cascade(pages, action):
    """The hook's answer: ``{page: translations the action applies to}``, for our source pages.

    ``None`` where there is nothing to add, as Wagtail's hooks answer.
    """
    if getattr(settings, "WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE", False):
        return None
    found = {}
    for page in pages:
        if not publishing.is_source_page(page.specific):
            continue
        translations = Page.objects.translation_of(page, inclusive=False)
        if action == "unpublish":
            translations = translations.filter(alias_of__isnull=True)
        found[page] = translations
    return found or None


def refuse_move_that_would_strand_translations(request, page, destination):
    """``before_move_page``: stop a move that some translation of ``page`` could not follow.

    Wagtail moves a translation only to the destination's translation, and as
    the editor: a translation without such a place, or one the editor may not
    move there, would stay behind (and a refused move would stop half-way).
    """
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return None
    stranded = []
    for translation in (translations_to_cascade([page], "move") or {}).get(page, []):
        target = destination.get_translation_or_none(translation.locale)
        if target is None or not translation.permissions_for_user(request.user).can_move_to(target):
            stranded.append(translation)
    if not stranded:
        return None
    messages.error(
        request,
        _(
            "“%(title)s” cannot move to “%(destination)s”: its translations (%(languages)s) "
            "cannot follow it there. Translate “%(destination)s” into those languages, or ask "
            "someone who may move pages in those languages."
        )
        % {
            "title": page.get_admin_display_title(),
            "destination": destination.get_admin_display_title(),
            "languages": _languages(stranded),
        },
    )
    return redirect("wagtailadmin_pages:move", page.pk)


def refuse_delete_that_would_strand_translations(request, page):
    """``before_delete_page``: stop a delete that would leave a translation without its source.

    Wagtail deletes only the translations that sit under the translations of
    ``page``'s parent; one moved elsewhere would be left behind.
    """
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return None
    parents = page.get_parent().get_translations(inclusive=True)
    stranded = [
        translation
        for translation in (translations_to_cascade([page], "delete") or {}).get(page, [])
        if translation.get_parent() not in parents
    ]
    if not stranded:
        return None
    messages.error(
        request,
        _(
            "“%(title)s” cannot be deleted with its translations (%(languages)s): they are "
            "elsewhere in their trees. Delete or move them first."
        )
        % {"title": page.get_admin_display_title(), "languages": _languages(stranded)},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


def _languages(pages):
    return ", ".join(page.locale.get_display_name() for page in pages)
