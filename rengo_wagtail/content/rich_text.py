"""Rich text from content files, held to the rules of the admin's editor for its field.

Translators edit content files: their rich text is untrusted. It may hold only
what the page editor (Draftail, with the field's features) would keep: the
elements of those features, external links to web, mail and telephone
addresses, and page links to pages that exist. Anything else (a script, an
event handler, a ``javascript:`` link, an image, a link to a page id that
does not exist, tags the editor cannot open) is refused with the reason,
before anything is written.
"""

from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.utils.translation import gettext as _
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.models import Page

from ..ids import parse_id

# The elements each rich text feature of ours writes, besides paragraphs and line breaks.
FEATURE_ELEMENTS = {
    "bold": {"b"},
    "italic": {"i"},
    "link": {"a"},
    "ol": {"ol", "li"},
    "ul": {"ul", "li"},
}
ALWAYS = {"p", "br"}
LINK_SCHEMES = {"http", "https", "mailto", "tel"}


class _Checker(HTMLParser):
    def __init__(self, allowed):
        super().__init__(convert_charrefs=True)
        self.allowed = allowed
        self.problem = None
        self.page_ids = []

    def handle_starttag(self, tag, attrs):
        if self.problem:
            return
        if tag not in self.allowed:
            self.problem = _("<%(tag)s> is not allowed here; the editor keeps only %(tags)s.") % {
                "tag": tag,
                "tags": ", ".join(f"<{name}>" for name in sorted(self.allowed)),
            }
        elif tag == "a":
            self.problem = self._link_problem(dict(attrs), attrs)
        elif attrs:
            self.problem = _("<%(tag)s> takes no attributes (%(attrs)s).") % {
                "tag": tag,
                "attrs": ", ".join(name for name, _value in attrs),
            }

    def _link_problem(self, attributes, attrs):
        names = {name for name, _value in attrs}
        if attributes.get("linktype") == "page" and names == {"linktype", "id"}:
            page_id = parse_id(attributes.get("id") or "")
            if page_id is None:
                return _("a page link's id must be a page number, not “%(id)s”.") % {
                    "id": attributes.get("id")
                }
            self.page_ids.append(page_id)
            return None
        if names != {"href"}:
            return _('a link takes an href, or linktype="page" and an id; not %(attrs)s.') % {
                "attrs": ", ".join(sorted(names))
            }
        href = attributes["href"] or ""
        if urlsplit(href).scheme.lower() not in LINK_SCHEMES:
            return _("a link may go to an http, https, mailto or tel address, not “%(href)s”.") % {
                "href": href
            }
        return None


def rich_text_problem(html, features):
    """Why ``html`` breaks the editor's rules for a field with ``features``; ``None`` if it
    keeps them."""
    allowed = set(ALWAYS)
    for feature in features:
        allowed |= FEATURE_ELEMENTS.get(feature, set())
    checker = _Checker(allowed)
    checker.feed(html)
    checker.close()
    if checker.problem:
        return checker.problem
    missing = set(checker.page_ids) - set(
        Page.objects.filter(pk__in=checker.page_ids).values_list("pk", flat=True)
    )
    if missing:
        return _("a page link names page %(id)s, which does not exist.") % {"id": min(missing)}
    try:
        ContentstateConverter(features).from_database_format(html)
    except (AssertionError, ValueError, KeyError, IndexError):
        return _("the editor cannot open it: check that every tag is closed in order.")
    return None
