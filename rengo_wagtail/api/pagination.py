"""``offset`` and ``limit``, read strictly (``parameters``), and links to the next and previous
pages of a listing."""

from collections import OrderedDict

from django.conf import settings
from rest_framework.response import Response
from wagtail.api.v2.pagination import WagtailPagination

from . import parameters


class RengoPagination(WagtailPagination):
    """Wagtail's pagination, with ``offset`` and ``limit`` read by ``parameters`` (a 400 naming
    the parameter, not a database error, for ``offset=99999999999999999999``) and
    ``meta.next`` and ``meta.previous``: the listing's URL with the next or previous
    ``offset``, ``null`` at either end."""

    def paginate_queryset(self, queryset, request, view=None):
        limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20) or parameters.MAX_OFFSET
        self.offset = parameters.parse_count(
            request.GET.get("offset", "0"), "offset", parameters.MAX_OFFSET
        )
        self.limit = parameters.parse_count(
            request.GET.get("limit", str(min(20, limit_max))), "limit", limit_max
        )
        self.request = request
        self.view = view
        self.total_count = queryset.count()
        return queryset[self.offset : self.offset + self.limit]

    def get_paginated_response(self, data):
        meta = OrderedDict(
            [
                ("total_count", self.total_count),
                ("next", None),
                ("previous", None),
            ]
        )
        if self.limit and self.offset + self.limit < self.total_count:
            meta["next"] = self._url(self.offset + self.limit)
        if self.limit and self.offset > 0:
            meta["previous"] = self._url(max(0, min(self.offset, self.total_count) - self.limit))
        return Response(OrderedDict([("meta", meta), ("items", data)]))

    def _url(self, offset):
        query = self.request.GET.copy()
        if offset:
            query["offset"] = str(offset)
        else:
            query.pop("offset", None)
        path = self.request.path
        return self.request.build_absolute_uri(f"{path}?{query.urlencode()}" if query else path)
