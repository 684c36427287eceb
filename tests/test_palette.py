"""The purpose and status colours are defined once (static/css/palette.css) and both drawings use them.

If a purpose had no colour, its buildings would be grey on the map and in the
PNG plan while the legend named a colour; if the PNG kept its own copy, the
picture journalists download would disagree with the page.
"""

import re
from pathlib import Path

import pytest

from buildings.models import Purpose, Status
from map import palette, plan_image

STATIC = Path(__file__).resolve().parent.parent / "static"


def test_every_purpose_and_status_has_a_colour():
    colours = palette.colours()
    assert set(colours["purpose"]) == set(Purpose.values)
    assert set(colours["status"]) == set(Status.values)


def test_the_palette_is_the_only_place_colours_of_purposes_are_written():
    """No stylesheet or script repeats a purpose's colour or names one outside the palette classes."""
    hexes = {colour for group in palette.colours().values() for colour in group.values()}
    for path in [*STATIC.rglob("*.css"), *STATIC.rglob("*.js")]:
        if path.name == "palette.css":
            continue
        text = path.read_text().lower()
        assert not [colour for colour in hexes if colour in text], f"{path.name} repeats a palette colour"
        assert not re.search(r"--(purpose|status)-[a-z]", text), f"{path.name} defines its own purpose variables"


@pytest.mark.django_db
def test_the_png_plan_paints_buildings_in_the_palette_colours():
    scene = plan_image.compose("en")
    fills = {
        item.attrs["class"].split()[1].removeprefix("building--"): group_item.fill
        for item in scene.items
        if isinstance(item, plan_image.Group) and "building" in item.attrs.get("class", "").split()
        for group_item in item.items[:1]
    }
    assert fills, "no building on the plan"
    assert all(fill == palette.purpose_colour(purpose) for purpose, fill in fills.items())


def test_every_open_space_kind_has_a_colour():
    """If this fails, the square, the greens or the lanes are grey on the plans while the map paints them."""
    from map.inline_plan import OPEN_SPACE_KINDS

    assert set(palette.colours()["feature"]) == {str(kind) for kind in OPEN_SPACE_KINDS}
    assert all(palette.feature_colour(kind) != palette.OTHER_COLOUR for kind in OPEN_SPACE_KINDS)


@pytest.mark.django_db
def test_the_png_plan_paints_the_open_space_in_the_palette_colours():
    """If this fails, the PNG plan journalists download draws the square, greens or lanes unlike the map."""
    scene = plan_image.compose("en")
    groups = [item for item in scene.items if isinstance(item, plan_image.Group)]
    painted = {}
    for group in groups:
        kind = group.attrs.get("class", "")
        if kind in ("square", "green"):
            painted.setdefault(kind, set()).update(shape.fill for shape in group.items)
        elif kind == "lane":
            painted.setdefault(kind, set()).update(line.stroke for line in group.items)
    assert painted == {kind: {palette.feature_colour(kind)} for kind in ("square", "green", "lane")}
