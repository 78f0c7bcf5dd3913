"""The plain database search: the fallback when the configured engine cannot answer.

It looks for the analysed terms with LIKE over the document table (no full-text index, no
relevance ranking: results come newest first). Slow on big sites, but it never depends on
FTS5, tsvector columns or a search cluster.
"""

from dataclasses import replace
from functools import reduce
from operator import and_, or_

from django.db import DatabaseError, transaction
from django.db.models import Q

from ..facets import bits_from_units
from ..models import SLOTS, SearchDocument
from .base import DatabaseEngine, database_error, time_limit

TEXT_FIELDS = ("terms_title", "terms_lead", "terms_tags", "terms_body")


def _condition(query):
    clauses = []
    for clause in query.clauses:
        alternatives = [
            Q(**{f"{name}__contains": " ".join(alt)})
            for alt in clause.alternatives
            for name in TEXT_FIELDS
        ]
        clauses.append(reduce(or_, alternatives))
    return reduce(or_ if query.any_clause else and_, clauses)


class PlainEngine(DatabaseEngine):
    name = "database"
    label = "plain database search"
    ranks = False

    def match_slots(self, query, nbytes):
        by_slot = {}
        try:
            with transaction.atomic(), time_limit(self.timeout):
                ids = SearchDocument.objects.filter(_condition(query)).values_list("id", flat=True)
                for doc_id in ids.iterator(chunk_size=5000):
                    unit, slot = divmod(doc_id, SLOTS)
                    by_slot.setdefault(slot, []).append(unit)
        except DatabaseError as error:
            raise database_error(error) from error
        size = max(by_slot) + 1 if by_slot else 0
        return [bits_from_units(by_slot.get(slot, ()), nbytes) for slot in range(size)]

    def search(self, plan):
        if plan.sort == "relevance":
            plan = replace(plan, sort="date")
        return super().search(plan)

    def rank(self, query, filter_groups, limit, tier=None):
        return []

    def autocomplete(self, words, language, limit):
        if not words:
            return []
        condition = reduce(and_, [Q(ac__contains=word) for word in words])
        try:
            with transaction.atomic(), time_limit(self.timeout):
                return list(
                    SearchDocument.objects.filter(condition)
                    .order_by("-published_date")
                    .values_list("id", flat=True)[:limit]
                )
        except DatabaseError as error:
            raise database_error(error) from error
