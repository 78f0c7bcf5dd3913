"""Semantic retrieval: document vectors kept with the index, nearest documents to a query.

Vectors are computed outside the request that published the page (a django-tasks task,
`embed_missing`), stored as float32 bytes in `search.SearchVector` keyed by the hash of the
model and the text (one vector per passage, end to end: see `document_passages`), and read
by every process into one int8 matrix (512 B per passage) that is reloaded when
`IndexState.token` changes. Only practices, toolkits and pages are
embedded (lessons and recommendations are found through their practice).
"""

import logging
import multiprocessing
import os
import threading
from functools import lru_cache

from django.db import connection

import numpy as np
from django_tasks import task

from .analysis import fold, tokens
from .embeddings import document_passages, get_embedder, setting, text_hash, to_bytes
from .models import IndexState, SearchDocument, SearchVector
from .suggest import vocabulary

logger = logging.getLogger(__name__)
EMBEDDED_KINDS = ("practice", "toolkit", "page")
BATCH = 32
PARALLEL_BATCHES = 4  # batches per worker process below which one process embeds alone
SEMANTIC_DEPTH = 100  # nearest documents considered per query
SEMANTIC_MIN = 0.15  # cosine below which a document is not about the query (nonsense: < 0.07)
SEMANTIC_MIN_BESIDE_WORDS = 0.10  # the same beside word matches of several concepts
SEMANTIC_RELATIVE = 0.6  # and below this share of the best cosine, not about it enough
CHUNK = 1024  # rows widened to float32 and multiplied at a time (2 MB: in cache)


def passages_key(passages):
    """The text a document's vectors are keyed by: its passages, in order."""
    return "\x00".join(passages)


def vector_hash(row):
    """The vector key of a document row (a dict), or "" when it is not embedded."""
    embedder = get_embedder()
    if embedder is None or row["kind"] not in EMBEDDED_KINDS:
        return ""
    passages = document_passages(row["title"], row["lead"], row["text"])
    return text_hash(embedder.name, passages_key(passages))


def embed_missing():
    """Compute the vectors documents point to but the store lacks; True if any was added."""
    embedder = get_embedder()
    if embedder is None:
        return False
    missing = (
        SearchDocument.objects.exclude(vector_hash="")
        .exclude(vector_hash__in=SearchVector.objects.values("hash"))
        .values_list("vector_hash", "title", "lead", "text")
    )
    pending = {}
    for digest, title, lead, text in missing.iterator(chunk_size=1000):
        pending.setdefault(digest, document_passages(title, lead, text))
    items = list(pending.items())
    batches = [items[start : start + BATCH] for start in range(0, len(items), BATCH)]
    texts = [[text for _digest, passages in batch for text in passages] for batch in batches]
    for batch, batch_vectors in zip(batches, encoded(texts), strict=True):
        vectors = iter(batch_vectors)
        # one row per document: its passages' vectors end to end
        SearchVector.objects.bulk_create(
            [
                SearchVector(hash=d, vector=b"".join(to_bytes(next(vectors)) for _p in passages))
                for d, passages in batch
            ],
            ignore_conflicts=True,
        )
    if items:
        IndexState.bump()
    return bool(items)


def _encode_batch(texts):
    return get_embedder().encode(texts)


def encoded(batches):
    """The vectors of each batch of texts, in order. Many batches (a rebuild, a large
    import) are shared among one process per core: forked, so each starts at once with the
    model already loaded; they only compute, the database stays with this process."""
    workers = min(len(os.sched_getaffinity(0)), len(batches) // PARALLEL_BATCHES)
    if workers < 2:
        yield from map(_encode_batch, batches)
        return
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.imap(_encode_batch, batches)


@task()
def embed_missing_task():
    embed_missing()


def schedule_embedding():
    """Embed the new texts through the task backend, enqueued in the transaction that wrote
    the documents: the immediate backend runs it at once (in that transaction), a database
    queue commits the job with the documents, a worker runs it outside the request."""
    if get_embedder() is None:
        return
    try:
        embed_missing_task.enqueue()
    except Exception:
        logger.exception("Could not compute search vectors; run manage.py update_index")


def forget_unused_vectors():
    """Drop vectors no document points to any more (after a rebuild)."""
    SearchVector.objects.exclude(hash__in=SearchDocument.objects.values("vector_hash")).delete()


class Matrix:
    """Every embedded passage's vector for one index state, as int8 rows with a float32
    scale each (512 bytes per passage, two per document with a summary; cosines within
    0.002 of float32).

    int8 rather than float16: numpy widens int8 to float32 about ten times faster than
    float16, and that widening, not the product, is most of a query's cost (measured at
    100k documents: 26 ms CPU against 240 ms; docs/performance.md)."""

    def __init__(self, token, ids, vectors, scales):
        self.token = token
        self.ids = ids  # document id of each row (a document has a row per passage), int64
        self.vectors = vectors  # int8, one row per passage
        self.scales = scales  # float32: row i is vectors[i] * scales[i]

    @property
    def nbytes(self):
        return self.ids.nbytes + self.vectors.nbytes + self.scales.nbytes

    def rows(self, positions):
        """The float32 vectors at these row positions."""
        return self.vectors[positions].astype(np.float32) * self.scales[positions, None]

    def nearest(self, query_vector, limit):
        """[(document id, cosine)] best first (a document once per passage among them)."""
        if not len(self.ids):
            return []
        query = np.asarray(query_vector, dtype=np.float32)
        scores = np.empty(len(self.ids), dtype=np.float32)
        block = np.empty((CHUNK, self.vectors.shape[1]), dtype=np.float32)
        for start in range(0, len(self.ids), CHUNK):
            rows = self.vectors[start : start + CHUNK]
            np.copyto(block[: len(rows)], rows)  # into one reused buffer: no page faults
            np.matmul(block[: len(rows)], query, out=scores[start : start + len(rows)])
        scores *= self.scales
        limit = min(limit, len(scores))
        top = np.argpartition(-scores, limit - 1)[:limit]
        top = top[np.argsort(-scores[top])]
        return [(int(self.ids[i]), float(scores[i])) for i in top]


def quantise(vectors):
    """float32 rows -> (int8 rows, float32 scale per row)."""
    scales = np.abs(vectors).max(axis=1) / 127
    scales[scales == 0] = 1
    return np.rint(vectors / scales[:, None]).astype(np.int8), scales.astype(np.float32)


def load_matrix(token):
    """The matrix of the stored vectors: one row per passage, several rows per document."""
    embedder = get_embedder()
    table = SearchDocument._meta.db_table
    vectors_table = SearchVector._meta.db_table
    sql = (
        f"SELECT d.id, v.vector FROM {table} d JOIN {vectors_table} v "  # noqa: S608 (model metadata)
        "ON v.hash = d.vector_hash ORDER BY d.id"
    )
    ids, blocks, scales = [], [], []
    with connection.cursor() as cursor:
        cursor.execute(sql if embedder is not None else f"{sql} LIMIT 0")
        while batch := cursor.fetchmany(5000):
            block = np.frombuffer(b"".join(bytes(data) for _id, data in batch), np.float32)
            block = block.reshape(-1, embedder.dimensions)
            ids += [
                doc_id
                for doc_id, data in batch
                for _row in range(len(data) // 4 // embedder.dimensions)
            ]
            rows, row_scales = quantise(block)
            blocks.append(rows)
            scales.append(row_scales)
    if not blocks:
        return Matrix(
            token, np.zeros(0, np.int64), np.zeros((0, 1), np.int8), np.ones(0, np.float32)
        )
    return Matrix(token, np.asarray(ids, np.int64), np.concatenate(blocks), np.concatenate(scales))


_lock = threading.Lock()
_current = {"matrix": None}


def current_matrix(token=None):
    token = token if token is not None else IndexState.current()
    matrix = _current["matrix"]
    if matrix is not None and matrix.token == token:
        return matrix
    with _lock:
        matrix = _current["matrix"]
        if matrix is None or matrix.token != token:
            matrix = _current["matrix"] = load_matrix(token)
    return matrix


def meaning_unavailable():
    """True when embeddings are configured but the model could not be loaded."""
    return setting().lower() != "none" and get_embedder() is None


def canonical_text(text):
    """The query as the index writes its words ("REGULARIZACION" -> "regularización"), so
    case and accents typed do not change its vector."""
    words, _buckets = vocabulary()
    return " ".join(words.get(fold(token), (token.lower(),))[0] for token in tokens(text))


@lru_cache(maxsize=512)
def _encode(name, text):
    return get_embedder().encode([text])[0]


def query_vector(text):
    """The query's vector (cached per process), or None without a model or on failure."""
    embedder = get_embedder()
    if embedder is None or not text:
        return None
    try:
        return _encode(embedder.name, canonical_text(text))
    except Exception:
        logger.exception("Query embedding failed: lexical search only")
        return None
