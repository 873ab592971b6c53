"""The "Translations up to date" workflow task.

A site adds it to a workflow (Settings > Workflows), for example the one on the
Related Organizations section. What it decides, and when, is
``rengo_wagtail.translation.workflow``'s: this is the task as Wagtail stores it.
"""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Task

from .. import i18n


class TranslationsUpToDateTask(Task):
    """Waits until the page's translations follow it; approves itself, nobody else does."""

    languages = models.ManyToManyField(
        "wagtailcore.Locale",
        verbose_name=_("required languages"),
        blank=True,
        related_name="+",
        help_text=_("Leave all unticked to require every content language."),
    )

    admin_form_fields = [*Task.admin_form_fields, "languages"]
    admin_form_widgets = {"languages": forms.CheckboxSelectMultiple}

    class Meta:
        verbose_name = _("Translations up to date task")
        verbose_name_plural = _("Translations up to date tasks")

    @classmethod
    def get_description(cls):
        return _(
            "Passes a source-language page once each required language has a translation "
            "that follows it; publishes those translations with it."
        )

    def required_languages(self):
        """The language codes this task waits for: those chosen, else every content language."""
        chosen = {locale.language_code for locale in self.languages.all()}
        return [code for code in i18n.translation_languages() if not chosen or code in chosen]
