"""Fetch in bulk what serializing a batch of pages needs, and find a page by its public path.

Wagtail's listing asks the database once or more per page (its locale, its
specific fields, its URL). ``prepare`` loads a whole batch with a fixed number
of queries: the pages' specific rows by type (StreamFields deferred in
listings), their locales, their live, public translations, the originals of
aliases and the logos with their renditions.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.utils import translation
from wagtail.images import get_image_model
from wagtail.models import Site

from .. import i18n
from ..models import OrganizationPage
from .serializers import LOGO_RENDITIONS

# What ``meta.translations`` and ``links`` read of each version.
TRANSLATION_FIELDS = (
    "path",
    "depth",
    "url_path",
    "translation_key",
    "content_type",
    "locale__language_code",
)


@dataclass
class Batch:
    """The pages to serialize, specific, and what their fields read."""

    pages: list = field(default_factory=list)
    # translation_key → the live, public versions in every language
    translations: dict = field(default_factory=dict)
    # page id → an alias's original, where it is visible
    alias_targets: dict = field(default_factory=dict)


def prepare(view, pages, *, listing):
    """Return a ``Batch`` of ``pages`` (any iterable of pages), loaded in bulk for ``view``."""
    pages = list(pages)
    base = view.get_base_queryset()
    pages = _specific(pages, defer_streamfields=listing)
    prefetch_related_objects(pages, "locale")
    organizations = [page for page in pages if isinstance(page, OrganizationPage)]
    if organizations:
        images = get_image_model().objects.prefetch_renditions(*LOGO_RENDITIONS.values())
        prefetch_related_objects(organizations, Prefetch("logo", queryset=images))

    translations = {}
    keys = {page.translation_key for page in pages}
    if keys:
        versions = (
            base.filter(translation_key__in=keys)
            .select_related("locale")
            .only(*TRANSLATION_FIELDS)
            .order_by("path")
        )
        for version in versions:
            translations.setdefault(version.translation_key, []).append(version)
    order = {code: position for position, code in enumerate(i18n.content_language_codes())}
    for versions in translations.values():
        versions.sort(key=lambda version: order.get(version.locale.language_code, len(order)))

    alias_ids = {page.alias_of_id for page in pages if page.alias_of_id}
    alias_targets = base.in_bulk(alias_ids) if alias_ids else {}
    return Batch(pages=pages, translations=translations, alias_targets=alias_targets)


def _specific(pages, *, defer_streamfields):
    """The specific instances of ``pages``, in their order: one query per page type.

    Pages whose type is ``Page`` itself are kept as they are.
    """
    wanted = defaultdict(list)
    for page in pages:
        model = page.specific_class
        if model is not None and model is not type(page):
            wanted[model].append(page.pk)
    loaded = {}
    for model, ids in wanted.items():
        queryset = model._default_manager.filter(pk__in=ids).select_related("locale")
        if defer_streamfields:
            queryset = queryset.defer_streamfields()
        loaded.update(queryset.in_bulk())
    return [loaded.get(page.pk, page) for page in pages]


def find_by_path(view, queryset, html_path):
    """The page published at ``html_path`` on the request's Site, in either URL layout.

    With language prefixes (``i18n_patterns``) the path's prefix names the
    language tree; without, the request's Site (one domain per language) does.
    ``None`` when no visible page is there.
    """
    request = view.request
    site = Site.find_for_request(request)
    if site is None:
        return None
    root = site.root_page
    path = html_path if html_path.startswith("/") else "/" + html_path
    if i18n.language_prefixes(request)[0]:
        language = translation.get_language_from_path(path)
        if language:
            path = path[len(language) + 1 :]
            translations = root.get_translations(inclusive=True)
            root = translations.filter(locale__language_code=language).first()
            if root is None:
                return None
    components = [component for component in path.split("/") if component]
    try:
        page, _args, _kwargs = root.specific.route(request, components)
    except Http404:
        return None
    if queryset.filter(pk=page.pk).exists():
        return page
    return None
