"""Purge the reverse-proxy cache (Varnish, or a CDN) the moment what readers see changes.

wagtail.contrib.frontend_cache sends the purges (settings.WAGTAILFRONTENDCACHE,
configured from FRONTEND_CACHE_VARNISH_URL / FRONTEND_CACHE_CLOUDFLARE_*); this
module decides which URLs a change affects, and purges them once the change is
committed (before that, the proxy would fetch the old page again):

- a page published, unpublished or deleted: the page in every language it
  exists in, its ancestors in each (the index pages, the home page), the
  outputs drawn from many pages (core.registry.CACHED_OUTPUTS: the map's API,
  embed, plans and downloads, the news feeds) and the site-wide ones owned
  here (sitemap, search, oEmbed);
- a page that shows everywhere (core.registry.SHOWN_EVERYWHERE: a building,
  a menu entry), a page moved (every URL below it changes), a snippet saved
  or deleted (a banner is on every page) or a setting saved: **every public
  URL**, sent as a list (every live public page in every language, plus the
  outputs above), not as a wildcard ban: Varnish, Cloudflare and CloudFront
  all accept a list, and the site has a few hundred URLs at most.

URLs are absolute, from the configured base (core.urls.absolute_url); Wagtail
adds every language's version of each (WAGTAILFRONTENDCACHE_LANGUAGES). The
Varnish VCL (deploy/varnish/default.vcl) turns each PURGE into a ban on the
path, so the query variants (``?building=``, ``?lang=``, ``?page=``) go too.
Nothing is computed when no frontend cache is configured.
"""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.urls import reverse
from django.utils import translation

from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from core import registry
from core.urls import absolute_url


def enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def page_path(page):
    """The page's path on the site (``/ru/news/opening/``), or None when it has no route."""
    parts = page.get_url_parts()
    return parts[2] if parts else None


def site_wide_outputs():
    """Outputs of core itself that list pages: the sitemap, each language's search, oEmbed."""
    paths = [reverse("sitemap"), reverse("oembed")]
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            paths.append(reverse("search"))
    return paths


def shared_outputs():
    """Every output drawn from many pages: core's own and the ones the parts registered."""
    return [*site_wide_outputs(), *registry.cached_outputs()]


def page_urls(page):
    """The page in every language it exists in and the ancestors of each version, as paths."""
    versions = Page.objects.filter(translation_key=page.translation_key).select_related("locale")
    pages = {page.pk: page, **{version.pk: version for version in versions}}
    for version in list(pages.values()):
        for ancestor in Page.objects.ancestor_of(version).filter(depth__gt=1):
            pages.setdefault(ancestor.pk, ancestor)
    return [path for path in (page_path(each) for each in pages.values()) if path]


def every_url():
    """Every public URL: each live public page in every language, and the shared outputs."""
    pages = Page.objects.live().public().filter(depth__gt=1)
    return [*(path for path in (page_path(page) for page in pages) if path), *shared_outputs()]


def purge_on_commit(paths):
    """Purge the absolute URLs of `paths` once the current transaction (if any) commits."""
    batch = PurgeBatch(absolute_url(path) for path in paths)
    transaction.on_commit(batch.purge)


def urls_for_page(page):
    if registry.shown_everywhere(page.specific):
        return every_url()
    return [*page_urls(page), *shared_outputs()]


def page_changed(sender, instance, **kwargs):
    """page_published, page_unpublished and pre_delete (while the page and its ancestors still exist)."""
    if enabled():
        purge_on_commit(urls_for_page(instance))


def page_moved(sender, instance, **kwargs):
    """Every URL under the page changes: purge everything (the old URLs are among what is cached)."""
    if enabled():
        purge_on_commit(every_url())


def shown_on_pages(model):
    """Snippets (banners, organisations, map features) and settings show on pages; other models do not."""
    if issubclass(model, Page):
        return False
    return model in get_snippet_models() or issubclass(model, BaseSiteSetting | BaseGenericSetting)


def snippet_or_setting_changed(sender, instance, **kwargs):
    if enabled() and shown_on_pages(sender):
        purge_on_commit(every_url())


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and sender is instance.specific_class:  # once per page, not per parent table
        page_changed(sender, instance)


def connect():
    """Called from CoreConfig.ready()."""
    page_published.connect(page_changed, dispatch_uid="core.frontend_cache.published")
    page_unpublished.connect(page_changed, dispatch_uid="core.frontend_cache.unpublished")
    post_page_move.connect(page_moved, dispatch_uid="core.frontend_cache.moved")
    pre_delete.connect(page_deleted, dispatch_uid="core.frontend_cache.page_deleted")
    # Snippet models are registered after every app's ready(): asked at save time.
    post_save.connect(snippet_or_setting_changed, dispatch_uid="core.frontend_cache.saved")
    post_delete.connect(snippet_or_setting_changed, dispatch_uid="core.frontend_cache.deleted")
