"""Translations follow their source when it is unpublished, moved or deleted.

Wagtail's unpublish, move and delete views ask the
``construct_translated_pages_to_cascade_actions`` hook which other pages the
action applies to, list them on the confirm page and apply the action to them.
We answer for source-language pages of our types: their translations (and, for
move and delete, their aliases). simple_translation answers the same for every
page when ``WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE`` is on; then we leave it to
it, so that no page is listed twice.

A move takes a translation along only to the translation of the destination;
``refuse_move_that_would_strand_translations`` stops a move whose destination
has no translation for one of them, rather than leave that translation behind.
"""

from django.conf import settings
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.models import Page

from . import publishing


def translations_to_cascade(pages, action):
    """The hook's answer: ``{page: translations the action applies to}``, for our source pages."""
    if getattr(settings, "WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE", False):
        return {}
    found = {}
    for page in pages:
        if not publishing.is_source_page(page.specific):
            continue
        translations = Page.objects.translation_of(page, inclusive=False)
        if action == "unpublish":
            translations = translations.filter(alias_of__isnull=True)
        found[page] = translations
    return found


def refuse_move_that_would_strand_translations(request, page, destination):
    """``before_move_page``: stop the move if a translation could not follow its source."""
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return None
    stranded = [
        translation
        for translation in translations_to_cascade([page], "move").get(page, [])
        if destination.get_translation_or_none(translation.locale) is None
    ]
    if not stranded:
        return None
    messages.error(
        request,
        _(
            "“%(title)s” cannot move to “%(destination)s”: its translations (%(languages)s) "
            "would have no place there. Translate “%(destination)s” into those languages first."
        )
        % {
            "title": page.get_admin_display_title(),
            "destination": destination.get_admin_display_title(),
            "languages": ", ".join(t.locale.get_display_name() for t in stranded),
        },
    )
    return redirect("wagtailadmin_pages:move", page.pk)
