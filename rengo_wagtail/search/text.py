"""Japanese text as character n-grams, and a visitor's query as terms.

Wagtail's database search backends find words between spaces; Japanese puts
none between its words. ``ngrams`` writes Japanese (Han, hiragana, katakana)
runs as every character and every pair of neighbouring characters, for page
types' search fields; ``query_terms`` splits a query the same way. See the
package's ``search_pages``.
"""

import re
import unicodedata

from django.utils.translation import ngettext
from wagtail.search import index

# The longest query searched, and the most terms in it. Each term is one more
# condition for the search backend, and SQLite's FTS5 fails ("parser stack
# overflow") at about a hundred; a name with its legal form fits well within both.
MAX_QUERY_CHARACTERS = 100
MAX_QUERY_TERMS = 16

# Scripts written without spaces between words: the ideographic iteration and
# closing marks (々〆〇), hiragana, katakana with the prolonged sound mark (ー),
# and the CJK ideographs (with extensions and compatibility ideographs).
# Punctuation such as 、。・ is not in it, so it ends a run.
_CJK = (
    "\u3005-\u3007\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
)
CJK_RUN = re.compile(f"[{_CJK}]+")
# A query's terms: runs of those scripts, and words of anything else (letters,
# digits; not the underscore, which the backends also treat as a separator).
_TERM = re.compile(f"[{_CJK}]+|[^\\W_{_CJK}]+")


def _normalize(text):
    # NFKC makes full-width Latin letters (which a Japanese input method types)
    # and half-width katakana (ﾛｳｷﾝ) the characters the content uses.
    return unicodedata.normalize("NFKC", text).casefold()


def pairs(run):
    """The pairs of neighbouring characters of a run: ``"労働金庫"`` → 労働, 働金, 金庫."""
    return [run[i : i + 2] for i in range(len(run) - 1)]


def ngrams(text):
    """The n-gram index text of ``text``: each character and each pair of its Japanese runs.

    ``ngrams("労働金庫")`` is ``"労 働 金 庫 労働 働金 金庫"``; other text gives nothing.
    """
    tokens = []
    for run in CJK_RUN.findall(_normalize(text or "")):
        tokens.extend(run)
        tokens.extend(pairs(run))
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


class QueryTooLong(ValueError):
    """A query beyond ``MAX_QUERY_CHARACTERS`` or ``MAX_QUERY_TERMS``; ``str()`` tells the
    visitor what to do, in the active language."""


def check_query(query):
    """Raise ``QueryTooLong`` where ``query`` is too long to search; else return its terms."""
    query = query or ""
    if len(query) > MAX_QUERY_CHARACTERS:
        raise QueryTooLong(
            ngettext(
                "Your search is too long: use at most %(limit)d character.",
                "Your search is too long: use at most %(limit)d characters.",
                MAX_QUERY_CHARACTERS,
            )
            % {"limit": MAX_QUERY_CHARACTERS}
        )
    terms = _TERM.findall(_normalize(query))
    if len(terms) > MAX_QUERY_TERMS:
        raise QueryTooLong(
            ngettext(
                "Your search has too many words: use at most %(limit)d word.",
                "Your search has too many words: use at most %(limit)d words.",
                MAX_QUERY_TERMS,
            )
            % {"limit": MAX_QUERY_TERMS}
        )
    return terms


def query_terms(query):
    """The terms of a visitor's query: its Japanese runs and its other words, normalised.

    At most ``MAX_QUERY_TERMS`` of its first ``MAX_QUERY_CHARACTERS`` characters:
    ``check_query`` says whether a query is searched whole.
    """
    return _TERM.findall(_normalize((query or "")[:MAX_QUERY_CHARACTERS]))[:MAX_QUERY_TERMS]
