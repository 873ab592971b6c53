"""Publish with translations: a source page and its translations' latest drafts in one action.

The page action in the editor's menu and the bulk action in the page explorer
both lead to ``PublishTogetherView`` (``rengo_wagtail:publish_together``,
``?id=<page id>`` once or more), which shows each language's state before the
editor confirms. ``publishing`` decides what is published.
"""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction
from wagtail.models import Page

from ..ids import parse_id
from ..translation import publishing
from .translation_report import translation_engine_for


def publish_together_url(page_ids, next_url=None):
    """The confirm page's URL for these source pages."""
    query = [("id", pk) for pk in page_ids]
    if next_url:
        query.append(("next", next_url))
    return f"{reverse('rengo_wagtail:publish_together')}?{urlencode(query)}"


class PublishTogetherView(TemplateView):
    """Confirm (GET) and publish (POST) source pages with their translations."""

    template_name = "rengo_wagtail/admin/publish_together.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        ids = [parse_id(value) for value in request.GET.getlist("id")]
        ids = [pk for pk in ids if pk is not None]
        pages = Page.objects.filter(pk__in=ids).order_by("path").specific()
        # Titles and states only of pages the user may at least edit.
        pages = [page for page in pages if page.permissions_for_user(request.user).can_edit()]
        self.decisions = [
            publishing.decide(page, request.user)
            for page in pages
            if publishing.is_source_page(page)
        ]
        self.skipped = [page for page in pages if not publishing.is_source_page(page)]
        self.next_url = get_valid_next_url_from_request(request)

    def dispatch(self, request, *args, **kwargs):
        if not self.decisions and not self.skipped:
            messages.error(
                request,
                _("No page to publish: choose source-language pages in the page explorer."),
            )
            return redirect(self.next_url or reverse("wagtailadmin_explore_root"))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        engine = translation_engine_for(self.request.user)
        for decision in self.decisions:
            for translation in decision.translations:
                translation.translate_url = (
                    reverse(f"{engine}:submit_page_translation", args=[decision.source.pk])
                    if engine and translation.outcome == publishing.Outcome.MISSING
                    else None
                )
        context.update(
            page_title=_("Publish with translations"),
            source_label=_("Source"),
            decisions=self.decisions,
            skipped=self.skipped,
            next_url=self.next_url,
            anything_to_publish=any(
                decision.outcome == publishing.Outcome.PUBLISH
                or any(t.publishable for t in decision.translations)
                for decision in self.decisions
            ),
        )
        return context

    def post(self, request, *args, **kwargs):
        published = publishing.publish(
            self.decisions, request.user, ticked=request.POST.getlist("outdated")
        )
        if published:
            messages.success(
                request,
                ngettext(
                    "Published %(count)d page: %(titles)s.",
                    "Published %(count)d pages: %(titles)s.",
                    len(published),
                )
                % {
                    "count": len(published),
                    "titles": ", ".join(page.get_admin_display_title() for page in published),
                },
            )
        else:
            messages.warning(request, _("Nothing was published."))
        if self.next_url:
            return redirect(self.next_url)
        first = (self.decisions[0].source if self.decisions else self.skipped[0]).get_parent()
        return redirect("wagtailadmin_explore", first.pk)


class PublishTogetherMenuItem(ActionMenuItem):
    """ "Publish with translations" in a source page's action menu (save the draft first)."""

    label = gettext_lazy("Publish with translations")
    name = "action-rengo-publish-together"
    icon_name = "upload"

    def is_shown(self, context):
        page = context.get("page")
        return (
            context["view"] == "edit"
            and not context["locked_for_user"]
            and publishing.is_source_page(page)
            and self.get_user_page_permissions_tester(context).can_publish()
        )

    def get_url(self, context):
        page = context["page"]
        return publish_together_url(
            [page.pk], next_url=reverse("wagtailadmin_pages:edit", args=[page.pk])
        )


class PublishTogetherBulkAction(PageBulkAction):
    """The page explorer's "Publish with translations": the chosen pages go to the confirm page."""

    display_name = gettext_lazy("Publish with translations")
    action_type = "rengo-publish-together"
    aria_label = gettext_lazy("Publish the selected pages with their translations")
    action_priority = 45

    def dispatch(self, request, *args, **kwargs):
        ids = request.GET.getlist("id")
        if "all" in ids:
            ids = self.get_all_objects_in_listing_query(request.GET.get("childOf"))
        # Wagtail falls back to the bulk action's own URL when no "next" is given.
        next_url = get_valid_next_url_from_request(request)
        return redirect(publish_together_url(ids, next_url=next_url))
