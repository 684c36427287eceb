"""The site plan in pages: {% site_plan %}, {% plan_legend %}, {% footprint_drawing %}, {% building_map_url %}.

The building directory and building pages (app buildings), the map page and
the park-map block of articles show the plan; the drawing is the map's
(map.inline_plan), so those templates ask for it here and the buildings'
models know nothing of plans. Render the result with
templates/components/site_plan.html.
"""

from urllib.parse import urlencode

from django import template

from wagtail.models import Locale

from map import inline_plan
from map.models import MapFeature

register = template.Library()


@register.simple_tag(takes_context=True)
def site_plan(context, buildings, highlighted=(), frame="all", locale=None, padding=0, min_size=0):
    """The plan of `buildings` with the boundary and streets of their language.

    highlighted: a building or buildings drawn emphasised. frame: "all" (fit
    everything drawn), "site" (fit the site boundary) or a geometry (e.g. a
    building's footprint). locale: the language of the boundary and street
    names; by default the page's, else the active language's.
    """
    request = context.get("request")
    page = context.get("page")
    locale = locale or getattr(page, "locale", None) or Locale.get_active()
    chosen = {building.pk for building in _many(highlighted)}
    features = inline_plan.map_features(locale, inline_plan.CONTEXT_KINDS)
    features += [
        inline_plan.building_feature(building, building.get_url(request), building.pk in chosen)
        for building in buildings
    ]
    if isinstance(frame, str):  # "site" or "all"
        boundary = MapFeature.objects.public_in(locale).boundary() if frame == "site" else None
        frame = boundary.geometry if boundary else None
    return inline_plan.draw(features, frame, padding=padding, min_size=min_size)


@register.simple_tag
def plan_legend(buildings):
    """The purposes of `buildings` for the plan's legend: [(value, label)] in the order of the choices."""
    return inline_plan.legend(buildings)


@register.simple_tag
def footprint_drawing(building):
    """A building's footprint alone, as a small drawing (the directory's card without a photo)."""
    feature = inline_plan.PlanFeature(geometry=building.footprint, kind="building", key=building.slug)
    return inline_plan.draw([feature], padding=3)


@register.simple_tag
def building_map_url(building):
    """The interactive map (its fixed address, /{lang}/map/) with this building selected."""
    return f"/{building.locale.language_code}/map/?{urlencode({'building': building.slug})}"


def _many(value):
    if not value:
        return []
    return value if isinstance(value, list | tuple | set) else [value]
