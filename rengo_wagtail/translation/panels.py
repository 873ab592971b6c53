"""Edit-form parts for the shared facts (``OrganizationPage.shared_fields``).

On a source-language page the facts are edited as usual. On a translation they
are read-only, with a note linking to the source page, because the source
decides them (``sync`` copies them on every publish). Wagtail's
``FieldPanel(read_only=True)`` would apply to every language, so here the
decision is made per page: the form ignores submitted values of the facts on a
translation, and the panel shows them as text.
"""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel

from .. import i18n


def is_translation(page):
    return page is not None and page.locale_id is not None and not i18n.is_source(page)


def _source(page):
    if not hasattr(page, "_rengo_source"):
        page._rengo_source = i18n.source_of(page) if page.pk else None
    return page._rengo_source


class SharedFactsPageForm(WagtailAdminPageForm):
    """Page form whose shared facts are fixed (disabled) on translations."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if is_translation(self.instance):
            for name in self.instance.shared_fields:
                if name in self.fields:
                    self.fields[name].disabled = True


class SharedFieldPanel(FieldPanel):
    """A shared fact: editable on the source-language page, read-only on its translations."""

    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            if self.bound_field is None or not self.bound_field.field.disabled:
                return
            self.read_only = True
            source = _source(self.instance)
            if source is None:
                self.help_text = _("The same in every language: set on the source-language page.")
            else:
                self.help_text = format_html(
                    '{} <a href="{}">{}</a>',
                    _("The same in every language: change it on the source page,"),
                    reverse("wagtailadmin_pages:edit", args=[source.pk]),
                    source.get_admin_display_title(),
                )
