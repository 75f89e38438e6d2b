"""The shared cache's Redis client fails fast: after a connection error or a timeout, this
process skips Redis for a few seconds instead of waiting out a timeout on every call while
Redis is down or hanging. With django-redis's IGNORE_EXCEPTIONS each skipped call is a miss."""

import threading
import time

import redis

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
