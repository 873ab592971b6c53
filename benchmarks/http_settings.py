"""Settings of the HTTP benchmark: the example site's, plus Wagtail's stock views to compare with.

``benchmarks.http_urls`` adds Wagtail's stock pages API and sitemap beside
ours. The environment chooses the rest, as in production: ``DATABASE_URL``,
``DJANGO_DEBUG=0``, ``DJANGO_SECRET_KEY``; ``BENCH_REDIS_URL`` makes the cache
a shared Redis, and ``BENCH_VARNISH_URL`` makes publishing purge that Varnish.
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
