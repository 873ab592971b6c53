"""Writing a site's organization pages back out as content files.

The output has the layout and canonical form of the shipped ``fixtures/``:
installing the shipped content and exporting it gives the same bytes. Pages are
read as last saved (drafts included); aliases are not translations and are left
out. Organizations an editor created without a content key get one from their slug.
"""

import re
from pathlib import Path

from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale

from .. import i18n
from ..models import OrganizationIndexPage, OrganizationPage
from .files import FORMAT_VERSION, STRUCTURE_FILE, ContentError, dumps
from .locate import find_page
from .mapping import body_data, file_facts, text_fields
from .schema import CONTENT_KEY, load_schema

# Blocks a content file can carry; images point at one site's image library.
PORTABLE_BLOCKS = ("heading", "paragraph")


def find_index(value=None):
    """The source-language index page to export: the one named, or the site's only one."""
    source = Locale.objects.filter(language_code=i18n.source_language_code()).first()
    if value:
        page = find_page(value, option="--index")
        if not isinstance(page, OrganizationIndexPage):
            raise ContentError(
                _("“%(title)s” is not an organization index page. Name one with --index.")
                % {"title": page.title}
            )
        return (page.get_translation_or_none(source) if source else None) or page
    indexes = OrganizationIndexPage.objects.filter(locale=source, alias_of__isnull=True)
    installed = indexes.filter(rengo_installed_content__isnull=False)
    for candidates in (installed, indexes):
        if candidates.count() == 1:
            return candidates.get()
    if not indexes.exists():
        raise ContentError(_("The site has no organization index page to export."))
    raise ContentError(
        _("The site has several organization index pages (%(ids)s). Name one with --index.")
        % {"ids": ", ".join(str(page.pk) for page in indexes.order_by("path"))}
    )


def export_content(index, directory):
    """Write ``index`` and its organizations, in every language, to ``directory``.

    Returns the list of files written and a list of warnings.
    """
    index = index.get_latest_revision_as_object()
    organizations = [
        page.get_latest_revision_as_object()
        for page in OrganizationPage.objects.child_of(index).order_by("path")
    ]
    keys = _keys(organizations)
    structure = {
        "format_version": FORMAT_VERSION,
        "source_language": index.locale.language_code,
        "index": {"slug": index.slug},
        "organizations": [
            {"key": key, "slug": page.slug, **file_facts(page)}
            for key, page in zip(keys, organizations, strict=True)
        ],
    }
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    warnings = []
    files = [_write(directory / STRUCTURE_FILE, structure)]
    for version in index.get_translations(inclusive=True).filter(alias_of__isnull=True):
        version = version.specific.get_latest_revision_as_object()
        code = version.locale.language_code
        text = {
            "language": code,
            "index": {name: getattr(version, name) for name in text_fields(type(version))},
            "organizations": {},
        }
        for key, page in zip(keys, organizations, strict=True):
            translation = page.get_translation_or_none(version.locale)
            if translation is None or translation.alias_of_id:
                continue
            translation = translation.specific.get_latest_revision_as_object()
            text["organizations"][key] = _organization_text(translation, warnings)
        files.append(_write(directory / f"{code}.json", text))
    return files, warnings


def _organization_text(page, warnings):
    # A field the schema does not require (``logo_alt``) is written only where it has a value.
    required = load_schema("language")["$defs"]["organization_text"]["required"]
    text = {
        name: getattr(page, name)
        for name in text_fields(type(page))
        if name in required or getattr(page, name)
    }
    body = body_data(page.body)
    text["body"] = [block for block in body if block["type"] in PORTABLE_BLOCKS]
    if len(text["body"]) < len(body):
        warnings.append(
            _(
                "%(language)s “%(title)s”: image blocks are not exported; content files "
                "carry text only. Add images in the admin after installing."
            )
            % {"language": page.locale.language_code, "title": page.title}
        )
    return text


def _keys(organizations):
    """Each organization's content key, derived from the slug where it has none."""
    taken = {page.content_key for page in organizations if page.content_key}
    keys = []
    for page in organizations:
        key = page.content_key
        if not key:
            base = re.sub(r"[-_]+", "-", slugify(page.slug)).strip("-")[:60]
            if not CONTENT_KEY.match(base):
                base = f"organization-{page.pk}"
            key, number = base, 2
            while key in taken:
                key, number = f"{base}-{number}", number + 1
            taken.add(key)
        keys.append(key)
    return keys


def _write(path, data):
    path.write_text(dumps(data), encoding="utf-8")
    return path
