"""The translation status report (Reports > Translation status) and its dashboard summary."""

from collections import OrderedDict

import django_filters
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.views.reports import ReportView
from wagtail.coreutils import get_content_languages
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from .. import i18n
from ..escaping import spreadsheet_cell
from ..translation import state as translation_state
from ..translation.state import NEEDS_WORK, State

# Who sees the report and its dashboard panel: anyone who works on pages.
PAGE_PERMISSIONS = ["add", "change", "publish"]


def language_choices():
    names = dict(get_content_languages())
    return [(code, names[code]) for code in i18n.translation_languages()]


class TranslationReportFilterSet(WagtailFilterSet):
    language = django_filters.ChoiceFilter(
        label=gettext_lazy("Language"),
        choices=language_choices,
        method="filter_language",
        empty_label=gettext_lazy("All languages"),
    )
    state = django_filters.ChoiceFilter(
        label=gettext_lazy("State"),
        choices=State.choices,
        method="filter_state",
        empty_label=gettext_lazy("Any state"),
    )

    class Meta:
        model = Page
        fields = []

    def __init__(self, *args, rows=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows  # translation_state.compute(), computed once by the view
        # One language filter, ours: Wagtail adds its own "Locale" to every
        # translatable model's filters, which would filter the source pages.
        self.filters.pop("locale", None)

    def filter_language(self, pages, name, value):
        # The view shows only this language's column; the rows stay.
        return pages

    def filter_state(self, pages, name, value):
        language = self.form.cleaned_data.get("language")
        matching = [
            row.source.pk
            for row in self.rows
            if any(
                translation.state == value
                for code, translation in row.translations.items()
                if not language or code == language
            )
        ]
        return pages.filter(pk__in=matching)


class TranslationReportView(ReportView):
    """Every source page of ours, with each language's translation state and what to do next."""

    page_title = gettext_lazy("Translation status")
    header_icon = "globe"
    model = Page
    # Set explicitly: Wagtail 7.4 derives no policy from ``model`` and would check nothing.
    permission_policy = PagePermissionPolicy()
    any_permission_required = PAGE_PERMISSIONS
    filterset_class = TranslationReportFilterSet
    results_template_name = "rengo_wagtail/admin/translation_report_results.html"
    index_url_name = "rengo_wagtail:translation_report"
    index_results_url_name = "rengo_wagtail:translation_report_results"
    export_filename = "translation-status"

    @cached_property
    def rows(self):
        return {row.source.pk: row for row in translation_state.compute()}

    def get_base_queryset(self):
        return Page.objects.filter(pk__in=list(self.rows)).order_by("path")

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "rows": self.rows.values()}

    @property
    def languages(self):
        valid = self.filters and self.filters.is_valid()
        chosen = valid and self.filters.form.cleaned_data.get("language")
        return [chosen] if chosen else i18n.translation_languages()

    @property
    def list_export(self):
        return ["title", "type", "source_last_published_at", *self.languages]

    @property
    def export_headings(self):
        names = dict(get_content_languages())
        return {
            "title": _("Page"),
            "type": _("Type"),
            "source_last_published_at": _("Source last published"),
            **{code: names[code] for code in self.languages},
        }

    def to_row_dict(self, row):
        return OrderedDict(
            [
                ("title", row.source.title),
                ("type", str(row.type_label)),
                ("source_last_published_at", row.source.last_published_at),
                *((code, str(row.translations[code].state_label)) for code in self.languages),
            ]
        )

    def preprocess_field_value(self, field, value, export_format):
        # Titles are editors' text: no formula, no control character in a cell.
        value = super().preprocess_field_value(field, value, export_format)
        return spreadsheet_cell(value) if isinstance(value, str) else value

    def decorate_paginated_queryset(self, pages):
        rows = [self.rows[page.pk] for page in pages]
        engine = translation_engine_for(self.request.user)
        for row in rows:
            row.cells = [self._cell(row, row.translations[code], engine) for code in self.languages]
        return rows

    def _cell(self, row, translation, engine):
        """The state and what to do next; ``engine``: the app whose views translate, if any."""
        source, page = row.source, translation.page
        cell = {"translation": translation, "links": []}
        if page is None:
            if engine:
                # Both apps name their view alike.
                url = reverse(f"{engine}:submit_page_translation", args=[source.pk])
                cell["links"].append((_("Translate"), url))
            return cell
        # The edit view is wagtail-localize's editor for the translations it manages.
        cell["links"].append((_("Edit"), reverse("wagtailadmin_pages:edit", args=[page.pk])))
        if translation.state != State.OUTDATED:
            return cell
        before, now = translation.source_revision_id, source.live_revision_id
        if before and now and before != now:
            url = reverse("wagtailadmin_pages:revisions_compare", args=[source.pk, before, now])
            cell["links"].append((_("Compare source changes"), url))
        if translation.localize_source_id and engine:
            url = reverse(
                "wagtail_localize:update_translations", args=[translation.localize_source_id]
            )
            cell["links"].append((_("Sync translated pages"), url))
        # Strings wagtail-localize still waits for are not done by saying so; only
        # someone who may publish the translation may say it follows its source.
        if (
            not translation.waiting_for_strings
            and page.permissions_for_user(self.request.user).can_publish()
        ):
            cell["mark_url"] = reverse("rengo_wagtail:mark_up_to_date", args=[page.pk])
        return cell

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        names = dict(get_content_languages())
        context["language_names"] = [names[code] for code in self.languages]
        context["next_url"] = self.request.get_full_path().replace("/results/", "/", 1)
        return context


@require_POST
def mark_up_to_date(request, page_id):
    """Record that a live translation follows its source's current content, without editing it."""
    page = get_object_or_404(Page, pk=page_id)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    source = i18n.source_of(page)
    if source is None or not page.live:
        raise PermissionDenied
    translation_state.record(page, source)
    messages.success(
        request,
        _("“%(title)s” is marked up to date with “%(source)s”.")
        % {"title": page.get_admin_display_title(), "source": source.get_admin_display_title()},
    )
    next_url = request.POST.get("next")
    if not next_url or not url_has_allowed_host_and_scheme(
        next_url, {request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("rengo_wagtail:translation_report")
    return redirect(next_url)


class TranslationSummaryPanel(Component):
    """Dashboard panel: per language, how many pages need a translator's work."""

    name = "rengo_translation_summary"
    template_name = "rengo_wagtail/admin/translation_summary_panel.html"
    order = 160

    def get_context_data(self, parent_context):
        names = dict(get_content_languages())
        totals = translation_state.counts(translation_state.compute())
        report = reverse("rengo_wagtail:translation_report")
        languages = [
            {
                "name": names[code],
                "states": [
                    {
                        "label": state.label,
                        "count": by_state[state],
                        "url": f"{report}?language={code}&state={state.value}",
                    }
                    for state in NEEDS_WORK
                ],
                "total": sum(by_state[state] for state in NEEDS_WORK),
            }
            for code, by_state in totals.items()
        ]
        return {"languages": languages, "report_url": report}


def translation_engine():
    """The app whose views translate pages, by its URL namespace, or None.

    wagtail-localize where installed, else Wagtail's simple_translation.
    """
    for app, namespace in (
        ("wagtail_localize", "wagtail_localize"),
        ("wagtail.contrib.simple_translation", "simple_translation"),
    ):
        if apps.is_installed(app):
            return namespace
    return None


def translation_engine_for(user):
    """The namespace of the translation app whose "Translate" ``user`` may use, or None."""
    engine = translation_engine()
    return engine if engine and user.has_perm(f"{engine}.submit_translation") else None


def user_sees_report(user):
    return TranslationReportView.permission_policy.user_has_any_permission(user, PAGE_PERMISSIONS)
