"""The one cache helper: values built on demand, kept in Django's cache (`cached`) or in
the process's memory (`memo`).

Values of a group are dropped together by giving the group a new version token, which lives
in the same cache; with a cache shared by every worker (Redis in production, see
docs/deploy.md) a change seen by one process reaches all of them. Each value also expires
after `TIMEOUT` seconds, so nothing stale outlives that even if an invalidation is missed.
A memo checks the group's token on every call, so it is dropped as soon as the token changes.
"""

import uuid

from django.core.cache import cache

TIMEOUT = 300


def version_key(group):
    return f"{group}-version"


def version(group):
    """The group's current token (a new one if the cache lost it: old values never return)."""
    return cache.get_or_set(version_key(group), uuid.uuid4().hex, None)


def cached(group, key, build, timeout=TIMEOUT):
    """The value of group/key, from the cache or from build()."""
    full_key = f"{group}:{version(group)}:{key}"
    value = cache.get(full_key)
    if value is None:
        value = build()
        cache.set(full_key, value, timeout)
    return value


def invalidate(group):
    """Drop every value of the group, in every process sharing the cache."""
    cache.set(version_key(group), uuid.uuid4().hex, None)


_memos = {}  # group -> (token, {key: value})


def memo(group, key, build):
    """The value of group/key, kept in this process's memory while the group's token holds.

    For values read many times per request (taxonomy labels): one cache read for the token
    per call instead of unpickling the value; `invalidate(group)` in any process still
    reaches this one on its next call.
    """
    token = version(group)
    held = _memos.get(group)
    if held is None or held[0] != token:
        held = _memos[group] = (token, {})
    values = held[1]
    if key not in values:
        values[key] = build()
    return values[key]
