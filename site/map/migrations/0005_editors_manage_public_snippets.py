"""Editors may add, change and publish header banners, organisations and map features and edit the
site settings; moderators may change and publish those snippets (to approve them); the three snippets go through the existing moderation workflow.

Before this, the Snippets and Settings menus sent an editor back to the
dashboard. The groups and the workflow are made by the demo content
(news/demo.py), which grants the same on a fresh database; this migration
grants it where they already exist.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = [
    ("home", "headerbanner", ["add", "change", "delete", "publish", "lock", "unlock"]),
    ("buildings", "organisation", ["add", "change", "delete", "publish", "lock", "unlock"]),
    ("map", "mapfeature", ["add", "change", "delete", "publish", "lock", "unlock"]),
    ("home", "sitesettings", ["change"]),
]
MODERATED = [("home", "headerbanner"), ("buildings", "organisation"), ("map", "mapfeature")]
WORKFLOW = "News moderation"


def ensure_permissions(apps):
    """Make the models' permissions now (Django and Wagtail make them after migrating)."""
    from wagtail.snippets.models import create_extra_permissions

    for label in ("home", "buildings", "map"):
        config = apps.get_app_config(label)
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        create_extra_permissions(config, apps=apps)


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    ensure_permissions(apps)
    for name, permissions in (("Editors", EDITOR_PERMISSIONS), ("Moderators", EDITOR_PERMISSIONS[:3])):
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        for app_label, model, actions in permissions:
            codenames = [f"{action}_{model}" for action in actions]
            group.permissions.add(*Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))
    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    if workflow is not None:
        for app_label, model in MODERATED:
            content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
            WorkflowContentType.objects.update_or_create(content_type=content_type, defaults={"workflow": workflow})


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        for app_label, model, actions in EDITOR_PERMISSIONS:
            codenames = [f"{action}_{model}" for action in actions]
            group.permissions.remove(*Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))
    for app_label, model in MODERATED:
        WorkflowContentType.objects.filter(content_type__app_label=app_label, content_type__model=model).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("map", "0004_add_drafts_revisions_and_workflow"),
        ("home", "0003_add_drafts_revisions_and_workflow"),
        ("buildings", "0003_add_building_space"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
