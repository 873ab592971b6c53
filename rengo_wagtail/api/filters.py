"""The listing's language, tree and search filters.

``?locale=ja`` keeps Japanese pages. ``?locale=ja&fallback=true`` keeps, for each
page, its Japanese version where that is live and public, else its
source-language version; the tree filters (``child_of``, ``descendant_of``,
``ancestor_of``) then take in the named page's translations, so that
``child_of=<Japanese index>`` also finds the English organizations that have no
Japanese page yet. ``?search=`` searches as ``rengo_wagtail.search`` does.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2 import filters as wagtail_filters
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Page

from .. import search
from .parameters import parse_id

# Parameter → the PageQuerySet method giving the Q of pages in that relation.
TREE_FILTERS = {
    "child_of": "child_of_q",
    "descendant_of": "descendant_of_q",
    "ancestor_of": "ancestor_of_q",
}
ROOT_ALLOWED = {"child_of", "descendant_of"}


class FieldsFilter(wagtail_filters.FieldsFilter):
    """Wagtail's filters on fields (``?slug=``, ``?category=``), with a 400 for a value the
    field cannot hold (``?first_published_at=abc``) where Wagtail's gives a 500."""

    def filter_queryset(self, request, queryset, view):
        try:
            return super().filter_queryset(request, queryset, view)
        except ValidationError as error:
            raise BadRequestError(
                _("A field filter has a value its field cannot hold: %(error)s")
                % {"error": " ".join(error.messages)}
            ) from None


class TreeFilter(BaseFilterBackend):
    """``child_of``, ``descendant_of`` and ``ancestor_of``; in fallback mode across translations."""

    def filter_queryset(self, request, queryset, view):
        if "child_of" in request.GET and "descendant_of" in request.GET:
            raise BadRequestError(_("Use child_of or descendant_of, not both."))
        for parameter, method in TREE_FILTERS.items():
            if parameter not in request.GET:
                continue
            page = self.named_page(request, view, parameter)
            if view.fallback_locale is not None:
                pages = view.get_base_queryset().filter(translation_key=page.translation_key)
            else:
                pages = [page]
            condition = Q(pk__in=[])
            for version in pages:
                condition |= getattr(queryset, method)(version)
            queryset = queryset.filter(condition)
        return queryset

    def named_page(self, request, view, parameter):
        value = request.GET[parameter]
        if value == "root" and parameter in ROOT_ALLOWED:
            return view.get_root_page()
        page_id = parse_id(value, parameter)
        try:
            return view.get_base_queryset().get(pk=page_id)
        except Page.DoesNotExist:
            raise BadRequestError(
                _("%(parameter)s names page %(id)s, which is not published here.")
                % {"parameter": parameter, "id": page_id}
            ) from None


class LocaleFilter(BaseFilterBackend):
    """``locale`` (validated by the view), with ``fallback`` to the source language."""

    def filter_queryset(self, request, queryset, view):
        locale = view.requested_locale
        if locale is None:
            return queryset
        if view.fallback_locale is None:
            return queryset.filter(locale=locale)
        source = view.source_locale
        translated = view.get_base_queryset().filter(locale=locale).values("translation_key")
        queryset = queryset.filter(
            Q(locale=locale) | (Q(locale=source) & ~Q(translation_key__in=translated))
        )
        if "order" in request.GET or "search" in request.GET:
            return queryset
        # Pages of two language trees: keep the order of the source language's tree.
        source_path = Page.objects.filter(
            translation_key=OuterRef("translation_key"), locale=source
        ).values("path")[:1]
        return queryset.annotate(rengo_order=Coalesce(Subquery(source_path), F("path"))).order_by(
            "rengo_order", "path"
        )


class SearchFilter(BaseFilterBackend):
    """``search`` (and ``search_operator``): Japanese by partial words, in one language.

    The language is ``locale``, else the visitor's (``Accept-Language``, or the
    Site's language where each language has a domain). With ``fallback=true``
    the search covers the pages the listing would show. Results come best
    first, unless ``order`` is given.
    """

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        if not getattr(settings, "WAGTAILAPI_SEARCH_ENABLED", True):
            raise BadRequestError(_("Search is turned off on this site."))
        operator = request.GET.get("search_operator", "and")
        if operator not in ("and", "or"):
            raise BadRequestError(
                _("search_operator must be “and” or “or”, not “%(value)s”.") % {"value": operator}
            )
        if view.fallback_locale is not None:
            language = None  # LocaleFilter chose the pages of each language.
        elif view.requested_locale is not None:
            language = view.requested_locale.language_code
        else:
            language = get_language()
        try:
            results = search.search_pages(
                request.GET["search"], language, queryset, operator=operator
            )
        except search.QueryTooLong as error:
            raise BadRequestError(str(error)) from None
        if "order" in request.GET:
            results = results.order_by(*queryset.query.order_by)
        return results
