"""Wagtail wiring: the history entry the content installer writes."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from . import translation_sync
from .content.install import LOG_ACTION


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
