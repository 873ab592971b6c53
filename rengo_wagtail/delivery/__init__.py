"""What visitors get: missing translations, the language switcher, HTTP caching and
purging, structured data and the sitemap.

- ``fallback``: an organization with no live version in the visitor's language.
- ``switcher``: the language switcher's links.
- ``http_cache``: cache headers and ETags of pages, the sitemap and the API.
- ``purge``: what a publish makes stale, in every language, for the front-end cache.
- ``structured_data``: schema.org JSON-LD of our pages.
- ``sitemaps``: the sitemap of every language, with ``hreflang`` alternates.
"""
