"""The news as readers get it: the index (newest first, pagination, bad page
numbers, tag filter), articles (dates in the reader's language, hero image,
related buildings, source, OpenGraph and JSON-LD) and the RSS feeds."""

import datetime
import json
from urllib.parse import urlsplit

from django.utils import translation

import feedparser
import pytest

from news.models import ArticlePage, NewsIndexPage

pytestmark = pytest.mark.django_db


def add_article(index, slug, date, title=None, publish=True, **fields):
    page = ArticlePage(
        title=title or f"Article {slug}",
        slug=slug,
        date=date,
        lead=f"Lead of {slug}.",
        locale=index.locale,
        live=publish,
        **fields,
    )
    index.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


@pytest.fixture
def ru_index(ru):
    return NewsIndexPage.objects.get(locale=ru)


@pytest.fixture
def en_index(en):
    return NewsIndexPage.objects.get(locale=en)


# Demo content


@pytest.mark.smoke
def test_demo_has_six_articles_in_each_language_with_english_text_and_tags(ru, en):
    """Readers of either language find the six demo articles, the English ones in English with English tags."""
    russian = ArticlePage.objects.live().filter(locale=ru)
    assert russian.count() >= 6
    for page in russian:
        english = page.get_translation(en)
        assert english.live
        assert english.title != page.title
        assert english.lead != page.lead
        assert english.slug == page.slug
        assert english.date == page.date
        assert english.image_id == page.image_id and page.image is not None
        assert english.image_alt and english.image_alt != page.image_alt
        ru_tags, en_tags = set(page.tags.names()), set(english.tags.names())
        assert ru_tags and en_tags and not ru_tags & en_tags, f"{page.slug}: {ru_tags} / {en_tags}"


# The index


def test_index_lists_articles_newest_first_with_localised_dates(get_html):
    """Readers see the latest news first, with dates written as their language writes them."""
    ru = get_html("/ru/news/")
    dates = [time["datetime"] for time in ru.select(".article-card time")]
    assert dates == sorted(dates, reverse=True)
    assert "31 октября 2023" in ru.texts(".article-card time")
    en = get_html("/en/news/")
    assert "31 October 2023" in en.texts(".article-card time")
    assert en.texts(".article-card h2")[0] == "The IT park invites IT companies"


def test_index_is_paginated_by_the_editors_page_size(client, get_html, ru_index):
    """The editors' page size splits the list; the pages link to each other and hold every article once."""
    ru_index.per_page = 4
    ru_index.save_revision().publish()
    first = get_html("/ru/news/")
    second = get_html("/ru/news/?page=2")
    assert len(first.select(".article-card")) == 4
    titles = first.texts(".article-card h2") + second.texts(".article-card h2")
    assert len(titles) == len(set(titles)) == ru_index.articles().count()
    assert first.one('.pagination a[rel="next"]')["href"] == "?page=2"
    assert second.one('.pagination a[rel="prev"]')["href"] == "?page=1"


@pytest.mark.parametrize("number", ["abc", "", "-3", "0", "1.5", "%00"])
def test_a_page_number_that_is_not_a_positive_number_gives_the_first_page(get_html, number):
    """A mangled link still shows the news (the first page) instead of an error."""
    html = get_html(f"/ru/news/?page={number}")
    assert html.texts(".article-card h2") == get_html("/ru/news/").texts(".article-card h2")


def test_a_page_number_beyond_the_last_page_is_not_found(client, ru_index):
    """A link to page 99 of a short list says "not found" (404), never a server error."""
    ru_index.per_page = 4
    ru_index.save_revision().publish()
    assert client.get("/ru/news/?page=2").status_code == 200
    assert client.get("/ru/news/?page=3").status_code == 404
    assert client.get("/ru/news/?page=99999999999999999999").status_code == 404


def test_tag_filter_shows_only_tagged_articles(get_html):
    """Choosing a topic lists only the articles on it, and marks the topic as current."""
    html = get_html("/en/news/?tag=roads")
    assert html.texts(".article-card h2") == ["Sovetsky Prospekt to be rebuilt: traffic lights by the IT park"]
    assert html.one('.tag-filter a[aria-current="page"]').get_text(strip=True) == "roads"
    ru = get_html("/ru/news/")
    assert "дороги" in ru.texts(".tag-filter a")
    assert "roads" not in ru.texts(".tag-filter a")


def test_unknown_tag_shows_every_article_with_a_notice(get_html):
    """A mistyped topic link still shows the news, and says why nothing was filtered."""
    html = get_html("/en/news/?tag=no-such-topic")
    assert "no-such-topic" in html.one(".notice").get_text()
    assert len(html.select(".article-card")) == len(get_html("/en/news/").select(".article-card"))


def test_drafts_and_future_articles_are_not_listed(get_html, ru_index):
    """Unpublished work never shows to readers."""
    add_article(ru_index, "draft-news", datetime.date(2030, 1, 1), title="Черновик новости", publish=False)
    html = get_html("/ru/news/")
    assert "Черновик новости" not in html.texts(".article-card h2")


# Articles


def test_article_shows_date_lead_hero_buildings_tags_and_source(get_html):
    """An article shows its date, lead, a described hero image, the buildings it is about
    (their English pages), its topics and where the news came from."""
    html = get_html("/en/news/first-complex-complete/")
    assert html.lang == "en"
    assert html.one("h1").get_text(strip=True) == "The IT park's first complex is complete"
    assert html.one(".article__date time").get_text(strip=True) == "31 October 2023"
    hero = html.one(".article__hero img")
    assert hero["alt"] == "A green card with the outline of the first complex"
    assert "c100" in hero["src"] or "fill-960x540" in hero["src"]
    buildings = {a.get_text(strip=True): a["href"] for a in html.select(".article__buildings a")}
    assert buildings == {
        "Administration Building": "/en/buildings/administration-building/",
        "Business Support Centre": "/en/buildings/business-support-centre/",
    }
    assert html.texts(".article__tags a") == ["construction", "first complex"]
    source = html.one(".article__source a")
    assert source.get_text(strip=True) == "Klops" and source["href"] == "https://klops.ru/"
    assert html.select(".block-quote blockquote")
    assert html.select(".block-park-map .site-plan__building--highlighted")


def test_russian_article_date_uses_the_genitive_month(get_html):
    """Russian readers see "31 октября 2023", not "31 Октябрь 2023"."""
    html = get_html("/ru/news/first-complex-complete/")
    assert html.one(".article__date time").get_text(strip=True) == "31 октября 2023"


def test_article_has_opengraph_twitter_and_newsarticle_jsonld(get_html):
    """Shared links get a title, description and picture; search engines get a NewsArticle."""
    html = get_html("/ru/news/first-complex-complete/")
    meta = {tag.get("property") or tag.get("name"): tag["content"] for tag in html.select("meta[content]")}
    assert meta["og:type"] == "article"
    assert meta["og:title"] == "Первый комплекс IT-парка завершён"
    assert meta["og:url"].endswith("/ru/news/first-complex-complete/")
    assert urlsplit(meta["og:image"]).scheme in ("http", "https")
    assert meta["twitter:card"] == "summary_large_image"
    data = json.loads(html.one('script[type="application/ld+json"]').string)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Первый комплекс IT-парка завершён"
    assert data["datePublished"] == "2023-10-31"
    assert data["inLanguage"] == "ru"
    assert data["image"][0].startswith("http")


def test_article_without_image_or_source_renders_without_them(get_html, ru_index):
    """An article with neither picture nor source still reads well: no empty figure, no stray "Source:"."""
    add_article(ru_index, "plain-news", datetime.date(2025, 1, 1), title="Простая новость")
    html = get_html("/ru/news/plain-news/")
    assert not html.select(".article__hero")
    assert not html.select(".article__source")
    assert json.loads(html.one('script[type="application/ld+json"]').string).get("image") is None


def test_article_needs_alt_text_with_an_image(ru_index):
    """An editor cannot publish a hero image without describing it."""
    from django.core.exceptions import ValidationError

    page = ru_index.articles().first()
    page.image_alt = " "
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "image_alt" in error.value.message_dict


def test_every_page_links_the_feed_of_its_language(get_html):
    """Feed readers find the news feed of the language being read, from any page."""
    for url, feed in [("/ru/", "/ru/news/feed/"), ("/en/buildings/", "/en/news/feed/")]:
        link = get_html(url).one('link[rel="alternate"][type="application/rss+xml"]')
        assert link["href"] == feed


# Feeds


def parse_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return feedparser.parse(response.content)


@pytest.mark.parametrize(
    ("language", "title"),
    [("ru", "Первый комплекс IT-парка завершён"), ("en", "The IT park's first complex is complete")],
)
def test_feed_is_valid_rss_in_its_language_with_absolute_links_and_images(client, language, title):
    """Feed readers get that language's news only, with working links, dates and pictures."""
    feed = parse_feed(client, f"/{language}/news/feed/")
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    assert feed.feed.language == language
    titles = [entry.title for entry in feed.entries]
    assert title in titles
    for entry in feed.entries:
        assert entry.link.startswith(f"http://testserver/{language}/news/")
        assert entry.published_parsed is not None
        enclosure = entry.enclosures[0]
        assert enclosure.href.startswith("http://testserver/")
        assert enclosure.type == "image/png"
        assert int(enclosure.length) > 0
    entry = next(entry for entry in feed.entries if entry.title == title)
    assert entry.published.startswith("Tue, 31 Oct 2023 00:00:00 +0")


def test_feed_dates_are_rfc_822(client):
    """RSS requires RFC 822 dates ("Tue, 31 Oct 2023 00:00:00 +0200"); readers reject others."""
    body = client.get("/en/news/feed/").content.decode()
    assert "<pubDate>Tue, 31 Oct 2023 " in body


def test_feed_leaves_out_unpublished_articles(client, ru_index):
    """A draft never reaches subscribers."""
    add_article(ru_index, "secret-draft", datetime.date(2026, 1, 1), title="Секретный черновик", publish=False)
    feed = parse_feed(client, "/ru/news/feed/")
    assert "Секретный черновик" not in [entry.title for entry in feed.entries]


def test_feed_of_a_language_without_news_is_not_found(client, en_index):
    """A feed address for a language with no news index answers 404, not an empty or broken feed."""
    en_index.unpublish()
    assert client.get("/en/news/feed/").status_code == 404


def test_index_without_articles_shows_a_message(get_html, ru_index):
    """An empty news list says so instead of showing nothing."""
    for page in ru_index.articles():
        page.unpublish()
    with translation.override("ru"):
        html = get_html("/ru/news/")
    assert not html.select(".article-card")
    assert html.select("main p")
