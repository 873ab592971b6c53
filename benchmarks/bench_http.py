"""Our pages, sitemap and API over HTTP, side by side with Wagtail's stock equivalents.

The example site as production runs it: PostgreSQL (a throw-away cluster this
script starts on a loopback port), rengo-wagtail's page cache on a Redis this
script starts too (``BENCH_HTTP_PAGE_CACHE=0`` leaves it off), gunicorn with 2
workers, ``DJANGO_DEBUG=0``, and ``wrk`` on loopback, at 8 and at 50
organizations in English and Japanese.
Each URL is loaded for a few seconds, every URL in turn, several rounds, so that
the machine's background load falls on all of them alike; the result is each
URL's requests per second and its ratio to its stock counterpart:

- our organization page and our index against a stock Wagtail page of the
  example site (``StandardPage``) whose body is the organization page's own
  article, in the same language, under the same base template;
- our organization page answered 304 (``If-None-Match``) against its full render
  (the page under a query string, which the page cache never keeps);
- our ``sitemap.xml`` against Wagtail's ``wagtail.contrib.sitemaps`` view;
- our API listing (``RengoPagesAPIViewSet``) against Wagtail's stock
  ``PagesAPIViewSet``, both with ``?locale=ja&fields=*``, and again with
  ``type=rengo_wagtail.OrganizationPage``, where the stock endpoint serializes
  the organizations' own fields too.

Two comparisons less at the mercy of the machine's other work stand beside
the requests per second: the CPU time gunicorn and PostgreSQL spent per
request, and the median time of each request through Django in this process
(same database), the requests taken in turn. In this process too, the SQL
queries of one request of each kind are counted (Django's
``CaptureQueriesContext``), after the cache is cleared and again once it is
warm. The targets of issue 20 are printed with PASS or FAIL (on requests per
second, as the issue sets them), and the script exits 1 when one is missed.

Run from the repository root: ``make bench``, or ``.venv/bin/python
benchmarks/bench_http.py`` (needs ``wrk``, PostgreSQL's server binaries and, as
root, the ``postgres`` user). ``BENCH_HTTP_SECONDS`` (default 2) and
``BENCH_HTTP_ROUNDS`` (default 3) set the length of each measurement;
``BENCH_HTTP_SQL=1`` prints every query of each request and where in the code
it was made.
"""

import contextlib
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from io import StringIO
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks import servers  # noqa: E402
from benchmarks.bench_load import generate_content  # noqa: E402

SIZES = (8, 50)
SECONDS = int(os.environ.get("BENCH_HTTP_SECONDS", "2"))
ROUNDS = int(os.environ.get("BENCH_HTTP_ROUNDS", "3"))
# As the deployment guide sets production up: the page cache on a shared Redis.
# BENCH_HTTP_PAGE_CACHE=0 measures every request rendered instead.
PAGE_CACHE = os.environ.get("BENCH_HTTP_PAGE_CACHE", "1") != "0"
# Requests of each kind timed in this process, in turn.
ITERATIONS = 15
# BENCH_HTTP_SQL=1: print every query of each request and the code that made it.
SHOW_SQL = os.environ.get("BENCH_HTTP_SQL") == "1"
WORKERS = 2
# Fewer responses than this in one run, and the run is made again, four times as long.
MIN_REQUESTS = 10
THREADS, CONNECTIONS = 2, 8
LANGUAGE = "ja"
STOCK_SLUG = "stock-organization"

# The requests measured, by name; requests_to_measure() gives their paths.
STOCK_PAGE = "stock page"
ORGANIZATION = "organization page"
NOT_MODIFIED = "organization page, 304"
# The same page under a query string, which the page cache never keeps: rendered each time.
RENDERED = "organization page, rendered"
INDEX = "index"
SITEMAP = "sitemap.xml"
STOCK_SITEMAP = "stock sitemap.xml"
API = "API listing"
STOCK_API = "stock API listing"
# The same with ``type=``: Wagtail's stock endpoint then serializes the organizations' fields too.
API_TYPED = "API, organizations"
STOCK_API_TYPED = "stock API, organizations"

# (ours, compared with, at least): issue 20's targets, as ratios of requests per second.
TARGETS = [
    (ORGANIZATION, STOCK_PAGE, 1.0),
    (INDEX, STOCK_PAGE, 1.0),
    (SITEMAP, STOCK_SITEMAP, 1.0),
    (SITEMAP, STOCK_PAGE, 1.0),
    (NOT_MODIFIED, RENDERED, 3.0),
    (API, STOCK_API, 3.0),
    (API_TYPED, STOCK_API_TYPED, 3.0),
]
# Most SQL queries one request may take, once the cache is warm.
QUERY_BOUNDS = {INDEX: 10, ORGANIZATION: 10, NOT_MODIFIED: 2}
# Each row's counterpart in the tables.
COUNTERPART = {
    ORGANIZATION: STOCK_PAGE,
    NOT_MODIFIED: RENDERED,
    RENDERED: STOCK_PAGE,
    INDEX: STOCK_PAGE,
    SITEMAP: STOCK_SITEMAP,
    API: STOCK_API,
    API_TYPED: STOCK_API_TYPED,
}


def environment(database_url, port):
    """The environment of this process and of gunicorn: production settings, this checkout."""
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
        "DJANGO_SETTINGS_MODULE": "benchmarks.http_settings",
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
        "DJANGO_ALLOWED_HOSTS": servers.LOOPBACK,
        "WAGTAILADMIN_BASE_URL": f"http://{servers.LOOPBACK}:{port}",
    }


def build_site(port):
    """Migrate, and build the example site's demo (its Site on ``port``)."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("setup_demo", port=str(port), stdout=StringIO())


def add_stock_page(client, organization):
    """A ``StandardPage`` in both languages whose body is ``organization``'s article."""
    from bs4 import BeautifulSoup
    from wagtail.models import Locale

    from example_site.home.models import StandardPage

    about = organization.get_parent().get_parent().specific
    source = None
    # The source language first: the other versions are its translations.
    for locale in sorted(Locale.objects.all(), key=lambda locale: locale != about.locale):
        version = organization.get_translation(locale)
        article = BeautifulSoup(client.get(version.url).content, "html.parser").find("article")
        fields = {
            "title": version.title,
            "body": "".join(str(child) for child in article.children),
        }
        if source is None:
            page = about.add_child(instance=StandardPage(slug=STOCK_SLUG, **fields))
            source = page
        else:
            page = source.copy_for_translation(locale)
            for name, value in fields.items():
                setattr(page, name, value)
        page.save_revision().publish()


def install_organizations(count, about, workdir):
    """Bring the section to ``count`` organizations in both languages (the installer)."""
    from django.core.management import call_command
    from django.db import connection

    source = generate_content(workdir / f"content-{count}", count)
    call_command(
        "rengo_load_organizations", source=str(source), parent=str(about.pk), stdout=StringIO()
    )
    # The planner's statistics, as autovacuum would have them in production.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def requests_to_measure(client):
    """``{name: (path, headers)}`` of every request measured, in the order run."""
    from django.apps import apps
    from wagtail.models import Locale

    from example_site.home.models import StandardPage

    locale = Locale.objects.get(language_code=LANGUAGE)
    index = apps.get_model("rengo_wagtail", "OrganizationIndexPage").objects.get(locale=locale)
    organizations = apps.get_model("rengo_wagtail", "OrganizationPage").objects
    organization = organizations.filter(locale=locale).order_by("path").first()
    stock = StandardPage.objects.get(locale=locale, slug=STOCK_SLUG)
    etag = client.get(organization.url)["ETag"]
    api_query = f"?locale={LANGUAGE}&fields=*"
    typed_query = f"?type=rengo_wagtail.OrganizationPage&locale={LANGUAGE}&fields=*"
    return {
        STOCK_PAGE: (stock.url, {}),
        ORGANIZATION: (organization.url, {}),
        NOT_MODIFIED: (organization.url, {"If-None-Match": etag}),
        RENDERED: (organization.url + "?rendered", {}),
        INDEX: (index.url, {}),
        SITEMAP: ("/sitemap.xml", {}),
        STOCK_SITEMAP: ("/stock/sitemap.xml", {}),
        API: ("/api/v2/pages/" + api_query, {}),
        STOCK_API: ("/stock/api/v2/pages/" + api_query, {}),
        API_TYPED: ("/api/v2/pages/" + typed_query, {}),
        STOCK_API_TYPED: ("/stock/api/v2/pages/" + typed_query, {}),
    }


def count_queries(client, requests):
    """``{name: (queries with the cache cleared, queries once warm)}`` for every request."""
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for name, (path, headers) in requests.items():
        meta = request_meta(headers)
        for cache in caches.all():
            cache.clear()
        with CaptureQueriesContext(connection) as cold:
            client.get(path, **meta)
        origins = QueryOrigins()
        with CaptureQueriesContext(connection) as warm, connection.execute_wrapper(origins):
            response = client.get(path, **meta)
        expected = 304 if headers.get("If-None-Match") else 200
        if response.status_code != expected:
            raise RuntimeError(f"{path}: {response.status_code}, expected {expected}")
        counts[name] = (len(cold), len(warm))
        if SHOW_SQL:
            origins.print(f"{name} ({path}), cache warm")
    return counts


def request_meta(headers):
    """``headers`` as the test client takes them (``If-None-Match`` as ``HTTP_IF_NONE_MATCH``)."""
    return {"HTTP_" + key.upper().replace("-", "_"): value for key, value in headers.items()}


def time_in_process(client, requests, measured):
    """Each request's time through Django in this process, the requests in turn, many times.

    Alternating request by request, the machine's other work falls on all of
    them alike: the steadiest of the three comparisons on a busy machine.
    """
    for _iteration in range(ITERATIONS):
        for name, (path, headers) in requests.items():
            meta = request_meta(headers)
            start = time.perf_counter()
            client.get(path, **meta)
            measured[name].times.append(time.perf_counter() - start)


class QueryOrigins:
    """A database execute wrapper that notes where each query comes from.

    The origin is the innermost frame in rengo-wagtail, or else in the example
    site, else in Wagtail, else anywhere: the code that asked for the query.
    """

    PLACES = ("/rengo_wagtail/", "/example_site/", "/wagtail/", "")

    def __init__(self):
        self.queries = []

    def __call__(self, execute, sql, params, many, context):
        stack = traceback.extract_stack()[:-1]
        for place in self.PLACES:
            frames = [frame for frame in stack if place in frame.filename]
            if frames:
                frame = frames[-1]
                break
        where = f"{frame.filename.split('/site-packages/')[-1].replace(str(REPO) + '/', '')}"
        self.queries.append((f"{where}:{frame.lineno} {frame.name}", sql))
        return execute(sql, params, many, context)

    def print(self, title):
        print(f"\n{title}: {len(self.queries)} queries")
        for origin, sql in self.queries:
            print(f"  {origin:<60} {sql[:90]}")


def throughput(app, database, requests):
    """``{name: Measurement}``: every URL in turn under ``wrk``, ``ROUNDS`` times.

    Besides requests per second, the CPU time gunicorn and PostgreSQL spent
    per request: the machine's other work slows every URL's rate, but leaves
    what one request costs nearly as it is.
    """
    for path, headers in requests.values():
        for _warm_up in range(2 * WORKERS):
            servers.fetch(app.url + path, headers)
    results = {name: Measurement() for name in requests}
    for _round in range(ROUNDS):
        for name, (path, headers) in requests.items():
            # Too few requests to count on a busy machine: once more, for longer.
            for seconds in (SECONDS, 4 * SECONDS):
                cpu = app.cpu_seconds() + database.cpu_seconds()
                rate, count = servers.wrk(app.url + path, seconds, CONNECTIONS, THREADS, headers)
                cpu = app.cpu_seconds() + database.cpu_seconds() - cpu
                if count >= MIN_REQUESTS:
                    break
            if not count:
                raise RuntimeError(f"{path}: no response in {seconds} s")
            results[name].rates.append(rate)
            results[name].cpu_per_request.append(cpu / count)
    return results


class Measurement:
    """One URL's requests per second and CPU seconds per request (a value per
    round), and its times in this process (a value per request)."""

    def __init__(self):
        self.rates = []
        self.cpu_per_request = []
        self.times = []

    @property
    def rate(self):
        return statistics.median(self.rates)

    @property
    def cpu(self):
        return statistics.median(self.cpu_per_request)

    @property
    def time(self):
        return statistics.median(self.times)

    def ratio(self, other):
        """Ours / ``other`` in requests per second, and the same from CPU per request and time."""
        return self.rate / other.rate, other.cpu / self.cpu, other.time / self.time


def print_table(titles, rows):
    """A Markdown table, its columns as wide as their cells; numbers to the right."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(titles, *rows, strict=True)]

    def line(cells):
        return (
            "| "
            + " | ".join(
                f"{cell:>{width}}" if cell[:1].isdigit() else f"{cell:<{width}}"
                for cell, width in zip(cells, widths, strict=True)
            )
            + " |"
        )

    print(line(titles))
    print("|" + "|".join("-" * (width + 2) for width in widths) + "|")
    for row in rows:
        print(line(row))


def print_size(size, requests, measured, queries):
    print(f"\n### {size} organizations in English and Japanese\n")
    rows = []
    for name, (path, _headers) in requests.items():
        result = measured[name]
        counterpart = COUNTERPART.get(name)
        ratios = result.ratio(measured[counterpart]) if counterpart else ()
        rows.append(
            [
                name,
                path,
                f"{result.rate:.1f}",
                "-".join(f"{rate:.0f}" for rate in (min(result.rates), max(result.rates))),
                f"{1000 * result.cpu:.1f}",
                f"{1000 * result.time:.1f}",
                counterpart or "",
                *(f"{ratio:.2f}" for ratio in ratios),
                *([""] * (3 - len(ratios))),
                "{} / {}".format(*queries[name]),
            ]
        )
    titles = ["request", "URL", "req/s", "rounds", "CPU ms/req", "in-process ms"]
    titles += ["compared with", "ratio", "by CPU", "in-process", "queries cold/warm"]
    print_table(titles, rows)


def print_targets(results):
    """The targets with PASS or FAIL at every size; whether all were met."""
    sizes = list(results)
    print(
        "\n### Targets (issue 20): ratio of requests per second "
        "(by CPU per request / in-process time)\n"
    )
    rows = []
    met = True
    for ours, stock, minimum in TARGETS:
        cells = []
        for size in sizes:
            measured = results[size]["measured"]
            ratio, by_cpu, in_process = measured[ours].ratio(measured[stock])
            met &= ratio >= minimum
            verdict = "PASS" if ratio >= minimum else "FAIL"
            cells.append(f"{ratio:.2f} {verdict} ({by_cpu:.2f} / {in_process:.2f})")
        rows.append([f"{ours} / {stock} ≥ {minimum:g}", *cells])
    for name, bound in QUERY_BOUNDS.items():
        cells = []
        for size in sizes:
            warm = results[size]["queries"][name][1]
            met &= warm <= bound
            cells.append(f"{warm} {'PASS' if warm <= bound else 'FAIL'}")
        rows.append([f"queries of one {name} (warm) ≤ {bound}", *cells])
    print_table(["target", *(f"{size} orgs" for size in sizes)], rows)
    return met


def main():
    if shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install wrk")
        return 1
    servers.exit_on_signals()
    started = time.monotonic()
    port = servers.free_port()
    with contextlib.ExitStack() as stack:
        database = stack.enter_context(servers.postgres())
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="rengo-bench-")))
        env = environment(database.url, port)
        if PAGE_CACHE:
            redis = stack.enter_context(servers.redis())
            env.update(BENCH_PAGE_CACHE="1", BENCH_REDIS_URL=redis.url)
        os.environ.update(env)
        import django

        django.setup()
        from django.apps import apps
        from django.db import connections
        from django.test import Client

        from example_site.home.models import StandardPage

        stack.callback(connections.close_all)

        print("Setting up PostgreSQL and the example site...", flush=True)
        build_site(port)
        client = Client(HTTP_HOST=f"{servers.LOOPBACK}:{port}")
        organizations = apps.get_model("rengo_wagtail", "OrganizationPage").objects
        add_stock_page(client, organizations.order_by("path").first())
        about = StandardPage.objects.get(slug="about-rengo", locale__language_code="en")
        print(
            f"gunicorn {WORKERS} workers, PostgreSQL {servers.postgres_bin().parent.name}, "
            f"DEBUG off; wrk -t{THREADS} -c{CONNECTIONS}, {ROUNDS} rounds of {SECONDS} s per "
            "URL, URLs in turn. Ratio: requests per second of the row / of the 'to' row."
        )
        print(
            "Page cache (RENGO_WAGTAIL_PAGE_CACHE) on a shared Redis."
            if PAGE_CACHE
            else "No page cache (BENCH_HTTP_PAGE_CACHE=0): every request rendered."
        )
        results = {}
        for size in SIZES:
            install_organizations(size, about, workdir)
            requests = requests_to_measure(client)
            queries = count_queries(client, requests)
            with servers.gunicorn(port, env, WORKERS) as app:
                measured = throughput(app, database, requests)
            time_in_process(client, requests, measured)
            results[size] = {"measured": measured, "queries": queries}
            print_size(size, requests, measured, queries)
        met = print_targets(results)
    print(f"\n{time.monotonic() - started:.0f} s in all.")
    return 0 if met else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except subprocess.CalledProcessError as error:
        sys.exit(f"{error.cmd[0]} failed: {error}")
