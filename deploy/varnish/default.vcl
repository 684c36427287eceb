# Varnish in front of the site's gunicorn: /etc/varnish/default.vcl
#
# Caches what anonymous readers get (GET and HEAD), for as long as the app's
# Cache-Control says (s-maxage, else max-age; responses without one:
# default_ttl, 2 minutes), and forgets a page the moment an editor publishes: the site sends
# PURGE for every URL a change affects (wagtail.contrib.frontend_cache, see
# site/core/frontend_cache.py). Editors and anything with a session or a CSRF
# token pass straight through. When gunicorn is down, readers get the last
# copy for up to a day (grace) instead of an error.
#
# Run by varnishd -a 127.0.0.1:6081 -f /etc/varnish/default.vcl -s malloc,256m
# (the Debian unit's defaults; nginx proxies to 127.0.0.1:6081).

vcl 4.1;

import std;

backend gunicorn {
    .host = "127.0.0.1";
    .port = "8001";
    .connect_timeout = 2s;
    .first_byte_timeout = 35s;  # gunicorn's timeout is 30 s
    .between_bytes_timeout = 10s;
    .probe = {
        # /healthz answers 200 while the database answers. HTTP/1.1 needs a
        # Host the site allows; X-Forwarded-Proto keeps it from redirecting.
        .request = "GET /healthz HTTP/1.1"
                   "Host: itpark.example"
                   "X-Forwarded-Proto: https"
                   "Connection: close";
        .interval = 5s;
        .timeout = 2s;
        .window = 5;
        .threshold = 3;
    }
}

# Who may purge: the app servers (loopback here; add their addresses).
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # One PURGE forgets every stored variant of the path, whatever its
        # query (/ru/map/embed/?building=..., /api/map/buildings.geojson?lang=en,
        # /ru/news/?page=2): a ban on the path each object was stored under.
        ban("obj.http.x-path == " + regsub(req.url, "\?.*$", ""));
        return (synth(200, "Purged"));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }

    # The admin, documents (their collections may be private) and health
    # check are never cached.
    if (req.url ~ "^/(admin|documents)/" || req.url ~ "^/healthz") {
        return (pass);
    }

    # Editors and readers with a form's CSRF token: straight to the app.
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken|messages)=") {
        return (pass);
    }
    # Any other cookie (analytics and the like) means nothing to the site:
    # dropped, so that every reader shares one copy.
    unset req.http.Cookie;

    # While the app is healthy a stale copy is served for at most 10 s while
    # a fresh one is fetched; when it is down, for as long as grace allows.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }
    return (hash);
}

sub vcl_hash {
    # One site: absolute URLs in pages come from the configured base URL,
    # never from the request's Host (core.urls), so the Host is not part of
    # the key. The scheme is (the app redirects plain HTTP to HTTPS).
    hash_data(req.url);
    hash_data(req.http.X-Forwarded-Proto);
    return (lookup);
}

sub vcl_backend_response {
    # Remembered for the purge's ban (see vcl_recv); removed before delivery.
    set beresp.http.x-path = regsub(bereq.url, "\?.*$", "");

    # Errors are never stored; one from a refresh in the background keeps
    # the stale copy instead.
    if (beresp.status >= 500) {
        if (bereq.is_bgfetch) {
            return (abandon);
        }
        set beresp.uncacheable = true;
        set beresp.ttl = 10s;
        return (deliver);
    }
    # Text is stored compressed once and sent compressed to every reader
    # that accepts gzip (Varnish unzips for the rest).
    if (beresp.http.Content-Type ~ "^(text/|application/(json|geo\+json|javascript|xml|rss\+xml|vnd\.google-earth\.kml\+xml)|image/svg\+xml)") {
        set beresp.do_gzip = true;
    }
    # Varnish has read s-maxage, else max-age; without either, a cacheable
    # status (200, 301, 404...) is kept for default_ttl (2 minutes; purged on
    # publish anyway).
    set beresp.grace = 24h;
    # Falls through to Varnish's built-in logic, which stores nothing that
    # sets a cookie, says private/no-cache/no-store, or varies on "*".
}

sub vcl_deliver {
    unset resp.http.x-path;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
