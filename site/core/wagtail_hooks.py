"""Core's Wagtail hooks: the translation workflow's admin pieces (report, translators' panel), the public cache's note of the served page."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core import translation_moderation, translation_report


@hooks.register("register_admin_urls")
def register_translation_report_urls():
    return [
        path(
            "reports/translations-to-update/",
            translation_report.TranslationReportView.as_view(),
            name="itpark_translation_report",
        ),
        # Before wagtail-localize's own route (core's hooks load first): the PO file's name.
        path(
            "localize/translate/<int:translation_id>/pofile/download/",
            translation_moderation.download_pofile,
            name="itpark_download_pofile",
        ),
        path(
            "reports/translations-to-update/results/",
            translation_report.TranslationReportView.as_view(results_only=True),
            name="itpark_translation_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_translation_report_menu_item():
    return MenuItem(
        _("Translations to update"),
        reverse("itpark_translation_report"),
        name="translations-to-update",
        icon_name="site",
        order=810,
    )


@hooks.register("construct_homepage_panels")
def add_translator_work_panel(request, panels):
    if translation_report.is_translator(request.user):
        panels.append(translation_report.TranslatorWorkPanel())


@hooks.register("before_edit_page", order=-1)
def translators_submit_for_moderation(request, page):
    return translation_moderation.before_edit_page(request, page)


@hooks.register("before_serve_page")
def note_served_page(page, request, serve_args, serve_kwargs):
    """Tell the public cache (core.page_cache) which page a response is for: its type decides whether it is kept."""
    request.itpark_served_page = page
