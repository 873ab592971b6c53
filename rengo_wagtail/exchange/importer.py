"""Bringing a translator's file back: checked as a whole, then written in one transaction.

``check`` reads the file and compares every unit with this site's pages as
they are now; any problem (a damaged file, another site's file, a language
this site does not translate into, an unknown unit, a source changed since
export, tags that do not match, text the field refuses, a page the user may
not edit) is collected, each message naming its unit, and nothing is
written. ``apply`` then writes each page's translation as a new draft
revision: created where missing (as Wagtail's "Translate" does), otherwise
on top of its latest revision, with the units the file translates and the
structure of the current source. Each write is a history entry naming the
file. Importing the same file again changes nothing.

With ``publish``, a translation is published through the rules of publishing
with translations (``translation.publishing``) where every unit of its page
is translated in the file against the source as it is now and the user may
publish it; the usual receiver then records the source fingerprint it
follows (``translation.state``). A page whose source changed since export
(imported with ``force``) or whose file leaves units untranslated stays a
draft, and so stays outdated or draft only.

Where wagtail-localize manages a translation (or the import creates one, as
its "Translate" would), each imported unit is also written as the string
translation of its source string (``localize_strings``), so that its editor
shows the imported text and its next synchronisation keeps it; a unit that
pairs with no string of wagtail-localize's is a problem. wagtail-localize
keeps translations of the current source text only: a unit whose source
changed since export is left out there even with ``force``, and the summary
says so. A translation whose wagtail-localize sync an editor stopped is a
page like any other.
"""

import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.actions.copy_for_translation import CopyPageForTranslationAction
from wagtail.coreutils import get_content_languages
from wagtail.fields import StreamField
from wagtail.log_actions import log
from wagtail.models import Locale, Page

from .. import i18n
from ..declarations import fingerprint
from ..models import TranslationFingerprint
from ..translation import localize, publishing
from ..translation import state as translation_state
from ..translation.state import State
from . import localize_strings, markup, po, xliff
from .units import (
    ExchangeError,
    current_translation,
    field_values,
    page_units,
    paired,
    site_tokens,
)

LOG_ACTION = "rengo_wagtail.import_translations"

FORMATS = {"xliff": xliff, "po": po}


def read(data):
    """The ``ReturnedFile`` in ``data`` (bytes), XLIFF or PO, told apart by their first bytes."""
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return (xliff if start == b"<" else po).read(data)


@dataclass
class PagePlan:
    """What importing does to one page's translation."""

    source: Page
    translation: Page | None  # None: to be created
    values: dict  # field name: new value
    imported: int  # units the file translates
    complete: bool  # every unit of the page is translated in the file
    changed_source: list = field(default_factory=list)  # units whose source changed since export
    # wagtail-localize's string translations to write: {(path, source data): data}
    localize_strings: dict = field(default_factory=dict)
    managed: bool = False  # wagtail-localize translates this page (or will, once created)
    action: str = ""  # created, updated, unchanged
    published: bool = False
    recorded: bool = False
    draft_reason: str = ""

    @property
    def title(self):
        return self.source.get_admin_display_title()


@dataclass
class Plan:
    """A checked file: its language and what importing it does, page by page."""

    filename: str
    format: str
    language: str
    pages: list
    skipped: list  # ids of units without a finished translation in the file
    # ids of units forced past a changed source that wagtail-localize cannot take
    left_out: list = field(default_factory=list)

    @property
    def language_name(self):
        return dict(get_content_languages()).get(self.language, self.language)


def check(data, filename, user=None, force=False):
    """Read and check ``data`` against this site: a ``Plan``, or ``ExchangeError``."""
    returned = read(data)
    problems = []
    if returned.site not in site_tokens():
        raise ExchangeError(
            [
                _(
                    "This file was exported from another site (“%(site)s”), not from this one: "
                    "its pages are not this site's. Export a file from this site."
                )
                % {"site": returned.site_name or returned.site}
            ]
        )
    source_language = i18n.source_language_code()
    if returned.source_language and returned.source_language != source_language:
        problems.append(
            _("The file translates from “%(file)s”, but this site's source language is “%(site)s”.")
            % {"file": returned.source_language, "site": source_language}
        )
    language = returned.target_language
    if language not in i18n.translation_languages():
        raise ExchangeError(
            [
                *problems,
                _(
                    "The file's target language “%(language)s” is not one this site translates "
                    "into (%(languages)s)."
                )
                % {
                    "language": language or "?",
                    "languages": ", ".join(i18n.translation_languages()),
                },
            ]
        )
    codec = FORMATS[returned.format]
    by_page = {}
    seen = set()
    for unit in returned.units:
        if unit.id in seen:
            problems.append(_("Unit “%(unit)s” appears twice in the file.") % {"unit": unit.id})
        seen.add(unit.id)
        by_page.setdefault(unit.id.split(".", 1)[0], []).append(unit)
    sources = _sources(list(by_page), source_language)
    plans, skipped, left_out = [], [], []
    creating = set()
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        raise ExchangeError(
            [
                *problems,
                _(
                    "This site has no locale for “%(language)s” yet: add it under Settings > "
                    "Locales, then import the file again."
                )
                % {"language": language},
            ]
        )
    for key, returned_units in by_page.items():
        source = sources.get(key)
        if source is None:
            problems += [
                _(
                    "Unit “%(unit)s”: no page of this site has this id; the file may come from "
                    "another site, or the page was deleted."
                )
                % {"unit": unit.id}
                for unit in returned_units
            ]
            continue
        plan = _plan_page(
            source, returned_units, codec, locale, force, problems, (skipped, left_out), creating
        )
        if plan is not None:
            _check_permission(plan, user, language, problems)
            plans.append(plan)
    if problems:
        raise ExchangeError(problems)
    plans.sort(key=lambda plan: plan.source.path)
    return Plan(filename, returned.format, language, plans, skipped, left_out)


def _sources(keys, source_language):
    pages = (
        Page.objects.filter(
            translation_key__in=[key for key in keys if _is_uuid(key)],
            locale__language_code=source_language,
            alias_of__isnull=True,
        )
        .select_related("locale")
        .specific()
    )
    return {str(page.translation_key): page for page in pages if translation_state.tracks(page)}


def _is_uuid(text):
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def _translation(source, language):
    page = (
        Page.objects.filter(translation_key=source.translation_key, locale__language_code=language)
        .select_related("locale")
        .first()
    )
    return page.specific if page is not None else None


def _plan_page(source, returned_units, codec, locale, force, problems, left, creating):
    skipped, left_out = left
    language = locale.language_code
    units = page_units(source)
    translation = _translation(source, language)
    created = translation is None or bool(translation.alias_of_id)
    managed = localize.is_active() and (
        created
        or localize.managed_translation(source.translation_key, locale.pk) is localize.Managed.YES
    )
    current = {unit.id: unit for unit in units}
    values, changed = {}, []
    returned_ids = {unit.id for unit in returned_units}
    for returned in returned_units:
        unit = current.get(returned.id)
        if unit is None:
            changed.append(returned.id)
            message = _(
                "Unit “%(unit)s”: the source page “%(page)s” no longer has this text; it "
                "changed since export."
            ) % {"unit": returned.id, "page": source.get_admin_display_title()}
            if not force:
                problems.append(message)
            continue
        try:
            same_source = codec.decode(returned.source, unit) == unit.source
        except markup.MarkupError:
            same_source = False
        if not same_source:
            changed.append(unit.id)
            if not force:
                problems.append(
                    _(
                        "Unit “%(unit)s”: its source text changed since export (now: “%(text)s”). "
                        "Export again, or import with force to take the translation anyway."
                    )
                    % {"unit": unit.id, "text": _plain(unit)}
                )
            elif managed and returned.confirmed:
                # wagtail-localize has no place for a translation of older source text.
                left_out.append(unit.id)
                continue
        if not returned.confirmed:
            skipped.append(unit.id)
            continue
        try:
            values[unit.id] = codec.decode(returned.target, unit)
        except markup.MarkupError as error:
            problems.append(_("Unit “%(unit)s”: %(problem)s") % {"unit": unit.id, "problem": error})
    for unit in units:
        if unit.id not in returned_ids:
            changed.append(unit.id)
            if not force:
                problems.append(
                    _(
                        "Unit “%(unit)s” is new in the source page “%(page)s” since export: "
                        "export again, or import with force."
                    )
                    % {"unit": unit.id, "page": source.get_admin_display_title()}
                )
    if not values:
        return None
    if created:
        parent = source.get_parent()
        parent_key = str(parent.translation_key)
        parent_translated = (
            parent_key in creating
            or Page.objects.filter(
                translation_key=parent.translation_key,
                locale__language_code=language,
                alias_of__isnull=True,
            ).exists()
        )
        if translation is None and not parent_translated:
            problems.append(
                _(
                    "“%(page)s” cannot be created in %(language)s: its parent page “%(parent)s” "
                    "has no translation there yet. Translate the parent first."
                )
                % {
                    "page": source.get_admin_display_title(),
                    "language": language,
                    "parent": parent.get_admin_display_title(),
                }
            )
        creating.add(str(source.translation_key))
    # The text the file leaves alone is the translators' current text (wagtail-localize's
    # strings where it manages the page); what is written goes over the latest revision.
    others = paired(units, page_units(current_translation(translation))) if not created else {}
    latest = translation.get_latest_revision_as_object() if not created else None
    new_values = field_values(source, units, values, others)
    _validate(source, units, new_values, problems)
    strings = {}
    if managed:
        strings = localize_strings.strings(source, units, values, problems)
        strings = localize_strings.changed(source, locale.pk, strings) if not created else strings
    complete = all(unit.id in values for unit in units) and not changed
    return PagePlan(
        source=source,
        translation=translation,
        values={
            name: value
            for name, value in new_values.items()
            if latest is None or _differs(latest, name, value)
        },
        imported=len(values),
        complete=complete,
        changed_source=changed,
        localize_strings=strings,
        managed=managed,
    )


def _plain(unit):
    if isinstance(unit.source, str):
        return unit.source
    return markup.to_markup(unit.source, unit.placeholders)


def _differs(page, name, value):
    current = getattr(page, name)
    if isinstance(page._meta.get_field(name), StreamField):
        current = [
            {"type": block["type"], "value": block["value"]} for block in current.get_prep_value()
        ]
        value = [{"type": block["type"], "value": block["value"]} for block in value]
    return current != value


def _validate(source, units, values, problems):
    """Each new value through the rules the admin's form applies to its field or block."""
    for name, value in values.items():
        model_field = source._meta.get_field(name)
        field_units = [unit for unit in units if unit.field == name]
        try:
            if isinstance(model_field, StreamField):
                block = model_field.stream_block
                block.clean(block.to_python(value))
            else:
                model_field.formfield().clean(value)
        except ValidationError as error:
            for ids, messages in _located(error, field_units):
                problems.append(
                    _("Unit “%(unit)s”: %(problem)s")
                    % {"unit": "”, “".join(ids), "problem": " ".join(messages)}
                )


def _located(error, units):
    """``[(unit ids, messages)]``: a field's error, a StreamField's by the block at fault."""
    block_errors = getattr(error, "block_errors", None)
    if not block_errors:
        return [([unit.id for unit in units], error.messages)]
    located = []
    items = block_errors.items() if isinstance(block_errors, dict) else enumerate(block_errors)
    for index, child in items:
        if child is not None:
            ids = [unit.id for unit in units if unit.location[:1] == (index,)]
            located.append((ids or [unit.id for unit in units], _messages(child)))
    return located


def _messages(error):
    block_errors = getattr(error, "block_errors", None)
    if block_errors:
        found = []
        children = block_errors.values() if isinstance(block_errors, dict) else block_errors
        for child in children:
            if child is not None:
                found += _messages(child)
        return found
    return error.messages


def _check_permission(plan, user, language, problems):
    if user is None:
        return
    if plan.translation is not None and not plan.translation.alias_of_id:
        allowed = plan.translation.permissions_for_user(user).can_edit()
    else:
        parent = plan.source.get_parent()
        parent_translation = Page.objects.filter(
            translation_key=parent.translation_key, locale__language_code=language
        ).first()
        allowed = (
            parent_translation is None
            or parent_translation.permissions_for_user(user).can_add_subpage()
        )
    if not allowed:
        problems.append(
            _("You may not edit the %(language)s translation of “%(page)s”.")
            % {"language": language, "page": plan.title}
        )


def apply(plan, user=None, publish=False):
    """Write ``plan`` (``check``'s) in one transaction; returns it with each page's outcome."""
    with transaction.atomic():
        locale = Locale.objects.get(language_code=plan.language)
        for page_plan in plan.pages:
            _apply_page(plan, page_plan, locale, user, publish)
    return plan


def _apply_page(plan, page_plan, locale, user, publish):
    source, translation = page_plan.source, page_plan.translation
    if translation is not None and translation.alias_of_id:
        ConvertAliasPageAction(translation, user=user).execute(skip_permission_checks=True)
        translation = Page.objects.get(pk=translation.pk).specific
        page_plan.action = "created"
    elif translation is None:
        translation = CopyPageForTranslationAction(source, locale, user=user).execute(
            skip_permission_checks=True
        )
        translation = Page.objects.get(pk=translation.pk).specific
        page_plan.action = "created"
    page_plan.translation = translation
    draft = translation.get_latest_revision_as_object()
    if page_plan.values or page_plan.localize_strings:
        revision = None
        if page_plan.values:
            for name, value in page_plan.values.items():
                setattr(draft, name, value)
            try:
                revision = draft.save_revision(user=user, log_action=False)
            except ValidationError as error:
                raise ExchangeError(
                    [
                        _("“%(page)s” could not be saved: %(problem)s")
                        % {"page": page_plan.title, "problem": " ".join(error.messages)}
                    ]
                ) from None
        if page_plan.localize_strings:
            localize.store_strings(source, locale.pk, page_plan.localize_strings, user)
        log(
            instance=draft,
            action=LOG_ACTION,
            user=user,
            revision=revision,
            content_changed=True,
            data={
                "file": plan.filename,
                "format": plan.format,
                "language": plan.language,
                "units": page_plan.imported,
            },
        )
        page_plan.action = page_plan.action or "updated"
    else:
        page_plan.action = page_plan.action or "unchanged"
    if publish:
        _publish(page_plan, source, user)


def _publish(page_plan, source, user):
    """Publish the translation's new draft through publishing together's rules, or say why not."""
    translation = Page.objects.get(pk=page_plan.translation.pk).specific
    if not page_plan.complete:
        page_plan.draft_reason = (
            _("its source changed since export")
            if page_plan.changed_source
            else _("the file leaves some of its units untranslated")
        )
        return
    can_publish = publishing.may_publish(translation, user)
    # The file follows the current source in full: what publishing together
    # calls a translation that follows its source. The import publishes no source.
    decision = publishing.SourceDecision(
        source,
        can_publish=False,
        translations=[
            publishing.TranslationDecision(
                translation.locale.language_code, State.DRAFT, translation, can_publish
            )
        ],
    )
    if not can_publish:
        page_plan.draft_reason = _("you may not publish it")
    elif publishing.publish([decision], user):
        page_plan.published = True
    elif translation.live:
        # Nothing new to publish, every unit confirmed against the current
        # source: the translation follows it, as "Mark up to date" records.
        recorded = TranslationFingerprint.objects.filter(page_id=translation.pk).first()
        if recorded is None or recorded.fingerprint != fingerprint(source):
            translation_state.record(translation, source)
            page_plan.recorded = True


def summary(plan):
    """What ``apply`` did (or, in a dry run, would do), one sentence per page."""
    lines = []
    for page in plan.pages:
        values = {"page": page.title, "language": plan.language_name, "units": page.imported}
        if page.action == "created":
            line = _("“%(page)s” in %(language)s: created from %(units)s units of the file.")
        elif page.action == "updated":
            line = _("“%(page)s” in %(language)s: updated from %(units)s units of the file.")
        else:
            line = _("“%(page)s” in %(language)s: unchanged: it already says what the file says.")
        line %= values
        if page.published:
            line += " " + _("Published.")
        elif page.recorded:
            line += " " + _("Marked up to date.")
        elif page.draft_reason:
            line += " " + _("Left as a draft: %(reason)s.") % {"reason": page.draft_reason}
        lines.append(line)
    if plan.left_out:
        lines.append(
            _(
                "Units whose source changed since export, left out: wagtail-localize keeps "
                "translations of the current source text only. Translate them in its editor, "
                "or export again: %(count)s."
            )
            % {"count": len(plan.left_out)}
        )
    if plan.skipped:
        lines.append(
            _("Units without a finished translation in the file, left as they were: %(count)s.")
            % {"count": len(plan.skipped)}
        )
    if not plan.pages:
        lines.append(_("The file has no finished translation: nothing to import."))
    return lines
