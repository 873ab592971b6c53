"""rengo-wagtail's models: the page types, what the app records, the workflow task.

- ``pages``: ``OrganizationIndexPage`` and ``OrganizationPage``, with the
  declaration of each field's role (``rengo_wagtail.declarations``).
- ``records``: ``InstalledContent`` (the content installer's pages) and
  ``TranslationFingerprint`` (what each translation was published against).
- ``workflow``: the "Translations up to date" task.
"""

from .pages import (
    NAME_WITH_LEGAL_FORM,
    Category,
    LegalForm,
    OrganizationIndexPage,
    OrganizationPage,
    RengoPageMixin,
    WebsiteField,
)
from .records import InstalledContent, TranslationFingerprint
from .workflow import TranslationsUpToDateTask

__all__ = [
    "NAME_WITH_LEGAL_FORM",
    "Category",
    "InstalledContent",
    "LegalForm",
    "OrganizationIndexPage",
    "OrganizationPage",
    "RengoPageMixin",
    "TranslationFingerprint",
    "TranslationsUpToDateTask",
    "WebsiteField",
]
