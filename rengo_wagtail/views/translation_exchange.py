"""Files for translators in the admin: download a language's work, upload the translation.

Reports > Translation status links here (``rengo_wagtail:translation_exchange``)
with its filters. The download is ``rengo_export_translations``'s file; the
upload is ``rengo_import_translations`` as the user, with their permissions:
they may only change translations they may edit (and publish those they may
publish).
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from ..exchange import importer, po, units, xliff
from ..translation.state import NEEDS_WORK, State
from .translation_report import language_choices, user_sees_report

FORMATS = {"xliff": xliff, "po": po}


class DownloadForm(forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=language_choices)
    state = forms.MultipleChoiceField(
        label=gettext_lazy("States"),
        choices=State.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=list(NEEDS_WORK),
    )
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=[("xliff", "XLIFF 2.0"), ("po", gettext_lazy("PO (gettext)"))],
        widget=forms.RadioSelect,
        initial="xliff",
    )


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Translated file"),
        help_text=gettext_lazy("An XLIFF or PO file downloaded here, translated."),
    )
    publish = forms.BooleanField(
        label=gettext_lazy("Publish the translations the file completes"),
        required=False,
        help_text=gettext_lazy(
            "Otherwise they are saved as drafts. Pages the file translates only in part, or "
            "whose source changed since the download, stay drafts."
        ),
    )
    force = forms.BooleanField(
        label=gettext_lazy("Accept units whose source changed since the download"),
        required=False,
    )
    dry_run = forms.BooleanField(label=gettext_lazy("Check only, change nothing"), required=False)


def translation_exchange(request):
    """The download and upload forms; the download itself; the upload's import."""
    if not user_sees_report(request.user):
        raise PermissionDenied
    if request.method == "POST":
        return _upload(request)
    if "download" in request.GET:
        form = DownloadForm(request.GET)
        if form.is_valid():
            document = units.collect(form.cleaned_data["language"], form.cleaned_data["state"])
            if document.pages:
                return _download(document, form.cleaned_data["format"])
            # An XLIFF file holds at least one unit: offer none rather than an invalid one.
            messages.info(request, _("Nothing to translate in these states: no file to download."))
    else:
        initial = {"language": request.GET.get("language") or None}
        if request.GET.get("state") in State.values:
            initial["state"] = [request.GET["state"]]
        form = DownloadForm(initial={key: value for key, value in initial.items() if value})
    return _render(request, form, UploadForm())


def _download(document, format):
    codec = FORMATS[format]
    response = HttpResponse(codec.write(document), content_type=codec.CONTENT_TYPE)
    filename = f"translations-{document.target_language}.{codec.EXTENSION}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _upload(request):
    form = UploadForm(request.POST, request.FILES)
    outcome, problems = [], []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            with transaction.atomic():
                plan = importer.check(
                    upload.read(), upload.name, user=request.user, force=form.cleaned_data["force"]
                )
                importer.apply(plan, user=request.user, publish=form.cleaned_data["publish"])
                if form.cleaned_data["dry_run"]:
                    transaction.set_rollback(True)
        except units.ExchangeError as error:
            problems = error.problems
            messages.error(request, _("Nothing was imported: the file has problems."))
        else:
            outcome = importer.summary(plan)
            if form.cleaned_data["dry_run"]:
                messages.warning(request, _("Check only: nothing was changed."))
            else:
                messages.success(request, _("The file was imported."))
    return _render(request, DownloadForm(), form, outcome=outcome, problems=problems)


def _render(request, download_form, upload_form, outcome=(), problems=()):
    return render(
        request,
        "rengo_wagtail/admin/translation_exchange.html",
        {
            "page_title": _("Files for translators"),
            "download_form": download_form,
            "upload_form": upload_form,
            "outcome": outcome,
            "problems": problems,
        },
    )
