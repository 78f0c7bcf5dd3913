"""Search analytics: Wagtail's daily query hits, plus our daily zero-result counts.

The views only note a search (`note`); the rows are written when Django finishes the
request (`request_finished`, sent once the response has been handed to the server), so a
visitor never waits for the analytics writes and a failed write never fails a request.

Bounded: queries are stored at most `MAX_QUERY_CHARS` long, at most `MAX_QUERIES` distinct
queries are kept (a new query past that is dropped), and `prune_search_analytics` expires
old rows. A write that still fails after `ATTEMPTS` tries (a locked SQLite database, two
workers creating the same query at once) is dropped and counted: `dropped()` is the total
in the shared cache, and each drop is logged with it.
"""

import logging
import threading

from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query
from wagtail.search.utils import normalise_query_string

from .models import ZeroResultHit

logger = logging.getLogger(__name__)
_pending = threading.local()

MAX_QUERY_CHARS = 100
ATTEMPTS = 3
DROPPED_KEY = "search-analytics-dropped"


def max_queries():
    return settings.HUB_SEARCH_ANALYTICS_MAX_QUERIES


def dropped():
    """How many analytics writes were dropped (all processes sharing the cache)."""
    return cache.get(DROPPED_KEY, 0)


def _drop(query, reason):
    try:
        total = cache.incr(DROPPED_KEY)
    except ValueError:
        cache.add(DROPPED_KEY, 0, None)
        total = cache.incr(DROPPED_KEY)
    logger.warning("Search analytics dropped %r (%s); %d dropped in all", query, reason, total)


def _write(query_string, count):
    # The hub's day (TIME_ZONE), not UTC's: Query.add_hit() defaults to the UTC date.
    today = timezone.localdate()
    with transaction.atomic():
        entry = Query.objects.filter(query_string=query_string).first()
        if entry is None:
            if Query.objects.count() >= max_queries():
                return False
            entry = Query.objects.create(query_string=query_string)
        entry.add_hit(date=today)
        if count == 0:
            hit, _created = ZeroResultHit.objects.get_or_create(query=entry, date=today)
            ZeroResultHit.objects.filter(pk=hit.pk).update(hits=F("hits") + 1)
    return True


def record(query, count):
    """Count one search for query now; never fails the caller."""
    query_string = normalise_query_string(query or "")[:MAX_QUERY_CHARS].strip()
    if not query_string:
        return
    for attempt in range(1, ATTEMPTS + 1):
        try:
            if not _write(query_string, count):
                _drop(query_string, f"more than {max_queries()} distinct queries stored")
            return
        except DatabaseError as error:
            if attempt == ATTEMPTS:
                _drop(query_string, f"{type(error).__name__}: {error}")


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
