"""Keep the index in step with the site: one page at a time, a subtree, or everything."""

import logging
import multiprocessing
import os
from collections import Counter
from contextlib import contextmanager
from functools import partial

from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone

from wagtail.models import Page

from .documents import (
    build,
    descendants_and_self,
    indexable_pages,
    indexed_models,
    is_indexable,
    language_slots,
)
from .engines import get_engine
from .models import SLOTS, IndexState, SearchDocument, SearchUnit, SearchWord
from .semantic import forget_unused_vectors, schedule_embedding, vector_hash

logger = logging.getLogger(__name__)
BATCH = 500
PARALLEL_BATCHES = 4  # batches per process below which one process rebuilds alone


def _notify(page_ids):
    """Tell the engine which pages changed (None: all), once the data is committed."""
    engine = get_engine()
    if engine.sync_on_commit:
        transaction.on_commit(lambda: engine.documents_changed(page_ids))
    else:
        engine.documents_changed(page_ids)


def _unit_ids(keys):
    """Ids of the units with these keys, creating the missing ones."""
    keys = list(dict.fromkeys(keys))
    found = {}
    for start in range(0, len(keys), 900):
        chunk = keys[start : start + 900]
        found.update(SearchUnit.objects.filter(key__in=chunk).values_list("key", "id"))
    missing = [SearchUnit(key=key) for key in keys if key not in found]
    if missing:
        SearchUnit.objects.bulk_create(missing, ignore_conflicts=True, batch_size=900)
        for start in range(0, len(missing), 900):
            chunk = [unit.key for unit in missing[start : start + 900]]
            found.update(SearchUnit.objects.filter(key__in=chunk).values_list("key", "id"))
    return found


def _insert(rows):
    """INSERT the rows (dicts of field values) in batches, without the ORM's per-row cost."""
    if not rows:
        return
    fields = SearchDocument._meta.concrete_fields
    now = timezone.now()
    converted = {"translation_key", "published_date", "indexed_at"}
    prepare = [
        (field.attname, field.get_db_prep_save if field.attname in converted else None)
        for field in fields
    ]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {SearchDocument._meta.db_table} ({columns}) VALUES ({placeholders})"  # noqa: S608
    values = []
    for row in rows:
        row["indexed_at"] = now
        values.append(
            [convert(row[name], connection) if convert else row[name] for name, convert in prepare]
        )
    with connection.cursor() as cursor:
        for start in range(0, len(values), 1000):
            cursor.executemany(sql, values[start : start + 1000])


def _add_words(counter):
    """Add document frequencies to the vocabulary (INSERT ... ON CONFLICT DO UPDATE)."""
    if not counter:
        return
    table = SearchWord._meta.db_table
    rows = [(word, form, language, df) for (word, language), (form, df) in counter.items()]
    sql = (
        f"INSERT INTO {table} (word, form, language, df) VALUES (%s, %s, %s, %s) "  # noqa: S608 (constants only; values are bound parameters)
        f"ON CONFLICT (word, language) DO UPDATE SET df = {table}.df + excluded.df"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 2000):
            cursor.executemany(sql, rows[start : start + 2000])


def _built(pages, urls=None):
    """(unit key, row, surface words, slot) of each document of the given indexable pages."""
    slots = language_slots()
    built = []
    for page in pages:
        if page.locale.language_code not in slots:
            continue
        url = urls.get(page.pk) if urls else None
        for key, row, words in build(page, url):
            row["vector_hash"] = vector_hash(row)
            built.append((key, row, words, slots[row["locale"]]))
    return built


def _documents(built):
    """Document rows (ids set) and the vocabulary of built documents (see _built)."""
    units = _unit_ids([key for key, *_rest in built])
    rows = []
    words = {}
    for key, row, surface, slot in built:
        row["unit_id"] = units[key]
        row["id"] = units[key] * SLOTS + slot
        rows.append(row)
        language = row["locale"]
        for folded, form in surface.items():
            entry = words.get((folded, language))
            words[(folded, language)] = (form, (entry[1] if entry else 0) + 1)
    return rows, words


def _write(page_ids, pages):
    documents, words = _documents(_built(pages))
    SearchDocument.objects.filter(page_id__in=page_ids).delete()
    _insert(documents)
    _add_words(words)
    IndexState.bump()
    schedule_embedding()
    return len(documents)


def index_pages(pages):
    """(Re)index these pages: indexable ones get fresh documents, the others lose theirs."""
    pages = [page.specific if type(page) is Page else page for page in pages]
    if not pages:
        return 0
    ids = [page.pk for page in pages]
    with transaction.atomic():
        count = _write(ids, [page for page in pages if is_indexable(page)])
    _notify(ids)
    return count


def index_page(page):
    return index_pages([page])


def remove_pages(page_ids):
    page_ids = list(page_ids)
    with transaction.atomic():
        deleted, _detail = SearchDocument.objects.filter(page_id__in=page_ids).delete()
        IndexState.bump()
    _notify(page_ids)
    return deleted


def remove_expired():
    """Take out pages past their expiry date that `publish_scheduled` has not unpublished yet
    (so counts and facets agree with the results); never fails the caller."""
    try:
        # the partial index of migration 0004: no scan of the page table on every search
        expired = Page.objects.filter(expire_at__lte=timezone.now(), live=True).order_by()
        page_ids = list(expired.values_list("pk", flat=True))
        if page_ids and SearchDocument.objects.filter(page_id__in=page_ids).exists():
            remove_pages(page_ids)
    except DatabaseError:
        logger.exception("Could not remove expired pages from the search index")


def index_subtree(page):
    """Reindex a page and its descendants (moves, privacy changes, slug changes)."""
    indexed = tuple(indexed_models())
    pages = [
        p
        for p in descendants_and_self(page).specific().select_related("locale")
        if isinstance(p, indexed)
    ]
    for start in range(0, len(pages), BATCH):
        index_pages(pages[start : start + BATCH])


def _restart_unit_ids(cursor):
    """Unit ids are bit positions: after a rebuild they start again from 1, or the facet sets
    would grow with every rebuild."""
    table = SearchUnit._meta.db_table
    if connection.vendor == "sqlite":
        cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [table])
    elif connection.vendor == "postgresql":
        cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), 1, false)", [table])


def _build_batch(task):
    """The built documents of a batch of pages (a model and page ids), read and analysed in
    this process: the rebuild's share of work for one core."""
    model, page_ids = task
    pages = list(indexable_pages([model])[0].filter(pk__in=page_ids))
    return _built(pages, {page.pk: page.get_url() for page in pages})


def _parallel():
    """Processes the rebuild can read and analyse pages in: one per core, forked, each with
    its own database connection; one (this process) inside a transaction that other
    connections cannot see (tests, a caller's atomic block) or with an in-memory SQLite."""
    if connection.in_atomic_block:
        return 1
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        return 1
    return len(os.sched_getaffinity(0))


@contextmanager
def _builder(workers):
    """map(_build_batch, tasks) in order, shared among `workers` forked processes."""
    if workers < 2:
        yield partial(map, _build_batch)
        return
    connections.close_all()  # each process opens its own; this one reopens on its next query
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield partial(pool.imap, _build_batch)


def rebuild(progress=None):
    """Replace the whole index with the live, public pages (one transaction).

    Pages are read and analysed on every core when the database allows it (`_parallel`);
    this process writes, in page order, so the index is the same either way.
    progress(done, total) is called after every batch.
    """
    engine = get_engine()
    tasks = []
    for queryset in indexable_pages():
        page_ids = list(queryset.values_list("pk", flat=True))
        tasks += [
            (queryset.model, page_ids[start : start + BATCH])
            for start in range(0, len(page_ids), BATCH)
        ]
    total = sum(len(page_ids) for _model, page_ids in tasks)
    done = 0
    written = 0
    vocabulary = Counter()
    forms = {}
    workers = min(_parallel(), len(tasks) // PARALLEL_BATCHES)
    with _builder(workers) as built_batches, transaction.atomic():
        engine.rebuild_started()
        with connection.cursor() as cursor:
            for model in (SearchDocument, SearchUnit, SearchWord):
                cursor.execute(f"DELETE FROM {model._meta.db_table}")  # noqa: S608 (model name)
            _restart_unit_ids(cursor)
        if progress:
            progress(0, total)
        for (_model, page_ids), built in zip(tasks, built_batches(tasks), strict=True):
            documents, words = _documents(built)
            _insert(documents)
            for key, (form, df) in words.items():
                vocabulary[key] += df
                forms.setdefault(key, form)
            written += len(documents)
            done += len(page_ids)
            if progress:
                progress(done, total)
        _add_words({key: (forms[key], df) for key, df in vocabulary.items()})
        forget_unused_vectors()
        engine.rebuild_finished()
        IndexState.bump()
        schedule_embedding()
    _notify(None)
    transaction.on_commit(engine.rebuild_committed)
    return written
