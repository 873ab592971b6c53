"""The page editor's "Preview on front end": the host's front end, opened with a preview token.

Shown where the host has registered ``RengoPagesAPIViewSet`` (under
``RENGO_WAGTAIL_API_NAMESPACE``) and names a front end in
``WAGTAIL_HEADLESS_PREVIEW["CLIENT_URLS"]``; the link goes to the API's
``<id>/preview/``, which checks the editor's permission, signs the token and
redirects (``rengo_wagtail.api.preview``). This module does not import the API,
so sites without Django REST framework never load it.
"""

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.action_menu import ActionMenuItem

from ..conf import get_setting


class PreviewOnFrontEndMenuItem(ActionMenuItem):
    label = _("Preview on front end")
    name = "action-rengo-preview-front-end"
    icon_name = "view"

    def is_shown(self, context):
        if context["view"] != "edit" or self.get_url(context) is None:
            return False
        if not getattr(settings, "WAGTAIL_HEADLESS_PREVIEW", {}).get("CLIENT_URLS"):
            return False
        return self.get_user_page_permissions_tester(context).can_edit()

    def get_url(self, parent_context):
        try:
            return reverse(
                f"{get_setting('API_NAMESPACE')}:open_preview", args=[parent_context["page"].pk]
            )
        except NoReverseMatch:
            return None
