"""Fetch in bulk what serializing a batch of pages needs, and find a page by its public path.

Wagtail's listing asks the database once or more per page (its locale, its
specific fields, its URL). ``prepare`` loads a whole batch with a fixed number
of queries: the pages' specific rows by type (StreamFields deferred in
listings), their locales, their live, public translations, the originals of
aliases and the logos with their renditions.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import OuterRef, Prefetch, Subquery, prefetch_related_objects
from django.http import Http404
from django.utils import translation
from wagtail.api.v2.utils import get_object_detail_url
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from .. import i18n, links
from ..delivery import fallback
from ..models import OrganizationIndexPage, OrganizationPage
from . import images

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
    # page id → where the HTML site shows a source page that stands in for a missing translation
    stand_in_urls: dict = field(default_factory=dict)


def prepare(view, pages, *, listing):
    """Return a ``Batch`` of ``pages`` (any iterable of pages), loaded in bulk for ``view``."""
    pages = list(pages)
    base = view.get_base_queryset()
    pages = _specific(pages, defer_streamfields=listing)
    prefetch_related_objects(pages, "locale")
    organizations = [page for page in pages if isinstance(page, OrganizationPage)]
    if organizations:
        logos = get_image_model().objects.prefetch_renditions(*images.renditions("logo").values())
        prefetch_related_objects(organizations, Prefetch("logo", queryset=logos))

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
    return Batch(
        pages=pages,
        translations=translations,
        alias_targets=alias_targets,
        stand_in_urls=_stand_in_urls(view, pages),
    )


def _stand_in_urls(view, pages):
    """``{page id: URL}`` of the organizations that stand in for a missing translation in a
    ``fallback=true`` response, at the address the HTML site shows them: under the translated
    index (``delivery.fallback``, ``"source"`` mode). One query, only in that case."""
    locale = view.fallback_locale
    if locale is None or fallback.mode() != fallback.SOURCE:
        return {}
    stand_ins = [
        page for page in pages if isinstance(page, OrganizationPage) and page.locale_id != locale.pk
    ]
    if not stand_ins:
        return {}
    parent_paths = {page.path[: -page.steplen] for page in stand_ins}
    # Each translated index, with the path of its version that is a stand-in's parent.
    parents = Page.objects.filter(path__in=parent_paths)
    indexes = OrganizationIndexPage.objects.filter(
        pk__in=view.get_base_queryset().filter(
            locale=locale, translation_key__in=parents.values("translation_key")
        )
    ).annotate(
        rengo_source_path=Subquery(
            parents.filter(translation_key=OuterRef("translation_key")).values("path")[:1]
        )
    )
    by_parent_path = {index.rengo_source_path: index for index in indexes}
    urls = {}
    for page in stand_ins:
        index = by_parent_path.get(page.path[: -page.steplen])
        if index is not None:
            urls[page.pk] = links.child_url(index, page.slug, view.request)
    return urls


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
    """``(page, language)``: the page published at ``html_path`` on the request's Site, in
    either URL layout, and the language of the path where the page stands in for a missing
    translation there (``delivery.fallback``), else None.

    With language prefixes (``i18n_patterns``) the path's prefix names the
    language tree; without, the request's Site (one domain per language) does.
    ``(None, None)`` when no visible page is there.
    """
    request = view.request
    site = Site.find_for_request(request)
    if site is None:
        return None, None
    root = site.root_page
    path = html_path if html_path.startswith("/") else "/" + html_path
    if i18n.language_prefixes(request)[0]:
        language = translation.get_language_from_path(path)
        if language:
            path = path[len(language) + 1 :]
            translations = root.get_translations(inclusive=True)
            root = translations.filter(locale__language_code=language).first()
            if root is None:
                return None, None
    components = [component for component in path.split("/") if component]
    try:
        page, _args, kwargs = root.specific.route(request, components)
    except Http404:
        return None, None
    if not queryset.filter(pk=page.pk).exists():
        return None, None
    stand_in = kwargs.get(fallback.STAND_IN)
    return page, stand_in.language_code if stand_in else None


def find_redirect(view, html_path):
    """The redirect that ``wagtail.contrib.redirects`` gives ``html_path`` on the request's Site,
    as JSON: ``{"status", "location", "page"}``; None without one (or without the app)."""
    if not apps.is_installed("wagtail.contrib.redirects"):
        return None
    # An optional app: imported only where it is installed.
    from wagtail.contrib.redirects.middleware import get_redirect
    from wagtail.contrib.redirects.models import Redirect

    request = view.request
    path = html_path if html_path.startswith("/") else "/" + html_path
    redirect = get_redirect(request, Redirect.normalise_path(path, decode_unicode=False))
    if redirect is None:
        return None
    target = redirect.redirect_page
    page = None
    if target is not None:
        location = links.page_url(target.specific, request)
        if location is None:
            return None
        if redirect.redirect_page_route_path:
            location = location.rstrip("/") + redirect.redirect_page_route_path
        if view.get_base_queryset().filter(pk=target.pk).exists():
            router = request.wagtailapi_router
            page = {
                "id": target.pk,
                "detail_url": get_object_detail_url(router, request, Page, target.pk),
            }
    elif redirect.redirect_link:
        location = redirect.redirect_link
    else:
        return None
    return {
        "status": 301 if redirect.is_permanent else 302,
        "location": location,
        "page": page,
    }
