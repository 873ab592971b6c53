"""The example site's search page: rengo_wagtail.search in the visitor's language."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import get_language

from rengo_wagtail.search import search_pages

RESULTS_PER_PAGE = 10


def search(request):
    """Search the pages of the visitor's language; ``?query=`` and ``?page=``."""
    query = request.GET.get("query", "").strip()
    # The language of the URL (/ja/search/) or, with a domain per language, of the Site.
    results = Paginator(search_pages(query, get_language()).specific(), RESULTS_PER_PAGE)
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
