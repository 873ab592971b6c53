"""The "Translations up to date" workflow task.

A site adds it to a workflow (Settings > Workflows), for example the one on the
Related Organizations section. On a source-language page of ours it approves
itself once every required language has a translation that is neither missing
nor outdated against the page's latest revision (``publishing.translation_states``);
until then it stays in progress, its comment naming the languages it waits for,
and it checks again whenever a translation of the page is saved. On any other
page (a translation, a page of another type) it passes at once. When a workflow
with this task publishes the source, the translations' drafts that follow it are
published too, as the user who finished the workflow.

``models`` imports this module so that Django sees the model; ``publishing``
imports ``models``, hence the imports of it inside the functions.
"""

from django import forms
from django.db import models
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import get_content_languages
from wagtail.models import Page, Revision, Task, TaskState
from wagtail.signals import workflow_approved

from . import i18n


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
        from .translation_state import translation_languages

        chosen = {locale.language_code for locale in self.languages.all()}
        return [code for code in translation_languages() if not chosen or code in chosen]

    def waiting_for(self, obj):
        """``{language code: state}`` of the required translations of ``obj`` still to do.

        Nothing for anything but a source-language page of ours (workflows also
        run on translations, other page types and snippets).
        """
        from . import publishing
        from .translation_state import State

        if not isinstance(obj, Page) or not publishing.is_source_page(obj.specific):
            return {}
        page = obj.specific
        states = publishing.translation_states(page, self.required_languages())
        return {
            code: state
            for code, (state, _page) in states.items()
            if state in (State.MISSING, State.OUTDATED)
        }

    def start(self, workflow_state, user=None):
        task_state = super().start(workflow_state, user=user)
        # Wagtail's workflow moves on by itself when a task leaves "in progress" as it starts.
        self.evaluate(task_state, update=False)
        return task_state

    def evaluate(self, task_state, update=True):
        """Approve ``task_state`` if the page's translations are done; else say what is missing."""
        from .translation_state import State

        waiting = self.waiting_for(task_state.workflow_state.content_object)
        if not waiting:
            task_state.approve(
                user=None, update=update, comment=gettext("The translations are up to date.")
            )
            return
        names = dict(get_content_languages())
        task_state.comment = gettext("Waiting for translations: %(languages)s.") % {
            "languages": ", ".join(
                f"{names.get(code, code)} ({State(state).label})" for code, state in waiting.items()
            )
        }
        task_state.save(update_fields=["comment"])


@receiver(post_save, sender=Revision)
def check_again_when_a_translation_is_saved(sender, instance, created, **kwargs):
    if not created or instance.base_content_type.model_class() is not Page:
        return
    from . import translation_state

    page = Page.objects.filter(pk=instance.object_id).select_related("locale").first()
    if page is None or page.alias_of_id or i18n.is_source(page):
        return
    source = translation_state.source_of(page)
    task_state = source.current_workflow_task_state if source else None
    if (
        task_state is not None
        and task_state.status == TaskState.STATUS_IN_PROGRESS
        and isinstance(task_state.task.specific, TranslationsUpToDateTask)
    ):
        task_state.task.specific.evaluate(task_state)


@receiver(workflow_approved)
def publish_translations_with_source(sender, instance, user=None, **kwargs):
    from . import publishing

    if not TranslationsUpToDateTask.objects.filter(
        workflow_tasks__workflow=instance.workflow
    ).exists():
        return
    page = instance.content_object
    if not isinstance(page, Page) or not publishing.is_source_page(page.specific):
        return
    # The workflow has published the source; its translations follow, as the same user.
    publishing.publish([publishing.plan(page.specific, user)], user)
