"""The Russian gettext catalog is complete: a Russian reader never meets an
English interface string, and a stale or fuzzy entry fails the build."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "locale" / "ru" / "LC_MESSAGES" / "django.po"


@pytest.fixture(scope="module")
def catalog():
    return polib.pofile(str(CATALOG))


def test_every_entry_is_translated_and_none_is_fuzzy(catalog):
    assert catalog.percent_translated() == 100, [e.msgid for e in catalog.untranslated_entries()]
    assert catalog.fuzzy_entries() == []
    assert catalog.obsolete_entries() == [], "obsolete entries: remove them"


def test_catalog_has_every_string_the_code_and_templates_use(catalog, tmp_path):
    """Extract the strings afresh (makemessages on a copy of the project) and compare."""
    for folder in ("site", "templates", "locale"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    shutil.copy(ROOT / "manage.py", tmp_path / "manage.py")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "itpark.settings.test"}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "ru", "--no-location", "-v", "0"],
        cwd=tmp_path,
        env=env,
        check=True,
    )
    fresh = polib.pofile(str(tmp_path / "locale" / "ru" / "LC_MESSAGES" / "django.po"))
    used = {(e.msgctxt, e.msgid) for e in fresh if not e.obsolete}
    known = {(e.msgctxt, e.msgid) for e in catalog if not e.obsolete}
    assert sorted(used - known, key=str) == [], "strings missing from the ru catalog: run makemessages and translate"
    assert sorted(known - used, key=str) == [], "strings no longer used: run makemessages and drop them"


def test_compiled_catalog_is_what_django_uses():
    """The build compiles the catalog (make messages); Django must then translate with it."""
    from django.utils import translation

    with translation.override("ru"):
        assert translation.gettext("Skip to main content") == "Перейти к основному содержанию"
