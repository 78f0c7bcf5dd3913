"""Relevance over the demo content: graded judgments scored by nDCG@10 (bar: 0.85), at the
level of the results a visitor sees (a practice with its matching lessons under it)."""

import pytest
from relevance_metrics import ndcg_at_10
from search_judgments import JUDGMENTS, practice_grades, practice_ranking

from search import service

pytestmark = pytest.mark.django_db
BAR = 0.85


def test_the_set_covers_the_cases():
    assert len(JUDGMENTS) >= 25
    cases = {case for case, *_rest in JUDGMENTS}
    assert {"no accent", "plural", "cross-language", "typo"} <= cases
    assert {language for _case, language, *_rest in JUDGMENTS} == {"es", "en", "pt"}


def test_ndcg_at_10_meets_the_bar(engine, demo_keys, capsys):
    scores = []
    lines = []
    for case, language, query, grades in JUDGMENTS:
        response = service.search(query, language=language, page_size=10, promote=False)
        grades = practice_grades(grades)
        ranked = practice_ranking(response.hits, demo_keys)
        score = ndcg_at_10(ranked, grades)
        scores.append(score)
        lines.append(f"{score:5.3f}  {language}  {case:15} {query!r:38} -> {ranked[:4]}")
    mean = sum(scores) / len(scores)
    with capsys.disabled():
        print(f"\nnDCG@10 over {len(scores)} queries ({engine}): {mean:.3f}")
        for line in sorted(lines):
            print("  " + line)
    assert mean >= BAR, f"nDCG@10 {mean:.3f} < {BAR}"
