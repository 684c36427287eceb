"""Admin additions for the applications: the submissions' menu item, list, edit view and export."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from applications.models import Application
from applications.views import ApplicationPermissionPolicy, application_viewset

register_permission_policy(Application, ApplicationPermissionPolicy(Application))


@hooks.register("register_admin_viewset")
def register_application_viewset():
    return application_viewset
