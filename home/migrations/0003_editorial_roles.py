"""Editorial groups, country office collections and the "Revisión editorial" workflow.

See home/roles.py and docs/roles.md. The section index pages usually do not exist yet when this
runs (the demo loader creates them); a post_save receiver grants them when they are created.
"""

from django.db import migrations


def setup(apps, schema_editor):
    from home.roles import create_missing_permissions, setup_roles

    create_missing_permissions(apps)
    setup_roles(apps)


class Migration(migrations.Migration):

    dependencies = [
        ("home", "0002_initial"),
        ("practices", "0002_taxonomy_terms"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]
