"""Wagtail wiring: history entries, the translation status report and its dashboard panel,
publishing with translations, translations following their source."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter

from . import admin_urls
from .content.install import LOG_ACTION, UNLOAD_LOG_ACTION
from .exchange import importer as exchange_importer
from .translation import cascade
from .translation import sync as translation_sync
from .views import front_end_preview, publish_together, translation_report


@hooks.register("register_log_actions")
def register_install_log_action(actions):
    @actions.register_action(LOG_ACTION)
    class InstallFormatter(LogFormatter):
        label = _("Install RENGO content")

        def format_message(self, log_entry):
            if log_entry.data.get("action") == "draft":
                return _("Saved as a draft by the rengo-wagtail content installer")
            return _("Published by the rengo-wagtail content installer")


@hooks.register("register_log_actions")
def register_unload_log_action(actions):
    actions.register_action(
        UNLOAD_LOG_ACTION,
        _("Remove RENGO content"),
        _("Removed by rengo_unload_organizations"),
    )


@hooks.register("register_log_actions")
def register_sync_log_action(actions):
    @actions.register_action(translation_sync.LOG_ACTION)
    class SyncFormatter(LogFormatter):
        label = _("Take shared facts from the source page")

        def format_message(self, log_entry):
            message = (
                _("Draft given the shared facts of “%(source)s”")
                if log_entry.data.get("draft")
                else _("Published with the shared facts of “%(source)s”")
            )
            return message % {"source": translation_sync.source_title(log_entry)}


@hooks.register("register_log_actions")
def register_import_translations_log_action(actions):
    @actions.register_action(exchange_importer.LOG_ACTION)
    class ImportTranslationsFormatter(LogFormatter):
        label = _("Import translations")

        def format_message(self, log_entry):
            return _("Translated text imported from “%(file)s”") % {
                "file": log_entry.data.get("file", "")
            }


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("rengo/", include((admin_urls, "rengo_wagtail"), namespace="rengo_wagtail"))]


class TranslationReportMenuItem(MenuItem):
    def is_shown(self, request):
        return translation_report.user_sees_report(request.user)


@hooks.register("register_reports_menu_item")
def register_translation_report_menu_item():
    return TranslationReportMenuItem(
        _("Translation status"),
        reverse("rengo_wagtail:translation_report"),
        name="rengo-translation-status",
        icon_name="globe",
        order=1300,
    )


@hooks.register("construct_homepage_panels")
def add_translation_summary_panel(request, panels):
    if translation_report.user_sees_report(request.user):
        panels.append(translation_report.TranslationSummaryPanel())


@hooks.register("register_page_action_menu_item")
def register_publish_together_menu_item():
    return publish_together.PublishTogetherMenuItem(order=35)


@hooks.register("register_page_action_menu_item")
def register_preview_on_front_end_menu_item():
    return front_end_preview.PreviewOnFrontEndMenuItem(order=45)


hooks.register("register_bulk_action", publish_together.PublishTogetherBulkAction)


hooks.register("construct_translated_pages_to_cascade_actions", cascade.translations_to_cascade)
hooks.register("before_move_page", cascade.refuse_move_that_would_strand_translations)
hooks.register("before_delete_page", cascade.refuse_delete_that_would_strand_translations)
