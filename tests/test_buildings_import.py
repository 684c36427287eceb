"""Importing building footprints from GeoJSON: `manage.py import_buildings` and
the admin's "Import buildings" view. A good file gives the changed buildings a
new revision (published or draft) and the English pages follow; a bad file is
reported feature by feature and changes nothing at all."""

import copy
import io
import json
import math
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.gis.geos import GEOSGeometry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from wagtail.models import PageLogEntry, Revision

import pytest

from buildings.admin_views import MAX_UPLOAD_SIZE
from buildings.geometry import as_multipolygon
from buildings.models import BuildingPage
from tests.factories import SuperuserFactory, UserFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "site" / "buildings" / "demo" / "buildings.geojson"
IMPORT_URL = "/admin/buildings/import/"
METRES_PER_DEGREE_LAT = 110_574


# Fixture files


@pytest.fixture
def collection():
    """The demo buildings as a GeoJSON dict, to change and write out."""
    return json.loads(DEMO.read_text())


def feature(collection, slug):
    return next(f for f in collection["features"] if f["id"] == slug)


def shift(geometry, east=0.0, north=0.0):
    """The GeoJSON polygon moved by so many metres east and north."""
    lat = geometry["coordinates"][0][0][1]
    dlon = east / (METRES_PER_DEGREE_LAT * 1.0034 * math.cos(math.radians(lat)))
    dlat = north / METRES_PER_DEGREE_LAT
    moved = copy.deepcopy(geometry)
    moved["coordinates"] = [[[x + dlon, y + dlat] for x, y in ring] for ring in geometry["coordinates"]]
    return moved


def write(tmp_path, data, name="buildings.geojson"):
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def footprint_of(geometry):
    """A GeoJSON polygon as the MultiPolygon a building stores."""
    return as_multipolygon(GEOSGeometry(json.dumps(geometry), srid=4326))


def snapshot():
    """Every building row in both languages, and the revision and history counts."""
    rows = [
        (
            page.pk,
            page.locale_id,
            page.footprint.wkt,
            page.latest_revision_id,
            page.live_revision_id,
            page.has_unpublished_changes,
        )
        for page in BuildingPage.objects.order_by("pk")
    ]
    return rows, Revision.objects.count(), PageLogEntry.objects.count()


def run_import(path, *args):
    """Run the command in English; return its output, or raise CommandError with its errors attached."""
    out, err = io.StringIO(), io.StringIO()
    with translation.override("en"):
        try:
            call_command("import_buildings", str(path), *args, stdout=out, stderr=err)
        except CommandError as error:
            error.stderr = err.getvalue()
            raise
    return out.getvalue()


def page(locale, slug):
    return BuildingPage.objects.get(locale=locale, slug=slug)


# The command, good files


@pytest.fixture
def moved_file(collection, tmp_path):
    """The demo file with office-a moved 3 m east and residence-2 3 m north."""
    feature(collection, "office-a")["geometry"] = shift(feature(collection, "office-a")["geometry"], east=3)
    feature(collection, "residence-2")["geometry"] = shift(feature(collection, "residence-2")["geometry"], north=3)
    return write(tmp_path, collection), collection


@pytest.mark.smoke
def test_command_publishes_new_footprints_and_reports_counts(moved_file, ru, en, django_capture_on_commit_callbacks):
    """Buildings moved in the file are published at their new place, in both languages; the rest are left alone."""
    path, data = moved_file
    others_before = {p.slug: p.latest_revision_id for p in BuildingPage.objects.filter(locale=ru)}
    revisions_before = Revision.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        out = run_import(path)
    assert "Created (0): —" in out
    assert "Updated and published (2): office-a, residence-2" in out
    assert "Left alone, same geometry (15):" in out
    for slug in ("office-a", "residence-2"):
        expected = footprint_of(feature(data, slug)["geometry"])
        russian = page(ru, slug)
        assert russian.live_revision_id == russian.latest_revision_id != others_before[slug]
        assert not russian.has_unpublished_changes
        assert russian.footprint.equals_exact(expected, 1e-9)
        english = russian.get_translation(en)
        assert english.footprint.equals_exact(expected, 1e-9), "the English page keeps the old footprint"
        assert english.live_revision.as_object().footprint.equals_exact(expected, 1e-9)
        assert not english.has_unpublished_changes
    untouched = {p.slug: p.latest_revision_id for p in BuildingPage.objects.filter(locale=ru)}
    assert {slug: rev for slug, rev in untouched.items() if slug not in ("office-a", "residence-2")} == {
        slug: rev for slug, rev in others_before.items() if slug not in ("office-a", "residence-2")
    }
    # One new revision per building in each language.
    assert Revision.objects.count() == revisions_before + 4


def test_command_with_draft_leaves_the_live_pages_as_they_were(moved_file, ru, en, django_capture_on_commit_callbacks):
    """--draft saves the new footprint for review; readers in both languages still see the old one."""
    path, data = moved_file
    before = page(ru, "office-a")
    english_before = before.get_translation(en)
    with django_capture_on_commit_callbacks(execute=True):
        out = run_import(path, "--draft")
    assert "Updated as drafts (2): office-a, residence-2" in out
    assert "sync the translated pages" in out
    after = page(ru, "office-a")
    assert after.footprint.equals_exact(before.footprint, 0), "the live footprint changed"
    assert after.live_revision_id == before.live_revision_id
    assert after.latest_revision_id != before.latest_revision_id
    assert after.has_unpublished_changes
    expected = footprint_of(feature(data, "office-a")["geometry"])
    assert after.get_latest_revision_as_object().footprint.equals_exact(expected, 1e-9)
    english = after.get_translation(en)
    assert english.footprint.equals_exact(english_before.footprint, 0)
    assert english.latest_revision_id == english_before.latest_revision_id


def test_publishing_a_draft_import_again_publishes_it(moved_file, ru, en, django_capture_on_commit_callbacks):
    """A draft import followed by a publishing one: the second publishes the drafts and updates English."""
    path, data = moved_file
    run_import(path, "--draft")
    with django_capture_on_commit_callbacks(execute=True):
        out = run_import(path)
    assert "Updated and published (2): office-a, residence-2" in out
    expected = footprint_of(feature(data, "office-a")["geometry"])
    russian = page(ru, "office-a")
    assert russian.footprint.equals_exact(expected, 1e-9)
    assert russian.get_translation(en).footprint.equals_exact(expected, 1e-9)


def test_importing_the_same_file_again_changes_nothing(moved_file, django_capture_on_commit_callbacks):
    """A second run of the same file leaves every building alone: no new revisions, no history noise."""
    path, _data = moved_file
    with django_capture_on_commit_callbacks(execute=True):
        run_import(path)
    before = snapshot()
    out = run_import(path)
    assert "Updated and published (0): —" in out
    assert "Left alone, same geometry (17):" in out
    assert snapshot() == before


def test_the_demo_file_itself_leaves_everything_alone(tmp_path):
    """Importing the footprints the site already has is a no-op."""
    before = snapshot()
    out = run_import(DEMO)
    assert "Left alone, same geometry (17):" in out
    assert snapshot() == before


def test_slug_from_properties_multipolygon_and_altitude_are_accepted(collection, tmp_path, ru):
    """A feature without `id` is matched by properties.slug; MultiPolygons and 3D positions are read."""
    office = feature(collection, "office-b")
    del office["id"]
    moved = shift(office["geometry"], north=2)
    office["geometry"] = {
        "type": "MultiPolygon",
        "coordinates": [[[[x, y, 12.5] for x, y in ring] for ring in moved["coordinates"]]],
    }
    out = run_import(write(tmp_path, {"type": "FeatureCollection", "features": [office]}))
    assert "Updated and published (1): office-b" in out
    stored = page(ru, "office-b").footprint
    assert stored.geom_type == "MultiPolygon"
    assert not stored.hasz
    assert stored.equals_exact(footprint_of(moved), 1e-9)


def test_buildings_moving_into_each_others_places_are_imported_together(
    collection, tmp_path, ru, en, django_capture_on_commit_callbacks
):
    """office-c moves into where office-d stood while office-d moves on: fine in one file, in both languages."""
    features = []
    for slug in ("office-c", "office-d"):
        moved = feature(collection, slug)
        moved["geometry"] = shift(moved["geometry"], east=10)
        features.append(moved)
    with django_capture_on_commit_callbacks(execute=True):
        out = run_import(write(tmp_path, {"type": "FeatureCollection", "features": features}))
    assert "Updated and published (2): office-c, office-d" in out
    for moved in features:
        expected = footprint_of(moved["geometry"])
        assert page(ru, moved["id"]).footprint.equals_exact(expected, 1e-9)
        assert page(en, moved["id"]).footprint.equals_exact(expected, 1e-9)


# The command, bad files

BOW_TIE = {
    "type": "Polygon",
    "coordinates": [
        [[20.4680, 54.7415], [20.4684, 54.7417], [20.4684, 54.7415], [20.4680, 54.7417], [20.4680, 54.7415]]
    ],
}
CRS = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}


def _not_a_feature(c):
    c["features"][1] = feature(c, "business-support-centre")["geometry"]


def _no_slug(c):
    office = feature(c, "office-a")
    del office["id"]
    del office["properties"]["slug"]


def _duplicate(c):
    office = feature(c, "office-b")
    office["id"] = office["properties"]["slug"] = "office-a"


def _unknown(c):
    office = feature(c, "office-c")
    office["id"] = office["properties"]["slug"] = "no-such-building"


def _disagreeing(c):
    feature(c, "office-c")["properties"]["slug"] = "office-d"


def _geometry(slug, value):
    def change(c):
        feature(c, slug)["geometry"] = value(feature(c, slug)["geometry"]) if callable(value) else value

    return change


def _swapped(g):
    return {"type": "Polygon", "coordinates": [[[y, x] for x, y in ring] for ring in g["coordinates"]]}


def _far_away(g):
    return {"type": "Polygon", "coordinates": [[[x + 17.1, y + 1.0] for x, y in ring] for ring in g["coordinates"]]}


def _with_crs(g):
    return {**g, "crs": CRS}


def _strings(g):
    return {"type": "Polygon", "coordinates": [[[str(x), str(y)] for x, y in ring] for ring in g["coordinates"]]}


def _huge_number(g):
    """A longitude of 400 digits: valid JSON, too big for any float."""
    ring = [[10**400, y] for _x, y in g["coordinates"][0]]
    return {"type": "Polygon", "coordinates": [ring]}


def _flat(g):
    return {"type": "Polygon", "coordinates": g["coordinates"][0]}


def _open_ring(g):
    return {"type": "Polygon", "coordinates": [g["coordinates"][0][:-1]]}


def _overlapping_a_neighbour(c):
    moved = feature(c, "administration-building")
    moved["geometry"] = shift(feature(c, "business-support-centre")["geometry"], east=3)
    c["features"] = [moved]


def _overlapping_each_other(c):
    admin = feature(c, "administration-building")
    support = feature(c, "business-support-centre")
    admin["geometry"] = shift(support["geometry"], east=3)


# The number of each demo building's feature in the demo file.
NUMBER = {f["id"]: n for n, f in enumerate(json.loads(DEMO.read_text())["features"], start=1)}
NEIGHBOUR = "The footprint overlaps another building: Центр поддержки бизнеса (business-support-centre)."

BAD_FEATURES = {
    # case: (change, number and slug of the faulty feature as reported, fault)
    "not a feature": (_not_a_feature, 2, None, "It is not a GeoJSON Feature."),
    "no slug": (_no_slug, NUMBER["office-a"], None, "It has no slug"),
    "duplicate slug": (
        _duplicate,
        NUMBER["office-b"],
        "office-a",
        f"The slug “office-a” is used again: feature {NUMBER['office-a']} has it already.",
    ),
    "unknown slug": (
        _unknown,
        NUMBER["office-c"],
        "no-such-building",
        "There is no building with the slug “no-such-building”.",
    ),
    "id and slug disagree": (
        _disagreeing,
        NUMBER["office-c"],
        "office-c",
        "Its “id” (office-c) and “properties.slug” (office-d) name different buildings.",
    ),
    "no geometry": (_geometry("office-a", None), NUMBER["office-a"], "office-a", "It has no geometry"),
    "point": (
        _geometry("office-a", {"type": "Point", "coordinates": [20.47, 54.742]}),
        NUMBER["office-a"],
        "office-a",
        "The footprint must be a polygon or a multipolygon, not a Point.",
    ),
    "line": (
        _geometry("office-a", {"type": "LineString", "coordinates": [[20.47, 54.742], [20.471, 54.742]]}),
        NUMBER["office-a"],
        "office-a",
        "The footprint must be a polygon or a multipolygon, not a LineString.",
    ),
    "crs on a geometry": (
        _geometry("office-a", _with_crs),
        NUMBER["office-a"],
        "office-a",
        "GeoJSON has no “crs” member",
    ),
    "self-intersecting": (_geometry("office-a", BOW_TIE), NUMBER["office-a"], "office-a", "The outline crosses itself"),
    "lat/lon order": (
        _geometry("office-a", _swapped),
        NUMBER["office-a"],
        "office-a",
        "The coordinates are in latitude, longitude order",
    ),
    "outside the region": (
        _geometry("office-a", _far_away),
        NUMBER["office-a"],
        "office-a",
        "It lies outside the park",
    ),
    "huge number": (
        _geometry("office-a", _huge_number),
        NUMBER["office-a"],
        "office-a",
        "The coordinates do not make a Polygon",
    ),
    "string coordinates": (
        _geometry("office-a", _strings),
        NUMBER["office-a"],
        "office-a",
        "The coordinates do not make a Polygon",
    ),
    "wrong nesting": (
        _geometry("office-a", _flat),
        NUMBER["office-a"],
        "office-a",
        "The coordinates do not make a Polygon",
    ),
    "open ring": (
        _geometry("office-a", _open_ring),
        NUMBER["office-a"],
        "office-a",
        "Each ring needs at least four positions",
    ),
    "overlaps a building not in the file": (_overlapping_a_neighbour, 1, "administration-building", NEIGHBOUR),
    "features overlap each other": (
        _overlapping_each_other,
        NUMBER["administration-building"],
        "administration-building",
        NEIGHBOUR,
    ),
}


@pytest.mark.parametrize("case", BAD_FEATURES)
def test_command_refuses_a_bad_feature_and_changes_nothing(collection, tmp_path, case):
    """The command exits non-zero, names the feature (number and slug) and its fault, and the database is as before."""
    change, number, slug, fault = BAD_FEATURES[case]
    # A good change beside the bad one: refusing the file must undo it too.
    feature(collection, "residence-2")["geometry"] = shift(feature(collection, "residence-2")["geometry"], north=2)
    change(collection)
    before = snapshot()
    with pytest.raises(CommandError) as raised:
        run_import(write(tmp_path, collection))
    assert "Nothing was changed. Faults found:" in str(raised.value)
    where = f"Feature {number} ({slug})" if slug else f"Feature {number}"
    assert f"{where}: {fault}" in raised.value.stderr
    assert "Updated" not in raised.value.stderr
    assert snapshot() == before


@pytest.mark.smoke
def test_overlapping_features_are_both_named(collection, tmp_path):
    """Two features of the file that would overlap each other are each reported, naming the other."""
    _overlapping_each_other(collection)
    before = snapshot()
    with pytest.raises(CommandError) as raised:
        run_import(write(tmp_path, collection))
    report = raised.value.stderr
    assert "Feature 1 (administration-building): The footprint overlaps another building: Центр поддержки" in report
    assert "Feature 2 (business-support-centre): The footprint overlaps another building: Административный" in report
    assert snapshot() == before


def test_every_fault_of_a_file_is_reported_at_once(collection, tmp_path):
    """An editor fixes a file in one go: all faulty features are listed, not just the first."""
    _unknown(collection)
    _geometry("office-a", BOW_TIE)(collection)
    _geometry("residence-1", _swapped)(collection)
    before = snapshot()
    with pytest.raises(CommandError) as raised:
        run_import(write(tmp_path, collection))
    assert "Faults found: 3." in str(raised.value)
    report = raised.value.stderr
    assert "(no-such-building): There is no building" in report
    assert "(office-a): The outline crosses itself" in report
    assert "(residence-1): The coordinates are in latitude, longitude order" in report
    assert snapshot() == before


BAD_FILES = {
    "not JSON": (
        '{"type": "FeatureCollection",\n "features": [\n  {"type": "Feature" "id": "office-a"}]}',
        "The file: The file is not valid JSON: Expecting ',' delimiter at line 3, column 22.",
    ),
    "not a FeatureCollection": (
        json.dumps({"type": "Feature", "id": "office-a", "geometry": None, "properties": {}}),
        "The file: The file is not a GeoJSON FeatureCollection.",
    ),
    "a JSON list": ("[]", "The file is not a GeoJSON FeatureCollection."),
    "crs on the collection": (
        json.dumps({"type": "FeatureCollection", "crs": CRS, "features": []}),
        "The file: GeoJSON has no “crs” member (RFC 7946)",
    ),
    "no features": (json.dumps({"type": "FeatureCollection", "features": []}), "The file has no features."),
    "features not a list": (
        json.dumps({"type": "FeatureCollection", "features": {"office-a": {}}}),
        "The FeatureCollection has no list of features.",
    ),
    "NaN": ('{"type": "FeatureCollection", "features": [NaN]}', "NaN is not a number JSON allows."),
    "not UTF-8": ("Офис".encode("cp1251"), "The file: The file is not UTF-8 text (byte 1)."),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_command_refuses_a_bad_file_and_changes_nothing(tmp_path, case):
    """A file that is not a usable FeatureCollection is refused with what is wrong with it, and nothing changes."""
    content, fault = BAD_FILES[case]
    before = snapshot()
    with pytest.raises(CommandError) as raised:
        run_import(write(tmp_path, content))
    assert fault in raised.value.stderr
    assert snapshot() == before


def test_missing_file_is_a_clear_error(tmp_path):
    """A mistyped file name gets a one-line error, not a traceback."""
    with pytest.raises(CommandError, match=r"Cannot read .*nowhere\.geojson: No such file or directory"):
        run_import(tmp_path / "nowhere.geojson")


def test_command_exits_non_zero_from_the_shell(collection, tmp_path):
    """Run as a real process (as scripts and CI do), a bad file gives exit status 1 and the faulty slug on stderr."""
    _unknown(collection)
    path = write(tmp_path, collection)
    database = settings.DATABASES["default"]
    url = "postgis://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(**database)
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "itpark.settings.test"}
    before = snapshot()
    result = subprocess.run(
        [sys.executable, "manage.py", "import_buildings", str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert "no-such-building" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot() == before


# The admin view


@pytest.fixture
def editor(client):
    user = SuperuserFactory(admin_language="en")
    client.force_login(user)
    return user


def upload(client, data, *, action="publish", name="buildings.geojson"):
    if not isinstance(data, bytes):
        data = json.dumps(data).encode()
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, data), "action": action})


def test_import_view_is_in_the_admin_menu_with_its_form(client, editor):
    """An editor finds "Import buildings" in the admin menu and a form to upload a file."""
    assert reverse("buildings_import") == IMPORT_URL
    dashboard = client.get("/admin/").content.decode()
    assert IMPORT_URL in dashboard
    response = client.get(IMPORT_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html
    assert 'type="file"' in html
    assert 'accept=".geojson,.json' in html
    assert 'enctype="multipart/form-data"' in html
    assert "Save them as drafts for review" in html


def test_admin_import_publishes_a_good_file(client, editor, moved_file, ru, en, django_capture_on_commit_callbacks):
    """An editor uploads a good file and sees what was updated and left alone; both languages show the change."""
    path, data = moved_file
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, path.read_bytes())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Updated and published (2): office-a, residence-2" in html
    assert "Left alone, same geometry (15):" in html
    expected = footprint_of(feature(data, "office-a")["geometry"])
    russian = page(ru, "office-a")
    assert russian.footprint.equals_exact(expected, 1e-9)
    assert russian.get_latest_revision().user == editor, "the history does not say who imported it"
    assert russian.get_translation(en).footprint.equals_exact(expected, 1e-9)


def test_admin_import_as_drafts(client, editor, moved_file, ru):
    """Choosing drafts in the admin keeps the live footprint and leaves a draft to review."""
    path, _data = moved_file
    before = page(ru, "office-a")
    response = upload(client, path.read_bytes(), action="draft")
    assert "Updated as drafts (2): office-a, residence-2" in response.content.decode()
    after = page(ru, "office-a")
    assert after.footprint.equals_exact(before.footprint, 0)
    assert after.has_unpublished_changes


def test_admin_import_lists_faults_by_feature_and_changes_nothing(client, editor, collection):
    """A bad file shows a table of faults (feature number, slug, fault) and the database is as before."""
    _unknown(collection)
    _geometry("office-a", BOW_TIE)(collection)
    before = snapshot()
    response = upload(client, collection)
    assert response.status_code == 200
    html = response.content.decode()
    assert "buildings.geojson was not imported" in html
    assert "Nothing was changed. Faults found: 2." in html
    assert f"<td>{NUMBER['office-c']}</td>" in html
    assert "<code>no-such-building</code>" in html
    assert "There is no building with the slug “no-such-building”." in html
    assert "The outline crosses itself" in html
    assert snapshot() == before


def test_admin_import_reports_a_file_that_is_not_json(client, editor):
    """A broken file is reported with where the JSON breaks."""
    before = snapshot()
    html = upload(client, b'{"type": "FeatureCollection",\n "features": [}').content.decode()
    assert "The file is not valid JSON" in html
    assert "line 2, column" in html
    assert snapshot() == before


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("buildings.geojson", b"", "The submitted file is empty."),
        ("buildings.geojson", "Офис".encode("cp1251"), "The file is not UTF-8 text (byte 1)."),
        ("buildings.geojson", b" " * (MAX_UPLOAD_SIZE + 1), "the largest file accepted is 5.0"),
        ("buildings.txt", b"{}", "File extension “txt” is not allowed."),
    ],
)
def test_admin_import_refuses_unusable_uploads(client, editor, name, data, message):
    """Empty, oversized, non-UTF-8 or wrongly named uploads get a clear error on the form and change nothing."""
    before = snapshot()
    response = upload(client, data, name=name)
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert message in response.content.decode()
    assert "report" not in response.context
    assert snapshot() == before


def test_anonymous_visitor_cannot_import(client, moved_file):
    """Without logging in, the import page sends to the login form and an upload changes nothing."""
    path, _data = moved_file
    assert client.get(IMPORT_URL).status_code == 302
    before = snapshot()
    response = upload(client, path.read_bytes())
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert snapshot() == before


def test_admin_user_without_page_permissions_cannot_import(client, moved_file):
    """Someone who may enter the admin but not change building pages neither sees nor uses the import."""
    path, _data = moved_file
    group = Group.objects.create(name="Readers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = UserFactory(admin_language="en")
    user.groups.add(group)
    client.force_login(user)
    assert IMPORT_URL not in client.get("/admin/").content.decode()
    assert client.get(IMPORT_URL).status_code == 302
    before = snapshot()
    assert upload(client, path.read_bytes()).status_code == 302
    assert snapshot() == before


def test_editor_without_publish_permission_may_only_save_drafts(client, moved_file, ru):
    """Wagtail's Editors group may change pages but not publish: the import offers drafts and refuses to publish."""
    path, _data = moved_file
    user = UserFactory(admin_language="en")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    before = snapshot()
    response = upload(client, path.read_bytes(), action="publish")
    assert "You may not publish building pages" in response.content.decode()
    assert snapshot() == before
    response = upload(client, path.read_bytes(), action="draft")
    assert "Updated as drafts (2): office-a, residence-2" in response.content.decode()
    assert page(ru, "office-a").has_unpublished_changes


def test_an_editors_draft_import_reaches_the_moderators(client, moved_file, ru, mailoutbox):
    """Drafts nobody is told about are lost work: an editor's import enters the moderation workflow,
    as an edit in the page editor does, and the moderators are told."""
    path, _data = moved_file
    user = UserFactory(admin_language="en")
    user.groups.add(Group.objects.get(name="Editors"))
    moderator = UserFactory(admin_language="en", email="moderator@itpark.example")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(user)
    html = upload(client, path.read_bytes(), action="draft").content.decode()
    assert "Submitted for moderation (2): office-a, residence-2" in html
    office = page(ru, "office-a")
    assert office.workflow_in_progress
    state = office.current_workflow_state
    assert state.requested_by == user
    assert state.current_task_state.revision_id == office.latest_revision_id, "the reviewers see the import"
    assert any(moderator.email in message.to for message in mailoutbox), "no moderator was told"

    # Importing again while in moderation keeps the one workflow: the reviewers see the newest draft.
    upload(client, path.read_bytes(), action="draft")
    assert office.workflow_states.filter(status="in_progress").count() == 1


def test_russian_admin_lists_the_faults_in_russian(client, collection):
    """A Russian-speaking editor reads the import report in Russian."""
    client.force_login(SuperuserFactory(admin_language="ru"))
    _unknown(collection)
    html = upload(client, collection).content.decode()
    assert '<html lang="ru"' in html
    assert "Импорт зданий" in html
    assert "buildings.geojson не импортирован" in html
    assert "Ничего не изменено. Найдено ошибок: 1." in html
    assert "Нет здания со слагом «no-such-building»." in html
