"""Settings of the HTTP benchmark: the example site's, plus Wagtail's stock views to compare with.

``benchmarks.http_urls`` adds Wagtail's stock pages API and sitemap beside
ours. The environment chooses the rest, as in production: ``DATABASE_URL``,
``DJANGO_DEBUG=0``, ``DJANGO_SECRET_KEY``; ``BENCH_PAGE_CACHE=1`` turns on our
page cache, ``BENCH_REDIS_URL`` makes the cache a shared Redis, and
``BENCH_VARNISH_URL`` makes publishing purge that Varnish.
"""

import os

from example_site.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.http_urls"

if os.environ.get("BENCH_REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["BENCH_REDIS_URL"],
        }
    }

if os.environ.get("BENCH_VARNISH_URL"):
    INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]  # noqa: F405
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["BENCH_VARNISH_URL"],
        }
    }

# ``BENCH_PAGE_CACHE=1``: our pages from rengo-wagtail's page cache (the
# default cache: Redis with ``BENCH_REDIS_URL``, else each process's own,
# which serves a read-only benchmark as well).
if os.environ.get("BENCH_PAGE_CACHE"):
    RENGO_WAGTAIL_PAGE_CACHE = "default"
    MIDDLEWARE = [*MIDDLEWARE, "rengo_wagtail.middleware.PageCacheMiddleware"]  # noqa: F405
