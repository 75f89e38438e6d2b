"""The desk count in the header: on every page, cached per person, new after a write."""

import pytest

from tests.factories import MembershipRequestFactory

pytestmark = pytest.mark.django_db


def test_header_count_appears_and_changes_after_a_write(client, org_a, focal_a):
    client.force_login(focal_a)
    assert "Desk 0" in client.get("/members/").content.decode()
    MembershipRequestFactory(organization=org_a)
    assert "Desk 1" in client.get("/members/").content.decode()
    MembershipRequestFactory(organization=org_a)
    assert "Desk 2" in client.get("/agenda/").content.decode()


def test_header_count_is_the_persons_own(client, org_a, focal_a, member_a):
    MembershipRequestFactory(organization=org_a)
    client.force_login(focal_a)
    assert "Desk 1" in client.get("/members/").content.decode()
    client.force_login(member_a)
    assert "Desk 0" in client.get("/members/").content.decode()


def test_header_has_no_desk_for_anonymous(client):
    assert 'class="desk-link"' not in client.get("/members/").content.decode()


def _cache_reads(client, path):
    """How many reads (get, get_many, has_key) the page makes of the default cache."""
    from unittest import mock

    from django.core.cache import caches

    backend = caches["default"]
    counted = {"reads": 0, "depth": 0}
    originals = {name: getattr(backend, name) for name in ("get", "get_many", "has_key")}

    def counting(name):
        # Outermost calls only: the local-memory cache answers get_many with one get per key.
        def read(*args, **kwargs):
            counted["reads"] += counted["depth"] == 0
            counted["depth"] += 1
            try:
                return originals[name](*args, **kwargs)
            finally:
                counted["depth"] -= 1

        return read

    with (
        mock.patch.object(backend, "get", counting("get")),
        mock.patch.object(backend, "get_many", counting("get_many")),
        mock.patch.object(backend, "has_key", counting("has_key")),
    ):
        assert client.get(path).status_code == 200
    return counted["reads"]


def test_header_count_adds_at_most_one_cache_read(client, org_a, focal_a):
    from unittest import mock

    MembershipRequestFactory(organization=org_a)
    client.force_login(focal_a)
    client.get("/desk/")  # works the count out and caches it
    client.get("/agenda/")  # and the page: both measurements see the same cached page
    with_count = _cache_reads(client, "/agenda/")
    assert "Desk 1" in client.get("/agenda/").content.decode()
    with mock.patch("network.desk.templatetags.desk_tags.desk_count", return_value=None):
        without_count = _cache_reads(client, "/agenda/")
    assert with_count - without_count <= 1
