"""Template tags of rengo-wagtail: ``{% load rengo_wagtail_tags %}``.

The head links, breadcrumb and language switcher work for any Wagtail page, so
a host site can use them in its own base template too; ``rengo_highlight``
marks a search's matches in the results (``rengo_wagtail.search``).
"""

from django import template
from wagtail.models import Page

from .. import formats, links, search
from ..delivery import structured_data, switcher

register = template.Library()


def _page(context):
    page = context.get("page")
    return page if isinstance(page, Page) else None


@register.filter
def rengo_language_name(language_code):
    """The name of a language in the active language: ``"en"`` → "English", in Japanese "英語"."""
    return formats.translated_language_name(language_code)


@register.simple_tag(takes_context=True)
def rengo_page_url(context, page):
    """A path to ``page`` on the current Site, or its full URL on another domain."""
    return links.page_url(page, context.get("request"), absolute=None) or ""


@register.inclusion_tag("rengo_wagtail/includes/head.html", takes_context=True)
def rengo_head(context):
    """Canonical, ``hreflang`` alternates, Open Graph locale links and, on our pages, JSON-LD."""
    page, request = _page(context), context.get("request")
    if page is None:
        return {}
    alternates = links.alternate_links(page, request)
    own = page.locale.language_code
    data = structured_data.for_page(page, request, context.get("organizations"))
    return {
        "structured_data": structured_data.script(data) if data else "",
        "canonical": links.page_url(page, request),
        "alternates": alternates,
        "og_locale": formats.og_locale(own),
        "og_locale_alternates": [
            formats.og_locale(code) for code, _url in alternates if code not in ("x-default", own)
        ],
    }


@register.inclusion_tag("rengo_wagtail/includes/language_switcher.html", takes_context=True)
def rengo_language_switcher(context):
    """Links to this page in every content language, each named in its own language."""
    page = _page(context)
    if page is None:
        return {}
    languages = switcher.language_links(page, context.get("request"), context.get("rengo_stand_in"))
    return {"languages": languages}


@register.inclusion_tag("rengo_wagtail/includes/breadcrumb.html", takes_context=True)
def rengo_breadcrumb(context):
    """The trail from the Site's home page down to this page.

    A page shown in place of a missing translation (``fallback.StandIn``) ends
    the trail of the translated index it is shown under.
    """
    page, request = _page(context), context.get("request")
    if page is None:
        return {}
    stand_in = context.get("rengo_stand_in")
    in_tree = stand_in.index if stand_in else page  # the trail's last page in this tree
    _site, root = links.site_and_root_for(in_tree, request)
    if root is None:
        return {}
    trail = Page.objects.ancestor_of(in_tree, inclusive=True).filter(depth__gte=root.depth)
    trail = list(trail.specific(defer=True))
    if stand_in:
        trail.append(page)
    return {
        "trail": trail,
        "page": page,
        "request": request,
        # The page's own title in a trail of another language carries its language.
        "stand_in_language": page.locale.language_code if stand_in else None,
    }


@register.filter
def rengo_highlight(text, query):
    """``{{ page.title|rengo_highlight:query }}``: escaped, with the matches in ``<mark>``."""
    return search.highlight(text, query)
