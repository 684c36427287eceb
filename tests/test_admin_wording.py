"""The Russian admin reads well on the translation screens: the project's catalog corrects
wagtail-localize's Russian strings (LOCALE_PATHS first, in the Python and the JS catalog),
PO files are named after the page, and machine translation appears only with a DeepL key."""

import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import translation

import pytest

from buildings.models import BuildingPage
from tests.factories import SuperuserFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def test_locale_paths_come_first():
    """The project's catalog is the one Django reads before any app's."""
    assert settings.LOCALE_PATHS[0] == ROOT / "locale"


@pytest.mark.parametrize(
    ("msgid", "russian"),
    [
        ("Up to date", "Актуален"),
        ("Translated manually on {date}", "Переведено вручную {date}"),
        ("Clear all", "Удалить всё"),
        ("More actions", "Другие действия"),
    ],
)
def test_python_catalog_corrections(msgid, russian):
    """ "до даты" and "Переведено в ручную в" are gone from the Russian admin."""
    with translation.override("ru"):
        assert translation.gettext(msgid) == russian


def test_the_editors_js_catalog_serves_the_projects_corrections(client):
    """wagtail-localize's React editor gets "Опубликовать: " (not "Опубликовать в" glued to
    the language) and two different PO buttons."""
    client.force_login(SuperuserFactory(admin_language="ru"))
    catalog = client.get(reverse("wagtail_localize:javascript_catalog"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert (
        '"Publish in ": "\\u041e\\u043f\\u0443\\u0431\\u043b\\u0438\\u043a\\u043e\\u0432\\u0430\\u0442\\u044c: "'
        in (catalog)
        or '"Publish in ": "Опубликовать: "' in catalog
    )
    assert "Скачать PO-файл" in catalog or "\\u0421\\u043a\\u0430\\u0447\\u0430\\u0442\\u044c PO" in catalog


def test_po_file_is_named_after_the_page_in_russian(client, ru, en):
    """Downloading the PO file of a Russian page gives "<title>-en.po", never "-en.po"."""
    client.force_login(SuperuserFactory())
    source = BuildingPage.objects.filter(locale=ru).live().first()
    from wagtail_localize.models import Translation

    record = Translation.objects.get(source__object_id=source.translation_key, target_locale=en)
    response = client.get(reverse("wagtail_localize:download_pofile", args=[record.pk]))
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert 'filename="-en.po"' not in disposition and "filename=-en.po" not in disposition
    assert "-en.po" in disposition and "utf-8''" in disposition


def test_po_download_refuses_an_unknown_translation(client):
    """A made-up translation id is a 404, not a crash."""
    client.force_login(SuperuserFactory())
    assert client.get(reverse("wagtail_localize:download_pofile", args=[987654321])).status_code == 404


def machine_translator(**env):
    code = "from django.conf import settings; print(getattr(settings, 'WAGTAILLOCALIZE_MACHINE_TRANSLATOR', None))"
    environment = {"DJANGO_SETTINGS_MODULE": "itpark.settings.test", "PATH": "/usr/bin:/bin", **env}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def test_machine_translation_only_with_a_deepl_key():
    """With DEEPL_AUTH_KEY set, translators are offered DeepL; without it, no machine translation."""
    assert machine_translator() == "None"
    configured = machine_translator(DEEPL_AUTH_KEY="secret-key:fx")
    assert "DeepLTranslator" in configured and "secret-key:fx" in configured
