vcl 4.1;

# Varnish in front of a Wagtail site that uses rengo-wagtail (docs/deployment.md).
#
# - Anonymous GET and HEAD requests are cached for as long as the response's
#   Cache-Control allows: rengo-wagtail's pages, sitemap and API say
#   `public, max-age=...` and carry an ETag, so Varnish also revalidates them
#   with If-None-Match and gets a 304.
# - Signed-in editors (Django's session cookie), the admin and anything that is
#   not GET or HEAD go straight to Django.
# - PURGE from the application servers (wagtail.contrib.frontend_cache's
#   HTTPBackend) drops one URL; publishing a page purges every URL it changed.
#
# Change the backend (and the purge ACL) to where your application servers
# listen. For several servers, use vmod_directors' round_robin.

backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

# Who may purge: the application servers.
acl purge {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purge) {
            return (synth(405, "Not allowed"));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/admin/" || req.url ~ "^/django-admin/") {
        return (pass);
    }
    # A signed-in user sees drafts and the user bar: never from the cache.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Other cookies (the CSRF token, analytics) do not change what an anonymous
    # visitor is shown; a response that sets one is not cached anyway.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # Keep an expired copy a little longer, to revalidate it with its ETag
    # (a 304 from Django) instead of fetching the whole page again.
    set beresp.keep = 1h;
    # Responses that say nothing about caching (page types without cache
    # headers, errors) are not kept: Varnish's default would keep them for two
    # minutes, where a purge might not reach them. Marked "hit-for-miss" for
    # two minutes, so that requests for them go to Django side by side instead
    # of waiting for each other.
    if (!beresp.http.Cache-Control && !beresp.http.Expires) {
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
    }
    return (deliver);
}

sub vcl_deliver {
    # For the curious and for the benchmark: served from the cache or not.
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
