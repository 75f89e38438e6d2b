"""The per-client limit on searches running at once."""

from contextlib import contextmanager

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from network.platform.cache import touch

CONCURRENT_SEARCHES = 2
SLOT_SECONDS = 30


class TooManySearches(Exception):
    """The client already runs CONCURRENT_SEARCHES searches."""


def _client_key(request):
    from allauth.core.internal.httpkit import get_client_ip

    # The signed-in person, else the address allauth's login throttle uses (it honours
    # TRUSTED_PROXY_COUNT, so behind nginx it is the client's, not nginx's).
    if request.user.is_authenticated:
        return f"search-slots:user:{request.user.pk}"
    try:
        address = get_client_ip(request)
    except ImproperlyConfigured:  # fewer X-Forwarded-For entries than trusted proxies
        address = request.META.get("REMOTE_ADDR")
    return f"search-slots:ip:{address}"


def _hold(key):
    """Count this search in: the client's searches running now, this one included, or None
    when the cache cannot count (Redis down: searches then go unlimited rather than fail)."""
    cache.add(key, 0, SLOT_SECONDS)
    try:
        held = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, SLOT_SECONDS)
        held = 1
    if held is not None:
        touch(key, SLOT_SECONDS)
    return held


def _give_back(key):
    try:
        left = cache.decr(key)
    except ValueError:  # expired while the search ran: nothing left to give back
        return
    if left is not None and left < 0:  # the key expired and came back while this one ran
        cache.set(key, 0, SLOT_SECONDS)


@contextmanager
def search_slot(request):
    """Hold one of the client's search slots while the block runs; raise TooManySearches
    when all are taken. The slot is given back however the block ends."""
    key = _client_key(request)
    held = _hold(key)
    try:
        if held is not None and held > CONCURRENT_SEARCHES:
            raise TooManySearches
        yield
    finally:
        if held is not None:
            _give_back(key)
