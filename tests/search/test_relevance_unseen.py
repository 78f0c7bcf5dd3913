"""Relevance on material the ranking was never tuned on (issue 9): nDCG@10 per practice.

The write-ups in unseen/documents are imported and published through `import_practices`, beside
the demo site; every query of unseen/judgments.py is scored at the practice level (a lesson or
recommendation of a practice counts as that practice, only its first occurrence counts), as
visitors will see results grouped by practice. Run with `-s` to read the figures per query and
per kind; DATABASE_URL selects PostgreSQL as for every test.
"""

from collections import defaultdict

import pytest
from relevance_metrics import BAR, DIRECTIONS, KINDS, UNSEEN_DOCUMENTS, score_set
from unseen.judgments import JUDGMENTS

from practices.importer import extract_document

pytestmark = pytest.mark.django_db


def test_the_set_covers_the_cases(demo_keys):
    languages = defaultdict(int)
    for path in UNSEEN_DOCUMENTS.glob("*.txt"):
        text, extraction = extract_document(path.name, path.read_bytes())
        assert 300 <= len(text.split()) <= 700, path.name
        assert path.stem.startswith(extraction.language + "-"), path.name
        languages[extraction.language] += 1
    assert sum(languages.values()) >= 12
    assert min(languages[language] for language in ("es", "pt", "en")) >= 3

    known = {path.stem for path in UNSEEN_DOCUMENTS.glob("*.txt")} | set(demo_keys.values())
    kinds = defaultdict(int)
    for kind, language, query, grades in JUDGMENTS:
        assert set(grades) <= known, query
        assert 3 in grades.values(), query
        assert language in {"es", "pt", "en"}
        name, _, direction = kind.partition(" ")
        assert name in KINDS and (direction in DIRECTIONS) == (name == "cross-language"), kind
        kinds[name] += 1
        kinds[direction] += 1
        if name == "natural-phrase":
            assert 4 <= len(query.split()) <= 8, query
    assert len(JUDGMENTS) >= 60
    assert kinds["english-question"] >= 10 and kinds["natural-phrase"] >= 10
    assert kinds["typo-in-multiword"] >= 8 and kinds["cross-language"] >= 12
    assert all(kinds[direction] >= 3 for direction in DIRECTIONS)


def test_ndcg_at_10_on_unseen_material(engine, unseen_keys, capsys):
    with capsys.disabled():
        mean = score_set("Unseen set", JUDGMENTS, unseen_keys, engine)
    assert mean >= BAR, f"nDCG@10 {mean:.3f} < {BAR} on the unseen set"
