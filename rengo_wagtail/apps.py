from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RengoWagtailConfig(AppConfig):
    name = "rengo_wagtail"
    label = "rengo_wagtail"
    verbose_name = _("RENGO related organizations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, once the models are loaded: both need them.
        from . import checks  # noqa: F401  (registering the system checks is importing them)
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
