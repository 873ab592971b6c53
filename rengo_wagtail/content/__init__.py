"""The bilingual Related Organizations content: content files and the pages made from them.

- ``files``: reading and checking a content directory; the canonical file form.
- ``schema``: the JSON Schemas in ``rengo_wagtail/content_schema/`` and their checks.
- ``mapping``: how content maps onto page fields, both ways.
- ``locate``: finding the page a ``--parent`` or ``--index`` option names.
- ``install``: writing pages (``rengo_load_organizations``).
- ``writing``: creating many pages at once, each as Wagtail's own calls leave it.
- ``export``: writing pages back out (``rengo_export_organizations``).
"""
