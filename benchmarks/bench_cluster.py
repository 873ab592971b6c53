"""Production's shape: Varnish in front, two gunicorn servers on one PostgreSQL and a shared Redis.

The example site (8 organizations in English and Japanese) behind Varnish,
configured from the VCL the docs ship (``docs/varnish.vcl``), with
``wagtail.contrib.frontend_cache``'s HTTP backend purging it. Two gunicorn
instances share PostgreSQL and a Redis cache (Django's ``RedisCache``); an
editor's process (this one) publishes on the same database and cache.
Everything listens on 127.0.0.1 and is stopped at the end. Checked, each with
PASS or FAIL, in both URL layouts of the example site (language prefixes on
one domain; one domain per language, ``EXAMPLE_SITE_LAYOUT=domains``):

- both servers give the same ETag for the same page and API listing, before
  and after a publish, and a new one where the publish changes what they show;
- after an English organization is published, the other server serves the new
  title on its next request;
- the publish purges exactly the URLs it changes (both languages' pages, both
  indexes, and on every domain the sitemap, the API details and ``?locale=``
  listings), each fresh through Varnish at once; every other cached URL is
  still a cache hit.

Then ``wrk`` measures our Japanese organization page through Varnish against
gunicorn directly. Run from the repository root: ``make bench BENCH=cluster``
(needs ``varnishd``, ``redis-server``, ``wrk`` and PostgreSQL's server binaries).
Each layout runs in a process of its own (the layout is a setting).
"""

import contextlib
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks import servers  # noqa: E402
from benchmarks.bench_http import build_site, environment  # noqa: E402

LAYOUTS = ("prefixes", "domains")
VCL = REPO / "docs" / "varnish.vcl"
SECONDS = int(os.environ.get("BENCH_HTTP_SECONDS", "3"))
LAYOUT_TIMEOUT = 240
NEW_TITLE = "Research Institute, renamed by the benchmark"


class Checks:
    """PASS or FAIL lines, printed as they come; ``ok`` while none failed."""

    def __init__(self):
        self.ok = True

    def __call__(self, passed, text, detail=""):
        self.ok &= bool(passed)
        print(f"{'PASS' if passed else 'FAIL'}  {text}" + (f": {detail}" if detail else ""))


def domains():
    """The root URL of every Site: one, or one per language."""
    from wagtail.models import Site

    return sorted(site.root_url for site in Site.objects.all())


def api_paths(pages):
    """The API URLs a publish purges: the details of ``pages`` and the ``?locale=`` listings."""
    from wagtail.models import Locale

    listings = [f"/api/v2/pages/?locale={locale.language_code}" for locale in Locale.objects.all()]
    return [f"/api/v2/pages/{page.pk}/" for page in pages] + listings


def cached_urls(front):
    """Every URL the sitemaps list, the sitemaps, and our API's URLs, on every domain."""
    from django.apps import apps

    organizations = apps.get_model("rengo_wagtail", "OrganizationPage").objects.all()
    urls = set()
    for domain in domains():
        status, _headers, body = servers.fetch(domain + "/sitemap.xml", via=front.url)
        assert status == 200, status
        urls.update(re.findall(r"<loc>([^<]+)</loc>", body.decode()))
        urls.add(domain + "/sitemap.xml")
        urls.update(domain + path for path in api_paths(organizations))
    return sorted(urls)


def x_cache(front, url):
    status, headers, _body = servers.fetch(url, via=front.url)
    if status != 200:
        raise RuntimeError(f"{url}: {status}")
    return headers.get("X-Cache")


def shows(server, url, text):
    return text in servers.fetch(url, via=server.url)[2].decode()


def record_purges():
    """The URLs wagtail.contrib.frontend_cache's HTTP backend purges, as they go."""
    from wagtail.contrib.frontend_cache.backends import HTTPBackend

    purged = []
    purge = HTTPBackend.purge

    def recording(self, url):
        purged.append(url)
        purge(self, url)

    HTTPBackend.purge = recording
    return purged


def check_layout(layout):
    """Set up the example site in ``layout`` behind Varnish, two servers, Redis; check it."""
    print(f"\n### Layout: {layout}\n", flush=True)
    checks = Checks()
    front_port, port_a, port_b = servers.free_port(), servers.free_port(), servers.free_port()
    with contextlib.ExitStack() as stack:
        database = stack.enter_context(servers.postgres())
        redis = stack.enter_context(servers.redis())
        env = environment(database.url, front_port)
        env["EXAMPLE_SITE_LAYOUT"] = layout
        env["BENCH_REDIS_URL"] = redis.url
        env["BENCH_VARNISH_URL"] = f"http://{servers.LOOPBACK}:{front_port}"
        os.environ.update(env)
        import django

        django.setup()
        from django.apps import apps
        from django.db import connections
        from wagtail.models import Locale

        stack.callback(connections.close_all)
        # Varnish first: setting up publishes pages, and so purges.
        front = stack.enter_context(servers.varnish(VCL, port_a, port=front_port))
        # The Sites' port is Varnish's: the URLs pages link to and purge.
        build_site(front_port)
        a = stack.enter_context(servers.gunicorn(port_a, env, workers=1))
        b = stack.enter_context(servers.gunicorn(port_b, env, workers=1))
        print(f"Varnish {front.url} -> gunicorn A {a.url}; gunicorn B {b.url}; Redis {redis.url}")
        print(f"Sites: {', '.join(domains())}\n")

        OrganizationPage = apps.get_model("rengo_wagtail", "OrganizationPage")
        organization = OrganizationPage.objects.filter(locale__language_code="en").first()
        japanese = organization.get_translation(Locale.objects.get(language_code="ja"))
        english_url, japanese_url = organization.full_url, japanese.full_url
        api = domains()[0] + "/api/v2/pages/"
        # What shows the English title changes with it; the Japanese listing need not.
        changing = (english_url, api + "?locale=en")
        compared = (japanese_url, *changing, api + "?locale=ja")

        def etags(url):
            return [servers.fetch(url, via=server.url)[1].get("ETag") for server in (a, b)]

        before = {url: etags(url) for url in compared}
        for url, (etag_a, etag_b) in before.items():
            checks(etag_a and etag_a == etag_b, f"same ETag from both servers for {url}")

        urls = cached_urls(front)
        for url in urls:
            x_cache(front, url)
        hits = {url for url in urls if x_cache(front, url) == "HIT"}
        print(
            f"      {len(hits)} of {len(urls)} URLs cached by Varnish (the others send no max-age)"
        )

        purged = record_purges()
        page = organization.specific
        page.title = NEW_TITLE
        page.save_revision().publish()
        purged = set(purged)

        checks(shows(b, english_url, NEW_TITLE), "server B shows the new title on its next request")
        for url in compared:
            etag_a, etag_b = etags(url)
            if url in changing:
                changed = etag_a != before[url][0]
                checks(
                    etag_a == etag_b and changed, f"then a new ETag for {url}, the same from both"
                )
            else:
                checks(etag_a == etag_b, f"then the same ETag from both servers for {url}")

        indexes = [version.get_parent().specific for version in (organization, japanese)]
        expected = {english_url, japanese_url, *(index.full_url for index in indexes)}
        for domain in domains():
            expected.add(domain + "/sitemap.xml")
            expected.update(domain + path for path in api_paths([organization, japanese]))
        checks(
            purged == expected,
            f"publishing purges the {len(expected)} URLs it changes, and nothing else",
            ", ".join(sorted(purged ^ expected)),
        )
        stale = [url for url in sorted(purged & hits) if x_cache(front, url) != "MISS"]
        checks(
            not stale, f"each of the {len(purged & hits)} purged URLs fresh through Varnish", stale
        )
        checks(shows(front, english_url, NEW_TITLE), "Varnish serves the new title at once")
        lost = [url for url in sorted(hits - purged) if x_cache(front, url) != "HIT"]
        checks(not lost, f"the {len(hits - purged)} other cached URLs still cached", lost)

        # Through the cache against gunicorn directly (one worker, a server of two).
        address = urlsplit(japanese_url)
        path, host = address.path, {"Host": address.netloc}
        through_varnish, _count = servers.wrk(front.url + path, SECONDS, headers=host)
        direct, _count = servers.wrk(a.url + path, SECONDS, headers=host)
        print(
            f"\n{japanese_url}: {through_varnish:.0f} req/s through Varnish, {direct:.1f} req/s "
            f"from gunicorn A (1 worker) directly."
        )
    return checks.ok


def main():
    """Each layout in a process of its own; the layout is a setting."""
    servers.exit_on_signals()
    layout = os.environ.get("BENCH_CLUSTER_LAYOUT")
    if layout:
        return 0 if check_layout(layout) else 1
    started = time.monotonic()
    failed = 0
    for layout in LAYOUTS:
        failed |= servers.run_to_end(
            [sys.executable, __file__],
            env={**os.environ, "BENCH_CLUSTER_LAYOUT": layout},
            timeout=LAYOUT_TIMEOUT,
        )
    print(f"\n{time.monotonic() - started:.0f} s in all.")
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except subprocess.CalledProcessError as error:
        sys.exit(f"{error.cmd[0]} failed: {error}")
