"""The language switcher: where each content language's link goes from a page."""

from .. import formats, i18n, links
from ..models import OrganizationPage
from . import fallback


def language_links(page, request=None, stand_in=None):
    """The language switcher's entries for ``page``, one per content language.

    Each entry links to the live version of the page in that language or,
    where there is none, to what ``RENGO_WAGTAIL_FALLBACK`` offers there: the
    stand-in URL under the translated index, else the nearest live translated
    ancestor; ``exact`` tells whether it is the page's own version. A language
    with none of these has ``url`` ``None``. Where ``page`` is shown as a
    ``fallback.StandIn``, its language is the current one.
    """
    current = stand_in.language_code if stand_in else links.language_code(page, request)
    versions = i18n.nearest_live_versions(page)
    source = versions.get(i18n.source_language_code())
    source_version = source if source and source.translation_key == page.translation_key else None
    entries = []
    for code, target in versions.items():
        exact = target is not None and target.translation_key == page.translation_key
        url = links.page_url(target, request, absolute=None) if target else None
        if target is not None and not exact and isinstance(page, OrganizationPage):
            url = fallback.switcher_url(page, target, source_version, request) or url
        entries.append(
            {
                "language_code": code,
                "name": formats.language_name(code),
                "url": url,
                "current": code == current,
                "exact": exact,
            }
        )
    return entries
