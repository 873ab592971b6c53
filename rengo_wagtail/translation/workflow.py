"""What the "Translations up to date" workflow task decides (``models.TranslationsUpToDateTask``).

On a source-language page of ours the task approves itself once every required
language has a translation that is neither missing nor outdated against the
page's latest revision (``state.translation_states``); until then it stays in
progress, its comment naming the languages it waits for, and it checks again
whenever a translation of the page is saved. On any other page (a translation,
a page of another type) it passes at once. When a workflow with this task
publishes the source, the translations' drafts that follow it are published
too, as the user who finished the workflow.

The receivers are connected by ``signal_handlers``.
"""

from django.utils.translation import gettext
from wagtail.coreutils import get_content_languages
from wagtail.models import Page, TaskState

from .. import i18n
from ..models import TranslationsUpToDateTask
from . import publishing
from .state import State, translation_states


def waiting_for(task, obj):
    """``{language code: state}`` of the translations of ``obj`` that ``task`` still waits for.

    Nothing for anything but a source-language page of ours (workflows also
    run on translations, other page types and snippets).
    """
    if not isinstance(obj, Page) or not publishing.is_source_page(obj.specific):
        return {}
    states = translation_states(obj.specific, task.required_languages())
    return {
        code: state
        for code, (state, _page) in states.items()
        if state in (State.MISSING, State.OUTDATED)
    }


def evaluate(task_state, update=True):
    """Approve ``task_state`` if the page's translations are done; else say what is missing."""
    task = task_state.task.specific
    waiting = waiting_for(task, task_state.workflow_state.content_object)
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


def _is_ours(task_state):
    return isinstance(task_state.task.specific, TranslationsUpToDateTask)


def evaluate_when_started(sender, instance, user=None, **kwargs):
    """``task_submitted``: the task decides as it starts.

    Wagtail's workflow moves on by itself when a task leaves "in progress" as
    it starts, so the approval here does not update the workflow itself.
    """
    if instance.status == TaskState.STATUS_IN_PROGRESS and _is_ours(instance):
        evaluate(instance, update=False)


def evaluate_when_a_translation_is_saved(sender, instance, created, **kwargs):
    """``post_save`` of a ``Revision``: a translation's new revision may complete the task."""
    if not created or instance.base_content_type.model_class() is not Page:
        return
    page = Page.objects.filter(pk=instance.object_id).select_related("locale").first()
    if page is None or page.alias_of_id or i18n.is_source(page):
        return
    source = i18n.source_of(page)
    task_state = source.current_workflow_task_state if source else None
    if (
        task_state is not None
        and task_state.status == TaskState.STATUS_IN_PROGRESS
        and _is_ours(task_state)
    ):
        evaluate(task_state)


def publish_translations_with_source(sender, instance, user=None, **kwargs):
    """``workflow_approved``: a workflow with the task has published the source; its
    translations follow, as the same user."""
    if not TranslationsUpToDateTask.objects.filter(
        workflow_tasks__workflow=instance.workflow
    ).exists():
        return
    page = instance.content_object
    if not isinstance(page, Page) or not publishing.is_source_page(page.specific):
        return
    publishing.publish([publishing.decide(page.specific, user)], user)
