"""Finding the page a user means: a page id, a public path or a full URL."""

from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from ..ids import parse_id
from .files import ContentError


def default_site_root():
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise ContentError(
            _("There is no default Site to install under. Give the parent page with --parent.")
        )
    return site.root_page.specific


def find_page(value, option="--parent"):
    """The page that ``value`` names: ``"42"``, ``"/en/about-rengo/"`` or a full URL.

    A path is read as the site serves it, language prefix (``/ja/…``) included.
    """
    value = value.strip()
    page = None
    page_id = parse_id(value)
    if page_id is not None:
        page = Page.objects.filter(pk=page_id).first()
    else:
        parts = urlsplit(value)
        site = _site_for(parts) if parts.scheme or parts.netloc else None
        if site is None and not parts.scheme and value.startswith("/"):
            site = Site.objects.filter(is_default_site=True).first()
        if site is not None:
            page = _page_at(site, parts.path)
    if page is None or page.is_root():
        raise ContentError(
            _(
                "No page matches %(option)s “%(value)s”. Give a page id, a path such as "
                "/en/about-rengo/, or a full URL such as http://127.0.0.1:8000/en/about-rengo/."
            )
            % {"option": option, "value": value}
        )
    return page.specific


def _site_for(parts):
    default_port = 443 if parts.scheme == "https" else 80
    sites = Site.objects.filter(hostname=parts.hostname or "")
    return sites.filter(port=parts.port or default_port).first() or sites.first()


def _page_at(site, path):
    components = [component for component in path.split("/") if component]
    root = site.root_page
    prefixes = {code.lower() for code, _name in settings.LANGUAGES}
    if components and components[0].lower() in prefixes:
        language = components.pop(0)
        try:
            locale = Locale.objects.filter(
                language_code=get_supported_content_language_variant(language)
            ).first()
        except LookupError:
            locale = None
        if locale is not None:
            root = root.get_translation_or_none(locale) or root
    url_path = root.url_path + "".join(f"{component}/" for component in components)
    return Page.objects.filter(url_path=url_path).first()
