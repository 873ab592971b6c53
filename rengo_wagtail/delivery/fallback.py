"""What a visitor gets for an organization that has no live version in their language.

``RENGO_WAGTAIL_FALLBACK`` decides, for an organization under an index page that
is live in the visitor's language, where the organization itself is not (no
translation at all, or a translation that is only a draft). Its URL there is
the translated index's URL and the source page's slug
(``/ja/…/related-organizations/jcrp/``):

- ``"source"`` (default): that URL shows the source-language page under a
  notice, in the visitor's language, that it is not translated yet. The
  content is marked with the source's ``lang``; the breadcrumb is the
  translated index's; ``<link rel="canonical">`` and the structured data name
  the source page, which is the only copy search engines should index.
- ``"redirect"``: that URL redirects (302) to the source-language page.
- ``"404"``: that URL is not found.

The translated index lists such organizations by the same rule (``"source"``
and ``"redirect"``: listed in their own language, linking to the stand-in URL
or to the source page; ``"404"``: not listed), and so does the language
switcher (``switcher.language_links``). Stand-in URLs are not pages: the sitemap
and the ``hreflang`` alternates leave them out.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.models import Page, PageViewRestriction
from wagtail.url_routing import RouteResult

from .. import i18n, links
from ..conf import get_setting

SOURCE = "source"
REDIRECT = "redirect"
NOT_FOUND = "404"
MODES = (SOURCE, REDIRECT, NOT_FOUND)

# The keyword argument that carries a ``StandIn`` from the index's route() to
# the organization's serve() and get_context().
STAND_IN = "rengo_stand_in"


def mode():
    """``RENGO_WAGTAIL_FALLBACK``: one of ``MODES``."""
    return get_setting("FALLBACK")


@dataclass(frozen=True)
class StandIn:
    """A source-language organization served at its URL under a translated index."""

    page: Page  # the source-language OrganizationPage
    index: Page  # the OrganizationIndexPage of the requested language
    language_code: str  # the requested language
    restrictions: tuple = ()  # the index's view restrictions (its own and its ancestors')


@dataclass(frozen=True)
class Card:
    """One organization in an index's listing: where it links, and whether it stands in."""

    page: Page
    url: str
    stand_in: bool


def route(index, path_components):
    """The ``RouteResult`` of an organization that ``index`` does not serve, or ``None``.

    Called by ``OrganizationIndexPage.route`` when Wagtail found no live child
    at the one remaining path component: that slug names a live, public
    source-language organization of the index's source, which has no live
    version in the index's language. ``None`` where the fallback is ``"404"``.
    """
    if mode() == NOT_FOUND or len(path_components) != 1 or not index.live:
        return None
    source_index = _source_index(index)
    if source_index is None:
        return None
    page = _source_organizations(source_index).filter(slug=path_components[0]).first()
    if page is None or _live_in(index.locale_id, [page.translation_key]):
        return None
    restrictions = tuple(index.get_view_restrictions())
    stand_in = StandIn(page, index, index.locale.language_code, restrictions)
    return RouteResult(page, kwargs={STAND_IN: stand_in})


def is_restricted(stand_in):
    """Whether ``stand_in`` (or ``None``) is shown under a view restriction of its index."""
    return stand_in is not None and bool(stand_in.restrictions)


def restriction_response(stand_in, request):
    """What Wagtail answers for the translated index to a request that does not pass one
    of its view restrictions (its password form, or the way to the login page); else ``None``.

    A stand-in is served as the source page, which Wagtail's own check does not
    restrict: the index it is shown under does.
    """
    index = stand_in.index
    for restriction in stand_in.restrictions:
        if restriction.accept_request(request):
            continue
        if restriction.restriction_type == PageViewRestriction.PASSWORD:
            form = PasswordViewRestrictionForm(
                instance=restriction, initial={"return_url": request.get_full_path()}
            )
            action_url = reverse(
                "wagtailcore_authenticate_with_password", args=[restriction.pk, index.pk]
            )
            response = index.serve_password_required_response(request, form, action_url)
        else:
            # Where Wagtail sends a visitor who must sign in to see a page.
            login_url = getattr(settings, "WAGTAIL_FRONTEND_LOGIN_URL", None)
            response = redirect_to_login(
                request.get_full_path(), login_url or reverse("wagtailcore_login")
            )
        add_never_cache_headers(response)
        return response
    return None


def redirect_response(stand_in, request):
    """In ``"redirect"`` mode, the redirect (302) to the source page; else ``None``."""
    if mode() != REDIRECT:
        return None
    return redirect(links.page_url(stand_in.page, request, absolute=None))


def cards(index, organizations, request=None):
    """The index's listing: ``organizations`` and the source's organizations it lacks.

    ``organizations`` are the index's own live organizations, in order. Unless
    the fallback is ``"404"``, each live, public organization of the source
    index with no live version in the index's language is added as a stand-in,
    after the organization that precedes it in the source's order. Returns
    ``Card``\\ s; the same number of queries however many organizations.
    """
    own_urls = links.page_urls(organizations, request, absolute=None)
    listing = [Card(page, own_urls[page.pk], False) for page in organizations]
    source_index = None if mode() == NOT_FOUND else _source_index(index)
    if source_index is None:
        return listing
    sources = list(_source_organizations(source_index).select_related("locale", "logo"))
    translated = _live_in(index.locale_id, [page.translation_key for page in sources])
    missing = [page for page in sources if page.translation_key not in translated]
    if not missing:
        return listing
    if mode() == REDIRECT:
        urls = links.page_urls(missing, request, absolute=None)
    else:
        urls = {
            page.pk: links.child_url(index, page.slug, request, absolute=None) for page in missing
        }
    order = {page.translation_key: position for position, page in enumerate(sources)}
    for page in missing:
        # After the last card whose organization comes before this one at the source.
        position = order[page.translation_key]
        after = [
            number
            for number, card in enumerate(listing)
            if order.get(card.page.translation_key, len(order)) < position
        ]
        listing.insert(after[-1] + 1 if after else 0, Card(page, urls[page.pk], True))
    return listing


def switcher_url(page, nearest, source_version, request=None):
    """Where the switcher sends a visitor of ``nearest``'s language from ``page``, or ``None``.

    ``page`` is an organization with no live version in that language and
    ``nearest`` is the nearest ancestor that has one. In ``"source"`` mode, where ``nearest`` is
    the translation of ``page``'s index and ``source_version`` is ``page``'s
    live source-language version, that is the stand-in URL; otherwise ``None``
    (the switcher links to ``nearest``).
    """
    if mode() != SOURCE or source_version is None or nearest.depth != page.depth - 1:
        return None
    return links.child_url(nearest, source_version.slug, request, absolute=None)


def _source_index(index):
    """The live source-language version of ``index`` (of its page type); ``None`` where
    ``index`` is the source."""
    if index.locale.language_code == i18n.source_language_code():
        return None
    return (
        type(index)
        .objects.live()
        .filter(
            translation_key=index.translation_key, locale__language_code=i18n.source_language_code()
        )
        .first()
    )


def _source_organizations(source_index):
    # The index page type says which of its children are its organizations.
    return source_index.organizations()


def _live_in(locale_id, translation_keys):
    """The translation keys among ``translation_keys`` that have a live page in the locale."""
    return set(
        Page.objects.live()
        .filter(locale_id=locale_id, translation_key__in=translation_keys)
        .values_list("translation_key", flat=True)
    )
