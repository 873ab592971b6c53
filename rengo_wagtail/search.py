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
import unicodedata

from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail.search.backends.base import FilterError, FilterFieldError
from wagtail.search.query import And, Or, PlainText

# Scripts written without spaces between words: the ideographic iteration and
# closing marks (々〆〇), hiragana, katakana with the prolonged sound mark (ー),
# and the CJK ideographs (with extensions and compatibility ideographs).
# Punctuation such as 、。・ is not in it, so it ends a run.
_CJK = (
    "\u3005-\u3007\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
)
_CJK_RUN = re.compile(f"[{_CJK}]+")
# A query's terms: runs of those scripts, and words of anything else (letters,
# digits; not the underscore, which the backends also treat as a separator).
_TERM = re.compile(f"[{_CJK}]+|[^\\W_{_CJK}]+")

# The most matches a search ranks, best first: enough for any visitor's paging,
# and a bound on the work a one-character query does on a large site.
MAX_RESULTS = 1000


def _normalize(text):
    # NFKC makes full-width Latin letters (which a Japanese input method types)
    # and half-width katakana (ﾛｳｷﾝ) the characters the content uses.
    return unicodedata.normalize("NFKC", text).casefold()


def _pairs(run):
    return [run[i : i + 2] for i in range(len(run) - 1)]


def ngrams(text):
    """The n-gram index text of ``text``: each character and each pair of its Japanese runs.

    ``ngrams("労働金庫")`` is ``"労 働 金 庫 労働 働金 金庫"``; other text gives nothing.
    """
    tokens = []
    for run in _CJK_RUN.findall(_normalize(text or "")):
        tokens.extend(run)
        tokens.extend(_pairs(run))
    return " ".join(tokens)


def ngram_text(obj, *field_names):
    """``ngrams`` of the named fields' text, as Wagtail's search index reads them.

    Rich text without its tags, a StreamField's text blocks, plain text fields
    as they are. For a page type's search fields::

        search_fields = [*Page.search_fields, index.SearchField("body_ngrams")]

        def body_ngrams(self):
            return search.ngram_text(self, "body")
    """
    texts = []
    for name in field_names:
        value = index.SearchField(name).get_value(obj)
        texts.extend(value if isinstance(value, list) else [value])
    return ngrams(" ".join(str(text) for text in texts if text))


def query_terms(query):
    """The terms of a visitor's query: its Japanese runs and its other words, normalised."""
    return _TERM.findall(_normalize(query or ""))


def _backend_query(terms, operator):
    parts = []
    for term in terms:
        if _CJK_RUN.fullmatch(term) and len(term) > 1:
            # Every pair must be there; a repeated pair counts once.
            parts.append(PlainText(" ".join(dict.fromkeys(_pairs(term))), operator="and"))
        else:
            parts.append(PlainText(term))
    if len(parts) == 1:
        return parts[0]
    return And(parts) if operator == "and" else Or(parts)


def _name_fields(model):
    """The lookups, from ``model``, of what names a page: its title and short name."""
    from .models import OrganizationPage

    if issubclass(model, OrganizationPage):
        return ["title", "short_name"]
    if issubclass(OrganizationPage, model):
        return ["title", "organizationpage__short_name"]
    return ["title"]


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
    """
    pages = Page.objects.live().public() if queryset is None else queryset.live()
    terms = query_terms(query)
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
        if _CJK_RUN.fullmatch(term):
            patterns.update(_pairs(term))
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
