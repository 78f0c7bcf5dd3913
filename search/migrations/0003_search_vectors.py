"""Sentence-embedding vectors of search documents (search.SearchVector, keyed by text hash).

On SQLite, adding the column rebuilds search_searchdocument, which drops the FTS5 triggers:
they are installed again here, with the SQL frozen in migration 0002.
"""

import importlib

from django.db import migrations, models

engine_indexes = importlib.import_module("search.migrations.0002_engine_indexes")
reinstall_sqlite_triggers = engine_indexes.run({"sqlite": engine_indexes.SQLITE_INSTALL})


class Migration(migrations.Migration):
    dependencies = [("search", "0002_engine_indexes")]

    operations = [
        migrations.CreateModel(
            name="SearchVector",
            fields=[
                ("hash", models.CharField(max_length=40, primary_key=True, serialize=False)),
                ("vector", models.BinaryField()),
            ],
            options={"verbose_name": "search vector"},
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="vector_hash",
            field=models.CharField(blank=True, db_index=True, max_length=40),
        ),
        migrations.RunPython(reinstall_sqlite_triggers, migrations.RunPython.noop),
    ]
