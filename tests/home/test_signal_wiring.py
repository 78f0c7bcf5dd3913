"""Receivers are bound to their senders: unrelated rows keep Django's fast (bulk) delete."""

from django.contrib.sessions.models import Session
from django.db.models.deletion import Collector


def test_deleting_rows_no_receiver_cares_about_is_one_bulk_query():
    assert Collector(using="default").can_fast_delete(Session.objects.all())
