"""Which language is the source, how a page finds its translations, and where URLs name it.

Every feature that asks "is this the original or a translation?", "where is
this page in language X?" or "does the path carry the language?" goes through
here, so they all follow one rule.
"""

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.urls import get_urlconf
from django.utils.translation import get_supported_language_variant
from wagtail.coreutils import get_content_languages, get_supported_content_language_variant
from wagtail.models import Page

from .conf import get_setting


def source_language_code():
    """The content language whose pages are the originals.

    ``RENGO_WAGTAIL_SOURCE_LANGUAGE``, or the site's ``LANGUAGE_CODE``, mapped
    onto the closest language in ``WAGTAIL_CONTENT_LANGUAGES``.
    """
    code = get_setting("SOURCE_LANGUAGE") or settings.LANGUAGE_CODE
    return get_supported_content_language_variant(code)


def content_language_codes():
    """The codes of ``WAGTAIL_CONTENT_LANGUAGES``, source language first."""
    source = source_language_code()
    return [source, *(code for code in get_content_languages() if code != source)]


def translation_languages():
    """The content languages other than the source, in settings order."""
    return content_language_codes()[1:]


def is_source(page):
    return page.locale.language_code == source_language_code()


def source_of(page):
    """The source-language page ``page`` translates (specific), or None."""
    source = (
        Page.objects.filter(
            translation_key=page.translation_key,
            locale__language_code=source_language_code(),
            alias_of__isnull=True,
        )
        .exclude(pk=page.pk)
        .first()
    )
    return source.specific if source else None


def language_prefixes(request=None):
    """Whether the URLconf in use puts the language in paths: ``(prefixed, default_prefixed)``.

    ``prefixed``: the page routes are inside ``i18n_patterns``;
    ``default_prefixed``: the default language has its prefix too. The
    URLconf is the request's own (``request.urlconf``), else the one Django
    set for this thread, else ``ROOT_URLCONF``. Every question of ours about
    language prefixes (placing URLs, the Site's language, the API's
    ``find/``) is answered here.
    """
    urlconf = getattr(request, "urlconf", None) or get_urlconf() or settings.ROOT_URLCONF
    return is_language_prefix_patterns_used(urlconf)


def ui_language_for(content_language_code):
    """The Django UI language used to render content of the given language."""
    try:
        return get_supported_language_variant(content_language_code)
    except LookupError:
        return settings.LANGUAGE_CODE


def live_versions_for(pages):
    """Live, public versions of many pages: ``{translation_key: {language_code: version}}``.

    The same number of queries however many pages.
    """
    found = {page.translation_key: {} for page in pages}
    versions = (
        Page.objects.live()
        .public()
        .filter(translation_key__in=found.keys())
        .select_related("locale")
    )
    for version in versions:
        found[version.translation_key][version.locale.language_code] = version
    return found


def nearest_live_versions(page):
    """For each content language, the live version of ``page`` or of its nearest ancestor.

    Returns ``{language_code: page_or_None}``: where ``page`` has no live,
    public version in a language, the deepest ancestor that has one stands in
    for it (typically the translated index or home page). Two queries.
    """
    lineage = [*page.get_ancestors().filter(depth__gt=1), page]
    keys = {ancestor.translation_key: ancestor.depth for ancestor in lineage}
    candidates = (
        Page.objects.live()
        .public()
        .filter(translation_key__in=keys.keys())
        .select_related("locale")
    )
    best = {}
    for candidate in candidates:
        code = candidate.locale.language_code
        depth = keys[candidate.translation_key]
        if code not in best or depth > keys[best[code].translation_key]:
            best[code] = candidate
    return {code: best.get(code) for code in content_language_codes()}
