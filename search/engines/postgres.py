"""PostgreSQL full-text search over the pre-analysed terms (the production default).

The vectors live in a narrow companion table, `search_vector` (id, tsvectors, facet tokens),
kept in step with `search_searchdocument` by triggers (migration 0002 / `install()`): the
GIN bitmap scans then visit small heap pages instead of the wide document rows, two to three
times faster. The tsvectors are built with the `simple` configuration from the same analysed
terms SQLite indexes, so both engines share one analysis. Ranking is ts_rank with weights
A (title) > B (summary or lesson) > C (taxonomy names) > D (body).
"""

import threading
from contextlib import contextmanager

from django.db import DatabaseError, connection, transaction

from ..facets import slot_bits
from .base import DatabaseEngine, database_error, set_local

_state = threading.local()
TABLE = "search_vector"
DOCUMENTS = "search_searchdocument"
RANK_WEIGHTS = "{0.1, 0.25, 0.5, 1.0}"  # D, C, B, A
COLUMNS = ("tsv", "tsv_title", "tsv_head", "tsv_ac", "facet_array")

SCHEMA_SQL = [
    f"""CREATE TABLE IF NOT EXISTS {TABLE} (
        id bigint PRIMARY KEY,
        tsv tsvector NOT NULL,
        tsv_title tsvector NOT NULL,
        tsv_head tsvector NOT NULL,
        tsv_ac tsvector NOT NULL,
        facet_array text[] NOT NULL)""",
    f"""CREATE OR REPLACE FUNCTION search_vector_sync() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
        title tsvector;
        head tsvector;
    BEGIN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM {TABLE} WHERE id = OLD.id;
            RETURN NULL;
        END IF;
        IF TG_OP = 'UPDATE' AND NEW.id <> OLD.id THEN
            DELETE FROM {TABLE} WHERE id = OLD.id;
        END IF;
        title := setweight(to_tsvector('simple', NEW.terms_title), 'A');
        head := title || setweight(to_tsvector('simple', NEW.terms_lead), 'B');
        INSERT INTO {TABLE} (id, tsv, tsv_title, tsv_head, tsv_ac, facet_array)
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
    END $$""",  # noqa: S608 (constants only)
    f"""CREATE OR REPLACE FUNCTION search_vector_truncate() RETURNS trigger
    LANGUAGE plpgsql AS $$ BEGIN DELETE FROM {TABLE}; RETURN NULL; END $$""",  # noqa: S608
    f"DROP TRIGGER IF EXISTS search_vector_sync ON {DOCUMENTS}",
    f"""CREATE TRIGGER search_vector_sync AFTER INSERT OR UPDATE OR DELETE ON {DOCUMENTS}
        FOR EACH ROW EXECUTE FUNCTION search_vector_sync()""",
    f"DROP TRIGGER IF EXISTS search_vector_truncate ON {DOCUMENTS}",
    f"""CREATE TRIGGER search_vector_truncate AFTER TRUNCATE ON {DOCUMENTS}
        FOR EACH STATEMENT EXECUTE FUNCTION search_vector_truncate()""",
]
UNINSTALL_SQL = [
    f"DROP TRIGGER IF EXISTS search_vector_sync ON {DOCUMENTS}",
    f"DROP TRIGGER IF EXISTS search_vector_truncate ON {DOCUMENTS}",
    "DROP FUNCTION IF EXISTS search_vector_sync()",
    "DROP FUNCTION IF EXISTS search_vector_truncate()",
    f"DROP TABLE IF EXISTS {TABLE}",
]
# fastupdate off: no pending list for every query to scan after many inserts
INDEXES_SQL = [
    f"CREATE INDEX IF NOT EXISTS {TABLE}_{column} ON {TABLE} USING gin ({column}) "
    "WITH (fastupdate = off)"
    for column in COLUMNS
]
DROP_INDEXES_SQL = [f"DROP INDEX IF EXISTS {TABLE}_{column}" for column in COLUMNS]


def install(cursor):
    """Create the vector table, its triggers and indexes (idempotent)."""
    for statement in SCHEMA_SQL + INDEXES_SQL:
        cursor.execute(statement)


def _lexeme(term):
    return "'" + term.replace("\\", "").replace("'", "") + "'"


def tsquery(query, phrases=False):
    """to_tsquery('simple', ...) text of a parsed query: OR inside clauses, AND across.

    A multi-word alternative becomes its words joined with & (phrases=False) or <-> (True).
    The engine uses &: with a phrase operator every GIN match needs a heap recheck that
    decompresses the document's whole tsvector (4-5 times slower at 10k practices); the
    title and summary tiers still rank first the documents that hold the words.
    """
    operator = " <-> " if phrases else " & "
    clauses = []
    for clause in query.clauses:
        alternatives = [
            operator.join(_lexeme(t) for t in alt) for alt in sorted(clause.alternatives)
        ]
        clauses.append("(" + " | ".join(f"({alt})" for alt in alternatives) + ")")
    return (" | " if query.any_clause else " & ").join(clauses)


class PostgresEngine(DatabaseEngine):
    name = "postgres"
    label = "PostgreSQL full-text search"

    @contextmanager
    def session(self):
        """One transaction per search, set up once: a time limit, and GIN indexes always
        (the planner cannot see that a sequential scan decompresses every tsvector)."""
        nested = connection.in_atomic_block
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                previous = set_local(
                    cursor,
                    {"statement_timeout": int(self.timeout * 1000), "enable_seqscan": "off"},
                    nested,
                )
                _state.in_session = True
                try:
                    yield
                finally:
                    _state.in_session = False
                if previous:  # (an error rolls the savepoint back, and them with it)
                    set_local(cursor, previous, nested=False)
        except DatabaseError as error:
            raise database_error(error) from error

    def _run(self, sql, params):
        if not getattr(_state, "in_session", False):
            with self.session():
                return self._run(sql, params)
        try:
            # no savepoint: after an error the search stops and its transaction rolls back
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()
        except DatabaseError as error:
            raise database_error(error) from error

    def match_slots(self, query, nbytes):
        sql = (
            f"SELECT string_agg(id::text, ',') FROM {TABLE} "  # noqa: S608 (constants only; values are bound parameters)
            "WHERE tsv @@ to_tsquery('simple', %s)"
        )
        rows = self._run(sql, [tsquery(query)])
        return slot_bits(rows[0][0], self.languages_per_unit, nbytes)

    def rank(self, query, filter_groups, limit, tier=None):
        column = {"title": "tsv_title", "head": "tsv_head"}.get(tier, "tsv")
        where = [f"{column} @@ q"]
        params = [tsquery(query)]
        for group in filter_groups:
            where.append("facet_array && %s::text[]")
            params.append(list(group))
        sql = (
            f"SELECT id, ts_rank('{RANK_WEIGHTS}', {column}, q, 1) AS score "  # noqa: S608 (constants only; values are bound parameters)
            f"FROM {TABLE}, to_tsquery('simple', %s) AS q WHERE {' AND '.join(where)} "
            "ORDER BY score DESC, id LIMIT %s"
        )
        return self._run(sql, [*params, limit])

    def rebuild_started(self):
        """Bulk loading is much faster without the GIN indexes: drop them, rebuild after."""
        with connection.cursor() as cursor:
            for statement in DROP_INDEXES_SQL:
                cursor.execute(statement)
            cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608 (constant)

    def rebuild_finished(self):
        with connection.cursor() as cursor:
            for statement in INDEXES_SQL:
                cursor.execute(statement)
            cursor.execute(f"ANALYZE {TABLE}")

    def rebuild_committed(self):
        """Reclaim the rows the rebuild replaced (VACUUM cannot run inside a transaction)."""
        try:
            with connection.cursor() as cursor:
                cursor.execute(f"VACUUM (ANALYZE) {DOCUMENTS}")
                cursor.execute(f"VACUUM (ANALYZE) {TABLE}")
        except DatabaseError:
            pass  # inside someone's transaction (tests): autovacuum will do it

    def autocomplete(self, words, language, limit):
        if not words:
            return []
        parts = [_lexeme(w) for w in words[:-1]] + [_lexeme(words[-1]) + ":*"]
        sql = (
            f"SELECT id FROM {TABLE}, to_tsquery('simple', %s) AS q WHERE tsv_ac @@ q "  # noqa: S608 (constants only; values are bound parameters)
            "ORDER BY ts_rank(tsv_ac, q) DESC, id LIMIT %s"
        )
        return [row[0] for row in self._run(sql, [" & ".join(parts), limit])]
