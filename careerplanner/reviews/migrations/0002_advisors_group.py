"""The "Advisors" group with exactly the permissions an advisor needs."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [
    "view_reviewrequest",
    "change_reviewrequest",
    "view_reviewcomment",
    "add_reviewcomment",
    "change_reviewcomment",
]


def create_advisors_group(apps, schema_editor):
    # Permissions are normally made after all migrations; this one needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Advisors")
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="reviews", codename__in=CODENAMES)
    )


def remove_advisors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Advisors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_advisors_group, remove_advisors_group)]
