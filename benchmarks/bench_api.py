"""The headless API against Wagtail's stock pages endpoint: time and SQL queries.

For 8, 100 and 500 organizations in English and Japanese, on a throw-away
SQLite database: the median time and the queries of our listing
(``fields=*&limit=100``) and detail, and of Wagtail's stock ``PagesAPIViewSet``
listing with its default fields at the same limit. Run with ``make bench`` (from
the repository root) or ``python benchmarks/bench_api.py``.
"""

import os
import statistics
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
SIZES = (8, 100, 500)
RUNS = 7
LIMIT = 100

# URLconf of this benchmark: ours at /api/v2/, Wagtail's stock endpoint at /stock/v2/.
urlpatterns = []


def setup_django(database):
    sys.path.insert(0, str(REPO_DIR))
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    import django
    from django.conf import settings

    django.setup()
    settings.ROOT_URLCONF = __name__
    settings.WAGTAILAPI_LIMIT_MAX = LIMIT
    settings.ALLOWED_HOSTS = ["*"]

    from django.conf.urls.i18n import i18n_patterns
    from django.urls import include, path
    from wagtail import urls as wagtail_urls
    from wagtail.api.v2.router import WagtailAPIRouter
    from wagtail.api.v2.views import PagesAPIViewSet

    from rengo_wagtail.api import RengoPagesAPIViewSet

    ours = WagtailAPIRouter("rengoapi")
    ours.register_endpoint("pages", RengoPagesAPIViewSet)
    stock = WagtailAPIRouter("stockapi")
    stock.register_endpoint("pages", PagesAPIViewSet)
    urlpatterns[:] = [
        path("api/v2/", ours.urls),
        path("stock/v2/", stock.urls),
        *i18n_patterns(path("", include(wagtail_urls))),
    ]


def add_organizations(count):
    """``count`` more live organizations, each in English and Japanese."""
    from wagtail.models import Locale

    from rengo_wagtail.models import OrganizationIndexPage, OrganizationPage

    ja = Locale.objects.get(language_code="ja")
    index = OrganizationIndexPage.objects.get(locale__language_code="en")
    start = OrganizationPage.objects.filter(locale__language_code="en").count()
    for number in range(start, start + count):
        page = index.add_child(
            instance=OrganizationPage(
                title=f"Organization {number}",
                slug=f"organization-{number}",
                category="welfare",
                legal_form="general_association",
                founded_year=1990,
                founded_month=4,
                summary="An organization.",
                body=[("heading", "About"), ("paragraph", "<p>Text.</p>")],
            )
        )
        translation = page.copy_for_translation(ja, copy_parents=True)
        translation.title = f"団体 {number}"
        translation.live = True
        translation.save()


def measure(client, path, params):
    """Median seconds and the queries of one request, after one warm-up."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(path, params)
    assert response.status_code == 200, (path, response.status_code, response.content[:300])
    times = []
    for _run in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            client.get(path, params)
            times.append(time.perf_counter() - start)
    return statistics.median(times), len(queries)


def main():
    with tempfile.TemporaryDirectory() as directory:
        setup_django(Path(directory) / "bench.sqlite3")
        from django.core.management import call_command
        from django.test import Client

        from rengo_wagtail.models import OrganizationPage

        call_command("migrate", verbosity=0)
        call_command("rengo_load_organizations", stdout=StringIO())
        client = Client()
        print(f"Median of {RUNS} requests each; listings at limit={LIMIT}; SQLite.\n")
        header = (
            f"{'orgs':>5} | {'ours list':>14} | {'ours detail':>14} | {'stock list':>14} "
            f"| {'queries ours/stock':>18} | {'time ours/stock':>15}"
        )
        print(header)
        print("-" * len(header))
        for size in SIZES:
            have = OrganizationPage.objects.filter(locale__language_code="en").count()
            add_organizations(size - have)
            detail = (
                OrganizationPage.objects.filter(locale__language_code="ja").order_by("path").last()
            )
            ours = measure(client, "/api/v2/pages/", {"fields": "*", "limit": LIMIT})
            ours_detail = measure(client, f"/api/v2/pages/{detail.pk}/", {})
            stock = measure(client, "/stock/v2/pages/", {"limit": LIMIT})
            print(
                f"{size:>5} | {ours[0] * 1000:7.1f} ms {ours[1]:3d}q "
                f"| {ours_detail[0] * 1000:7.1f} ms {ours_detail[1]:3d}q "
                f"| {stock[0] * 1000:7.1f} ms {stock[1]:3d}q "
                f"| {ours[1] / stock[1]:18.2f} | {ours[0] / stock[0]:15.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
