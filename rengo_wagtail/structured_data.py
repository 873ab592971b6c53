"""schema.org structured data of our pages, at the import path host templates use.

The functions live in ``rengo_wagtail.delivery.structured_data``; see there.
"""

from .delivery.structured_data import for_page, organization_index, organization_page, script

__all__ = ["for_page", "organization_index", "organization_page", "script"]
