"""Deployment settings: production refuses to run unconfigured, and Django's
deployment checklist has nothing to say once it is configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "itpark.settings.production",
    "DATABASE_URL": "postgis://itpark:itpark@127.0.0.1:5432/itpark",
    "SECRET_KEY": "a-long-random-production-key-" + "x" * 40,
    "ALLOWED_HOSTS": "itpark.example",
}


def manage(*args, **env):
    environment = {key: value for key, value in os.environ.items() if key not in PRODUCTION}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(missing):
    """A deployment that forgot a secret or its host names fails at once, saying which."""
    env = {key: value for key, value in PRODUCTION.items() if key != missing}
    result = manage("check", **env)
    assert result.returncode != 0
    assert f"Set {missing} in the environment" in result.stderr


def test_deployment_checklist_is_clean():
    """`check --deploy` with production settings prints no warning."""
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stderr


def test_redis_cache_url_selects_djangos_redis_backend():
    """CACHE_URL=redis://... in production gives the Redis cache the scaling plan relies on."""
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    result = manage("shell", "-c", code, CACHE_URL="redis://127.0.0.1:6379/1", **PRODUCTION)
    assert result.stdout.strip().splitlines()[-1] == "django.core.cache.backends.redis.RedisCache", result.stderr
