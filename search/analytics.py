"""Search analytics: Wagtail's daily query hits, plus our daily zero-result counts.

The views only note a search (`note`); the rows are written when Django finishes the
request (`request_finished`, sent once the response has been handed to the server), so a
visitor never waits for the analytics writes.
"""

import logging
import threading

from django.core.signals import request_finished
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query

from .models import ZeroResultHit

logger = logging.getLogger(__name__)
_pending = threading.local()


def record(query, count):
    """Count one search for query now; never fails the caller."""
    if not query or not query.strip():
        return
    # The hub's day (TIME_ZONE), not UTC's: Query.add_hit() defaults to the UTC date.
    today = timezone.localdate()
    try:
        with transaction.atomic():
            entry = Query.get(query)
            entry.add_hit(date=today)
            if count == 0:
                hit, _created = ZeroResultHit.objects.get_or_create(query=entry, date=today)
                ZeroResultHit.objects.filter(pk=hit.pk).update(hits=F("hits") + 1)
    except DatabaseError:
        logger.exception("Could not record search analytics")


def note(query, count):
    """Record this search once the current request is finished."""
    searches = getattr(_pending, "searches", None)
    if searches is None:
        searches = _pending.searches = []
    searches.append((query, count))


def flush(**kwargs):
    """request_finished receiver: write what this request noted."""
    searches = getattr(_pending, "searches", None)
    if searches:
        _pending.searches = []
        for query, count in searches:
            record(query, count)


request_finished.connect(flush, dispatch_uid="search-analytics")
