"""``RengoPagesAPIViewSet``: Wagtail's pages endpoint, multilingual, strict and bulk-loaded.

What it adds to Wagtail's ``PagesAPIViewSet``:

- our page types' declared ``api_fields`` with localized labels
  (``serializers.api_fields``), and every page's ``meta.translations``;
- ``locale`` checked against the content languages, and ``fallback=true``;
- ``search`` that finds Japanese by partial words, in the requested language;
- ``find/?html_path=`` in both URL layouts (``/ja/...`` prefixes, or a domain per
  language);
- only live pages outside every view restriction, whoever asks;
- errors as JSON (400, 404), never a redirect;
- listings whose query count does not depend on their length (``loading``).
"""

import json
import math

from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.urls import path, re_path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rest_framework.exceptions import Throttled
from rest_framework.response import Response
from wagtail.api.v2.filters import OrderingFilter, TranslationOfFilter
from wagtail.api.v2.utils import (
    BadRequestError,
    get_object_detail_url,
    parse_boolean,
    parse_fields_parameter,
)
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.coreutils import get_content_languages
from wagtail.models import Locale, Page, Site

from .. import i18n
from ..delivery import http_cache
from ..models import OrganizationIndexPage, OrganizationPage
from . import filters, loading, openapi, parameters, preview, rich_text, serializers
from .pagination import RengoPagination

NO_LANGUAGE_URLCONF = "rengo_wagtail.api.no_language_urls"


class RengoPagesAPIViewSet(PagesAPIViewSet):
    # Everyone gets the same pages (get_base_queryset): reading no session keeps
    # responses free of ``Vary: Cookie``, so one cached copy serves every visitor.
    authentication_classes = []
    base_serializer_class = serializers.RengoPageSerializer
    pagination_class = RengoPagination
    filter_backends = [
        filters.FieldsFilter,
        filters.TreeFilter,
        OrderingFilter,
        TranslationOfFilter,
        filters.LocaleFilter,
        filters.SearchFilter,  # last: it ranks what the others kept
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(
        ["fallback", "rich_text_format"]
    )
    meta_fields = [*PagesAPIViewSet.meta_fields, "translations", "fallback"]
    listing_default_fields = [*PagesAPIViewSet.listing_default_fields, "translations", "fallback"]
    detail_only_fields = [
        *PagesAPIViewSet.detail_only_fields,
        *OrganizationIndexPage.api_detail_only_fields,
        *OrganizationPage.api_detail_only_fields,
    ]

    # Set by initial() from the query string.
    requested_locale = None
    fallback_locale = None
    source_locale = None
    rich_text_format = rich_text.RESOLVED
    content_languages = ()  # the response's, set by the listing and detail views
    batch = loading.Batch()

    @classmethod
    def get_urlpatterns(cls):
        return [
            *super().get_urlpatterns(),
            path("openapi.json", cls.as_view({"get": "openapi_view"}), name="openapi"),
            path("preview/", cls.as_view({"get": "preview_view"}), name="preview"),
            path("<int:pk>/preview/", preview.open_front_end, name="open_preview"),
            # Anything else under the endpoint is a JSON 404, not the host's HTML one.
            re_path(r"^.+$", cls.as_view({"get": "not_found_view"}), name="not_found"),
        ]

    @classmethod
    def get_body_fields(cls, model):
        # The model's declared api_fields, with our serializers where they need one.
        return cls._convert_api_fields([*cls.body_fields, *serializers.api_fields(model)])

    # --- Parameters --------------------------------------------------------------------

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        parameters.reject_null_characters(request.GET)
        self.rich_text_format = rich_text.requested_format(request)
        code = request.GET.get("locale")
        fallback = request.GET.get("fallback")
        if code is not None:
            self.requested_locale = self.content_locales(code)[code]
        if fallback is not None:
            try:
                fallback = parse_boolean(fallback)
            except ValueError:
                raise BadRequestError(
                    _("fallback must be true or false, not “%(value)s”.") % {"value": fallback}
                ) from None
            if fallback and self.requested_locale is None:
                raise BadRequestError(_("fallback=true needs a locale, such as locale=ja."))
            if fallback:
                self.fallback_locale = self.requested_locale
                self.source_locale = self.content_locales(code).get(i18n.source_language_code())

    def content_locales(self, code):
        """The content languages' ``Locale``s by code, read once; a 400 unless ``code`` is one."""
        if not hasattr(self, "_content_locales"):
            self._content_locales = {
                locale.language_code: locale
                for locale in Locale.objects.filter(language_code__in=get_content_languages())
            }
        if code not in self._content_locales:
            raise BadRequestError(
                _("Unknown locale “%(code)s”: use one of %(codes)s.")
                % {"code": code, "codes": ", ".join(i18n.content_language_codes())}
            )
        return self._content_locales

    # --- What is visible -----------------------------------------------------------------

    def get_base_queryset(self):
        """Live pages of the requested Site's tree and its translations, outside every
        view restriction.

        Wagtail's own leaves out only the restrictions this request does not pass:
        a signed-in member would get the members' pages. Ours leaves out any page
        under a view restriction, whoever asks.
        """
        if not hasattr(self, "_base_queryset"):
            site = self.requested_site()
            pages = Page.objects.live().public()
            if site is None:
                queryset = pages.none()
            else:
                roots = site.root_page.get_translations(inclusive=True)
                condition = Q(pk__in=[])
                for root in roots.only("path", "depth"):
                    condition |= pages.descendant_of_q(root, inclusive=True)
                queryset = pages.filter(condition)
            self._base_queryset = queryset
        return self._base_queryset

    def requested_site(self):
        """The Site named by ``?site=hostname[:port]``, else the request's own Site."""
        name = self.request.GET.get("site")
        if not name:
            return Site.find_for_request(self.request)
        hostname, port = parameters.parse_site(name)
        sites = list(Site.objects.filter(hostname=hostname, **({"port": port} if port else {}))[:2])
        if not sites:
            raise Http404(_("No Site has the hostname “%(site)s”.") % {"site": name})
        if len(sites) > 1:
            raise BadRequestError(
                _("Several Sites have the hostname “%(site)s”: add the port, as in %(example)s.")
                % {"site": name, "example": f"{hostname}:{sites[0].port}"}
            )
        return sites[0]

    # --- Views ---------------------------------------------------------------------------

    def listing_view(self, request):
        queryset = self.get_queryset().select_related("locale")
        self.check_query_parameters(queryset)
        queryset = self.filter_queryset(queryset)
        page = self.paginate_queryset(queryset)
        listing_serializer = self.get_serializer_class()  # checks ?fields= for the listing
        self.batch = loading.prepare(self, page, listing=True)
        if self.requested_locale is not None:
            self.content_languages = [self.requested_locale.language_code]
        else:
            self.content_languages = [item.locale.language_code for item in self.batch.pages]
        # One serializer per page type, reused for every page of that type.
        context = self.get_serializer_context()
        fields_config = self.fields_config
        serializers = {}
        data = []
        for item in self.batch.pages:
            serializer_class = self.listing_serializer_for(item, listing_serializer, fields_config)
            if serializer_class not in serializers:
                serializers[serializer_class] = serializer_class(context=context)
            data.append(serializers[serializer_class].to_representation(item))
        return self.get_paginated_response(data)

    def listing_serializer_for(self, page, default, fields_config):
        """``fields=*`` in a mixed listing gives each page its own type's fields."""
        if fields_config[:1] and fields_config[0][0] == "*":
            key = type(page)
            if key not in self._listing_serializers:
                self._listing_serializers[key] = self._get_serializer_class(
                    self.request.wagtailapi_router, key, fields_config, show_details=False
                )
            return self._listing_serializers[key]
        return default

    @property
    def fields_config(self):
        try:
            return parse_fields_parameter(self.request.GET.get("fields", ""))
        except ValueError as error:
            raise BadRequestError(_("fields error: %(error)s") % {"error": error}) from error

    def detail_view(self, request, pk):
        self.batch = loading.prepare(self, [self.get_object()], listing=False)
        self.content_languages = [self.get_object().locale.language_code]
        return super().detail_view(request, pk)

    def get_object(self):
        if not hasattr(self, "_cached_object"):
            try:
                self._cached_object = super().get_object()
            except Http404:
                raise Http404(_("No page with this id is published here.")) from None
        return self._cached_object

    def find_view(self, request):
        """``find/``: a redirect (302) to the detail URL of the page at ``html_path`` or with
        ``id``, keeping the other parameters; for a page that stands in for a missing
        translation, with ``locale`` and ``fallback=true`` added, so that the detail says so.
        A path that ``wagtail.contrib.redirects`` redirects answers 200 with the redirect."""
        queryset = self.get_queryset()
        page, stand_in_language = None, None
        if "html_path" in request.GET:
            html_path = request.GET["html_path"]
            page, stand_in_language = loading.find_by_path(self, queryset, html_path)
            if page is None:
                moved = loading.find_redirect(self, html_path)
                if moved is not None:
                    return Response({"redirect": moved})
        elif "id" in request.GET:
            page_id = parameters.parse_id(request.GET["id"], "id")
            page = queryset.filter(pk=page_id).first()
        if page is None:
            raise Http404(_("No page with this id or path is published here."))
        query = request.GET.copy()
        for name in self.find_query_parameters:
            query.pop(name, None)
        if stand_in_language:
            query["locale"], query["fallback"] = stand_in_language, "true"
        url = get_object_detail_url(request.wagtailapi_router, request, Page, page.pk)
        location = f"{url}?{query.urlencode()}"
        # A redirect as every answer of the API is: JSON, naming where it leads.
        return HttpResponseRedirect(
            location, content=json.dumps({"location": location}), content_type="application/json"
        )

    def preview_view(self, request):
        """``preview/?token=…``: the draft a preview token names (``preview``), as the detail
        view writes a page; ``private, no-store``."""
        if preview.PREVIEW_PARAMETER not in request.GET:
            raise BadRequestError(_("preview/ needs a token from the admin's preview."))
        draft = preview.draft_for_token(request.GET[preview.PREVIEW_PARAMETER])
        self.batch = loading.prepare(self, [draft], listing=False)
        self.content_languages = [draft.locale.language_code]
        serializer_class = self._get_serializer_class(
            request.wagtailapi_router, type(draft), self.fields_config, show_details=True
        )
        return Response(serializer_class(draft, context=self.get_serializer_context()).data)

    def openapi_view(self, request):
        """This endpoint's OpenAPI 3.1 document (``openapi``), for typed clients and tests."""
        listing = request.build_absolute_uri(self.reverse_endpoint("listing"))
        return Response(openapi.document(type(self), listing.rstrip("/")))

    def reverse_endpoint(self, name):
        """The path of this endpoint's URL ``name`` (``listing``, ``detail``…) in its router."""
        namespace = self.request.resolver_match.namespace
        return reverse(f"{namespace}:{name}" if namespace else name)

    def not_found_view(self, request):
        raise Http404(_("No such API address."))

    def handle_exception(self, exc):
        if isinstance(exc, Http404) and str(exc) in ("", "not found"):
            exc = Http404(_("No page with this id or path is published here."))
        response = super().handle_exception(exc)
        if isinstance(exc, Throttled):
            # DRF's throttling (REST_FRAMEWORK's DEFAULT_THROTTLE_CLASSES), in our error shape.
            response.data = {
                "message": ngettext(
                    "Too many requests: try again in %(seconds)d second.",
                    "Too many requests: try again in %(seconds)d seconds.",
                    math.ceil(exc.wait or 1),
                )
                % {"seconds": math.ceil(exc.wait or 1)}
            }
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        # See no_language_urls: keep LocaleMiddleware from turning errors into redirects.
        request._request.urlconf = NO_LANGUAGE_URLCONF
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200 and self.content_languages:
            # The pages' languages, where LocaleMiddleware would name the visitor's.
            order = i18n.content_language_codes()
            codes = sorted(
                set(self.content_languages),
                key=lambda code: (order.index(code) if code in order else len(order), code),
            )
            response["Content-Language"] = ", ".join(codes)
        if self.action == "preview_view":
            # A draft: for the editor's front end only, kept by no cache.
            response["Cache-Control"] = "private, no-store"
            return response
        return http_cache.patch_api_response(
            request._request, response, purged=self.purged(request)
        )

    def purged(self, request):
        """Whether publishing purges this URL (``delivery.purge.purge_urls``): a detail without
        parameters, or a listing with ``locale`` alone."""
        if self.action == "detail_view":
            return not request.GET
        if self.action == "listing_view":
            return list(request.GET.lists()) == [("locale", [request.GET.get("locale")])]
        return False

    def initialize_request(self, request, *args, **kwargs):
        self._listing_serializers = {}
        return super().initialize_request(request, *args, **kwargs)
