"""How content files map onto page fields, and back.

The fields each file carries are the page types' ``content_file_fields``
(``rengo_wagtail.declarations``): the translated ones in each language's file,
the shared facts in ``organizations.json``. The installer writes these values
and compares them with a page's to decide whether anything changed; the
exporter reads them from pages. Both go through here so the two directions
cannot drift apart.
"""

from .. import formats
from ..declarations import body_data, content_hash, field_values
from ..models import OrganizationIndexPage, OrganizationPage
from .schema import split_partial_date

__all__ = [
    "INDEX_KEY",
    "apply_values",
    "body_data",
    "content_hash",
    "fact_fields",
    "file_facts",
    "index_values",
    "organization_values",
    "page_values",
    "text_fields",
]

# ``InstalledContent.content_key`` of the index page, which has no key of its own.
INDEX_KEY = ""

# ``organizations.json`` writes a founding year and month as one partial date.
PARTIAL_DATES = {"founded": ("founded_year", "founded_month")}


def text_fields(model):
    """The fields of ``model`` that each language's content file carries."""
    return [name for name in model.content_file_fields if name in model.translated_fields]


def fact_fields(model):
    """The shared facts of ``model`` that ``organizations.json`` carries."""
    return [name for name in model.content_file_fields if name in model.shared_fields]


def index_values(content, language):
    """The index page's field values in ``language``."""
    text = content.texts[language].index
    return {
        "slug": content.index_slug,
        **{name: text[name] for name in text_fields(OrganizationIndexPage)},
    }


def organization_values(organization, text):
    """An organization page's field values, from its facts and one language's ``text``."""
    values = {
        "slug": organization.slug,
        "content_key": organization.key,
        # A field the schema leaves optional (``logo_alt``) is blank where the file leaves it out.
        **{name: text.get(name, "") for name in text_fields(OrganizationPage)},
    }
    split = {}
    for file_name, (year, month) in PARTIAL_DATES.items():
        split[year], split[month] = split_partial_date(getattr(organization, file_name))
    for name in fact_fields(OrganizationPage):
        if name in split:
            values[name] = split[name]
        else:
            value = getattr(organization, name)
            values[name] = "" if value is None else value
    return values


def file_facts(page):
    """``page``'s shared facts as ``organizations.json`` writes them; ``None`` where empty."""
    facts = {}
    for name in fact_fields(type(page)):
        date = next((key for key, pair in PARTIAL_DATES.items() if name in pair), None)
        if date is not None:
            if date not in facts:
                year, month = PARTIAL_DATES[date]
                iso = formats.partial_date_iso(getattr(page, year), getattr(page, month))
                facts[date] = iso or None
            continue
        value = getattr(page, name)
        facts[name] = None if value == "" else value
    return facts


def page_values(page):
    """The same fields as ``index_values`` or ``organization_values``, read from a page
    (its latest revision, drafts included)."""
    keys = ("content_key",) if isinstance(page, OrganizationPage) else ()
    return field_values(page, ("slug", *keys, *type(page).content_file_fields))


def apply_values(page, values):
    for name, value in values.items():
        setattr(page, name, value)
