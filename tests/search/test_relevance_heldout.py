"""Relevance on a third, held-out set (issue 9), scored exactly as the unseen set.

heldout/judgments.py judges the same corpus (the demo site and the unseen write-ups, imported and
published by the `unseen_keys` fixture) with queries of its own, written before any tuning; it is
for checking that tuning on the other sets carries over. Run with `-s` to read the figures per
query, per kind and per cross-language direction; DATABASE_URL selects PostgreSQL.
"""

from collections import defaultdict

import pytest
from heldout.judgments import JUDGMENTS
from relevance_metrics import BAR, DIRECTIONS, KINDS, UNSEEN_DOCUMENTS, score_set
from unseen.judgments import JUDGMENTS as UNSEEN_JUDGMENTS

pytestmark = pytest.mark.django_db
HELDOUT_KINDS = KINDS | {"two-word", "question"}


def test_the_heldout_set_covers_the_cases(demo_keys):
    unseen = {path.stem for path in UNSEEN_DOCUMENTS.glob("*.txt")}
    known = unseen | set(demo_keys.values())
    kinds = defaultdict(int)
    for kind, language, query, grades in JUDGMENTS:
        assert set(grades) <= known, query
        assert 3 in grades.values() and set(grades.values()) <= {1, 2, 3}, query
        assert language in {"es", "pt", "en"}
        name, _, direction = kind.partition(" ")
        assert name in HELDOUT_KINDS, kind
        assert (direction in DIRECTIONS) == (name == "cross-language"), kind
        kinds[name] += 1
        kinds[direction] += 1
        words = len(query.split())
        assert {"single-word": words == 1, "two-word": words == 2}.get(name, True), query
        if name == "natural-phrase":
            assert 4 <= words <= 8, query
        if direction:
            source, target = direction.split("->")
            wanted = {key for key, grade in grades.items() if grade == 3}
            assert language == source, query
            assert all(key in unseen and key.startswith(target + "-") for key in wanted), query
    assert len(JUDGMENTS) >= 80
    assert kinds["english-question"] >= 10 and kinds["natural-phrase"] >= 10
    assert kinds["question"] >= 6 and kinds["typo-in-multiword"] >= 8
    assert all(kinds[direction] >= 5 for direction in DIRECTIONS)
    shared = {query.lower() for _, _, query, _ in JUDGMENTS}
    shared &= {query.lower() for _, _, query, _ in UNSEEN_JUDGMENTS}
    assert not shared, f"queries of the unseen set: {sorted(shared)}"


def test_ndcg_at_10_on_the_heldout_set(engine, unseen_keys, capsys):
    with capsys.disabled():
        mean = score_set("Held-out set", JUDGMENTS, unseen_keys, engine)
    assert mean >= BAR, f"nDCG@10 {mean:.3f} < {BAR} on the held-out set"
