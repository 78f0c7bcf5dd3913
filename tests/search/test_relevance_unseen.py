"""Relevance on material the ranking was never tuned on (issue 9): nDCG@10 per practice.

The write-ups in unseen/documents are imported and published through `import_practices`, beside
the demo site; every query of unseen/judgments.py is scored at the practice level (a lesson or
recommendation of a practice counts as that practice, only its first occurrence counts), as
visitors will see results grouped by practice. Run with `-s` to read the figures per query and
per kind; DATABASE_URL selects PostgreSQL as for every test.
"""

import json
import time
from collections import defaultdict
from io import StringIO
from pathlib import Path

from django.core.management import call_command

import pytest
from relevance_metrics import ndcg_at_10
from unseen.judgments import JUDGMENTS

from practices.importer import extract_document
from practices.models import PracticePage
from search import service

pytestmark = pytest.mark.django_db
BAR = 0.85
DOCUMENTS = Path(__file__).resolve().parent / "unseen" / "documents"
DEPTH = 50  # hits read to find the first ten practices
KINDS = {
    "single-word",
    "english-question",
    "natural-phrase",
    "typo-in-multiword",
    "cross-language",
    "exact-name",
    "no-accent",
}
DIRECTIONS = {"es->en", "es->pt", "en->es", "en->pt", "pt->es", "pt->en"}


@pytest.fixture
def unseen_keys(demo_keys):
    """Import and publish the unseen write-ups; {translation_key: judgment key}, demo included."""
    out = StringIO()
    call_command(
        "import_practices", str(DOCUMENTS), publish=True, report="-", stdout=out, stderr=StringIO()
    )
    keys = dict(demo_keys)
    for row in json.loads(out.getvalue()):
        page = PracticePage.objects.get(pk=row["page_id"], live=True)
        keys[str(page.translation_key)] = Path(row["file"]).stem
    return keys


def practice_ranking(hits, keys):
    """Judgment keys in rank order, each practice once (its lessons and recommendations count)."""
    ranked = []
    for hit in hits:
        key = keys.get(hit.translation_key, hit.translation_key)
        if key not in ranked:
            ranked.append(key)
    return ranked


def test_the_set_covers_the_cases(demo_keys):
    languages = defaultdict(int)
    for path in DOCUMENTS.glob("*.txt"):
        text, extraction = extract_document(path.name, path.read_bytes())
        assert 300 <= len(text.split()) <= 700, path.name
        assert path.stem.startswith(extraction.language + "-"), path.name
        languages[extraction.language] += 1
    assert sum(languages.values()) >= 12
    assert min(languages[language] for language in ("es", "pt", "en")) >= 3

    known = {path.stem for path in DOCUMENTS.glob("*.txt")} | set(demo_keys.values())
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


@pytest.mark.xfail(strict=False, reason="relevance bar of issue 9 not met yet")
def test_ndcg_at_10_on_unseen_material(engine, unseen_keys, capsys):
    started = time.perf_counter()
    by_kind = defaultdict(list)
    scores, lines = [], []
    for kind, language, query, grades in JUDGMENTS:
        response = service.search(query, language=language, page_size=DEPTH, promote=False)
        ranked = practice_ranking(response.hits, unseen_keys)
        score = ndcg_at_10(ranked, grades)
        scores.append(score)
        by_kind[kind.partition(" ")[0]].append(score)
        if kind.startswith("cross-language"):
            by_kind[kind].append(score)
        lines.append(f"{score:5.3f}  {language}  {kind:22} {query!r:58} -> {ranked[:3]}")
    mean = sum(scores) / len(scores)
    with capsys.disabled():
        print(f"\nUnseen set, nDCG@10 over {len(scores)} queries ({engine}): {mean:.3f}")
        for kind, values in sorted(by_kind.items()):
            print(f"  {kind:24} {sum(values) / len(values):.3f}  ({len(values)} queries)")
        for line in sorted(lines):
            print("  " + line)
        print(f"  {time.perf_counter() - started:.1f} s for the queries")
    assert mean >= BAR, f"nDCG@10 {mean:.3f} < {BAR} on the unseen set"
