"""The baseline plus rengo_wagtail, installed as the README tells a host to install it."""

from .settings_i18n import *  # noqa: F403
from .settings_i18n import INSTALLED_APPS

INSTALLED_APPS = ["rengo_wagtail", *INSTALLED_APPS]

# Our page templates extend the host's base template; Wagtail's test app has one.
RENGO_WAGTAIL_BASE_TEMPLATE = "tests/base.html"
