"""Reports → Translations to update: every translatable page and snippet with its
English state, and the translators' dashboard panel."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale

import django_filters

from core import translation_status


class StateFilterSet(django_filters.FilterSet):
    """Filters over the computed states (a list, not a queryset)."""

    state = django_filters.ChoiceFilter(label=_("State"), choices=translation_status.STATES, method="noop")
    type = django_filters.ChoiceFilter(label=_("Type"), choices=[], method="noop")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["type"].extra["choices"] = [
            (f"{m._meta.app_label}.{m._meta.model_name}", m._meta.verbose_name.capitalize())
            for m in translation_status.translatable_models()
        ]

    def noop(self, queryset, name, value):
        return queryset

    def filter_queryset(self, rows):
        state = self.form.cleaned_data.get("state")
        kind = self.form.cleaned_data.get("type")
        if state:
            rows = [row for row in rows if row.state == state]
        if kind:
            rows = [row for row in rows if f"{row.source._meta.app_label}.{row.source._meta.model_name}" == kind]
        return rows


class LinksColumn(Column):
    cell_template_name = "core/admin/translation_links_cell.html"


class StateColumn(Column):
    cell_template_name = "core/admin/translation_state_cell.html"


class TranslationReportView(ReportView):
    page_title = _("Translations to update")
    header_icon = "site"
    index_url_name = "itpark_translation_report"
    index_results_url_name = "itpark_translation_report_results"
    filterset_class = StateFilterSet
    paginate_by = 50
    any_permission_required = None
    list_export = ["title", "type_label", "locale", "state_label", "since", "fields_label"]
    export_headings = {
        "title": _("Title"),
        "type_label": _("Type"),
        "locale": _("Language"),
        "state_label": _("State"),
        "since": _("Outdated since"),
        "fields_label": _("Changed fields"),
    }
    columns = [
        TitleColumn("title", label=_("Title"), get_url=lambda row: row.source_edit_url),
        Column("type_label", label=_("Type")),
        Column("locale", label=_("Language"), accessor=lambda row: row.locale.get_display_name()),
        StateColumn("state", label=_("State")),
        DateColumn("since", label=_("Outdated since")),
        Column("fields_label", label=_("Changed fields")),
        LinksColumn("links", label=_("Actions")),
    ]

    def get_base_queryset(self):
        return translation_status.all_states()

    def order_queryset(self, queryset):
        return queryset

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        # The rows are computed, not a queryset; the filter set only needs one to build its form.
        kwargs["queryset"] = Locale.objects.none()
        return kwargs


class TranslatorWorkPanel(Component):
    """Dashboard: the translations waiting for this translator (missing or outdated)."""

    name = "itpark_translator_work"
    template_name = "core/admin/translator_work_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["rows"] = [row for row in translation_status.all_states() if row.state != translation_status.UP_TO_DATE]
        return context


def is_translator(user):
    return user.has_perm("wagtail_localize.submit_translation") and not user.is_superuser
