"""Page routing in two queries, whatever the page's depth.

Wagtail routes ``/ru/buildings/office-b/`` by walking the tree: the site's root
page, its translation in the active language, then one child lookup and one
``.specific`` per path segment, each a query. Every page of the site starts
with that walk, so it is a third of a building page's queries.

Here the walk is one query: Wagtail's cached site root paths
(``Site.get_site_root_paths()``, one entry per language) give the localized
home page's ``url_path``, and the page and its ancestors are the pages whose
``url_path`` is a prefix of the requested path. The deepest of them routes the
rest of the path with its own ``route()`` (normally nothing is left, and an
unknown slug is a 404 as before). The result goes where Wagtail's
``Page.route_for_request`` caches its own, so ``wagtail.views.serve`` and
everything after it (hooks, view restrictions, ``serve()``) run unchanged.
Anything unusual (no site, no root path in this language, a gap in the
chain) falls back to Wagtail's walk.

The pages on the way are kept on the request (:func:`route_pages`) for the
header (the home page) and the breadcrumbs, which would otherwise ask again.
"""

import itertools

from django.db.models import Exists, OuterRef
from django.http import Http404
from django.utils.translation import get_language

from wagtail.models import Page, PageViewRestriction, Site

ROUTE_PAGES = "_itpark_route_pages"
LOCALIZED_HOME = "_itpark_localized_home"


def _root_path(request):
    """The site root path (Wagtail's cached SiteRootPath) of this request's site in the active language, or None."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    language = get_language()
    roots = Site.get_site_root_paths()
    return next((root for root in roots if root.site_id == site.pk and root.language_code == language), None)


def _route(request, path):
    """(route result, [home, ..., page]) for the path, or None to let Wagtail route it."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    language = get_language()
    root = next(
        (root for root in Site.get_site_root_paths() if root.site_id == site.pk and root.language_code == language),
        None,
    )
    if root is None:
        return None
    components = [component for component in path.split("/") if component]
    candidates = [
        root.root_path + "".join(f"{part}/" for part in components[:length]) for length in range(len(components) + 1)
    ]
    restricted = PageViewRestriction.objects.filter(page=OuterRef("pk"))
    on_the_way = Page.objects.filter(url_path__in=candidates).select_related("locale")
    found = {page.url_path: page for page in on_the_way.annotate(restricted=Exists(restricted))}
    chain = []
    for candidate in candidates:
        if candidate not in found:
            break
        chain.append(found[candidate])
    if not chain:
        return None
    deepest = chain[-1].specific
    # Nothing on the way is private or an alias: Wagtail's view-restriction check needs no query.
    deepest.view_restrictions_known_absent = len(chain) == len(found) and not any(
        page.restricted or page.alias_of_id for page in chain
    )
    deepest._state.fields_cache.setdefault("locale", chain[-1].locale)  # fetched with the chain
    chain[-1] = deepest
    for parent, child in itertools.pairwise(chain):
        child._cached_parent_obj = parent  # treebeard's get_parent() asks no query then
    try:
        result = deepest.route(request, components[len(chain) - 1 :])
    except Http404:
        result = None
    return result, chain


def serve(request, path):
    """Wagtail's page-serving view, routed by :func:`_route` first."""
    from wagtail import views as wagtail_views  # loads models: not at import time, models import this module

    if not hasattr(request, "_wagtail_route_for_request"):
        routed = _route(request, path)
        if routed is not None:
            request._wagtail_route_for_request, pages = routed
            setattr(request, ROUTE_PAGES, pages)
    return wagtail_views.serve(request, path)


def route_pages(request):
    """The pages from the localized home page down to the page being served (base Page objects, the last one
    specific), or [] when the request was not routed here."""
    return getattr(request, ROUTE_PAGES, [])


def localized_home(request):
    """The home page in the language being shown (specific), asked once per request.

    The first of the routed pages when the request came through :func:`serve`,
    else the site's root page in the active language, as Wagtail finds it.
    """
    if not hasattr(request, LOCALIZED_HOME):
        pages = route_pages(request)
        if pages:
            home = pages[0].specific
        else:  # a view of its own (search, say): the home page by its path, as _route() finds it
            root = _root_path(request)
            home = Page.objects.filter(url_path=root.root_path).specific().first() if root else None
        setattr(request, LOCALIZED_HOME, home)
    return getattr(request, LOCALIZED_HOME)
