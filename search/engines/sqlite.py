"""SQLite FTS5 over the pre-analysed terms (the embedded default).

`search_fts` is an external-content FTS5 table over `search_searchdocument`, kept in step by
triggers (created by migration 0002 and `install()`), so the ORM writes rows and SQLite
indexes them. Ranking is bm25 with column weights; matching sets come back as one list of row ids.
"""

from django.db import DatabaseError, connection

from ..facets import slot_bits
from .base import DatabaseEngine, database_error, time_limit

TABLE = "search_searchdocument"
FTS = "search_fts"
COLUMNS = ("terms_title", "terms_lead", "terms_tags", "terms_body", "ac", "facet_tokens")
WEIGHTS = (10.0, 4.0, 2.0, 1.0, 0.0, 0.0)
TEXT_COLUMNS = "{terms_title terms_lead terms_tags terms_body}"
TIER_COLUMNS = {"title": "{terms_title}", "head": "{terms_title terms_lead}"}

_COLS = ", ".join(COLUMNS)
_NEW = ", ".join(f"new.{c}" for c in COLUMNS)
_OLD = ", ".join(f"old.{c}" for c in COLUMNS)
CREATE_FTS = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5({_COLS}, content='{TABLE}', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 0')"
)
TRIGGERS = [
    f"CREATE TRIGGER IF NOT EXISTS {FTS}_ai AFTER INSERT ON {TABLE} BEGIN "  # noqa: S608 (constants only; values are bound parameters)
    f"INSERT INTO {FTS}(rowid, {_COLS}) VALUES (new.id, {_NEW}); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS}_ad AFTER DELETE ON {TABLE} BEGIN "  # noqa: S608 (constants only; values are bound parameters)
    f"INSERT INTO {FTS}({FTS}, rowid, {_COLS}) VALUES ('delete', old.id, {_OLD}); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS}_au AFTER UPDATE ON {TABLE} BEGIN "  # noqa: S608 (constants only; values are bound parameters)
    f"INSERT INTO {FTS}({FTS}, rowid, {_COLS}) VALUES ('delete', old.id, {_OLD}); "
    f"INSERT INTO {FTS}(rowid, {_COLS}) VALUES (new.id, {_NEW}); END",
]
DROP_TRIGGERS = [f"DROP TRIGGER IF EXISTS {FTS}_{suffix}" for suffix in ("ai", "ad", "au")]


def install(cursor):
    """Create the FTS5 table and its triggers (idempotent)."""
    cursor.execute(CREATE_FTS)
    for statement in TRIGGERS:
        cursor.execute(statement)


NEAR_DISTANCE = 4  # words between the words of a several-word term


def _quote(alternative):
    return '"' + " ".join(alternative).replace('"', '""') + '"'


def _alternative(terms, phrase):
    """A word; a phrase typed in quotes; or the words of a several-word term (a thesaurus
    term, "tráfico de pessoas") near each other in any order, so that a term never asks
    for more than its words would: "unaccompanied and separated children" holds
    "unaccompanied children" (PostgreSQL matches such words anywhere in the document)."""
    if phrase or len(terms) == 1:
        return _quote(terms)
    return "NEAR(" + " ".join(_quote([term]) for term in terms) + f", {NEAR_DISTANCE})"


def match_expression(query, columns=TEXT_COLUMNS, filter_groups=()):
    """The FTS5 MATCH expression of a parsed query, plus facet-token filters."""
    clauses = [
        "("
        + " OR ".join(_alternative(alt, clause.phrase) for alt in sorted(clause.alternatives))
        + ")"
        for clause in query.clauses
    ]
    joiner = " OR " if query.any_clause else " AND "
    expression = f"{columns} : ({joiner.join(clauses)})"
    for group in filter_groups:
        expression += " AND {facet_tokens} : (" + " OR ".join(_quote([t]) for t in group) + ")"
    return expression


#: Per-connection read tuning: memory-map the database file and keep more pages cached, so
#: a query over a large index reads pages without a system call each (see docs/performance.md).
PRAGMAS = ("PRAGMA mmap_size = 268435456", "PRAGMA cache_size = -65536")


def tune(sender, connection, **kwargs):
    """connection_created receiver (see search.apps): read tuning for SQLite connections."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for pragma in PRAGMAS:
                cursor.execute(pragma)


class SqliteEngine(DatabaseEngine):
    name = "sqlite"
    label = "SQLite FTS5"

    def _run(self, sql, params):
        try:
            with time_limit(self.timeout), connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()
        except DatabaseError as error:
            raise database_error(error) from error

    def match_slots(self, query, nbytes):
        sql = f"SELECT group_concat(rowid) FROM {FTS} WHERE {FTS} MATCH %s"  # noqa: S608 (constants only; values are bound parameters)
        rows = self._run(sql, [match_expression(query)])
        return slot_bits(rows[0][0], self.languages_per_unit, nbytes)

    def rank(self, query, filter_groups, limit, tier=None):
        columns = TIER_COLUMNS.get(tier, TEXT_COLUMNS)
        weights = ", ".join(str(w) for w in WEIGHTS)
        sql = (
            f"SELECT rowid, -bm25({FTS}, {weights}) AS score FROM {FTS} "  # noqa: S608 (constants only; values are bound parameters)
            f"WHERE {FTS} MATCH %s ORDER BY bm25({FTS}, {weights}) LIMIT %s"
        )
        return self._run(sql, [match_expression(query, columns, filter_groups), limit])

    def autocomplete(self, words, language, limit):
        if not words:
            return []
        parts = [_quote([w]) for w in words[:-1]] + [_quote([words[-1]]) + "*"]
        expression = "{ac} : (" + " AND ".join(parts) + ")"
        sql = f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s ORDER BY rank LIMIT %s"  # noqa: S608 (constants only; values are bound parameters)
        return [row[0] for row in self._run(sql, [expression, limit])]

    def rebuild_started(self):
        with connection.cursor() as cursor:
            for statement in DROP_TRIGGERS:
                cursor.execute(statement)
            cursor.execute(f"DROP TABLE IF EXISTS {FTS}")

    def rebuild_finished(self):
        with connection.cursor() as cursor:
            install(cursor)
            cursor.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")  # noqa: S608 (constants only; values are bound parameters)
            cursor.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('optimize')")  # noqa: S608 (constants only; values are bound parameters)
