"""Search in the visitor's language, Japanese included.

- ``text``: Japanese text as character n-grams for page types' search fields,
  and a visitor's query as terms.
- ``query``: ``search_pages``, which ranks live pages in one language, and
  ``highlight``, which marks what matched.

A query is searched only up to ``MAX_QUERY_CHARACTERS`` characters and
``MAX_QUERY_TERMS`` terms; beyond, ``search_pages`` raises ``QueryTooLong``.
"""

from .query import MAX_RESULTS, highlight, search_pages
from .text import (
    MAX_QUERY_CHARACTERS,
    MAX_QUERY_TERMS,
    QueryTooLong,
    check_query,
    ngram_text,
    ngrams,
    query_terms,
)

__all__ = [
    "MAX_QUERY_CHARACTERS",
    "MAX_QUERY_TERMS",
    "MAX_RESULTS",
    "QueryTooLong",
    "check_query",
    "highlight",
    "ngram_text",
    "ngrams",
    "query_terms",
    "search_pages",
]
