"""The in-process vector matrix: int8 rows that rank as exact cosines do, in half the memory
of float16, and numpy's BLAS in one thread (docs/performance.md)."""

import numpy as np
from threadpoolctl import threadpool_info

from search.semantic import Matrix, quantise


def unit_rows(rng, count):
    rows = rng.standard_normal((count, 512)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_nearest_documents_are_those_of_the_exact_cosine():
    rng = np.random.default_rng(9)
    vectors = unit_rows(rng, 3000)
    matrix = Matrix("token", np.arange(3000, dtype=np.int64) * 8, *quantise(vectors))
    for row in (0, 1234, 2999):
        query = vectors[row] + 0.05 * unit_rows(rng, 1)[0]
        query /= np.linalg.norm(query)
        exact = vectors @ query
        expected = [int(i) * 8 for i in np.argsort(-exact)[:5]]
        nearest = matrix.nearest(query, 5)
        assert [doc_id for doc_id, _cosine in nearest] == expected
        for doc_id, cosine in nearest:
            assert abs(cosine - exact[doc_id // 8]) < 0.005


def test_a_document_costs_about_512_bytes():
    vectors = unit_rows(np.random.default_rng(1), 1000)
    matrix = Matrix("token", np.arange(1000, dtype=np.int64), *quantise(vectors))
    assert matrix.nbytes <= 1000 * (512 + 8 + 4)
    assert np.allclose(matrix.rows([3, 7]), vectors[[3, 7]], atol=0.005)


def test_numpy_runs_one_blas_thread():
    blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert blas and all(pool["num_threads"] == 1 for pool in blas)
