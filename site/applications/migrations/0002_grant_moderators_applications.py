"""Moderators see and handle applications for space (personal data); Editors and Translators do not."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["view_application", "change_application"]


def grant(apps, schema_editor):
    # Permissions are made after all migrations run; make this app's now, so they can be granted here.
    app_config = apps.get_app_config("applications")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    access_admin = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    moderators.permissions.add(*access_admin)
    moderators.permissions.add(
        *Permission.objects.filter(content_type__app_label="applications", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderators = Group.objects.filter(name="Moderators").first()
    if moderators:
        moderators.permissions.remove(
            *Permission.objects.filter(content_type__app_label="applications", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0001_add_applications_and_pages"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
