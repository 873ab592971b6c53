"""An empty URLconf that the API hands to middleware reading ``request.urlconf``.

``LocaleMiddleware`` answers a 404 outside ``i18n_patterns`` by redirecting to
the same path under the language prefix wherever that path would match, and
Wagtail's catch-all page route matches every path: an API error would become a
redirect to an HTML page. The API's responses name this URLconf, where no path
carries a language, so middleware leaves them as they are.
"""

urlpatterns = []
