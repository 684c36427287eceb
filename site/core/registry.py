"""What a higher part of the site lends to a lower one, through Wagtail hooks.

The parts depend on each other in one direction (docs/architecture.md):
core ← home ← buildings ← map ← news. Sometimes a lower part needs something
that a higher one owns: the admin map widget (core) shows the site boundary
(map) and the other buildings (buildings) around the shape being drawn, and
the buildings' "too far from the park" check needs the site boundary (map).
The lower part asks here; the higher part answers by registering a function
in its wagtail_hooks.py, as Wagtail's own contrib apps do. Nothing here knows
which app answers.

Hooks:

``SITE_BOUNDARY``
    ``fn(locale) -> GEOSGeometry | None``: the park's site boundary in that
    locale (a Locale, or None for the default language). The first answer
    that is not None is used.

``REFERENCE_LAYERS``
    ``fn(locale_id, exclude_translation_key) -> ReferenceLayer | None``: a
    layer drawn, muted and not editable, around the geometry being edited in
    the admin. ``exclude_translation_key`` is the object being edited, to be
    left out in every language.

``HOME_SECTIONS``
    ``fn(page, request) -> HomeSection | None``: a section of the home page
    (`page`, in the reader's language) that a higher part draws: the park's
    figures and institutions (residents), the map teaser (map), the latest
    news (news). Shown in the order of `HomeSection.order`.
``SCHEDULED_CHANGES``
    ``fn(since, until) -> bool``: whether content that pages show changes by
    the clock alone between two moments (a header banner starts or stops
    showing). The scheduler (``manage.py run_scheduler``) asks after each
    pass and renews the public cache when any answer is True.
``CACHED_OUTPUTS``
    ``fn() -> iterable of site paths`` (``/ru/map/embed/``,
    ``/api/map/buildings.geojson?lang=en``): the outputs a part draws from
    many pages at once (the map's API, embed, plans and downloads; the news
    feed). core.frontend_cache purges them from the reverse-proxy cache
    whenever a page is published, unpublished, moved or deleted.

``SHOWN_EVERYWHERE``
    ``fn(page) -> bool``: does a change to this page show on (nearly) every
    page, as a building does (the plans, the neighbours, the article blocks)
    or a menu entry? Then every public URL is purged, not only the page, its
    index pages and the CACHED_OUTPUTS.
"""

from dataclasses import dataclass, field

from wagtail import hooks

SITE_BOUNDARY = "itpark_site_boundary"
REFERENCE_LAYERS = "itpark_map_reference_layers"
HOME_SECTIONS = "itpark_home_sections"
SCHEDULED_CHANGES = "itpark_scheduled_changes"
CACHED_OUTPUTS = "itpark_cached_outputs"
SHOWN_EVERYWHERE = "itpark_shown_everywhere"


@dataclass
class ReferenceLayer:
    """Shapes of one kind for the admin map: `name` is the layer's code (the widget styles by it)."""

    name: str
    label: str
    shapes: list = field(default_factory=list)  # [(name, GEOSGeometry)]


def site_boundary(locale=None):
    """The site boundary in `locale` (the default language when None), or None when none is drawn."""
    for answer in hooks.get_hooks(SITE_BOUNDARY):
        boundary = answer(locale)
        if boundary is not None:
            return boundary
    return None


def reference_layers(locale_id, exclude_translation_key=None):
    """The layers the higher parts draw around the admin map, in the order they registered."""
    layers = (answer(locale_id, exclude_translation_key) for answer in hooks.get_hooks(REFERENCE_LAYERS))
    return [layer for layer in layers if layer is not None]


@dataclass
class HomeSection:
    """One section of the home page: `template` rendered with `context` (plus `request`), by `order`."""

    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


def home_sections(page, request):
    """The sections the higher parts add to the home page, in their order."""
    sections = (answer(page, request) for answer in hooks.get_hooks(HOME_SECTIONS))
    return sorted((section for section in sections if section is not None), key=lambda section: section.order)


def scheduled_changes(since, until):
    """True when a higher part says content shown on pages changed by the clock between `since` and `until`."""
    return any(answer(since, until) for answer in hooks.get_hooks(SCHEDULED_CHANGES))


def cached_outputs():
    """Every path the parts registered as drawn from many pages, in registration order, without repeats."""
    paths = (path for answer in hooks.get_hooks(CACHED_OUTPUTS) for path in answer())
    return list(dict.fromkeys(paths))


def shown_everywhere(page):
    """True when any part says a change to `page` shows on (nearly) every page."""
    return any(answer(page) for answer in hooks.get_hooks(SHOWN_EVERYWHERE))
