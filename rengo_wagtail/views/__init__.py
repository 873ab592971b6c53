"""rengo-wagtail's admin views, one module per feature; URLs in ``rengo_wagtail.admin_urls``."""
