"""Where a host's own front end serves each Site: wagtail-headless-preview's client URLs.

A host names its front end as wagtail-headless-preview does, whether or not
that package is installed::

    WAGTAIL_HEADLESS_PREVIEW = {
        "CLIENT_URLS": {
            "default": "https://app.example.org",
            "ja.example.org": "https://app.example.jp",  # by Site hostname
        },
    }

Then links in rich text lead to the front end (its root and the page's path
on the Site, ``/ja/...`` with language prefixes) and the admin's preview opens
it (``preview``). Without the setting, links lead to the Wagtail site.
"""

from django.conf import settings

from .. import links


def client_urls():
    """``{hostname or "default": front end root URL}``; empty where the host names none."""
    return getattr(settings, "WAGTAIL_HEADLESS_PREVIEW", {}).get("CLIENT_URLS", {})


def root_url(site):
    """The root URL of the front end that serves ``site`` (no trailing slash), or None."""
    urls = client_urls()
    url = urls.get(site.hostname, urls.get("default")) if site is not None else None
    return url.rstrip("/") if url else None


def page_url(page, request=None):
    """The front end's URL of ``page``: its root for the page's Site and the page's path there.
    None where no front end is named, or no Site serves the page."""
    if not client_urls():
        return None
    parts = links.url_parts(page, request)
    if parts is None:
        return None
    site, path = parts
    root = root_url(site)
    return root + path if root else None
