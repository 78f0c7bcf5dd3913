"""Full-text structures of the database engines, created only on their own database.

SQLite: the FTS5 table over search_searchdocument and the triggers that keep it in step.
PostgreSQL: the search_vector table (tsvectors, facet tokens), its triggers and GIN indexes.
Other databases: nothing (the plain database search answers).

The SQL is frozen here as it stood when this migration was written: editing the engines
(search/engines/sqlite.py, postgres.py) must not change what an old migration does.
"""

from django.db import migrations

SQLITE_COLUMNS = "terms_title, terms_lead, terms_tags, terms_body, ac, facet_tokens"
SQLITE_NEW = "new.terms_title, new.terms_lead, new.terms_tags, new.terms_body, new.ac, new.facet_tokens"
SQLITE_OLD = "old.terms_title, old.terms_lead, old.terms_tags, old.terms_body, old.ac, old.facet_tokens"
SQLITE_INSTALL = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5({SQLITE_COLUMNS}, "
    "content='search_searchdocument', content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER IF NOT EXISTS search_fts_ai AFTER INSERT ON search_searchdocument BEGIN "
    f"INSERT INTO search_fts(rowid, {SQLITE_COLUMNS}) VALUES (new.id, {SQLITE_NEW}); END",
    "CREATE TRIGGER IF NOT EXISTS search_fts_ad AFTER DELETE ON search_searchdocument BEGIN "
    f"INSERT INTO search_fts(search_fts, rowid, {SQLITE_COLUMNS}) VALUES ('delete', old.id, {SQLITE_OLD}); END",
    "CREATE TRIGGER IF NOT EXISTS search_fts_au AFTER UPDATE ON search_searchdocument BEGIN "
    f"INSERT INTO search_fts(search_fts, rowid, {SQLITE_COLUMNS}) VALUES ('delete', old.id, {SQLITE_OLD}); "
    f"INSERT INTO search_fts(rowid, {SQLITE_COLUMNS}) VALUES (new.id, {SQLITE_NEW}); END",
]
SQLITE_UNINSTALL = [
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TABLE IF EXISTS search_fts",
]

POSTGRES_INSTALL = [
    """CREATE TABLE IF NOT EXISTS search_vector (
        id bigint PRIMARY KEY,
        tsv tsvector NOT NULL,
        tsv_title tsvector NOT NULL,
        tsv_head tsvector NOT NULL,
        tsv_ac tsvector NOT NULL,
        facet_array text[] NOT NULL)""",
    """CREATE OR REPLACE FUNCTION search_vector_sync() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
        title tsvector;
        head tsvector;
    BEGIN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM search_vector WHERE id = OLD.id;
            RETURN NULL;
        END IF;
        IF TG_OP = 'UPDATE' AND NEW.id <> OLD.id THEN
            DELETE FROM search_vector WHERE id = OLD.id;
        END IF;
        title := setweight(to_tsvector('simple', NEW.terms_title), 'A');
        head := title || setweight(to_tsvector('simple', NEW.terms_lead), 'B');
        INSERT INTO search_vector (id, tsv, tsv_title, tsv_head, tsv_ac, facet_array)
        VALUES (
            NEW.id,
            head || setweight(to_tsvector('simple', NEW.terms_tags), 'C')
                || setweight(to_tsvector('simple', NEW.terms_body), 'D'),
            title,
            head,
            to_tsvector('simple', NEW.ac),
            string_to_array(NEW.facet_tokens, ' '))
        ON CONFLICT (id) DO UPDATE SET
            tsv = EXCLUDED.tsv, tsv_title = EXCLUDED.tsv_title, tsv_head = EXCLUDED.tsv_head,
            tsv_ac = EXCLUDED.tsv_ac, facet_array = EXCLUDED.facet_array;
        RETURN NULL;
    END $$""",
    """CREATE OR REPLACE FUNCTION search_vector_truncate() RETURNS trigger
    LANGUAGE plpgsql AS $$ BEGIN DELETE FROM search_vector; RETURN NULL; END $$""",
    "DROP TRIGGER IF EXISTS search_vector_sync ON search_searchdocument",
    """CREATE TRIGGER search_vector_sync AFTER INSERT OR UPDATE OR DELETE ON search_searchdocument
        FOR EACH ROW EXECUTE FUNCTION search_vector_sync()""",
    "DROP TRIGGER IF EXISTS search_vector_truncate ON search_searchdocument",
    """CREATE TRIGGER search_vector_truncate AFTER TRUNCATE ON search_searchdocument
        FOR EACH STATEMENT EXECUTE FUNCTION search_vector_truncate()""",
    *(
        f"CREATE INDEX IF NOT EXISTS search_vector_{column} ON search_vector "
        f"USING gin ({column}) WITH (fastupdate = off)"
        for column in ("tsv", "tsv_title", "tsv_head", "tsv_ac", "facet_array")
    ),
]
POSTGRES_UNINSTALL = [
    "DROP TRIGGER IF EXISTS search_vector_sync ON search_searchdocument",
    "DROP TRIGGER IF EXISTS search_vector_truncate ON search_searchdocument",
    "DROP FUNCTION IF EXISTS search_vector_sync()",
    "DROP FUNCTION IF EXISTS search_vector_truncate()",
    "DROP TABLE IF EXISTS search_vector",
]


def run(statements):
    def operation(apps, schema_editor):
        with schema_editor.connection.cursor() as cursor:
            for statement in statements.get(schema_editor.connection.vendor, []):
                cursor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_INSTALL, "postgresql": POSTGRES_INSTALL}),
            run({"sqlite": SQLITE_UNINSTALL, "postgresql": POSTGRES_UNINSTALL}),
        )
    ]
