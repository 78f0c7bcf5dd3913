"""KM admins may read the messages relayed to focal points (practices/roles.py, docs/roles.md).

Frozen: the group and permission are named here, not read from the live roles module.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():  # model permissions exist only after migrate
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="KM admins")
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="practices",
            content_type__model="contactmessage",
            codename="view_contactmessage",
        )
    )


class Migration(migrations.Migration):

    dependencies = [
        ("home", "0004_hubsettings_criteria_page"),
        ("practices", "0005_contact_messages"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
