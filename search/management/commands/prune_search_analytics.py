"""Expire old search analytics: daily hits and zero-result counts older than
`WAGTAILSEARCH_HITS_MAX_AGE` days (or --days), then queries left with no hits and no
promotion (Wagtail's own garbage collection). Run it daily (docs/deploy.md).

    manage.py prune_search_analytics            # keep WAGTAILSEARCH_HITS_MAX_AGE days
    manage.py prune_search_analytics --days 90
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from search.models import ZeroResultHit


class Command(BaseCommand):
    help = "Delete search analytics older than WAGTAILSEARCH_HITS_MAX_AGE days."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.WAGTAILSEARCH_HITS_MAX_AGE)

    @transaction.atomic
    def handle(self, days, **options):
        oldest = timezone.now().date() - datetime.timedelta(days=max(days, 0))
        hits, _ = QueryDailyHits.objects.filter(date__lt=oldest).delete()
        misses, _ = ZeroResultHit.objects.filter(date__lt=oldest).delete()
        before = Query.objects.count()
        Query.garbage_collect()
        queries = before - Query.objects.count()
        self.stdout.write(
            f"Deleted {hits} daily hit rows, {misses} zero-result rows and {queries} queries "
            f"older than {oldest.isoformat()}."
        )
