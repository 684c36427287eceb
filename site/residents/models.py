from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail_localize.fields import TranslatableField

from buildings.models import Organisation, Sector
from core.pages import FixedSlugMixin, SitePage
from residents import figures


class ResidentsPage(SitePage, FixedSlugMixin, Page):
    """Who is in the park (/{lang}/residents/): the institutions of the single window, the resident
    companies by sector (filterable without JavaScript), and the space to let in total."""

    fixed_slug = "residents"

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    override_translatable_fields = [TranslatableField("intro")]

    class Meta:
        verbose_name = _("residents page")

    def read_sector(self, query):
        """The sector asked for (a Sector value or ""), and a notice when the value names none."""
        value = query.get("sector", "").strip()
        if value and value not in Sector.values:
            return "", _("There is no sector “%(value)s”, so companies of every sector are shown.") % {
                "value": value[:60]
            }
        return value, None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        language = translation.get_language()  # the page's, while it is served
        sector, notice = self.read_sector(request.GET)
        organisations = list(Organisation.objects.live().filter(locale_id=self.locale_id).select_related("logo"))
        buildings = figures.buildings_of(organisations, self.locale_id)
        for organisation in organisations:
            organisation.housed_in = buildings.get(organisation.translation_key, [])
        institutions = [o for o in organisations if o.kind == Organisation.Kind.INSTITUTION]
        residents = [o for o in organisations if o.kind == Organisation.Kind.RESIDENT]
        shown = [o for o in residents if not sector or o.sector == sector]
        by_sector = []
        for value, label in Sector.choices:
            members = [o for o in shown if o.sector == value]
            if members:
                by_sector.append({"value": value, "label": label, "organisations": members})
        others = [o for o in shown if not o.sector]
        if others:
            by_sector.append({"value": "", "label": _("Other sectors"), "organisations": others})
        context.update(
            institutions=institutions,
            residents_by_sector=by_sector,
            resident_count=len(shown),
            sectors=[(value, label) for value, label in Sector.choices if any(o.sector == value for o in residents)],
            sector=sector,
            sector_notice=notice,
            space=figures.space_totals(self.locale_id),
            map_url=f"/{language}/map/",
            apply_url=f"/{language}/apply/",
        )
        return context
