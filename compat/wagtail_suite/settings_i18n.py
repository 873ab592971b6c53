"""Wagtail's own test settings with internationalisation on, as a host of rengo_wagtail has it.

The baseline: what fails here fails because i18n is on, not because of our app.
"""

from wagtail.test.settings import *  # noqa: F403

WAGTAIL_I18N_ENABLED = True
