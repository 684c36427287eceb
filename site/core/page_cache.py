"""The application's public cache: anonymous readers get stored copies of public responses.

Built on Django's cache framework (Redis through `CACHE_URL` in production,
local memory in development and tests) and Wagtail's signals. Routes opt in
in the URLconfs (`public_cache(...)`), as they opt out with `never_cache`.

What is stored, and for whom:

- only anonymous `GET`/`HEAD` requests: a request with a session cookie of a
  logged-in user, a preview, or one carrying a pending message is never served
  from the cache nor stored, and its response is marked private;
- only `200` responses that set no cookie, used no CSRF token, touched no
  session and vary on nothing but `Accept-Encoding`/`Accept-Language`; for
  Wagtail pages only page types that don't declare `public_cache = False` and
  pages without view restrictions;
- the query string is part of the key, canonicalised (parameters sorted), and
  only when every parameter is one the route (or page type, with
  `cache_query_parameters`) declares and the query is at most
  `MAX_QUERY_LENGTH` characters: any other query is answered fresh and not
  kept, so arbitrary query strings cannot fill the cache. Values of declared
  parameters are kept for `PAGE_CACHE_SECONDS` at most (the backend's LRU
  bounds the rest).

Invalidation is by *generation*: every key carries the current generation
token; any change to content that pages show (pages, snippets, settings,
images, documents, tags, sites, locales, view restrictions, and every model
of the site's own apps unless it declares `affects_public_pages = False`)
replaces the token once the transaction commits, so everything is fresh at
once. A request keeps the generation it started with, so a page rendered from
data read before a commit is never filed under the generation after it.

`PAGE_CACHE_SECONDS = 0` turns the application's cache off (headers stay).
"""

import functools
import hashlib
import logging
import uuid
from pathlib import Path
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import (
    add_never_cache_headers,
    cc_delim_re,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import parse_http_date_safe
from django.utils.translation import get_language

from wagtail import signals as wagtail_signals

logger = logging.getLogger(__name__)

GENERATION_KEY = "itpark:page-cache:generation"
MAX_QUERY_LENGTH = 256
# A header saying what the application's cache did: hit, miss (stored now), or skip.
STATUS_HEADER = "X-App-Cache"
# Vary headers a stored response may carry: the key already accounts for them
# (language is in the URL or the key; no encoding is done by the app).
HARMLESS_VARY = {"accept-encoding", "accept-language"}


def cache_seconds():
    return max(int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0), 0)


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


# Generation


def current_generation():
    """The current generation token (made when there is none: after a flush or an eviction everything is new)."""
    cache = _cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def bump_generation():
    """Make every stored copy stale at once."""
    try:
        _cache().set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:
        logger.exception("Could not renew the page cache's generation: stored pages may be stale.")


def content_changed(**kwargs):
    """Signal receiver: content shown on pages changed; renew the generation once the change is committed."""
    transaction.on_commit(bump_generation, robust=True)


@functools.cache
def affects_public_pages(model):
    """Whether saving or deleting an instance of `model` can change what a public response shows."""
    from taggit.models import ItemBase, TagBase
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage, AbstractRendition
    from wagtail.models import BaseViewRestriction, Locale, Page, Site

    declared = getattr(model, "affects_public_pages", None)
    if declared is not None:
        return bool(declared)
    if issubclass(model, AbstractRendition):  # made while pages render: never content
        return False
    if issubclass(model, (Page, AbstractImage, AbstractDocument, TagBase, ItemBase, Site, Locale, BaseViewRestriction)):
        return True
    app_config = apps.get_containing_app_config(model.__module__)
    return app_config is not None and Path(app_config.path).parent == _source_root()


@functools.cache
def _source_root():
    return Path(apps.get_app_config("core").path).parent


def _model_changed(sender, **kwargs):
    if affects_public_pages(sender):
        content_changed()


def _m2m_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and (
        affects_public_pages(sender) or affects_public_pages(type(kwargs["instance"]))
    ):
        content_changed()


def connect_signals():
    """Called from core's AppConfig.ready()."""
    for signal in (
        wagtail_signals.page_published,
        wagtail_signals.page_unpublished,
        wagtail_signals.post_page_move,
        wagtail_signals.published,
        wagtail_signals.unpublished,
    ):
        signal.connect(content_changed, dispatch_uid=f"itpark_page_cache_{id(signal)}")
    post_save.connect(_model_changed, dispatch_uid="itpark_page_cache_post_save")
    post_delete.connect(_model_changed, dispatch_uid="itpark_page_cache_post_delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="itpark_page_cache_m2m")


# Requests and responses


def _canonical_query(request):
    """(sorted parameter names, canonical query) or None when the query is too long to be kept."""
    raw = request.META.get("QUERY_STRING", "")
    if len(raw) > MAX_QUERY_LENGTH:
        return None
    pairs = sorted((key, value) for key, values in request.GET.lists() for value in values)
    return {key for key, _value in pairs}, urlencode(pairs)


def _key(request, generation, query):
    language = get_language() or ""
    identity = "\n".join((request.scheme, request.get_host(), language, request.path, query))
    return f"itpark:page-cache:{generation}:{hashlib.sha256(identity.encode()).hexdigest()}"


def reader_may_share(request):
    """True for a request whose answer may come from, and go to, the public cache."""
    if request.method not in ("GET", "HEAD") or getattr(request, "is_preview", False):
        return False
    if "messages" in request.COOKIES:  # a message waiting to be shown is for this reader only
        return False
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return True  # no session: nobody is logged in (and the session is not even read)
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _belongs_to_reader(request, response):
    """Why `response` is this reader's alone (it must not reach any shared cache), or ""."""
    if response.cookies or response.has_header("Set-Cookie"):
        return "cookie"
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return "csrf"
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return "session"
    page = getattr(request, "itpark_served_page", None)
    if page is not None and getattr(page, "public_cache", True) is False:
        return "page type"
    if page is not None and page.get_view_restrictions().exists():
        return "restricted"
    return ""


def _why_not_stored(request, response, allowed):
    """Why a public `response` is not kept in the application's cache, or "" when it is."""
    if response.status_code != 200:
        return "status"
    if response.streaming:
        return "streaming"
    vary = {value.strip().lower() for value in cc_delim_re.split(response.get("Vary", "")) if value.strip()}
    if vary - HARMLESS_VARY:
        return "vary"
    page = getattr(request, "itpark_served_page", None)
    if allowed is None:  # Wagtail's page serving: the page type names its parameters
        if page is None:
            return "unknown page"
        allowed = set(getattr(page, "cache_query_parameters", ()))
    if not allowed.issuperset(request.itpark_cache_params):
        return "query"
    return ""


def _public_headers(response, max_age):
    response.itpark_public = True  # core.middleware.PublicResponseVaryMiddleware drops `Vary: Cookie`
    patch_cache_control(response, public=True, max_age=max_age)
    if cache_seconds():
        patch_cache_control(response, s_maxage=cache_seconds())
    patch_vary_headers(response, ("Accept-Encoding",))


def _private_headers(response):
    if response.has_header("Cache-Control"):
        del response["Cache-Control"]
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)


def _conditional(request, response):
    """A 304 for a stored response the reader already has (ETag / Last-Modified), else the response."""
    last_modified = parse_http_date_safe(response["Last-Modified"]) if response.has_header("Last-Modified") else None
    return get_conditional_response(request, etag=response.get("ETag"), last_modified=last_modified, response=response)


def public_cache(view=None, *, max_age=60, query=()):
    """Serve anonymous readers stored copies of `view`'s public responses.

    `max_age` is for browsers (short: a reader sees an editor's change within
    it); shared proxies get `s-maxage=PAGE_CACHE_SECONDS` (they are purged on
    publish). `query` names the query parameters the view reads; `None` means
    the view is Wagtail's page serving, where the page type names them
    (`cache_query_parameters`, none by default).
    """
    if view is None:
        return functools.partial(public_cache, max_age=max_age, query=query)
    allowed = None if query is None else set(query)

    def finish(request, response, key, seconds):
        reason = _belongs_to_reader(request, response)
        if reason:
            _private_headers(response)
            response[STATUS_HEADER] = "skip"
            return
        own_control = response.get("Cache-Control", "").lower()
        if any(word in own_control for word in ("private", "no-cache", "no-store")):
            response[STATUS_HEADER] = "skip"  # the view said so itself
            return
        if response.status_code in (200, 304):
            _public_headers(response, max_age)
        if key is None or _why_not_stored(request, response, allowed):
            response[STATUS_HEADER] = "skip"
            return
        response[STATUS_HEADER] = "miss"
        try:
            _cache().set(key, response, seconds)
        except Exception:
            logger.exception("Could not store %s in the page cache.", request.path)

    @functools.wraps(view)
    def cached_view(request, *args, **kwargs):
        if not reader_may_share(request):
            response = view(request, *args, **kwargs)
            _private_headers(response)
            response[STATUS_HEADER] = "skip"
            return response
        seconds = cache_seconds()
        canonical = _canonical_query(request) if seconds else None
        key = None
        if canonical is not None:
            request.itpark_cache_params, query_string = canonical
            try:
                # The generation is read before the view reads any data: a page
                # rendered from data older than a commit is filed under the old one.
                key = _key(request, current_generation(), query_string)
                stored = _cache().get(key)
            except Exception:
                logger.exception("The page cache did not answer; rendering %s.", request.path)
                key, stored = None, None
            if stored is not None:
                stored[STATUS_HEADER] = "hit"
                return _conditional(request, stored)
        response = view(request, *args, **kwargs)
        if hasattr(response, "add_post_render_callback"):
            # A TemplateResponse renders after the view returns: decide (CSRF token, session) once it has.
            response.add_post_render_callback(lambda rendered: finish(request, rendered, key, seconds))
        else:
            finish(request, response, key, seconds)
        return response

    return cached_view
