"""Engine selection: settings and environment only (HUB_SEARCH in hub/settings/base.py).

ENGINE ""               -> from the database vendor: sqlite -> FTS5, postgresql -> tsvector
ENGINE "sqlite"         -> SQLite FTS5
ENGINE "postgres"       -> PostgreSQL full-text search
ENGINE "elasticsearch"  -> Elasticsearch 8 at ELASTICSEARCH_URL
ENGINE "opensearch"     -> OpenSearch 2 / 3 at ELASTICSEARCH_URL (opensearch-py)
ENGINE "database"       -> the plain database search (LIKE), also every engine's fallback
"""

from django.conf import settings
from django.db import connection

from .base import Engine, EngineError, EngineResult, EngineTimeout, Plan

__all__ = [
    "Engine",
    "EngineError",
    "EngineResult",
    "EngineTimeout",
    "Plan",
    "fallback_engine",
    "get_engine",
]

_engines = {}


def search_settings():
    defaults = {
        "ENGINE": "",
        "ELASTICSEARCH_URL": "",
        "ELASTICSEARCH_INDEX": "hub-search",
        "TIMEOUT": 1.0,
    }
    return {**defaults, **getattr(settings, "HUB_SEARCH", {})}


def vendor_engine_name():
    return {"sqlite": "sqlite", "postgresql": "postgres"}.get(connection.vendor, "database")


def _make(name, options):
    if name == "sqlite":
        from .sqlite import SqliteEngine

        return SqliteEngine(options)
    if name == "postgres":
        from .postgres import PostgresEngine

        return PostgresEngine(options)
    if name == "elasticsearch":
        from .elasticsearch import ElasticsearchEngine

        return ElasticsearchEngine(options)
    if name == "opensearch":
        from .elasticsearch import OpenSearchEngine

        return OpenSearchEngine(options)
    from .plain import PlainEngine

    return PlainEngine(options)


def _cached(name):
    options = search_settings()
    key = (name, tuple(sorted((k, str(v)) for k, v in options.items())))
    engine = _engines.get(key)
    if engine is None:
        engine = _engines[key] = _make(name, options)
    return engine


def get_engine():
    """The configured engine."""
    name = search_settings()["ENGINE"] or vendor_engine_name()
    if name == "sqlite" and connection.vendor != "sqlite":
        name = vendor_engine_name()
    if name == "postgres" and connection.vendor != "postgresql":
        name = vendor_engine_name()
    return _cached(name)


def fallback_engine(engine):
    """What answers when engine fails: the database's own engine, then the plain search."""
    vendor = vendor_engine_name()
    if engine.name not in (vendor, "database"):
        return _cached(vendor)
    if engine.name != "database":
        return _cached("database")
    return None
