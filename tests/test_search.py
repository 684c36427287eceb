"""Site search: results in the reader's language only, stemmed on PostgreSQL,
snippets with the matches marked, pagination, and helpful pages for empty or
overlong queries."""

import pytest

pytestmark = pytest.mark.django_db


def result_urls(html):
    return [a["href"] for a in html.select(".search-result__title a")]


def test_russian_search_is_stemmed(get_html):
    """Searching "здания" (plural) finds pages that say "здание" or "зданий", in Russian only."""
    html = get_html("/ru/search/?q=здания")
    urls = result_urls(html)
    assert urls, "no results for здания"
    assert all(url.startswith("/ru/") for url in urls)
    assert "/ru/buildings/" in urls
    assert result_urls(get_html("/ru/search/?q=светофор")) == ["/ru/news/sovetsky-prospekt-reconstruction/"]


def test_english_search_is_stemmed(get_html):
    """Searching "building" finds "buildings", "junction" finds "junctions", in English only."""
    urls = result_urls(get_html("/en/search/?q=building"))
    assert "/en/buildings/" in urls
    assert all(url.startswith("/en/") for url in urls)
    assert result_urls(get_html("/en/search/?q=junction")) == ["/en/news/sovetsky-prospekt-reconstruction/"]


@pytest.mark.smoke
def test_search_finds_articles_by_their_body_and_marks_the_match(get_html):
    """A reader searching for the road works finds the article, with the matching words highlighted.

    Also on SpatiaLite (the embedded default), where Wagtail's generic database backend answers."""
    html = get_html("/en/search/?q=junctions")
    assert result_urls(html)[0] == "/en/news/sovetsky-prospekt-reconstruction/"
    assert "junctions" in [mark.get_text().lower() for mark in html.select(".search-result__snippet mark")]


def test_results_exclude_unpublished_pages(get_html, ru):
    """Drafts are never found."""
    from news.models import ArticlePage, NewsIndexPage

    index = NewsIndexPage.objects.get(locale=ru)
    draft = ArticlePage(title="Тайный проект квантового центра", slug="secret", lead="Квантовый центр.", live=False)
    index.add_child(instance=draft)
    draft.save_revision()
    assert result_urls(get_html("/ru/search/?q=квантового")) == []


@pytest.mark.parametrize("query", ["", "   "])
def test_empty_query_gets_a_prompt(get_html, query):
    """An empty search explains what to type instead of listing nothing or failing."""
    html = get_html(f"/en/search/?q={query}")
    assert html.one(".notice").get_text(strip=True).startswith("Type what you are looking for")
    assert not html.select(".search-result")


def test_overlong_query_gets_an_explanation(get_html):
    """A pasted essay is refused politely with the limit, never an error."""
    html = get_html("/ru/search/?q=" + "здание " * 60)
    assert "200" in html.one(".notice").get_text()
    assert not html.select(".search-result")


def test_query_with_only_punctuation_or_markup_is_harmless(get_html):
    """Odd characters neither break the page nor get echoed as markup."""
    html = get_html("/en/search/?q=%3Cscript%3E%26%22'")
    assert "<script>" not in html.text.split("<main", 1)[1]


def test_search_paginates_and_bad_page_numbers_fall_back(get_html, settings):
    """Many results are split into pages; a mangled or too large page number still shows results."""
    from core import search

    settings.DEBUG = False
    original = search.RESULTS_PER_PAGE
    search.RESULTS_PER_PAGE = 2
    try:
        first = get_html("/en/search/?q=park")
        assert len(first.select(".search-result")) == 2
        next_link = first.one('.pagination a[rel="next"]')["href"]
        assert next_link == "?q=park&page=2"
        assert get_html("/en/search/?q=park&page=2").select(".search-result")
        assert get_html("/en/search/?q=park&page=abc").select(".search-result")
        last = get_html("/en/search/?q=park&page=999")
        assert last.select(".search-result") and not last.select('.pagination a[rel="next"]')
    finally:
        search.RESULTS_PER_PAGE = original


def test_search_form_is_labelled(get_html):
    """Screen-reader users know what the search box is for."""
    html = get_html("/ru/search/?q=парк")
    field = html.one('input[name="q"]')
    assert html.one(f'label[for="{field["id"]}"]').get_text(strip=True)
