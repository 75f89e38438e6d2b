"""The shared cache's Redis client fails fast: after a connection error or a timeout, this
process skips Redis for a few seconds instead of waiting out a timeout on every call while
Redis is down or hanging. With django-redis's IGNORE_EXCEPTIONS each skipped call is a miss."""

import contextvars
import threading
import time
from collections import OrderedDict
from contextlib import contextmanager

import redis
from django.conf import settings
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


def touch(key, timeout):
    """cache.touch, where a failure is a miss as it is for every other call: django-redis leaves
    touch out of IGNORE_EXCEPTIONS."""
    try:
        return cache.touch(key, timeout)
    except redis.RedisError:
        return False


# Versions: a cached entry's key carries the version of what it was computed from, and a write
# bumps the version, so that entries built from the old rows are never read again.


def app_version(app_label):
    """The version name that every write to one of the app's models bumps (the page cache
    connects the signals)."""
    return f"app:{app_label}"


def model_version(model):
    """The version name of one model's rows, for what depends on a few models of an app and
    not on its other writes (the desk's counts: network.desk.registry connects the signals)."""
    return f"model:{model._meta.label_lower}"


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
    if (seen := _seen.get()) is not None:
        seen.pop(name, None)


# Within a request each version is read from the shared cache once: the first read takes every
# version this process has been asked for (KNOWN_NAMES at most) in one round trip, and later
# reads in the request
# take the same values (the request sees the versions as they were when it first asked, as it
# sees a snapshot of the rows it reads), except what the request itself bumps. Outside a
# request (tasks, commands, sockets) every call reads the shared cache.
_seen = contextvars.ContextVar("versions_seen", default=None)


@contextmanager
def versions_read_once():
    token = _seen.set({})
    try:
        yield
    finally:
        _seen.reset(token)


KNOWN_NAMES = 64
_known = set()


def _names_to_read(names):
    """`names`, and on a request's first read every name this process has read before."""
    if not _known:
        _known.update(app_version(app) for app in settings.PAGE_CACHE_APPS)
    return _known | set(names)


def versions(names):
    """The current version of each name; a missing one (never written, evicted) starts now, so
    that an entry stored before the eviction is not taken for current."""
    seen = _seen.get()
    wanted = set(names) if seen is None else set(names) - seen.keys()
    if seen is not None and wanted and not seen:
        wanted = _names_to_read(wanted)
    if wanted:
        if len(_known) < KNOWN_NAMES:
            _known.update(wanted)
        found = _read_versions(wanted)
        if seen is None:
            return found
        seen.update(found)
    return {name: seen[name] for name in names}


def _read_versions(names):
    keys = {version_key(name): name for name in names}
    # A copy: on a failure django-redis returns one shared empty dict, which must stay empty.
    found = dict(cache.get_many(list(keys)))
    for key in keys.keys() - found.keys():
        started = time.time_ns()
        found[key] = started if cache.add(key, started, None) else cache.get(key, started)
    return {keys[key]: value for key, value in found.items()}


# What a key that carries versions names never changes, so each process also keeps the values
# it read or computed (LOCAL_ENTRIES at most, the oldest out first, each no longer than the
# shared cache would keep it): a page asks the shared cache only for versions. Callers must
# not change what they are given.
LOCAL_ENTRIES = 256
_local = OrderedDict()
_local_lock = threading.Lock()


def kept(key, compute, timeout):
    """compute()'s value under `key`, which must carry the versions the value was computed
    from: this process's copy, else the shared cache's, else computed and stored in both.
    None is never kept."""
    now = time.monotonic()
    with _local_lock:
        entry = _local.get(key)
        if entry is not None and entry[0] > now:
            _local.move_to_end(key)
            return entry[1]
    value = cache.get(key)
    if value is None:
        value = compute()
        if value is None:
            return None
        cache.set(key, value, timeout)
    with _local_lock:
        _local[key] = (now + timeout, value)
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)
    return value


def versioned(name, key, compute, timeout):
    """compute()'s value, cached under `key` and the current version of `name` (a version
    name, or a tuple of them): a bump of any makes the next call compute afresh. None is
    never cached."""
    names = (name,) if isinstance(name, str) else name
    current = versions(names)
    stamp = ":".join(f"{name}:{current[name]}" for name in names)
    return kept(f"{stamp}:{key}", compute, timeout)
