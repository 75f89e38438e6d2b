"""The two checks every POST view gets (test_forms_*.py run them over a part of the table each,
so that the parts run in parallel): fuzzed bodies never get a server error, a refusal is
shown and writes nothing, and what is written is only what that form may write; valid bodies
write what they should."""

from django.db import transaction
from hypothesis import given

from tests.fuzz.support import (
    FUZZ_SETTINGS,
    VALID_SETTINGS,
    fuzzed,
    outcome,
    show,
    tables_written,
    write_counts,
)


def post(client, endpoint, world, body):
    """One POST in a savepoint that is rolled back: returns what the person saw and wrote."""
    client.cookies.pop("messages", None)
    with transaction.atomic():
        before = write_counts()
        response = client.post(endpoint.url(world), body)
        written = tables_written(before, write_counts()) - endpoint.extra.get("noise", set())
        result = outcome(response, written)
        transaction.set_rollback(True)
    return result


def check(endpoint, body, result):
    where = f"{endpoint} with {show(body)}"
    assert result.status < 500, f"{where}: server error {result.status}"
    if result.refused:
        assert not result.written, f"{where}: refused ({result.errors}) but wrote {result.written}"
        assert result.status != 302 or result.errors, f"{where}: refused without a word"
    else:
        assert result.written <= endpoint.writes, (
            f"{where}: wrote {result.written - endpoint.writes} beyond {set(endpoint.writes)}"
        )
        assert result.written or endpoint.may_be_noop, f"{where}: nothing written, nothing said"


def fuzz(endpoint, world, client):
    client.force_login(getattr(world, endpoint.role))

    @FUZZ_SETTINGS
    @given(body=fuzzed(endpoint.valid(world)))
    def run(body):
        check(endpoint, body, post(client, endpoint, world, body))

    run()


def valid(endpoint, world, client):
    client.force_login(getattr(world, endpoint.role))

    @VALID_SETTINGS
    @given(body=endpoint.valid(world))
    def run(body):
        result = post(client, endpoint, world, body)
        where = f"{endpoint} with {show(body)}"
        assert result.status in (200, 302), f"{where}: {result.status} {result.errors}"
        assert not result.errors, f"{where}: refused a valid body: {result.errors}"
        if endpoint.must_write:
            assert endpoint.must_write in result.written, f"{where}: wrote only {result.written}"
        extra = result.written - endpoint.writes
        assert not extra, f"{where}: also wrote {extra}"

    run()
