"""The shared cache's Redis client fails fast: after a connection error or a timeout, this
process skips Redis for a few seconds instead of waiting out a timeout on every call while
Redis is down or hanging. With django-redis's IGNORE_EXCEPTIONS each skipped call is a miss."""

import threading
import time

import redis
from django.core.cache import cache

# Seconds a process leaves Redis alone after a failure before trying again.
RETRY_AFTER = 2.0

_lock = threading.Lock()
_down_until = 0.0


class FailFastRedis(redis.Redis):
    def execute_command(self, *args, **options):
        global _down_until
        if time.monotonic() < _down_until:
            raise redis.ConnectionError("Redis failed a moment ago; skipped for now.")
        try:
            return super().execute_command(*args, **options)
        except (redis.ConnectionError, redis.TimeoutError):
            with _lock:
                _down_until = time.monotonic() + RETRY_AFTER
            raise


# Versions: a cached entry's key carries the version of what it was computed from, and a write
# bumps the version, so that entries built from the old rows are never read again.


def app_version(app_label):
    """The version name that every write to one of the app's models bumps (the page cache
    connects the signals)."""
    return f"app:{app_label}"


def version_key(name):
    return f"version:{name}"


def bump(name):
    """A new version of `name`: keys built with the old one are never read again."""
    key = version_key(name)
    try:
        cache.incr(key)
    except ValueError:
        # Missing (first write, or evicted): start from the clock, never from an old number.
        cache.set(key, time.time_ns(), None)


def versions(names):
    """The current version of each name; a missing one (never written, evicted) starts now, so
    that an entry stored before the eviction is not taken for current."""
    keys = {version_key(name): name for name in names}
    # A copy: on a failure django-redis returns one shared empty dict, which must stay empty.
    found = dict(cache.get_many(list(keys)))
    for key in keys.keys() - found.keys():
        started = time.time_ns()
        found[key] = started if cache.add(key, started, None) else cache.get(key, started)
    return {keys[key]: value for key, value in found.items()}


def versioned(name, key, compute, timeout):
    """compute()'s value, cached under `key` and the current version of `name`: a bump of
    the version makes the next call compute afresh. None is never cached."""
    full_key = f"{name}:{versions([name])[name]}:{key}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, timeout)
    return value
