from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RengoWagtailConfig(AppConfig):
    name = "rengo_wagtail"
    label = "rengo_wagtail"
    verbose_name = _("RENGO related organizations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from . import (
            caching,
            checks,  # noqa: F401  (registers the system checks)
            translation_sync,  # noqa: F401  (keeps shared facts in step on publish)
        )

        # Connected after translation_sync's receiver, which runs first: a
        # source page's purge then follows the sync of its translations.
        page_published.connect(caching.purge_page, dispatch_uid="rengo_wagtail_purge")
        page_unpublished.connect(caching.purge_page, dispatch_uid="rengo_wagtail_purge")
