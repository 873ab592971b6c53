"""Search in the visitor's language, Japanese included: ``search_pages``.

Wagtail's database search backends (SQLite FTS5, PostgreSQL ``tsvector``) find
words between spaces, and Japanese puts none between its words: 日本労働文化財団
is one word to them, so 労働 finds nothing. Our page types therefore index their
Japanese (Han, hiragana, katakana) text a second time as character n-grams,
every character and every pair of neighbouring characters (``ngrams``), in
search fields of their own; ``search_pages`` splits a query the same way: a
single character is looked up as itself, a longer run as its pairs, all of
which must be present. Other text (English, numbers) keeps Wagtail's own
words, stemming included.

Wagtail keeps these fields in its search index (``wagtailsearch`` tables) as it
keeps the others: on every save, publish and delete. ``manage.py
rengo_update_search_index`` rebuilds them for existing pages.
"""

import re

from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, get_page_models
from wagtail.search.backends.base import FilterError, FilterFieldError
from wagtail.search.query import And, Or, PlainText

from .text import CJK_RUN, check_query, pairs, query_terms

# The most matches a search ranks, best first: enough for any visitor's paging,
# and a bound on the work a one-character query does on a large site.
MAX_RESULTS = 1000


def _backend_query(terms, operator):
    parts = []
    for term in terms:
        if CJK_RUN.fullmatch(term) and len(term) > 1:
            # Every pair must be there; a repeated pair counts once.
            parts.append(PlainText(" ".join(dict.fromkeys(pairs(term))), operator="and"))
        else:
            parts.append(PlainText(term))
    if len(parts) == 1:
        return parts[0]
    return And(parts) if operator == "and" else Or(parts)


def _name_fields(model):
    """The lookups, from ``model``, of what names a page: ``search_name_fields``.

    A page type declares the fields that name its pages (``title`` by
    default); searching a more general model also looks in those of its
    page types that extend it directly.
    """
    lookups = list(getattr(model, "search_name_fields", ("title",)))
    for page_model in get_page_models():
        if page_model is not model and model in page_model._meta.parents:
            lookups += [
                f"{page_model._meta.model_name}__{name}"
                for name in getattr(page_model, "search_name_fields", ())
                if name not in lookups
            ]
    return lookups


def _best_matches(pages, backend_query):
    """The ids of the ``MAX_RESULTS`` pages that match best, best first."""
    # Ids only: the caller's select_related would clash with the deferred fields.
    results = pages.select_related(None).only("pk").search(backend_query, order_by_relevance=True)
    return [page.pk for page in results[:MAX_RESULTS]]


def search_pages(query, language, queryset=None, *, operator="and"):
    """Live pages in ``language`` that match ``query``, best first.

    ``query`` is what the visitor typed. Japanese matches any part of a word
    (労働 finds 労働金庫 and 日本労働文化財団); other words match as Wagtail's
    backend matches them. With ``operator="and"`` every term must match, with
    ``"or"`` any one. ``language`` is a language code (``"ja"``, or the
    active language, ``get_language()``, mapped onto the content languages),
    or ``None`` to keep the languages ``queryset`` has. ``queryset`` limits the
    pages searched (default: every live page outside view restrictions).

    Pages whose title or short name holds every term come first, then the rest;
    within each, the search backend's relevance. Returns a ``PageQuerySet``
    (at most ``MAX_RESULTS`` pages), to filter, paginate or make ``specific()``.

    Raises ``QueryTooLong`` for a query of more than ``MAX_QUERY_CHARACTERS``
    characters or ``MAX_QUERY_TERMS`` terms: its message tells the visitor.
    """
    terms = check_query(query)
    pages = Page.objects.live().public() if queryset is None else queryset.live()
    if language is not None:
        try:
            code = get_supported_content_language_variant(language)
        except LookupError:
            return pages.none()
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None:
            return pages.none()
        pages = pages.filter(locale=locale)
    if not terms:
        return pages.none()
    backend_query = _backend_query(terms, operator)
    try:
        found = _best_matches(pages.order_by(), backend_query)
    except (FilterError, FilterFieldError):
        # Wagtail's backends filter only on index.FilterFields with simple
        # lookups: search the live pages of the language, and let ``pages``
        # apply the caller's conditions.
        candidates = pages.model.objects.filter(live=True)
        if language is not None:
            candidates = candidates.filter(locale=locale)
        found = _best_matches(candidates, backend_query)
    if not found:
        return pages.none()
    names_hold_every_term = Q()
    for term in terms:
        names_hold_every_term &= Q.create(
            [(f"{field}__icontains", term) for field in _name_fields(pages.model)],
            connector=Q.OR,
        )
    return (
        pages.filter(pk__in=found)
        .annotate(
            rengo_name_match=Case(
                When(names_hold_every_term, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            rengo_search_rank=Case(
                *(When(pk=pk, then=Value(rank)) for rank, pk in enumerate(found)),
                output_field=IntegerField(),
            ),
        )
        .order_by("rengo_name_match", "rengo_search_rank")
    )


def highlight(text, query):
    """``text``, HTML-escaped, with what ``query`` matched in it marked ``<mark>…</mark>``.

    A Japanese term is marked where it occurs whole, else where its pairs of
    characters do (the parts that made the page match); other words wherever
    they occur, in any case.
    """
    text = str(text or "")
    patterns = set()
    for term in query_terms(query):
        patterns.add(term)
        if CJK_RUN.fullmatch(term):
            patterns.update(pairs(term))
    if not patterns:
        return escape(text)
    # Longest first, so that a whole term wins over its pairs.
    matcher = re.compile(
        "|".join(re.escape(pattern) for pattern in sorted(patterns, key=len, reverse=True)),
        re.IGNORECASE,
    )
    html, end = [], 0
    for match in matcher.finditer(text):
        html.append(escape(text[end : match.start()]))
        html.append(f"<mark>{escape(match.group())}</mark>")
        end = match.end()
    html.append(escape(text[end:]))
    return mark_safe("".join(html))
