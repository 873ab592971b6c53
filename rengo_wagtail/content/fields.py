"""How content maps onto page fields, and back.

The installer writes these values and compares them with a page's to decide
whether anything changed; the exporter reads them from pages. Both go through
here so the two directions cannot drift apart.
"""

import hashlib
import json

from ..models import OrganizationPage
from .schema import split_partial_date

# ``InstalledContent.content_key`` of the index page, which has no key of its own.
INDEX_KEY = ""

INDEX_TEXT_FIELDS = ("title", "intro", "seo_title", "search_description")
ORGANIZATION_TEXT_FIELDS = ("title", "short_name", "summary", "body")


def index_values(content, language):
    """The index page's field values in ``language``."""
    text = content.texts[language].index
    return {"slug": content.index_slug, **{name: text[name] for name in INDEX_TEXT_FIELDS}}


def organization_values(organization, text):
    """An organization page's field values, from its facts and one language's ``text``."""
    year, month = split_partial_date(organization.founded)
    return {
        "slug": organization.slug,
        "content_key": organization.key,
        **{name: text[name] for name in ORGANIZATION_TEXT_FIELDS},
        "legal_form": organization.legal_form or "",
        "founded_year": year,
        "founded_month": month,
        "founded_by_rengo": organization.founded_by_rengo,
        "website": organization.website or "",
        "category": organization.category,
    }


def page_values(page):
    """The same fields read from a page (its latest revision, drafts included)."""
    if isinstance(page, OrganizationPage):
        names = (
            "slug",
            "content_key",
            *ORGANIZATION_TEXT_FIELDS,
            "legal_form",
            "founded_year",
            "founded_month",
            "founded_by_rengo",
            "website",
            "category",
        )
    else:
        names = ("slug", *INDEX_TEXT_FIELDS)
    values = {name: getattr(page, name) for name in names}
    if "body" in values:
        values["body"] = body_data(page.body)
    return values


def body_data(stream_value):
    """A StreamField value as content-file JSON: blocks without their random ids."""
    return [
        {"type": block["type"], "value": block["value"]} for block in stream_value.get_prep_value()
    ]


def apply_values(page, values):
    for name, value in values.items():
        setattr(page, name, value)


def content_hash(values):
    """A fingerprint of field values, to tell later whether an editor changed them."""
    text = json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
