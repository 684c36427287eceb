"""The home page as readers get it: language redirect, content in each
language, header, footer and the links between the two language versions."""

import datetime

from django.utils import timezone

from wagtail.models import Page

import pytest

from home.models import HeaderBanner, HomePage

pytestmark = pytest.mark.django_db


@pytest.mark.smoke
@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("", "/ru/"),
        ("ru-RU,ru;q=0.9", "/ru/"),
        ("en-GB,en;q=0.9,ru;q=0.5", "/en/"),
        ("de-DE,de;q=0.9", "/ru/"),
        ("de-DE,en;q=0.5", "/en/"),
    ],
)
def test_root_redirects_to_the_readers_language(client, accept_language, expected):
    """A reader opening / lands on the home page in their browser's language, else Russian."""
    headers = {"accept-language": accept_language} if accept_language else {}
    response = client.get("/", headers=headers)
    assert response.status_code == 302
    assert response["Location"] == expected
    assert "Accept-Language" in response["Vary"]


@pytest.mark.smoke
@pytest.mark.parametrize(
    ("url", "lang", "title", "figures"),
    [
        ("/ru/", "ru", "Калининградский IT-парк", ["2 млрд ₽", "2031"]),
        ("/en/", "en", "Kaliningrad IT Park", ["2 billion ₽", "2031"]),
    ],
)
def test_home_page_shows_the_park_in_the_readers_language(get_html, url, lang, title, figures):
    """Each home page is real content in its language, with the project's key facts formatted for it."""
    page = get_html(url)
    assert page.lang == lang
    assert page.texts("h1") == [title]
    assert page.texts(".key-facts:not(.home-figures) .key-fact__value") == figures
    assert len(page.select("main .block-paragraph")) == 4


def test_key_fact_labels_are_translated(get_html):
    """An English reader sees English labels under the figures, a Russian reader Russian ones."""
    assert "site area" in get_html("/en/").texts(".key-fact__label")
    assert "площадь участка" in get_html("/ru/").texts(".key-fact__label")


def test_page_structure_is_accessible(get_html):
    """Screen-reader users rely on a skip link, landmarks and a single h1."""
    for url in ("/ru/", "/en/"):
        page = get_html(url)
        skip = page.one("a.skip-link")
        assert skip["href"] == "#main"
        page.one("main#main")
        page.one("header.site-header")
        page.one("footer.site-footer")
        assert len(page.select("h1")) == 1
        labels = [nav.get("aria-label") for nav in page.select("nav")]
        assert all(labels) and len(set(labels)) == len(labels), "each nav needs its own accessible name"


def test_public_pages_have_no_inline_script_or_style(get_html):
    """A strict Content-Security-Policy must not need exceptions: no inline code or style attributes."""
    for url in ("/ru/", "/en/"):
        page = get_html(url)
        assert not page.select("script:not([src])")
        assert not page.select("style")
        assert not page.select("[style]")


def test_public_pages_request_nothing_from_other_hosts(get_html):
    """Nothing on the page needs a third-party request (fonts, scripts, styles, images)."""
    for url in ("/ru/", "/en/"):
        assert get_html(url).third_party_urls() == []


def test_language_switcher_links_the_translation(get_html):
    """The switcher goes to the same page in the other language and marks the current one."""
    page = get_html("/ru/")
    links = {a["lang"]: a for a in page.select(".language-switcher a")}
    assert links["en"]["href"] == "/en/"
    assert links["ru"]["aria-current"] == "true"
    assert links["en"].get_text(strip=True) == "English"


@pytest.mark.smoke
def test_hreflang_alternates_are_reciprocal(get_html):
    """Search engines find each language version from the other, and x-default."""
    ru = get_html("/ru/").hreflangs()
    en = get_html("/en/").hreflangs()
    expected = {
        "ru": "http://testserver/ru/",
        "en": "http://testserver/en/",
        "x-default": "http://testserver/ru/",
    }
    assert ru == expected
    assert en == expected


def test_header_shows_active_banners_in_the_readers_language(get_html):
    """The two demo banners show, each in the page's language."""
    assert get_html("/en/").texts(".header-banner")[0].startswith("The IT park's first complex is complete")
    assert get_html("/ru/").texts(".header-banner")[0].startswith("Первый комплекс IT-парка завершён")


def test_header_shows_at_most_two_banners_and_only_active_ones(get_html, ru):
    """Expired and future banners stay hidden; more than two active ones never crowd the header."""
    now = timezone.now()
    HeaderBanner.objects.create(locale=ru, text="Прошедшее", active_until=now - datetime.timedelta(days=1))
    HeaderBanner.objects.create(locale=ru, text="Будущее", active_from=now + datetime.timedelta(days=1))
    HeaderBanner.objects.create(locale=ru, text="Первое по порядку", sort_order=0, active_from=now)
    shown = get_html("/ru/").texts(".header-banner")
    assert len(shown) == 2
    assert "Прошедшее" not in shown and "Будущее" not in shown


def test_banner_link_leads_to_the_page_in_the_readers_language(get_html, ru, en):
    """A banner linking to the home page links English readers to the English home page."""
    HeaderBanner.objects.all().delete()
    home_ru = HomePage.objects.get(locale=ru)
    HeaderBanner.objects.create(locale=en, text="Welcome", link_page=home_ru)
    link = get_html("/en/").one(".header-banner a")
    assert link["href"] == "/en/"


def test_main_menu_lists_pages_marked_for_menus(get_html, ru):
    """Editors decide the main menu: child pages with "show in menus" appear, in the page's language."""
    home = HomePage.objects.get(locale=ru)
    before = get_html("/ru/").texts(".main-nav a")
    assert before == ["Карта", "Здания", "Хронология строительства", "Резиденты", "Новости"]
    assert get_html("/en/").texts(".main-nav a") == ["Map", "Buildings", "Construction timeline", "Residents", "News"]
    home.add_child(instance=Page(title="О парке", slug="about", show_in_menus=True))
    hidden = Page(title="Служебная", slug="internal", show_in_menus=False)
    home.add_child(instance=hidden)
    assert get_html("/ru/").texts(".main-nav a") == [*before, "О парке"]


@pytest.mark.smoke
def test_footer_has_contacts_address_and_copyright(get_html):
    """Readers find how to reach the park at the bottom of every page."""
    footer = get_html("/en/").one("footer")
    text = footer.get_text(" ", strip=True)
    assert "Sovetsky Prospekt" in text
    assert footer.select_one('a[href="mailto:info@itpark.example"]')
    copyright_line = footer.select_one(".site-footer__copyright").get_text(strip=True)
    assert copyright_line == f"© {timezone.now().year} Kaliningrad Region Development Corporation"


def test_unknown_page_is_a_friendly_404_in_the_readers_language(client):
    """A mistyped address gets a helpful page in the reader's language, not a bare error."""
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert 'hreflang="' not in response.content.decode().split("</head>")[0], "no alternates for a missing page"
    response = client.get("/ru/no-such-page/")
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()
