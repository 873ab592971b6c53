"""rengo-wagtail's settings, each read here with its default.

Every setting is a Django setting named ``RENGO_WAGTAIL_<NAME>``; the README's
settings reference documents them.
"""

from django.conf import settings

DEFAULTS = {
    # Template that our page templates extend: the host site's base template.
    "BASE_TEMPLATE": "base.html",
    # Language whose pages are the originals; None means LANGUAGE_CODE.
    "SOURCE_LANGUAGE": None,
    # Whether our pages print the language switcher in their content; False
    # where the host's base template prints {% rengo_language_switcher %} itself.
    "LANGUAGE_SWITCHER": True,
    # Seconds browsers and shared caches may keep our pages and the sitemap.
    "PAGE_MAX_AGE": 300,
    # Seconds they may keep the API URLs that publishing purges (detail, ?locale=).
    "API_MAX_AGE": 300,
    # Seconds for what publishing does not purge: other API URLs, errors, later sitemap pages.
    "SHORT_MAX_AGE": 60,
    # URL namespace of the host's RengoPagesAPIViewSet (router name:endpoint name), for purging.
    "API_NAMESPACE": "wagtailapi:pages",
    # What a visitor gets for an organization with no live version in their
    # language: "source", "redirect" or "404" (see rengo_wagtail.fallback).
    "FALLBACK": "source",
    # Seconds a front-end preview token stays valid (rengo_wagtail.api.preview).
    "PREVIEW_MAX_AGE": 600,
    # The API's image renditions, name → Wagtail filter spec, for organizations'
    # logos and for images in their body; each image also gets a srcset of them.
    "API_RENDITIONS": {
        "logo": {"small": "max-120x120", "medium": "max-240x240", "large": "max-480x480"},
        "body": {"small": "width-480", "medium": "width-960", "large": "width-1920"},
    },
}


def get_setting(name):
    """Return ``RENGO_WAGTAIL_<name>`` from the Django settings, or its default."""
    return getattr(settings, f"RENGO_WAGTAIL_{name}", DEFAULTS[name])
