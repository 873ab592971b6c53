"""Rich text as a front end renders it: every link resolved to an absolute URL.

Wagtail stores links as ``<a linktype="page" id="9">``; its ``expand_db_html``
writes the page's path on the CMS, and Wagtail 8's ``?rich_text_format=html``
does the same. Here a page link becomes the page's absolute URL on its own
language's domain (``links``), or the front end's, where the host names a
front end for the page's Site (``front_end``); a document link the document's
absolute URL; an embedded image (where a host's rich text allows them) its
rendition at an absolute URL. A link to a page that is not live, or to an id that names
nothing, keeps its text without a target (``<a>``), as Wagtail does.
``?rich_text_format=db_html`` gives the stored form instead; it is the same on
every supported Wagtail version.
"""

import re

from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.api.v2.utils import BadRequestError
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.rich_text import features
from wagtail.rich_text.rewriters import EmbedRewriter, LinkRewriter, MultiRuleRewriter

from .. import links
from ..ids import parse_id
from . import front_end

RESOLVED = "html"
STORED = "db_html"
FORMATS = (RESOLVED, STORED)


def requested_format(request):
    """``?rich_text_format=``: ``html`` (resolved, the default) or ``db_html`` (stored)."""
    value = request.GET.get("rich_text_format", RESOLVED)
    if value not in FORMATS:
        raise BadRequestError(
            _("rich_text_format must be “html” or “db_html”, not “%(value)s”.") % {"value": value}
        )
    return value


def _ids(attrs_list):
    """Each tag's ``id`` as an int, or None where it is not one (``id="abc"``)."""
    return [parse_id(attrs.get("id", "")) for attrs in attrs_list]


class Resolver:
    """Resolves rich text for one request; ``resolver(html)`` gives the front end's HTML."""

    def __init__(self, request):
        self.request = request
        embeds = features.get_embed_types()
        self.rewriter = MultiRuleRewriter(
            [
                LinkRewriter(bulk_rules={"page": self.page_links, "document": self.document_links}),
                EmbedRewriter(
                    bulk_rules={
                        embed_type: self.guarded(self.absolute(handler.expand_db_attributes_many))
                        for embed_type, handler in embeds.items()
                    }
                ),
            ]
        )

    def __call__(self, html):
        return self.rewriter(html or "")

    def page_links(self, attrs_list):
        ids = _ids(attrs_list)
        pages = Page.objects.live().in_bulk([pk for pk in ids if pk])
        urls = {
            pk: front_end.page_url(page, self.request) or links.page_url(page, self.request)
            for pk, page in pages.items()
        }
        return [_opening_tag(urls.get(pk)) for pk in ids]

    def document_links(self, attrs_list):
        ids = _ids(attrs_list)
        documents = get_document_model().objects.in_bulk([pk for pk in ids if pk])
        return [
            _opening_tag(self.request.build_absolute_uri(documents[pk].url))
            if pk in documents
            else "<a>"
            for pk in ids
        ]

    def absolute(self, rule):
        """``rule``, its HTML's host-relative URLs made absolute (an image's rendition)."""
        return lambda attrs_list: [absolute_urls(html, self.request) for html in rule(attrs_list)]

    @staticmethod
    def guarded(rule):
        """``rule`` for the tags whose ``id`` is a number; nothing for the others."""

        def bulk_rule(attrs_list):
            ids = _ids(attrs_list)
            valid = [attrs for attrs, pk in zip(attrs_list, ids, strict=True) if pk]
            replacements = iter(rule(valid) if valid else [])
            return [next(replacements) if pk else "" for pk in ids]

        return bulk_rule


# A ``src`` or ``href`` that is a path on this host ("/media/…"), not "//host/…".
_HOST_RELATIVE = re.compile(r'(\s(?:src|href)=")(/(?!/)[^"]*)"')


def absolute_urls(html, request):
    """``html`` with every host-relative ``src`` and ``href`` made absolute on ``request``'s
    host: what the app's templates write (an image's rendition) works on a front end too."""
    return _HOST_RELATIVE.sub(
        lambda match: f'{match[1]}{request.build_absolute_uri(match[2])}"', html or ""
    )


def _opening_tag(url):
    return f'<a href="{escape(url)}">' if url else "<a>"
