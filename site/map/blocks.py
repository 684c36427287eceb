"""StreamField blocks that show the map: the park's site plan in an article."""

import uuid

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.models import Locale

from buildings.models import BuildingPage


class ParkMapBlock(blocks.StructBlock):
    """The park's site plan with chosen buildings highlighted, and a list of links to them."""

    buildings = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="buildings.BuildingPage", label=_("Building")),
        label=_("Buildings to highlight"),
        min_num=1,
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        template = "components/blocks/park_map.html"
        icon = "site"
        label = _("Park map")
        description = _("The site plan with the chosen buildings highlighted.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        locale = Locale.get_active()
        chosen = [page.specific.localized for page in value["buildings"] if page is not None and page.live]
        context.update(
            chosen_buildings=chosen,
            all_buildings=list(BuildingPage.objects.public_in(locale).in_plan_order()),
            locale=locale,
            id_prefix=f"park-map-{uuid.uuid4().hex[:8]}",
        )
        return context
