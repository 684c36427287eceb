"""The production stack on loopback: nginx → Varnish → gunicorn (production settings), as deploy/ configures it.

One stack for the module (scripts/rehearsal.py, the same one `make rehearsal`
starts), serving the session's test database with its demo content. Changes
are made here as an editor makes them (Wagtail revisions published in this
process, committed), and read back through the proxy over HTTPS.
"""

import http.cookiejar
import io
import re
import shutil
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.test import override_settings

from wagtail.images import get_image_model
from wagtail.models import Locale

import pytest
import redis
from PIL import Image as PILImage

from news.models import ArticlePage
from scripts.rehearsal import Ports, Stack
from tests.browser.committed import committed

pytestmark = [pytest.mark.stack, pytest.mark.django_db]

STACK_REDIS_DB = 6


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture(scope="module")
def stack(django_db_setup, django_db_blocker):
    """The stack on the test database; this process purges its Varnish and shares its Redis and media."""
    missing = [tool for tool in ("nginx", "varnishd", "openssl") if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"{', '.join(missing)} missing: run `bash scripts/install-system-packages.sh --test`")
    database = connection.settings_dict
    database_url = (
        f"postgis://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:{database['PORT']}"
        f"/{database['NAME']}?conn_max_age=600"
    )
    cache_url = f"redis://127.0.0.1:6379/{STACK_REDIS_DB}"
    redis.Redis.from_url(cache_url).flushdb()
    with django_db_blocker.unblock():
        running = Stack(
            Ports.stack_test(),
            name="stack-test",
            database_url=database_url,
            prepare_database=False,
            cache_url=cache_url,
            scheduler=False,
            media_root=settings.MEDIA_ROOT,  # where the demo content's images are
        )
        with (
            running,
            override_settings(
                WAGTAILFRONTENDCACHE={
                    "varnish": {
                        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                        "LOCATION": running.varnish_url,
                    }
                },
                WAGTAILADMIN_BASE_URL=running.base_url,
                CACHES={"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": cache_url}},
            ),
        ):
            yield running


class Client:
    """HTTPS through the stack's nginx, trusting its certificate; keeps cookies; does not follow redirects."""

    def __init__(self, stack, follow=False):
        self.stack = stack
        self.cookies = http.cookiejar.CookieJar()
        handlers = [
            urllib.request.HTTPSHandler(context=stack.tls_context()),
            urllib.request.HTTPCookieProcessor(self.cookies),
        ]
        if not follow:
            handlers.append(NoRedirect())
        self.opener = urllib.request.build_opener(*handlers)

    def request(self, path, method="GET", data=None, headers=None):
        url = path if "://" in path else self.stack.url(path)
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def get(self, path, **headers):
        return self.request(path, headers=headers)


def purge(stack, path):
    """Start from a cold cache for `path` (PURGE straight to Varnish, from loopback)."""
    request = urllib.request.Request(stack.varnish_url + path, method="PURGE")
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200


def article_pair():
    russian = ArticlePage.objects.live().filter(locale__language_code="ru").order_by("path").first()
    return russian, russian.get_translation(Locale.objects.get(language_code="en"))


def publish_title(page, title):
    """As an editor does: a new revision with the title, published (committed, so the stack sees it)."""

    def edit():
        fresh = page.specific_class.objects.get(pk=page.pk)
        fresh.title = title
        fresh.save_revision().publish()

    committed(edit)


def test_second_request_is_a_varnish_hit_without_cookies(stack):
    """Readers get the news from Varnish's memory: if this failed, every request would render the page again."""
    client = Client(stack)
    purge(stack, "/ru/news/")
    status, first, _body = client.get("/ru/news/")
    assert status == 200
    assert first["X-Cache"] == "MISS"
    status, second, body = client.get("/ru/news/")
    assert status == 200
    assert second["X-Cache"] == "HIT"
    assert "Age" in second
    assert "Set-Cookie" not in first and "Set-Cookie" not in second
    assert b"<html" in body


def test_analytics_cookies_share_the_cached_copy(stack):
    """A reader with an analytics cookie still gets the shared copy, and the cookie never reaches the app."""
    client = Client(stack)
    client.get("/en/buildings/")
    status, headers, _body = client.get("/en/buildings/", Cookie="_ga=GA1.2.3; _ym_uid=42")
    assert status == 200
    assert headers["X-Cache"] == "HIT"


def test_published_change_shows_through_the_proxy_in_both_languages(stack):
    """An editor publishes a new title: the very next reader sees it, on the article and the news index, in Russian and English."""
    client = Client(stack)
    russian, english = article_pair()
    old = {russian.pk: russian.title, english.pk: english.title}
    paths = [russian.url, english.url, "/ru/news/", "/en/news/"]
    for path in paths:
        client.get(path)
        status, headers, _body = client.get(path)
        assert (status, headers["X-Cache"]) == (200, "HIT"), path
    try:
        publish_title(russian, "Стековая проверка: новый заголовок")
        publish_title(english, "Stack check: a new headline")
        for path, title in [
            (russian.url, "Стековая проверка: новый заголовок"),
            ("/ru/news/", "Стековая проверка: новый заголовок"),
            (english.url, "Stack check: a new headline"),
            ("/en/news/", "Stack check: a new headline"),
        ]:
            status, headers, body = client.get(path)
            assert status == 200, path
            assert headers["X-Cache"] == "MISS", f"{path} was not purged on publish"
            assert title in body.decode(), path
    finally:
        publish_title(russian, old[russian.pk])
        publish_title(english, old[english.pk])
    status, _headers, body = client.get(russian.url)
    assert old[russian.pk] in body.decode()


def test_uploaded_image_is_served_by_nginx_from_media_root(stack):
    """An image an editor uploads shows on the site: its rendition comes from MEDIA_ROOT through nginx, not a 404."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (320, 200), (30, 120, 200)).save(buffer, "PNG")
    image_model = get_image_model()

    def upload():
        from django.core.files.images import ImageFile

        image = image_model.objects.create(title="Stack check", file=ImageFile(buffer, name="stack-check.png"))
        return image.pk, image.get_rendition("fill-160x100").url

    pk, rendition_url = committed(upload)
    try:
        assert rendition_url.startswith("/media/images/")
        status, headers, body = Client(stack).get(rendition_url)
        assert status == 200
        assert headers["Content-Type"] == "image/png"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert "max-age" in headers["Cache-Control"]
        assert PILImage.open(io.BytesIO(body)).size == (160, 100)
    finally:
        committed(lambda: image_model.objects.get(pk=pk).delete())


def test_logged_in_editor_passes_varnish_uncached(stack, django_user_model):
    """An editor signed in gets the admin and the public pages from the app, never a reader's cached copy (nor hands theirs out)."""
    password = "stack-check-Password-1"  # noqa: S105

    def create_editor():
        editor = django_user_model.objects.create_superuser("stack-editor", "editor@itpark.example")
        # Hashed as production hashes (the test settings' fast MD5 is not among production's hashers).
        editor.password = PBKDF2PasswordHasher().encode(password, PBKDF2PasswordHasher().salt())
        editor.save()

    committed(create_editor)
    try:
        client = Client(stack, follow=True)
        status, headers, body = client.get("/admin/login/")
        assert status == 200
        assert headers["X-Cache"] == "PASS"
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
        status, headers, body = client.request(
            "/admin/login/",
            method="POST",
            data={"username": "stack-editor", "password": password, "csrfmiddlewaretoken": token, "next": "/admin/"},
            headers={"Referer": stack.url("/admin/login/"), "Origin": stack.base_url},
        )
        assert status == 200
        assert any(cookie.name == "sessionid" for cookie in client.cookies), "the login did not succeed"
        for path in ("/admin/", "/admin/", "/ru/", "/ru/"):
            status, headers, _body = client.get(path)
            assert status == 200, path
            assert headers["X-Cache"] == "PASS", path
    finally:
        committed(lambda: django_user_model.objects.filter(username="stack-editor").delete())


def test_readers_cannot_purge_through_nginx(stack):
    """Anyone could empty the cache if nginx passed PURGE on (Varnish sees nginx's loopback address): refused."""
    client = Client(stack)
    client.get("/en/")
    status, _headers, _body = client.request("/en/", method="PURGE")
    assert status == 405
    status, headers, _body = client.get("/en/")
    assert (status, headers["X-Cache"]) == (200, "HIT")


def test_healthz_over_plain_http_and_everything_else_redirected(stack):
    """The load balancer's health check answers over plain HTTP; readers on HTTP are sent to HTTPS."""
    http = f"http://127.0.0.1:{stack.ports.http}"
    opener = urllib.request.build_opener(NoRedirect())
    with opener.open(f"{http}/healthz", timeout=10) as response:
        assert response.status == 200
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(f"{http}/ru/news/", timeout=10)
    assert redirect.value.code == 301
    assert redirect.value.headers["Location"] == stack.url("/ru/news/")
