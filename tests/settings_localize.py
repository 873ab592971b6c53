"""Test settings with wagtail-localize in charge of translation (the ``localize`` extra).

The same host site as ``tests.settings``, with wagtail-localize's apps in place
of Wagtail's built-in translation apps, as wagtail-localize's installation
guide asks.
"""

from tests.settings import *  # noqa: F403

_REPLACED = {
    "wagtail.contrib.simple_translation": "wagtail_localize",
    "wagtail.locales": "wagtail_localize.locales",
}
INSTALLED_APPS = [_REPLACED.get(app, app) for app in INSTALLED_APPS]  # noqa: F405
