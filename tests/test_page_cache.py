"""The application's public cache (core/page_cache.py): anonymous readers get
stored copies of public responses, renewed the moment an editor publishes;
editors, previews, private and form pages never come from it or go into it.

The cache is the test settings' real one (local memory), turned on here with
PAGE_CACHE_SECONDS. Content changes are committed the way the site commits
them (`django_capture_on_commit_callbacks(execute=True)` runs what a commit runs).
"""

import datetime

from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from wagtail import hooks
from wagtail.images.models import Image, Rendition
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from buildings.models import BuildingPage
from core import page_cache
from home.models import HeaderBanner
from news.models import ArticlePage, NewsIndexPage
from tests.factories import SuperuserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    caches["default"].clear()
    yield
    caches["default"].clear()


@pytest.fixture
def article(ru):
    return ArticlePage.objects.live().filter(locale=ru).order_by("-date").first()


@pytest.fixture
def building(ru):
    return BuildingPage.objects.live().filter(locale=ru).order_by("path").first()


def public_urls(article, building):
    return [
        "/ru/",
        "/en/",
        "/ru/news/",
        "/en/news/?page=1",
        article.url,
        "/ru/buildings/",
        "/ru/buildings/?purpose=offices",
        building.url,
        "/ru/map/",
        "/en/map/embed/",
        f"/ru/map/embed/?building={building.slug}&theme=dark",
        "/ru/map/plan.svg",
        "/en/map/plan.png?width=600",
        "/ru/map/buildings.kml",
        "/en/map/buildings.csv",
        "/ru/news/feed/",
        "/sitemap.xml",
        "/api/map/buildings.geojson?lang=en",
        "/api/map/site.geojson",
        "/ru/search/?q=парк",
        "/oembed?url=http://testserver/ru/map/",
    ]


def commit(django_capture_on_commit_callbacks, change, *args, **kwargs):
    """Make a change and run what its commit runs (the cache's renewal among it)."""
    with django_capture_on_commit_callbacks(execute=True):
        return change(*args, **kwargs)


def stored_entries():
    """How many responses the page cache holds (the local-memory backend's keys, the generation token aside)."""
    keys = caches["default"]._cache.keys()
    return sum(1 for key in keys if "itpark:page-cache:" in key and page_cache.GENERATION_KEY not in key)


# Hits


def test_second_anonymous_request_makes_no_database_query(client, article, building, django_assert_num_queries):
    """Under a spike, every public page, the API, the embed, plans, downloads, the feed and the
    sitemap are answered from the cache: the database is not asked again for the same URL."""
    for url in public_urls(article, building):
        first = client.get(url)
        assert first.status_code == 200, url
        assert first["X-App-Cache"] == "miss", url
        with django_assert_num_queries(0):
            second = client.get(url)
        assert second.status_code == 200, url
        assert second["X-App-Cache"] == "hit", url
        assert second.content == first.content, url
        assert second["Content-Type"] == first["Content-Type"], url


def test_head_after_get_comes_from_the_cache(client, django_assert_num_queries):
    """A link checker's HEAD costs the site nothing once a reader has fetched the page."""
    client.get("/ru/news/")
    with django_assert_num_queries(0):
        response = client.head("/ru/news/")
    assert response.status_code == 200
    assert response["X-App-Cache"] == "hit"


def test_conditional_request_on_a_cached_response_answers_304(client, django_assert_num_queries):
    """The map's script revalidating its data gets a bodiless 304 from the cache when nothing changed."""
    first = client.get("/api/map/buildings.geojson?lang=ru")
    etag = first["ETag"]
    assert etag
    with django_assert_num_queries(0):
        again = client.get("/api/map/buildings.geojson?lang=ru", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert not again.content


def test_cached_responses_have_public_headers_and_no_cookie(client, article):
    """Browsers keep a page briefly, proxies longer (they are purged on publish); no cookie
    and no per-cookie variant is ever handed to a shared cache."""
    for url in ("/ru/", article.url, "/api/map/buildings.geojson", "/ru/map/embed/", "/sitemap.xml"):
        for expected in ("miss", "hit"):
            response = client.get(url)
            assert response["X-App-Cache"] == expected, url
            control = {part.strip() for part in response["Cache-Control"].split(",")}
            assert "public" in control, (url, control)
            assert "s-maxage=600" in control, (url, control)
            assert any(part.startswith("max-age=") and int(part[8:]) <= 3600 for part in control), (url, control)
            vary = [part.strip().lower() for part in response.get("Vary", "").split(",")]
            assert "accept-encoding" in vary, url
            assert "cookie" not in vary, url
            assert not response.cookies, url
            assert "Set-Cookie" not in response, url


def test_embed_keeps_its_framing_permission_when_served_from_the_cache(client):
    """Journalists' articles keep showing the embed after the first reader: the cached copy may be framed too."""
    first = client.get("/ru/map/embed/")
    second = client.get("/ru/map/embed/")
    assert second["X-App-Cache"] == "hit"
    assert "X-Frame-Options" not in first
    assert "X-Frame-Options" not in second
    assert client.get("/ru/")["X-Frame-Options"] == "DENY"


def test_the_switch_turns_the_application_cache_off(client, settings):
    """With PAGE_CACHE_SECONDS=0 (the benchmark's uncached server) every request is rendered, headers stay public."""
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/ru/news/")
    response = client.get("/ru/news/")
    assert response["X-App-Cache"] == "skip"
    assert "public" in response["Cache-Control"]
    assert "s-maxage" not in response["Cache-Control"]
    assert stored_entries() == 0


# Never from the cache, never into it


def test_logged_in_editor_sees_fresh_pages_and_leaves_nothing_behind(client, article):
    """An editor sees the site as it is now (with the editing bar); readers never get the editor's copy."""
    old_title = article.title
    assert client.get(article.url)["X-App-Cache"] == "miss"
    # A change not yet renewed in the cache (as a commit in flight would be).
    ArticlePage.objects.filter(pk=article.pk).update(title="Свежий заголовок для редактора")
    client.force_login(SuperuserFactory())
    response = client.get(article.url)
    assert response["X-App-Cache"] == "skip"
    assert "Свежий заголовок для редактора" in response.content.decode()
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    client.logout()
    reader = client.get(article.url)
    assert reader["X-App-Cache"] == "hit"
    assert old_title in reader.content.decode()
    assert "Свежий заголовок для редактора" not in reader.content.decode()


def test_editor_first_leaves_no_copy_for_readers(client):
    """The editing bar an editor sees is never stored for readers."""
    client.force_login(SuperuserFactory())
    assert client.get("/en/news/")["X-App-Cache"] == "skip"
    client.logout()
    response = client.get("/en/news/")
    assert response["X-App-Cache"] == "miss"
    assert "wagtail-userbar" not in response.content.decode()


def test_preview_shows_the_draft_and_the_public_page_stays_as_published(client, article):
    """An editor's preview shows the unpublished draft; readers keep seeing the published page."""
    client.get(article.url)
    client.force_login(SuperuserFactory())
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(article.pk,))
    form = nested_form_data(
        {
            "title": "Черновик для предпросмотра",
            "slug": article.slug,
            "date": str(article.date),
            "lead": article.lead,
            "image": article.image_id or "",
            "image_alt": article.image_alt,
            "body": streamfield([("paragraph", rich_text("<p>Черновик.</p>"))]),
            "related_buildings": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000},
            "source_name": "",
            "source_url": "",
            "tags": "",
            "go_live_at": "",
            "expire_at": "",
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000},
        }
    )
    assert client.post(preview_url, form).json()["is_valid"]
    preview = client.get(preview_url)
    assert "Черновик для предпросмотра" in preview.content.decode()
    client.logout()
    reader = client.get(article.url)
    assert reader["X-App-Cache"] == "hit"
    assert "Черновик для предпросмотра" not in reader.content.decode()


def test_page_with_a_csrf_form_is_never_stored(client, article):
    """A password-protected page's form carries a CSRF token and sets its cookie: each reader gets their own."""
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.PASSWORD, password="x1")
    for _ in range(2):
        response = client.get(article.url)
        assert response.status_code == 200
        assert response["X-App-Cache"] == "skip"
        assert "private" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]
    assert stored_entries() == 0


def test_page_type_declaring_public_cache_false_is_never_stored(client, article, monkeypatch):
    """A page type with a form (the apply form) says `public_cache = False` and is rendered for each reader."""
    monkeypatch.setattr(ArticlePage, "public_cache", False, raising=False)
    first = client.get(article.url)
    second = client.get(article.url)
    assert (first["X-App-Cache"], second["X-App-Cache"]) == ("skip", "skip")
    assert "private" in second["Cache-Control"]


def test_reader_who_passed_a_password_never_gets_a_shared_copy(client, article):
    """A protected page, once unlocked, is that reader's alone: nobody else gets it from the cache."""
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="only-staff"
    )
    url = reverse("wagtailcore_authenticate_with_password", args=(restriction.pk, article.pk))
    response = client.post(url, {"password": "only-staff", "return_url": article.url})
    assert response.status_code == 302
    unlocked = client.get(article.url)
    assert article.title in unlocked.content.decode()
    assert unlocked["X-App-Cache"] == "skip"
    assert "private" in unlocked["Cache-Control"]
    client.cookies.clear()
    stranger = client.get(article.url)
    assert stranger["X-App-Cache"] == "skip"
    assert 'type="password"' in stranger.content.decode()


def test_not_found_is_not_stored(client):
    """A mistyped address is answered fresh each time and fills nothing."""
    assert client.get("/ru/news/no-such-article/").status_code == 404
    assert client.get("/ru/news/no-such-article/").status_code == 404
    assert stored_entries() == 0


# Bad query strings


def test_unknown_query_parameters_are_answered_fresh_and_not_kept(client):
    """Arbitrary query strings (?utm_source=..., cache busters) cannot fill the cache: they are not stored."""
    client.get("/ru/news/")
    before = stored_entries()
    for number in range(40):
        response = client.get(f"/ru/news/?utm_source=story{number}")
        assert response.status_code == 200
        assert response["X-App-Cache"] == "skip"
        response = client.get(f"/api/map/buildings.geojson?cachebuster={number}")
        assert response["X-App-Cache"] == "skip"
    assert stored_entries() == before


def test_overlong_query_is_not_kept(client):
    """A query longer than the cache keeps is still answered, just not stored."""
    response = client.get("/ru/search/?q=" + "парк" * 80)
    assert response.status_code == 200
    assert response["X-App-Cache"] == "skip"
    assert client.get("/ru/search/?q=" + "парк" * 80)["X-App-Cache"] == "skip"


def test_parameter_order_does_not_make_a_second_copy(client, django_assert_num_queries):
    """The same query in another order is the same page, served from the same copy."""
    assert client.get("/ru/buildings/?purpose=offices&status=planned")["X-App-Cache"] == "miss"
    with django_assert_num_queries(0):
        response = client.get("/ru/buildings/?status=planned&purpose=offices")
    assert response["X-App-Cache"] == "hit"


def test_pages_without_query_parameters_store_no_query_variant(client, article):
    """An article reads no query parameter: `?page=2` on it is not stored as another copy."""
    client.get(article.url)
    before = stored_entries()
    assert client.get(article.url + "?page=2")["X-App-Cache"] == "skip"
    assert stored_entries() == before


def test_bad_values_of_known_parameters_are_not_stored(client):
    """A page number beyond the news is a 404, never kept; a bad API parameter is a 400, never kept."""
    assert client.get("/ru/news/?page=999").status_code == 404
    assert client.get("/api/map/buildings.geojson?lang=xx").status_code == 400
    assert client.get("/api/map/buildings.geojson?lang=xx")["X-App-Cache"] == "skip"
    assert stored_entries() == 0


# Invalidation


def test_publishing_an_article_shows_it_everywhere_in_both_languages(
    client, ru, en, django_capture_on_commit_callbacks
):
    """An editor publishes a new article in each language: the news index, the feed, the sitemap and the
    home page show it on the next request, though they were just served from the cache."""
    urls = ["/ru/", "/en/", "/ru/news/", "/en/news/", "/ru/news/feed/", "/en/news/feed/", "/sitemap.xml"]
    for url in urls:
        client.get(url)
        assert client.get(url)["X-App-Cache"] == "hit", url

    def publish():
        for locale, title in ((ru, "Сдан новый корпус"), (en, "A new building is handed over")):
            index = NewsIndexPage.objects.get(locale=locale)
            page = ArticlePage(title=title, slug="handed-over", date=datetime.date(2026, 11, 30), lead=title)
            page.locale = locale
            index.add_child(instance=page)
            page.save_revision().publish()

    commit(django_capture_on_commit_callbacks, publish)
    assert "Сдан новый корпус" in client.get("/ru/news/").content.decode()
    assert "A new building is handed over" in client.get("/en/news/").content.decode()
    assert "Сдан новый корпус" in client.get("/ru/news/feed/").content.decode()
    assert "A new building is handed over" in client.get("/en/news/feed/").content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/ru/news/handed-over/" in sitemap and "/en/news/handed-over/" in sitemap


def test_renaming_a_building_shows_on_its_page_the_directory_map_api_embed_and_plan(
    client, building, en, django_capture_on_commit_callbacks
):
    """A building renamed and published in both languages is renamed on every output at once."""
    english = building.get_translation(en)
    urls = {
        "ru": [building.url, "/ru/buildings/", "/ru/map/", "/ru/map/plan.svg", "/api/map/buildings.geojson?lang=ru"],
        "en": [
            english.url,
            "/en/buildings/",
            "/en/map/embed/",
            "/en/map/buildings.csv",
            "/api/map/buildings.geojson?lang=en",
        ],
    }
    for url in urls["ru"] + urls["en"]:
        client.get(url)
        assert client.get(url)["X-App-Cache"] == "hit", url

    def rename():
        for page, title in ((building, "Корпус Янтарь"), (english, "Amber Building")):
            page = page.specific
            page.title = title
            page.save_revision().publish()

    commit(django_capture_on_commit_callbacks, rename)
    for language, title in (("ru", "Корпус Янтарь"), ("en", "Amber Building")):
        for url in urls[language]:
            response = client.get(url)
            assert response["X-App-Cache"] == "miss", url
            assert title in response.content.decode(), url


def test_unpublishing_removes_the_article_from_the_cached_index(client, article, django_capture_on_commit_callbacks):
    """An article taken down disappears from its page and from the index on the next request."""
    client.get(article.url)
    client.get("/ru/news/")
    assert article.title in client.get("/ru/news/").content.decode()
    commit(django_capture_on_commit_callbacks, article.unpublish)
    assert client.get(article.url).status_code == 404
    assert article.title not in client.get("/ru/news/").content.decode()


def test_deleting_a_building_removes_it_from_the_cached_api(client, building, django_capture_on_commit_callbacks):
    """A building deleted by an editor is gone from the map data and the directory at once."""
    url = "/api/map/buildings.geojson?lang=ru"
    assert building.slug in client.get(url).content.decode()
    client.get("/ru/buildings/")
    commit(django_capture_on_commit_callbacks, building.delete)
    assert f'"{building.slug}"' not in client.get(url).content.decode()
    assert client.get(building.url).status_code == 404


def test_moving_a_page_renews_the_cache(client, article, django_capture_on_commit_callbacks):
    """Moving a page changes menus and order: readers get pages rendered after the move."""
    client.get("/ru/news/")
    index = article.get_parent()
    commit(django_capture_on_commit_callbacks, article.move, index, "first-child")
    assert client.get("/ru/news/")["X-App-Cache"] == "miss"


def test_a_new_banner_shows_on_every_cached_page(client, ru, en, article, django_capture_on_commit_callbacks):
    """A header banner saved in the admin's snippets is on every page at once, in its language."""
    urls = ["/ru/", "/ru/news/", article.url, "/ru/map/", "/ru/buildings/"]
    for url in urls:
        client.get(url)
    client.force_login(SuperuserFactory(admin_language="en"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailsnippets_home_headerbanner:add") + "?locale=ru",
            {"text": "День открытых дверей 5 декабря", "link_url": "", "sort_order": "0", "action-publish": "publish"},
        )
    assert response.status_code == 302, response.content.decode()[:1500]
    client.logout()
    for url in urls:
        response = client.get(url)
        assert "День открытых дверей 5 декабря" in response.content.decode(), url
    # Not yet translated: English readers get the Russian text, marked as Russian (issue 12's fallback).
    assert 'lang="ru">День открытых дверей 5 декабря' in client.get("/en/").content.decode()


def test_editing_a_banner_or_deleting_it_renews_the_cache(client, ru, django_capture_on_commit_callbacks):
    """Correcting or removing a banner is seen by readers on their next request."""
    banner = commit(django_capture_on_commit_callbacks, HeaderBanner.objects.create, text="Первый вариант", locale=ru)
    assert "Первый вариант" in client.get("/ru/").content.decode()
    banner.text = "Исправленный вариант"
    commit(django_capture_on_commit_callbacks, banner.save)
    assert "Исправленный вариант" in client.get("/ru/").content.decode()
    commit(django_capture_on_commit_callbacks, banner.delete)
    assert "Исправленный вариант" not in client.get("/ru/").content.decode()


def test_nothing_is_renewed_before_the_commit(client, article, django_capture_on_commit_callbacks):
    """A change still inside its transaction (it may yet roll back) does not empty the cache."""
    client.get("/ru/news/")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        article.title = "Ещё не сохранено"
        article.save_revision().publish()
        assert client.get("/ru/news/")["X-App-Cache"] == "hit"
    assert page_cache.bump_generation in callbacks


def test_what_counts_as_content(ru):
    """Pages, images, banners, settings and tags renew the cache; renditions made while rendering,
    sessions and log entries do not (otherwise every first view of an image would empty it)."""
    from django.contrib.sessions.models import Session

    from taggit.models import Tag
    from wagtail.models import PageLogEntry, Site

    from home.models import SiteSettings

    for model in (ArticlePage, BuildingPage, Image, HeaderBanner, SiteSettings, Tag, Site, PageViewRestriction):
        assert page_cache.affects_public_pages(model), model
    for model in (Rendition, Session, PageLogEntry):
        assert not page_cache.affects_public_pages(model), model


def test_a_page_rendered_while_an_editor_published_is_not_served_after_the_publish(client, article):
    """A page whose rendering began before a publish committed is filed under the old generation:
    the next reader gets a page rendered after the publish, never the one from before it."""

    def editor_publishes_meanwhile(page, request, serve_args, serve_kwargs):
        page_cache.bump_generation()  # what the editor's commit runs, while this page renders

    with hooks.register_temporarily("before_serve_page", editor_publishes_meanwhile):
        assert client.get(article.url)["X-App-Cache"] == "miss"
    assert client.get(article.url)["X-App-Cache"] == "miss", "the copy from before the publish was served"
    assert client.get(article.url)["X-App-Cache"] == "hit"


def test_an_evicted_generation_never_brings_old_copies_back(client):
    """If Redis evicts the generation token, the new one is fresh: no copy stored before comes back."""
    client.get("/ru/")
    older = page_cache.current_generation()
    caches["default"].delete(page_cache.GENERATION_KEY)
    assert page_cache.current_generation() not in (older, None)
    assert client.get("/ru/")["X-App-Cache"] == "miss"


def test_scheduled_banner_start_renews_the_cache(client, ru):
    """A banner set to start showing in a moment appears once its time has passed and the scheduler ran."""
    from django.core.management import call_command

    start = timezone.now() + datetime.timedelta(seconds=1)
    HeaderBanner.objects.create(text="Скоро начнётся", locale=ru, active_from=start)
    assert "Скоро начнётся" not in client.get("/ru/").content.decode()
    HeaderBanner.objects.filter(text="Скоро начнётся").update(
        active_from=timezone.now() - datetime.timedelta(seconds=2)
    )
    # (The update above bypasses signals, as the clock does: only the scheduler notices.)
    assert client.get("/ru/")["X-App-Cache"] == "hit"
    call_command("run_scheduler", "--once")
    assert "Скоро начнётся" in client.get("/ru/").content.decode()
