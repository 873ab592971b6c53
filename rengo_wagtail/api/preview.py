"""Draft preview on a host's own front end, per language, with short-lived signed tokens.

The flow follows wagtail-headless-preview's: the editor's "Preview on front
end" (``open_front_end``) checks that they may edit the page, signs a token
and opens the front end named in ``WAGTAIL_HEADLESS_PREVIEW["CLIENT_URLS"]``
for the page's Site with ``?content_type=app_label.model&token=…``; the front
end asks the API for ``preview/?token=…`` and gets the page's latest revision
in the JSON of the detail view. Unlike wagtail-headless-preview, nothing is
stored (the token names the page and the editor, and expires after
``RENGO_WAGTAIL_PREVIEW_MAX_AGE`` seconds), page classes need no mixin, and the
draft comes in this API's JSON, translations and resolved rich text included.

Each translation is a page of its own, so a token previews one language: a
Japanese draft, or a Japanese page never published, in Japanese. An
organization's shared facts are shown as publishing would leave them: a
translation's are its live source's (``translation.sync``).
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from wagtail.admin.auth import require_admin_access
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Page

from .. import i18n, links
from ..conf import get_setting
from ..models import OrganizationPage
from ..translation import localize, sync
from . import front_end

PREVIEW_PARAMETER = "token"
_SALT = "rengo_wagtail.api.preview"


def make_token(page, user):
    """A signed token that lets its bearer read ``page``'s latest revision for a while."""
    return signing.dumps({"page": page.pk, "user": user.pk}, salt=_SALT, compress=True)


def draft_for_token(token):
    """The draft a token names: the page's latest revision, specific, with its shared facts as
    publishing would leave them. A 400 for a token that is not ours, has expired, or whose
    editor may no longer edit the page."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=get_setting("PREVIEW_MAX_AGE"))
    except signing.SignatureExpired:
        raise BadRequestError(_("This preview token has expired: preview again.")) from None
    except signing.BadSignature:
        raise BadRequestError(_("This is not a preview token.")) from None
    page = Page.objects.filter(pk=data.get("page")).first()
    user = get_user_model().objects.filter(pk=data.get("user"), is_active=True).first()
    if page is None or user is None or not page.permissions_for_user(user).can_edit():
        raise BadRequestError(_("This preview token no longer gives access to a page."))
    # Under wagtail-localize, what its editor has translated so far, which no
    # revision holds until it is published.
    draft = localize.draft_from_strings(page) or page.specific.get_latest_revision_as_object()
    if isinstance(draft, OrganizationPage) and not i18n.is_source(draft):
        source = i18n.source_of(draft)
        if source is not None and source.live:
            # The source's live facts: the sync gives them to the translation on publishing.
            sync.apply_shared_values(draft, sync.shared_values(source))
    return draft


@require_admin_access
def open_front_end(request, pk):
    """The admin's "Preview on front end": a token for page ``pk``, and off to the front end."""
    page = get_object_or_404(Page, pk=pk)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    site, _root = links.site_and_root_for(page, request)
    root_url = front_end.root_url(site)
    if root_url is None:
        messages.error(
            request,
            _("No front end is named for this site: set WAGTAIL_HEADLESS_PREVIEW's CLIENT_URLS."),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    query = urlencode(
        {
            "content_type": page.specific_class._meta.label_lower,
            PREVIEW_PARAMETER: make_token(page, request.user),
            "locale": page.locale.language_code,
        }
    )
    response = redirect(f"{root_url}/?{query}")
    response["Cache-Control"] = "private, no-store"
    return response
