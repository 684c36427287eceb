"""Core's Wagtail hooks (they know no app): the translation workflow's admin pieces (report, translators' panel),
the public cache's note of the served page, pages answering only the HTTP methods they declare, the login
lockouts under Settings."""

from django.http import HttpResponseNotAllowed
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from axes.models import AccessAttempt

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


READ_ONLY = ("GET", "HEAD")


@hooks.register("before_serve_page")
def allow_only_declared_methods(page, request, serve_args, serve_kwargs):
    """405 with `Allow` for any method a page type does not declare (OPTIONS aside).

    Pages are read-only (GET, HEAD) unless their class says otherwise, as a
    form page does with ``http_methods = ("GET", "HEAD", "POST")``.
    """
    allowed = tuple(getattr(type(page), "http_methods", READ_ONLY))  # the page served is specific: no query
    if request.method in allowed or request.method == "OPTIONS":
        return None
    return HttpResponseNotAllowed(allowed)


class ReadAndLiftPolicy(ModelPermissionPolicy):
    """Failed logins are recorded by django-axes alone: an administrator may list and delete them, never write them."""

    def user_has_permission(self, user, action):
        return action not in ("add", "change") and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([action for action in actions if action not in ("add", "change")])


class LoginLockoutViewSet(ModelViewSet):
    """Failed logins counted by django-axes; deleting a row lifts that lockout at once."""

    model = AccessAttempt
    icon = "lock"
    menu_label = _("Login lockouts")
    add_to_settings_menu = True
    url_prefix = "login-lockouts"
    list_display = ["username", "ip_address", "failures_since_start", "attempt_time"]
    search_fields = ["username", "ip_address"]
    search_backend_name = None  # not in the site's search index: filter in the database
    ordering = ["-attempt_time"]
    form_fields = ["username"]
    inspect_view_enabled = True


register_permission_policy(AccessAttempt, ReadAndLiftPolicy(AccessAttempt))


@hooks.register("register_admin_viewset")
def register_login_lockouts():
    return LoginLockoutViewSet("login_lockouts")
