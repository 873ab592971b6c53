"""Production's shape: Varnish in front, two gunicorn servers on one PostgreSQL and a shared Redis.

The example site (8 organizations in English and Japanese) behind Varnish,
configured from the VCL the docs ship (``docs/varnish.vcl``), with
``wagtail.contrib.frontend_cache``'s HTTP backend purging it. Two gunicorn
instances share PostgreSQL and a Redis cache (Django's ``RedisCache``); an
editor's process (this one) publishes on the same database and cache.
Everything listens on 127.0.0.1 and is stopped at the end. Checked, each with
PASS or FAIL:

- both servers give the same ETag for the same page and API listing, before
  and after a publish;
- after an English organization is published, the other server serves the new
  title on its next request;
- the publish purges exactly the URLs it changes (both languages' pages, both
  indexes, the sitemap, the API detail and ``?locale=`` listings), each fresh
  through Varnish at once, and every other cached URL is still a cache hit.

Then ``wrk`` measures our Japanese organization page through Varnish against
gunicorn directly. Run from the repository root: ``make bench BENCH=cluster``
(needs ``varnishd``, ``redis-server``, ``wrk`` and PostgreSQL's server binaries).
"""

import contextlib
import os
import re
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks import servers  # noqa: E402
from benchmarks.bench_http import build_site, environment  # noqa: E402

VCL = REPO / "docs" / "varnish.vcl"
SECONDS = int(os.environ.get("BENCH_HTTP_SECONDS", "3"))
NEW_TITLE = "Research Institute, renamed by the benchmark"


class Checks:
    """PASS or FAIL lines, printed as they come; ``ok`` while none failed."""

    def __init__(self):
        self.ok = True

    def __call__(self, passed, text, detail=""):
        self.ok &= bool(passed)
        print(f"{'PASS' if passed else 'FAIL'}  {text}" + (f": {detail}" if detail else ""))


def cached_urls(front):
    """Every URL the sitemap lists, the sitemap and our API's detail and ``?locale=`` URLs."""
    from django.apps import apps

    status, _headers, body = servers.fetch(front.url + "/sitemap.xml")
    assert status == 200, status
    urls = set(re.findall(r"<loc>([^<]+)</loc>", body.decode()))
    urls.add(front.url + "/sitemap.xml")
    urls.update(f"{front.url}/api/v2/pages/?locale={code}" for code in ("en", "ja"))
    organizations = apps.get_model("rengo_wagtail", "OrganizationPage").objects.all()
    urls.update(f"{front.url}/api/v2/pages/{page.pk}/" for page in organizations)
    return sorted(urls)


def x_cache(url):
    status, headers, _body = servers.fetch(url)
    if status != 200:
        raise RuntimeError(f"{url}: {status}")
    return headers.get("X-Cache")


def etags(servers_, path):
    return [servers.fetch(server.url + path)[1].get("ETag") for server in servers_]


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


def publish_new_title(page):
    page = page.specific
    page.title = NEW_TITLE
    page.save_revision().publish()


def main():
    servers.exit_on_signals()
    started = time.monotonic()
    checks = Checks()
    front_port, port_a, port_b = servers.free_port(), servers.free_port(), servers.free_port()
    with contextlib.ExitStack() as stack:
        database = stack.enter_context(servers.postgres())
        redis = stack.enter_context(servers.redis())
        env = environment(database.url, front_port)
        env["BENCH_REDIS_URL"] = redis.url
        env["BENCH_VARNISH_URL"] = f"http://{servers.LOOPBACK}:{front_port}"
        os.environ.update(env)
        import django

        django.setup()
        from django.apps import apps
        from django.db import connections

        stack.callback(connections.close_all)
        print("Setting up PostgreSQL, Redis and the example site...", flush=True)
        # The Site's address is Varnish's: the URLs pages link to and purge.
        # Varnish first: setting up publishes pages, and so purges.
        front = stack.enter_context(servers.varnish(VCL, port_a, port=front_port))
        build_site(front_port)
        a = stack.enter_context(servers.gunicorn(port_a, env, workers=1))
        b = stack.enter_context(servers.gunicorn(port_b, env, workers=1))
        print(f"Varnish {front.url} -> gunicorn A {a.url}; gunicorn B {b.url}; Redis {redis.url}\n")

        OrganizationPage = apps.get_model("rengo_wagtail", "OrganizationPage")
        organization = OrganizationPage.objects.filter(locale__language_code="en").first()
        japanese = organization.get_translation(
            apps.get_model("wagtailcore", "Locale").objects.get(language_code="ja")
        )
        page_path, english = japanese.url, organization.url
        # What shows the English title changes with it; the Japanese listing does not.
        changing = (english, "/api/v2/pages/?locale=en")
        compared = (page_path, *changing, "/api/v2/pages/?locale=ja")
        before = {path: etags((a, b), path) for path in compared}
        for path, (etag_a, etag_b) in before.items():
            checks(etag_a and etag_a == etag_b, f"same ETag from both servers for {path}")

        urls = cached_urls(front)
        for url in urls:
            x_cache(url)
        hits = {url for url in urls if x_cache(url) == "HIT"}
        print(
            f"      {len(hits)} of {len(urls)} URLs cached by Varnish (the others send no max-age)"
        )

        purged = record_purges()
        publish_new_title(organization)
        purged = set(purged)
        shows_new_title = NEW_TITLE in servers.fetch(b.url + english)[2].decode()
        checks(shows_new_title, "server B shows the new title on its next request")
        for path in compared:
            etag_a, etag_b = etags((a, b), path)
            changed = etag_a != before[path][0]
            if path in changing:
                checks(
                    etag_a == etag_b and changed,
                    f"after the publish, a new ETag for {path}, the same from both",
                )
            else:
                checks(
                    etag_a == etag_b,
                    f"after the publish, the same ETag from both servers for {path}",
                )

        expected = {
            front.url + path
            for path in (
                english,
                page_path,
                organization.get_parent().specific.url,
                japanese.get_parent().specific.url,
                "/sitemap.xml",
                f"/api/v2/pages/{organization.pk}/",
                f"/api/v2/pages/{japanese.pk}/",
                "/api/v2/pages/?locale=en",
                "/api/v2/pages/?locale=ja",
            )
        }
        checks(
            purged == expected,
            f"publishing purges the {len(expected)} URLs it changes, and nothing else",
            ", ".join(sorted(purged ^ expected)),
        )
        stale = [url for url in sorted(purged & hits) if x_cache(url) != "MISS"]
        checks(
            not stale, f"each of the {len(purged & hits)} purged URLs fresh through Varnish", stale
        )
        fresh = NEW_TITLE in servers.fetch(front.url + english)[2].decode()
        checks(fresh, "Varnish serves the new title at once")
        lost = [url for url in sorted(hits - purged) if x_cache(url) != "HIT"]
        checks(not lost, f"the {len(hits - purged)} other cached URLs still cached", lost)

        # Through the cache against gunicorn directly (one worker, a server of two).
        through_varnish, _count = servers.wrk(front.url + page_path, SECONDS)
        direct, _count = servers.wrk(a.url + page_path, SECONDS)
        print(
            f"\n{page_path}: {through_varnish:.0f} req/s through Varnish, {direct:.1f} req/s "
            f"from gunicorn A (1 worker) directly: {through_varnish / direct:.0f} times"
        )
    print(f"\n{time.monotonic() - started:.0f} s in all.")
    return 0 if checks.ok else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except subprocess.CalledProcessError as error:
        sys.exit(f"{error.cmd[0]} failed: {error}")
