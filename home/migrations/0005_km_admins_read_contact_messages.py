"""KM admins may read the messages relayed to focal points (home/roles.py, docs/roles.md)."""

from django.db import migrations


def grant(apps, schema_editor):
    from home.roles import create_missing_permissions, ensure_groups

    create_missing_permissions(apps)
    ensure_groups(apps)


class Migration(migrations.Migration):

    dependencies = [
        ("home", "0004_hubsettings_criteria_page"),
        ("practices", "0005_contact_messages"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
