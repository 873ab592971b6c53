from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RengoWagtailConfig(AppConfig):
    name = "rengo_wagtail"
    label = "rengo_wagtail"
    verbose_name = _("RENGO related organizations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import (
            checks,  # noqa: F401  (registers the system checks)
            translation_sync,  # noqa: F401  (keeps shared facts in step on publish)
        )
