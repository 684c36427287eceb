"""QR codes of the map and of each building page (/{lang}/map/qr.svg, qr.png).

A poster or a printed article leads readers to the page through the code:
these tests read the codes back with zbar (Debian's zbar-tools) and check
they name the page's absolute URL from the configured base, and that bad
input is refused clearly."""

import shutil
import subprocess

from django.test import override_settings

import pytest

from buildings.models import BuildingPage

pytestmark = pytest.mark.django_db

BASE = "https://itpark.example"
ZBARIMG = shutil.which("zbarimg")


def decode(image, tmp_path, suffix="png"):
    """What zbar reads in the image: the one QR code's text."""
    assert ZBARIMG, "zbarimg is missing: run scripts/install-system-packages.sh --test"
    path = tmp_path / f"code.{suffix}"
    path.write_bytes(image)
    result = subprocess.run(
        [ZBARIMG, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(path)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@override_settings(WAGTAILADMIN_BASE_URL=BASE)
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_map_qr_code_leads_to_the_map_page(client, tmp_path, lang):
    """If this fails, a poster's QR code does not open the map (or opens whatever host the request named)."""
    response = client.get(f"/{lang}/map/qr.png", HTTP_HOST="localhost")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert decode(response.content, tmp_path) == f"{BASE}/{lang}/map/"
    assert "public" in response["Cache-Control"] and response["ETag"]
    assert response["Content-Disposition"] == f'inline; filename="itpark-qr-{lang}.png"'


@override_settings(WAGTAILADMIN_BASE_URL=BASE)
def test_a_buildings_qr_code_leads_to_its_page_in_that_language(client, tmp_path, en):
    """If this fails, the QR code printed beside a building's plan opens another page than the building's."""
    building = BuildingPage.objects.get(locale=en, slug="office-a")
    response = client.get("/en/map/qr.png?building=office-a&scale=4")
    assert response.status_code == 200
    assert decode(response.content, tmp_path) == BASE + building.get_url_parts()[2]
    assert decode(response.content, tmp_path).endswith("/en/buildings/office-a/")


@override_settings(WAGTAILADMIN_BASE_URL=BASE)
def test_the_svg_has_a_title_a_quiet_zone_and_the_same_url(client, ru):
    """If this fails, screen readers get an unnamed image, or printers crop the code's quiet zone."""
    building = BuildingPage.objects.get(locale=ru, slug="office-a")
    response = client.get("/ru/map/qr.svg?building=office-a")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    svg = response.content.decode()
    url = BASE + "/ru/buildings/office-a/"
    assert f"<title>QR-код: {building.title}, {url}</title>" in svg
    assert '<path fill="#fff"' in svg or 'fill="#fff"' in svg  # the white ground, quiet zone included
    assert 'transform="scale(10)"' in svg and "M4 " in svg  # modules start four modules in: the quiet zone


def test_hostile_building_names_stay_text_in_the_svg(client, ru):
    """If this fails, a building name with markup could inject elements or scripts into the SVG."""
    building = BuildingPage.objects.get(locale=ru, slug="office-a")
    building.title = "</title><script>alert(1)</script>&"
    building.save_revision().publish()
    svg = client.get("/ru/map/qr.svg?building=office-a").content.decode()
    assert "<script>" not in svg
    assert "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;" in svg


def test_revalidation_answers_304(client):
    """If this fails, caches download the same code again on every revalidation."""
    first = client.get("/en/map/qr.svg")
    again = client.get("/en/map/qr.svg", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert client.get("/en/map/qr.svg?scale=4")["ETag"] != first["ETag"]


@pytest.mark.parametrize("path", ["/en/map/qr.png?building=nowhere", "/ru/map/qr.svg?building=%3Cb%3E"])
def test_an_unknown_building_is_a_404_that_names_it(client, path):
    """If this fails, a mistyped slug prints a code to the wrong page instead of saying so."""
    response = client.get(path)
    assert response.status_code == 404
    assert "image" not in response.get("Content-Type", "")


def test_a_draft_or_private_building_gets_no_code(client, ru):
    """If this fails, a QR code leaks the address of a building readers may not see."""
    building = BuildingPage.objects.get(locale=ru, slug="office-b")
    building.unpublish()
    assert client.get("/ru/map/qr.png?building=office-b").status_code == 404


@pytest.mark.parametrize("scale", ["0", "1", "41", "ten", "4.5", "-3", "9" * 30])
def test_a_bad_scale_is_a_400_that_says_so(client, scale):
    """If this fails, a bad parameter yields a broken image or a server error instead of a clear message."""
    response = client.get(f"/en/map/qr.png?scale={scale}")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "scale must be a whole number from 2 to 40" in response.content.decode()


def test_only_get_and_head(client):
    """If this fails, the code's URL accepts writes it ignores."""
    assert client.post("/en/map/qr.svg").status_code == 405
    assert client.head("/en/map/qr.svg").status_code == 200
