"""The example site's search page: rengo_wagtail.search in the visitor's language."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import get_language

from rengo_wagtail.search import QueryTooLong, search_pages

RESULTS_PER_PAGE = 10


def search(request):
    """Search the pages of the visitor's language; ``?query=`` and ``?page=``."""
    query = request.GET.get("query", "").strip()
    try:
        # The language of the URL (/ja/search/) or, with a domain per language, of the Site.
        found = search_pages(query, get_language()).specific()
    except QueryTooLong as error:
        # The form comes back empty, with what to do instead of results.
        return render(request, "home/search_page.html", {"search_error": str(error)}, status=400)
    results = Paginator(found, RESULTS_PER_PAGE)
    return render(
        request,
        "home/search_page.html",
        {
            "search_query": query,
            "search_results": results.get_page(request.GET.get("page")),
            # The search page without its query: what search engines should name it.
            "canonical_url": request.build_absolute_uri(request.path),
        },
    )
