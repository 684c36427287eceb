"""The admin's "Import buildings" view: upload a GeoJSON file, get the import report.

The same importer as `manage.py import_buildings`. Open to editors who can
change the building pages (Wagtail page permissions on the source-language
building directory); publishing needs the publish permission too.
"""

from pathlib import Path

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.validators import FileExtensionValidator
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from buildings.importer import format_report, import_buildings
from buildings.models import BuildingIndexPage

MAX_UPLOAD_SIZE = 5 * 1024 * 1024
EXTENSIONS = ["geojson", "json"]
PUBLISH, DRAFT = "publish", "draft"


def building_permissions(user):
    """The user's permissions on the source-language building directory (and so on every building)."""
    index = BuildingIndexPage.objects.filter(locale=Locale.get_default()).first()
    return index.permissions_for_user(user) if index else None


def can_import(user):
    """May this user change building pages, and so import their footprints?"""
    permissions = building_permissions(user)
    return bool(permissions and permissions.can_edit())


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("GeoJSON file"),
        validators=[FileExtensionValidator(EXTENSIONS)],
        widget=forms.ClearableFileInput(attrs={"accept": ".geojson,.json,application/geo+json,application/json"}),
    )
    action = forms.ChoiceField(
        label=gettext_lazy("New footprints"),
        choices=[
            (PUBLISH, gettext_lazy("Publish them")),
            (DRAFT, gettext_lazy("Save them as drafts for review")),
        ],
        initial=PUBLISH,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, can_publish=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.can_publish = can_publish
        self.fields["file"].help_text = _(
            "A FeatureCollection in WGS 84 (longitude, latitude), one feature per building, "
            "its slug as the feature's “id” or “properties.slug”; .geojson or .json, up to %(size)s."
        ) % {"size": filesizeformat(MAX_UPLOAD_SIZE)}
        if not can_publish:
            self.fields["action"].initial = DRAFT

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_SIZE:
            raise forms.ValidationError(
                _("The file is %(size)s; the largest file accepted is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_UPLOAD_SIZE)}
            )
        data = upload.read()
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(
                _("The file is not UTF-8 text (byte %(position)s). Save it as UTF-8 and upload it again.")
                % {"position": error.start + 1}
            ) from error
        return data

    def clean_action(self):
        action = self.cleaned_data["action"]
        if action == PUBLISH and not self.can_publish:
            raise forms.ValidationError(_("You may not publish building pages: save the footprints as drafts."))
        return action


class ImportBuildingsView(WagtailAdminTemplateMixin, FormView):
    template_name = "buildings/admin/import.html"
    form_class = ImportForm
    page_title = gettext_lazy("Import buildings")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        permissions = building_permissions(request.user)
        if not (permissions and permissions.can_edit()):
            raise PermissionDenied
        self.can_publish = permissions.can_publish()
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "can_publish": self.can_publish}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_url"] = reverse("buildings_import")
        context["max_upload_size"] = MAX_UPLOAD_SIZE
        return context

    def form_valid(self, form):
        report = import_buildings(
            form.cleaned_data["file"], publish=form.cleaned_data["action"] == PUBLISH, user=self.request.user
        )
        context = self.get_context_data(
            form=self.form_class(can_publish=self.can_publish, initial={"action": form.cleaned_data["action"]}),
            report=report,
            report_summary=format_report(report)[0],
            report_lines=format_report(report),
            file_name=Path(self.request.FILES["file"].name).name,
        )
        return self.render_to_response(context)
