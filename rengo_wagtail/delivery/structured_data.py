"""schema.org structured data (JSON-LD) of our pages, and its safe embedding in HTML.

An organization page describes itself as a ``WebPage`` whose main entity is
the ``Organization``; the index lists its organizations as an ``ItemList``.
Each is written in the page's language; URLs come from ``links``, dates from
``formats``.
"""

import json
from urllib.parse import urljoin

from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, pgettext
from wagtail.images.models import SourceImageIOError

from .. import formats, i18n, links
from ..models import OrganizationIndexPage, OrganizationPage

SCHEMA_ORG = "https://schema.org"

# The logo's rendition: the one the organization page shows.
LOGO_FILTER = "max-320x160"

# Inside <script> the HTML parser only looks for "<" ("</script>", "<!--",
# "<script"); JSON may write any character as \uXXXX, so "<", ">" and "&"
# never appear raw and the element ends only where we end it. U+2028 and
# U+2029 are escaped for scripts that read the JSON as JavaScript.
_SCRIPT_SAFE = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def rengo():
    """RENGO as a schema.org ``Organization``, named in the active language."""
    return {
        "@type": "Organization",
        "name": gettext("Japanese Trade Union Confederation (JTUC-RENGO)"),
        "url": pgettext("RENGO's website in the reader's language", "https://www.jtuc-rengo.org/"),
    }


def organization_page(page, request=None):
    """The ``WebPage`` of an ``OrganizationPage``, its ``Organization`` as main entity.

    The organization is one entity in every language: its ``@id`` is the
    source-language page's URL with ``#organization``. The pages are
    translations of one another (``workTranslation`` on the source page,
    ``translationOfWork`` on each translation), as schema.org says of
    creative works, which a ``WebPage`` is.
    """
    url = links.page_url(page, request)
    language = page.locale.language_code
    versions = i18n.live_versions_for([page])[page.translation_key]
    source = versions.get(i18n.source_language_code())
    urls = links.page_urls(versions.values(), request)
    source_url = urls.get(source.pk) if source else None
    entity_url = source_url or url
    is_source = source is not None and source.pk == page.pk
    translations = [
        {"@id": urls[version.pk]}
        for code, version in versions.items()
        if version.pk != page.pk and urls.get(version.pk)
    ]
    with translation.override(i18n.ui_language_for(language)):
        organization = _without_empty(
            {
                "@type": "Organization",
                "@id": f"{entity_url}#organization" if entity_url else None,
                "name": page.title,
                "alternateName": page.short_name,
                # Only a name with a legal form is a legal name.
                "legalName": page.name_with_legal_form if page.legal_form else None,
                "foundingDate": formats.partial_date_iso(page.founded_year, page.founded_month),
                "url": page.website,
                "logo": _logo(page, url),
                "description": page.summary,
                "founder": rengo() if page.founded_by_rengo else None,
            }
        )
        return _without_empty(
            {
                "@context": SCHEMA_ORG,
                "@type": "WebPage",
                "inLanguage": language,
                "url": url,
                "name": page.name_with_legal_form,
                "mainEntity": organization,
                "about": {"@id": organization["@id"]} if "@id" in organization else None,
                "workTranslation": translations if is_source and translations else None,
                "translationOfWork": {"@id": source_url} if source_url and not is_source else None,
            }
        )


def organization_index(index, request=None, organizations=None):
    """The ``ItemList`` of an ``OrganizationIndexPage``: its organizations, in its order.

    ``organizations`` are the index's live organizations where the caller has
    them already (the page's context, which adds those shown in place of a
    missing translation, at their source-language URLs); otherwise they are read.
    """
    organizations = list(index.organizations() if organizations is None else organizations)
    urls = links.page_urls(organizations, request)
    language = index.locale.language_code
    items = []
    for position, organization in enumerate(organizations, start=1):
        # An organization listed in place of its missing translation (fallback)
        # is named in its own language; its locale comes selected with it.
        own = organization.locale_id == index.locale_id
        name_language = language if own else organization.locale.language_code
        with translation.override(i18n.ui_language_for(name_language)):
            items.append(
                _without_empty(
                    {
                        "@type": "ListItem",
                        "position": position,
                        "url": urls[organization.pk],
                        "name": organization.name_with_legal_form,
                    }
                )
            )
    return _without_empty(
        {
            "@context": SCHEMA_ORG,
            "@type": "ItemList",
            "name": index.title,
            "url": links.page_url(index, request),
            "numberOfItems": len(items),
            "itemListElement": items,
        }
    )


def for_page(page, request=None, organizations=None):
    """The structured data of one of our pages; ``None`` for any other page."""
    if isinstance(page, OrganizationPage):
        return organization_page(page, request)
    if isinstance(page, OrganizationIndexPage):
        return organization_index(page, request, organizations)
    return None


def script(data):
    """``data`` as a ``<script type="application/ld+json">`` element, safe for any content."""
    text = json.dumps(data, ensure_ascii=False, indent=None).translate(_SCRIPT_SAFE)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def _logo(page, page_url):
    """The logo as an ``ImageObject``: its rendition's absolute URL and size, and as caption
    the page's alt text (``logo_alt_text``, in the page's language); ``None`` without a
    logo, its file or the page's URL."""
    if page.logo is None or not page_url:
        return None
    try:
        rendition = page.logo.get_rendition(LOGO_FILTER)
    except SourceImageIOError:
        return None
    return {
        "@type": "ImageObject",
        "url": urljoin(page_url, rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "caption": page.logo_alt_text,
    }


def _without_empty(data):
    return {key: value for key, value in data.items() if value not in (None, "")}
