"""``offset`` and ``limit``, read strictly (``parameters``)."""

from django.conf import settings
from wagtail.api.v2.pagination import WagtailPagination

from . import parameters


class RengoPagination(WagtailPagination):
    """Wagtail's pagination, with ``offset`` and ``limit`` read by ``parameters``: a 400 naming
    the parameter, not a database error, for ``offset=99999999999999999999``."""

    def paginate_queryset(self, queryset, request, view=None):
        limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20) or parameters.MAX_OFFSET
        offset = parameters.parse_count(
            request.GET.get("offset", "0"), "offset", parameters.MAX_OFFSET
        )
        limit = parameters.parse_count(
            request.GET.get("limit", str(min(20, limit_max))), "limit", limit_max
        )
        self.view = view
        self.total_count = queryset.count()
        return queryset[offset : offset + limit]
