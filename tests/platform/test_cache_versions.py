"""Cache versions are read once per request, and what a versioned key names is kept in the
process too (network/platform/cache.py): neither may ever hand out what a write replaced."""

import pytest
from django.core.cache import cache

from network.platform import cache as versions_cache
from network.platform.cache import (
    app_version,
    bump,
    version_key,
    versioned,
    versions,
    versions_read_once,
)


@pytest.fixture
def reads(monkeypatch):
    """The version keys read from the shared cache, one list per round trip."""
    calls = []
    get_many = cache.get_many

    def counting(keys, *args, **kwargs):
        calls.append(sorted(keys))
        return get_many(keys, *args, **kwargs)

    monkeypatch.setattr(cache, "get_many", counting)
    return calls


def test_a_request_reads_the_versions_once(reads):
    with versions_read_once():
        first = versions([app_version("gaps")])
        again = versions([app_version("gaps"), app_version("members")])
    assert len(reads) == 1
    # The first read took every tracked app's version, so the second needed none.
    assert version_key(app_version("members")) in reads[0]
    assert again[app_version("gaps")] == first[app_version("gaps")]


def test_a_bump_in_the_request_is_seen_by_the_request(reads):
    with versions_read_once():
        before = versions(["test:thing"])["test:thing"]
        bump("test:thing")
        after = versions(["test:thing"])["test:thing"]
    assert after != before
    assert len(reads) == 2


def test_outside_a_request_every_call_reads(reads):
    versions(["test:thing"])
    versions(["test:thing"])
    assert len(reads) == 2


def test_a_kept_value_is_computed_once_and_afresh_after_a_write_elsewhere():
    computed = []

    def compute():
        computed.append(1)
        return {"figure": len(computed)}

    assert versioned("test:figures", "all", compute, 60) == {"figure": 1}
    assert versioned("test:figures", "all", compute, 60) == {"figure": 1}
    assert len(computed) == 1
    # Another process's write: the shared version moves, this process's copy is not read.
    cache.incr(version_key("test:figures"))
    assert versioned("test:figures", "all", compute, 60) == {"figure": 2}


def test_kept_values_are_bounded(monkeypatch):
    monkeypatch.setattr(versions_cache, "LOCAL_ENTRIES", 3)
    for n in range(10):
        versions_cache.kept(f"test:bounded:{n}", lambda n=n: n, 60)
    assert len(versions_cache._local) <= 3
    assert versions_cache.kept("test:bounded:9", lambda: "recomputed", 60) == 9
