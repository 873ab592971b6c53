"""Search in the visitor's language, Japanese included.

- ``text``: Japanese text as character n-grams for page types' search fields,
  and a visitor's query as terms.
- ``query``: ``search_pages``, which ranks live pages in one language, and
  ``highlight``, which marks what matched.
"""

from .query import MAX_RESULTS, highlight, search_pages
from .text import ngram_text, ngrams, query_terms

__all__ = ["MAX_RESULTS", "highlight", "ngram_text", "ngrams", "query_terms", "search_pages"]
