"""Which URLs the reverse-proxy cache is told to forget, and when (core/frontend_cache.py).

The purge itself, through a real Varnish, is in test_production_stack.py;
here each kind of change is made as an editor makes it, and the purge it
queues for the end of the transaction is read back.
"""

from django.contrib.auth import get_user_model

from wagtail.models import Locale

import pytest

from buildings.models import BuildingPage
from core import frontend_cache
from home.models import HeaderBanner
from news.models import ArticlePage

VARNISH = {
    "varnish": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": "http://127.0.0.1:1"}
}
BASE = "https://itpark.example"


@pytest.fixture
def frontend_cache_on(settings):
    settings.WAGTAILFRONTENDCACHE = VARNISH
    settings.WAGTAILADMIN_BASE_URL = BASE


def queued_purges(callbacks):
    """The URLs of every purge queued in `callbacks` (on-commit callbacks that are PurgeBatch.purge)."""
    urls = set()
    for callback in callbacks:
        batch = getattr(callback, "__self__", None)
        if isinstance(batch, frontend_cache.PurgeBatch):
            urls |= batch.urls
    return urls


def article_pair():
    russian = ArticlePage.objects.live().filter(locale__language_code="ru").order_by("path").first()
    return russian, russian.get_translation(Locale.objects.get(language_code="en"))


@pytest.mark.django_db
def test_publishing_an_article_purges_it_in_both_languages_with_its_listings(
    frontend_cache_on, django_capture_on_commit_callbacks
):
    """After an editor publishes an article, readers of either language, of the news index, the home page, the feed and the map see the change.

    Queued for the commit (not sent at once): purged too early, the proxy would fetch the old page again and keep it."""
    russian, english = article_pair()
    russian.title = "A new headline"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        russian.save_revision().publish()
    urls = queued_purges(callbacks)
    expected = [
        russian.url,
        english.url,
        "/ru/news/",
        "/en/news/",
        "/ru/",
        "/en/",
        "/ru/news/feed/",
        "/en/news/feed/",
        "/sitemap.xml",
        "/ru/search/",
        "/ru/map/",
        "/en/map/embed/",
        "/ru/map/plan.svg",
        "/en/map/buildings.csv",
        "/api/map/buildings.geojson",
        "/api/map/buildings.geojson?lang=en",
    ]
    for path in expected:
        assert BASE + path in urls, path
    # An ordinary article is not on every page: the other articles stay cached.
    other = ArticlePage.objects.live().exclude(translation_key=russian.translation_key).first()
    assert BASE + other.url not in urls


@pytest.mark.django_db
def test_a_building_change_purges_every_page(frontend_cache_on, django_capture_on_commit_callbacks):
    """A building is drawn on every plan and listed as a neighbour: every public URL is forgotten when it changes."""
    building = BuildingPage.objects.live().filter(locale__language_code="ru").first()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        building.save_revision().publish()
    urls = queued_purges(callbacks)
    for page in BuildingPage.objects.live():
        assert BASE + page.url in urls
    for page in ArticlePage.objects.live():
        assert BASE + page.url in urls


@pytest.mark.django_db
def test_unpublishing_purges_the_page(frontend_cache_on, django_capture_on_commit_callbacks):
    """An article taken down disappears for readers at once, not when the proxy's copy expires."""
    russian, _english = article_pair()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        russian.unpublish()
    urls = queued_purges(callbacks)
    assert BASE + russian.url in urls
    assert BASE + "/ru/news/" in urls


@pytest.mark.django_db
def test_deleting_a_page_purges_it_and_its_index(frontend_cache_on, django_capture_on_commit_callbacks):
    """A deleted article stops being served from the proxy, and the news index stops listing it."""
    russian, _english = article_pair()
    url = russian.url
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        russian.delete()
    urls = queued_purges(callbacks)
    assert BASE + url in urls
    assert BASE + "/ru/news/" in urls


@pytest.mark.django_db
def test_saving_a_banner_purges_every_public_url(frontend_cache_on, django_capture_on_commit_callbacks):
    """A header banner is on every page: after an edit, no reader gets a page with the old one."""
    banner = HeaderBanner.objects.first()
    banner.text = "The park is open on Saturday"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        banner.save()
    urls = queued_purges(callbacks)
    expected = {BASE + page.url for page in ArticlePage.objects.live()} | {BASE + "/en/map/embed/", BASE + "/ru/"}
    assert expected <= urls


@pytest.mark.django_db
def test_drafts_and_unrelated_saves_purge_nothing(frontend_cache_on, django_capture_on_commit_callbacks):
    """A draft readers cannot see, or a new user account, leaves the cache alone (no needless misses)."""
    russian, _english = article_pair()
    russian.title = "A draft headline"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        russian.save_revision()
        get_user_model().objects.create_user("reader-of-drafts", "drafts@itpark.example", "not-used-1")
    assert queued_purges(callbacks) == set()


@pytest.mark.django_db
def test_no_frontend_cache_configured_means_no_purge(settings, django_capture_on_commit_callbacks):
    """Without Varnish or a CDN (make run), publishing does no purge work at all."""
    settings.WAGTAILFRONTENDCACHE = {}
    russian, _english = article_pair()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        russian.save_revision().publish()
        HeaderBanner.objects.first().save()
    assert queued_purges(callbacks) == set()
