"""The submissions in the admin: list, filters, edit (status and internal note), CSV/XLSX export."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy

import django_filters

from applications.records import Application, Status
from buildings.models import BuildingPage
from core.spreadsheets import safe_cell


class ApplicationPermissionPolicy(ModelPermissionPolicy):
    """Applications come from the public form only: nobody adds one in the admin, superusers included."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [action for action in actions if action != "add"])


def _buildings():
    """The buildings in the default language: a building chosen in English is the same building."""
    return BuildingPage.objects.filter(locale=Locale.get_default()).order_by("completion_year", "title")


class ApplicationFilterSet(WagtailFilterSet):
    created_at = django_filters.DateFromToRangeFilter(label=_("Received"), widget=DateRangePickerWidget)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices, empty_label=_("Any status"))
    building = django_filters.ModelChoiceFilter(
        label=_("Building preference"),
        queryset=lambda request: _buildings(),
        method="filter_building",
        empty_label=_("Any building"),
    )

    class Meta:
        model = Application
        fields = ["created_at", "status", "building"]

    def filter_building(self, queryset, name, value):
        return queryset.filter(building__translation_key=value.translation_key)


class ApplicationIndexView(IndexView):
    """The list; its CSV export neutralises formulas as every CSV of the site does (core.spreadsheets).

    Wagtail's XLSX export already stores formula-like text as text; its CSV
    export writes cells unchanged, so a company named ``=HYPERLINK(...)``
    would run in the office's spreadsheet.
    """

    def stream_csv(self, queryset):
        # Written now, in the editor's language: Wagtail streams the rows after the admin's
        # language is switched off again, which mixes languages in the headings.
        return iter(list(super().stream_csv(queryset)))

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: safe_cell(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )


class ApplicationViewSet(ModelViewSet):
    model = Application
    icon = "form"
    menu_label = _("Applications for space")
    menu_order = 260
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = ApplicationIndexView
    filterset_class = ApplicationFilterSet
    list_per_page = 50
    search_fields = ["company_name", "contact_person", "email", "inn"]
    list_display = [
        "company_name",
        DateColumn("created_at", label=_("Received"), sort_key="created_at"),
        Column("building", label=_("Building preference")),
        "area",
        "move_in_quarter",
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
    ]
    list_export = [
        "created_at",
        "company_name",
        "inn",
        "contact_person",
        "email",
        "phone",
        "area",
        "move_in_quarter",
        "building",
        "get_zone_residency_display",
        "language",
        "message",
        "get_status_display",
        "note",
    ]
    export_headings = {
        "get_zone_residency_display": _("Special Economic Zone"),
        "get_status_display": _("Status"),
    }
    export_filename = "applications-for-space"
    ordering = ["-created_at"]

    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("company_name", read_only=True),
                    FieldRowPanel([FieldPanel("inn", read_only=True), FieldPanel("zone_residency", read_only=True)]),
                    FieldRowPanel([FieldPanel("contact_person", read_only=True), FieldPanel("email", read_only=True)]),
                    FieldPanel("phone", read_only=True),
                    FieldRowPanel(
                        [
                            FieldPanel("area", read_only=True),
                            FieldPanel("move_in_quarter", read_only=True),
                            FieldPanel("building", read_only=True),
                        ]
                    ),
                    FieldPanel("message", read_only=True),
                    FieldRowPanel([FieldPanel("created_at", read_only=True), FieldPanel("language", read_only=True)]),
                ],
                heading=_("The application as sent"),
            ),
            FieldPanel("status"),
            FieldPanel("note"),
        ]
    )


application_viewset = ApplicationViewSet("applications_application")
