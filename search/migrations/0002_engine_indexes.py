"""Full-text structures of the database engines, created only on their own database.

SQLite: the FTS5 table over search_searchdocument and the triggers that keep it in step.
PostgreSQL: the search_vector table (tsvectors, facet tokens), its triggers and GIN indexes.
Other databases: nothing (the plain database search answers).
"""

from django.db import migrations


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        if vendor == "sqlite":
            from search.engines.sqlite import install as install_sqlite

            install_sqlite(cursor)
        elif vendor == "postgresql":
            from search.engines.postgres import install as install_postgres

            install_postgres(cursor)


def uninstall(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        if vendor == "sqlite":
            from search.engines.sqlite import DROP_TRIGGERS, FTS

            for statement in DROP_TRIGGERS:
                cursor.execute(statement)
            cursor.execute(f"DROP TABLE IF EXISTS {FTS}")
        elif vendor == "postgresql":
            from search.engines.postgres import UNINSTALL_SQL

            for statement in UNINSTALL_SQL:
                cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(install, uninstall)]
