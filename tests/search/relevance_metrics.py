"""nDCG@10, shared by the relevance sets (search_judgments.py and unseen/judgments.py)."""

import math


def ndcg_at_10(ranked, grades):
    """Normalised discounted cumulative gain of the first ten keys, graded 0–3."""
    gains = [grades.get(key, 0) for key in ranked[:10]]
    dcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sorted(grades.values(), reverse=True)[:10]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0
