"""The embed's second edition, as the server sends it: the theme, a frozen
year, the "since this article" lines read from Wagtail's revisions, "data
last updated", the journalist's description, the two-finger gesture option,
the same options through oEmbed, and a clear fallback for every bad value."""

import datetime
import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageLogEntry

import pytest

from buildings.models import BuildingPage
from tests.html import Html

pytestmark = pytest.mark.django_db


def embed_html(client, query=None, lang="en"):
    response = client.get(f"/{lang}/map/embed/", query or {})
    assert response.status_code == 200
    return Html(response.content.decode())


def embed_config(html):
    return json.loads(html.one("script#map-config").get_text())["embed"]


def publish(building, day=None, **changes):
    """Publish a real revision of `building` with `changes`: now, or logged as published at noon on `day`."""
    for field, value in changes.items():
        setattr(building, field, value)
    revision = building.save_revision()
    revision.publish()
    if day is not None:
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
        PageLogEntry.objects.filter(page_id=building.pk, revision=revision, action="wagtail.publish").update(
            timestamp=moment
        )
    return revision


@pytest.fixture
def office_a(en):
    """Office Building A (English), under construction as of 10 January 2025, in service since."""
    building = BuildingPage.objects.get(locale=en, slug="office-a")
    publish(building, datetime.date(2025, 1, 10), status="construction", completion_year=2026)
    publish(building, status="in_service", completion_year=2027)
    return BuildingPage.objects.get(pk=building.pk)


# Theme


@pytest.mark.parametrize(("theme", "expected"), [("dark", "dark"), ("auto", "auto"), ("light", "light")])
def test_theme_sets_the_bodys_colour_scheme(client, theme, expected):
    """If this fails, a journalist's dark or automatic colours are ignored and the map glares in a dark article."""
    html = embed_html(client, {"theme": theme})
    assert f"embed--theme-{expected}" in html.one("body")["class"]
    assert html.one('link[href="/static/css/embed.css"]')


@pytest.mark.parametrize("theme", ["", "DARK", "purple", "dark<script>", "\x00"])
def test_an_unknown_theme_falls_back_to_light(client, theme):
    """If this fails, a mistyped theme breaks the embed's colours (or its page)."""
    html = embed_html(client, {"theme": theme})
    assert html.one("body")["class"] == ["embed", "embed--theme-light"]


# Year


def test_year_freezes_the_park_and_follows_to_the_full_map(client):
    """If this fails, an article about 2027 shows the park of whatever year it is read in."""
    html = embed_html(client, {"year": "2027", "building": "office-a"})
    assert embed_config(html)["year"] == 2027
    link = html.one("a#map-full-link")["href"]
    assert parse_qs(urlsplit(link).query) == {"building": ["office-a"], "year": ["2027"]}


@pytest.mark.parametrize("year", ["", "20x7", "1800", "99999", "2027.5", "-2027", "²⁰²⁷", "2027 "])
def test_a_bad_year_means_always_current(client, year):
    """If this fails, a mangled year= freezes the park at a nonsense date or breaks the embed."""
    expected = 2027 if year.strip() == "2027" else None
    assert embed_config(embed_html(client, {"year": year}))["year"] == expected


# Since this article


def test_since_tells_what_changed_from_the_revision_published_then(client, office_a):
    """If this fails, readers of an old article are not told that a building it shows has changed since."""
    html = embed_html(client, {"since": "2025-06-01"})
    lines = html.select(".embed-change")
    assert len(lines) == 1
    text = " ".join(lines[0].get_text().split())
    assert text.startswith("Since this article: Office Building A — ")
    assert "status: under construction → in service" in text
    assert "completion year: 2026 → 2027" in text
    link = lines[0].select_one("a")
    assert urlsplit(link["href"]).path == "/en/buildings/office-a/"
    assert link["target"] == "_blank"


def test_since_before_a_building_was_published_or_today_says_nothing(client, office_a):
    """If this fails, the embed claims changes for buildings that were new, or that have not changed."""
    assert embed_html(client, {"since": "2024-12-31"}).select(".embed-change") == []
    assert embed_html(client, {"since": timezone.localdate().isoformat()}).select(".embed-change") == []


def test_since_in_russian_names_the_change_in_russian(client, ru):
    """If this fails, Russian readers get the change line in English or with English status names."""
    building = BuildingPage.objects.get(locale=ru, slug="office-a")
    publish(building, datetime.date(2025, 1, 10), status="planned")
    publish(building, status="construction")
    text = " ".join(embed_html(client, {"since": "2025-03-01"}, lang="ru").one(".embed-change").get_text().split())
    assert text == "После выхода статьи: Офисный центр A — статус: запланировано → строится"


@pytest.mark.parametrize("since", ["yesterday", "2025-02-30", "2025-1-1", "99999-01-01", "2025-06-01T00:00", "\x00"])
def test_a_bad_since_date_shows_no_line_and_no_error(client, office_a, since):
    """If this fails, a mangled since= breaks the embed instead of just leaving the line out."""
    assert embed_html(client, {"since": since}).select(".embed-change") == []


def test_the_change_lines_cost_two_queries_whatever_the_number_of_buildings(client, office_a):
    """If this fails, every embed with since= costs a query per building: slow articles under load."""
    client.get("/en/map/embed/")  # warm caches (site root, locales)
    with CaptureQueriesContext(connection) as without:
        client.get("/en/map/embed/")
    with CaptureQueriesContext(connection) as with_since:
        client.get("/en/map/embed/", {"since": "2025-06-01"})
    assert len(with_since) - len(without) <= 2  # each building's last publication then, and those revisions


# Data last updated


def test_every_embed_says_when_its_data_was_last_updated(client, office_a):
    """If this fails, readers cannot tell how fresh the map in an old article is."""
    time = embed_html(client).one(".embed-foot time")
    assert "." not in time["datetime"]  # whole seconds, as HTML's datetime attribute allows
    updated = datetime.datetime.fromisoformat(time["datetime"])
    assert updated >= office_a.last_published_at.replace(microsecond=0)
    assert time.get_text().strip()


# Description


def test_description_becomes_a_hidden_summary_of_the_map(client):
    """If this fails, screen-reader users get no description of what the embedded map shows."""
    html = embed_html(client, {"description": "Where the new <b>school</b> goes"})
    summary = html.one("#embed-description")
    assert "visually-hidden" in summary["class"]
    assert summary.get_text() == "Where the new <b>school</b> goes"  # escaped: text, not markup
    assert html.one("#park-map")["aria-describedby"] == "embed-description"


def test_description_is_printable_and_length_limited(client):
    """If this fails, a description could break lines of the page or grow without bound."""
    html = embed_html(client, {"description": "A\x00B\nC" + "x" * 1000})
    text = html.one("#embed-description").get_text()
    assert text.startswith("ABC")
    assert len(text) == 300


def test_without_a_description_there_is_no_empty_summary(client):
    """If this fails, screen readers announce an empty description."""
    html = embed_html(client)
    assert html.select("#embed-description") == []
    assert not html.one("#park-map").get("aria-describedby")


# Gesture


@pytest.mark.parametrize(("value", "expected"), [("0", False), ("", True), ("1", True), ("no", True)])
def test_the_two_finger_gesture_is_off_only_when_asked_for_exactly(client, value, expected):
    """If this fails, readers on phones get stuck in the map without the journalist turning the lock off."""
    assert embed_config(embed_html(client, {"gesture": value}))["gesture"] is expected


def test_pym_parameters_are_accepted_and_ignored(client):
    """If this fails, a frame made by Pym.js (which adds its own parameters) shows a note or an error."""
    html = embed_html(client, {"childId": "map", "initialWidth": "600", "parentTitle": "A", "parentUrl": "http://x/"})
    assert html.select(".embed-note") == []


# oEmbed


def test_oembed_keeps_every_embed_option(client):
    """If this fails, a CMS that takes only a URL loses the journalist's theme, year, gesture or description."""
    url = (
        "http://testserver/en/map/embed/?building=office-a&theme=dark&year=2027&gesture=0"
        "&since=2026-01-02&scroll=1&description=Schools+and+homes&layers=buildings,street"
    )
    data = client.get("/oembed", {"url": url, "maxwidth": "600", "maxheight": "400"}).json()
    frame = Html(data["html"]).one("iframe")
    query = parse_qs(urlsplit(frame["src"]).query)
    assert query == {
        "building": ["office-a"],
        "layers": ["buildings,street"],
        "scroll": ["1"],
        "gesture": ["0"],
        "theme": ["dark"],
        "year": ["2027"],
        "since": ["2026-01-02"],
        "description": ["Schools and homes"],
    }
    assert frame["title"] == "Schools and homes"
    assert (data["width"], data["height"]) == (600, 400)


def test_oembed_drops_bad_embed_options(client):
    """If this fails, oEmbed hands a CMS an iframe with options the embed would refuse anyway."""
    url = "http://testserver/en/map/embed/?theme=neon&year=3000&since=soon&gesture=maybe"
    frame = Html(client.get("/oembed", {"url": url}).json()["html"]).one("iframe")
    assert frame["src"] == "http://testserver/en/map/embed/"


# The generator and the resize script


def test_the_ready_code_carries_the_resize_script(get_html):
    """If this fails, journalists' frames keep a fixed height on pages without Pym.js."""
    code = Html(get_html("/en/map/").one("#embed-static-code").get_text())
    script = code.one("script")
    assert script["src"] == "http://testserver/static/js/embed-resize.js"
    assert script.has_attr("async")


def test_the_resize_script_is_a_static_file_under_its_contracted_name():
    """If this fails, every pasted snippet's script tag 404s in newsroom articles."""
    path = finders.find("js/embed-resize.js")
    assert path, "static/js/embed-resize.js is not found by the static files finders"
    assert "pymxPYMx" in Path(path).read_text()


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_generator_offers_every_option_with_labels(get_html, lang):
    """If this fails, journalists cannot choose the theme, year, gesture, description or resizing."""
    html = get_html(f"/{lang}/map/")
    assert [option["value"] for option in html.select("#embed-theme option")] == ["light", "dark", "auto"]
    assert html.one("#embed-year-current")["value"] == ""
    assert html.one("#embed-year-today")["value"] == str(timezone.localdate().year)
    assert html.one("#embed-gesture").has_attr("checked")
    assert html.one("#embed-resize").has_attr("checked")
    assert html.one("textarea#embed-description")["maxlength"] == "300"
    for field in html.select("#embed-form select, #embed-form input, #embed-form textarea"):
        assert html.select(f'label[for="{field["id"]}"]'), f"no label for #{field['id']}"
