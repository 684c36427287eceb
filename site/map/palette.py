"""The purpose and status colours (and the open space's: squares, greens, lanes), read from the one place they are defined: static/css/palette.css.

The pages paint with those CSS classes; the site plan as SVG and PNG
(map.plan_image) has no stylesheet, so it reads the same declarations here.
A value without a colour is drawn in OTHER_COLOUR (tests hold every choice
to have one).
"""

import re
from functools import cache

from django.contrib.staticfiles import finders

PALETTE = "css/palette.css"
# `.purpose--offices { --swatch: #4b9fd5; }`
DECLARATION = re.compile(
    r"^\.(purpose|status|feature)--([\w-]+)\s*\{\s*--swatch:\s*(#[0-9a-fA-F]{6})\s*;\s*\}", re.MULTILINE
)
OTHER_COLOUR = "#9aa5ae"


@cache
def colours():
    """{"purpose": {value: "#rrggbb"}, "status": {...}}, read once per process."""
    path = finders.find(PALETTE)
    if path is None:
        raise LookupError(f"The palette {PALETTE} is not among the static files.")
    with open(path, encoding="utf-8") as css:
        text = css.read()
    palette = {"purpose": {}, "status": {}, "feature": {}}
    for group, value, colour in DECLARATION.findall(text):
        palette[group][value] = colour.lower()
    return palette


def purpose_colour(value):
    return colours()["purpose"].get(value, OTHER_COLOUR)


def status_colour(value):
    return colours()["status"].get(value, OTHER_COLOUR)


def feature_colour(kind):
    """The colour of an open-space map feature (square, green, lane)."""
    return colours()["feature"].get(kind, OTHER_COLOUR)
