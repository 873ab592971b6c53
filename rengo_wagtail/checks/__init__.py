"""rengo-wagtail's system checks, registered when the app is ready (``apps``).

- ``settings``: the host settings the app needs (i18n, languages, templates, fallback).
- ``sites``: one domain per language and ``SiteLanguageMiddleware``.
- ``api``: the headless API's cross-origin set-up (django-cors-headers).
"""

from . import api, settings, sites

__all__ = ["api", "settings", "sites"]
