"""Where uploaded media lives in production: files under MEDIA_ROOT (served by
nginx), or S3-compatible object storage through django-storages when its
variables are set. Checked in a fresh process with production settings, with
no network: the storage class, its options and the URLs it gives images."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "itpark.settings.production",
    "DATABASE_URL": "postgis://itpark:itpark@127.0.0.1:5432/itpark",
    "SECRET_KEY": "a-long-random-production-key-" + "x" * 40,
    "ALLOWED_HOSTS": "itpark.example",
}
S3 = {
    "AWS_STORAGE_BUCKET_NAME": "itpark-media",
    "AWS_S3_ENDPOINT_URL": "https://storage.example.net",
    "AWS_S3_REGION_NAME": "ru-central1",
    "AWS_S3_CUSTOM_DOMAIN": "media.itpark.example",
    "AWS_ACCESS_KEY_ID": "test-key-id",
    "AWS_SECRET_ACCESS_KEY": "test-secret",
}
INSPECT = """
import json
from django.conf import settings
from django.core.files.storage import storages
default_storage = storages["default"]
print(json.dumps({
    "backend": settings.STORAGES["default"]["BACKEND"],
    "options": settings.STORAGES["default"].get("OPTIONS", {}),
    "class": type(default_storage).__module__ + "." + type(default_storage).__name__,
    "location": str(getattr(default_storage, "location", "")),
    "url": default_storage.url("images/plan.max-800x600.png"),
}))
"""


def inspect(**env):
    environment = {key: value for key, value in os.environ.items() if key not in PRODUCTION and key not in S3}
    environment.update(PRODUCTION, **env)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", INSPECT],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_bucket_media_are_files_under_media_root(tmp_path):
    """A one-machine deployment keeps uploads under MEDIA_ROOT, where nginx serves them at /media/."""
    found = inspect(MEDIA_ROOT=str(tmp_path / "media"))
    assert found["class"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert found["location"] == str(tmp_path / "media")
    assert found["url"] == "/media/images/plan.max-800x600.png"


def test_with_bucket_media_go_to_object_storage_with_public_urls():
    """With the bucket's variables set, uploads and renditions go to object storage; pages (which are
    cached) link them by a public, unsigned URL on the media domain, which never expires."""
    found = inspect(**S3)
    assert found["backend"] == "storages.backends.s3.S3Storage"
    assert found["class"] == "storages.backends.s3.S3Storage"
    options = found["options"]
    assert options["bucket_name"] == "itpark-media"
    assert options["endpoint_url"] == "https://storage.example.net"
    assert options["region_name"] == "ru-central1"
    assert options["custom_domain"] == "media.itpark.example"
    assert options["querystring_auth"] is False
    assert options["file_overwrite"] is False
    assert "access_key" not in options and "secret_key" not in options, "credentials stay in the environment"
    assert found["url"] == "https://media.itpark.example/media/images/plan.max-800x600.png"


def test_bucket_without_custom_domain_links_the_endpoint():
    """Without a media domain, images are linked on the storage endpoint itself, still unsigned."""
    found = inspect(**{key: value for key, value in S3.items() if key != "AWS_S3_CUSTOM_DOMAIN"})
    assert found["options"]["custom_domain"] is None
    assert found["url"].startswith("https://storage.example.net/itpark-media/media/images/plan.max-800x600.png")
    assert "Signature" not in found["url"] and "X-Amz" not in found["url"]
