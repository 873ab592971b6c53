"""The example site's own page types: a home page and a plain content page.

Both index their Japanese text as n-grams too, as any host page type can, so
that the search page finds them by partial words (rengo_wagtail.search).
"""

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from rengo_wagtail import search


class NgramSearchMixin:
    search_fields = [
        *Page.search_fields,
        index.SearchField("body"),
        index.SearchField("title_ngrams", boost=5),
        index.SearchField("body_ngrams"),
    ]

    def title_ngrams(self):
        return search.ngram_text(self, "title")

    def body_ngrams(self):
        return search.ngram_text(self, "body")


class HomePage(NgramSearchMixin, Page):
    body = RichTextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    max_count_per_parent = 1


class StandardPage(NgramSearchMixin, Page):
    body = RichTextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
